// SPDX-License-Identifier: Apache-2.0
// A TCP server on the socket ward pre-opens with --tcplisten (fd 3): waits
// for a connection (poll_oneoff on fd 3, then sock_accept), reads one line
// with sock_recv, sends it back upper-cased with sock_send, shuts down its
// sending side and reads to EOF. The runner connects with
// tests/wasi/host/tcp_client, which checks the reply.
#include "wasi_check.h"

static int wait_readable(int32_t fd, uint64_t timeout_ns) {
  __wasi_subscription_t s[2];
  memset(s, 0, sizeof s);
  s[0].userdata = 1;
  s[0].u.tag = __WASI_EVENTTYPE_FD_READ;
  s[0].u.u.fd_read.file_descriptor = (__wasi_fd_t)fd;
  s[1].userdata = 2;
  s[1].u.tag = __WASI_EVENTTYPE_CLOCK;
  s[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  s[1].u.u.clock.timeout = timeout_ns;
  __wasi_event_t ev[2];
  __wasi_size_t n = 0;
  if (__wasi_poll_oneoff(s, ev, 2, &n) != 0)
    return 0;
  for (__wasi_size_t i = 0; i < n; i++)
    if (ev[i].userdata == 1 && ev[i].error == 0)
      return 1;
  return 0;
}

int main(void) {
  __wasi_fdstat_t st;
  REQUIRE_OK("fd_fdstat_get(3)", __wasi_fd_fdstat_get(3, &st));
  CHECK_EQ("fd 3 is a stream socket", st.fs_filetype, __WASI_FILETYPE_SOCKET_STREAM);
  __wasi_prestat_t ps;
  CHECK_ERRNO("fd_prestat_get(3) (a socket is not a preopened dir)", __wasi_fd_prestat_get(3, &ps),
              __WASI_ERRNO_BADF);
  printf("listening\n");
  fflush(stdout);
  __wasi_fd_t conn = 0;
  int32_t e = __WASI_ERRNO_AGAIN;
  for (int tries = 0; tries < 100 && e == __WASI_ERRNO_AGAIN; tries++) {
    wait_readable(3, 200000000ull);
    e = __wasi_sock_accept(3, 0, &conn);
  }
  REQUIRE_OK("sock_accept", e);
  CHECK_OK("fd_fdstat_get(conn)", __wasi_fd_fdstat_get(conn, &st));
  CHECK_EQ("accepted fd is a stream socket", st.fs_filetype, __WASI_FILETYPE_SOCKET_STREAM);
  char line[256];
  size_t len = 0;
  while (len < sizeof line - 1 && (len == 0 || line[len - 1] != '\n')) {
    __wasi_iovec_t iv = {(uint8_t *)line + len, sizeof line - 1 - len};
    __wasi_size_t got = 0;
    __wasi_roflags_t ro = 0;
    e = __wasi_sock_recv(conn, &iv, 1, 0, &got, &ro);
    if (e == __WASI_ERRNO_AGAIN) {
      wait_readable((int32_t)conn, 200000000ull);
      continue;
    }
    REQUIRE_OK("sock_recv", e);
    if (got == 0)
      break;
    len += got;
  }
  line[len] = 0;
  wc_info("received %zu bytes", len);
  CHECK_TRUE("received a line", len > 0 && line[len - 1] == '\n');
  for (size_t i = 0; i < len; i++)
    if (line[i] >= 'a' && line[i] <= 'z')
      line[i] = (char)(line[i] - 32);
  size_t sent = 0;
  while (sent < len) {
    __wasi_ciovec_t cv = {(const uint8_t *)line + sent, len - sent};
    __wasi_size_t put = 0;
    e = __wasi_sock_send(conn, &cv, 1, 0, &put);
    if (e == __WASI_ERRNO_AGAIN)
      continue;
    REQUIRE_OK("sock_send", e);
    sent += put;
  }
  CHECK_OK("sock_shutdown(wr)", __wasi_sock_shutdown(conn, __WASI_SDFLAGS_WR));
  CHECK_OK("fd_close(conn)", __wasi_fd_close(conn));
  done();
}
