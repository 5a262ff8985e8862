// SPDX-License-Identifier: Apache-2.0
// Threads for the tests: start a function on a thread of its own and wait
// for it, over POSIX threads or, under _WIN32, Windows threads; and
// whether threads start at all here. Header only; a test includes it once,
// having defined _POSIX_C_SOURCE to 200809L (fork, waitpid, kill,
// nanosleep) before any system header.
#ifndef WD_TEST_THREAD_SHIM_H
#define WD_TEST_THREAD_SHIM_H

#include <stdbool.h>

typedef void (*test_thread_fn)(void *arg);

#ifdef _WIN32
#include <windows.h>

typedef struct test_thread {
  HANDLE h;
  test_thread_fn fn;
  void *arg;
} test_thread_t;

static inline DWORD WINAPI test_thread_main(LPVOID p) {
  test_thread_t *t = p;
  t->fn(t->arg);
  return 0;
}

// Starts fn(arg) on a new thread; t must stay alive until joined. False if
// the thread could not be made.
static inline bool test_thread_start(test_thread_t *t, test_thread_fn fn, void *arg) {
  t->fn = fn;
  t->arg = arg;
  t->h = CreateThread(NULL, 0, test_thread_main, t, 0, NULL);
  return t->h != NULL;
}

static inline void test_thread_join(test_thread_t *t) {
  WaitForSingleObject(t->h, INFINITE);
  CloseHandle(t->h);
}
#else
#include <pthread.h>

typedef struct test_thread {
  pthread_t id;
  test_thread_fn fn;
  void *arg;
} test_thread_t;

static inline void *test_thread_main(void *p) {
  test_thread_t *t = p;
  t->fn(t->arg);
  return NULL;
}

static inline bool test_thread_start(test_thread_t *t, test_thread_fn fn, void *arg) {
  t->fn = fn;
  t->arg = arg;
  return pthread_create(&t->id, NULL, test_thread_main, t) == 0;
}

static inline void test_thread_join(test_thread_t *t) { pthread_join(t->id, NULL); }
#endif

#if !defined(_WIN32) && !defined(__wasi__)
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static inline void test_thread_nothing(void *arg) { (void)arg; }
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
    test_thread_t t;
    bool ok = test_thread_start(&t, test_thread_nothing, NULL);
    if (ok)
      test_thread_join(&t);
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
