#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A storm of malformed packets, for test-storm.sh. Plain Python (struct
and packet sockets), deterministic: the same seed, the same packets.

  storm.py ip6 IFACE DSTMAC COUNT SEED   IPv6 frames out of IFACE
  storm.py ip4 IFACE DSTMAC COUNT SEED   IPv4 frames out of IFACE
  storm.py ra IFACE COUNT SEED           RAs sent by this host out of IFACE
                                         (raw socket, header included)
  storm.py dhcp6 IFACE DSTMAC COUNT SEED DHCPv6 client messages (port 546
                                         to 547) into IFACE's peer
  storm.py dhcp6-reply IFACE COUNT SEED  DHCPv6 server messages (547 to
                                         546) sent by this host out of IFACE

Prints the number of packets sent. The addresses are test-storm.sh's:
IPv6 hosts 2001:db8:6::/64 (EAM 2001:db8:6::/120 = 192.0.2.0/24), the
IPv4 side 198.51.100.0/24, seen from IPv6 through the SIIT prefix
2001:db8:46::/96 and the NAT64 prefix 2001:db8:64::/96; pool4
203.0.113.1. No IPv4 SYN goes to NAT64 (a held SYN is counted twice):
test-storm.sh checks that every packet the hooks inspect is counted once,
as passed, translated or dropped.
"""
import random
import socket
import struct
import sys

SIIT6 = bytes.fromhex("20010db8004600000000000000000000")[:12]
NAT64 = bytes.fromhex("20010db8006400000000000000000000")[:12]
H6NET = bytes.fromhex("20010db8000600000000000000000000")[:8]


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ip6_hdr(src, dst, nh, plen, hlim=64, tc=0, flow=0):
    return struct.pack("!IHBB", 6 << 28 | tc << 20 | flow, plen, nh,
                       hlim) + src + dst


def ip4_hdr(src, dst, proto, tlen, ttl=64, ident=0, frag=0, opts=b""):
    ihl = 5 + len(opts) // 4
    h = struct.pack("!BBHHHBBH4s4s", 4 << 4 | ihl, 0, tlen, ident, frag,
                    ttl, proto, 0, src, dst) + opts
    return h[:10] + struct.pack("!H", csum(h)) + h[12:]


def l4(r, proto, src, dst, v6, inner=None, depth=0):
    """A transport header and payload for @proto, checksummed (mostly)."""
    pay = bytes(r.randrange(256) for _ in range(r.choice((0, 0, 1, 8, 40))))
    if proto == 17:
        body = struct.pack("!HHHH", r.randrange(1, 65536), r.choice((7, 53,
                           9, r.randrange(65536))), 8 + len(pay), 0) + pay
    elif proto == 6:
        flags = r.choice((0x10, 0x18, 0x11, 0x04, 0x14, 0x01, 0x00, 0xFF))
        if not v6:
            flags &= ~0x02      # an IPv4 SYN may be held: see above
        body = struct.pack("!HHIIBBHHH", r.randrange(1, 65536),
                           r.randrange(1, 65536), r.getrandbits(32),
                           r.getrandbits(32), 5 << 4, flags, 8192, 0, 0) + pay
    else:                       # ICMP / ICMPv6
        if inner is not None:
            t = r.choice((1, 3) if v6 else (3, 11, 12))
            body = struct.pack("!BBHI", t, r.randrange(5), 0,
                               r.choice((0, 1280, 0xFFFFFFFF))) + inner
        else:
            t = r.choice((128, 129) if v6 else (8, 0))
            body = struct.pack("!BBHHH", t, 0, 0, r.randrange(65536),
                               r.randrange(65536)) + pay
    if proto == 58 or (v6 and proto in (6, 17)):
        pseudo = src + dst + struct.pack("!IxxxB", len(body), proto)
    elif proto in (6, 17):
        pseudo = src + dst + struct.pack("!xBH", proto, len(body))
    else:
        pseudo = b""
    off = {17: 6, 6: 16}.get(proto, 2)
    c = csum(pseudo + body)
    if r.random() < 0.1:
        c ^= r.randrange(1, 65536)          # a bad checksum
    return body[:off] + struct.pack("!H", c) + body[off + 2:]


def v6_packet(r, depth=0):
    src = H6NET + bytes(7) + bytes([r.randrange(1, 256)])
    if r.random() < 0.5:
        dst = SIIT6 + bytes([198, 51, 100, r.randrange(256)])
    elif r.random() < 0.8:
        dst = NAT64 + bytes([198, 51, 100, r.randrange(256)])
    else:
        dst = bytes(r.randrange(256) for _ in range(16))
    proto = r.choice((6, 17, 58, 58))
    inner = None
    if proto == 58 and depth < 2 and r.random() < 0.4:
        # an error about a packet going the other way (nested: an error
        # about an error)
        inner = v6_packet(r, depth + 1)
        inner = inner[:r.randrange(40, max(41, len(inner) + 1))]
        # swap the inner addresses: it was sent by the destination
        inner = inner[:8] + inner[24:40] + inner[8:24] + inner[40:]
    body = l4(r, proto, src, dst, True, inner)
    exts, nh = b"", proto
    for _ in range(r.choice((0, 0, 0, 1, 2, 8))):
        kind = r.choice((0, 60, 43, 44))
        if kind == 44:          # Fragment header: offset, M, id
            fo = r.choice((0, 0, 1, 8, 185)) << 3 | r.randrange(2)
            exts = struct.pack("!BBHI", nh, 0, fo, r.getrandbits(32)) + exts
        elif kind == 43:        # Routing, type 0 or 2, segments left 0 or 1
            exts = struct.pack("!BBBB4x", nh, 0, r.choice((0, 2, 4)),
                               r.randrange(2)) + exts
        else:                   # Hop-by-Hop or Destination Options, PadN
            exts = struct.pack("!BB6s", nh, 0, bytes([1, 4, 0, 0, 0, 0])) + \
                exts
        nh = kind
    payload = exts + body
    plen = len(payload)
    if r.random() < 0.15:
        plen = r.choice((0, 1, plen - 1, plen + 1, plen + 100, 65535)) & 0xFFFF
    pkt = ip6_hdr(src, dst, nh, plen, hlim=r.choice((64, 64, 1, 0, 255))) + \
        payload
    if r.random() < 0.15:
        pkt = pkt[:r.randrange(1, len(pkt) + 1)]            # truncated
    if r.random() < 0.05 and len(pkt) > 40:
        i = r.randrange(40, len(pkt))                       # a flipped byte
        pkt = pkt[:i] + bytes([pkt[i] ^ (1 << r.randrange(8))]) + pkt[i + 1:]
    return pkt


def v4_packet(r, depth=0):
    src = bytes([198, 51, 100, r.randrange(2, 255)])
    dst = r.choice((bytes([192, 0, 2, r.randrange(256)]),
                    bytes([203, 0, 113, 1]),
                    bytes([203, 0, 113, 1]),
                    bytes(r.randrange(256) for _ in range(4))))
    proto = r.choice((6, 17, 1, 1))
    inner = None
    if proto == 1 and depth < 2 and r.random() < 0.4:
        inner = v4_packet(r, depth + 1)
        inner = inner[:r.randrange(20, max(21, len(inner) + 1))]
        inner = inner[:12] + inner[16:20] + inner[12:16] + inner[20:]
    body = l4(r, proto, src, dst, False, inner)
    opts = b""
    if r.random() < 0.1:        # options: NOP, a source route, garbage
        opts = r.choice((b"\x01\x01\x01\x00",
                         b"\x83\x07\x04" + bytes([198, 51, 100, 9]) + b"\x00",
                         bytes(r.randrange(256) for _ in range(8))))
    frag = 0
    if r.random() < 0.2:        # fragments: first, middle, tiny, overlapping
        frag = r.choice((0x2000, 0x2000 | 1, 0x0001, 0x2000 | 185, 3)) | \
            r.choice((0, 0x4000))
    tlen = 20 + len(opts) + len(body)
    if r.random() < 0.15:
        tlen = r.choice((0, 19, 20, tlen - 1, tlen + 1, 65535))
    pkt = ip4_hdr(src, dst, proto, tlen, ttl=r.choice((64, 64, 1, 0)),
                  ident=r.randrange(65536), frag=frag, opts=opts) + body
    if r.random() < 0.15:
        pkt = pkt[:r.randrange(1, len(pkt) + 1)]
    return pkt


def dhcp6_msg(r):
    opts = b""
    for _ in range(r.randrange(4)):
        code = r.choice((1, 2, 13, 25, 26, 9, r.randrange(65536)))
        data = bytes(r.randrange(256) for _ in range(r.randrange(30)))
        ln = len(data) if r.random() < 0.8 else r.randrange(65536)
        if code == 25 and r.random() < 0.7:     # IA_PD with an IAPREFIX
            pfx = struct.pack("!HHIIB16s", 26, 25, 3600, 7200,
                              r.choice((48, 56, 64, 129)),
                              bytes.fromhex("20010db8aa") + bytes(11))
            data = struct.pack("!III", 1, 1800, 2880) + pfx
            ln = len(data)
        opts += struct.pack("!HH", code, ln) + data
    msg = bytes([r.choice((7, 7, 13, 8, 5, 3))]) + bytes(3) + opts
    if r.random() < 0.2:
        msg = msg[:r.randrange(len(msg) + 1)]
    return msg


def send_frames(iface, dstmac, pkts, ethertype):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    mac = bytes.fromhex(dstmac.replace(":", ""))
    src = bytes.fromhex(open("/sys/class/net/%s/address" % iface).read()
                        .strip().replace(":", ""))
    n = 0
    for p in pkts:
        s.send(mac + src + struct.pack("!H", ethertype) + p)
        n += 1
    return n


def main():
    what, args = sys.argv[1], sys.argv[2:]
    if what in ("ip6", "ip4", "dhcp6"):
        iface, dstmac, count, seed = args[0], args[1], int(args[2]), args[3]
        r = random.Random(what + seed)
        if what == "ip6":
            pkts = (v6_packet(r) for _ in range(count))
            n = send_frames(iface, dstmac, pkts, 0x86DD)
        elif what == "ip4":
            pkts = (v4_packet(r) for _ in range(count))
            n = send_frames(iface, dstmac, pkts, 0x0800)
        else:
            def dhcp(i):
                src = bytes.fromhex("fe80000000000000") + bytes(7) + b"\x09"
                dst = bytes.fromhex("fe80000000000000") + bytes(7) + b"\x01"
                msg = dhcp6_msg(r)
                udp = struct.pack("!HHHH", 546, 547, 8 + len(msg), 0) + msg
                c = csum(src + dst + struct.pack("!IxxxB", len(udp), 17) +
                         udp)
                udp = udp[:6] + struct.pack("!H", c or 0xFFFF) + udp[8:]
                return ip6_hdr(src, dst, 17, len(udp), hlim=255) + udp
            n = send_frames(iface, dstmac, (dhcp(i) for i in range(count)),
                            0x86DD)
    elif what == "dhcp6-reply":
        iface, count, seed = args[0], int(args[1]), args[2]
        r = random.Random("dhcp6-reply" + seed)
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, 25, iface.encode())   # BINDTODEVICE
        s.bind(("::", 547))
        n = 0
        for _ in range(count):
            try:
                s.sendto(dhcp6_msg(r), ("fe80::2", 546, 0,
                                        socket.if_nametoindex(iface)))
                n += 1
            except OSError:
                pass
    elif what == "ra":
        iface, count, seed = args[0], int(args[1]), args[2]
        r = random.Random("ra" + seed)
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                          socket.IPPROTO_RAW)
        s.setsockopt(socket.SOL_SOCKET, 25, iface.encode())   # BINDTODEVICE
        ll = None
        with open("/proc/thread-self/net/if_inet6") as f:
            for line in f:
                p = line.split()
                if p[5] == iface and p[0].startswith("fe80"):
                    ll = bytes.fromhex(p[0])
        dst = bytes.fromhex("ff020000000000000000000000000001")
        n = 0
        for _ in range(count):
            opts = b""
            for _ in range(r.randrange(6)):
                t = r.choice((1, 3, 5, 24, 25, 31, 38, r.randrange(256)))
                ln = r.choice((0, 1, 2, 3, 5, r.randrange(256)))
                opts += struct.pack("!BB", t, ln) + bytes(
                    r.randrange(256) for _ in range(max(0, 8 * ln - 2)
                                                    if r.random() < 0.8 else
                                                    r.randrange(20)))
            body = struct.pack("!BBHBBHII", 134, r.choice((0, 0, 1)), 0, 64,
                               0, r.choice((0, 1800, 65535)), 0, 0) + opts
            src = ll if r.random() < 0.9 else H6NET + bytes(8)
            c = csum(src + dst + struct.pack("!IxxxB", len(body), 58) + body)
            if r.random() < 0.1:
                c ^= 0x00FF
            body = body[:2] + struct.pack("!H", c) + body[4:]
            pkt = ip6_hdr(src, dst, 58, len(body),
                          hlim=r.choice((255, 255, 64))) + body
            try:
                s.sendto(pkt, (socket.inet_ntop(socket.AF_INET6, dst), 0,
                               0, socket.if_nametoindex(iface)))
                n += 1
            except OSError:
                pass
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
