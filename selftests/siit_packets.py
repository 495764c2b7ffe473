#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Byte-level RFC 7915 packet tests of the v6gw SIIT translator.

Run by test-siit-packets.sh, which builds the topology of siit_lib.sh and
passes it in the environment (PKT_H6, PKT_GW, PKT_H4 namespaces; PKT_MAC_H6,
PKT_MAC_H4, PKT_MAC_GW6, PKT_MAC_GW4; V6GW the tool).

Each case sends raw frames from H6 or H4 (AF_PACKET on their eth0, to GW's
MAC), captures what comes out on the other side (or back on the sender's
side, for ICMP errors GW generates itself), and compares it byte for byte
with a packet built independently here with scapy: every field is set
explicitly, checksums are computed by scapy (or by cksum() below for ICMP
messages laid out by hand). Fields that are random by design (the IPv4 ID
of unfragmented 6to4 packets, the flow label and the fragment ID Linux
picks for packets it generates or fragments itself) are masked, and the
IPv4 header checksum of a masked header is verified separately. Cases that
expect a drop check that the drop counter named moved.

Destinations are addresses no host owns (static neighbour entries on GW
point them at H4's and H6's MAC addresses): H4 and H6 then drop what they
receive without answering, so nothing but the translated packets shows up.

Output, one line per case, read by test-siit-packets.sh:
  PLAN <n>
  RESULT pass|fail|xfail|skip <name>[<TAB>reason]
  # <diagnostic lines>
"""
import ctypes
import json
import os
import select
import socket
import struct
import subprocess
import sys
import time

try:
    # the layers only, not scapy.all: much faster to start under QEMU TCG
    from scapy.layers.inet import (IP, TCP, UDP, IPOption_NOP, IPOption_RR,
                                   IPOption_LSRR, IPOption_SSRR,
                                   IPOption_Timestamp)
    from scapy.layers.inet6 import (IPv6, IPv6ExtHdrHopByHop,
                                    IPv6ExtHdrDestOpt, IPv6ExtHdrRouting,
                                    IPv6ExtHdrFragment,
                                    IPv6ExtHdrSegmentRouting, PadN)
    from scapy.packet import Raw
except ImportError as e:  # pragma: no cover
    print("# scapy is missing: %s" % e)
    sys.exit(4)

# Addresses. GW: pool6 2001:db8:64::/96, EAM 2001:db8:6::2 <-> 192.0.2.6
# (siit_lib.sh) and 2001:db8:6::10/124 <-> 192.0.2.16/28 (added by the
# wrapper). The "A" and "B" hosts are virtual, on H6's and H4's links.
A6, A6_4 = "2001:db8:6::11", "192.0.2.17"          # IPv6 side
D6, D6_4 = "2001:db8:6::12", "192.0.2.18"          # IPv6 side, route MTU 1300
H6R, H6R_4 = "2001:db8:6::2", "192.0.2.6"           # an IPv6 "router"
U6 = "2001:db8:6::99"                                # maps to nothing
B4, B4_6 = "198.51.100.3", "2001:db8:64::c633:6403"  # IPv4 side
C4, C4_6 = "198.51.100.4", "2001:db8:64::c633:6404"  # IPv4 side, route MTU 1300
R4, R4_6 = "198.51.100.9", "2001:db8:64::c633:6409"  # an IPv4 "router"
R4D = "198.51.100.200"                               # denied (no mapping)
GW6, GW4 = "2001:db8:6::1", "198.51.100.1"
RFC6791V4 = "203.0.113.1"
RFC6791V6 = "2001:db8:ffff::"

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
CLONE_NEWNET = 0x40000000

V6GW = os.environ.get("V6GW", "v6gw")
NS = {k: os.environ.get("PKT_" + k, "") for k in ("H6", "GW", "H4")}
MAC = {k: os.environ.get("PKT_MAC_" + k, "00:00:00:00:00:00")
       for k in ("H6", "H4", "GW6", "GW4")}


# ---------------------------------------------------------------- helpers

def cksum(data):
    """The Internet checksum (RFC 1071) of data."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def icmp4(typ, code, rest, data=b""):
    """An ICMPv4 message laid out by hand; rest is the 4-byte word."""
    if isinstance(rest, int):
        rest = struct.pack("!I", rest)
    m = struct.pack("!BBH", typ, code, 0) + rest + bytes(data)
    return m[:2] + struct.pack("!H", cksum(m)) + m[4:]


def icmp6(src, dst, typ, code, rest, data=b""):
    """An ICMPv6 message laid out by hand, checksum with pseudo-header."""
    if isinstance(rest, int):
        rest = struct.pack("!I", rest)
    m = struct.pack("!BBH", typ, code, 0) + rest + bytes(data)
    ph = (socket.inet_pton(socket.AF_INET6, src) +
          socket.inet_pton(socket.AF_INET6, dst) +
          struct.pack("!IxxxB", len(m), 58))
    return m[:2] + struct.pack("!H", cksum(ph + m)) + m[4:]


def ip4(src=B4, dst=A6_4, tos=0, ident=0, flags=0, frag=0, ttl=64,
        proto=17, options=None):
    """An IPv4 header with every field explicit (length/checksum by scapy)."""
    p = IP(version=4, tos=tos, id=ident, flags=flags, frag=frag, ttl=ttl,
           proto=proto, src=src, dst=dst)
    if options:
        p.options = options
    return p


def ip6(src=A6, dst=B4_6, tc=0, fl=0, hlim=64, nh=17):
    return IPv6(version=6, tc=tc, fl=fl, nh=nh, hlim=hlim, src=src, dst=dst)


DF, MF = 2, 1


def df_for(total):
    """RFC 7915 section 5.1: DF set when the IPv4 packet is over 1260."""
    return DF if total > 1260 else 0


def pay(n, seed=0):
    return bytes((i * 7 + seed) & 0xff for i in range(n))


def b(p):
    return bytes(p)


# ------------------------------------------------------------------ cases

CASES = []


class Case:
    def __init__(self, name, side, send, exp_side=None, exp=(), mask=(),
                 drop=None, pre=(), xfail=None, post=(), counters=None):
        self.name = name
        self.side = side                # "6" or "4": where we send
        self.send = [b(p) for p in send]
        self.exp_side = exp_side or ("4" if side == "6" else "6")
        self.exp = [b(p) for p in exp]
        self.mask = set(mask)
        self.drop = drop                # drop counter expected to move
        self.counters = counters or {}  # counter -> expected change
        self.pre = pre                  # v6gw argument lists run first
        self.post = post
        self.xfail = xfail


def add(*a, **kw):
    CASES.append(Case(*a, **kw))


# 6 -> 4 helpers -------------------------------------------------------

def x64(name, l4_6, l4_4, proto, tc=0, fl=0, hlim=64, src=A6, dst=B4_6,
        src4=A6_4, dst4=B4, ext=None, tos4=None, **kw):
    """A packet IPv6 -> IPv4, plain header translation."""
    if ext is not None:     # scapy fills in Next Header of the chain
        s = IPv6(version=6, tc=tc, fl=fl, hlim=hlim, src=src, dst=dst) / \
            ext / l4_6
    else:
        s = ip6(src=src, dst=dst, tc=tc, fl=fl, hlim=hlim, nh=proto) / l4_6
    e4 = ip4(src=src4, dst=dst4, tos=tc if tos4 is None else tos4, ttl=hlim - 1,
             proto=proto) / l4_4
    tot = len(b(e4))
    e4[IP].flags = df_for(tot)
    add(name, "6", [s], exp=[e4], mask={"id4"}, **kw)


def x46(name, l4_4, l4_6, proto, tos=0, ttl=64, ident=0x1234, flags=0,
        options=None, src=B4, dst=A6_4, src6=B4_6, dst6=A6, tc6=None, **kw):
    """A packet IPv4 -> IPv6, plain header translation."""
    if options:
        # scapy would take the pseudo-header address from a source route
        # option even when it is expired: checksum without the options
        l4_4 = Raw(b(ip4(src=src, dst=dst, proto=proto) / l4_4.copy())[20:])
    s = ip4(src=src, dst=dst, tos=tos, ident=ident, flags=flags, ttl=ttl,
            proto=proto, options=options) / l4_4
    e = ip6(src=src6, dst=dst6, tc=tos if tc6 is None else tc6, fl=0,
            hlim=ttl - 1, nh=58 if proto == 1 else proto) / l4_6
    add(name, "4", [s], exp=[e], **kw)


def udp(sport, dport, data, chksum=None):
    u = UDP(sport=sport, dport=dport)
    if chksum is not None:
        u.chksum = chksum
    return u / Raw(data) if data else u


def tcp(sport, dport, flags, data=b"", options=None, seq=1000, ack=0):
    t = TCP(sport=sport, dport=dport, seq=seq, ack=ack, flags=flags,
            window=8192, urgptr=0)
    if options:
        t.options = options
    return t / Raw(data) if data else t


def echo4(typ, ident, seq, data, code=0):
    return Raw(icmp4(typ, code, struct.pack("!HH", ident, seq), data))


def echo6(src, dst, typ, ident, seq, data, code=0):
    return Raw(icmp6(src, dst, typ, code, struct.pack("!HH", ident, seq),
                     data))


# GW's own ICMP errors (Linux icmp_send/icmpv6_send).
def gw_err4(dst, typ, code, rest, orig, tos=0):
    quote = b(orig)[:548]
    return ip4(src=GW4, dst=dst, tos=(tos & 0x1e) | 0xc0, ttl=64,
               proto=1) / Raw(icmp4(typ, code, rest, quote))


def gw_err6(dst, typ, code, rest, orig):
    quote = b(orig)[:1232]
    return ip6(src=GW6, dst=dst, hlim=64, nh=58) / Raw(
        icmp6(GW6, dst, typ, code, rest, quote))


# The same inner packet in both families: sent by the IPv6 side (A6) to
# B4 (ICMPv4 errors from the IPv4 side carry it as IPv4), or sent by the
# IPv4 side (B4) to A6 (ICMPv6 errors carry it as IPv6).
def inner_pair_a(kind="udp", n=20, tos=0, ttl=63, a6=A6, a6_4=A6_4,
                 frag=None):
    """IPv4 version (A6_4 -> B4) and IPv6 version (A6 -> B4_6)."""
    data = pay(n, 3)
    if kind == "icmp":
        p4 = ip4(src=a6_4, dst=B4, tos=tos, ident=0, ttl=ttl,
                 proto=1) / echo4(8, 77, 1, data)
        p6 = ip6(src=a6, dst=B4_6, tc=tos, hlim=ttl, nh=58) / echo6(
            a6, B4_6, 128, 77, 1, data)
    elif kind == "icmp-err":
        p4 = ip4(src=a6_4, dst=B4, tos=tos, ident=0, ttl=ttl,
                 proto=1) / Raw(icmp4(3, 3, 0, pay(28)))
        p6 = ip6(src=a6, dst=B4_6, tc=tos, hlim=ttl, nh=58) / Raw(
            icmp6(a6, B4_6, 1, 4, 0, pay(28)))
    else:
        proto = 6 if kind == "tcp" else 17
        l4 = (lambda: tcp(4000, 5000, "PA", data)) if kind == "tcp" else \
            (lambda: udp(4000, 5000, data))
        p4 = ip4(src=a6_4, dst=B4, tos=tos, ident=0, ttl=ttl,
                 proto=proto) / l4()
        p6 = ip6(src=a6, dst=B4_6, tc=tos, hlim=ttl, nh=proto) / l4()
    return b(p4), b(p6)


def inner_pair_b(kind="udp", n=20, tos=0, hlim=63):
    """IPv6 version (B4_6 -> A6) and IPv4 version (B4 -> A6_4, ID 0)."""
    data = pay(n, 5)
    if kind == "icmp":
        p6 = ip6(src=B4_6, dst=A6, tc=tos, hlim=hlim, nh=58) / echo6(
            B4_6, A6, 128, 99, 2, data)
        p4 = ip4(src=B4, dst=A6_4, tos=tos, ident=0, ttl=hlim,
                 proto=1) / echo4(8, 99, 2, data)
    elif kind == "icmp-err":
        p6 = ip6(src=B4_6, dst=A6, tc=tos, hlim=hlim, nh=58) / Raw(
            icmp6(B4_6, A6, 1, 4, 0, pay(28)))
        p4 = ip4(src=B4, dst=A6_4, tos=tos, ident=0, ttl=hlim,
                 proto=1) / Raw(icmp4(3, 3, 0, pay(28)))
    else:
        proto = 6 if kind == "tcp" else 17
        l4 = (lambda: tcp(5000, 4000, "PA", data)) if kind == "tcp" else \
            (lambda: udp(5000, 4000, data))
        p6 = ip6(src=B4_6, dst=A6, tc=tos, hlim=hlim, nh=proto) / l4()
        p4 = ip4(src=B4, dst=A6_4, tos=tos, ident=0, ttl=hlim,
                 proto=proto) / l4()
    p4 = bytearray(b(p4))
    if len(p4) > 1260:      # inner DF per the 1260 rule
        p4[6] |= 0x40
        p4[10:12] = b"\0\0"
        p4[10:12] = struct.pack("!H", cksum(bytes(p4[:20])))
    return bytes(p4), b(p6)


def err46(name, t4, c4, rest4, t6, c6, rest6, inner="udp", n=20, cut=None,
          src=R4, src6=R4_6, dst=A6_4, dst6=A6, tos=0, ttl=64, ipair=None,
          flags=0, **kw):
    """ICMPv4 error from the IPv4 side -> ICMPv6 error."""
    p4, p6 = ipair or inner_pair_a(inner, n)
    q4 = p4 if cut is None else p4[:cut]
    q6 = p6 if cut is None else p6[:cut + 20]
    s = ip4(src=src, dst=dst, tos=tos, ttl=ttl, flags=flags, proto=1) / Raw(
        icmp4(t4, c4, rest4, q4))
    e = ip6(src=src6, dst=dst6, tc=tos, hlim=ttl - 1, nh=58) / Raw(
        icmp6(src6, dst6, t6, c6, rest6, q6[:1280 - 48]))
    add(name, "4", [s], exp=[e], **kw)


def err64(name, t6, c6, rest6, t4, c4, rest4, inner="udp", n=20, cut=None,
          src=H6R, src4=H6R_4, dst=B4_6, dst4=B4, tc=0, hlim=64, ipair=None,
          **kw):
    """ICMPv6 error from the IPv6 side -> ICMPv4 error (576 bytes at most)."""
    p6, p4 = ipair or inner_pair_b(inner, n)[::-1]
    q6 = p6 if cut is None else p6[:cut]
    q4 = (p4 if cut is None else p4[:cut - 20])[:576 - 28]
    s = ip6(src=src, dst=dst, tc=tc, hlim=hlim, nh=58) / Raw(
        icmp6(src, dst, t6, c6, rest6, q6))
    e = ip4(src=src4, dst=dst4, tos=tc, ttl=hlim - 1, proto=1) / Raw(
        icmp4(t4, c4, rest4, q4))
    e[IP].flags = df_for(len(b(e)))
    add(name, "6", [s], exp=[e], mask={"id4"}, **kw)


def ext4884(n):
    """An RFC 4884 extension structure of n bytes: header, one object."""
    e = bytearray(b"\x20\x00\x00\x00" + struct.pack("!HBB", n - 4, 1, 1) +
                  pay(n - 8, 9))
    e[2:4] = struct.pack("!H", cksum(bytes(e)))
    return bytes(e)


def field4884(q, n):
    """An RFC 4884 original datagram field of n bytes: q cut or 0-padded."""
    return q[:n] + b"\0" * (n - len(q[:n]))


def rfc4884_46(name, t4, c4, rest4, t6, c6, rest6, p4, p6, hl4, hl6, flen,
               ext, olen):
    """ICMPv4 error quoting p4 in a field of flen bytes, then ext; expected:
    the IPv6 quote p6 laid out in an olen-byte field and ext behind it (olen
    0: extension removed, length 0). Lengths worked out by hand."""
    s = ip4(src=R4, proto=1) / Raw(icmp4(t4, c4, rest4 | flen // 4 << 16,
                                         field4884(p4, flen) + ext))
    # the field translated: the quote, then the same zero padding
    tr = field4884(p6[:min(len(p4), flen) - hl4 + hl6], flen - hl4 + hl6)
    if olen:
        body = field4884(tr, olen) + ext
        rest6 |= olen // 8 << 24
    else:
        body = tr
    e = ip6(src=R4_6, dst=A6, hlim=63, nh=58) / Raw(
        icmp6(R4_6, A6, t6, c6, rest6, body[:1280 - 48]))
    add(name, "4", [s], exp=[e])


def rfc4884_64(name, t6, c6, rest6, t4, c4, rest4, p6, p4, hl6, hl4, flen,
               ext, olen):
    """ICMPv6 error quoting p6 in a field of flen bytes, then ext; expected:
    the IPv4 quote p4 laid out in an olen-byte field and ext behind it."""
    s = ip6(src=H6R, nh=58) / Raw(icmp6(H6R, B4_6, t6, c6,
                                        rest6 | flen // 8 << 24,
                                        field4884(p6, flen) + ext))
    tr = field4884(p4[:min(len(p6), flen) - hl6 + hl4], flen - hl6 + hl4)
    if olen:
        body = field4884(tr, olen) + ext
        rest4 |= olen // 4 << 16
    else:
        body = tr
    e = ip4(src=H6R_4, dst=B4, ttl=63, proto=1) / Raw(
        icmp4(t4, c4, rest4, body))
    e[IP].flags = df_for(len(b(e)))
    add(name, "6", [s], exp=[e], mask={"id4"})


def drop6(name, pkt, counter, **kw):
    add(name, "6", [pkt], drop=counter, **kw)


def drop4(name, pkt, counter, **kw):
    add(name, "4", [pkt], drop=counter, **kw)


def build():
    port = [20000]

    def nport():
        port[0] += 1
        return port[0]

    # ---- 6 -> 4: UDP payload sizes (DF from 1260 on) -------------------
    for n in (0, 1, 7, 8, 9, 63, 100, 511, 1000, 1231, 1232, 1233, 1400):
        p = nport()
        x64("6to4 UDP payload %d" % n, udp(p, 53, pay(n)),
            udp(p, 53, pay(n)), 17)
    # traffic class copied, flow label dropped, hop limit decremented
    for tc, fl in ((0x10, 0), (0xb8, 0xfffff), (0xff, 0x12345), (0x03, 1),
                   (0x01, 0x80000 & 0xfffff)):
        p = nport()
        x64("6to4 UDP traffic class 0x%02x flow label 0x%x" % (tc, fl),
            udp(p, 53, pay(30)), udp(p, 53, pay(30)), 17, tc=tc, fl=fl)
    for hl in (255, 128, 2):
        p = nport()
        x64("6to4 UDP hop limit %d -> TTL %d" % (hl, hl - 1),
            udp(p, 53, pay(12)), udp(p, 53, pay(12)), 17, hlim=hl)
    # TCP
    mss = [("MSS", 1440), ("NOP", None), ("WScale", 7)]
    for desc, fl_, data, opts in (("SYN with options", "S", b"", mss),
                                  ("ACK 1 byte", "A", b"x", None),
                                  ("PSH 1000 bytes", "PA", pay(1000), None),
                                  ("333 bytes (odd)", "PA", pay(333), None),
                                  ("FIN 1300 bytes (DF)", "FA", pay(1300), None)):
        p = nport()
        x64("6to4 TCP %s" % desc, tcp(p, 80, fl_, data, opts),
            tcp(p, 80, fl_, data, opts), 6)
    # ICMPv6 echo -> ICMPv4 echo
    for typ, n in ((128, 0), (128, 1), (128, 56), (128, 1001), (128, 1232),
                   (129, 56), (129, 3)):
        t4 = 8 if typ == 128 else 0
        s = ip6(nh=58) / echo6(A6, B4_6, typ, 0x4242, n, pay(n))
        e = ip4(src=A6_4, dst=B4, ttl=63, proto=1) / echo4(t4, 0x4242, n,
                                                            pay(n))
        e[IP].flags = df_for(len(b(e)))
        add("6to4 ICMPv6 %s %d bytes -> ICMP type %d" %
            ("echo request" if typ == 128 else "echo reply", n, t4),
            "6", [s], exp=[e], mask={"id4"})
    # other protocols: header translation only
    x64("6to4 ESP (protocol 50) passed with header translation",
        Raw(pay(64, 9)), Raw(pay(64, 9)), 50)
    x64("6to4 unknown protocol 253", Raw(pay(17, 2)), Raw(pay(17, 2)), 253)
    # IPv4 ID stays random but DF follows length: covered above.

    # ---- 6 -> 4: extension headers removed -----------------------------
    p = nport()
    x64("6to4 hop-by-hop options removed", udp(p, 53, pay(40)),
        udp(p, 53, pay(40)), 17,
        ext=IPv6ExtHdrHopByHop(nh=17, options=[PadN(optdata=b"\0" * 4)]))
    p = nport()
    x64("6to4 destination options removed", udp(p, 53, pay(41)),
        udp(p, 53, pay(41)), 17,
        ext=IPv6ExtHdrDestOpt(nh=17, options=[PadN(optdata=b"\0" * 12)]))
    p = nport()
    x64("6to4 routing header type 0, segments left 0, removed",
        udp(p, 53, pay(42)), udp(p, 53, pay(42)), 17,
        ext=IPv6ExtHdrRouting(nh=17, type=0, segleft=0,
                              addresses=["2001:db8::5"]))
    p = nport()
    x64("6to4 HBH + DestOpt + Routing(SL 0) + DestOpt removed, TCP",
        tcp(p, 443, "S"), tcp(p, 443, "S"), 6,
        ext=IPv6ExtHdrHopByHop(nh=60) /
        IPv6ExtHdrDestOpt(nh=43) /
        IPv6ExtHdrRouting(nh=60, type=0, segleft=0, addresses=[]) /
        IPv6ExtHdrDestOpt(nh=6))
    s = IPv6(version=6, tc=0, fl=0, hlim=64, src=A6, dst=B4_6) / \
        IPv6ExtHdrSegmentRouting(nh=58, segleft=0, lastentry=0,
                                 addresses=[B4_6]) / \
        echo6(A6, B4_6, 128, 7, 7, pay(20))
    e = ip4(src=A6_4, dst=B4, ttl=63, proto=1) / echo4(8, 7, 7, pay(20))
    add("6to4 segment routing header (SL 0) removed, ICMPv6 echo", "6", [s],
        exp=[e], mask={"id4"})
    # Routing header with segments left: Parameter Problem from GW
    for desc, ext, ptr in (
            ("routing header type 0 SL 1", IPv6ExtHdrRouting(
                nh=17, type=0, segleft=1, addresses=["2001:db8::5"]), 43),
            ("HBH then routing header SL 2", IPv6ExtHdrHopByHop(nh=43) /
             IPv6ExtHdrRouting(nh=17, type=0, segleft=2,
                               addresses=["2001:db8::5", "2001:db8::6"]),
             51)):
        p = nport()
        s = IPv6(version=6, tc=0, fl=0, hlim=64, src=A6, dst=B4_6) / ext / \
            udp(p, 53, pay(10))
        add("6to4 %s -> ICMPv6 parameter problem pointer %d" % (desc, ptr),
            "6", [s], exp_side="6", exp=[gw_err6(A6, 4, 0, ptr, s)],
            mask={"flow6"}, drop="drop-routing-hdr")

    # ---- 6 -> 4: fragments ---------------------------------------------
    full6 = b(ip6(nh=17) / udp(30000, 53, pay(2000, 1)))[40:]
    full4 = b(ip4(src=A6_4, dst=B4, proto=17) / udp(30000, 53, pay(2000, 1)))[20:]
    for desc, off, m, lo, hi in (("first", 0, 1, 0, 1232),
                                 ("middle", 1232, 1, 1232, 1600),
                                 ("last", 1600, 0, 1600, len(full6))):
        piece6 = full6[lo:hi] if off else full6[lo:hi]
        piece4 = full4[lo:hi] if off == 0 else full6[lo:hi]
        s = IPv6(version=6, tc=0x20, fl=0, hlim=64, src=A6, dst=B4_6) / \
            IPv6ExtHdrFragment(nh=17, offset=off // 8, m=m, id=0xdeadbeef) / \
            Raw(piece6)
        e = ip4(src=A6_4, dst=B4, tos=0x20, ident=0xbeef,
                flags=MF if m else 0, frag=off // 8, ttl=63, proto=17) / \
            Raw(piece4)
        add("6to4 UDP %s fragment -> IPv4 MF=%d offset %d, ID 0xbeef" %
            (desc, m, off), "6", [s], exp=[e])
    s = IPv6(version=6, tc=0, fl=0, hlim=64, src=A6, dst=B4_6) / \
        IPv6ExtHdrHopByHop(nh=44) / \
        IPv6ExtHdrFragment(nh=17, offset=0, m=1, id=0x00012345) / \
        Raw(full6[:256])
    e = ip4(src=A6_4, dst=B4, ident=0x2345, flags=MF, ttl=63, proto=17) / \
        Raw(full4[:256])
    add("6to4 HBH + fragment header -> IPv4 fragment", "6", [s], exp=[e])
    p = nport()
    s = IPv6(version=6, tc=0, fl=0, hlim=64, src=A6, dst=B4_6) / \
        IPv6ExtHdrFragment(nh=17, offset=0, m=0, id=0x77) / udp(p, 53, pay(9))
    e = ip4(src=A6_4, dst=B4, ident=0x77, flags=0, ttl=63, proto=17) / \
        udp(p, 53, pay(9))
    add("6to4 atomic fragment -> IPv4 ID from fragment header, DF=0", "6",
        [s], exp=[e])
    s = IPv6(version=6, tc=0, fl=0, hlim=64, src=A6, dst=B4_6) / \
        IPv6ExtHdrFragment(nh=58, offset=0, m=1, id=5) / \
        echo6(A6, B4_6, 128, 1, 1, pay(64))
    drop6("6to4 fragmented ICMPv6 echo dropped", s, "drop-icmp-frag")
    # an atomic fragment (RFC 6946) is a whole packet, ICMPv6 included;
    # the IPv4 ID comes from its Fragment header (RFC 7915 5.1.1)
    for typ, t4 in ((128, 8), (129, 0)):
        s = IPv6(version=6, tc=0, fl=0, hlim=64, src=A6, dst=B4_6) / \
            IPv6ExtHdrFragment(nh=58, offset=0, m=0, id=0x12345678) / \
            echo6(A6, B4_6, typ, 0x77, 3, pay(40))
        e = ip4(src=A6_4, dst=B4, ident=0x5678, flags=0, ttl=63,
                proto=1) / echo4(t4, 0x77, 3, pay(40))
        add("6to4 ICMPv6 %d in an atomic fragment -> ICMP %d, ID from the "
            "fragment header" % (typ, t4), "6", [s], exp=[e])
    p4, p6 = inner_pair_b()
    s = IPv6(version=6, tc=0, fl=0, hlim=64, src=H6R, dst=B4_6) / \
        IPv6ExtHdrFragment(nh=58, offset=0, m=0, id=0xaabb0102) / \
        Raw(icmp6(H6R, B4_6, 1, 4, 0, p6))
    e = ip4(src=H6R_4, dst=B4, ident=0x0102, flags=0, ttl=63, proto=1) / \
        Raw(icmp4(3, 3, 0, p4))
    add("6to4 ICMPv6 error in an atomic fragment -> ICMP 3/3, ID from the "
        "fragment header", "6", [s], exp=[e])
    # extension headers behind the Fragment header of a first fragment
    # cannot be removed: ICMPv6 1/1 from GW, counted apart
    for desc, nh, ext in (
            ("destination options", 60, IPv6ExtHdrDestOpt(
                nh=17, options=[PadN(optdata=b"\0" * 4)])),
            ("hop-by-hop options", 0, IPv6ExtHdrHopByHop(
                nh=17, options=[PadN(optdata=b"\0" * 4)])),
            ("a routing header", 43, IPv6ExtHdrRouting(
                nh=17, type=0, segleft=0, addresses=[]))):
        s = IPv6(version=6, tc=0, fl=0, hlim=64, src=A6, dst=B4_6) / \
            IPv6ExtHdrFragment(nh=nh, offset=0, m=1, id=0x31) / ext / \
            Raw(pay(64, 4))
        add("6to4 first fragment with %s behind the fragment header -> "
            "ICMPv6 1/1 from GW" % desc, "6", [s], exp_side="6",
            exp=[gw_err6(A6, 1, 1, 0, s)], mask={"flow6"},
            drop="drop-frag-exthdr")
    s = IPv6(version=6, tc=0, fl=0, hlim=64, src=A6, dst=B4_6) / \
        IPv6ExtHdrFragment(nh=60, offset=0, m=0, id=0x00560032) / \
        IPv6ExtHdrDestOpt(nh=17, options=[PadN(optdata=b"\0" * 4)]) / \
        udp(31005, 53, pay(20))
    e = ip4(src=A6_4, dst=B4, ident=0x0032, flags=0, ttl=63, proto=17) / \
        udp(31005, 53, pay(20))
    add("6to4 atomic fragment with destination options behind it -> "
        "translated, options removed", "6", [s], exp=[e])
    # ICMP in the other family's header is never translated
    s = ip6(nh=1) / Raw(icmp4(3, 3, 0, pay(28)))
    drop6("6to4 IPv6 next header 1 (ICMPv4) dropped", s, "drop-proto")

    # ---- 6 -> 4: hop limit, PTB ------------------------------------------
    for hl in (1, 0):
        p = nport()
        s = ip6(hlim=hl) / udp(p, 53, pay(16))
        add("6to4 hop limit %d -> ICMPv6 time exceeded from GW" % hl, "6",
            [s], exp_side="6", exp=[gw_err6(A6, 3, 0, 0, s)],
            mask={"flow6"}, drop="drop-ttl", counters={"icmp-sent": 1})
    p = nport()
    s = ip6(dst=C4_6) / udp(p, 53, pay(1292))   # IPv4 1320 > 1300
    add("6to4 1340 bytes over IPv4 MTU 1300 -> ICMPv6 PTB MTU 1320", "6",
        [s], exp_side="6", exp=[gw_err6(A6, 2, 0, 1320, s)], mask={"flow6"},
        drop="drop-too-big")
    p = nport()
    x64("6to4 1320 bytes = IPv4 MTU 1300 exactly, translated with DF",
        udp(p, 53, pay(1272)), udp(p, 53, pay(1272)), 17, dst=C4_6, dst4=C4)

    # ---- 6 -> 4: untranslatable ICMPv6 ---------------------------------
    for t, c, what in ((130, 0, "MLD query"), (131, 0, "MLD report"),
                       (132, 0, "MLD done"), (133, 0, "router solicitation"),
                       (134, 0, "router advertisement"),
                       (135, 0, "neighbor solicitation"),
                       (136, 0, "neighbor advertisement"),
                       (137, 0, "redirect"), (200, 0, "unknown informational"),
                       (143, 0, "MLDv2 report")):
        s = ip6(nh=58) / Raw(icmp6(A6, B4_6, t, c, 0, pay(24)))
        drop6("6to4 ICMPv6 %d/%d (%s) dropped" % (t, c, what), s,
              "drop-icmp-type")
    p6, p4 = inner_pair_b()[::-1]
    for t, c, what in ((1, 5, "source address failed policy"),
                       (1, 6, "reject route"), (1, 7, "source routing error"),
                       (4, 2, "unrecognized option"), (4, 3, "first fragment "
                                                          "incomplete chain"),
                       (100, 0, "unknown error type")):
        s = ip6(src=H6R, nh=58) / Raw(icmp6(H6R, B4_6, t, c, 0, p6))
        drop6("6to4 ICMPv6 %d/%d (%s) dropped" % (t, c, what), s,
              "drop-icmp-type")

    # ---- 6 -> 4: ICMPv6 errors -----------------------------------------
    for c6, c4, what in ((0, 1, "no route"), (1, 10, "admin prohibited"),
                         (2, 1, "beyond scope"), (3, 1, "address unreachable"),
                         (4, 3, "port unreachable")):
        err64("6to4 ICMPv6 1/%d (%s) -> ICMP 3/%d" % (c6, what, c4),
              1, c6, 0, 3, c4, 0)
    err64("6to4 ICMPv6 3/0 hop limit exceeded -> ICMP 11/0", 3, 0, 0, 11, 0, 0)
    err64("6to4 ICMPv6 3/1 reassembly time exceeded -> ICMP 11/1", 3, 1, 0,
          11, 1, 0)
    err64("6to4 ICMPv6 4/1 unrecognized next header -> ICMP 3/2", 4, 1, 6, 3,
          2, 0)
    for p6_, p4_ in ((0, 0), (1, 1), (4, 2), (5, 2), (6, 9), (7, 8), (8, 12),
                     (23, 12), (24, 16), (39, 16)):
        err64("6to4 ICMPv6 4/0 pointer %d -> ICMP 12/0 pointer %d" %
              (p6_, p4_), 4, 0, p6_, 12, 0, p4_ << 24)
    for p6_ in (2, 3, 40, 1000):
        p6, p4 = inner_pair_b()[::-1]
        s = ip6(src=H6R, nh=58) / Raw(icmp6(H6R, B4_6, 4, 0, p6_, p6))
        drop6("6to4 ICMPv6 4/0 untranslatable pointer %d dropped" % p6_, s,
              "drop-icmp-error")
    for mtu6, mtu4, dst, dst4, what in (
            (1400, 1380, B4_6, B4, ""), (1280, 1260, B4_6, B4, ""),
            (1500, 1480, B4_6, B4, ""),
            (9000, 1480, B4_6, B4, " (IPv6 link MTU 1500 - 20)"),
            (1400, 1300, C4_6, C4, " (IPv4 route MTU 1300)"),
            (100, 80, B4_6, B4, "")):
        ip_ = inner_pair_b("udp", 30)
        if dst4 == C4:
            p6 = b(ip6(src=C4_6, dst=A6, hlim=63, nh=17) / udp(5000, 4000,
                                                                pay(30, 5)))
            p4 = b(ip4(src=C4, dst=A6_4, ttl=63, proto=17) /
                   udp(5000, 4000, pay(30, 5)))
            ip_ = (p4, p6)
        err64("6to4 ICMPv6 PTB MTU %d -> ICMP 3/4 MTU %d%s" %
              (mtu6, mtu4, what), 2, 0, mtu6, 3, 4, mtu4, dst=dst, dst4=dst4,
              ipair=(ip_[1], ip_[0]))
    # inner packet variants
    err64("6to4 ICMPv6 1/4 quoting a TCP segment", 1, 4, 0, 3, 3, 0,
          inner="tcp", n=100)
    err64("6to4 ICMPv6 1/4 quoting an ICMPv6 echo request", 1, 4, 0, 3, 3, 0,
          inner="icmp", n=32)
    err64("6to4 ICMPv6 1/0 quoting 48 bytes (truncated TCP)", 1, 0, 0, 3, 1,
          0, inner="tcp", n=100, cut=48)
    err64("6to4 ICMPv6 3/0 traffic class 0xa0, hop limit 30", 3, 0, 0, 11, 0,
          0, tc=0xa0, hlim=30, inner="udp", n=10)
    err64("6to4 ICMPv6 1/4 quoting 1232 bytes (inner DF) -> 576 bytes",
          1, 4, 0, 3, 3, 0, inner="udp", n=1300, cut=1232)
    # ICMPv6 errors become ICMPv4 errors of 576 bytes at most (RFC 1812
    # 4.3.2.3), whatever their size, and never draw "too big" (the IPv4
    # route to C4 has MTU 1300)
    p4, p6 = inner_pair_b("udp", 1400)
    s = ip6(src=H6R, nh=58) / Raw(icmp6(H6R, B4_6, 1, 4, 0, p6))
    e = ip4(src=H6R_4, dst=B4, ttl=63, proto=1) / Raw(
        icmp4(3, 3, 0, p4[:576 - 28]))
    add("6to4 ICMPv6 error of 1496 bytes -> ICMPv4 error of 576", "6", [s],
        exp=[e], mask={"id4"}, counters={"icmp-sent": 0,
                                          "drop-too-big": 0})
    p6 = b(ip6(src=C4_6, dst=A6, hlim=63, nh=17) / udp(5000, 4000,
                                                        pay(1300, 5)))
    p4 = bytearray(b(ip4(src=C4, dst=A6_4, ttl=63, flags=DF, proto=17) /
                     udp(5000, 4000, pay(1300, 5))))
    s = ip6(src=H6R, dst=C4_6, nh=58) / Raw(icmp6(H6R, C4_6, 3, 0, 0,
                                                   p6[:1232]))
    e = ip4(src=H6R_4, dst=C4, ttl=63, proto=1) / Raw(
        icmp4(11, 0, 0, bytes(p4[:576 - 28])))
    add("6to4 ICMPv6 error of 1280 bytes, IPv4 route MTU 1300 -> 576 bytes, "
        "no ICMPv6 error about it", "6", [s], exp=[e], mask={"id4"},
        counters={"icmp-sent": 0, "drop-too-big": 0})
    # RFC 4884: the extension is carried, the original datagram field laid
    # out again (a multiple of 4 bytes, 128 at least)
    p4, p6 = inner_pair_b("udp", 20)
    rfc4884_64("6to4 ICMPv6 1/4 with RFC 4884 extension -> ICMP 3/3, "
               "extension carried, field padded 108 -> 128 bytes", 1, 4, 0,
               3, 3, 0, p6, p4, 40, 20, 128, ext4884(12), 128)
    p4, p6 = inner_pair_b("udp", 200)
    rfc4884_64("6to4 ICMPv6 3/0 with RFC 4884 extension -> ICMP 11/0, "
               "field 256 -> 236 bytes", 3, 0, 0, 11, 0, 0, p6, p4, 40, 20,
               256, ext4884(40), 236)
    # within 576 bytes: the field is shortened first (to 128 at least),
    # the extension goes only when it does not fit behind 128 bytes
    p4, p6 = inner_pair_b("udp", 300)
    rfc4884_64("6to4 ICMPv6 1/4 with a 400-byte RFC 4884 extension -> "
               "field 256 -> 148 bytes, 576 in all", 1, 4, 0, 3, 3, 0, p6,
               p4, 40, 20, 256, ext4884(400), 148)
    rfc4884_64("6to4 ICMPv6 1/0 with a 424-byte RFC 4884 extension -> "
               "extension removed, 576 bytes", 1, 0, 0, 3, 1, 0, p6, p4, 40,
               20, 256, ext4884(424), 0)
    data = pay(24, 5)
    in6 = b(IPv6(version=6, tc=0, fl=0, hlim=63, src=B4_6, dst=A6) /
            IPv6ExtHdrHopByHop(nh=17) / udp(5000, 4000, data))
    in4 = b(ip4(src=B4, dst=A6_4, ttl=63, proto=17) / udp(5000, 4000, data))
    rfc4884_64("6to4 ICMPv6 1/0 with RFC 4884 extension quoting hop-by-hop "
               "options -> field padded 100 -> 128 bytes", 1, 0, 0, 3, 1, 0,
               in6, in4, 48, 20, 128, ext4884(16), 128)
    # a length below 128 bytes is not RFC 4884's: all of it is quoted
    p4, p6 = inner_pair_b("udp", 20)
    s = ip6(src=H6R, nh=58) / Raw(icmp6(H6R, B4_6, 1, 4,
                                        struct.pack("!BBH", 8, 0, 0),
                                        field4884(p6, 128) + ext4884(12)))
    e = ip4(src=H6R_4, dst=B4, ttl=63, proto=1) / Raw(
        icmp4(3, 3, 0, field4884(p4, 108) + ext4884(12)))
    add("6to4 ICMPv6 1/4 with RFC 4884 length 64 bytes -> ignored, all "
        "quoted", "6", [s], exp=[e], mask={"id4"})
    # inner fragment header -> inner IPv4 fragment fields
    full6 = b(ip6(src=B4_6, dst=A6, nh=17) / udp(5000, 4000, pay(300, 5)))[40:]
    full4 = b(ip4(src=B4, dst=A6_4, proto=17) / udp(5000, 4000,
                                                   pay(300, 5)))[20:]
    inner6 = b(IPv6(version=6, tc=0, fl=0, hlim=63, src=B4_6, dst=A6) /
               IPv6ExtHdrFragment(nh=17, offset=0, m=1, id=0xcafe0042) /
               Raw(full6[:64]))
    inner4 = b(ip4(src=B4, dst=A6_4, ident=0x0042, flags=MF, ttl=63,
                   proto=17) / Raw(full4[:64]))
    s = ip6(src=H6R, nh=58) / Raw(icmp6(H6R, B4_6, 3, 0, 0, inner6))
    e = ip4(src=H6R_4, dst=B4, ttl=63, proto=1) / Raw(icmp4(11, 0, 0, inner4))
    add("6to4 ICMPv6 3/0 quoting a first fragment -> inner IPv4 MF, ID",
        "6", [s], exp=[e], mask={"id4"})
    # inner packet with a hop-by-hop header: removed from the inner packet
    data = pay(24, 5)
    in6 = b(IPv6(version=6, tc=0, fl=0, hlim=63, src=B4_6, dst=A6) /
            IPv6ExtHdrHopByHop(nh=17) / udp(5000, 4000, data))
    in4 = b(ip4(src=B4, dst=A6_4, ttl=63, proto=17) / udp(5000, 4000, data))
    s = ip6(src=H6R, nh=58) / Raw(icmp6(H6R, B4_6, 1, 4, 0, in6))
    e = ip4(src=H6R_4, dst=B4, ttl=63, proto=1) / Raw(icmp4(3, 3, 0, in4))
    add("6to4 ICMPv6 1/4 quoting a packet with hop-by-hop options", "6", [s],
        exp=[e], mask={"id4"})
    # UDP checksums: an IPv4 result of 0 must be sent as 0xffff
    base = bytearray(pay(30, 11))
    base[0:2] = b"\0\0"
    u4 = b(ip4(src=A6_4, dst=B4, proto=17) / udp(40000, 53, bytes(base)))
    u4 = bytearray(u4)
    u4[26:28] = b"\0\0"
    ph = (socket.inet_aton(A6_4) + socket.inet_aton(B4) +
          struct.pack("!xBH", 17, len(u4) - 20))
    base[0:2] = struct.pack("!H", cksum(ph + bytes(u4[20:])))
    x64("6to4 UDP whose IPv4 checksum computes to 0 -> 0xffff",
        udp(40000, 53, bytes(base)), udp(40000, 53, bytes(base)), 17)
    # untranslatable ICMPv6 errors
    p6 = b(ip6(src=B4_6, dst=U6, hlim=63) / udp(5000, 4000, pay(20)))
    s = ip6(src=H6R, dst=B4_6, nh=58) / Raw(icmp6(H6R, B4_6, 1, 4, 0, p6))
    drop6("6to4 ICMPv6 error quoting an unmappable address dropped", s,
          "drop-icmp-error")
    p4, p6 = inner_pair_b("icmp-err")
    s = ip6(src=H6R, nh=58) / Raw(icmp6(H6R, B4_6, 1, 4, 0, p6))
    drop6("6to4 ICMPv6 error quoting an ICMPv6 error dropped", s,
          "drop-icmp-error")
    p4, p6 = inner_pair_b()
    m = bytearray(icmp6(H6R, B4_6, 1, 4, 0, p6))
    m[2] ^= 0x55
    s = ip6(src=H6R, nh=58) / Raw(bytes(m))
    drop6("6to4 ICMPv6 error with a bad checksum dropped", s, "drop-icmp-csum")
    s = ip6(src=H6R, nh=58, hlim=1) / Raw(icmp6(H6R, B4_6, 1, 4, 0, p6))
    drop6("6to4 ICMPv6 error with hop limit 1 dropped silently", s, "drop-ttl")
    # RFC 6791
    s = ip6(src=U6, nh=58) / Raw(icmp6(U6, B4_6, 3, 0, 0, p6))
    drop6("6to4 ICMPv6 error from an unmappable source, no rfc6791v4: "
          "dropped", s, "drop-icmp-error")
    err64("6to4 ICMPv6 error from an unmappable source -> rfc6791v4 source",
          3, 0, 0, 11, 0, 0, src=U6, src4=RFC6791V4,
          pre=[["siit", "set", "rfc6791v4", RFC6791V4]])
    h = 2166136261
    for x in socket.inet_pton(socket.AF_INET6, U6):
        h = ((h ^ x) * 16777619) & 0xffffffff
    pool = "203.0.113.16"
    src4 = socket.inet_ntoa(struct.pack("!I", struct.unpack(
        "!I", socket.inet_aton(pool))[0] + h % 16))
    err64("6to4 ICMPv6 error from an unmappable source -> rfc6791v4 pool "
          "/28 (hashed %s)" % src4,
          3, 0, 0, 11, 0, 0, src=U6, src4=src4,
          pre=[["siit", "set", "rfc6791v4", pool + "/28"]],
          post=[["siit", "set", "rfc6791v4", "none"]])
    # fixed TOS
    p = nport()
    x64("6to4 tos 32 configured: traffic class 0xb8 -> TOS 32",
        udp(p, 53, pay(30)), udp(p, 53, pay(30)), 17, tc=0xb8, tos4=32,
        pre=[["siit", "set", "tos", "32"]])
    in6 = b(ip6(src=B4_6, dst=A6, tc=0xb8, hlim=63) / udp(5000, 4000,
                                                          pay(20)))
    in4 = b(ip4(src=B4, dst=A6_4, tos=32, ttl=63) / udp(5000, 4000, pay(20)))
    s = ip6(src=H6R, tc=0xb8, nh=58) / Raw(icmp6(H6R, B4_6, 1, 4, 0, in6))
    e = ip4(src=H6R_4, dst=B4, tos=32, ttl=63, proto=1) / Raw(
        icmp4(3, 3, 0, in4))
    add("6to4 tos 32 configured: ICMPv6 error -> TOS 32 outer and inner",
        "6", [s], exp=[e], mask={"id4"})
    p = nport()
    x64("6to4 tos 0 configured: traffic class 0xff -> TOS 0",
        udp(p, 53, pay(31)), udp(p, 53, pay(31)), 17, tc=0xff, tos4=0,
        pre=[["siit", "set", "tos", "0"]],
        post=[["siit", "set", "tos", "copy"]])

    # ---- 4 -> 6: UDP sizes, TOS, TTL -----------------------------------
    for n, flags in ((0, DF), (1, DF), (7, 0), (9, DF), (100, 0), (511, DF),
                     (1000, 0), (1232, 0), (1233, DF), (1452, DF)):
        p = nport()
        x46("4to6 UDP payload %d %s" % (n, "DF" if flags else "no DF"),
            udp(p, 53, pay(n)), udp(p, 53, pay(n)), 17, flags=flags)
    for tos in (0x10, 0xb8, 0xff, 0x01, 0xe0):
        p = nport()
        x46("4to6 UDP TOS 0x%02x -> traffic class" % tos,
            udp(p, 53, pay(20)), udp(p, 53, pay(20)), 17, tos=tos)
    for ttl in (255, 2):
        p = nport()
        x46("4to6 UDP TTL %d -> hop limit %d" % (ttl, ttl - 1),
            udp(p, 53, pay(20)), udp(p, 53, pay(20)), 17, ttl=ttl)
    for desc, fl_, data, opts in (("SYN with options", "S", b"", mss),
                                  ("ACK 1 byte", "A", b"y", None),
                                  ("PSH 1000 bytes", "PA", pay(1000), None),
                                  ("777 bytes (odd)", "PA", pay(777), None)):
        p = nport()
        x46("4to6 TCP %s" % desc, tcp(p, 80, fl_, data, opts),
            tcp(p, 80, fl_, data, opts), 6, flags=DF)
    for typ, n in ((8, 0), (8, 1), (8, 56), (8, 999), (8, 1232), (0, 56),
                   (0, 5)):
        t6 = 128 if typ == 8 else 129
        x46("4to6 ICMP %s %d bytes -> ICMPv6 type %d" %
            ("echo request" if typ == 8 else "echo reply", n, t6),
            echo4(typ, 0x3131, n, pay(n)),
            echo6(B4_6, A6, t6, 0x3131, n, pay(n)), 1)
    x46("4to6 ESP (protocol 50) passed with header translation",
        Raw(pay(72, 4)), Raw(pay(72, 4)), 50)
    x46("4to6 unknown protocol 253", Raw(pay(3)), Raw(pay(3)), 253)
    drop4("4to6 IGMP dropped",
          ip4(proto=2, ttl=1) / Raw(b"\x11\x64\xee\x9b\x00\x00\x00\x00"),
          "drop-proto")
    # IPv4 options are not translated
    for desc, opts in (
            ("4 NOPs", [IPOption_NOP()] * 4),
            ("record route", [IPOption_RR(pointer=4,
                                          routers=["0.0.0.0"] * 2)]),
            ("timestamp", [IPOption_Timestamp(pointer=5, oflw=0, flg=0,
                                              timestamp=0)]),
            ("expired loose source route", [IPOption_LSRR(
                pointer=8, routers=[R4]), IPOption_NOP()])):
        p = nport()
        x46("4to6 IPv4 options dropped: %s" % desc, udp(p, 53, pay(20)),
            udp(p, 53, pay(20)), 17, options=opts)
    for desc, opt in (("loose", IPOption_LSRR), ("strict", IPOption_SSRR)):
        p = nport()
        s = ip4(options=[opt(pointer=4, routers=[R4]), IPOption_NOP()]) / \
            udp(p, 53, pay(20))
        add("4to6 unexpired %s source route -> ICMP 3/5 from GW" % desc, "4",
            [s], exp_side="4", exp=[gw_err4(B4, 3, 5, 0, s)], mask={"id4"},
            drop="drop-src-route")
    # fragments
    full4 = b(ip4(src=B4, dst=A6_4, proto=17) / udp(31000, 53, pay(2000, 6)))[20:]
    full6 = b(ip6(src=B4_6, dst=A6, nh=17) / udp(31000, 53, pay(2000, 6)))[40:]
    for desc, off, m, lo, hi in (("first", 0, 1, 0, 1024),
                                 ("middle", 1024, 1, 1024, 1504),
                                 ("last", 1504, 0, 1504, len(full4))):
        s = ip4(tos=0x28, ident=0xabcd, flags=MF if m else 0, frag=off // 8,
                proto=17) / Raw(full4[lo:hi])
        e = IPv6(version=6, tc=0x28, fl=0, hlim=63, src=B4_6, dst=A6) / \
            IPv6ExtHdrFragment(nh=17, res1=0, offset=off // 8, res2=0, m=m,
                               id=0xabcd) / \
            Raw(full6[lo:hi] if off == 0 else full4[lo:hi])
        add("4to6 UDP %s fragment -> fragment header M=%d offset %d ID 0xabcd"
            % (desc, m, off), "4", [s], exp=[e])
    s = ip4(ident=7, flags=MF, proto=1) / echo4(8, 1, 1, pay(64))
    drop4("4to6 fragmented ICMP echo dropped", s, "drop-icmp-frag")
    s = ip4(ident=8, flags=MF, proto=17) / udp(31001, 53, pay(64), chksum=0)
    drop4("4to6 fragmented UDP with zero checksum dropped", s,
          "drop-udp-zero-frag")
    # DF clear and over 1280 as IPv6: fragmented to 1280
    p = nport()
    s = ip4(ident=0x5555, flags=0, proto=17) / udp(p, 53, pay(1400))
    whole = b(ip6(src=B4_6, dst=A6, hlim=63, nh=17) / udp(p, 53, pay(1400)))
    data = whole[40:]
    f1 = IPv6(version=6, tc=0, fl=0, hlim=63, src=B4_6, dst=A6) / \
        IPv6ExtHdrFragment(nh=17, offset=0, m=1, id=0x5555) / \
        Raw(data[:1232])
    f2 = IPv6(version=6, tc=0, fl=0, hlim=63, src=B4_6, dst=A6) / \
        IPv6ExtHdrFragment(nh=17, offset=1232 // 8, m=0, id=0x5555) / \
        Raw(data[1232:])
    add("4to6 UDP 1428 bytes without DF -> two IPv6 fragments of <= 1280, "
        "Identification = IPv4 ID", "4", [s], exp=[f1, f2],
        counters={"frag6-out": 2})
    s = ip4(ident=0x6666, flags=0, proto=1) / echo4(8, 5, 5, pay(1400))
    data = b(ip6(src=B4_6, dst=A6, nh=58) /
             echo6(B4_6, A6, 128, 5, 5, pay(1400)))[40:]
    f1 = IPv6(version=6, tc=0, fl=0, hlim=63, src=B4_6, dst=A6) / \
        IPv6ExtHdrFragment(nh=58, offset=0, m=1, id=0x6666) / \
        Raw(data[:1232])
    f2 = IPv6(version=6, tc=0, fl=0, hlim=63, src=B4_6, dst=A6) / \
        IPv6ExtHdrFragment(nh=58, offset=1232 // 8, m=0, id=0x6666) / \
        Raw(data[1232:])
    add("4to6 ICMP echo 1428 bytes without DF -> two IPv6 fragments, "
        "Identification = IPv4 ID", "4", [s], exp=[f1, f2])
    p = nport()
    x46("4to6 lowest-ipv6-mtu 1500: 1428 bytes without DF not fragmented",
        udp(p, 53, pay(1400)), udp(p, 53, pay(1400)), 17, flags=0,
        pre=[["siit", "set", "lowest-ipv6-mtu", "1500"]],
        post=[["siit", "set", "lowest-ipv6-mtu", "1280"]])
    # a fragment that becomes more than 1280 bytes (RFC 7915 section 4: the
    # translator SHOULD fragment it to 1280)
    s = ip4(ident=0x4444, flags=MF, proto=17) / Raw(full4[:1400])
    e1 = IPv6(version=6, tc=0, fl=0, hlim=63, src=B4_6, dst=A6) / \
        IPv6ExtHdrFragment(nh=17, offset=0, m=1, id=0x4444) / \
        Raw(full6[:1232])
    e2 = IPv6(version=6, tc=0, fl=0, hlim=63, src=B4_6, dst=A6) / \
        IPv6ExtHdrFragment(nh=17, offset=1232 // 8, m=1, id=0x4444) / \
        Raw(full4[1232:1400])
    add("4to6 IPv4 fragment without DF translated over 1280 -> refragmented",
        "4", [s], exp=[e1, e2])
    # DF and too big for the IPv6 link: ICMPv4 frag needed from GW
    p = nport()
    s = ip4(flags=DF, proto=17) / udp(p, 53, pay(1453))
    add("4to6 1481 bytes DF over IPv6 MTU 1500 -> ICMP 3/4 MTU 1480 from GW",
        "4", [s], exp_side="4", exp=[gw_err4(B4, 3, 4, 1480, s)],
        mask={"id4"}, drop="drop-too-big")
    for ttl in (1, 0):
        p = nport()
        s = ip4(ttl=ttl, tos=0x04) / udp(p, 53, pay(8))
        add("4to6 TTL %d -> ICMP time exceeded from GW" % ttl, "4", [s],
            exp_side="4", exp=[gw_err4(B4, 11, 0, 0, s, tos=0x04)],
            mask={"id4"}, drop="drop-ttl", counters={"icmp-sent": 1})
    # UDP checksum zero
    p = nport()
    drop4("4to6 UDP with zero checksum dropped (amend off)",
          ip4() / udp(p, 53, pay(10), chksum=0), "drop-udp-zero-csum")
    for i, n in enumerate((0, 33, 1000)):
        p = nport()
        x46("4to6 amend-udp-checksum-zero on: %d bytes get a checksum" % n,
            udp(p, 53, pay(n), chksum=0), udp(p, 53, pay(n)), 17,
            pre=[["siit", "set", "amend-udp-checksum-zero", "on"]] if i == 0
            else (),
            post=[["siit", "set", "amend-udp-checksum-zero", "off"]]
            if n == 1000 else ())

    # ---- 4 -> 6: untranslatable ICMPv4 ---------------------------------
    p4, p6 = inner_pair_a()
    for t, c, what, body in (
            (3, 14, "host precedence violation", p4),
            (3, 16, "unknown unreachable code", p4),
            (12, 1, "missing required option", p4),
            (4, 0, "source quench", p4), (5, 1, "redirect", p4),
            (6, 0, "alternate host address", b""),
            (9, 0, "router advertisement", pay(8)),
            (10, 0, "router solicitation", b""),
            (13, 0, "timestamp", pay(12)), (14, 0, "timestamp reply", pay(12)),
            (15, 0, "information request", b""),
            (16, 0, "information reply", b""),
            (17, 0, "address mask request", pay(4)),
            (18, 0, "address mask reply", pay(4)),
            (40, 0, "photuris", b""), (253, 0, "experimental", b"")):
        s = ip4(src=R4, proto=1) / Raw(icmp4(t, c, 0, body))
        drop4("4to6 ICMP %d/%d (%s) dropped" % (t, c, what), s,
              "drop-icmp-type")

    # ---- 4 -> 6: ICMPv4 errors -----------------------------------------
    for c4, (t6, c6, what) in ((0, (1, 0, "net unreachable")),
                               (1, (1, 0, "host unreachable")),
                               (3, (1, 4, "port unreachable")),
                               (5, (1, 0, "source route failed")),
                               (6, (1, 0, "net unknown")),
                               (7, (1, 0, "host unknown")),
                               (8, (1, 0, "host isolated")),
                               (9, (1, 1, "net prohibited")),
                               (10, (1, 1, "host prohibited")),
                               (11, (1, 0, "net unreachable for TOS")),
                               (12, (1, 0, "host unreachable for TOS")),
                               (13, (1, 1, "communication prohibited")),
                               (15, (1, 1, "precedence cutoff"))):
        err46("4to6 ICMP 3/%d (%s) -> ICMPv6 %d/%d" % (c4, what, t6, c6),
              3, c4, 0, t6, c6, 0)
    err46("4to6 ICMP 3/2 protocol unreachable -> ICMPv6 4/1 pointer 6",
          3, 2, 0, 4, 1, 6)
    err46("4to6 ICMP 11/0 TTL exceeded -> ICMPv6 3/0", 11, 0, 0, 3, 0, 0)
    err46("4to6 ICMP 11/1 reassembly time exceeded -> ICMPv6 3/1", 11, 1, 0,
          3, 1, 0)
    for p4_, p6_ in ((0, 0), (1, 1), (2, 4), (3, 4), (8, 7), (9, 6),
                     (12, 8), (15, 8), (16, 24), (19, 24)):
        err46("4to6 ICMP 12/0 pointer %d -> ICMPv6 4/0 pointer %d" %
              (p4_, p6_), 12, 0, p4_ << 24, 4, 0, p6_)
    err46("4to6 ICMP 12/2 bad length pointer 2 -> ICMPv6 4/0 pointer 4",
          12, 2, 2 << 24, 4, 0, 4)
    for p4_ in (4, 6, 10, 20):
        p4, p6 = inner_pair_a()
        s = ip4(src=R4, proto=1) / Raw(icmp4(12, 0, p4_ << 24, p4))
        drop4("4to6 ICMP 12/0 untranslatable pointer %d dropped" % p4_, s,
              "drop-icmp-error")
    # Fragmentation Needed -> Packet Too Big
    for mtu4, tot, mtu6, dst, dst6, what in (
            (1400, 1500, 1420, A6_4, A6, ""),
            (1500, 1500, 1500, A6_4, A6, " (IPv6 link MTU 1500)"),
            (1280, 1500, 1300, A6_4, A6, ""),
            (576, 1500, 1280, A6_4, A6, " (raised to 1280)"),
            (0, 1500, 1500, A6_4, A6, " (plateau 1492, IPv6 MTU 1500)"),
            (0, 1400, 1280, A6_4, A6, " (plateau 1006 -> 1280)"),
            (1400, 1500, 1300, D6_4, D6, " (IPv6 route MTU 1300)")):
        # the quoted packet claims Total Length tot; only 28 bytes quoted
        p4, p6 = inner_pair_a("udp", tot - 28, a6=dst6, a6_4=dst)
        err46("4to6 ICMP 3/4 MTU %d (quoted length %d) -> ICMPv6 PTB %d%s" %
              (mtu4, tot, mtu6, what), 3, 4, mtu4, 2, 0, mtu6, cut=28,
              dst=dst, dst6=dst6, ipair=(p4, p6))
    # inner packet variants
    err46("4to6 ICMP 3/3 quoting a TCP segment", 3, 3, 0, 1, 4, 0,
          inner="tcp", n=100)
    err46("4to6 ICMP 3/3 quoting an ICMP echo request", 3, 3, 0, 1, 4, 0,
          inner="icmp", n=40)
    err46("4to6 ICMP 3/1 quoting header + 8 bytes (RFC 792)", 3, 1, 0, 1, 0,
          0, inner="tcp", n=100, cut=28)
    err46("4to6 ICMP 11/0 TOS 0x48, TTL 33", 11, 0, 0, 3, 0, 0, tos=0x48,
          ttl=33)
    # an ICMPv4 error with DF over the IPv6 route MTU (1300 to D6): an error
    # is translated, cut to 1280, never answered (RFC 1812 4.3.2.7)
    err46("4to6 ICMP 3/3 of 1456 bytes with DF, IPv6 route MTU 1300 -> "
          "ICMPv6 1/4 of 1280, no error about it", 3, 3, 0, 1, 4, 0,
          dst=D6_4, dst6=D6, flags=DF,
          ipair=inner_pair_a("udp", 1400, a6=D6, a6_4=D6_4),
          counters={"icmp-sent": 0, "drop-too-big": 0})
    # RFC 7915 4.1: errors from 0.0.0.0/8 and 127.0.0.0/8 are translated
    # anyway, for troubleshooting, with the RFC 6052 prefix
    for src, src6 in (("127.0.0.1", "2001:db8:64::7f00:1"),
                      ("0.0.0.0", "2001:db8:64::"),
                      ("127.1.2.3", "2001:db8:64::7f01:203")):
        err46("4to6 ICMP 11/0 from %s -> ICMPv6 3/0 from %s" % (src, src6),
              11, 0, 0, 3, 0, 0, src=src, src6=src6)
    s = ip4(src="127.0.0.1", proto=1) / echo4(0, 1, 1, pay(8))
    add("4to6 ICMP echo reply from 127.0.0.1 not translated", "4", [s])
    # ICMP in the other family's header is never translated (a fuzzer
    # finding: it became an ICMPv6 error over 1280 bytes)
    s = ip4(proto=58) / Raw(icmp6(B4_6, A6, 1, 4, 0, pay(1300)))
    drop4("4to6 IPv4 protocol 58 (ICMPv6) dropped", s, "drop-proto")
    err46("4to6 ICMP 3/3 of 1300 bytes -> ICMPv6 cut to 1280", 3, 3, 0, 1, 4,
          0, inner="udp", n=1300)
    # inner IPv4 fragment -> inner IPv6 Fragment header
    full4 = b(ip4(src=A6_4, dst=B4, proto=17) / udp(4000, 5000,
                                                   pay(300, 3)))[20:]
    full6 = b(ip6(src=A6, dst=B4_6, nh=17) / udp(4000, 5000,
                                                pay(300, 3)))[40:]
    in4 = b(ip4(src=A6_4, dst=B4, ident=0x0777, flags=MF, ttl=63,
                proto=17) / Raw(full4[:104]))
    in6 = b(IPv6(version=6, tc=0, fl=0, hlim=63, src=A6, dst=B4_6) /
            IPv6ExtHdrFragment(nh=17, offset=0, m=1, id=0x0777) /
            Raw(full6[:104]))
    s = ip4(src=R4, proto=1) / Raw(icmp4(11, 0, 0, in4))
    e = ip6(src=R4_6, dst=A6, hlim=63, nh=58) / Raw(icmp6(R4_6, A6, 3, 0, 0,
                                                          in6))
    add("4to6 ICMP 11/0 quoting a first fragment -> inner Fragment header",
        "4", [s], exp=[e])
    # RFC 4884: the extension is carried, the original datagram field laid
    # out again (a multiple of 8 bytes, 128 at least, 1280 in all)
    p4, p6 = inner_pair_a("udp", 20)
    rfc4884_46("4to6 ICMP 11/0 with RFC 4884 extension -> ICMPv6 3/0, "
               "extension carried, field 148 -> 144 bytes", 11, 0, 0, 3, 0,
               0, p4, p6, 20, 40, 128, ext4884(12), 144)
    p4, p6 = inner_pair_a("udp", 104)
    rfc4884_46("4to6 ICMP 3/3 with RFC 4884 extension -> ICMPv6 1/4, "
               "field 152 bytes", 3, 3, 0, 1, 4, 0, p4, p6, 20, 40, 132,
               ext4884(20), 152)
    data = pay(60, 3)
    in4 = b(ip4(src=A6_4, dst=B4, ttl=63, proto=17,
                options=[IPOption_NOP()] * 40) /
            Raw(b(ip4(src=A6_4, dst=B4, proto=17) /
                  udp(4000, 5000, data))[20:]))
    in6 = b(ip6(src=A6, dst=B4_6, hlim=63, nh=17) / udp(4000, 5000, data))
    rfc4884_46("4to6 ICMP 3/1 with RFC 4884 extension quoting 40 bytes of "
               "IPv4 options -> field padded 108 -> 128 bytes", 3, 1, 0, 1,
               0, 0, in4, in6, 60, 40, 128, ext4884(16), 128)
    p4, p6 = inner_pair_a("udp", 1400)
    rfc4884_46("4to6 ICMP 11/0 of 1448 bytes with a 400-byte RFC 4884 "
               "extension -> 1280 bytes, extension kept, field 832 bytes",
               11, 0, 0, 3, 0, 0, p4, p6, 20, 40, 1020, ext4884(400), 832)
    # no length field in Packet Too Big: the extension is removed
    p4, p6 = inner_pair_a("udp", 20)
    rfc4884_46("4to6 ICMP 3/4 with RFC 4884 extension -> ICMPv6 PTB, "
               "extension removed", 3, 4, 1400, 2, 0, 1420, p4, p6, 20, 40,
               128, ext4884(12), 0)
    # inner packet with IPv4 options; outer packet with IPv4 options
    data = pay(24, 3)
    in4 = b(ip4(src=A6_4, dst=B4, ttl=63, proto=17,
                options=[IPOption_NOP()] * 4) /
            Raw(b(ip4(src=A6_4, dst=B4, proto=17) /
                  udp(4000, 5000, data))[20:]))
    in6 = b(ip6(src=A6, dst=B4_6, hlim=63, nh=17) / udp(4000, 5000, data))
    s = ip4(src=R4, proto=1) / Raw(icmp4(3, 3, 0, in4))
    e = ip6(src=R4_6, dst=A6, hlim=63, nh=58) / Raw(icmp6(R4_6, A6, 1, 4, 0,
                                                          in6))
    add("4to6 ICMP 3/3 quoting a packet with IPv4 options", "4", [s],
        exp=[e])
    p4, p6 = inner_pair_a("udp", 30)
    s = ip4(src=R4, proto=1, options=[IPOption_NOP()] * 4) / Raw(
        icmp4(11, 0, 0, p4))
    e = ip6(src=R4_6, dst=A6, hlim=63, nh=58) / Raw(icmp6(R4_6, A6, 3, 0, 0,
                                                          p6))
    add("4to6 ICMP 11/0 with IPv4 options itself", "4", [s], exp=[e])
    # inner non-first fragment: no transport header to fix
    in4 = b(ip4(src=A6_4, dst=B4, ident=0x0999, flags=0, frag=64, ttl=63,
                proto=17) / Raw(pay(48, 8)))
    in6 = b(IPv6(version=6, tc=0, fl=0, hlim=63, src=A6, dst=B4_6) /
            IPv6ExtHdrFragment(nh=17, offset=64, m=0, id=0x0999) /
            Raw(pay(48, 8)))
    s = ip4(src=R4, proto=1) / Raw(icmp4(11, 1, 0, in4))
    e = ip6(src=R4_6, dst=A6, hlim=63, nh=58) / Raw(icmp6(R4_6, A6, 3, 1, 0,
                                                          in6))
    add("4to6 ICMP 11/1 quoting a non-first fragment", "4", [s], exp=[e])
    # UDP checksums: an IPv6 result of 0 must be sent as 0xffff
    base = bytearray(pay(30, 12))
    base[0:2] = b"\0\0"
    u6 = bytearray(b(ip6(src=B4_6, dst=A6, nh=17) /
                     udp(40001, 53, bytes(base))))
    u6[46:48] = b"\0\0"
    ph = (socket.inet_pton(socket.AF_INET6, B4_6) +
          socket.inet_pton(socket.AF_INET6, A6) +
          struct.pack("!IxxxB", len(u6) - 40, 17))
    base[0:2] = struct.pack("!H", cksum(ph + bytes(u6[40:])))
    x46("4to6 UDP whose IPv6 checksum computes to 0 -> 0xffff",
        udp(40001, 53, bytes(base)), udp(40001, 53, bytes(base)), 17)
    # untranslatable errors
    p4 = b(ip4(src=A6_4, dst="127.0.0.1", ttl=63) / udp(4000, 5000, pay(20)))
    drop4("4to6 ICMP error quoting an unmappable address dropped",
          ip4(src=R4, proto=1) / Raw(icmp4(3, 3, 0, p4)), "drop-icmp-error")
    p4, p6 = inner_pair_a("icmp-err")
    drop4("4to6 ICMP error quoting an ICMP error dropped",
          ip4(src=R4, proto=1) / Raw(icmp4(3, 3, 0, p4)), "drop-icmp-error")
    p4, p6 = inner_pair_a()
    m = bytearray(icmp4(3, 3, 0, p4))
    m[3] ^= 0x11
    drop4("4to6 ICMP error with a bad checksum dropped",
          ip4(src=R4, proto=1) / Raw(bytes(m)), "drop-icmp-csum")
    drop4("4to6 ICMP error with TTL 1 dropped silently",
          ip4(src=R4, proto=1, ttl=1) / Raw(icmp4(3, 3, 0, p4)), "drop-ttl")
    # RFC 6791 the other way: an IPv4 source the prefix may not map
    drop4("4to6 ICMP error from a denied source, no rfc6791v6: dropped",
          ip4(src=R4D, proto=1) / Raw(icmp4(11, 0, 0, p4)), "drop-icmp-error",
          pre=[["siit", "deny", "add", "198.51.100.192/26"]])
    err46("4to6 ICMP error from a denied source -> rfc6791v6 source",
          11, 0, 0, 3, 0, 0, src=R4D, src6=RFC6791V6 + "c633:64c8",
          pre=[["siit", "set", "rfc6791v6", RFC6791V6 + "/96"]],
          post=[["siit", "set", "rfc6791v6", "none"],
                ["siit", "deny", "del", "198.51.100.192/26"]])
    # fixed traffic class
    p = nport()
    x46("4to6 traffic-class 0 configured: TOS 0xb8 -> traffic class 0",
        udp(p, 53, pay(20)), udp(p, 53, pay(20)), 17, tos=0xb8, tc6=0,
        pre=[["siit", "set", "traffic-class", "0"]])
    p = nport()
    x46("4to6 traffic-class 0x48 configured: TOS 0 -> traffic class 0x48",
        udp(p, 53, pay(20)), udp(p, 53, pay(20)), 17, tos=0, tc6=0x48,
        pre=[["siit", "set", "traffic-class", "72"]],
        post=[["siit", "set", "traffic-class", "copy"]])

    # ---- hairpinning (RFC 7757 section 4) ------------------------------
    # A6 (EAM 192.0.2.17) sends to the prefix address of 192.0.2.18, which
    # the EAM maps back to D6 (no host owns it): translated twice, routed
    # once, so the hop limit goes down by one; D6 sees A6 as the prefix
    # address hpa.
    hp6 = "2001:db8:64::c000:212"       # 192.0.2.18 through the prefix
    hpa = "2001:db8:64::c000:211"       # 192.0.2.17 through the prefix
    p = nport()
    s = ip6(src=A6, dst=hp6, hlim=64) / udp(p, 53, pay(30))
    e = ip6(src=hpa, dst=D6, hlim=63) / udp(p, 53, pay(30))
    add("hairpin UDP through an EAM address -> hop limit decremented once",
        "6", [s], exp_side="6", exp=[e], counters={"hairpin": 1})
    # D6 answers with an error: on the second pass its source and the
    # inner destination both become the prefix address A6 sent to
    inner = b(ip6(src=hpa, dst=D6, hlim=63) / udp(p, 53, pay(20)))
    s = ip6(src=D6, dst=hpa, hlim=64, nh=58) / Raw(
        icmp6(D6, hpa, 1, 4, 0, inner))
    inner = b(ip6(src=A6, dst=hp6, hlim=63) / udp(p, 53, pay(20)))
    e = ip6(src=hp6, dst=A6, hlim=63, nh=58) / Raw(
        icmp6(hp6, A6, 1, 4, 0, inner))
    add("hairpin ICMPv6 1/4 -> inner destination through the prefix, hop "
        "limit decremented once", "6", [s], exp_side="6", exp=[e],
        counters={"hairpin": 1})


# ------------------------------------------------------------ the runner

libc = ctypes.CDLL(None, use_errno=True)


def enter_ns(name):
    path = "/run/netns/" + name
    if not os.path.exists(path):
        path = "/var/run/netns/" + name
    fd = os.open(path, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET):
            raise OSError(ctypes.get_errno(), "setns " + name)
    finally:
        os.close(fd)


def open_sock(ns):
    enter_ns(ns)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                      socket.htons(ETH_P_ALL))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 21)
    s.bind(("eth0", 0))
    s.setblocking(False)
    return s


def mac_bytes(m):
    return bytes(int(x, 16) for x in m.split(":"))


def interesting(frame):
    """The L3 bytes of a frame that may be ours, or None for noise."""
    if len(frame) < 14:
        return None
    et = struct.unpack("!H", frame[12:14])[0]
    p = frame[14:]
    if et == 0x0800 and len(p) >= 20:
        if p[16] >= 224 or p[19] == 255:
            return None
        return p[:struct.unpack("!H", p[2:4])[0]]
    if et == 0x86dd and len(p) >= 40:
        if p[24] == 0xff or p[8] == 0xfe:
            return None
        if p[6] == 58 and len(p) > 40 and p[40] >= 130:
            return None
        return p[:40 + struct.unpack("!H", p[4:6])[0]]
    return None


def drain(sock):
    while True:
        try:
            sock.recv(65535)
        except BlockingIOError:
            return


def capture(sock, want, timeout):
    """Frames (L3 bytes) until want arrived or timeout seconds passed."""
    got = []
    end = time.monotonic() + timeout
    while len(got) < want or want == 0:
        left = end - time.monotonic()
        if left <= 0:
            break
        r, _, _ = select.select([sock], [], [], left)
        if not r:
            break
        while True:
            try:
                data, addr = sock.recvfrom(65535)
            except BlockingIOError:
                break
            if addr[2] == PACKET_OUTGOING:
                continue
            p = interesting(data)
            if p is not None:
                got.append(p)
    return got


def stats():
    try:
        out = subprocess.run([V6GW, "-n", NS["GW"], "-j", "-s", "stats",
                              "show"], capture_output=True, text=True,
                             check=False)
    except OSError:
        return None
    try:
        return json.loads(out.stdout)
    except ValueError:
        return None


def v6gw(args):
    try:
        r = subprocess.run([V6GW, "-n", NS["GW"]] + list(args),
                           capture_output=True, text=True, check=False)
    except OSError as e:
        return "'v6gw %s' failed: %s" % (" ".join(args), e)
    if r.returncode:
        return "'v6gw %s' failed: %s" % (" ".join(args), r.stderr.strip())
    return None


def apply_mask(exp, got, mask):
    """Copy the masked (random by design) fields of got into exp."""
    e = bytearray(exp)
    notes = []
    if len(e) != len(got):
        return bytes(e), notes
    # The ID of a translated IPv4 datagram is the kernel's to choose,
    # except that an atomic one (DF, not a fragment) gets 0 (RFC 6864).
    if "id4" in mask and e[0] >> 4 == 4 and not (
            got[6] & 0x40 and not (got[6] & 0x3f) and not got[7]):
        e[4:6] = got[4:6]
        e[10:12] = got[10:12]
        ihl = (got[0] & 0xf) * 4
        if cksum(got[:ihl]) != 0:
            notes.append("IPv4 header checksum of the capture is wrong")
    if "flow6" in mask and e[0] >> 4 == 6:
        e[1] = (e[1] & 0xf0) | (got[1] & 0x0f)
        e[2:4] = got[2:4]
    if "fragid6" in mask and e[0] >> 4 == 6 and len(e) >= 48:
        e[44:48] = got[44:48]
    return bytes(e), notes


def hexline(data, start, n=16):
    return " ".join("%02x" % x for x in data[start:start + n])


def diff(exp, got):
    lines = []
    n = min(len(exp), len(got))
    first = next((i for i in range(n) if exp[i] != got[i]), n)
    lines.append("length expected %d got %d, first difference at byte %d"
                 % (len(exp), len(got), first))
    s = max(0, first - first % 16)
    for off in range(s, min(max(len(exp), len(got)), s + 48), 16):
        lines.append("%04x exp: %s" % (off, hexline(exp, off)))
        lines.append("%04x got: %s" % (off, hexline(got, off)))
    return lines


def summary(p):
    try:
        return (IP(p) if p[0] >> 4 == 4 else IPv6(p)).summary()
    except Exception:  # noqa: BLE001 (just a diagnostic)
        return repr(p[:40])


def run_case(c, socks, macs):
    diag = []
    for args in c.pre:
        err = v6gw(args)
        if err:
            return "fail", [err]
    before = stats() if c.drop or c.counters else None
    tx = socks[c.side]
    rx = socks[c.exp_side]
    drain(socks["6"])
    drain(socks["4"])
    eth = macs[c.side]
    for p in c.send:
        tx.send(eth + p)
    if c.exp:
        got = capture(rx, len(c.exp), 2.0)
    else:
        got = capture(rx, 0, 0.3)
    ok = True
    if c.exp:
        if len(got) < len(c.exp):
            ok = False
            diag.append("expected %d packet(s) on H%s, captured %d" %
                        (len(c.exp), c.exp_side, len(got)))
        for i, (e, g) in enumerate(zip(c.exp, got)):
            e2, notes = apply_mask(e, g, c.mask)
            if notes:
                ok = False
                diag.extend(notes)
            if e2 != g:
                ok = False
                diag.append("packet %d differs: %s" % (i, summary(g)))
                diag.extend(diff(e2, g))
        if "fragid6" in c.mask and len(got) > 1 and \
                len({g[44:48] for g in got}) != 1:
            ok = False
            diag.append("fragments do not share one Identification")
    else:
        if got:
            ok = False
            diag.append("expected nothing on H%s, captured %d packet(s)" %
                        (c.exp_side, len(got)))
            for g in got[:3]:
                diag.append("  " + summary(g))
    if c.drop:
        after = stats()
        if before is None or after is None:
            ok = False
            diag.append("'%s stats show' failed" % V6GW)
            d = len(c.send)
        else:
            d = after.get(c.drop, 0) - before.get(c.drop, 0)
        if d != len(c.send):
            ok = False
            diag.append("counter %s moved by %d, expected %d" %
                        (c.drop, d, len(c.send)))
    if c.counters:
        after = stats()
        for name, want in sorted(c.counters.items()):
            if before is None or after is None:
                ok = False
                diag.append("'%s stats show' failed" % V6GW)
                break
            d = after.get(name, 0) - before.get(name, 0)
            if d != want:
                ok = False
                diag.append("counter %s moved by %d, expected %d" %
                            (name, d, want))
    for args in c.post:
        err = v6gw(args)
        if err:
            ok = False
            diag.append(err)
    return ("pass" if ok else "fail"), diag


def main():
    t0 = time.monotonic()
    build()
    t1 = time.monotonic()
    only = sys.argv[1:]
    cases = [c for c in CASES if not only or any(o in c.name for o in only)]
    print("PLAN %d" % len(cases), flush=True)
    socks = {"6": open_sock(NS["H6"]), "4": open_sock(NS["H4"])}
    macs = {"6": mac_bytes(MAC["GW6"]) + mac_bytes(MAC["H6"]) + b"\x86\xdd",
            "4": mac_bytes(MAC["GW4"]) + mac_bytes(MAC["H4"]) + b"\x08\x00"}
    failed = 0
    for c in cases:
        res, diag = run_case(c, socks, macs)
        for line in diag:
            print("# " + line)
        if res == "fail" and c.xfail:
            print("RESULT xfail %s\t%s" % (c.name, c.xfail), flush=True)
            continue
        if res == "pass" and c.xfail:
            print("# XPASS (marked as expected failure: %s)" % c.xfail)
        failed += res == "fail"
        print("RESULT %s %s" % (res, c.name), flush=True)
    print("# built %d cases in %.1f s, ran them in %.1f s" %
          (len(CASES), t1 - t0, time.monotonic() - t1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
