// SPDX-License-Identifier: Apache-2.0
// Directory snapshots (dir_snapshot.h).
#include <string.h>

#include "platform/dir_snapshot.h"
#include "util/alloc.h"

void wd_dirsnap_clear(wd_dirsnap_t *s) {
  s->n = 0;
  s->nlen = 0;
  s->pos = 0;
  s->fresh = false;
}

wd_errno_t wd_dirsnap_add(wd_dirsnap_t *s, const char *name, size_t len, uint64_t ino,
                          uint8_t type) {
  void *p = s->ents;
  if (wd_grow(&p, &s->cap, s->n + 1, sizeof(wd_dirsnap_ent_t)) != 0)
    return WD_ENOMEM;
  s->ents = p;
  p = s->names;
  if (len > SIZE_MAX - s->nlen - 1 || wd_grow(&p, &s->ncap, s->nlen + len + 1, 1) != 0)
    return WD_ENOMEM;
  s->names = p;
  memcpy(s->names + s->nlen, name, len);
  s->names[s->nlen + len] = '\0';
  s->ents[s->n++] = (wd_dirsnap_ent_t){.ino = ino, .name = s->nlen, .len = len, .type = type};
  s->nlen += len + 1;
  return WD_ESUCCESS;
}

void wd_dirsnap_seek(wd_dirsnap_t *s, uint64_t cookie) {
  // A cookie this stream returned is at most n; anything larger is the end.
  s->pos = cookie < (uint64_t)s->n ? (size_t)cookie : s->n;
  s->fresh = false;
}

void wd_dirsnap_next(wd_dirsnap_t *s, wd_os_dirent_t *out, bool *end) {
  memset(out, 0, sizeof *out);
  s->fresh = false;
  if (s->pos >= s->n) {
    *end = true;
    return;
  }
  const wd_dirsnap_ent_t *en = &s->ents[s->pos++];
  *end = false;
  out->next = (uint64_t)s->pos;
  out->ino = en->ino;
  out->type = en->type;
  out->name = s->names + en->name;
  out->namelen = en->len;
}

void wd_dirsnap_free(wd_dirsnap_t *s) {
  wd_free(s->ents);
  wd_free(s->names);
  memset(s, 0, sizeof *s);
}
