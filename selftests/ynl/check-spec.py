#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that the YNL spec uapi/v6gw.yaml and the header uapi/linux/v6gw.h
agree: every enum (definitions, attribute sets, commands) with every
identifier and value, every #define (constants, family name and version,
the *_MAX defines, multicast group names).

The spec's identifiers are derived with the rules of the kernel's YNL C
generator (ynl-gen-c.py, uapi mode): name-prefix, enum-name, max-by-define,
c-family-name and so on, so a name that differs is an error too, not only
a number. Two differences are expected and checked for what they are:
  - the spec's *-ntf operations (configuration changes copied to the
    "config" group) share the value of their command and have no name of
    their own in the header;
  - __V6GW_SIIT_UNSET_ALL, the mask of enum v6gw_siit_unset, is only in the
    header (YNL would call it ..._MASK); it must equal the OR of the flags.

With the kernel's YNL tree (tools/net/ynl and Documentation/netlink, as
selftests/vm/install-deps.sh extracts it into build/ynl) it also validates
the spec against the genetlink-c schema, loads it with YNL's own loader
(lib/nlspec.py) and compares the numbers it assigns, and renders the uapi
header with ynl-gen-c.py and compares that with the derivation above.

Then (unless --no-self-test) it edits scratch copies of both files in a
temporary directory (never the tree) and checks that each edit is caught:
an attribute appended to the header, a command appended, a counter
appended, an enum value changed in the spec, a multicast group renamed, a
notification with the wrong value.

Usage: check-spec.py [--spec FILE] [--header FILE] [--ynl DIR]
                     [--require-ynl] [--no-self-test]
Exit status 0 when everything agrees and every edit was caught, 1 if not.
"""

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    print("check-spec: python3-yaml is needed", file=sys.stderr)
    sys.exit(1)

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))

# Identifiers only the header has, each with a check of its value.
HEADER_ONLY = {
    "__V6GW_SIIT_UNSET_ALL": ("v6gw_siit_unset", "mask"),
}


class Mismatch(Exception):
    pass


def c_upper(name):
    return name.upper().replace("-", "_")


def c_lower(name):
    return name.lower().replace("-", "_")


# --- the header ---------------------------------------------------------

_EXPR_OK = re.compile(r"^[\w\s()+\-<>|*~]+$")


def _c_eval(expr, names, where):
    expr = expr.strip()
    if not _EXPR_OK.match(expr):
        raise Mismatch(f"{where}: cannot evaluate '{expr}'")
    expr = re.sub(r"\b(0x[0-9a-fA-F]+|\d+)[uUlL]+\b", r"\1", expr)
    try:
        return int(eval(expr, {"__builtins__": {}}, dict(names)))
    except Exception as e:  # a name not known yet, a typo
        raise Mismatch(f"{where}: cannot evaluate '{expr}': {e}")


def parse_header(text):
    """Return (defines, enums): defines {NAME: int or str}, enums
    {enum_name: OrderedDict(IDENT: value)} (anonymous enums are named
    '<anonymous N>')."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"\\\n", " ", text)
    defines = collections.OrderedDict()
    enums = collections.OrderedDict()
    names = {}
    # Walk the text in order so that defines and enums may refer to
    # earlier ones.
    anon = 0
    tok = re.compile(r"^[ \t]*#[ \t]*define[ \t]+(\w+)(?:[ \t]+([^\n]*))?$"
                     r"|\benum\s+(\w+)?\s*\{(.*?)\}\s*;", re.S | re.M)
    for m in tok.finditer(text):
        if m.group(1):
            name, val = m.group(1), (m.group(2) or "").strip()
            if not val:
                continue        # include guard
            if val.startswith('"'):
                defines[name] = val.strip('"')
            else:
                defines[name] = _c_eval(val, names, f"#define {name}")
                names[name] = defines[name]
            continue
        ename = m.group(3)
        if not ename:
            anon += 1
            ename = f"<anonymous {anon}>"
        if ename in enums:
            raise Mismatch(f"header: enum {ename} twice")
        entries = collections.OrderedDict()
        nxt = 0
        for item in m.group(4).split(","):
            item = item.strip()
            if not item:
                continue
            if "=" in item:
                ident, expr = (s.strip() for s in item.split("=", 1))
                val = _c_eval(expr, names, f"enum {ename}: {ident}")
            else:
                ident, val = item, nxt
            if not re.match(r"^\w+$", ident):
                raise Mismatch(f"header: enum {ename}: cannot parse '{item}'")
            entries[ident] = val
            names[ident] = val
            nxt = val + 1
        enums[ename] = entries
    return defines, enums


# --- the spec, as ynl-gen-c renders it ------------------------------------

def _enum_start(obj, ckey, family_c):
    """The C enum name, as ynl-gen-c's uapi_enum_start() picks it."""
    if "enum-name" in obj:
        return c_lower(obj["enum-name"]) if obj["enum-name"] else None
    if ckey and ckey in obj:
        return family_c + "_" + c_lower(obj[ckey])
    return None


def spec_model(spec):
    """Return a dict with the identifiers the spec renders into the uapi
    header: defines, enums (like parse_header), and 'ntf': the names of
    the *-ntf operations' identifiers with their values and commands."""
    fam = spec["name"]
    fam_c = c_lower(fam)
    defines = collections.OrderedDict()
    enums = collections.OrderedDict()
    anon = [0]

    def new_enum(name):
        if name is None:
            anon[0] += 1
            name = f"<anonymous {anon[0]}>"
        if name in enums:
            raise Mismatch(f"spec: enum {name} twice")
        enums[name] = collections.OrderedDict()
        return enums[name]

    defines[c_upper(spec.get("c-family-name", fam + "_FAMILY_NAME"))] = fam
    defines[c_upper(spec.get("c-version-name", fam + "_FAMILY_VERSION"))] = \
        spec.get("version", 1)
    by_define = spec.get("max-by-define", False)
    consts = {}

    for d in spec.get("definitions", []):
        if d.get("header") or d.get("scope", "uapi") != "uapi":
            continue
        if d["type"] == "const":
            defines[c_upper(f"{fam}-{d['name']}")] = d["value"]
            consts[d["name"]] = d["value"]
            continue
        if d["type"] not in ("enum", "flags"):
            continue
        e = new_enum(_enum_start(d, "name", fam_c))
        pfx = d.get("name-prefix", f"{fam}-{d['name']}-")
        val = d.get("value-start", 0)
        mask = 0
        for ent in d["entries"]:
            if isinstance(ent, str):
                ent = {"name": ent}
            if "value" in ent:
                val = ent["value"]
            user = (1 << val) if d["type"] == "flags" else val
            mask |= user
            e[c_upper(pfx + ent["name"])] = user
            val += 1
        if d.get("render-max", False):
            if d["type"] == "flags":
                e[c_upper(pfx + "mask")] = mask
            else:
                cnt = max(e.values()) + 1 if e else 0
                e["__" + c_upper(pfx + "max")] = cnt
                e[c_upper(pfx + "max")] = cnt - 1

    for s in spec["attribute-sets"]:
        if "subset-of" in s:
            continue
        if "name-prefix" in s:
            pfx = s["name-prefix"]
        elif s["name"] == fam:
            pfx = fam + "-a-"
        else:
            pfx = f"{fam}-a-{s['name']}-"
        e = new_enum(_enum_start(s, "enum-name", fam_c))
        val = 1
        for a in s["attributes"]:
            if "value" in a:
                val = a["value"]
            ident = c_upper(a.get("name-prefix", pfx) + a["name"])
            if ident in e:
                raise Mismatch(f"spec: attribute set {s['name']}: "
                               f"{ident} twice")
            e[ident] = val
            val += 1
        cnt = val
        cnt_name = c_upper(s.get("attr-cnt-name", "__" + pfx + "max"))
        max_name = c_upper(s.get("attr-max-name", pfx + "max"))
        e[cnt_name] = cnt
        if by_define:
            defines[max_name] = cnt - 1
        else:
            e[max_name] = cnt - 1

    ops = spec["operations"]
    if ops.get("enum-model", "unified") != "unified":
        raise Mismatch("spec: only the unified enum model is handled")
    op_pfx = ops.get("name-prefix", fam + "-cmd-")
    async_pfx = ops.get("async-prefix", op_pfx)
    separate = "async-prefix" in ops
    cmds = new_enum(_enum_start(ops, "enum-name", fam_c))
    ntfs = None
    if separate:
        ntfs = new_enum(_enum_start(ops, "async-enum", fam_c)
                        if "async-enum" in ops else "<async>")
    val = 1
    by_name = {}
    ntf = {}
    last = 0
    for op in ops["list"]:
        if "value" in op:
            val = op["value"]
        is_async = "notify" in op or "event" in op
        ident = c_upper((async_pfx if is_async else op_pfx) + op["name"])
        by_name[op["name"]] = (val, op)
        target = ntfs if (separate and is_async) else cmds
        if ident in target:
            raise Mismatch(f"spec: operation {ident} twice")
        target[ident] = val
        if not (separate and is_async):
            last = val
        if op["name"].endswith("-ntf"):
            ntf[ident] = (val, op)
        val += 1
    cnt_name = c_upper(spec.get("cmd-cnt-name", "__" + op_pfx + "max"))
    max_name = c_upper(spec.get("cmd-max-name", op_pfx + "max"))
    cmds[cnt_name] = last + 1
    if by_define:
        defines[max_name] = last
    else:
        cmds[max_name] = last

    mcgrps = collections.OrderedDict()
    for g in spec.get("mcast-groups", {}).get("list", []):
        name = g.get("c-define-name", f"{fam}-mcgrp-{g['name']}")
        defines[c_upper(name)] = g["name"]
        mcgrps[g["name"]] = g

    return {"defines": defines, "enums": enums, "ntf": ntf,
            "ops": by_name, "mcgrps": mcgrps, "consts": consts}


# --- the comparison ---------------------------------------------------------

def compare(spec, header_text, allow_ntf=True):
    """Return a list of problems (empty when spec and header agree)."""
    errs = []
    try:
        model = spec_model(spec)
        hdefs, henums = parse_header(header_text)
    except Mismatch as e:
        return [str(e)]

    # Notifications: spec-only identifiers, each the copy of a command.
    ntf_idents = {}
    for ident, (val, op) in model["ntf"].items():
        base = op["name"][:-len("-ntf")]
        if base not in model["ops"]:
            errs.append(f"spec: {op['name']}: no operation {base}")
            continue
        bval, bop = model["ops"][base]
        if val != bval:
            errs.append(f"spec: {op['name']} has value {val}, "
                        f"{base} has {bval}: a copy shares its "
                        f"command's value")
        if "do" not in bop:
            errs.append(f"spec: {op['name']}: {base} has no do")
        if op.get("mcgrp") not in model["mcgrps"]:
            errs.append(f"spec: {op['name']}: unknown mcgrp {op.get('mcgrp')}")
        ntf_idents[ident] = val
    for name, (val, op) in model["ops"].items():
        if ("event" in op or "notify" in op) and "mcgrp" in op and \
                op["mcgrp"] not in model["mcgrps"]:
            errs.append(f"spec: {name}: unknown mcgrp {op['mcgrp']}")

    # Enums, both ways.
    for ename, sent in model["enums"].items():
        if ename not in henums:
            errs.append(f"enum {ename}: in the spec, not in the header")
            continue
        hent = henums[ename]
        for ident, val in sent.items():
            if ident in hent:
                if hent[ident] != val:
                    errs.append(f"enum {ename}: {ident} is {hent[ident]} in "
                                f"the header, {val} in the spec")
            elif not (allow_ntf and ident in ntf_idents):
                errs.append(f"enum {ename}: {ident} (= {val}) in the spec, "
                            f"not in the header")
        for ident, val in hent.items():
            if ident in sent:
                continue
            if ident in HEADER_ONLY and HEADER_ONLY[ident][0] == ename:
                mask = 0
                for i, v in sent.items():
                    mask |= v
                if val != mask:
                    errs.append(f"enum {ename}: {ident} is {val}, the flags "
                                f"make {mask}")
                continue
            errs.append(f"enum {ename}: {ident} (= {val}) in the header, "
                        f"not in the spec")
    for ename in henums:
        if ename not in model["enums"]:
            errs.append(f"enum {ename}: in the header, not in the spec")

    # Defines, both ways (multicast group names among them).
    sdefs = model["defines"]
    for name, val in sdefs.items():
        if name not in hdefs:
            errs.append(f"#define {name}: in the spec, not in the header")
        elif hdefs[name] != val:
            errs.append(f"#define {name} is {hdefs[name]!r} in the header, "
                        f"{val!r} in the spec")
    for name, val in hdefs.items():
        if name not in sdefs:
            errs.append(f"#define {name} ({val!r}): in the header, "
                        f"not in the spec")
    return errs


# --- with the kernel's YNL tree ---------------------------------------------

def ynl_checks(spec_path, header_text, ynl):
    """Schema, YNL's loader and ynl-gen-c against the header. Returns a
    list of (description, problems)."""
    out = []
    tool = os.path.join(ynl, "tools", "net", "ynl")
    spec = yaml.safe_load(open(spec_path))
    schema_path = os.path.join(ynl, "Documentation", "netlink",
                               spec.get("protocol", "genetlink") + ".yaml")

    # 1. The schema of the spec's protocol.
    errs = []
    try:
        import jsonschema
        jsonschema.validate(spec, yaml.safe_load(open(schema_path)))
    except ImportError:
        errs.append("python3-jsonschema is needed")
    except Exception as e:
        errs.append(f"schema {os.path.basename(schema_path)}: "
                    f"{str(e).splitlines()[0]}")
    out.append(("spec valid against the genetlink-c schema", errs))

    # 2. YNL's own loader: the numbers it puts on the wire.
    errs = []
    sys.path.insert(0, tool)
    try:
        from lib import SpecFamily  # noqa: E402 (tools/net/ynl/lib)
        fam = SpecFamily(spec_path, schema_path)
        _, henums = parse_header(header_text)
        model = spec_model(spec)
        for sname, aset in fam.attr_sets.items():
            yspec = next(s for s in spec["attribute-sets"]
                         if s["name"] == sname)
            ename = _enum_start(yspec, "enum-name", c_lower(spec["name"]))
            pfx = yspec.get("name-prefix", f"{spec['name']}-a-{sname}-")
            for aname, attr in aset.items():
                ident = c_upper(pfx + aname)
                hval = henums.get(ename, {}).get(ident)
                if hval != attr.value:
                    errs.append(f"nlspec: {sname}.{aname} is {attr.value}, "
                                f"{ident} is {hval}")
        ops_enum = henums.get(_enum_start(spec["operations"], "enum-name",
                                          c_lower(spec["name"])), {})
        pfx = spec["operations"].get("name-prefix", f"{spec['name']}-cmd-")
        for name, op in fam.msgs.items():
            if name.endswith("-ntf"):
                hval = ops_enum.get(c_upper(pfx + name[:-4]))
            else:
                hval = ops_enum.get(c_upper(pfx + name))
            if op.req_value != hval:
                errs.append(f"nlspec: operation {name} is {op.req_value}, "
                            f"the header says {hval}")
            if op.is_async and fam.rsp_by_value.get(op.rsp_value) is not op:
                # The cli decodes a notification by its value: the
                # notification, not its command, must own that value.
                errs.append(f"nlspec: value {op.rsp_value} decodes as "
                            f"{fam.rsp_by_value[op.rsp_value].name}, not "
                            f"{name}")
        for gname in fam.mcast_groups:
            if gname not in model["mcgrps"]:
                errs.append(f"nlspec: mcast group {gname}")
    except Exception as e:
        errs.append(f"nlspec: {type(e).__name__}: {e}")
    finally:
        sys.path.remove(tool)
    out.append(("YNL's loader numbers the spec as the header does", errs))

    # 3. ynl-gen-c.py renders the header; compare it with ours. It wants
    # the kernel's layout (specs/ beside the schema, a MAINTAINERS file up
    # the tree) and the kernel's licence line.
    errs = []
    with tempfile.TemporaryDirectory(prefix="v6gw-ynl-") as tmp:
        os.makedirs(os.path.join(tmp, "specs"))
        open(os.path.join(tmp, "MAINTAINERS"), "w").close()
        shutil.copy(schema_path, tmp)
        lines = open(spec_path).read().split("\n", 1)
        lic = "# SPDX-License-Identifier: " \
              "((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)"
        gspec = os.path.join(tmp, "specs", os.path.basename(spec_path))
        open(gspec, "w").write(lic + "\n" + lines[1])
        gen = os.path.join(tmp, "gen.h")
        r = subprocess.run([sys.executable, os.path.join(tool, "ynl-gen-c.py"),
                            "--mode", "uapi", "--header", "--spec", gspec,
                            "-o", gen], capture_output=True, text=True,
                           timeout=60)
        if r.returncode != 0 or not os.path.exists(gen):
            errs.append("ynl-gen-c.py failed: " +
                        (r.stderr.strip().splitlines() or ["?"])[-1])
        else:
            gtext = open(gen).read()
            gdefs, genums = parse_header(gtext)
            model = spec_model(spec)
            if dict(gdefs) != dict(model["defines"]):
                diff = set(gdefs.items()) ^ set(model["defines"].items())
                errs.append(f"ynl-gen-c defines differ from the "
                            f"derivation: {sorted(map(str, diff))}")
            if {k: dict(v) for k, v in genums.items()} != \
                    {k: dict(v) for k, v in model["enums"].items()}:
                for n in set(genums) | set(model["enums"]):
                    if dict(genums.get(n, {})) != \
                            dict(model["enums"].get(n, {})):
                        errs.append(f"ynl-gen-c enum {n} differs from the "
                                    f"derivation")
            # And the rendered header against the real one.
            errs += _compare_rendered(gdefs, genums, header_text, model)
    out.append(("ynl-gen-c.py renders the header's identifiers", errs))
    return out


def _compare_rendered(gdefs, genums, header_text, model):
    """The header ynl-gen-c rendered against the real one: the same
    identifiers and values, but for the *-ntf aliases and HEADER_ONLY."""
    errs = []
    hdefs, henums = parse_header(header_text)
    if dict(gdefs) != dict(hdefs):
        errs.append(f"rendered #defines differ: "
                    f"{sorted(set(gdefs.items()) ^ set(hdefs.items()))}")
    for n in sorted(set(genums) | set(henums)):
        g = {k: v for k, v in genums.get(n, {}).items()
             if k not in model["ntf"]}
        h = {k: v for k, v in henums.get(n, {}).items()
             if k not in HEADER_ONLY}
        if g != h:
            errs.append(f"rendered enum {n} differs: "
                        f"{sorted(set(g.items()) ^ set(h.items()))}")
    return errs


# --- self-test: edits of scratch copies must be caught -----------------------

def _insert_before(text, anchor, line):
    i = text.index(anchor)
    j = text.rindex("\n", 0, i) + 1
    return text[:j] + line + "\n" + text[j:]


def self_test(spec_text, header_text):
    cases = []

    def hdr(desc, edit):
        cases.append((desc, spec_text, edit(header_text)))

    def spc(desc, edit):
        cases.append((desc, edit(spec_text), header_text))

    hdr("header: an attribute appended to enum v6gw_ra_attr",
        lambda t: _insert_before(t, "__V6GW_RA_A_MAX\n",
                                 "\tV6GW_RA_A_NEW_THING,\t/* u32 */"))
    hdr("header: an attribute appended to enum v6gw_pd_attr",
        lambda t: _insert_before(t, "__V6GW_PD_A_MAX\n", "\tV6GW_PD_A_FOO,"))
    hdr("header: a command appended",
        lambda t: _insert_before(t, "__V6GW_CMD_MAX\n", "\tV6GW_CMD_FOO_GET,"))
    hdr("header: a counter appended",
        lambda t: _insert_before(t, "__V6GW_STAT_MAX\n", "\tV6GW_STAT_FOO,"))
    hdr("header: a value appended to enum v6gw_pd_event",
        lambda t: t.replace("\tV6GW_PD_EV_REMOVED,\n",
                            "\tV6GW_PD_EV_REMOVED,\n\tV6GW_PD_EV_MOVED,\n"))
    hdr("header: a multicast group renamed",
        lambda t: t.replace('V6GW_MCGRP_EVENTS\t"events"',
                            'V6GW_MCGRP_EVENTS\t"event"'))
    hdr("header: a constant changed",
        lambda t: t.replace("V6GW_RA_RDNSS_MAX\t8", "V6GW_RA_RDNSS_MAX\t9"))
    spc("spec: two enum entries swapped (ra-mode)",
        lambda t: t.replace("name: add\n", "name: tmp-x\n", 1)
                   .replace("name: replace\n", "name: add\n", 1)
                   .replace("name: tmp-x\n", "name: replace\n", 1))
    spc("spec: an attribute removed (pd.pad)",
        lambda t: t.replace("      -\n        name: pad\n        type: pad\n",
                            ""))
    spc("spec: a multicast group renamed",
        lambda t: t.replace("      name: events\n", "      name: event\n"))
    spc("spec: a notification with another command's value",
        lambda t: t.replace("name: ra-set-ntf\n      doc: Copy of a "
                            "successful ra-set.\n      value: 27",
                            "name: ra-set-ntf\n      doc: Copy of a "
                            "successful ra-set.\n      value: 28"))
    spc("spec: an attribute renamed (siit.tclass)",
        lambda t: t.replace("name: tclass\n", "name: traffic-class\n"))

    fails = 0
    for i, (desc, s, h) in enumerate(cases, 1):
        if s == spec_text and h == header_text:
            print(f"not ok {i} self-test: {desc}: the edit did not apply")
            fails += 1
            continue
        with tempfile.TemporaryDirectory(prefix="v6gw-spec-") as tmp:
            sp = os.path.join(tmp, "v6gw.yaml")
            hp = os.path.join(tmp, "v6gw.h")
            open(sp, "w").write(s)
            open(hp, "w").write(h)
            errs = compare(yaml.safe_load(open(sp)), open(hp).read())
        if errs:
            print(f"ok {i} self-test: {desc}: caught ({errs[0]})")
        else:
            print(f"not ok {i} self-test: {desc}: not caught")
            fails += 1
    return len(cases), fails


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--spec", default=os.path.join(TOP, "uapi", "v6gw.yaml"))
    ap.add_argument("--header",
                    default=os.path.join(TOP, "uapi", "linux", "v6gw.h"))
    ap.add_argument("--ynl", default=os.environ.get(
        "V6GW_YNL", os.path.join(TOP, "build", "ynl")),
        help="the kernel's YNL tree (default build/ynl)")
    ap.add_argument("--require-ynl", action="store_true",
                    help="fail, not skip, without the YNL tree")
    ap.add_argument("--no-self-test", action="store_true")
    args = ap.parse_args()

    spec_text = open(args.spec).read()
    header_text = open(args.header).read()
    spec = yaml.safe_load(spec_text)
    passed = failed = 0

    def report(desc, errs):
        nonlocal passed, failed
        if errs:
            failed += 1
            print(f"not ok - {desc}")
            for e in errs:
                print(f"#   {e}")
        else:
            passed += 1
            print(f"ok - {desc}")

    def show(path):
        rel = os.path.relpath(os.path.abspath(path), TOP)
        return path if rel.startswith("..") else rel

    report(f"{show(args.spec)} agrees with {show(args.header)}",
           compare(spec, header_text))

    have_ynl = os.path.exists(os.path.join(args.ynl, "tools", "net", "ynl",
                                           "ynl-gen-c.py"))
    if have_ynl:
        for desc, errs in ynl_checks(args.spec, header_text, args.ynl):
            report(desc, errs)
    elif args.require_ynl:
        report(f"the YNL tree {args.ynl}", [f"no {args.ynl}/tools/net/ynl "
               f"(selftests/vm/install-deps.sh extracts it)"])
    else:
        print(f"# SKIP the YNL checks: no {args.ynl}/tools/net/ynl")

    if not args.no_self_test:
        n, f = self_test(spec_text, header_text)
        passed += n - f
        failed += f

    print(f"check-spec: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
