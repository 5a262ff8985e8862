// SPDX-License-Identifier: Apache-2.0
// Hard links and renames never move or alias files across the sandbox
// boundary, nor from the read-only preopen (fd 4) into the writable one
// (fd 3) or back: a hard link from ro into rw would make a read-only file
// writable. Control: link and rename inside fd 3 work.
#include "esc.h"

int main(void) {
  int32_t fd = create_file(PRE, "mine.txt", 0);
  write_all(fd, "mine", 4);
  (void)__wasi_fd_close(fd);
  CHECK_OK("link mine.txt -> mine2.txt (control)", p_link(PRE, 0, "mine.txt", PRE, "mine2.txt"));
  CHECK_OK("rename mine2.txt -> mine3.txt (control)", p_rename(PRE, "mine2.txt", PRE, "mine3.txt"));
  CHECK_ERRNO_IN("link ro/file.txt -> sandbox/stolen.txt",
                 p_link(RO, 0, "file.txt", PRE, "stolen.txt"), E_READONLY, __WASI_ERRNO_XDEV);
  CHECK_ERRNO_IN("link ro/sub/inner.txt -> sandbox/stolen2.txt",
                 p_link(RO, 0, "sub/inner.txt", PRE, "stolen2.txt"), E_READONLY, __WASI_ERRNO_XDEV);
  CHECK_ERRNO_IN("rename ro/file.txt -> sandbox/moved.txt",
                 p_rename(RO, "file.txt", PRE, "moved.txt"), E_READONLY, __WASI_ERRNO_XDEV);
  CHECK_ERRNO_IN("rename ro/sub -> sandbox/movedsub", p_rename(RO, "sub", PRE, "movedsub"),
                 E_READONLY, __WASI_ERRNO_XDEV);
  CHECK_ERRNO_IN("rename sandbox/mine.txt -> ro/planted.txt",
                 p_rename(PRE, "mine.txt", RO, "planted.txt"), E_READONLY, __WASI_ERRNO_XDEV);
  CHECK_ERRNO_IN("link sandbox/mine.txt -> ro/planted.txt",
                 p_link(PRE, 0, "mine.txt", RO, "planted.txt"), E_READONLY, __WASI_ERRNO_XDEV);
  CHECK_ERRNO_IN("rename sandbox/mine.txt over ro/file.txt",
                 p_rename(PRE, "mine.txt", RO, "file.txt"), E_READONLY, __WASI_ERRNO_XDEV);
  CHECK_ERRNO_IN("link ../outside/secret.txt -> in.txt",
                 p_link(PRE, 0, "../outside/secret.txt", PRE, "in.txt"), E_ESCAPE);
  CHECK_ERRNO_IN("link mine.txt -> ../outside/out.txt",
                 p_link(PRE, 0, "mine.txt", PRE, "../outside/out.txt"), E_ESCAPE);
  CHECK_ERRNO_IN("rename mine.txt -> ../outside/out.txt",
                 p_rename(PRE, "mine.txt", PRE, "../outside/out.txt"), E_ESCAPE);
  CHECK_ERRNO_IN("rename ../outside/secret.txt -> in.txt",
                 p_rename(PRE, "../outside/secret.txt", PRE, "in.txt"), E_ESCAPE);
  CHECK_ERRNO_IN("rename ../outside -> indir", p_rename(PRE, "../outside", PRE, "indir"), E_ESCAPE);
  // Whatever happened, no fd opened in the sandbox may write ro's file.
  int32_t s = -1;
  if (p_open(PRE, 0, "stolen.txt", 0, R_RW, 0, 0, &s) == 0) {
    wc_fail("stolen.txt exists in the sandbox (got an fd, want ENOENT)");
    leak(s);
  }
  done();
}
