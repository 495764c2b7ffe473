#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""Write seed corpora for the libFuzzer harnesses of the portable core.

    mkseeds.py DIR

creates DIR/fuzz-xlat, DIR/fuzz-csum, DIR/fuzz-rfc6052, DIR/fuzz-eam,
DIR/fuzz-nat64, DIR/fuzz-dhcp6 and DIR/fuzz-ra,
one file per seed, named after what it holds. Python 3 standard library
only: headers and checksums are built by hand.

fuzz-xlat seeds use the harness's input format (see fuzz_xlat.c): 5
control bytes, then the packet. Their addresses are the ones its mapping
policy translates, so that the seeds are accepted and reach the
translation proper:
  - by default the /96 pool prefix 2001:db8:1122:3344:55:6677::/96
    (control byte 4, bits 0-2 = 5) and addresses outside the denylist;
  - other prefix lengths (32-64) for a few plain packets;
  - the Well-Known Prefix 64:ff9b::/96 with public IPv4 addresses;
  - the EAM entry 2001:db8:eeee::/120 <-> 198.51.100.0/24;
  - RFC 6791 pools for ICMP errors from an unmappable router.
ICMP errors quote a packet that went the other way through the
translator: an ICMPv4 error (4to6) is about a packet from the IPv6 side
(192.0.2.33) to an IPv4 host (203.0.113.10), an ICMPv6 error (6to4) about
one from the IPv4 host to the IPv6 side.
"""

import os
import struct
import sys

# --------------------------------------------------------------- checksums


def csum_sum(data, s=0):
    """Ones' complement sum of 16-bit big-endian words (RFC 1071)."""
    if len(data) % 2:
        data += b"\0"
    for (w,) in struct.iter_unpack("!H", data):
        s += w
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s


def csum(data, s=0):
    return ~csum_sum(data, s) & 0xFFFF


def pseudo4(src, dst, proto, length):
    return csum_sum(src + dst + struct.pack("!BBH", 0, proto, length))


def pseudo6(src, dst, nh, length):
    return csum_sum(src + dst + struct.pack("!I3xB", length, nh))


# --------------------------------------------------------------- addresses


def v4(s):
    return bytes(int(x) for x in s.split("."))


POOL = bytes([0x20, 0x01, 0x0D, 0xB8, 0x11, 0x22, 0x33, 0x44,
              0x00, 0x55, 0x66, 0x77])
WKP = bytes([0x00, 0x64, 0xFF, 0x9B]) + bytes(8)
# fuzz_xlat.c: lens[] index for each pool6 length (control byte 4, bits 0-2)
PLEN_IDX = {32: 0, 40: 1, 48: 2, 56: 3, 64: 4, 96: 5}


def embed(a4, plen=96, prefix=POOL):
    """RFC 6052 section 2.2: a4 in prefix/plen, u octet and suffix zero."""
    a = bytearray(16)
    a[:plen // 8] = prefix[:plen // 8]
    off = plen // 8
    for b in a4:
        if off == 8:
            off += 1
        a[off] = b
        off += 1
    return bytes(a)


def eam6(a4):
    """The EAM entry 2001:db8:eeee::/120 <-> 198.51.100.0/24."""
    assert a4[:3] == v4("198.51.100")
    return bytes([0x20, 0x01, 0x0D, 0xB8, 0xEE, 0xEE]) + bytes(9) + a4[3:]


# IPv4 side
H4 = v4("203.0.113.10")		# an IPv4 host
R4 = v4("203.0.113.1")		# an IPv4 router
# IPv6 side, as IPv4 (outside the denylist 192.0.2.0/28)
H6_4 = v4("192.0.2.33")		# an IPv6 host
R6_4 = v4("192.0.2.65")		# an IPv6 router
# Well-Known Prefix seeds need addresses that are not special-purpose
W4 = v4("8.8.4.4")
W6_4 = v4("9.9.9.9")
WR6_4 = v4("1.0.0.1")

UNMAPPED4 = v4("169.254.7.7")	# never translated: needs RFC 6791
UNMAPPED6 = bytes([0x20, 0x01, 0x0D, 0xB8, 0xAB, 0xCD]) + bytes(9) + b"\1"

# --------------------------------------------------------------- headers

P_HOPOPTS, P_ICMP, P_TCP, P_UDP = 0, 1, 6, 17
P_ROUTING, P_FRAGMENT, P_ICMPV6, P_DSTOPTS = 43, 44, 58, 60


def ip4(src, dst, proto, payload, ttl=64, tos=0, ident=0x1234, df=True,
        mf=False, off=0, options=b"", tot_len=None):
    assert len(options) % 4 == 0 and len(options) <= 40
    ihl = 5 + len(options) // 4
    if tot_len is None:
        tot_len = ihl * 4 + len(payload)
    frag = (0x4000 if df else 0) | (0x2000 if mf else 0) | off
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, tos, tot_len, ident, frag,
                    ttl, proto, 0, src, dst) + options
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def ip6(src, dst, nh, payload, hop=64, tclass=0, flow=0, plen=None):
    if plen is None:
        plen = len(payload)
    return struct.pack("!IHBB16s16s", 6 << 28 | tclass << 20 | flow, plen,
                       nh, hop, src, dst) + payload


def udp4(src, dst, sport, dport, data, zero_csum=False):
    n = 8 + len(data)
    h = struct.pack("!HHHH", sport, dport, n, 0)
    if zero_csum:
        return h + data
    c = csum(h + data, pseudo4(src, dst, P_UDP, n)) or 0xFFFF
    return h[:6] + struct.pack("!H", c) + data


def udp6(src, dst, sport, dport, data):
    n = 8 + len(data)
    h = struct.pack("!HHHH", sport, dport, n, 0)
    c = csum(h + data, pseudo6(src, dst, P_UDP, n)) or 0xFFFF
    return h[:6] + struct.pack("!H", c) + data


# MSS 1460, SACK permitted, timestamps, NOP, window scale 7
TCP_OPTS = bytes([2, 4, 0x05, 0xB4, 4, 2, 8, 10, 0, 0, 0x12, 0x34, 0, 0,
                  0, 0, 1, 3, 3, 7])


def tcp(sum0, sport, dport, data=b"", flags=0x02, seq=0x01020304, ack=0,
        opts=TCP_OPTS):
    assert len(opts) % 4 == 0
    off = (20 + len(opts)) // 4
    h = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, off << 4, flags,
                    64240, 0, 0) + opts
    c = csum(h + data, sum0)
    return h[:16] + struct.pack("!H", c) + h[18:] + data


def tcp4(src, dst, *a, **k):
    n = 20 + len(k.get("opts", TCP_OPTS)) + len(k.get("data", b""))
    return tcp(pseudo4(src, dst, P_TCP, n), *a, **k)


def tcp6(src, dst, *a, **k):
    n = 20 + len(k.get("opts", TCP_OPTS)) + len(k.get("data", b""))
    return tcp(pseudo6(src, dst, P_TCP, n), *a, **k)


def icmp4(typ, code, rest, body):
    """ICMPv4 message; rest is the second 32-bit word."""
    m = struct.pack("!BBH", typ, code, 0) + rest + body
    return m[:2] + struct.pack("!H", csum(m)) + m[4:]


def icmp6(src, dst, typ, code, rest, body):
    m = struct.pack("!BBH", typ, code, 0) + rest + body
    c = csum(m, pseudo6(src, dst, P_ICMPV6, len(m)))
    return m[:2] + struct.pack("!H", c) + m[4:]


def echo(ident=0x4242, seq=1, n=56):
    return struct.pack("!HH", ident, seq), bytes(i & 0xFF for i in range(n))


def hbh(nh, opts=bytes([5, 2, 0, 0, 1, 0])):
    """Hop-by-Hop / Destination Options: Router Alert, PadN."""
    assert (2 + len(opts)) % 8 == 0
    return bytes([nh, (2 + len(opts)) // 8 - 1]) + opts


def rh(nh, segs_left, seg=embed(H6_4)):
    """Segment Routing Header (type 4) with one segment."""
    return struct.pack("!BBBBBBH", nh, 2, 4, segs_left, 0, 0, 0) + seg


def fh(nh, off=0, mf=False, ident=0xCAFE0001):
    return struct.pack("!BBHI", nh, 0, off << 3 | mf, ident)


def rfc4884_ext():
    """A 16-byte ICMP extension structure: header and an MPLS label stack
    object of two entries (RFC 4884 section 7, RFC 4950)."""
    # label 16000, TTL 1; label 16001, bottom of stack, TTL 1
    obj = struct.pack("!HBBII", 12, 1, 1, 16000 << 12 | 1,
                      16001 << 12 | 1 << 8 | 1)
    ext = struct.pack("!BBH", 0x20, 0, 0) + obj
    return ext[:2] + struct.pack("!H", csum(ext)) + ext[4:]


def field(quote, n):
    """The original datagram field of an RFC 4884 message: n bytes, the
    quote cut or zero-padded to that."""
    return quote[:n] + bytes(max(0, n - len(quote)))


# IPv4 options
OPT_RR = bytes([1, 7, 11, 4]) + bytes(8)		# NOP, Record Route
OPT_TS = bytes([68, 12, 5, 0]) + bytes(8)		# Timestamp
OPT_LSRR = bytes([1, 131, 7, 4]) + v4("192.0.2.200")	# unexpired
OPT_LSRR_DONE = bytes([1, 131, 7, 8]) + v4("192.0.2.200")	# pointer past end
OPT_RR9 = bytes([7, 39, 4]) + bytes(36) + b"\0"	# 40 bytes, EOL

# --------------------------------------------------------------- the seeds


def ctl(to6, *, partial=False, amend=False, r6791=False, tos=False,
        eam=False, deny=False, wkp=False, headroom=127, fix=True,
        linear=0xFFFF, plen=96, mtu=1, r6791_32=False):
    """fuzz_xlat.c control bytes."""
    c0 = (to6 | partial << 1 | amend << 2 | r6791 << 3 | tos << 4 |
          eam << 5 | deny << 6 | wkp << 7)
    c1 = headroom & 0x7F | fix << 7
    c4 = PLEN_IDX[plen] | (mtu & 7) << 3 | r6791_32 << 6
    return struct.pack("!BBHB", c0, c1, linear, c4)


def xlat_seeds():
    s = {}

    def add(name, to6, pkt, **k):
        assert name not in s, name
        s[name] = ctl(to6, **k) + pkt

    h6, r6, hv4 = embed(H6_4), embed(R6_4), embed(H4)
    r4v6 = embed(R4)
    payload = bytes(range(64))

    # ---- 4to6: plain packets -------------------------------------------
    add("4to6-udp", 1, ip4(H4, H6_4, P_UDP,
                           udp4(H4, H6_4, 40000, 53, payload)))
    add("4to6-udp-zero-csum-amend", 1,
        ip4(H4, H6_4, P_UDP, udp4(H4, H6_4, 40000, 53, payload, True)),
        amend=True)
    add("4to6-udp-zero-csum", 1,
        ip4(H4, H6_4, P_UDP, udp4(H4, H6_4, 40000, 53, payload, True)))
    add("4to6-udp-csum-partial", 1,
        ip4(H4, H6_4, P_UDP, udp4(H4, H6_4, 40000, 53, payload)),
        partial=True)
    add("4to6-udp-linear20", 1,
        ip4(H4, H6_4, P_UDP, udp4(H4, H6_4, 40000, 53, payload)), linear=20)
    add("4to6-udp-tos-set", 1,
        ip4(H4, H6_4, P_UDP, udp4(H4, H6_4, 40000, 53, payload), tos=0xB8),
        tos=True)
    add("4to6-udp-big-df", 1,
        ip4(H4, H6_4, P_UDP, udp4(H4, H6_4, 40000, 53, bytes(1400))),
        mtu=2)
    add("4to6-udp-ttl1", 1,
        ip4(H4, H6_4, P_UDP, udp4(H4, H6_4, 40000, 53, payload), ttl=1))
    add("4to6-udp-headroom0", 1,
        ip4(H4, H6_4, P_UDP, udp4(H4, H6_4, 40000, 53, payload)),
        headroom=0)
    add("4to6-udp-untranslatable-dst", 1,
        ip4(H4, v4("127.0.0.1"), P_UDP, udp4(H4, v4("127.0.0.1"), 1, 2,
                                               payload)))
    for plen in (32, 40, 48, 56, 64):
        add("4to6-udp-pool%d" % plen, 1,
            ip4(H4, H6_4, P_UDP, udp4(H4, H6_4, 40000, 53, payload)),
            plen=plen)
    add("4to6-udp-wkp", 1,
        ip4(W4, W6_4, P_UDP, udp4(W4, W6_4, 40000, 53, payload)), wkp=True)
    e4 = v4("198.51.100.7")
    add("4to6-udp-eam", 1,
        ip4(H4, e4, P_UDP, udp4(H4, e4, 40000, 53, payload)), eam=True)
    add("4to6-udp-deny", 1,
        ip4(H4, H6_4, P_UDP, udp4(H4, H6_4, 40000, 53, payload)), deny=True)
    add("4to6-tcp-syn", 1,
        ip4(H4, H6_4, P_TCP, tcp4(H4, H6_4, 40001, 443)))
    add("4to6-tcp-data", 1,
        ip4(H4, H6_4, P_TCP, tcp4(H4, H6_4, 40001, 443, data=payload,
                                  flags=0x18, ack=0x0A0B0C0D, opts=b"")))
    add("4to6-tcp-csum-partial", 1,
        ip4(H4, H6_4, P_TCP, tcp4(H4, H6_4, 40001, 443)), partial=True)
    t, b = echo()
    add("4to6-icmp-echo", 1, ip4(H4, H6_4, P_ICMP, icmp4(8, 0, t, b)))
    add("4to6-icmp-echo-reply", 1, ip4(H4, H6_4, P_ICMP, icmp4(0, 0, t, b)))
    add("4to6-icmp-echo-wkp", 1,
        ip4(W4, W6_4, P_ICMP, icmp4(8, 0, t, b)), wkp=True)
    add("4to6-igmp", 1, ip4(H4, H6_4, 2, bytes([0x11, 0x64, 0xEE, 0x9B]) +
                            bytes(4)))

    # IPv4 options
    u = udp4(H4, H6_4, 40000, 53, payload)
    add("4to6-udp-opt-rr", 1, ip4(H4, H6_4, P_UDP, u, options=OPT_RR))
    add("4to6-udp-opt-ts", 1, ip4(H4, H6_4, P_UDP, u, options=OPT_TS))
    add("4to6-udp-opt-lsrr", 1, ip4(H4, H6_4, P_UDP, u, options=OPT_LSRR))
    add("4to6-udp-opt-lsrr-done", 1,
        ip4(H4, H6_4, P_UDP, u, options=OPT_LSRR_DONE))
    add("4to6-udp-opt-rr9", 1, ip4(H4, H6_4, P_UDP, u, options=OPT_RR9))
    add("4to6-icmp-echo-opt-rr", 1,
        ip4(H4, H6_4, P_ICMP, icmp4(8, 0, t, b), options=OPT_RR))

    # IPv4 fragments of one UDP datagram of 1008 bytes
    dg = udp4(H4, H6_4, 40000, 53, bytes(i * 7 & 0xFF for i in range(1000)))
    add("4to6-frag-first", 1,
        ip4(H4, H6_4, P_UDP, dg[:512], df=False, mf=True, ident=0x5151))
    add("4to6-frag-middle", 1,
        ip4(H4, H6_4, P_UDP, dg[512:768], df=False, mf=True, off=64,
            ident=0x5151))
    add("4to6-frag-last", 1,
        ip4(H4, H6_4, P_UDP, dg[768:], df=False, off=96, ident=0x5151))
    add("4to6-frag-first-opt", 1,
        ip4(H4, H6_4, P_UDP, dg[:512], df=False, mf=True, ident=0x5151,
            options=OPT_RR))
    add("4to6-frag-udp-zero-csum", 1,
        ip4(H4, H6_4, P_UDP, udp4(H4, H6_4, 1, 2, bytes(504), True),
            df=False, mf=True, ident=0x5152), amend=True)
    add("4to6-frag-icmp", 1,
        ip4(H4, H6_4, P_ICMP, icmp4(8, 0, t, b)[:32], df=False, mf=True))

    # ---- 4to6: ICMPv4 errors, quoting a packet from the IPv6 side -------
    q_udp = ip4(H6_4, H4, P_UDP, udp4(H6_4, H4, 50000, 53, payload), ttl=63)
    q_tcp = ip4(H6_4, H4, P_TCP, tcp4(H6_4, H4, 50001, 443,
                                      data=bytes(1400), flags=0x18,
                                      opts=b""), ttl=63)
    q_echo = ip4(H6_4, H4, P_ICMP, icmp4(8, 0, t, b), ttl=1)
    q_frag = ip4(H6_4, H4, P_UDP, udp4(H6_4, H4, 50000, 53,
                                       bytes(600))[:256], df=False, mf=True)
    q_frag2 = ip4(H6_4, H4, P_UDP, bytes(128), df=False, off=32)
    q_opt = ip4(H6_4, H4, P_UDP, udp4(H6_4, H4, 50000, 53, payload),
                options=OPT_RR)

    def err4(name, typ, code, rest, quote, src=R4, ttl=250, bad=False,
             **k):
        m = icmp4(typ, code, rest, quote)
        if bad:
            m = m[:2] + bytes([m[2] ^ 0xFF]) + m[3:]
            k["fix"] = False
        add("4to6-icmp-err-%s" % name, 1,
            ip4(src, H6_4, P_ICMP, m, ttl=ttl), **k)

    z = bytes(4)
    err4("3-1-udp", 3, 1, z, q_udp)
    err4("3-3-udp", 3, 3, z, q_udp)
    err4("3-2-udp", 3, 2, z, q_udp)
    err4("3-13-udp", 3, 13, z, q_udp)
    err4("3-1-udp-short-quote", 3, 1, z, q_udp[:28])
    err4("3-4-tcp", 3, 4, struct.pack("!HH", 0, 1400), q_tcp[:548])
    err4("3-4-tcp-mtu0", 3, 4, z, q_tcp[:548])
    err4("3-4-tcp-short-quote", 3, 4, struct.pack("!HH", 0, 1280),
         q_tcp[:28])
    err4("11-0-echo", 11, 0, z, q_echo)
    err4("11-1-frag", 11, 1, z, q_frag)
    err4("11-0-frag-later", 11, 0, z, q_frag2)
    err4("12-0-udp-ptr8", 12, 0, bytes([8, 0, 0, 0]), q_udp)
    err4("12-0-udp-ptr16", 12, 0, bytes([16, 0, 0, 0]), q_udp)
    err4("12-0-udp-ptr-na", 12, 0, bytes([10, 0, 0, 0]), q_udp)
    err4("12-2-udp", 12, 2, bytes([2, 0, 0, 0]), q_udp)
    err4("3-1-inner-opt", 3, 1, z, q_opt)
    err4("3-1-tcp-linear28", 3, 1, z, q_tcp[:100], linear=28)
    err4("3-1-rfc6791", 3, 1, z, q_udp, src=UNMAPPED4, r6791=True)
    err4("3-1-rfc6791-32", 3, 1, z, q_udp, src=UNMAPPED4, r6791=True,
         r6791_32=True)
    err4("3-1-unmapped-src", 3, 1, z, q_udp, src=UNMAPPED4)
    err4("11-0-echo-tos-set", 11, 0, z, q_echo, tos=True)
    err4("11-0-echo-short-quote", 11, 0, z, q_echo[:26])
    err4("3-1-udp-ttl1", 3, 1, z, q_udp, ttl=1)
    err4("3-1-udp-bad-csum", 3, 1, z, q_udp, bad=True)
    # a translation longer than 1280 bytes is cut to that
    err4("3-4-tcp-long-quote", 3, 4, struct.pack("!HH", 0, 1400),
         q_tcp[:1252])
    wq = ip4(W6_4, W4, P_UDP, udp4(W6_4, W4, 50000, 53, payload))
    add("4to6-icmp-err-3-3-wkp", 1,
        ip4(v4("8.8.8.8"), W6_4, P_ICMP, icmp4(3, 3, z, wq)), wkp=True)
    eq = ip4(e4, H4, P_UDP, udp4(e4, H4, 50000, 53, payload))
    add("4to6-icmp-err-3-3-eam", 1,
        ip4(R4, e4, P_ICMP, icmp4(3, 3, z, eq)), eam=True)
    # an error about an error is not translated
    add("4to6-icmp-err-in-err", 1,
        ip4(R4, H6_4, P_ICMP, icmp4(3, 1, z, ip4(H6_4, H4, P_ICMP,
                                                 icmp4(3, 3, z, q_udp[:28])))))

    # RFC 4884: length 32 words, 128 bytes of original datagram, extension
    ext = rfc4884_ext()
    q_long = ip4(H6_4, H4, P_UDP, udp4(H6_4, H4, 50000, 33434, bytes(300)),
                 ttl=1)
    q_long_opt9 = ip4(H6_4, H4, P_UDP, udp4(H6_4, H4, 50000, 33434,
                                            bytes(300)), ttl=1,
                      options=OPT_RR9)
    q_long_opt5 = ip4(H6_4, H4, P_UDP, udp4(H6_4, H4, 50000, 33434,
                                            bytes(300)), ttl=1,
                      options=OPT_RR9[:20])
    q_long_frag = ip4(H6_4, H4, P_UDP, bytes(300), df=False, mf=True,
                      off=8)
    n32 = bytes([0, 32, 0, 0])
    err4("3-1-rfc4884", 3, 1, n32, field(q_long, 128) + ext)
    err4("11-0-rfc4884", 11, 0, n32, field(q_long, 128) + ext)
    err4("3-3-rfc4884", 3, 3, n32, field(q_long, 128) + ext)
    err4("12-0-rfc4884", 12, 0, bytes([8, 32, 0, 0]),
         field(q_long, 128) + ext)
    err4("3-4-rfc4884", 3, 4, bytes([0, 32, 0x05, 0x78]),
         field(q_long, 128) + ext)
    err4("11-0-rfc4884-short-quote", 11, 0, n32, field(q_long[:28], 128) +
         ext)
    err4("11-0-rfc4884-inner-opt40", 11, 0, n32,
         field(q_long_opt9, 128) + ext)
    err4("11-0-rfc4884-inner-opt20", 11, 0, n32,
         field(q_long_opt5, 128) + ext)
    err4("11-0-rfc4884-inner-frag", 11, 0, n32,
         field(q_long_frag, 128) + ext)
    err4("11-0-rfc4884-long", 11, 0, bytes([0, 60, 0, 0]),
         field(q_long, 240) + ext)
    # padding to 128 bytes needs 20 bytes of headroom: the extension goes
    err4("11-0-rfc4884-headroom10", 11, 0, n32,
         field(q_long_opt9, 128) + ext, headroom=10)
    err4("3-1-rfc4884-big-ext", 3, 1, n32, field(q_long, 128) + ext * 70)
    # 1020 bytes of original datagram, cut to make room for the extension
    q_huge = ip4(H6_4, H4, P_UDP, udp4(H6_4, H4, 50000, 33434, bytes(1400)),
                 ttl=1)
    err4("11-0-rfc4884-cut", 11, 0, bytes([0, 255, 0, 0]),
         field(q_huge, 1020) + ext * 25)
    # lengths that are not RFC 4884's: ignored
    err4("11-0-len8", 11, 0, bytes([0, 8, 0, 0]), field(q_long, 32) + ext)
    err4("11-0-len-past-end", 11, 0, n32, q_udp)

    # ---- 6to4: plain packets -------------------------------------------
    u6 = udp6(hv4, h6, 40000, 53, payload)
    add("6to4-udp", 0, ip6(hv4, h6, P_UDP, u6))
    add("6to4-udp-csum-partial", 0, ip6(hv4, h6, P_UDP, u6), partial=True)
    add("6to4-udp-linear40", 0, ip6(hv4, h6, P_UDP, u6), linear=40)
    add("6to4-udp-tclass-set", 0, ip6(hv4, h6, P_UDP, u6, tclass=0xB8,
                                      flow=0x12345), tos=True)
    add("6to4-udp-big", 0, ip6(hv4, h6, P_UDP,
                               udp6(hv4, h6, 40000, 53, bytes(1400))),
        mtu=2)
    add("6to4-udp-hop1", 0, ip6(hv4, h6, P_UDP, u6, hop=1))
    add("6to4-udp-jumbo-plen0", 0, ip6(hv4, h6, P_UDP, u6, plen=0))
    add("6to4-udp-untranslatable-dst", 0,
        ip6(hv4, UNMAPPED6, P_UDP, udp6(hv4, UNMAPPED6, 1, 2, payload)))
    add("6to4-udp-untranslatable-src", 0,
        ip6(UNMAPPED6, h6, P_UDP, udp6(UNMAPPED6, h6, 1, 2, payload)))
    for plen in (32, 40, 48, 56, 64):
        a, d = embed(H4, plen), embed(H6_4, plen)
        add("6to4-udp-pool%d" % plen, 0,
            ip6(a, d, P_UDP, udp6(a, d, 40000, 53, payload)), plen=plen)
    a, d = embed(W4, 96, WKP), embed(W6_4, 96, WKP)
    add("6to4-udp-wkp", 0, ip6(a, d, P_UDP, udp6(a, d, 40000, 53, payload)),
        wkp=True)
    e6 = eam6(e4)
    add("6to4-udp-eam", 0, ip6(e6, h6, P_UDP, udp6(e6, h6, 40000, 53,
                                                   payload)), eam=True)
    add("6to4-udp-deny", 0, ip6(hv4, h6, P_UDP, u6), deny=True)
    add("6to4-tcp-syn", 0, ip6(hv4, h6, P_TCP, tcp6(hv4, h6, 40001, 443)))
    add("6to4-tcp-data", 0,
        ip6(hv4, h6, P_TCP, tcp6(hv4, h6, 40001, 443, data=payload,
                                 flags=0x18, ack=5, opts=b"")))
    add("6to4-tcp-csum-partial", 0,
        ip6(hv4, h6, P_TCP, tcp6(hv4, h6, 40001, 443)), partial=True)
    add("6to4-icmp6-echo", 0,
        ip6(hv4, h6, P_ICMPV6, icmp6(hv4, h6, 128, 0, t, b)))
    add("6to4-icmp6-echo-reply", 0,
        ip6(hv4, h6, P_ICMPV6, icmp6(hv4, h6, 129, 0, t, b)))
    add("6to4-icmp6-nd", 0,
        ip6(hv4, h6, P_ICMPV6, icmp6(hv4, h6, 135, 0, z, h6), hop=255))

    # IPv6 extension headers
    add("6to4-udp-hbh", 0, ip6(hv4, h6, P_HOPOPTS, hbh(P_UDP) + u6))
    add("6to4-udp-dstopts", 0, ip6(hv4, h6, P_DSTOPTS, hbh(P_UDP) + u6))
    add("6to4-udp-rh-sl0", 0, ip6(hv4, h6, P_ROUTING, rh(P_UDP, 0) + u6))
    add("6to4-udp-rh-sl1", 0, ip6(hv4, h6, P_ROUTING, rh(P_UDP, 1) + u6))
    add("6to4-udp-hbh-rh-sl2", 0,
        ip6(hv4, h6, P_HOPOPTS, hbh(P_ROUTING) + rh(P_UDP, 2) + u6))
    add("6to4-udp-hbh-dst-rh-dst", 0,
        ip6(hv4, h6, P_HOPOPTS, hbh(P_DSTOPTS) + hbh(P_ROUTING) +
            rh(P_DSTOPTS, 0) + hbh(P_UDP) + u6))
    add("6to4-udp-hbh-linear40", 0,
        ip6(hv4, h6, P_HOPOPTS, hbh(P_UDP) + u6), linear=40)
    add("6to4-icmp6-echo-hbh", 0,
        ip6(hv4, h6, P_HOPOPTS, hbh(P_ICMPV6) +
            icmp6(hv4, h6, 128, 0, t, b)))
    add("6to4-tcp-dstopts", 0,
        ip6(hv4, h6, P_DSTOPTS, hbh(P_TCP) + tcp6(hv4, h6, 40001, 443)))

    # IPv6 fragments of one UDP datagram of 1008 bytes
    dg6 = udp6(hv4, h6, 40000, 53, bytes(i * 7 & 0xFF for i in range(1000)))
    add("6to4-frag-first", 0,
        ip6(hv4, h6, P_FRAGMENT, fh(P_UDP, 0, True) + dg6[:512]))
    add("6to4-frag-middle", 0,
        ip6(hv4, h6, P_FRAGMENT, fh(P_UDP, 64, True) + dg6[512:768]))
    add("6to4-frag-last", 0,
        ip6(hv4, h6, P_FRAGMENT, fh(P_UDP, 96, False) + dg6[768:]))
    add("6to4-frag-atomic", 0, ip6(hv4, h6, P_FRAGMENT, fh(P_UDP) + u6))
    add("6to4-frag-hbh-first", 0,
        ip6(hv4, h6, P_HOPOPTS, hbh(P_FRAGMENT) + fh(P_UDP, 0, True) +
            dg6[:512]))
    add("6to4-frag-rh-dst-first", 0,
        ip6(hv4, h6, P_ROUTING, rh(P_FRAGMENT, 0) + fh(P_DSTOPTS, 0, True) +
            hbh(P_UDP) + dg6[:512]))
    add("6to4-frag-twice", 0,
        ip6(hv4, h6, P_FRAGMENT, fh(P_FRAGMENT, 0, True) + fh(P_UDP) + u6))
    add("6to4-frag-icmp6", 0,
        ip6(hv4, h6, P_FRAGMENT, fh(P_ICMPV6, 0, True) +
            icmp6(hv4, h6, 128, 0, t, b)))

    # ---- 6to4: ICMPv6 errors, quoting a packet from the IPv4 side -------
    q6_udp = ip6(hv4, h6, P_UDP, udp6(hv4, h6, 50000, 53, payload), hop=63)
    q6_tcp = ip6(hv4, h6, P_TCP, tcp6(hv4, h6, 50001, 443, data=bytes(1400),
                                      flags=0x18, opts=b""), hop=63)
    q6_echo = ip6(hv4, h6, P_ICMPV6, icmp6(hv4, h6, 128, 0, t, b), hop=1)
    q6_frag = ip6(hv4, h6, P_FRAGMENT, fh(P_UDP, 0, True) +
                  udp6(hv4, h6, 50000, 53, bytes(600))[:256])
    q6_frag2 = ip6(hv4, h6, P_FRAGMENT, fh(P_UDP, 32, False) + bytes(128))
    q6_hbh = ip6(hv4, h6, P_HOPOPTS, hbh(P_UDP) +
                 udp6(hv4, h6, 50000, 53, payload))

    def err6(name, typ, code, rest, quote, src=r6, hop=250, bad=False,
             **k):
        m = icmp6(src, hv4, typ, code, rest, quote)
        if bad:
            m = m[:2] + bytes([m[2] ^ 0xFF]) + m[3:]
            k["fix"] = False
        add("6to4-icmp6-err-%s" % name, 0,
            ip6(src, hv4, P_ICMPV6, m, hop=hop), **k)

    err6("1-4-udp", 1, 4, z, q6_udp)
    err6("1-0-udp", 1, 0, z, q6_udp)
    err6("1-1-udp", 1, 1, z, q6_udp)
    err6("1-3-udp", 1, 3, z, q6_udp)
    err6("1-4-udp-short-quote", 1, 4, z, q6_udp[:48])
    err6("2-0-tcp", 2, 0, struct.pack("!I", 1400), q6_tcp[:1232])
    err6("2-0-tcp-mtu1280", 2, 0, struct.pack("!I", 1280), q6_tcp[:1232],
         mtu=7)
    err6("2-0-tcp-short-quote", 2, 0, struct.pack("!I", 1280), q6_tcp[:60])
    err6("3-0-echo", 3, 0, z, q6_echo)
    err6("3-1-frag", 3, 1, z, q6_frag)
    err6("3-0-frag-later", 3, 0, z, q6_frag2)
    err6("4-0-udp-ptr7", 4, 0, struct.pack("!I", 7), q6_udp)
    err6("4-0-udp-ptr24", 4, 0, struct.pack("!I", 24), q6_udp)
    err6("4-0-udp-ptr-na", 4, 0, struct.pack("!I", 2), q6_udp)
    err6("4-1-udp", 4, 1, struct.pack("!I", 6), q6_udp)
    err6("4-2-udp", 4, 2, struct.pack("!I", 42), q6_udp)
    err6("1-4-inner-hbh", 1, 4, z, q6_hbh)
    err6("1-4-tcp-linear48", 1, 4, z, q6_tcp[:120], linear=48)
    err6("1-4-rfc6791", 1, 4, z, q6_udp, src=UNMAPPED6, r6791=True)
    err6("1-4-rfc6791-32", 1, 4, z, q6_udp, src=UNMAPPED6, r6791=True,
         r6791_32=True)
    err6("1-4-unmapped-src", 1, 4, z, q6_udp, src=UNMAPPED6)
    err6("3-0-echo-tclass-set", 3, 0, z, q6_echo, tos=True)
    err6("3-0-echo-short-quote", 3, 0, z, q6_echo[:46])
    err6("1-4-udp-hop1", 1, 4, z, q6_udp, hop=1)
    err6("1-4-udp-bad-csum", 1, 4, z, q6_udp, bad=True)
    # an oversized error: no more than 1280 bytes of it are read
    err6("2-0-tcp-oversized", 2, 0, struct.pack("!I", 1400), q6_tcp)
    wa, wd, wr = embed(W4, 96, WKP), embed(W6_4, 96, WKP), \
        embed(WR6_4, 96, WKP)
    wq6 = ip6(wa, wd, P_UDP, udp6(wa, wd, 50000, 53, payload))
    add("6to4-icmp6-err-1-4-wkp", 0,
        ip6(wr, wa, P_ICMPV6, icmp6(wr, wa, 1, 4, z, wq6)), wkp=True)
    eq6 = ip6(hv4, e6, P_UDP, udp6(hv4, e6, 50000, 53, payload))
    add("6to4-icmp6-err-1-4-eam", 0,
        ip6(e6, hv4, P_ICMPV6, icmp6(e6, hv4, 1, 4, z, eq6)), eam=True)
    add("6to4-icmp6-err-in-err", 0,
        ip6(r6, hv4, P_ICMPV6, icmp6(r6, hv4, 1, 4, z, ip6(
            hv4, h6, P_ICMPV6, icmp6(hv4, h6, 1, 4, z, q6_udp[:48])))))

    # RFC 4884: length 16 (8-byte units), 128 bytes of original datagram,
    # then an extension
    q6_long = ip6(hv4, h6, P_UDP, udp6(hv4, h6, 50000, 33434, bytes(300)),
                  hop=1)
    q6_long_hbh = ip6(hv4, h6, P_HOPOPTS, hbh(P_UDP) +
                      udp6(hv4, h6, 50000, 33434, bytes(300)), hop=1)
    q6_long_frag = ip6(hv4, h6, P_FRAGMENT, fh(P_UDP, 8, True) +
                       bytes(300), hop=1)
    n16 = bytes([16, 0, 0, 0])
    err6("1-4-rfc4884", 1, 4, n16, field(q6_long, 128) + ext)
    err6("3-0-rfc4884", 3, 0, n16, field(q6_long, 128) + ext)
    err6("1-0-rfc4884", 1, 0, n16, field(q6_long, 128) + ext)
    err6("3-0-rfc4884-short-quote", 3, 0, n16,
         field(q6_long[:48], 128) + ext)
    err6("3-0-rfc4884-inner-hbh", 3, 0, n16, field(q6_long_hbh, 128) + ext)
    err6("3-0-rfc4884-inner-frag", 3, 0, n16,
         field(q6_long_frag, 128) + ext)
    err6("3-0-rfc4884-long", 3, 0, bytes([30, 0, 0, 0]),
         field(q6_long, 240) + ext)
    err6("1-4-rfc4884-big-ext", 1, 4, n16, field(q6_long, 128) + ext * 66)
    # 1016 bytes of original datagram, cut to make room for the extension
    q6_huge = ip6(hv4, h6, P_UDP, udp6(hv4, h6, 50000, 33434, bytes(1400)),
                  hop=1)
    err6("3-0-rfc4884-cut", 3, 0, bytes([127, 0, 0, 0]),
         field(q6_huge, 1016) + ext * 20)
    # an oversized error: the extension does not fit in 1280 bytes
    err6("1-4-rfc4884-ext-too-big", 1, 4, n16, field(q6_long, 128) + ext * 75)
    err6("3-0-rfc4884-headroom0", 3, 0, n16, field(q6_long, 128) + ext,
         headroom=0)
    # lengths that are not RFC 4884's: ignored
    err6("3-0-len8", 3, 0, bytes([8, 0, 0, 0]), field(q6_long, 64) + ext)
    err6("3-0-len-past-end", 3, 0, n16, q6_udp)
    # Packet Too Big and Parameter Problem have no length field
    err6("2-0-rfc4884-ignored", 2, 0, struct.pack("!I", 1400),
         field(q6_long, 128) + ext)
    return s


def nat64_seeds():
    """fuzz_nat64.c: 4 control bytes (direction | partial << 1 | fix << 2,
    headroom, linear), then the packet. X' 2001:db8:6::2, Y' under
    64:ff9b::/96, T 203.0.113.1, Y 198.51.100.2."""
    x6 = bytes([0x20, 0x01, 0x0D, 0xB8, 0, 6]) + bytes(9) + b"\2"
    y4 = v4("198.51.100.2")
    y6 = WKP + y4
    t4 = v4("203.0.113.1")
    r4 = v4("192.0.2.254")
    r6 = bytes([0x20, 0x01, 0x0D, 0xB8, 0, 6]) + bytes(9) + b"\1"

    def c(to6, partial=False, fix=True, linear=0xFFFF):
        return struct.pack("!BBH", to6 | partial << 1 | fix << 2, 64, linear)

    s = {}
    s["udp6"] = c(0) + ip6(x6, y6, P_UDP, udp6(x6, y6, 40000, 53, b"q" * 20))
    s["tcp6-syn"] = c(0) + ip6(x6, y6, P_TCP, tcp6(x6, y6, 40001, 80))
    s["tcp6-fin"] = c(0) + ip6(x6, y6, P_TCP, tcp6(x6, y6, 40001, 80,
                                                 data=b"bye", flags=0x11))
    s["tcp6-short-linear"] = c(0, linear=44) + \
        ip6(x6, y6, P_TCP, tcp6(x6, y6, 40001, 80, data=b"x" * 100,
                                flags=0x10))
    rest, body = echo()
    s["echo6"] = c(0) + ip6(x6, y6, P_ICMPV6,
                            icmp6(x6, y6, 128, 0, rest, body))
    s["udp4"] = c(1) + ip4(y4, t4, P_UDP, udp4(y4, t4, 53, 61000, b"a" * 30))
    s["tcp4-synack"] = c(1) + ip4(y4, t4, P_TCP,
                                  tcp4(y4, t4, 80, 61001, flags=0x12))
    s["echo4-reply"] = c(1) + ip4(y4, t4, P_ICMP, icmp4(0, 0, rest, body))
    inner4 = ip4(t4, y4, P_UDP, udp4(t4, y4, 61000, 53, b"a" * 30), ttl=3)
    s["err4-port-unreach"] = c(1) + ip4(r4, t4, P_ICMP,
                                        icmp4(3, 3, bytes(4), inner4))
    s["err4-frag-needed"] = c(1) + ip4(r4, t4, P_ICMP, icmp4(
        3, 4, struct.pack("!HH", 0, 1400), inner4))
    inner4e = ip4(t4, y4, P_ICMP, icmp4(8, 0, rest, body))
    s["err4-time-exceeded-echo"] = c(1) + ip4(r4, t4, P_ICMP,
                                              icmp4(11, 0, bytes(4), inner4e))
    inner6 = ip6(y6, x6, P_UDP, udp6(y6, x6, 53, 40000, b"r" * 20))
    s["err6-port-unreach"] = c(0) + ip6(r6, y6, P_ICMPV6, icmp6(
        r6, y6, 1, 4, bytes(4), inner6))
    s["err6-too-big"] = c(0) + ip6(r6, y6, P_ICMPV6, icmp6(
        r6, y6, 2, 0, struct.pack("!I", 1280), inner6))
    s["frag6-first"] = c(0) + ip6(x6, y6, P_FRAGMENT, fh(P_UDP, 0, True) +
                                  udp6(x6, y6, 40000, 53, b"f" * 16))
    return s


def csum_seeds():
    """fuzz_csum.c: initial sum (4), split point (2), data."""
    hdr = ip4(H4, H6_4, P_UDP, bytes(8))[:20]
    return {
        "ipv4-header": struct.pack("!IH", 0, 10) + hdr,
        "odd-length": struct.pack("!IH", 0xFFFF, 7) + bytes(range(1, 40, 2)),
        "all-ones": struct.pack("!IH", 0xFFFFFFFF, 32) + b"\xff" * 64,
        "pseudo6-seed": struct.pack("!IH", pseudo6(embed(H4), embed(H6_4),
                                                   P_UDP, 72), 8) +
        udp6(embed(H4), embed(H6_4), 1, 2, bytes(64)),
    }


def rfc6052_seeds():
    """fuzz_rfc6052.c: prefix (16), length (1), IPv4 (4), IPv6 (16)."""
    s = {}
    for plen in (32, 40, 48, 56, 64, 96):
        p = POOL[:plen // 8] + bytes(16 - plen // 8)
        s["pool%d" % plen] = p + bytes([plen]) + H4 + embed(H6_4, plen)
    s["wkp"] = WKP + bytes(4) + bytes([96]) + W4 + embed(W6_4, 96, WKP)
    s["wkp-special"] = WKP + bytes(4) + bytes([96]) + v4("10.1.2.3") + \
        embed(v4("192.168.1.1"), 96, WKP)
    s["pool64-u-octet"] = POOL[:8] + bytes(8) + bytes([64]) + H4 + \
        POOL[:8] + b"\xff" + bytes(7)
    s["invalid-len"] = POOL + bytes(4) + bytes([33]) + H4 + embed(H6_4)
    return s


def eam_seeds():
    """fuzz_eam.c: count, entries of 22 bytes (IPv6 16, length 1, IPv4 4,
    length 1), probes of 20 bytes (IPv6 16, IPv4 4)."""
    entries = [
        (bytes([0x20, 0x01, 0x0D, 0xB8, 0xEE, 0xEE]) + bytes(10), 120,
         v4("198.51.100.0"), 24),
        (bytes([0x20, 0x01, 0x0D, 0xB8, 0xDD, 0xDD]) + bytes(10), 64,
         v4("192.0.2.128"), 26),
        (bytes([0x20, 0x01, 0x0D, 0xB8, 0, 1]) + bytes(9) + b"\5", 128,
         v4("203.0.113.5"), 32),
        (bytes([0x20, 0x01, 0x0D, 0xB8, 0x11, 0x22]) + bytes(10), 48,
         v4("10.0.0.0"), 8),
    ]
    probes = [
        (eam6(v4("198.51.100.7")), v4("198.51.100.7")),
        (bytes([0x20, 0x01, 0x0D, 0xB8, 0xDD, 0xDD, 0, 0, 0x80]) + bytes(7),
         v4("192.0.2.161")),
        (entries[2][0], v4("203.0.113.5")),
        (embed(H6_4), v4("10.9.8.7")),
    ]

    def table(ents):
        return bytes([len(ents)]) + b"".join(
            a6 + bytes([l6]) + a4 + bytes([l4]) for a6, l6, a4, l4 in ents) + \
            b"".join(a6 + a4 for a6, a4 in probes)

    dup = entries + [(entries[0][0], 120, v4("198.51.101.0"), 24)]
    bad = entries[:1] + [(entries[1][0], 64, v4("192.0.2.128"), 26 | 0x80)]
    return {"four": table(entries), "one": table(entries[:1]),
            "dup-ipv6": table(dup), "invalid": table(bad)}


def dhcp6_seeds():
    """fuzz_dhcp6.c: a DHCPv6 message (RFC 8415), the valid ones of
    test_dhcp6.c and a few more."""
    def opt(code, data):
        return struct.pack("!HH", code, len(data)) + data

    def iaprefix(pref, valid, plen, pfx, opts=b""):
        return opt(26, struct.pack("!IIB", pref, valid, plen) + pfx + opts)

    def ia_pd(iaid, *opts):
        return opt(25, struct.pack("!III", iaid, 3600, 5400) + b"".join(opts))

    def status(code, msg=b""):
        return opt(13, struct.pack("!H", code) + msg)

    def msg(typ, *opts):
        return struct.pack("!B3s", typ, b"\xa1\xb2\xc3") + b"".join(opts)

    def relay(typ, peer, inner, *opts):
        link = bytes([0x20, 0x01, 0x0D, 0xB8, 0xFF, 0xFF]) + bytes(9) + b"\1"
        return struct.pack("!BB", typ, 0) + link + peer + \
            b"".join(opts) + opt(9, inner)

    def p6(*head):
        return bytes(head) + bytes(16 - len(head))

    pfx1 = p6(0x20, 0x01, 0x0D, 0xB8, 0, 1, 1, 0)
    pfx2 = p6(0x20, 0x01, 0x0D, 0xB8, 0, 2)
    pfx3 = p6(0x20, 0x01, 0x0D, 0xB8, 0, 3, 0, 0x4F)[:15] + b"\1"
    peer1 = p6(0xFE, 0x80)[:15] + b"\1"
    peer2 = p6(0xFE, 0x80)[:15] + b"\2"
    cid = opt(1, bytes([0, 3, 0, 1, 2, 0, 0, 0, 0, 1]))
    sid = opt(2, bytes([0, 3, 0, 1, 2, 0, 0, 0, 0, 2]))
    ifid = opt(18, b"eth0")
    reply1 = msg(7, cid, sid, ia_pd(1, iaprefix(7200, 14400, 56, pfx1)))
    relay1 = relay(13, peer1, reply1, ifid)
    s = {
        "reply-one": reply1,
        "reply-many": msg(7, ia_pd(1, iaprefix(7200, 14400, 56, pfx1),
                                   iaprefix(3600, 3600, 48, pfx2)), sid,
                          ia_pd(2, iaprefix(0xFFFFFFFF, 0xFFFFFFFF, 60,
                                            pfx3),
                                iaprefix(0, 100, 64, pfx2),
                                iaprefix(1, 2, 128, pfx1)), cid),
        "reply-17": msg(7, ia_pd(1, *(iaprefix(i, i + 1, 48, pfx2[:5] +
                                               bytes([i]) + pfx2[6:])
                                      for i in range(17)))),
        "reply-valid0": msg(7, ia_pd(1, iaprefix(0, 0, 56, pfx1))),
        "reply-pref-over-valid": msg(7, ia_pd(1, iaprefix(5, 0, 48, pfx2),
                                              iaprefix(1, 2, 56, pfx1))),
        "reply-plen129": msg(7, ia_pd(1, iaprefix(1, 2, 129, pfx1),
                                      iaprefix(1, 2, 128, pfx3))),
        "reply-ia-nopfx": msg(7, sid, ia_pd(1, status(6, b"none!"))),
        "reply-ia-nopfx-after": msg(7, ia_pd(1, iaprefix(10, 20, 56, pfx1)),
                                    ia_pd(2, iaprefix(10, 20, 48, pfx2),
                                          status(6))),
        "reply-top-fail": msg(7, status(1), ia_pd(1, iaprefix(10, 20, 56,
                                                              pfx1))),
        "reply-top-ok": msg(7, status(0), ia_pd(1, iaprefix(10, 20, 56,
                                                            pfx1))),
        "reply-iaprefix-fail": msg(7, ia_pd(
            1, iaprefix(10, 20, 56, pfx1, status(3)),
            iaprefix(10, 20, 48, pfx2, status(0)))),
        "relay-reply": relay1,
        "relay-forw-reply": relay(12, peer2, reply1),
        "relay-2": relay(13, peer2, relay1),
        "relay-8": reply1,
        "relay-solicit": relay(12, peer1, msg(1, cid, ia_pd(
            1, iaprefix(0, 0, 56, pfx1))), ifid),
        "relay-no-msg": relay(13, peer1, b"")[:-4],
        "release": msg(8, cid, sid, ia_pd(7, iaprefix(0, 0, 56, pfx1))),
        "solicit": msg(1, cid, ia_pd(1, iaprefix(0, 0, 56, pfx1))),
    }
    for _ in range(8):
        s["relay-8"] = relay(13, peer1, s["relay-8"])
    s["relay-9"] = relay(13, peer2, s["relay-8"])
    return s


def ra_seeds():
    """fuzz_ra.c: 10 control bytes, then an RA from fe80::1 to ff02::1.
    The RDNSS addresses, DNSSL names and PREF64 prefixes are those of
    fuzz_ra.c's tables, so that add mode finds some already there."""
    ll = bytes([0xFE, 0x80]) + bytes(13) + b"\1"
    all_nodes = bytes([0xFF, 0x02]) + bytes(13) + b"\1"
    d1 = bytes([0x20, 0x01, 0x0D, 0xB8]) + bytes(11) + b"\x53"
    d2 = bytes([0x20, 0x01, 0x0D, 0xB8]) + bytes(9) + b"\1\0\x53"
    d3 = bytes([0x20, 0x01, 0x0D, 0xB8, 0, 1]) + bytes(9) + b"\x35"
    other = bytes([0x20, 0x01, 0x0D, 0xB8, 0x99]) + bytes(10) + b"\1"

    def ctl(replace=False, lifetime=None, fix=True, pf=0, rdnss=0,
            dnssl=0, room=64, mtu=0, dec=0):
        """Byte 0: replace, lifetime, fix length and checksum, PREF64."""
        b0 = (1 if replace else 0) | (2 if lifetime is not None else 0) | \
            (12 if fix else 0) | pf << 4
        return struct.pack("!BBBIBBB", b0, rdnss, dnssl, lifetime or 0,
                           room, mtu, dec)

    def wire(name):
        return b"".join(bytes([len(lb)]) + lb.encode()
                        for lb in name.split(".")) + b"\0"

    def opt(t, body):
        assert (2 + len(body)) % 8 == 0
        return bytes([t, (2 + len(body)) // 8]) + body

    def rdnss(lt, *addrs):
        return opt(25, struct.pack("!HI", 0, lt) + b"".join(addrs))

    def dnssl(lt, *names):
        b = struct.pack("!HI", 0, lt) + b"".join(wire(n) for n in names)
        return opt(31, b + bytes(-(2 + len(b)) % 8))

    def pref64(lt, plc, prefix):
        return opt(38, struct.pack("!H", (lt + 7) // 8 << 3 | plc) +
                   prefix[:12])

    slla = opt(1, bytes([0x02, 0x00, 0x5E, 0x00, 0x53, 0x01]))
    pio = opt(3, struct.pack("!BBIII", 64, 0xC0, 2592000, 604800, 0) +
              bytes([0x20, 0x01, 0x0D, 0xB8, 0, 1]) + bytes(10))
    mtu = opt(5, struct.pack("!HI", 0, 1500))
    wkp = bytes([0x00, 0x64, 0xFF, 0x9B]) + bytes(12)

    def ra(opts, rlt=1800):
        body = struct.pack("!II", 30000, 1000) + opts
        return ip6(ll, all_nodes, P_ICMPV6,
                   icmp6(ll, all_nodes, 134, 0,
                         struct.pack("!BBH", 64, 0x40, rlt), body), hop=255)

    full = slla + pio + mtu
    long_label = "abcdefghijklmnopqrstuvwxyz" * 2 + "abcdefghijk"
    return {
        "bare-add-all": ctl(pf=6, rdnss=0x07, dnssl=0x03) + ra(b""),
        "bare-no-fix": ctl(fix=False, rdnss=0x01) + ra(b""),
        "slla-pio-mtu-add": ctl(pf=6, rdnss=0x03, dnssl=0x01) + ra(full),
        "slla-pio-mtu-replace": ctl(True, pf=1, rdnss=0x01, dnssl=0x0F) +
        ra(full),
        "rlt0-lifetime": ctl(lifetime=0xFFFFFFFF, pf=6, rdnss=0x01,
                             dnssl=0x01) + ra(slla, rlt=0),
        "has-rdnss-add": ctl(rdnss=0x07) + ra(slla + rdnss(3600, d1, other) +
                                               pio),
        "has-all-add": ctl(pf=6, rdnss=0x03, dnssl=0x09, dec=72) +
        ra(rdnss(600, d2, d1) + dnssl(600, "EXAMPLE.com", "lab.example.net")
           + pref64(600, 0, wkp) + mtu),
        "has-all-replace": ctl(True, pf=12, rdnss=0x04, dnssl=0x20) +
        ra(slla + rdnss(600, d1, d2, d3) + pio +
           dnssl(600, "other.test", "a.test") + pref64(9000, 5, wkp) + mtu),
        "pref64-other-plc": ctl(pf=6) + ra(pref64(1800, 1, wkp) + slla),
        "dnssl-long": ctl(dnssl=0xC0, room=255, dec=72) +
        ra(dnssl(1800, long_label + ".test") + slla),
        "small-mtu": ctl(pf=6, rdnss=0xFF, dnssl=0xFF, mtu=140) + ra(full),
        "no-room": ctl(rdnss=0x0F, dnssl=0x3F, room=0) + ra(full),
        "not-ra-echo": ctl(rdnss=1) +
        ip6(ll, all_nodes, P_ICMPV6,
            icmp6(ll, all_nodes, 128, 0, *echo(n=16))),
    }


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: mkseeds.py DIR")
    out = sys.argv[1]
    for harness, seeds in (("fuzz-xlat", xlat_seeds()),
                           ("fuzz-csum", csum_seeds()),
                           ("fuzz-rfc6052", rfc6052_seeds()),
                           ("fuzz-eam", eam_seeds()),
                           ("fuzz-nat64", nat64_seeds()),
                           ("fuzz-dhcp6", dhcp6_seeds()),
                           ("fuzz-ra", ra_seeds())):
        d = os.path.join(out, harness)
        os.makedirs(d, exist_ok=True)
        for name, data in seeds.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
