// SPDX-License-Identifier: Apache-2.0
// Socket addresses for wd_os_tcp_listen (net_addr.h).
#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#define _DEFAULT_SOURCE 1
#include <arpa/inet.h>
#include <netinet/in.h>
#endif
#include <stdint.h>
#include <string.h>

#include "platform/net_addr.h"

// "65535" -> 65535: decimal digits only, no sign or spaces, at most 65535.
static bool parse_port(const char *s, uint16_t *out) {
  if (!*s)
    return false;
  uint32_t v = 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9')
      return false;
    v = v * 10 + (uint32_t)(*s - '0');
    if (v > 65535)
      return false;
  }
  *out = (uint16_t)v;
  return true;
}

// "a.b.c.d:port" or "[v6]:port" into a socket address; false if malformed.
bool wd_net_parse_addr(const char *addr, struct sockaddr_storage *ss, socklen_t *len) {
  char host[INET6_ADDRSTRLEN + 1];
  const char *port;
  bool v6 = addr[0] == '[';
  if (v6) {
    const char *close = strchr(addr, ']');
    if (!close || close[1] != ':')
      return false;
    size_t n = (size_t)(close - (addr + 1));
    if (n >= sizeof host)
      return false;
    memcpy(host, addr + 1, n);
    host[n] = '\0';
    port = close + 2;
  } else {
    const char *colon = strchr(addr, ':');
    if (!colon)
      return false;
    size_t n = (size_t)(colon - addr);
    if (n >= sizeof host)
      return false;
    memcpy(host, addr, n);
    host[n] = '\0';
    port = colon + 1;
  }
  uint16_t pnum;
  if (!parse_port(port, &pnum))
    return false;
  memset(ss, 0, sizeof *ss);
  if (v6) {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(pnum);
    if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1)
      return false;
    *len = sizeof *a;
  } else {
    struct sockaddr_in *a = (struct sockaddr_in *)ss;
    a->sin_family = AF_INET;
    a->sin_port = htons(pnum);
    if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
      return false;
    *len = sizeof *a;
  }
  return true;
}
