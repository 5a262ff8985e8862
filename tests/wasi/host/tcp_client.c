// SPDX-License-Identifier: Apache-2.0
// Native test client for sock_echo.wasm: connects to HOST:PORT (retrying
// for up to 10 s while ward starts), sends MESSAGE, closes its sending
// side, reads the reply to EOF and compares it with EXPECTED.
// Usage: tcp_client HOST PORT MESSAGE EXPECTED   (exit 0 if equal)
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: tcp_client HOST PORT MESSAGE EXPECTED\n");
    return 2;
  }
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((unsigned short)atoi(argv[2]));
  if (inet_pton(AF_INET, argv[1], &sa.sin_addr) != 1) {
    fprintf(stderr, "tcp_client: bad address %s\n", argv[1]);
    return 2;
  }
  int s = -1;
  for (int i = 0; i < 200; i++) {
    s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) {
      perror("tcp_client: socket");
      return 1;
    }
    if (connect(s, (struct sockaddr *)&sa, sizeof sa) == 0)
      break;
    close(s);
    s = -1;
    struct timespec ts = {0, 50 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  if (s < 0) {
    fprintf(stderr, "tcp_client: could not connect to %s:%s\n", argv[1], argv[2]);
    return 1;
  }
  struct timeval tv = {10, 0};
  setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  size_t len = strlen(argv[3]);
  if (write(s, argv[3], len) != (ssize_t)len) {
    perror("tcp_client: write");
    return 1;
  }
  char buf[4096];
  size_t got = 0;
  for (;;) {
    ssize_t r = read(s, buf + got, sizeof buf - 1 - got);
    if (r < 0) {
      perror("tcp_client: read");
      return 1;
    }
    if (r == 0)
      break;
    got += (size_t)r;
    if (got == sizeof buf - 1)
      break;
  }
  buf[got] = 0;
  shutdown(s, SHUT_WR);
  close(s);
  if (strcmp(buf, argv[4]) != 0) {
    printf("tcp_client: FAIL: reply (got '%s', want '%s')\n", buf, argv[4]);
    return 1;
  }
  printf("tcp_client: reply '%s' as expected\n", argv[4]);
  return 0;
}
