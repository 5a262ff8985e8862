// SPDX-License-Identifier: Apache-2.0
// Threads for the unit tests: pthreads on POSIX, CreateThread on Windows.
// A thread function is declared `static THREAD_FN name(void *arg)` and
// returns THREAD_END. Included once per test program.
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
static bool thread_start(thread_t *t, LPTHREAD_START_ROUTINE fn, void *arg) {
  return (*t = CreateThread(NULL, 0, fn, arg, 0, NULL)) != NULL;
}
static void thread_join(thread_t t) {
  WaitForSingleObject(t, INFINITE);
  CloseHandle(t);
}
static inline thread_id_t thread_self(void) { return GetCurrentThreadId(); }
#else
#define THREAD_FN void *
#define THREAD_END NULL
typedef pthread_t thread_t;
typedef pthread_t thread_id_t;
static bool thread_start(thread_t *t, void *(*fn)(void *), void *arg) {
  return pthread_create(t, NULL, fn, arg) == 0;
}
static void thread_join(thread_t t) { pthread_join(t, NULL); }
static inline thread_id_t thread_self(void) { return pthread_self(); }
#endif

#endif
