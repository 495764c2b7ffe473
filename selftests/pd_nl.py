#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""DHCPv6 prefix delegation (V6GW_CMD_PD_*) from the outside, for test-pd.sh.

Raw generic netlink through v6gw_nl.py (not the v6gw tool), DHCPv6 frames
built with scapy, and a packet sniffer:

  pd_nl.py events FILE [SECONDS]
        Join the "events" multicast group, create FILE.ready, then append
        each V6GW_CMD_PD_EVENT to FILE as one JSON line (see pd_decode(),
        plus "t": the time it was read). Runs for SECONDS (default 600) or
        until killed. An overrun of the socket is logged as
        {"overrun": true}.
  pd_nl.py dump
        The V6GW_CMD_PD_GET dump as a JSON array (see pd_decode()).
  pd_nl.py check IFINDEX
        Refused requests, each with its errno and extended ACK message
        (PD_NEW, PD_DEL, PD_SNOOP_SET) on the interface IFINDEX of the
        namespace, then: no delegation left behind. One "ok"/"not ok"
        line per check; exit 1 if one failed.
  pd_nl.py sniff IFACE FILE
        Log every UDP frame to or from port 546 or 547 arriving on IFACE
        (packet socket: also those nobody listens to), "TIME HEX" a line
        with HEX the IPv6 packet. Creates FILE.ready once bound.
  pd_nl.py seen FILE HEX...
        Exit 0 if every IPv6 packet HEX is in FILE, byte for byte; else
        print the missing ones and exit 1.
  pd_nl.py craft FILE [--from MAC,ADDR] [--to MAC,ADDR] NAME=KIND[:ARGS]...
        Build DHCPv6 frames with scapy (slow to start in a TCG guest: craft
        them all at once, early), from and to the last --from and --to
        before each, and write FILE ("NAME HEX" a line, HEX the Ethernet
        frame) when done.
        KIND, with its ARGs after a colon, comma-separated:
          reply:PREFIX/LEN,VALID,PREF     a Reply delegating the prefix
          release:PREFIX/LEN              a Release of it (546 -> 547)
          status-fail:PREFIX/LEN          a Reply delegating it, with a
                                          top-level NoPrefixAvail status
          relay:PEER,PREFIX/LEN,VALID,PREF
                                          a Relay-Reply (547 -> 547) for
                                          PEER carrying such a Reply
          relay2:PEER,PREFIX/LEN,VALID,PREF
                                          the same, inside a second
                                          Relay-Reply (peer fe80::dead)
        and the malformed ones, each delegating P (PREFIX/LEN) for 60 s if
        it were read leniently:
          truncated:P      a good IA_PD, then an option past the end
          iapd-past-end:P  an IA_PD whose length runs past the message
          iaprefix-past:P  an IAPREFIX whose length runs past its IA_PD
          iaprefix-short:P an IAPREFIX of 20 bytes (25 at least)
          status-short:P   a good IA_PD, then a Status Code of 1 byte
          badsum:P         a good Reply with a wrong UDP checksum
          relay-nomsg:P    a Relay-Reply without a Relay Message option
                           (the Reply in an option of code 99)
  pd_nl.py send FILE [NS:]IFACE:NAME...
        Write the frames NAME of FILE out of IFACE (packet socket, no
        scapy), in that order, each in the network namespace NS (ip netns
        name) when given, and print "NAME HEX" for each (HEX: the IPv6
        packet).
"""
import errno
import json
import os
import re
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
ETH_P_IPV6 = 0x86DD
PACKET_OUTGOING = 4
CLONE_NEWNET = 0x40000000

# The netlink modes need v6gw_nl.py (which reads the uapi header); the
# packet modes start without it (python is slow to start in a TCG guest).
U = Genl = attr = parse_attrs = None
NLM_F_REQUEST = NLM_F_DUMP = SOL_NETLINK = NETLINK_ADD_MEMBERSHIP = None
EVENTS = ORIGINS = None


def load_nl():
    # pylint: disable=global-statement,import-outside-toplevel
    global U, Genl, attr, parse_attrs, NLM_F_REQUEST, NLM_F_DUMP
    global SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, EVENTS, ORIGINS
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import v6gw_nl as v
    U, Genl, attr, parse_attrs = v.U, v.Genl, v.attr, v.parse_attrs
    NLM_F_REQUEST, NLM_F_DUMP = v.NLM_F_REQUEST, v.NLM_F_DUMP
    SOL_NETLINK = v.SOL_NETLINK
    NETLINK_ADD_MEMBERSHIP = v.NETLINK_ADD_MEMBERSHIP
    EVENTS = {U["V6GW_PD_EV_ADDED"]: "added",
              U["V6GW_PD_EV_RENEWED"]: "renewed",
              U["V6GW_PD_EV_EXPIRED"]: "expired",
              U["V6GW_PD_EV_REMOVED"]: "removed",
              U["V6GW_PD_EV_REFUSED"]: "refused"}
    ORIGINS = {U["V6GW_PD_ORIGIN_USER"]: "user",
               U["V6GW_PD_ORIGIN_SNOOP"]: "snoop"}


def ntop(b):
    return socket.inet_ntop(socket.AF_INET6, b)


def pton(a):
    return socket.inet_pton(socket.AF_INET6, a)


def pd_decode(payload):
    """A V6GW_A_PD nest: prefix "ADDR/LEN", via, ifindex, dev, valid,
    preferred, valid_until, preferred_until, origin ("user", "snoop"),
    event ("added", ...), each only when present; "attrs": the types."""
    a = parse_attrs(payload)
    d = {"attrs": sorted(a)}
    for name, key, fmt in (("ifindex", "V6GW_PD_A_IFINDEX", "=I"),
                           ("valid", "V6GW_PD_A_VALID", "=I"),
                           ("preferred", "V6GW_PD_A_PREFERRED", "=I"),
                           ("valid_until", "V6GW_PD_A_VALID_UNTIL", "=Q"),
                           ("preferred_until", "V6GW_PD_A_PREFERRED_UNTIL",
                            "=Q")):
        if U[key] in a:
            d[name] = struct.unpack(fmt, a[U[key]])[0]
    if U["V6GW_PD_A_PREFIX"] in a:
        p = parse_attrs(a[U["V6GW_PD_A_PREFIX"]])
        d["prefix"] = "%s/%d" % (ntop(p[U["V6GW_PREFIX_A_ADDR"]]),
                                 p[U["V6GW_PREFIX_A_LEN"]][0])
    if U["V6GW_PD_A_VIA"] in a:
        d["via"] = ntop(a[U["V6GW_PD_A_VIA"]])
    if U["V6GW_PD_A_IFNAME"] in a:
        d["dev"] = a[U["V6GW_PD_A_IFNAME"]].rstrip(b"\0").decode()
    if U["V6GW_PD_A_ORIGIN"] in a:
        o = a[U["V6GW_PD_A_ORIGIN"]][0]
        d["origin"] = ORIGINS.get(o, o)
    if U["V6GW_PD_A_EVENT"] in a:
        e = a[U["V6GW_PD_A_EVENT"]][0]
        d["event"] = EVENTS.get(e, e)
    return d


def main_events(path, seconds):
    mon = Genl()
    mon.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    mon.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
                        mon.groups["events"])
    out = open(path, "a", buffering=1)
    open(path + ".ready", "w").close()
    end = time.time() + seconds
    while time.time() < end:
        try:
            got = mon.notifications(timeout=0.2)
        except OSError as e:
            if e.errno != errno.ENOBUFS:
                raise
            out.write(json.dumps({"overrun": True, "t": time.time()}) + "\n")
            continue
        for cmd, attrs in got:
            if cmd != U["V6GW_CMD_PD_EVENT"]:
                out.write(json.dumps({"cmd": cmd}) + "\n")
                continue
            d = pd_decode(parse_attrs(attrs).get(U["V6GW_A_PD"], b""))
            d["t"] = time.time()
            out.write(json.dumps(d) + "\n")
    return 0


def pd_dump(nl):
    err, _, rep = nl.send(nl.family, U["V6GW_CMD_PD_GET"], b"",
                          NLM_F_REQUEST | NLM_F_DUMP)
    if err:
        raise OSError(err, "PD_GET dump")
    return [pd_decode(parse_attrs(r).get(U["V6GW_A_PD"], b"")) for r in rep]


# --- refused requests ---------------------------------------------------------

def u32(name, v):
    return attr(U[name], struct.pack("=I", v))


def pfx(addr, plen, nested=True):
    inner = (attr(U["V6GW_PREFIX_A_ADDR"], pton(addr)) +
             attr(U["V6GW_PREFIX_A_LEN"], struct.pack("B", plen)))
    return attr(U["V6GW_PD_A_PREFIX"], inner, nested)


def pd(*items, nested=True):
    return attr(U["V6GW_A_PD"], b"".join(items), nested)


def via(a):
    return attr(U["V6GW_PD_A_VIA"], pton(a))


def snoop(*items):
    return attr(U["V6GW_A_PD_SNOOP"], b"".join(items), True)


def main_check(ifindex):
    nl = Genl()
    new, dele = U["V6GW_CMD_PD_NEW"], U["V6GW_CMD_PD_DEL"]
    sset = U["V6GW_CMD_PD_SNOOP_SET"]
    ix = u32("V6GW_PD_A_IFINDEX", ifindex)
    P = pfx("2001:db8:100::", 56)
    LL = via("fe80::2")
    E = (errno.EINVAL,)
    ER = (errno.EINVAL, errno.ERANGE)
    cases = [
        # (description, cmd, attrs, expected errnos, extack regex)
        ("new without the PD nest", new, b"", E, "delegation is required"),
        ("PD nest without NLA_F_NESTED", new, pd(P, LL, ix, nested=False),
         E, "(?i)nested"),
        ("new without a prefix", new, pd(LL, ix), E, "needs a prefix"),
        ("new without via", new, pd(P, ix), E,
         r"router \(via\) and an interface"),
        ("new without ifindex", new, pd(P, LL), E,
         r"router \(via\) and an interface"),
        ("via a global address", new, pd(P, via("2001:db8:1::2"), ix), E,
         "via must be a link-local unicast address"),
        ("via ff02::1 (multicast, link scope)", new,
         pd(P, via("ff02::1"), ix), E,
         "via must be a link-local unicast address"),
        ("via ::", new, pd(P, via("::"), ix), E,
         "via must be a link-local unicast address"),
        ("via of 4 bytes", new,
         pd(P, attr(U["V6GW_PD_A_VIA"], b"\xfe\x80\0\0"), ix), ER, "."),
        ("prefix ::/0", new, pd(pfx("::", 0), LL, ix), E,
         "a delegated prefix cannot be ::/0"),
        ("host bits set", new, pd(pfx("2001:db8:100::1", 56), LL, ix), E,
         "bits beyond the prefix length must be zero"),
        ("prefix length 129", new, pd(pfx("2001:db8:100::", 129), LL, ix),
         ER, "."),
        ("preferred over valid", new,
         pd(P, LL, ix, u32("V6GW_PD_A_VALID", 5),
            u32("V6GW_PD_A_PREFERRED", 10)), E,
         "the preferred lifetime exceeds the valid one"),
        ("preferred given, valid infinite by default, is fine: see below",
         None, None, None, None),
        ("valid 0", new, pd(P, LL, ix, u32("V6GW_PD_A_VALID", 0)), ER, "."),
        ("unknown ifindex", new,
         pd(P, LL, u32("V6GW_PD_A_IFINDEX", 0x7ffffff0)),
         (errno.ENODEV,), "no such interface"),
        ("ifindex 0", new, pd(P, LL, u32("V6GW_PD_A_IFINDEX", 0)), ER, "."),
        ("IFNAME in a request", new,
         pd(P, LL, ix, attr(U["V6GW_PD_A_IFNAME"], b"lo\0")), E, "."),
        ("ORIGIN in a request", new,
         pd(P, LL, ix, attr(U["V6GW_PD_A_ORIGIN"], b"\1")), E, "."),
        ("EVENT in a request", new,
         pd(P, LL, ix, attr(U["V6GW_PD_A_EVENT"], b"\1")), E, "."),
        ("VALID_UNTIL in a request", new,
         pd(P, LL, ix, attr(U["V6GW_PD_A_VALID_UNTIL"], b"\0" * 8)), E,
         "."),
        ("unknown attribute in the nest", new,
         pd(P, LL, ix, attr(U["__V6GW_PD_A_MAX"], b"\0" * 4)), E,
         "(?i)unknown|unsupported|attribute"),
        ("del with via", dele, pd(P, LL), E, "del takes only the prefix"),
        ("del without a prefix", dele, pd(), E, "needs a prefix"),
        ("del of a delegation that does not exist", dele, pd(P),
         (errno.ENOENT,), "no such delegation"),
        ("snoop set without the nest", sset, b"", E,
         "snooping setting is required"),
        ("snoop set without ENABLE", sset,
         snoop(u32("V6GW_PD_SNOOP_A_IFINDEX", ifindex)), E,
         "needs an interface and on or off"),
        ("snoop set ENABLE 2", sset,
         snoop(u32("V6GW_PD_SNOOP_A_IFINDEX", ifindex),
               attr(U["V6GW_PD_SNOOP_A_ENABLE"], b"\2")), ER, "."),
        ("snoop set on an unknown ifindex", sset,
         snoop(u32("V6GW_PD_SNOOP_A_IFINDEX", 0x7ffffff0),
               attr(U["V6GW_PD_SNOOP_A_ENABLE"], b"\1")),
         (errno.ENODEV,), "no such interface"),
    ]
    cases = [c for c in cases if c[1] is not None]
    failed = 0
    for desc, cmd, attrs, want, ext_re in cases:
        err, ext, _ = nl.send(nl.family, cmd, attrs)
        ok = err in want and ext is not None and re.search(ext_re, ext)
        failed += not ok
        print("%sok %s # errno=%d extack=%r" % ("" if ok else "not ", desc,
                                                err, ext))
    left = pd_dump(nl)
    ok = left == []
    failed += not ok
    print("%sok no delegation left by the refused requests # %r" %
          ("" if ok else "not ", left))

    # The defaults: no VALID is infinite, no PREFERRED is VALID.
    err, ext, _ = nl.send(nl.family, new, pd(P, LL, ix))
    d = pd_dump(nl)
    err2, _, _ = nl.send(nl.family, new,
                         pd(pfx("2001:db8:101::", 56), LL, ix,
                            u32("V6GW_PD_A_VALID", 100)))
    d2 = [x for x in pd_dump(nl) if x["prefix"] == "2001:db8:101::/56"]
    ok = (err == 0 and len(d) == 1 and d[0]["valid"] == 0xFFFFFFFF and
          d[0]["preferred"] == 0xFFFFFFFF and "valid_until" not in d[0] and
          "preferred_until" not in d[0] and d[0]["origin"] == "user" and
          d[0]["via"] == "fe80::2" and d[0]["ifindex"] == ifindex and
          err2 == 0 and len(d2) == 1 and 98 <= d2[0]["valid"] <= 100 and
          d2[0]["preferred"] == d2[0]["valid"] and
          abs(d2[0]["valid_until"] - time.time() - 100) <= 3 and
          d2[0]["preferred_until"] == d2[0]["valid_until"])
    failed += not ok
    print("%sok defaults: valid infinite (no VALID_UNTIL), preferred = valid"
          " # errno=%d,%d %r %r" % ("" if ok else "not ", err, err2, d, d2))
    err, _, _ = nl.send(nl.family, U["V6GW_CMD_PD_FLUSH"], b"")
    ok = err == 0 and pd_dump(nl) == []
    failed += not ok
    print("%sok flush empties the table" % ("" if ok else "not "))
    return 1 if failed else 0


# --- frames ---------------------------------------------------------------------

def cmd_sniff(iface, path):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM,
                      socket.htons(ETH_P_ALL))
    s.bind((iface, ETH_P_ALL))
    out = open(path, "a", buffering=1)
    open(path + ".ready", "w").close()
    while True:
        pkt, addr = s.recvfrom(65536)
        if addr[1] != ETH_P_IPV6 or addr[2] == PACKET_OUTGOING or \
                len(pkt) < 48 or pkt[6] != 17:
            continue
        sport, dport = struct.unpack("!HH", pkt[40:44])
        if sport in (546, 547) or dport in (546, 547):
            out.write("%.6f %s\n" % (time.time(), pkt.hex()))


def cmd_seen(path, hexes):
    got = set()
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                got.add(parts[1])
    missing = [h for h in hexes if h not in got]
    for h in missing:
        print("not seen: %s" % h)
    return 1 if missing else 0


def opt(code, data):
    return struct.pack("!HH", code, len(data)) + data


def iaprefix_raw(addr, plen, valid, pref, claim=None, body_len=25):
    body = struct.pack("!IIB", pref, valid, plen) + pton(addr)
    body = body[:body_len]
    return struct.pack("!HH", 26, len(body) if claim is None else claim) + \
        body


def iapd_raw(inner, claim=None):
    body = struct.pack("!III", 1, 0, 0) + inner
    return struct.pack("!HH", 25, len(body) if claim is None else claim) + \
        body


def craft(kind, args):
    """(UDP sport, dport, DHCPv6 message bytes or scapy packet, udp kw)"""
    # scapy is slow to import: only here
    from scapy.layers.dhcp6 import (DHCP6_Reply, DHCP6_Release,
                                    DHCP6_RelayReply, DHCP6OptRelayMsg,
                                    DHCP6OptIA_PD, DHCP6OptIAPrefix,
                                    DHCP6OptStatusCode, DHCP6OptClientId,
                                    DHCP6OptServerId, DUID_LL)
    from scapy.packet import Raw

    def ia(p, valid, pref):
        addr, plen = p.split("/")
        return DHCP6OptIA_PD(iaid=1, T1=0, T2=0, iapdopt=[
            DHCP6OptIAPrefix(preflft=int(pref), validlft=int(valid),
                             plen=int(plen), prefix=addr)])

    ids = (DHCP6OptClientId(duid=DUID_LL(lladdr="02:00:00:00:00:02")) /
           DHCP6OptServerId(duid=DUID_LL(lladdr="02:00:00:00:00:01")))
    if kind == "reply":
        p, valid, pref = args
        return 547, 546, DHCP6_Reply(trid=0x1234) / ids / ia(p, valid, pref), {}
    if kind == "release":
        (p,) = args
        return 546, 547, DHCP6_Release(trid=0x1235) / ids / ia(p, 0, 0), {}
    if kind == "status-fail":
        (p,) = args
        return 547, 546, (DHCP6_Reply(trid=0x1236) / ids /
                          DHCP6OptStatusCode(statuscode=6,
                                             statusmsg="no prefix") /
                          ia(p, 60, 30)), {}
    if kind in ("relay", "relay2"):
        peer, p, valid, pref = args
        inner = DHCP6_Reply(trid=0x1237) / ids / ia(p, valid, pref)
        msg = DHCP6_RelayReply(hopcount=0, linkaddr="::", peeraddr=peer) / \
            DHCP6OptRelayMsg(message=inner)
        if kind == "relay2":
            msg = DHCP6_RelayReply(hopcount=1, linkaddr="::",
                                   peeraddr="fe80::dead") / \
                DHCP6OptRelayMsg(message=msg)
        return 547, 547, msg, {}
    (p,) = args
    addr, plen = p.split("/")
    plen = int(plen)
    good = iapd_raw(iaprefix_raw(addr, plen, 60, 30))
    hdr = b"\x07\x00\x12\x38" + bytes(ids)
    if kind == "truncated":
        return 547, 546, Raw(hdr + good + struct.pack("!HH", 1, 100) +
                             b"\0" * 10), {}
    if kind == "iapd-past-end":
        return 547, 546, Raw(hdr + iapd_raw(iaprefix_raw(addr, plen, 60, 30),
                                            claim=12 + 29 + 16)), {}
    if kind == "iaprefix-past":
        # the IA_PD is closed by a second option; its IAPREFIX claims 40
        return 547, 546, Raw(hdr + iapd_raw(iaprefix_raw(addr, plen, 60, 30,
                                                         claim=40)) +
                             opt(14, b"")), {}
    if kind == "iaprefix-short":
        return 547, 546, Raw(hdr + iapd_raw(iaprefix_raw(addr, plen, 60, 30,
                                                         body_len=20))), {}
    if kind == "status-short":
        return 547, 546, Raw(hdr + good + opt(13, b"\0")), {}
    if kind == "badsum":
        return 547, 546, Raw(hdr + good), {"bad_csum": True}
    if kind == "relay-nomsg":
        return 547, 547, Raw(b"\x0d\x00" + bytes(16) + pton("fe80::c") +
                             opt(18, b"ifid") + opt(99, hdr + good)), {}
    raise ValueError("unknown kind %s" % kind)


def cmd_craft(path, args):
    """craft FILE [--from MAC,ADDR] [--to MAC,ADDR] NAME=KIND[:ARGS]..."""
    from scapy.layers.inet6 import IPv6, UDP
    from scapy.layers.l2 import Ether
    src = dst = None
    with open(path + ".tmp", "w") as out:
        it = iter(args)
        for a in it:
            if a in ("--from", "--to"):
                mac, addr = next(it).split(",")
                if a == "--from":
                    src = (mac, addr)
                else:
                    dst = (mac, addr)
                continue
            name, spec = a.split("=", 1)
            kind, *rest = spec.split(":", 1)
            kargs = rest[0].split(",") if rest else []
            sport, dport, msg, kw = craft(kind, kargs)
            ip = IPv6(src=src[1], dst=dst[1], hlim=255)
            udp = UDP(sport=sport, dport=dport)
            if kw.get("bad_csum"):
                good = IPv6(bytes(ip / udp / msg))
                udp = UDP(sport=sport, dport=dport,
                          chksum=good[UDP].chksum ^ 0x5555)
            frame = Ether(src=src[0], dst=dst[0]) / ip / udp / msg
            out.write("%s %s\n" % (name, bytes(frame).hex()))
    os.rename(path + ".tmp", path)
    return 0


def enter_netns(name):
    """Move this process into the network namespace NAME (ip netns)."""
    import ctypes  # pylint: disable=import-outside-toplevel
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open("/run/netns/" + name, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET):
            raise OSError(ctypes.get_errno(), "setns %s" % name)
    finally:
        os.close(fd)


def cmd_send(path, items):
    frames = {}
    with open(path) as f:
        for line in f:
            name, hexa = line.split()
            frames[name] = bytes.fromhex(hexa)
    socks = {}
    for item in items:
        ns, iface, name = ([""] + item.split(":"))[-3:]
        if (ns, iface) not in socks:
            if ns:
                enter_netns(ns)
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                              socket.htons(ETH_P_IPV6))
            s.bind((iface, ETH_P_IPV6))
            socks[(ns, iface)] = s
        socks[(ns, iface)].send(frames[name])
        print("%s %s" % (name, frames[name][14:].hex()), flush=True)
    return 0


def main(argv):
    if len(argv) == 3 and argv[0] == "sniff":
        return cmd_sniff(argv[1], argv[2])
    if len(argv) >= 2 and argv[0] == "seen":
        return cmd_seen(argv[1], argv[2:])
    if len(argv) >= 3 and argv[0] == "craft":
        return cmd_craft(argv[1], argv[2:])
    if len(argv) >= 3 and argv[0] == "send":
        return cmd_send(argv[1], argv[2:])
    load_nl()
    if len(argv) >= 2 and argv[0] == "events":
        return main_events(argv[1], float(argv[2]) if len(argv) > 2 else 600)
    if argv == ["dump"]:
        print(json.dumps(pd_dump(Genl())))
        return 0
    if len(argv) == 2 and argv[0] == "check":
        return main_check(int(argv[1]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
