// SPDX-License-Identifier: Apache-2.0
// Diagnostics: first-error-wins recording of status, offset and message.
#include "util/diag.h"

#include <stdio.h>
#include <string.h>

void wd_diag_clear(wd_diag_t *d) {
  d->status = WD_OK;
  d->offset = WD_NO_OFFSET;
  d->func = WD_NO_FUNC;
  d->msg[0] = '\0';
}

wd_status_t wd_diag_vset(wd_diag_t *d, wd_status_t status, size_t offset, const char *fmt,
                         va_list ap) {
  if (d == NULL || d->status != WD_OK)
    return status;
  d->status = status;
  d->offset = offset;
  vsnprintf(d->msg, sizeof d->msg, fmt, ap);
  return status;
}

wd_status_t wd_diag_set(wd_diag_t *d, wd_status_t status, size_t offset, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  wd_diag_vset(d, status, offset, fmt, ap);
  va_end(ap);
  return status;
}
