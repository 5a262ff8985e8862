// SPDX-License-Identifier: Apache-2.0
// Host-side helper of the test scripts (tests/lib/ward_runner.sh), a
// portable stand-in for coreutils' timeout: runs COMMAND in a process group
// of its own, and if it has not ended after SECONDS, sends the group SIGTERM
// (then SIGKILL 5 s later: an emulator's or a wrapper's children too), prints
// "watchdog: COMMAND killed after SECONDS s" on stderr and exits 124.
// Otherwise exits with COMMAND's status, or 128 + the signal that ended it
// (as a shell reports it). 125 if COMMAND cannot be started.
// Usage: watchdog SECONDS COMMAND [ARGS...]
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;

static void on_alarm(int sig) {
  (void)sig;
  alarms++;
}

int main(int argc, char **argv) {
  char *end;
  long seconds = argc > 2 ? strtol(argv[1], &end, 10) : 0;
  if (argc < 3 || *end != '\0' || seconds <= 0) {
    fprintf(stderr, "usage: watchdog SECONDS COMMAND [ARGS...]\n");
    return 125;
  }
  // COMMAND leads a new process group, which its children inherit: one
  // kill reaches them all (an emulator's, a wrapper's).
  pid_t pid = fork();
  if (pid < 0) {
    perror("watchdog: fork");
    return 125;
  }
  if (pid == 0) {
    setpgid(0, 0);
    execvp(argv[2], argv + 2);
    fprintf(stderr, "watchdog: %s: %s\n", argv[2], strerror(errno));
    _exit(errno == ENOENT ? 127 : 126);
  }
  setpgid(pid, pid); // as the child does: whichever runs first
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0; // no SA_RESTART: the alarm interrupts waitpid
  sigaction(SIGALRM, &sa, NULL);
  alarm((unsigned)seconds);
  int status;
  int sent = 0;
  for (;;) {
    if (waitpid(pid, &status, 0) == pid)
      break;
    if (errno != EINTR) {
      perror("watchdog: waitpid");
      return 125;
    }
    if (alarms > sent) {
      sent = (int)alarms;
      kill(-pid, sent == 1 ? SIGTERM : SIGKILL);
      alarm(5);
    }
  }
  if (sent > 0) {
    fprintf(stderr, "watchdog: %s killed after %ld s\n", argv[2], seconds);
    return 124;
  }
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return 125;
}
