#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Hostile netlink requests to v6gw, generated from the YNL spec.

For every operation of uapi/v6gw.yaml (so a new command or attribute is
covered without touching this file):

  v6gw_nl_hostile.py perm     (run without CAP_NET_ADMIN) every do and
                              dump operation is refused with EPERM
  v6gw_nl_hostile.py invalid  every malformed request is refused with
                              EINVAL or ERANGE and an extack message:
     - a top-level attribute the operation does not take, and one of an
       unknown type;
     - in every nest the operation takes (recursively): a nest without
       NLA_F_NESTED, an unknown attribute, each fixed-size attribute one
       byte short and one byte long, each checked value one past its
       minimum and maximum, each enum one past its last value, flags with
       unknown bits;
     - a do operation without any attribute, when it takes some (except
       the ones where an empty request means "all": see EMPTY_OK);
    and no configuration notification is sent for any of them.

Prints KTAP subtest lines; exit status 0 when every case passed.
"""
import errno
import os
import struct
import sys

import yaml

from v6gw_nl import (Genl, NETLINK_ADD_MEMBERSHIP, NLM_F_ACK, NLM_F_DUMP,
                     NLM_F_REQUEST, SOL_NETLINK, U, attr)

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, "..", "uapi", "v6gw.yaml")

# do operations for which a request without attributes is meaningful
EMPTY_OK = {"nat64-session-del"}     # flushes every session
SIZES = {"u8": 1, "u16": 2, "u32": 4, "u64": 8}


class Spec:
    def __init__(self, path):
        y = yaml.safe_load(open(path))
        self.consts = {}
        self.enums = {}
        for d in y.get("definitions", []):
            if d["type"] == "const":
                self.consts[d["name"]] = d["value"]
            elif d["type"] in ("enum", "flags"):
                names = [e if isinstance(e, str) else e["name"]
                         for e in d["entries"]]
                self.enums[d["name"]] = (d["type"], len(names),
                                         d.get("value-start", 0))
        self.sets = {}
        for s in y["attribute-sets"]:
            attrs, val = {}, 0
            for a in s["attributes"]:
                val = a.get("value", val)
                attrs[a["name"]] = dict(a, value=val)
                val += 1
            self.sets[s["name"]] = attrs
        self.ops = []
        for op in y["operations"]["list"]:
            if "do" not in op and "dump" not in op:
                continue            # notifications, events
            # the command's number from the header (check-spec.py proves
            # the spec agrees with it)
            val = U["V6GW_CMD_" + op["name"].upper().replace("-", "_")]
            for kind in ("do", "dump"):
                if kind in op:
                    req = (op[kind] or {}).get("request") or {}
                    self.ops.append((op["name"], val, kind,
                                     op.get("attribute-set", "v6gw"),
                                     req.get("attributes", [])))

    def num(self, v):
        return self.consts.get(v, v) if isinstance(v, str) else v


def scalar(t, v):
    return struct.pack({"u8": "=B", "u16": "=H", "u32": "=I",
                        "u64": "=Q"}[t], v)


def bad_attrs(spec, setname, depth=0):
    """(description, payload of a whole attribute set) of every malformed
    variant of set @setname: each one bad attribute alone."""
    out = []
    attrs = spec.sets[setname]
    top = max(a["value"] for a in attrs.values())
    out.append(("unknown attribute %d" % (top + 1),
                attr(top + 1, b"\0" * 4)))
    for name, a in attrs.items():
        t, v = a.get("type"), a["value"]
        chk = a.get("checks", {})
        if t == "unused":
            continue
        if t == "nest":
            sub = a["nested-attributes"]
            out.append(("%s without NLA_F_NESTED" % name,
                        attr(v, b"", False)))
            if depth < 3:
                for d, payload in bad_attrs(spec, sub, depth + 1):
                    out.append(("%s: %s" % (name, d), attr(v, payload, True)))
            continue
        if t in SIZES:
            n = SIZES[t]
            out.append(("%s one byte short" % name, attr(v, b"\0" * (n - 1))))
            out.append(("%s one byte long" % name, attr(v, b"\0" * (n + 1))))
            top_v = (1 << (8 * n)) - 1
            if "max" in chk and spec.num(chk["max"]) < top_v:
                out.append(("%s = max + 1" % name,
                            attr(v, scalar(t, spec.num(chk["max"]) + 1))))
            if "min" in chk and spec.num(chk["min"]) > 0:
                out.append(("%s = min - 1" % name,
                            attr(v, scalar(t, spec.num(chk["min"]) - 1))))
            if "enum" in a:
                kind, count, start = spec.enums[a["enum"]]
                if kind == "flags":
                    out.append(("%s with unknown flag bits" % name,
                                attr(v, scalar(t, top_v))))
                elif start + count <= top_v:
                    out.append(("%s = last + 1" % name,
                                attr(v, scalar(t, start + count))))
        elif t == "binary" and "exact-len" in chk:
            n = spec.num(chk["exact-len"])
            out.append(("%s one byte short" % name, attr(v, b"\0" * (n - 1))))
            out.append(("%s one byte long" % name, attr(v, b"\0" * (n + 1))))
        elif t == "string" and "max-len" in chk:
            n = spec.num(chk["max-len"])
            out.append(("%s too long" % name, attr(v, b"a" * (n + 1) + b"\0")))
    return out


def main_invalid(spec):
    nl = Genl()
    mon = Genl()
    mon.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
                        mon.groups["config"])
    top = spec.sets["v6gw"]
    results = []
    for name, cmd, kind, setname, req in spec.ops:
        flags = NLM_F_REQUEST | NLM_F_ACK | (NLM_F_DUMP if kind == "dump"
                                             else 0)
        cases = []
        for aname, a in top.items():
            if a.get("type") != "unused" and aname not in req:
                cases.append(("%s: not taken" % aname,
                              attr(a["value"], b"\0" * 4,
                                   a.get("type") == "nest")))
        for aname in req:
            a = top[aname]
            if a.get("type") == "nest":
                cases.append(("%s without NLA_F_NESTED" % aname,
                              attr(a["value"], b"", False)))
                for d, payload in bad_attrs(spec, a["nested-attributes"]):
                    cases.append(("%s: %s" % (aname, d),
                                  attr(a["value"], payload, True)))
        maxtop = max(a["value"] for a in top.values())
        cases.append(("top-level attribute %d" % (maxtop + 1),
                      attr(maxtop + 1, b"\0" * 4)))
        if kind == "do" and req and name not in EMPTY_OK:
            cases.append(("no attribute", b""))
        for desc, payload in cases:
            err, ext, _ = nl.send(nl.family, cmd, payload, flags)
            ok = err in (errno.EINVAL, errno.ERANGE) and bool(ext)
            results.append((ok, "%s %s: %s # errno=%d extack=%r" %
                            (name, kind, desc, err, ext)))
    notes = mon.notifications(timeout=1.0)
    results.append((notes == [],
                    "no config notification for any of them # %d"
                    % len(notes)))
    return results


def main_perm(spec):
    nl = Genl()
    results = []
    for name, cmd, kind, _, _ in spec.ops:
        flags = NLM_F_REQUEST | NLM_F_ACK | (NLM_F_DUMP if kind == "dump"
                                             else 0)
        err, ext, _ = nl.send(nl.family, cmd, b"", flags)
        results.append((err == errno.EPERM,
                        "%s %s: EPERM without CAP_NET_ADMIN # errno=%d"
                        % (name, kind, err)))
    return results


def main():
    spec = Spec(SPEC)
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "perm":
        results = main_perm(spec)
    elif what == "invalid":
        results = main_invalid(spec)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print("TAP version 13")
    print("1..%d" % len(results))
    for i, (ok, desc) in enumerate(results, 1):
        print("%sok %d %s" % ("" if ok else "not ", i, desc))
    bad = sum(not ok for ok, _ in results)
    print("# %d cases, %d failed" % (len(results), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
