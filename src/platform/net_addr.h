// SPDX-License-Identifier: Apache-2.0
// Socket addresses for wd_os_tcp_listen ("IPv4:PORT", "[IPv6]:PORT"),
// parsed the same way on POSIX and Windows.
#ifndef WD_PLATFORM_NET_ADDR_H
#define WD_PLATFORM_NET_ADDR_H

#include <stdbool.h>

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <sys/socket.h>
#endif

// "a.b.c.d:port" or "[v6]:port" into a socket address (*len its size);
// false if malformed. Numeric addresses and decimal ports only.
bool wd_net_parse_addr(const char *addr, struct sockaddr_storage *ss, socklen_t *len);

#endif
