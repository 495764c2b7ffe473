#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Byte-level RFC 6146 packet tests of the v6gw stateful NAT64.

Run by test-nat64-packets.sh, which builds the topology of nat64_lib.sh and
passes it in the environment (PKT_H6, PKT_GW, PKT_H4 namespaces; PKT_MAC_H6,
PKT_MAC_H4, PKT_MAC_GW6, PKT_MAC_GW4; V6GW the tool).

The runner is siit_packets.py's (its helpers are imported from it): raw
frames from H6 or H4 to GW's MAC, capture on the other side (or back on
the sender's side for GW's own ICMP errors), byte-for-byte comparison with
packets built independently with scapy, per-case counter deltas. H4 and H6
own no address (test-nat64-packets.sh removes them): they never answer.

Stateful translation adds one unknown: the pool4 port t that GW picks for
a new BIB entry (its allocator is randomised on purpose). Each flow's first
IPv6 packet is sent, the IPv4 packet that comes out is captured, t is read
from it (and checked against "v6gw -j nat64 bib show"), and the capture is
then compared byte for byte with a scapy-built packet that has that t:
every other byte, the checksums included, is asserted. The rest of the
flow (replies, errors quoting it, ...) is built with the t learnt, so it
is entirely deterministic. Cases that depend on an earlier case's mapping
fail with "no mapping" when that one did not produce it. (pool4 stays the
whole 1-65535 range rather than one port per protocol: the cases then go
through the allocator as in real use, and several flows coexist.)

Flows (X' = 2001:db8:6::2 port x, Y = 198.51.100.2, Y' = 64:ff9b::Y,
T = 203.0.113.1): UDP x 40001 -> Y:53, TCP 40002 -> Y:80, TCP 40003 -> Y:81
(reset), ICMP echo identifier 0x1234, and more per case below. Ports that
must have no BIB entry are below 1024: dynamic entries of source ports from
1024 up get ports from 1024 up (pool4 port classes), so they cannot collide.

Output, one line per case, read by test-nat64-packets.sh:
  PLAN <n>
  RESULT pass|fail|xfail|skip <name>[<TAB>reason]
  # <diagnostic lines>
"""
import json
import os
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True     # no __pycache__ for siit_packets
try:
    from scapy.layers.inet import IP, TCP, UDP
    from scapy.layers.inet6 import IPv6, IPv6ExtHdrFragment
    from scapy.packet import Raw
    # the runner of the SIIT packet tests: sockets, capture, comparison
    from siit_packets import (icmp4, icmp6, pay, b, DF, MF,
                              open_sock, mac_bytes, drain, capture, stats,
                              apply_mask, diff, summary)
except ImportError as e:  # pragma: no cover
    print("# scapy or siit_packets.py is missing: %s" % e)
    sys.exit(4)

X6 = "2001:db8:6::2"            # the IPv6 host (H6's link)
X6B = "2001:db8:6::11"          # a second, virtual, IPv6 host (hairpin)
Y4 = "198.51.100.2"             # the IPv4 host (H4's link)
Y6 = "64:ff9b::c633:6402"       # Y under the NAT64 prefix
Z4, Z6 = "198.51.100.3", "64:ff9b::c633:6403"   # a second IPv4 host
C4, C6 = "198.51.100.4", "64:ff9b::c633:6404"   # route MTU 1300 on GW
R4, R6 = "198.51.100.9", "64:ff9b::c633:6409"   # an IPv4 router
T4 = "203.0.113.1"              # pool4
T6 = "64:ff9b::cb00:7101"       # T under the prefix (hairpin)
GW6, GW4 = "2001:db8:6::1", "198.51.100.1"
NONGLOBAL6 = "64:ff9b::a00:1"   # 10.0.0.1 under the well-known prefix

V6GW = os.environ.get("V6GW", "v6gw")
NS = {k: os.environ.get("PKT_" + k, "") for k in ("H6", "GW", "H4")}
MAC = {k: os.environ.get("PKT_MAC_" + k, "00:00:00:00:00:00")
       for k in ("H6", "H4", "GW6", "GW4")}

# Mappings learnt from GW's output, shared by the cases that follow.
S = {}


# ------------------------------------------------------------ builders

def ip4(src=T4, dst=Y4, tos=0, ident=0, flags=0, frag=0, ttl=64,
        proto=None):
    """An IPv4 header, every field explicit but the protocol (scapy takes
    it from the layer above unless given), length and checksum."""
    p = IP(version=4, tos=tos, id=ident, flags=flags, frag=frag, ttl=ttl,
           src=src, dst=dst)
    if proto is not None:
        p.proto = proto
    return p


def ip6(src=X6, dst=Y6, tc=0, fl=0, hlim=64, nh=None):
    p = IPv6(version=6, tc=tc, fl=fl, hlim=hlim, src=src, dst=dst)
    if nh is not None:
        p.nh = nh
    return p


def udp(sport, dport, data=b""):
    u = UDP(sport=sport, dport=dport)
    return u / Raw(data) if data else u


TCP_OPTS = [("MSS", 1440), ("NOP", None), ("WScale", 7), ("SAckOK", b""),
            ("Timestamp", (123456, 0))]


def tcp(sport, dport, flags, data=b"", options=None, seq=1000, ack=0):
    t = TCP(sport=sport, dport=dport, seq=seq, ack=ack, flags=flags,
            window=8192, urgptr=0)
    if options:
        t.options = options
    return t / Raw(data) if data else t


def echo4(typ, ident, seq, data):
    return Raw(icmp4(typ, 0, struct.pack("!HH", ident, seq), data))


def echo6(src, dst, typ, ident, seq, data):
    return Raw(icmp6(src, dst, typ, 0, struct.pack("!HH", ident, seq), data))


def df_for(total):
    """RFC 7915 section 5.1: DF set when the IPv4 packet is over 1260."""
    return DF if total > 1260 else 0


def v4(l4, proto, src=T4, dst=Y4, ttl=63, tos=0, ident=0, flags=None):
    """An IPv4 packet as GW sends it: DF by the 1260 rule unless given."""
    p = ip4(src=src, dst=dst, tos=tos, ident=ident, ttl=ttl,
            proto=proto) / l4
    p[IP].flags = df_for(len(b(p))) if flags is None else flags
    return p


def v6(l4, nh, src=Y6, dst=X6, hlim=63, tc=0):
    return ip6(src=src, dst=dst, tc=tc, hlim=hlim, nh=nh) / l4


def gw_err4(dst, typ, code, rest, orig, tos=0):
    """GW's own ICMPv4 error (Linux icmp_send)."""
    return ip4(src=GW4, dst=dst, tos=(tos & 0x1e) | 0xc0, ttl=64,
               proto=1) / Raw(icmp4(typ, code, rest, b(orig)[:548]))


def gw_err6(dst, typ, code, rest, orig):
    """GW's own ICMPv6 error (Linux icmpv6_send)."""
    return ip6(src=GW6, dst=dst, hlim=64, nh=58) / Raw(
        icmp6(GW6, dst, typ, code, rest, b(orig)[:1232]))


# ---------------------------------------------------------- the runner

class Fail(Exception):
    """Ends a case: a precondition (a mapping, a command) is missing."""


class Ctx:
    def __init__(self, socks, macs):
        self.socks = socks
        self.macs = macs
        self.ok = True
        self.diag = []

    def fail(self, msg):
        self.ok = False
        self.diag.append(msg)

    def check(self, cond, msg):
        if not cond:
            self.fail(msg)
        return cond

    def v6gw(self, *args, must=True):
        try:
            r = subprocess.run([V6GW, "-n", NS["GW"]] + list(args),
                               capture_output=True, text=True, check=False)
        except OSError as e:
            raise Fail("'v6gw %s' failed: %s" % (" ".join(args), e))
        if r.returncode and must:
            raise Fail("'v6gw %s' failed: %s" % (" ".join(args),
                                                 r.stderr.strip()))
        return r.stdout

    def json(self, *args):
        out = self.v6gw("-j", *args)
        try:
            return json.loads(out)
        except ValueError:
            raise Fail("'v6gw -j %s': not JSON: %r" % (" ".join(args),
                                                       out[:200]))

    def stats(self):
        s = stats()
        if s is None:
            raise Fail("'%s stats show' failed" % V6GW)
        return s

    def xchg(self, side, pkts, exp_side=None, want=1, timeout=None):
        """Send pkts from H<side>, return what H<exp_side> captured: want
        packets within timeout (2 s), or everything within timeout (0.3 s)
        when want is 0."""
        exp_side = exp_side or ("4" if side == "6" else "6")
        drain(self.socks["6"])
        drain(self.socks["4"])
        for p in pkts:
            self.socks[side].send(self.macs[side] + b(p))
        if timeout is None:
            timeout = 2.0 if want else 0.3
        return capture(self.socks[exp_side], want, timeout)

    def expect(self, exp, got, mask=(), where=""):
        """Compare captured packets with expected ones, byte for byte."""
        exp = [b(e) for e in exp]
        ok = True
        if len(got) != len(exp):
            ok = False
            self.fail("expected %d packet(s)%s, captured %d" %
                      (len(exp), where, len(got)))
            for g in got[len(exp):len(exp) + 3]:
                self.diag.append("  extra: " + summary(g))
        for i, (e, g) in enumerate(zip(exp, got)):
            e2, notes = apply_mask(e, g, set(mask))
            for n in notes:
                self.fail(n)
            if e2 != g:
                ok = False
                self.fail("packet %d differs: %s" % (i, summary(g)))
                self.diag.extend(diff(e2, g))
        return ok

    def nothing(self, got, where):
        if got:
            self.fail("expected nothing on %s, captured %d packet(s)" %
                      (where, len(got)))
            for g in got[:3]:
                self.diag.append("  " + summary(g))

    def counters(self, before, want):
        after = self.stats()
        for name, n in sorted(want.items()):
            d = after.get(name, 0) - before.get(name, 0)
            if d != n:
                self.fail("counter %s moved by %d, expected %d" %
                          (name, d, n))

    # the NAT64 tables
    def bib(self, proto, x6, x):
        for e in self.json("nat64", "bib", "show", "proto", proto):
            if e.get("ipv6") == x6 and e.get("port6") == x:
                return e
        return None

    def sessions(self, proto):
        return self.json("nat64", "session", "show", "proto", proto)

    def session(self, proto, x6, x, y6, y):
        for e in self.sessions(proto):
            if (e.get("src6"), e.get("sport6"), e.get("dst6"),
                    e.get("dport6")) == (x6, x, y6, y):
                return e
        return None

    def check_bib(self, proto, x6, x, t):
        """The BIB entry of (x6, x) is (T, t), dynamic."""
        e = self.bib(proto, x6, x)
        if not self.check(e is not None, "no %s BIB entry for [%s]:%d" %
                          (proto, x6, x)):
            return
        self.check((e.get("ipv4"), e.get("port4"), e.get("static")) ==
                   (T4, t, False), "BIB entry %s, expected %s:%d dynamic" %
                   (json.dumps(e), T4, t))

    def check_state(self, x, y, state):
        e = self.session("tcp", X6, x, Y6, y)
        if self.check(e is not None, "no TCP session [%s]:%d -> [%s]:%d" %
                      (X6, x, Y6, y)):
            self.check(e.get("state") == state,
                       "TCP session state %s, expected %s" %
                       (e.get("state"), state))


def l4port(p4, off):
    """The 16-bit field at off of the transport header of an IPv4 packet."""
    ihl = (p4[0] & 0xf) * 4
    if len(p4) < ihl + off + 2:
        return None
    return struct.unpack("!H", p4[ihl + off:ihl + off + 2])[0]


def mapping(key):
    if key not in S:
        raise Fail("no mapping: the case that creates '%s' failed" % key)
    return S[key]


def learn(c, key, got, off=0, proto="udp", x6=X6, x=None):
    """Read t (the IPv4 source port, or the ICMP identifier at off 4) from
    the first captured packet; check it against the BIB."""
    if not got or got[0][0] >> 4 != 4:
        raise Fail("no IPv4 packet came out: nothing to learn %s from" % key)
    t = l4port(got[0], off)
    if t is None:
        raise Fail("captured packet too short: %s" % summary(got[0]))
    if proto != "icmp":
        c.check(1024 <= t <= 65535, "pool4 port %d for source port %d: not "
                "in the port class of the source (1024-65535)" % (t, x))
    S[key] = t
    c.diag.append("  (mapping %s: %s [%s]:%d -> %s:%d)" %
                  (key, proto, x6, x, T4, t))
    c.check_bib(proto, x6, x, t)
    return t


CASES = []


def case(name, xfail=None):
    def reg(fn):
        CASES.append((name, fn, xfail))
        return fn
    return reg


# -------------------------------------------------------------- UDP

@case("6to4 UDP first packet: BIB entry and session created, source "
      "(T, t) with t learnt, every other byte exact")
def _(c):
    before = c.stats()
    s = ip6(tc=0x28) / udp(40001, 53, pay(40))
    got = c.xchg("6", [s])
    t = learn(c, "udp", got, x=40001)
    c.expect([v4(udp(t, 53, pay(40)), 17, tos=0x28)], got, mask={"id4"})
    c.counters(before, {"nat64-session-new": 1, "nat64-bib-new": 1,
                        "xlat-6to4": 1})


@case("4to6 UDP reply through the session: addresses and ports restored")
def _(c):
    t = mapping("udp")
    before = c.stats()
    s = ip4(src=Y4, dst=T4, tos=0x10, ident=0x4242) / udp(53, t, pay(77, 1))
    got = c.xchg("4", [s])
    c.expect([v6(udp(53, 40001, pay(77, 1)), 17, tc=0x10)], got)
    c.counters(before, {"xlat-4to6": 1, "nat64-session-new": 0,
                        "drop-nat64-no-state": 0})


@case("6to4 UDP second packet of the flow reuses the mapping (same t)")
def _(c):
    t = mapping("udp")
    before = c.stats()
    s = ip6(hlim=100) / udp(40001, 53, pay(1001, 2))
    got = c.xchg("6", [s])
    c.expect([v4(udp(t, 53, pay(1001, 2)), 17, ttl=99)], got, mask={"id4"})
    c.counters(before, {"nat64-session-new": 0, "nat64-bib-new": 0,
                        "xlat-6to4": 1})


@case("6to4 UDP same source to a second IPv4 destination: endpoint-"
      "independent mapping, same t, new session")
def _(c):
    t = mapping("udp")
    before = c.stats()
    s = ip6(dst=Z6) / udp(40001, 5353, pay(20, 3))
    got = c.xchg("6", [s])
    c.expect([v4(udp(t, 5353, pay(20, 3)), 17, dst=Z4)], got, mask={"id4"})
    c.counters(before, {"nat64-session-new": 1, "nat64-bib-new": 0})
    c.check(len(c.sessions("udp")) == 2, "expected 2 UDP sessions")


@case("4to6 UDP from a third IPv4 host to (T, t): endpoint-independent "
      "filtering, delivered, new session")
def _(c):
    t = mapping("udp")
    before = c.stats()
    s = ip4(src=R4, dst=T4, ident=1) / udp(1111, t, pay(12, 4))
    got = c.xchg("4", [s])
    c.expect([v6(udp(1111, 40001, pay(12, 4)), 17, src=R6)], got)
    c.counters(before, {"nat64-session-new": 1, "xlat-4to6": 1})


# -------------------------------------------------------------- TCP

@case("6to4 TCP SYN with options: BIB entry and session (v6-init), "
      "options untouched")
def _(c):
    before = c.stats()
    s = ip6() / tcp(40002, 80, "S", options=TCP_OPTS, seq=5000)
    got = c.xchg("6", [s])
    t = learn(c, "tcp", got, proto="tcp", x=40002)
    c.expect([v4(tcp(t, 80, "S", options=TCP_OPTS, seq=5000), 6)], got,
             mask={"id4"})
    c.counters(before, {"nat64-session-new": 1, "nat64-bib-new": 1,
                        "xlat-6to4": 1})
    c.check_state(40002, 80, "v6-init")


@case("4to6 TCP SYN/ACK with options -> IPv6, session established")
def _(c):
    t = mapping("tcp")
    opts = [("MSS", 1460), ("SAckOK", b""), ("Timestamp", (777, 123456)),
            ("NOP", None), ("WScale", 9)]
    s = ip4(src=Y4, dst=T4, ident=2) / tcp(80, t, "SA", options=opts,
                                          seq=90000, ack=5001)
    got = c.xchg("4", [s])
    c.expect([v6(tcp(80, 40002, "SA", options=opts, seq=90000, ack=5001),
                 6)], got)
    c.check_state(40002, 80, "established")


@case("6to4 TCP ACK with 333 bytes of data (odd length)")
def _(c):
    t = mapping("tcp")
    s = ip6() / tcp(40002, 80, "PA", pay(333, 5), seq=5001, ack=90001)
    got = c.xchg("6", [s])
    c.expect([v4(tcp(t, 80, "PA", pay(333, 5), seq=5001, ack=90001), 6)],
             got, mask={"id4"})


@case("4to6 TCP data 1400 bytes with DF")
def _(c):
    t = mapping("tcp")
    s = ip4(src=Y4, dst=T4, flags=DF, ident=3) / tcp(
        80, t, "PA", pay(1400, 6), seq=90001, ack=5334)
    got = c.xchg("4", [s])
    c.expect([v6(tcp(80, 40002, "PA", pay(1400, 6), seq=90001, ack=5334),
                 6)], got)


@case("6to4 TCP FIN -> session v6-fin-rcv")
def _(c):
    t = mapping("tcp")
    s = ip6() / tcp(40002, 80, "FA", seq=5334, ack=91401)
    got = c.xchg("6", [s])
    c.expect([v4(tcp(t, 80, "FA", seq=5334, ack=91401), 6)], got,
             mask={"id4"})
    c.check_state(40002, 80, "v6-fin-rcv")


@case("4to6 TCP FIN -> session v4-fin-v6-fin-rcv")
def _(c):
    t = mapping("tcp")
    s = ip4(src=Y4, dst=T4, ident=4) / tcp(80, t, "FA", seq=91401, ack=5335)
    got = c.xchg("4", [s])
    c.expect([v6(tcp(80, 40002, "FA", seq=91401, ack=5335), 6)], got)
    c.check_state(40002, 80, "v4-fin-v6-fin-rcv")


@case("6to4 TCP last ACK after both FINs translated")
def _(c):
    t = mapping("tcp")
    s = ip6() / tcp(40002, 80, "A", seq=5335, ack=91402)
    got = c.xchg("6", [s])
    c.expect([v4(tcp(t, 80, "A", seq=5335, ack=91402), 6)], got,
             mask={"id4"})


@case("TCP RST 4to6 on an established session -> translated, session trans")
def _(c):
    before = c.stats()
    s = ip6() / tcp(40003, 81, "S", seq=100)
    got = c.xchg("6", [s])
    t = learn(c, "tcp-rst", got, proto="tcp", x=40003)
    c.expect([v4(tcp(t, 81, "S", seq=100), 6, tos=0)], got, mask={"id4"})
    s = ip4(src=Y4, dst=T4, ident=5) / tcp(81, t, "SA", seq=700, ack=101)
    got = c.xchg("4", [s])
    c.expect([v6(tcp(81, 40003, "SA", seq=700, ack=101), 6)], got)
    c.check_state(40003, 81, "established")
    s = ip4(src=Y4, dst=T4, ident=6) / tcp(81, t, "R", seq=701)
    got = c.xchg("4", [s])
    c.expect([v6(tcp(81, 40003, "R", seq=701), 6)], got)
    c.check_state(40003, 81, "trans")
    c.counters(before, {"nat64-session-new": 1, "xlat-6to4": 1,
                        "xlat-4to6": 2})


@case("6to4 TCP ACK without a session (not a SYN) dropped")
def _(c):
    before = c.stats()
    s = ip6() / tcp(40004, 80, "A", seq=1, ack=1)
    c.nothing(c.xchg("6", [s], want=0), "H4")
    c.counters(before, {"drop-nat64-no-state": 1, "nat64-session-new": 0})


# ------------------------------------------------------------- ICMP

@case("6to4 ICMPv6 echo request -> ICMP echo, identifier mapped to t")
def _(c):
    before = c.stats()
    s = ip6(nh=58) / echo6(X6, Y6, 128, 0x1234, 1, pay(56))
    got = c.xchg("6", [s])
    t = learn(c, "icmp", got, off=4, proto="icmp", x=0x1234)
    c.expect([v4(echo4(8, t, 1, pay(56)), 1)], got, mask={"id4"})
    c.counters(before, {"nat64-session-new": 1, "nat64-bib-new": 1,
                        "xlat-6to4": 1})


@case("4to6 ICMP echo reply -> ICMPv6 echo reply, identifier restored")
def _(c):
    t = mapping("icmp")
    s = ip4(src=Y4, dst=T4, ident=7, proto=1) / echo4(0, t, 1, pay(56))
    got = c.xchg("4", [s])
    c.expect([v6(echo6(Y6, X6, 129, 0x1234, 1, pay(56)), 58)], got)


# ------------------------------------------------ ICMP errors, sessions

def udp_out4(t, n=20):
    """The UDP flow's packet as GW sent it to Y (quoted by Y's errors)."""
    return b(ip4(src=T4, dst=Y4, ident=0x0101, ttl=63) /
             udp(t, 53, pay(n, 3)))


def udp_out6(n=20, hlim=63):
    """The same packet as X' sent it."""
    return b(ip6(hlim=hlim) / udp(40001, 53, pay(n, 3)))


@case("4to6 ICMP port unreachable from Y about the UDP flow -> ICMPv6 1/4, "
      "inner packet X':x -> Y':y")
def _(c):
    t = mapping("udp")
    before = c.stats()
    s = ip4(src=Y4, dst=T4, proto=1) / Raw(icmp4(3, 3, 0, udp_out4(t)))
    got = c.xchg("4", [s])
    c.expect([v6(Raw(icmp6(Y6, X6, 1, 4, 0, udp_out6())), 58)], got)
    c.counters(before, {"xlat-4to6": 1, "nat64-session-new": 0})


@case("4to6 ICMP frag needed MTU 1400 from router 198.51.100.9 -> ICMPv6 "
      "PTB MTU 1420, inner ports translated back")
def _(c):
    t = mapping("udp")
    q4 = b(ip4(src=T4, dst=Y4, ident=0, flags=DF, ttl=62) /
           udp(t, 53, pay(1400, 3)))[:548]
    q6 = b(ip6(hlim=62) / udp(40001, 53, pay(1400, 3)))[:548 + 20]
    s = ip4(src=R4, dst=T4, ttl=60, proto=1) / Raw(icmp4(3, 4, 1400, q4))
    got = c.xchg("4", [s])
    c.expect([v6(Raw(icmp6(R6, X6, 2, 0, 1420, q6)), 58, src=R6, hlim=59)],
             got)


@case("4to6 ICMP time exceeded quoting the echo request -> ICMPv6 3/0, "
      "inner identifier restored")
def _(c):
    t = mapping("icmp")
    q4 = b(ip4(src=T4, dst=Y4, ttl=1, proto=1) / echo4(8, t, 9, pay(16)))
    q6 = b(ip6(hlim=1, nh=58) / echo6(X6, Y6, 128, 0x1234, 9, pay(16)))
    s = ip4(src=R4, dst=T4, proto=1) / Raw(icmp4(11, 0, 0, q4))
    got = c.xchg("4", [s])
    c.expect([v6(Raw(icmp6(R6, X6, 3, 0, 0, q6)), 58, src=R6)], got)


@case("4to6 ICMP port unreachable quoting the TCP flow (28 bytes) -> "
      "ICMPv6 1/4")
def _(c):
    t = mapping("tcp")
    q4 = b(ip4(src=T4, dst=Y4, ttl=63, proto=6) /
           tcp(t, 80, "PA", pay(10), seq=5001, ack=90001))[:28]
    q6 = b(ip6(hlim=63, nh=6) /
           tcp(40002, 80, "PA", pay(10), seq=5001, ack=90001))[:48]
    s = ip4(src=Y4, dst=T4, proto=1) / Raw(icmp4(3, 3, 0, q4))
    got = c.xchg("4", [s])
    c.expect([v6(Raw(icmp6(Y6, X6, 1, 4, 0, q6)), 58)], got)


def udp_back6(n=20):
    """GW's 4to6 reply of the UDP flow, as X' got it (quoted by X')."""
    return b(ip6(src=Y6, dst=X6, hlim=63) / udp(53, 40001, pay(n, 5)))


def udp_back4(t, n=20):
    """The same packet as Y sent it (inner ID 0 after translation)."""
    return b(ip4(src=Y4, dst=T4, ident=0, ttl=63) / udp(53, t, pay(n, 5)))


@case("6to4 ICMPv6 port unreachable from X' about the UDP reply -> ICMP "
      "3/3 from T to Y, inner packet Y:y -> T:t")
def _(c):
    t = mapping("udp")
    before = c.stats()
    s = ip6(nh=58) / Raw(icmp6(X6, Y6, 1, 4, 0, udp_back6()))
    got = c.xchg("6", [s])
    c.expect([v4(Raw(icmp4(3, 3, 0, udp_back4(t))), 1)], got, mask={"id4"})
    c.counters(before, {"xlat-6to4": 1, "nat64-session-new": 0})


@case("6to4 ICMPv6 PTB MTU 1400 from a router on H6's link -> ICMP 3/4 "
      "MTU 1380 from T")
def _(c):
    t = mapping("udp")
    r6 = "2001:db8:6::fe"
    s = ip6(src=r6, hlim=30, nh=58) / Raw(icmp6(r6, Y6, 2, 0, 1400,
                                                 udp_back6(1000)))
    got = c.xchg("6", [s])
    # the quote: 548 bytes at most (576 - 28)
    c.expect([v4(Raw(icmp4(3, 4, 1380, udp_back4(t, 1000)[:548])), 1,
                 ttl=29)], got, mask={"id4"})


@case("4to6 ICMP error quoting a flow without session dropped")
def _(c):
    before = c.stats()
    q4 = b(ip4(src=T4, dst=Y4, ttl=63) / udp(61999, 53, pay(20)))
    s = ip4(src=Y4, dst=T4, proto=1) / Raw(icmp4(3, 3, 0, q4))
    c.nothing(c.xchg("4", [s], want=0), "H6")
    c.counters(before, {"drop-nat64-no-state": 1, "xlat-4to6": 0,
                        "nat64-session-new": 0})


@case("6to4 ICMPv6 error quoting a flow without session dropped")
def _(c):
    before = c.stats()
    q6 = b(ip6(src=Y6, dst=X6, hlim=63) / udp(53, 40999, pay(20)))
    s = ip6(nh=58) / Raw(icmp6(X6, Y6, 1, 4, 0, q6))
    c.nothing(c.xchg("6", [s], want=0), "H4")
    c.counters(before, {"drop-nat64-no-state": 1, "xlat-6to4": 0,
                        "nat64-session-new": 0})


# ------------------------------------------------- IPv4-initiated

@case("4to6 UDP to a static BIB entry: [X']:5000 from Y' (byte-exact), "
      "and the reply from T:5000")
def _(c):
    c.v6gw("nat64", "bib", "add", "proto", "udp", "[%s]:5000" % X6,
           "%s:5000" % T4)
    before = c.stats()
    s = ip4(src=Y4, dst=T4, ident=0x77, ttl=20) / udp(7000, 5000, pay(30, 7))
    got = c.xchg("4", [s])
    c.expect([v6(udp(7000, 5000, pay(30, 7)), 17, hlim=19)], got)
    c.counters(before, {"nat64-session-new": 1, "nat64-bib-new": 0,
                        "xlat-4to6": 1})
    s = ip6() / udp(5000, 7000, pay(31, 8))
    got = c.xchg("6", [s])
    c.expect([v4(udp(5000, 7000, pay(31, 8)), 17)], got, mask={"id4"})
    e = c.bib("udp", X6, 5000)
    c.check(e is not None and e.get("static") is True and
            e.get("port4") == 5000, "static BIB entry: %s" % json.dumps(e))


@case("4to6 UDP to a pool4 port without BIB entry -> ICMP port unreachable "
      "from GW")
def _(c):
    before = c.stats()
    s = ip4(src=Y4, dst=T4, ident=0x99) / udp(7001, 700, pay(24))
    got = c.xchg("4", [s], exp_side="4")
    c.expect([gw_err4(Y4, 3, 3, 0, s)], got, mask={"id4"})
    c.counters(before, {"drop-nat64-no-state": 1, "icmp-sent": 1,
                        "nat64-session-new": 0})


def pool_err4(dst, typ, code, rest, orig, tos=0):
    """The ICMPv4 error answering a held SYN: as Linux icmp_send() builds
    one, but from the pool4 address the SYN was sent to."""
    return ip4(src=T4, dst=dst, tos=(tos & 0x1e) | 0xc0, ttl=64,
               proto=1) / Raw(icmp4(typ, code, rest, b(orig)[:548]))


@case("4to6 TCP SYN without BIB entry held tcp-syn seconds, then ICMP port "
      "unreachable from pool4 (RFC 6146 3.5.2.2)")
def _(c):
    # tcp-syn 3: long enough that nothing can come back within 0.5 s even
    # on a slow guest; the counters are compared over the whole case only
    # (a CLI call can take longer than the hold in a TCG guest)
    c.v6gw("nat64", "set", "tcp-syn", "3")
    before = c.stats()
    s = ip4(src=Y4, dst=T4, ident=0x9b, proto=6) / tcp(7003, 702, "S")
    early = c.xchg("4", [s], exp_side="4", want=0, timeout=0.5)
    c.nothing(early, "H4 within 0.5 s (the SYN should be held)")
    late = capture(c.socks["4"], 1, 8.0)
    c.expect([pool_err4(Y4, 3, 3, 0, s)], late, mask={"id4"},
             where=" after the hold")
    c.counters(before, {"nat64-syn-held": 1, "drop-nat64-syn-held": 1,
                        "icmp-sent": 1, "drop-nat64-no-state": 0,
                        "nat64-session-new": 0})


@case("simultaneous open: a held IPv4 SYN (address-dependent filtering) is "
      "discarded when the IPv6 SYN of the same flow comes")
def _(c):
    c.v6gw("nat64", "set", "tcp-syn", "4", "filtering", "address")
    c.v6gw("nat64", "bib", "add", "proto", "tcp", "[%s]:7100" % X6,
           "%s:7100" % T4)
    try:
        before = c.stats()
        s4 = ip4(src=Y4, dst=T4, ident=0x9c, proto=6) / tcp(7004, 7100, "S",
                                                           seq=5000)
        # the IPv4 SYN, then at once the IPv6 SYN of the same flow
        early = c.xchg("4", [s4], exp_side="6", want=0, timeout=0.2)
        c.nothing(early, "H6 (the IPv4 SYN should be held)")
        s6 = ip6(src=X6, dst=Y6) / tcp(7100, 7004, "S", seq=9000)
        got = c.xchg("6", [s6], exp_side="4")
        c.expect([v4(tcp(7100, 7004, "S", seq=9000), 6, src=T4)], got,
                 mask={"id4"})
        # past the hold: no ICMP for the discarded SYN
        late = capture(c.socks["4"], 0, 5.0)
        c.nothing(late, "H4 after the hold (no ICMP: the SYN was discarded)")
        c.counters(before, {"nat64-syn-held": 1, "drop-nat64-syn-held": 1,
                            "nat64-session-new": 1, "icmp-sent": 0})
    finally:
        c.v6gw("nat64", "set", "filtering", "endpoint", "tcp-syn", "6")
        c.v6gw("nat64", "bib", "del", "proto", "tcp", "[%s]:7100" % X6)


# --------------------------------------------------------- hairpin

@case("hairpin UDP from X' to 64:ff9b::T at the static BIB port of "
      "2001:db8:6::11 -> back on H6's link from 64:ff9b::T, port t of X'")
def _(c):
    c.v6gw("nat64", "bib", "add", "proto", "udp", "[%s]:6000" % X6B,
           "%s:6000" % T4)
    before = c.stats()
    s = ip6(dst=T6, tc=0x20) / udp(40050, 6000, pay(50, 9))
    got = c.xchg("6", [s], exp_side="6")
    if not got or got[0][0] >> 4 != 6 or len(got[0]) < 44:
        raise Fail("nothing came back on H6's link")
    t = struct.unpack("!H", got[0][40:42])[0]
    S["hairpin"] = t
    c.diag.append("  (mapping hairpin: udp [%s]:40050 -> %s:%d)" %
                  (X6, T4, t))
    c.expect([v6(udp(t, 6000, pay(50, 9)), 17, src=T6, dst=X6B, tc=0x20)],
             got)
    c.check_bib("udp", X6, 40050, t)
    c.counters(before, {"hairpin": 1, "nat64-session-new": 2,
                        "nat64-bib-new": 1})


@case("hairpin UDP reply from 2001:db8:6::11 -> X' from 64:ff9b::T:6000")
def _(c):
    t = mapping("hairpin")
    before = c.stats()
    s = ip6(src=X6B, dst=T6) / udp(6000, t, pay(21, 10))
    got = c.xchg("6", [s], exp_side="6")
    c.expect([v6(udp(6000, 40050, pay(21, 10)), 17, src=T6, dst=X6)], got)
    c.counters(before, {"hairpin": 1, "nat64-session-new": 0})


# ---------------------------------------------- hop limit, too big

@case("6to4 hop limit 1 -> ICMPv6 time exceeded from GW (the BIB entry "
      "and session are made first)")
def _(c):
    # RFC 6146 orders filtering and updating (3.5, which creates the
    # state) before translating (3.7, where RFC 7915 checks the hop
    # limit): GW does so, the state of a packet it then drops expires
    before = c.stats()
    s = ip6(hlim=1) / udp(40010, 53, pay(16))
    got = c.xchg("6", [s], exp_side="6")
    c.expect([gw_err6(X6, 3, 0, 0, s)], got, mask={"flow6"})
    c.counters(before, {"drop-ttl": 1, "icmp-sent": 1, "xlat-6to4": 0,
                        "nat64-session-new": 1, "nat64-bib-new": 1})


@case("6to4 flow to 198.51.100.4 (route MTU 1300): 1320 bytes as IPv4 "
      "translated with DF")
def _(c):
    s = ip6(dst=C6) / udp(40020, 53, pay(1272))
    got = c.xchg("6", [s])
    t = learn(c, "udp-mtu", got, x=40020)
    c.expect([v4(udp(t, 53, pay(1272)), 17, dst=C4)], got, mask={"id4"})


@case("6to4 1341 bytes over the IPv4 route MTU 1300 -> ICMPv6 PTB MTU "
      "1320 from GW")
def _(c):
    mapping("udp-mtu")
    before = c.stats()
    s = ip6(dst=C6) / udp(40020, 53, pay(1293))
    got = c.xchg("6", [s], exp_side="6")
    c.expect([gw_err6(X6, 2, 0, 1320, s)], got, mask={"flow6"})
    c.counters(before, {"drop-too-big": 1, "icmp-sent": 1,
                        "nat64-session-new": 0, "xlat-6to4": 0})


@case("4to6 1481 bytes with DF over the IPv6 MTU 1500 -> ICMP 3/4 MTU 1480 "
      "from GW")
def _(c):
    t = mapping("udp")
    before = c.stats()
    s = ip4(src=Y4, dst=T4, flags=DF, ident=0x1481) / udp(53, t, pay(1453))
    got = c.xchg("4", [s], exp_side="4")
    c.expect([gw_err4(Y4, 3, 4, 1480, s)], got, mask={"id4"})
    c.counters(before, {"drop-too-big": 1, "icmp-sent": 1, "xlat-4to6": 0})


# ------------------------------------------------------- fragments

def frag6(src, dst, nh, data, pieces, ident):
    """IPv6 fragments of data (the transport header and payload)."""
    out = []
    for off, end in pieces:
        out.append(IPv6(version=6, tc=0, fl=0, hlim=64, src=src, dst=dst) /
                   IPv6ExtHdrFragment(nh=nh, offset=off // 8,
                                      m=int(end < len(data)), id=ident) /
                   Raw(data[off:end]))
    return out


def frag4(src, dst, proto, data, pieces, ident):
    out = []
    for off, end in pieces:
        out.append(ip4(src=src, dst=dst, ident=ident,
                       flags=MF if end < len(data) else 0, frag=off // 8,
                       proto=proto) / Raw(data[off:end]))
    return out


def udp_bytes6(src, dst, sport, dport, data):
    return b(ip6(src=src, dst=dst) / udp(sport, dport, data))[40:]


def udp_bytes4(src, dst, sport, dport, data):
    return b(ip4(src=src, dst=dst) / udp(sport, dport, data))[20:]


@case("6to4 UDP datagram in 2 fragments out of order -> reassembled, one "
      "IPv4 datagram")
def _(c):
    before = c.stats()
    d = udp_bytes6(X6, Y6, 40030, 53, pay(300, 11))
    f = frag6(X6, Y6, 17, d, [(0, 200), (200, len(d))], 0x11223344)
    got = c.xchg("6", [f[1], f[0]])
    t = learn(c, "udp-frag", got, x=40030)
    c.expect([v4(udp(t, 53, pay(300, 11)), 17)], got, mask={"id4"})
    c.counters(before, {"nat64-session-new": 1, "xlat-6to4": 1})


@case("6to4 UDP datagram in 2 fragments, 1428 bytes as IPv4 over the route "
      "MTU 1300 -> IPv4 fragments (DF clear)")
def _(c):
    before = c.stats()
    d = udp_bytes6(X6, C6, 40031, 53, pay(1400, 12))
    f = frag6(X6, C6, 17, d, [(0, 1232), (1232, len(d))], 0x55667788)
    got = c.xchg("6", [f[1], f[0]], want=2)
    if got and got[0][0] >> 4 == 4:
        t = learn(c, "udp-frag-mtu", got, x=40031)
    else:
        back = capture(c.socks["6"], 0, 0.3)
        c.fail("no IPv4 packet came out; on H6: %s" %
               ("; ".join(summary(g) for g in back[:2]) or "nothing"))
        t = 0
    d4 = udp_bytes4(T4, C4, t, 53, pay(1400, 12))
    # IPv4 output fragments along the reassembled datagram's own pieces
    # (ip_do_fragment()'s fast path over nf_defrag's frag_list): 1232
    # bytes, the first IPv6 fragment's payload, then the rest
    exp = frag4(T4, C4, 17, d4, [(0, 1232), (1232, len(d4))], 0)
    for e in exp:
        e[IP].ttl = 63
    c.expect(exp, got, mask={"id4"})
    c.check(len(got) < 2 or got[0][4:6] == got[1][4:6],
            "the IPv4 fragments do not share one ID")
    c.counters(before, {"xlat-6to4": 1, "drop-too-big": 0})


@case("4to6 UDP datagram in 3 fragments out of order, 648 bytes as IPv6 "
      "-> one IPv6 packet without Fragment header")
def _(c):
    t = mapping("udp")
    before = c.stats()
    d = udp_bytes4(Y4, T4, 53, t, pay(600, 13))
    f = frag4(Y4, T4, 17, d, [(0, 208), (208, 408), (408, len(d))], 0x2345)
    got = c.xchg("4", [f[2], f[0], f[1]])
    c.expect([v6(udp(53, 40001, pay(600, 13)), 17)], got)
    c.counters(before, {"xlat-4to6": 1, "frag6-out": 0})


@case("4to6 UDP datagram in 3 fragments out of order, 1448 bytes as IPv6 "
      "-> 2 IPv6 fragments, Identification = IPv4 ID")
def _(c):
    t = mapping("udp")
    before = c.stats()
    d = udp_bytes4(Y4, T4, 53, t, pay(1400, 14))
    f = frag4(Y4, T4, 17, d, [(0, 512), (512, 1024), (1024, len(d))],
              0x5678)
    got = c.xchg("4", [f[1], f[2], f[0]], want=2)
    d6 = b(ip6(src=Y6, dst=X6, hlim=63) / udp(53, 40001, pay(1400, 14)))[40:]
    exp = []
    for off, end, m in ((0, 1232, 1), (1232, len(d6), 0)):
        exp.append(IPv6(version=6, tc=0, fl=0, hlim=63, src=Y6, dst=X6) /
                   IPv6ExtHdrFragment(nh=17, offset=off // 8, m=m,
                                      id=0x5678) / Raw(d6[off:end]))
    c.expect(exp, got)
    c.counters(before, {"xlat-4to6": 1, "frag6-out": 2})


# -------------------------------------------------------- settings

@case("wkpf-strict on: IPv6 to 64:ff9b::10.0.0.1 not translated (passed)")
def _(c):
    c.v6gw("nat64", "set", "wkpf-strict", "on")
    try:
        before = c.stats()
        s = ip6(dst=NONGLOBAL6) / udp(40040, 53, pay(20))
        c.nothing(c.xchg("6", [s], want=0), "H4")
        c.counters(before, {"ipv6-pass": 1, "xlat-6to4": 0,
                            "nat64-session-new": 0})
    finally:
        c.v6gw("nat64", "set", "wkpf-strict", "off")


@case("icmp timeout 1 s: the ping session expires, a later echo reply is "
      "dropped")
def _(c):
    c.v6gw("nat64", "session", "flush", "proto", "icmp")
    c.v6gw("nat64", "set", "icmp", "1")
    try:
        before = c.stats()
        s = ip6(nh=58) / echo6(X6, Y6, 128, 0x4321, 1, pay(8))
        got = c.xchg("6", [s])
        t = learn(c, "icmp-timeout", got, off=4, proto="icmp", x=0x4321)
        c.expect([v4(echo4(8, t, 1, pay(8)), 1)], got, mask={"id4"})
        end = time.monotonic() + 10
        n = -1
        while time.monotonic() < end:
            n = c.json("nat64", "session", "count")["icmp"]["sessions"]
            if n == 0:
                break
            time.sleep(0.25)
        c.check(n == 0, "%d ICMP session(s) left after 10 s" % n)
        c.counters(before, {"nat64-session-expired": 1})
        mid = c.stats()
        s = ip4(src=Y4, dst=T4, proto=1) / echo4(0, t, 1, pay(8))
        c.nothing(c.xchg("4", [s], want=0), "H6")
        c.counters(mid, {"drop-nat64-no-state": 1, "xlat-4to6": 0})
    finally:
        c.v6gw("nat64", "set", "icmp", "60")


# ------------------------------------------------------------ main

def main():
    only = sys.argv[1:]
    cases = [x for x in CASES if not only or any(o in x[0] for o in only)]
    print("PLAN %d" % len(cases), flush=True)
    socks = {"6": open_sock(NS["H6"]), "4": open_sock(NS["H4"])}
    macs = {"6": mac_bytes(MAC["GW6"]) + mac_bytes(MAC["H6"]) + b"\x86\xdd",
            "4": mac_bytes(MAC["GW4"]) + mac_bytes(MAC["H4"]) + b"\x08\x00"}
    failed = 0
    t0 = time.monotonic()
    for name, fn, xfail in cases:
        c = Ctx(socks, macs)
        try:
            fn(c)
        except Fail as e:
            c.fail(str(e))
        for line in c.diag:
            print("# " + line)
        res = "pass" if c.ok else "fail"
        if res == "fail" and xfail:
            print("RESULT xfail %s\t%s" % (name, xfail), flush=True)
            continue
        if res == "pass" and xfail:
            print("# XPASS (marked as expected failure: %s)" % xfail)
        failed += res == "fail"
        print("RESULT %s %s" % (res, name), flush=True)
    print("# ran %d cases in %.1f s" % (len(cases), time.monotonic() - t0))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
