// SPDX-License-Identifier: Apache-2.0
// Threads for the tests: start a function on a thread of its own and wait
// for it, over POSIX threads or, under _WIN32, Windows threads. Header
// only; a test includes it once.
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

static DWORD WINAPI test_thread_main(LPVOID p) {
  test_thread_t *t = p;
  t->fn(t->arg);
  return 0;
}

// Starts fn(arg) on a new thread; t must stay alive until joined. False if
// the thread could not be made.
static bool test_thread_start(test_thread_t *t, test_thread_fn fn, void *arg) {
  t->fn = fn;
  t->arg = arg;
  t->h = CreateThread(NULL, 0, test_thread_main, t, 0, NULL);
  return t->h != NULL;
}

static void test_thread_join(test_thread_t *t) {
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

static void *test_thread_main(void *p) {
  test_thread_t *t = p;
  t->fn(t->arg);
  return NULL;
}

static bool test_thread_start(test_thread_t *t, test_thread_fn fn, void *arg) {
  t->fn = fn;
  t->arg = arg;
  return pthread_create(&t->id, NULL, test_thread_main, t) == 0;
}

static void test_thread_join(test_thread_t *t) { pthread_join(t->id, NULL); }
#endif

#endif
