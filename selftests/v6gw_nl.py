#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Raw generic netlink requests to v6gw, bypassing the v6gw tool.

Checks the contract of uapi/linux/v6gw.h from the outside: strict attribute
validation with extended ACK messages, and the encoding of replies.
Prints KTAP subtest lines; exit status 0 when every case passed.
Usage (module loaded, run as root):
  v6gw_nl.py                    the general cases (prefixes, extack, groups)
  v6gw_nl.py ra IFNAME          the RA rule commands, on IFNAME (no rule)
  v6gw_nl.py monitor GROUP SECONDS [COUNT]
                                print "listening", then what arrives on the
                                multicast GROUP, one JSON line each
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
    """Numbers from the uapi header itself, so the test follows it.

    Comments go first (they may span lines), then each enum's items are
    counted as C does: NAME, or NAME = EXPR with EXPR made of numbers,
    earlier names, shifts, parentheses and + - | (e.g. "(1 << 2) - 1").
    """
    here = os.path.dirname(os.path.abspath(__file__))
    text = open(os.path.join(here, "..", "uapi", "linux", "v6gw.h")).read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    vals = {}
    for enum in re.findall(r"enum \w+ \{(.*?)\};", text, re.S):
        n = 0
        for item in enum.split(","):
            m = re.match(r"\s*(\w+)\s*(?:=\s*(.+?))?\s*$", item, re.S)
            if not m:
                continue
            if m.group(2):
                expr = m.group(2)
                if not re.fullmatch(r"[\w\s()<>|+-]+", expr):
                    raise ValueError("enum value %r" % expr)
                n = eval(expr, {"__builtins__": {}}, dict(vals))
            vals[m.group(1)] = n
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


# --- Router Advertisement rules (V6GW_CMD_RA_*) ------------------------------

def ra_nest(*items, nested=True):
    return attr(U["V6GW_A_RA"], b"".join(items), nested)


def ra_ifindex(i):
    return attr(U["V6GW_RA_A_IFINDEX"], struct.pack("=I", i))


def ra_rdnss(*addrs):
    return attr(U["V6GW_RA_A_RDNSS"], b"".join(
        socket.inet_pton(socket.AF_INET6, a) for a in addrs))


def ra_dnssl(*names, nul=True):
    return attr(U["V6GW_RA_A_DNSSL"], b"".join(
        attr(U["V6GW_RA_DNSSL_A_NAME"], n.encode() + (b"\0" if nul else b""))
        for n in names), True)


def ra_pref64(addr, plen, nested=True):
    inner = (attr(U["V6GW_PREFIX_A_ADDR"],
                  socket.inet_pton(socket.AF_INET6, addr)) +
             attr(U["V6GW_PREFIX_A_LEN"], struct.pack("B", plen)))
    return attr(U["V6GW_RA_A_PREF64"], inner, nested)


def ra_u32(name, v):
    return attr(U[name], struct.pack("=I", v))


def ra_decode(payload):
    """A V6GW_A_RA nest of a reply or notification, as a dict."""
    a = parse_attrs(payload)
    d = {}
    if U["V6GW_RA_A_IFINDEX"] in a:
        d["ifindex"] = struct.unpack("=I", a[U["V6GW_RA_A_IFINDEX"]])[0]
    if U["V6GW_RA_A_IFNAME"] in a:
        d["ifname"] = a[U["V6GW_RA_A_IFNAME"]].rstrip(b"\0").decode()
    if U["V6GW_RA_A_RDNSS"] in a:
        b = a[U["V6GW_RA_A_RDNSS"]]
        d["rdnss"] = [socket.inet_ntop(socket.AF_INET6, b[i:i + 16])
                      for i in range(0, len(b), 16)]
    if U["V6GW_RA_A_DNSSL"] in a:
        names, data = [], a[U["V6GW_RA_A_DNSSL"]]
        while len(data) >= 4:       # in order, repeated types included
            alen, atype = struct.unpack("=HH", data[:4])
            if alen < 4:
                break
            if atype == U["V6GW_RA_DNSSL_A_NAME"]:
                names.append(data[4:alen].rstrip(b"\0").decode())
            data = data[(alen + 3) & ~3:]
        d["dnssl"] = names
    if U["V6GW_RA_A_PREF64"] in a:
        p = parse_attrs(a[U["V6GW_RA_A_PREF64"]])
        d["pref64"] = "%s/%d" % (
            socket.inet_ntop(socket.AF_INET6, p[U["V6GW_PREFIX_A_ADDR"]]),
            p[U["V6GW_PREFIX_A_LEN"]][0])
    if U["V6GW_RA_A_LIFETIME"] in a:
        d["lifetime"] = struct.unpack("=I", a[U["V6GW_RA_A_LIFETIME"]])[0]
    if U["V6GW_RA_A_MODE"] in a:
        d["mode"] = a[U["V6GW_RA_A_MODE"]][0]
    return d


def ra_dump(nl):
    err, _, rep = nl.send(nl.family, U["V6GW_CMD_RA_GET"], b"",
                          NLM_F_REQUEST | NLM_F_DUMP)
    return err, [ra_decode(parse_attrs(r).get(U["V6GW_A_RA"], b""))
                 for r in rep]


def main_ra(ifname):
    """V6GW_CMD_RA_SET, _DEL, _GET from the outside, on interface ifname
    of the namespace (it must have no rule yet)."""
    nl = Genl()
    fam = nl.family
    ifindex = socket.if_nametoindex(ifname)
    ix = ra_ifindex(ifindex)
    rset, rdel = U["V6GW_CMD_RA_SET"], U["V6GW_CMD_RA_DEL"]
    A, B = "2001:db8::53", "2001:db8::54"
    E = (errno.EINVAL,)
    R = (errno.ERANGE,)
    cases = [
        # (description, cmd, attrs, expected errnos, extack regex)
        ("set without the RA nest", rset, b"", E, "rule is required"),
        ("set without IFINDEX", rset, ra_nest(ra_rdnss(A)), E,
         "needs an interface"),
        ("set on an unknown ifindex", rset,
         ra_nest(ra_ifindex(0x7ffffff0), ra_rdnss(A)), (errno.ENODEV,),
         "no such interface"),
        ("set on ifindex 0", rset, ra_nest(ra_ifindex(0), ra_rdnss(A)), R,
         "."),
        ("set with only IFINDEX", rset, ra_nest(ix), E,
         "rdnss, dnssl or pref64"),
        ("RA nest without NLA_F_NESTED", rset,
         ra_nest(ix, ra_rdnss(A), nested=False), E, "(?i)nested"),
        ("rdnss of 15 bytes", rset,
         ra_nest(ix, attr(U["V6GW_RA_A_RDNSS"], b"\x20" * 15)),
         (errno.EINVAL, errno.ERANGE), "(?i)whole IPv6 addresses|length"),
        ("rdnss of 9 addresses", rset,
         ra_nest(ix, ra_rdnss(*["2001:db8::%x" % i for i in range(1, 10)])),
         (errno.EINVAL, errno.ERANGE), "."),
        ("multicast rdnss", rset, ra_nest(ix, ra_rdnss(A, "ff02::1")), E,
         "multicast"),
        ("rdnss ::", rset, ra_nest(ix, ra_rdnss("::")), E, "unspecified"),
        ("rdnss ::1", rset, ra_nest(ix, ra_rdnss("::1")), E, "loopback"),
        ("rdnss given twice", rset, ra_nest(ix, ra_rdnss(A, B, A)), E,
         "twice"),
        ("dnssl name with a blank", rset,
         ra_nest(ix, ra_dnssl("bad name.example")), E,
         "letters, digits"),
        ("dnssl name with an empty label", rset,
         ra_nest(ix, ra_dnssl("a..example")), E, "empty label"),
        ("dnssl name starting with a dot", rset,
         ra_nest(ix, ra_dnssl(".example")), E, "start with a dot"),
        ("dnssl label of 64 characters", rset,
         ra_nest(ix, ra_dnssl("a" * 64 + ".example")), E, "63"),
        ("dnssl name of 254 characters", rset,
         ra_nest(ix, ra_dnssl(".".join(["a" * 63] * 3 + ["b" * 62]))), E,
         "253"),
        ("dnssl name without NUL", rset,
         ra_nest(ix, ra_dnssl("example.com", nul=False)), E, "."),
        ("dnssl without a name", rset,
         ra_nest(ix, attr(U["V6GW_RA_A_DNSSL"], b"", True)), E,
         "at least one name"),
        ("dnssl of 9 names", rset,
         ra_nest(ix, ra_dnssl(*["n%d.example" % i for i in range(9)])), E,
         "too many"),
        ("dnssl names of 520 bytes together", rset,
         ra_nest(ix, ra_dnssl(*[("%d" % i) * 63 + "." + "x" * 63
                                for i in range(4)] +
                              ["y" * 63 + "." + "z" * 63])), E,
         "too long together"),
        ("dnssl name twice", rset,
         ra_nest(ix, ra_dnssl("example.com", "example.com")), E, "twice"),
        ("dnssl name twice, in other case", rset,
         ra_nest(ix, ra_dnssl("example.com", "lab.example", "Example.COM")),
         E, "twice"),
        ("pref64 /60", rset, ra_nest(ix, ra_pref64("64:ff9b::", 60)), E,
         "32, 40, 48, 56, 64 or 96"),
        ("pref64 host bits", rset, ra_nest(ix, ra_pref64("64:ff9b::1", 96)),
         E, "zero"),
        ("pref64 without NLA_F_NESTED", rset,
         ra_nest(ix, ra_pref64("64:ff9b::", 96, nested=False)), E,
         "(?i)nested"),
        ("mode 2", rset, ra_nest(ix, ra_rdnss(A),
                                 attr(U["V6GW_RA_A_MODE"], b"\x02")), R, "."),
        ("lifetime of 2 bytes", rset,
         ra_nest(ix, ra_rdnss(A), attr(U["V6GW_RA_A_LIFETIME"], b"\0\1")),
         (errno.EINVAL, errno.ERANGE), "."),
        ("IFNAME in a request", rset,
         ra_nest(ix, attr(U["V6GW_RA_A_IFNAME"], ifname.encode() + b"\0"),
                 ra_rdnss(A)), E, "."),
        ("unknown attribute inside the nest", rset,
         ra_nest(ix, ra_rdnss(A), attr(U["__V6GW_RA_A_MAX"], b"\0" * 4)), E,
         "(?i)unknown|unsupported|attribute"),
        ("del without IFINDEX", rdel, ra_nest(ra_rdnss(A)), E,
         "needs an interface"),
        ("del with rdnss", rdel, ra_nest(ix, ra_rdnss(A)), E,
         "only the interface"),
        ("del of a rule that does not exist", rdel, ra_nest(ix),
         (errno.ENOENT,), "no RA rule"),
    ]
    n = 0
    failed = 0
    print("TAP version 13")
    print("1..%d" % (len(cases) + 7))

    def report(ok, desc):
        nonlocal n, failed
        n += 1
        failed += not ok
        print("%sok %d %s" % ("" if ok else "not ", n, desc))

    for desc, cmd, attrs, want, ext_re in cases:
        err, ext, _ = nl.send(fam, cmd, attrs)
        ok = err in want and ext is not None and re.search(ext_re, ext)
        report(ok, "%s # errno=%d extack=%r" % (desc, err, ext))

    err, rules = ra_dump(nl)
    report(err == 0 and rules == [],
           "no rule after the refused requests # %r" % rules)

    mon = Genl()
    mon.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
                        mon.groups.get("config", 0))
    # The longest name: 253 characters (255 bytes on the wire), and a
    # label of 63, with the one trailing dot allowed.
    longest = ".".join(["a" * 63] * 3 + ["b" * 61])
    err, ext, _ = nl.send(fam, rset, ra_nest(ix, ra_dnssl(longest + ".")))
    _, rules = ra_dump(nl)
    report(err == 0 and len(rules) == 1 and
           rules[0].get("dnssl") == [longest] and "rdnss" not in rules[0],
           "a name of 253 characters and a trailing dot is taken # "
           "errno=%d %r" % (err, ext))
    full = ra_nest(ix, ra_rdnss(A, B), ra_dnssl("Example.COM", "lab.example."),
                   ra_pref64("64:ff9b::", 96),
                   attr(U["V6GW_RA_A_MODE"], b"\x01"))
    err, ext, _ = nl.send(fam, rset, full)
    err2, rules = ra_dump(nl)
    want = [{"ifindex": ifindex, "ifname": ifname, "rdnss": [A, B],
             "dnssl": ["Example.COM", "lab.example"],
             "pref64": "64:ff9b::/96", "mode": 1}]
    report(err == 0 and err2 == 0 and rules == want,
           "set, then dump: IFNAME, names as given (case kept, no trailing "
           "dot), no LIFETIME # errno=%d %r %r" % (err, ext, rules))

    # A refused request leaves the rule as it was.
    err, ext, _ = nl.send(fam, rset, ra_nest(ix, ra_dnssl("bad!")))
    _, rules2 = ra_dump(nl)
    report(err == errno.EINVAL and rules2 == want,
           "a refused set leaves the rule alone # errno=%d %r" % (err,
                                                                  rules2))

    # A second set replaces the rule whole: what it does not name is gone.
    err, ext, _ = nl.send(fam, rset, ra_nest(ix, ra_pref64("2001:db8:64::",
                                                           64),
                                             ra_u32("V6GW_RA_A_LIFETIME",
                                                    0xffffffff)))
    _, rules = ra_dump(nl)
    want2 = [{"ifindex": ifindex, "ifname": ifname,
              "pref64": "2001:db8:64::/64", "lifetime": 0xffffffff,
              "mode": 0}]
    report(err == 0 and rules == want2,
           "set again replaces the rule whole, mode back to add # "
           "errno=%d %r" % (err, rules))

    err, ext, _ = nl.send(fam, rdel, ra_nest(ix))
    err2, ext2, _ = nl.send(fam, rdel, ra_nest(ix))
    _, rules = ra_dump(nl)
    report(err == 0 and err2 == errno.ENOENT and rules == [],
           "del, then del again: ENOENT # errno=%d, %d %r" % (err, err2,
                                                             ext2))

    got = []
    for cmd, attrs in mon.notifications():
        got.append((cmd, ra_decode(parse_attrs(attrs).get(U["V6GW_A_RA"],
                                                          b"")).get(
                                                              "ifindex")))
    want = [(rset, ifindex)] * 3 + [(rdel, ifindex)]
    report(got == want, "config notifications: 3 sets, a del; none for the "
           "refused requests # %r" % got)
    return 1 if failed else 0


def cmd_name(cmd):
    for k, v in U.items():
        if k.startswith("V6GW_CMD_") and v == cmd:
            return k
    return str(cmd)


def notification(cmd, attrs):
    """One message of a multicast group, as a dict: the command's uapi
    name, the RA nest decoded, the top-level attribute types."""
    top = parse_attrs(attrs)
    out = {"cmd": cmd_name(cmd)}
    if U["V6GW_A_RA"] in top:
        out["ra"] = ra_decode(top[U["V6GW_A_RA"]])
    out["attrs"] = sorted(top)
    return out


def main_monitor(group, seconds, count=0):
    """Print what arrives on a multicast group, one JSON line each, for
    SECONDS or until COUNT messages came."""
    import json
    import time
    mon = Genl()
    if group not in mon.groups:
        print("no group %s" % group, file=sys.stderr)
        return 1
    mon.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
                        mon.groups[group])
    print("listening", flush=True)
    end = time.time() + seconds
    got = 0
    while time.time() < end and (not count or got < count):
        for cmd, attrs in mon.notifications(timeout=min(
                0.5, max(0.01, end - time.time()))):
            print(json.dumps(notification(cmd, attrs)), flush=True)
            got += 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "ra":
        sys.exit(main_ra(sys.argv[2]))
    if len(sys.argv) > 3 and sys.argv[1] == "monitor":
        sys.exit(main_monitor(sys.argv[2], float(sys.argv[3]),
                              int(sys.argv[4]) if len(sys.argv) > 4 else 0))
    sys.exit(main())
