// SPDX-License-Identifier: Apache-2.0
// Threads for the unit tests: pthreads on POSIX, CreateThread on Windows.
// A thread function is declared `static THREAD_FN name(void *arg)` and
// returns THREAD_END. And test_threads_work, whether threads start here at
// all. Included once per test program, which on POSIX defines
// _POSIX_C_SOURCE (200809L or later) or _DEFAULT_SOURCE first, for
// test_threads_work's fork, waitpid, kill and nanosleep.
#ifndef WD_TEST_THREADS_H
#define WD_TEST_THREADS_H

#include <stdbool.h>
#ifdef _WIN32
#include <windows.h>
#else
#include <pthread.h>
#endif

#ifdef _WIN32
#define THREAD_FN DWORD WINAPI
#define THREAD_END 0
typedef HANDLE thread_t;
typedef DWORD thread_id_t;
static inline bool thread_start(thread_t *t, LPTHREAD_START_ROUTINE fn, void *arg) {
  return (*t = CreateThread(NULL, 0, fn, arg, 0, NULL)) != NULL;
}
static inline void thread_join(thread_t t) {
  WaitForSingleObject(t, INFINITE);
  CloseHandle(t);
}
static inline thread_id_t thread_self(void) { return GetCurrentThreadId(); }
#else
#define THREAD_FN void *
#define THREAD_END NULL
typedef pthread_t thread_t;
typedef pthread_t thread_id_t;
static inline bool thread_start(thread_t *t, void *(*fn)(void *), void *arg) {
  return pthread_create(t, NULL, fn, arg) == 0;
}
static inline void thread_join(thread_t t) { pthread_join(t, NULL); }
static inline thread_id_t thread_self(void) { return pthread_self(); }
#endif

#if !defined(_WIN32) && !defined(__wasi__)
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static inline THREAD_FN thread_nothing(void *arg) {
  (void)arg;
  return THREAD_END;
}
#endif

// Whether a thread can be started and joined here: not under qemu-user 7.2
// for i386, whose pthread_create never returns (docs/portability.md). A
// child process tries, given 10 s; a test that needs threads then skips
// what needs them, saying why.
static inline bool test_threads_work(void) {
#if defined(_WIN32)
  return true;
#elif defined(__wasi__)
  return false;
#else
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    thread_t t;
    bool ok = thread_start(&t, thread_nothing, NULL);
    if (ok)
      thread_join(t);
    _exit(ok ? 0 : 1);
  }
  if (pid < 0)
    return false;
  int st = 0;
  for (int i = 0; i < 1000; i++) {
    if (waitpid(pid, &st, WNOHANG) == pid)
      return WIFEXITED(st) && WEXITSTATUS(st) == 0;
    struct timespec d = {0, 10000000};
    nanosleep(&d, NULL);
  }
  kill(pid, SIGKILL);
  waitpid(pid, &st, 0);
  return false;
#endif
}

#endif
