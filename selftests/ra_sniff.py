#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Router Advertisements on the wire, for test-ra.sh.

Plain Python (sockets and struct) so that it starts fast in a TCG guest;
scapy only in "scapy", as a second decoder written by somebody else.

  ra_sniff.py capture IFACE FILE
        Log every ICMPv6 packet that arrives on IFACE, taken with a packet
        socket (so also those the IPv6 stack then drops: bad checksum, hop
        limit...), one line each, "TIME HEX": the kernel's receive time
        (time.time() scale) and the IPv6 packet. Creates FILE.ready once
        the socket is bound; runs until killed.
  ra_sniff.py wait FILE SINCE [-t TIMEOUT] [-w PYEXPR] [-s IFACE] [--icmp T]
        The first packet of FILE received after SINCE that is an RA (or
        ICMPv6 type T) and for which PYEXPR is true (with d the decoded
        packet, see decode()), as JSON. -s IFACE: send a Router
        Solicitation out of IFACE every second meanwhile. Exit 1 after
        TIMEOUT s (default 15), printing {"timeout": true, "last": ...}.
  ra_sniff.py all FILE SINCE [--icmp T]
        Every RA (or ICMPv6 type T) received after SINCE: a JSON array.
  ra_sniff.py send IFACE KIND[,KIND...] [--id N] [--lifetime S]
                   [--size BYTES] [--pref64 PREFIX/LEN] [--rdnss A,B...]
        Send crafted packets out of IFACE through the IPv6 stack (a raw
        socket, header included), from IFACE's link-local address to
        ff02::1, and print "KIND ID HEX" for
        each (HEX: the IPv6 packet). ID is N, N+1... for the kinds in
        turn; an RA carries it as its Reachable Time, an echo request as
        its identifier. KIND: ra (valid: router lifetime S, default 1800;
        options SLLA, a prefix 2001:db8:77::/64, an RDNSS option with
        --rdnss, a PREF64 option with --pref64), big (valid, BYTES of IPv6 packet, filled with Route
        Information options), and the malformed RAs badsum (checksum),
        optlen0 (an option of length 0), truncated (an option past the
        end), hop64 (hop limit 64), code1 (ICMPv6 code 1), global-src (a
        source that is not link-local), paylen (payload length one short
        of the packet); not RAs: hbh (a valid RA behind a Hop-by-Hop
        Options header) and echo (an echo request).
  ra_sniff.py decode HEX
        decode() of one packet, as JSON.
  ra_sniff.py nduseropt FILE
        Log the kernel's RTM_NEWNDUSEROPT notifications (the options of
        the RAs the IPv6 stack accepted that it leaves to user space:
        RDNSS, DNSSL, PREF64...), "TIME IFINDEX ICMPTYPE OPTHEX" a line.
        Creates FILE.ready once subscribed.
  ra_sniff.py genl_monitor GROUP FILE
        What v6gw multicasts on GROUP ("config", "events"), as v6gw_nl.py
        monitor prints it, to FILE: "listening" first, once subscribed.
  ra_sniff.py useropts FILE SINCE
        The options logged after SINCE, decoded: a JSON array.
  ra_sniff.py serve REQFIFO RESPFIFO
        Read commands (the words above, separated by \\x1f, one a line)
        from REQFIFO and write what each prints to RESPFIFO, then
        "\\x1fEND RC". A first word "@NS" runs the command in network
        namespace NS (/run/netns/NS): its sockets are made there. capture
        and nduseropt return once ready and go on in threads. Python
        starts slowly in a TCG guest: this way it starts once.
  ra_sniff.py check JSON EXPR [JSON2]
        Is the Python expression EXPR true, with d the JSON value (e the
        second)? Objects' keys read as attributes (d.pref64[0].plc); also
        appended(o, n), lifetimes(d, TYPE...). Exit 1, printing both, if
        not.
  ra_sniff.py get JSON EXPR [JSON2]
        EXPR's value: a string as it is, anything else as JSON.
  ra_sniff.py scapy HEX
        scapy's reading of one RA: the checksum sent and the one scapy
        computes, the router lifetime, the RDNSS addresses and DNSSL names
        it finds with their lifetimes, the bytes of options 38 (PREF64:
        scapy 2.5 does not know them).
"""
import contextlib
import ctypes
import io
import json
import os
import socket
import struct
import sys
import threading
import time

ETH_P_ALL = 0x0003
ETH_P_IPV6 = 0x86DD
PACKET_OUTGOING = 4
SO_TIMESTAMPNS = 35
RTNLGRP_ND_USEROPT = 20
RTM_NEWNDUSEROPT = 68
SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP = 1
PLC_LEN = {0: 96, 1: 64, 2: 56, 3: 48, 4: 40, 5: 32}
CLONE_NEWNET = 0x40000000

# In "serve", capture and nduseropt run in threads and commands may name
# the network namespace their sockets are opened in.
SERVING = False


@contextlib.contextmanager
def netns(name):
    """Open sockets in the namespace /run/netns/name meanwhile (this
    thread only: a socket stays in the namespace it was made in)."""
    if not name:
        yield
        return
    libc = ctypes.CDLL(None, use_errno=True)
    home = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    fd = os.open("/run/netns/" + name, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET):
            raise OSError(ctypes.get_errno(), "setns to " + name)
        try:
            yield
        finally:
            if libc.setns(home, CLONE_NEWNET):
                raise OSError(ctypes.get_errno(), "setns back")
    finally:
        os.close(fd)
        os.close(home)


def run(loop):
    """Run loop() now, or in a thread when serving."""
    if not SERVING:
        return loop()
    threading.Thread(target=loop, daemon=True).start()
    return 0


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s


def icmp6_csum(src, dst, body):
    """The ICMPv6 checksum of body, whose checksum field is zero."""
    pseudo = src + dst + struct.pack("!IxxxB", len(body), 58)
    return ~csum(pseudo + body) & 0xFFFF


def ntop(b):
    return socket.inet_ntop(socket.AF_INET6, b)


def pton(a):
    return socket.inet_pton(socket.AF_INET6, a)


def dns_names(body):
    """The names of a DNSSL option's body (after its 8-byte header)."""
    names, off = [], 0
    while off < len(body) and body[off]:
        labels = []
        while off < len(body) and body[off]:
            n = body[off]
            labels.append(body[off + 1:off + 1 + n].decode("ascii",
                                                             "replace"))
            off += 1 + n
        off += 1
        names.append(".".join(labels))
    return names


def decode_opt(t, o):
    d = {"type": t, "len": len(o)}
    if t == 25 and len(o) >= 8:
        d["lifetime"] = struct.unpack("!I", o[4:8])[0]
        d["addrs"] = [ntop(o[i:i + 16]) for i in range(8, len(o) - 15, 16)]
    elif t == 31 and len(o) >= 8:
        d["lifetime"] = struct.unpack("!I", o[4:8])[0]
        d["names"] = dns_names(o[8:])
    elif t == 38 and len(o) == 16:
        sl = struct.unpack("!H", o[2:4])[0]
        d["scaled"], d["plc"] = sl >> 3, sl & 7
        plen = PLC_LEN.get(sl & 7)
        d["prefix"] = "%s/%d" % (ntop(o[4:16] + bytes(4)), plen) \
            if plen else None
    elif t == 3 and len(o) == 32:
        d["prefix"] = "%s/%d" % (ntop(o[16:32]), o[2])
        d["valid"], d["preferred"] = struct.unpack("!II", o[4:12])
    elif t == 1 and len(o) == 8:
        d["lladdr"] = o[2:8].hex(":")
    return d


def decode(pkt, ts=None):
    """An IPv6 packet as a dict; with the RA's fields when it is one."""
    d = {"hex": pkt.hex(), "len": len(pkt)}
    if ts is not None:
        d["ts"] = ts
    if len(pkt) < 40 or pkt[0] >> 4 != 6:
        return d
    d["paylen"] = struct.unpack("!H", pkt[4:6])[0]
    d["nh"], d["hlim"] = pkt[6], pkt[7]
    d["src"], d["dst"] = ntop(pkt[8:24]), ntop(pkt[24:40])
    off = 40
    if d["nh"] == 0 and len(pkt) >= 48:       # one Hop-by-Hop header
        off += (pkt[41] + 1) * 8
        if pkt[40] != 58:
            return d
    elif d["nh"] != 58:
        return d
    body = pkt[off:]
    if len(body) < 4:
        return d
    d["type"], d["code"] = body[0], body[1]
    d["csum_ok"] = icmp6_csum(pkt[8:24], pkt[24:40],
                              body[:2] + b"\0\0" + body[4:]) == \
        struct.unpack("!H", body[2:4])[0]
    if d["type"] == 128 and len(body) >= 8:
        d["id"] = struct.unpack("!H", body[4:6])[0]
    if d["type"] != 134 or len(body) < 16:
        return d
    d["cur_hlim"], d["flags"] = body[4], body[5]
    d["router_lifetime"] = struct.unpack("!H", body[6:8])[0]
    d["reachable"] = struct.unpack("!I", body[8:12])[0]
    opts, off, ok = [], 16, True
    while off < len(body):
        if len(body) - off < 2 or not body[off + 1] or \
                off + body[off + 1] * 8 > len(body):
            ok = False
            break
        olen = body[off + 1] * 8
        opts.append(decode_opt(body[off], body[off:off + olen]))
        off += olen
    d["opts_ok"] = ok
    d["opts"] = opts
    d["types"] = [o["type"] for o in opts]
    d["rdnss"] = [a for o in opts if o["type"] == 25 for a in o["addrs"]]
    d["dnssl"] = [n for o in opts if o["type"] == 31 for n in o["names"]]
    d["pref64"] = [o for o in opts if o["type"] == 38]
    return d


def read_log(path, since):
    out = []
    try:
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) < 2 or not line.endswith("\n"):
                    continue
                ts = float(parts[0])
                if ts > since:
                    out.append((ts, parts[1:]))
    except FileNotFoundError:
        pass
    return out


def cmd_capture(iface, path):
    # ETH_P_ALL: on a bridge port, a socket of one protocol sees nothing
    # (the bridge takes the frames first); one of every protocol does.
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM,
                      socket.htons(ETH_P_ALL))
    s.bind((iface, ETH_P_ALL))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    # The kernel's receive time: a packet read late still says when it
    # came, i.e. after which configuration change it left its sender.
    s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    f = open(path, "a", buffering=1)
    open(path + ".ready", "w").close()

    def loop():
        while True:
            try:
                pkt, anc, _, addr = s.recvmsg(65535, 64)
            except OSError:         # the interface went away
                return 0
            if addr[1] != ETH_P_IPV6 or addr[2] == PACKET_OUTGOING or \
                    len(pkt) < 41:
                continue
            if pkt[6] != 58 and not (pkt[6] == 0 and pkt[40] == 58):
                continue
            ts = time.time()
            for level, typ, data in anc:
                if level == socket.SOL_SOCKET and typ == SO_TIMESTAMPNS:
                    sec, nsec = struct.unpack("=qq", data[:16])
                    ts = sec + nsec / 1e9
            f.write("%.6f %s\n" % (ts, pkt.hex()))
    return run(loop)


def rs_sender(iface):
    idx = socket.if_nametoindex(iface)
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, idx)

    def send():
        try:
            s.sendto(b"\x85\0\0\0\0\0\0\0", ("ff02::2", 0, 0, idx))
        except OSError:
            pass
    return send


def cmd_wait(args):
    path, since = args[0], float(args[1])
    timeout, where, solicit, icmp = 15.0, "True", None, 134
    i = 2
    while i < len(args):
        if args[i] == "-t":
            timeout = float(args[i + 1])
        elif args[i] == "-w":
            where = args[i + 1]
        elif args[i] == "-s":
            solicit = rs_sender(args[i + 1])
        elif args[i] == "--icmp":
            icmp = int(args[i + 1])
        else:
            sys.exit("wait: unknown argument %s" % args[i])
        i += 2
    code = compile(where, "<where>", "eval")
    names = {"any": any, "all": all, "len": len, "set": set,
             "sorted": sorted, "__builtins__": {}}
    end = time.time() + timeout
    next_rs, seen, last = 0, 0, None
    while True:
        now = time.time()
        if solicit and now >= next_rs:
            solicit()
            next_rs = now + 1.0
        pkts = read_log(path, since)
        for ts, (h,) in pkts[seen:]:
            d = decode(bytes.fromhex(h), ts)
            if d.get("type") != icmp:
                continue
            last = d
            try:
                ok = eval(code, dict(names, d=j(d)))
            except (KeyError, IndexError, TypeError, ValueError,
                    AttributeError):
                ok = False
            if ok:
                print(json.dumps(d))
                return 0
        seen = len(pkts)
        if now > end:
            print(json.dumps({"timeout": True, "where": where,
                              "last": last}))
            return 1
        time.sleep(0.1)


def cmd_all(args):
    path, since = args[0], float(args[1])
    icmp = int(args[3]) if len(args) > 3 and args[2] == "--icmp" else 134
    out = [decode(bytes.fromhex(h), ts) for ts, (h,) in read_log(path, since)]
    print(json.dumps([d for d in out if d.get("type") == icmp]))
    return 0


def link_local(iface):
    with open("/proc/thread-self/net/if_inet6") as f:
        for line in f:
            p = line.split()
            if p[5] == iface and p[0].startswith("fe80"):
                return bytes.fromhex(p[0])
    sys.exit("no link-local address on %s" % iface)


def rio(n):
    """A Route Information option (RFC 4191) of n x 8 bytes."""
    return struct.pack("!BBBBI", 24, n, (0, 0, 64, 96)[n], 0, 600) + \
        (bytes.fromhex("20010db8000000aa") + bytes(8))[:n * 8 - 8]


def craft(mac, src, kind, ident, lifetime, size, pref64, rdnss):
    dst = pton("ff02::1")
    hlim, code, nh, hbh = 255, 0, 58, b""
    slla = struct.pack("!BB", 1, 1) + mac
    pio = struct.pack("!BBBBIII", 3, 4, 64, 0xC0, 86400, 14400, 0) + \
        pton("2001:db8:77::")
    opts = slla + pio
    if rdnss:
        addrs = [pton(a) for a in rdnss.split(",")]
        opts += struct.pack("!BBHI", 25, 1 + 2 * len(addrs), 0, lifetime) + \
            b"".join(addrs)
    if pref64:
        p, plen = pref64.split("/")
        plc = {v: k for k, v in PLC_LEN.items()}[int(plen)]
        opts += struct.pack("!BBH", 38, 2, (min(lifetime, 65528) + 7) // 8
                            << 3 | plc) + pton(p)[:12]
    body = None
    if kind == "big":
        fill = size - 40 - 16 - len(opts)
        if fill < 0 or fill % 8:
            sys.exit("big: %d bytes is not %d + a multiple of 8" %
                     (size, 56 + len(opts)))
        while fill:
            n = min(3, fill // 8)
            opts += rio(n)
            fill -= n * 8
    elif kind == "optlen0":
        opts = slla + struct.pack("!BB6x", 24, 0) + pio
    elif kind == "truncated":
        opts = slla + struct.pack("!BB", 3, 5) + pio[2:]
    elif kind == "hop64":
        hlim = 64
    elif kind == "code1":
        code = 1
    elif kind == "global-src":
        src = pton("2001:db8:77::1")
    elif kind == "hbh":
        nh, hbh = 0, bytes([58, 0, 1, 4, 0, 0, 0, 0])
    elif kind == "echo":
        body = struct.pack("!BBHHH", 128, 0, 0, ident & 0xFFFF, 1) + \
            b"not an RA " * 4
    elif kind not in ("ra", "badsum", "paylen"):
        sys.exit("send: unknown kind %s" % kind)
    if body is None:
        body = struct.pack("!BBHBBHII", 134, code, 0, 64, 0, lifetime, ident,
                           0) + opts
    c = icmp6_csum(src, dst, body)
    if kind == "badsum":
        c ^= 0x5555
    body = body[:2] + struct.pack("!H", c) + body[4:]
    paylen = len(hbh) + len(body) - (1 if kind == "paylen" else 0)
    return struct.pack("!IHBB", 6 << 28, paylen, nh, hlim) + src + dst + \
        hbh + body


def cmd_send(args):
    iface, kinds = args[0], args[1].split(",")
    opt = {"--id": "0", "--lifetime": "1800", "--size": "0", "--pref64": "",
           "--rdnss": ""}
    for i in range(2, len(args), 2):
        if args[i] not in opt:
            sys.exit("send: unknown argument %s" % args[i])
        opt[args[i]] = args[i + 1]
    # The packets go through the IPv6 stack as an RA daemon's do (its
    # LOCAL_OUT hook, where v6gw's RA rules act), not beside it: an IPv6
    # raw socket with the header included (IPPROTO_RAW), so the kernel
    # sends the bytes as crafted, bad checksums included.
    p = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                      socket.htons(ETH_P_IPV6))
    p.bind((iface, ETH_P_IPV6))
    mac = p.getsockname()[4]
    p.close()
    src = link_local(iface)
    idx = socket.if_nametoindex(iface)
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
    for n, kind in enumerate(kinds):
        ident = int(opt["--id"]) + n
        pkt = craft(mac, src, kind, ident, int(opt["--lifetime"]),
                    int(opt["--size"]), opt["--pref64"], opt["--rdnss"])
        s.sendto(pkt, ("ff02::1", 0, 0, idx))
        print(kind, ident, pkt.hex(), flush=True)
    return 0


def cmd_nduseropt(path):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    s.bind((0, 0))
    s.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, RTNLGRP_ND_USEROPT)
    f = open(path, "a", buffering=1)
    open(path + ".ready", "w").close()

    def loop():
        while True:
            try:
                data = s.recv(65536)
            except OSError:
                return 0
            while len(data) >= 16:
                mlen, mtype = struct.unpack("=IH", data[:6])
                msg = data[16:mlen]
                data = data[(mlen + 3) & ~3:]
                if mtype != RTM_NEWNDUSEROPT or len(msg) < 16:
                    continue
                # struct nduseroptmsg: family, pad1, opts_len, ifindex,
                # icmp_type, icmp_code, pad2, pad3; then the option
                _, _, olen, ifindex, itype, _ = struct.unpack("=BBHiBB",
                                                              msg[:10])
                f.write("%.6f %d %d %s\n" % (time.time(), ifindex, itype,
                                             msg[16:16 + olen].hex()))
    return run(loop)


def cmd_genl_monitor(group, path):
    """v6gw_nl.py monitor GROUP, writing to path, in a thread when
    serving."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import v6gw_nl
    mon = v6gw_nl.Genl()
    mon.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
                        mon.groups[group])
    f = open(path, "a", buffering=1)
    f.write("listening\n")

    def loop():
        while True:
            try:
                got = mon.notifications(timeout=1.0)
            except OSError:
                return 0
            for cmd, attrs in got:
                f.write(json.dumps(v6gw_nl.notification(cmd, attrs)) + "\n")
    return run(loop)


def cmd_useropts(path, since):
    out = []
    for ts, (ifindex, itype, h) in read_log(path, since):
        o = bytes.fromhex(h)
        d = decode_opt(o[0], o)
        d.update({"ts": ts, "ifindex": int(ifindex), "icmp_type": int(itype)})
        out.append(d)
    print(json.dumps(out))
    return 0


def cmd_scapy(h):
    import logging
    logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
    from scapy.layers.inet6 import (IPv6, ICMPv6ND_RA, ICMPv6NDOptRDNSS,
                                    ICMPv6NDOptDNSSL)
    pkt = IPv6(bytes.fromhex(h))
    ra = pkt[ICMPv6ND_RA]
    sent = ra.cksum
    ra.cksum = None
    computed = IPv6(bytes(pkt))[ICMPv6ND_RA].cksum
    out = {"cksum": sent, "cksum_scapy": computed,
           "routerlifetime": ra.routerlifetime, "rdnss": [],
           "rdnss_lifetimes": [], "dnssl": [], "dnssl_lifetimes": [],
           "opt38": []}
    p = ra.payload
    while p and p.name != "NoPayload":
        if isinstance(p, ICMPv6NDOptRDNSS):
            out["rdnss"] += list(p.dns)
            out["rdnss_lifetimes"].append(p.lifetime)
        elif isinstance(p, ICMPv6NDOptDNSSL):
            out["dnssl"] += [(n.decode() if isinstance(n, bytes) else n)
                             .rstrip(".") for n in p.searchlist]
            out["dnssl_lifetimes"].append(p.lifetime)
        elif p.name == "Raw" or getattr(p, "type", None) == 38:
            # scapy 2.5 has no PREF64 class: what it leaves raw, as TLVs
            raw = bytes(p)
            while len(raw) >= 8 and raw[1]:
                if raw[0] == 38:
                    out["opt38"].append(raw[:raw[1] * 8].hex())
                raw = raw[raw[1] * 8:]
            break
        p = p.payload
    print(json.dumps(out))
    return 0


class J(dict):
    """A JSON object whose keys read as attributes too: d.pref64[0].plc"""
    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k) from None


def j(v):
    if isinstance(v, dict):
        return J((k, j(x)) for k, x in v.items())
    if isinstance(v, list):
        return [j(x) for x in v]
    return v


def appended(o, n):
    """Is RA n (a decode()) RA o with options appended: longer, the same
    IPv6 header but for the payload length, the same ICMPv6 type, code,
    fields and options (the checksum aside), its payload length and
    checksum right?"""
    a, b = o["hex"], n["hex"]
    return len(b) > len(a) and b[0:8] == a[0:8] and b[12:84] == a[12:84] \
        and b[88:len(a)] == a[88:] and n.get("paylen") == n.get("len", 0) - 40 \
        and n.get("csum_ok") and n.get("opts_ok")


def lifetimes(d, *types):
    """The lifetimes of d's options of these types, in order."""
    return [o["lifetime"] for o in d["opts"] if o["type"] in types]


def brief(d):
    """d without its hex dumps, for a message."""
    if isinstance(d, dict):
        return {k: brief(v) for k, v in d.items() if k != "hex"}
    if isinstance(d, list):
        return [brief(v) for v in d]
    return d


def evaluate(args):
    """JSON EXPR [JSON2]: EXPR with d (and e) the JSON values."""
    names = {"any": any, "all": all, "len": len, "set": set, "sorted": sorted,
             "appended": appended, "lifetimes": lifetimes, "str": str,
             "int": int, "min": min, "max": max}
    names["d"] = j(json.loads(args[0]))
    if len(args) > 2:
        names["e"] = j(json.loads(args[2]))
    names["__builtins__"] = {}
    return eval(args[1], names), names


def cmd_check(args):
    try:
        ok = evaluate(args)[0]
    except Exception as e:
        ok = "%s: %s" % (type(e).__name__, e)
    if ok is True:
        return 0
    print("check: %s -> %s" % (args[1], ok))
    for n in ("d", "e"):
        if len(args) > (0 if n == "d" else 2):
            v = json.loads(args[0 if n == "d" else 2])
            print("%s: %s" % (n, json.dumps(brief(v))))
    return 1


def cmd_get(args):
    v, _ = evaluate(args)
    print(v if isinstance(v, str) else json.dumps(v))
    return 0


def cmd_serve(req, resp):
    """Run commands for a shell without starting Python each time."""
    global SERVING
    SERVING = True
    r = open(req)
    w = open(resp, "w")
    for line in r:
        out = io.StringIO()
        args = line.rstrip("\n").split("\x1f")
        ns = args.pop(0)[1:] if args[0].startswith("@") else ""
        try:
            with contextlib.redirect_stdout(out), netns(ns):
                rc = main(["serve"] + args)
        except SystemExit as e:
            rc = e.code if isinstance(e.code, int) else 2
            if not isinstance(e.code, int):
                out.write("%s\n" % e.code)
        except Exception as e:     # report it, serve on
            rc = 2
            out.write("error: %r\n" % e)
        w.write(out.getvalue())
        w.write("\x1fEND %d\n" % rc)
        w.flush()
    return 0


def main(argv):
    cmds = {
        "capture": lambda a: cmd_capture(a[0], a[1]),
        "wait": cmd_wait,
        "all": cmd_all,
        "send": cmd_send,
        "decode": lambda a: print(json.dumps(decode(bytes.fromhex(a[0])))),
        "nduseropt": lambda a: cmd_nduseropt(a[0]),
        "useropts": lambda a: cmd_useropts(a[0], float(a[1])),
        "genl_monitor": lambda a: cmd_genl_monitor(a[0], a[1]),
        "scapy": lambda a: cmd_scapy(a[0]),
        "serve": lambda a: cmd_serve(a[0], a[1]),
        "check": cmd_check,
        "get": cmd_get,
    }
    if len(argv) < 2 or argv[1] not in cmds:
        sys.exit(__doc__)
    return cmds[argv[1]](argv[2:]) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
