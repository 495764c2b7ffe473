#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send one Router Advertisement with a PREF64 option (RFC 8781).

    ra_pref64.py IFNAME PREFIX/LEN LIFETIME

To all nodes on IFNAME, hop limit 255, from the interface's link-local
address, Router Lifetime 0 (not a default router); the kernel fills in
the ICMPv6 checksum. LIFETIME in seconds, rounded up to 8 s units.
"""
import socket
import struct
import sys

PLC = {96: 0, 64: 1, 56: 2, 48: 3, 40: 4, 32: 5}


def main():
    ifname, prefix, lifetime = sys.argv[1], sys.argv[2], int(sys.argv[3])
    addr, plen = prefix.split("/")
    raw = socket.inet_pton(socket.AF_INET6, addr)
    scaled = min((lifetime + 7) // 8, 8191)
    opt = struct.pack("!BBH", 38, 2, scaled << 3 | PLC[int(plen)]) + raw[:12]
    ra = struct.pack("!BBHBBHII", 134, 0, 0, 64, 0, 0, 0, 0) + opt
    sock = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                         socket.IPPROTO_ICMPV6)
    idx = socket.if_nametoindex(ifname)
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, idx)
    sock.sendto(ra, ("ff02::1", 0, 0, idx))


if __name__ == "__main__":
    main()
