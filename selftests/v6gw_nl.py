#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Raw generic netlink requests to v6gw, bypassing the v6gw tool.

Checks the contract of uapi/linux/v6gw.h from the outside: strict attribute
validation with extended ACK messages, and the encoding of replies.
Prints KTAP subtest lines; exit status 0 when every case passed.
Usage: v6gw_nl.py  (module loaded, run as root)
"""
import errno
import os
import re
import socket
import struct
import sys

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_EXT_ACK = 11
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS = 1, 2
NLA_F_NESTED = 0x8000
GENL_ID_CTRL, CTRL_CMD_GETFAMILY, CTRL_ATTR_FAMILY_ID = 0x10, 3, 1
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_MCAST_GROUPS, CTRL_ATTR_MCAST_GRP_NAME = 7, 1
CTRL_ATTR_MCAST_GRP_ID = 2
NETLINK_ADD_MEMBERSHIP = 1


def uapi():
    """Numbers from the uapi header itself, so the test follows it."""
    here = os.path.dirname(os.path.abspath(__file__))
    text = open(os.path.join(here, "..", "uapi", "linux", "v6gw.h")).read()
    vals = {}
    for enum in re.findall(r"enum \w+ \{(.*?)\};", text, re.S):
        n = 0
        for name in re.findall(
                r"^\s*(\w+)(?:\s*=\s*(\d+))?\s*,?\s*(?:/\*.*\*/)?\s*$", enum,
                re.M):
            if name[1]:
                n = int(name[1])
            vals[name[0]] = n
            n += 1
    return vals


U = uapi()


def attr(atype, payload, nested=False):
    if nested:
        atype |= NLA_F_NESTED
    hdr = struct.pack("=HH", 4 + len(payload), atype)
    pad = (4 - len(payload) % 4) % 4
    return hdr + payload + b"\0" * pad


def parse_attrs(data):
    out = {}
    while len(data) >= 4:
        alen, atype = struct.unpack("=HH", data[:4])
        if alen < 4:
            break
        out[atype & 0x3FFF] = data[4:alen]
        data = data[(alen + 3) & ~3:]
    return out


class Genl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = 1
        self.family = self.resolve("v6gw")

    def send(self, ftype, cmd, attrs=b"", flags=NLM_F_REQUEST | NLM_F_ACK,
             version=1):
        self.seq += 1
        body = struct.pack("=BBH", cmd, version, 0) + attrs
        msg = struct.pack("=IHHII", 16 + len(body), ftype, flags, self.seq,
                          0) + body
        self.sock.send(msg)
        return self.recv_all()

    def recv_all(self):
        """Return (error, extack message, [genl payloads])."""
        replies = []
        while True:
            data = self.sock.recv(65536)
            while data:
                mlen, mtype, mflags, _, _ = struct.unpack("=IHHII", data[:16])
                payload = data[16:mlen]
                data = data[(mlen + 3) & ~3:]
                if mtype == NLMSG_DONE:
                    return 0, None, replies
                if mtype == NLMSG_ERROR:
                    err = -struct.unpack("=i", payload[:4])[0]
                    ext = None
                    if mflags & NLM_F_ACK_TLVS:
                        # The request is echoed in full unless capped.
                        olen = struct.unpack("=I", payload[4:8])[0]
                        skip = 4 + (16 if mflags & NLM_F_CAPPED else olen)
                        tlv = parse_attrs(payload[skip:])
                        if NLMSGERR_ATTR_MSG in tlv:
                            ext = tlv[NLMSGERR_ATTR_MSG].rstrip(b"\0").decode()
                    return err, ext, replies
                replies.append(payload[4:])

    def resolve(self, name):
        err, _, rep = self.send(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                                attr(CTRL_ATTR_FAMILY_NAME,
                                     name.encode() + b"\0"))
        if err or not rep:
            raise OSError(err, "family %s not found" % name)
        top = parse_attrs(rep[0])
        self.groups = {}
        for grp in parse_attrs(top.get(CTRL_ATTR_MCAST_GROUPS, b"")).values():
            g = parse_attrs(grp)
            gname = g[CTRL_ATTR_MCAST_GRP_NAME].rstrip(b"\0").decode()
            self.groups[gname] = struct.unpack("=I",
                                               g[CTRL_ATTR_MCAST_GRP_ID])[0]
        return struct.unpack("=H", top[CTRL_ATTR_FAMILY_ID][:2])[0]

    def notifications(self, timeout=2.0):
        """Genl payloads (cmd, attrs) received on joined groups."""
        self.sock.settimeout(timeout)
        out = []
        try:
            while True:
                data = self.sock.recv(65536)
                while data:
                    mlen = struct.unpack("=I", data[:4])[0]
                    payload = data[16:mlen]
                    data = data[(mlen + 3) & ~3:]
                    out.append((payload[0], payload[4:]))
        except socket.timeout:
            pass
        return out


def prefix(addr, plen, extra=b"", nested=True, addr_len=16):
    a = socket.inet_pton(socket.AF_INET6, addr)[:addr_len]
    inner = (attr(U["V6GW_PREFIX_A_ADDR"], a) +
             attr(U["V6GW_PREFIX_A_LEN"], struct.pack("B", plen)) + extra)
    return attr(U["V6GW_A_PREFIX"], inner, nested)


def main():
    nl = Genl()
    fam = nl.family
    new, dele = U["V6GW_CMD_SIIT_PREFIX_NEW"], U["V6GW_CMD_SIIT_PREFIX_DEL"]
    cases = [
        # (description, cmd, attrs, expected errno, extack regex or None)
        ("prefix add without attributes", new, b"", errno.EINVAL,
         "prefix is required"),
        ("nest without NLA_F_NESTED", new,
         prefix("64:ff9b::", 96, nested=False), errno.EINVAL, "(?i)nested"),
        ("address of 15 bytes", new, prefix("64:ff9b::", 96, addr_len=15),
         errno.ERANGE, "(?i)size|length"),
        ("prefix without a length", new,
         attr(U["V6GW_A_PREFIX"], attr(U["V6GW_PREFIX_A_ADDR"], b"\0" * 16),
              True), errno.EINVAL, "address and a length"),
        ("unknown nested attribute", new,
         prefix("64:ff9b::", 96, extra=attr(9, b"\0" * 4)), errno.EINVAL,
         "(?i)unknown|unsupported|attribute"),
        ("unknown top-level attribute", new,
         prefix("64:ff9b::", 96) + attr(U["__V6GW_A_MAX"] + 4, b"\0" * 4),
         errno.EINVAL, "(?i)unknown|unsupported|attribute"),
        ("prefix length 33", new, prefix("2001:db8::", 33), errno.EINVAL,
         "prefix length"),
        ("prefix length 129", new, prefix("2001:db8::", 129), errno.ERANGE,
         "."),
        ("host bits set", new, prefix("2001:db8::1", 96), errno.EINVAL,
         "zero"),
        ("u octet set", new, prefix("2001:db8:0:0:100::", 96), errno.EINVAL,
         "u octet"),
        ("attribute on stats get", U["V6GW_CMD_STATS_GET"],
         attr(U["V6GW_A_STATS"], b"\0" * 8), errno.EINVAL, "."),
        ("unknown command", U["__V6GW_CMD_MAX"], b"", errno.EOPNOTSUPP,
         None),
        ("delete a prefix never added", dele, prefix("2001:db8::", 96),
         errno.ENOENT, "no such prefix"),
    ]
    print("TAP version 13")
    print("1..%d" % (len(cases) + 4))
    failed = 0
    n = 0
    for desc, cmd, attrs, want, ext_re in cases:
        n += 1
        err, ext, _ = nl.send(fam, cmd, attrs)
        ok = err == want and (ext_re is None or
                              (ext is not None and re.search(ext_re, ext)))
        failed += not ok
        print("%sok %d %s # errno=%d extack=%r" %
              ("" if ok else "not ", n, desc, err, ext))

    # A good request round-trips through a dump.
    n += 1
    err, ext, _ = nl.send(fam, new, prefix("2001:db8:100::", 40))
    ok = err == 0
    failed += not ok
    print("%sok %d prefix add 2001:db8:100::/40 # errno=%d %r" %
          ("" if ok else "not ", n, err, ext))
    n += 1
    err, _, rep = nl.send(fam, U["V6GW_CMD_SIIT_PREFIX_GET"], b"",
                          NLM_F_REQUEST | NLM_F_DUMP)
    got = []
    for r in rep:
        p = parse_attrs(parse_attrs(r)[U["V6GW_A_PREFIX"]])
        got.append((socket.inet_ntop(socket.AF_INET6,
                                     p[U["V6GW_PREFIX_A_ADDR"]]),
                    p[U["V6GW_PREFIX_A_LEN"]][0]))
    ok = err == 0 and got == [("2001:db8:100::", 40)]
    failed += not ok
    print("%sok %d dump returns the prefix # %r" % ("" if ok else "not ", n,
                                                   got))
    n += 1
    err, _, _ = nl.send(fam, dele, prefix("2001:db8:100::", 40))
    err2, _, rep = nl.send(fam, U["V6GW_CMD_SIIT_PREFIX_GET"], b"",
                           NLM_F_REQUEST | NLM_F_DUMP)
    ok = err == 0 and err2 == 0 and not rep
    failed += not ok
    print("%sok %d prefix del empties the dump" % ("" if ok else "not ", n))

    # Configuration changes reach the "config" multicast group, once each,
    # with the request's command and attributes; failed requests do not.
    n += 1
    mon = Genl()
    mon.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
                        mon.groups.get("config", 0))
    nl.send(fam, new, prefix("2001:db8:200::", 40))
    nl.send(fam, new, prefix("2001:db8:300::", 40))     # fails: EEXIST
    nl.send(fam, dele, prefix("2001:db8:200::", 40))
    got = []
    for cmd, attrs in mon.notifications():
        p = parse_attrs(parse_attrs(attrs).get(U["V6GW_A_PREFIX"], b""))
        got.append((cmd, socket.inet_ntop(socket.AF_INET6,
                                          p[U["V6GW_PREFIX_A_ADDR"]])))
    want = [(new, "2001:db8:200::"), (dele, "2001:db8:200::")]
    ok = "config" in mon.groups and got == want
    failed += not ok
    print("%sok %d config notifications for add and delete # %r" %
          ("" if ok else "not ", n, got))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
