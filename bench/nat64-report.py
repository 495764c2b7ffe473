#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise a NAT64 benchmark run (bench/nat64.sh, bench/nat64-guest.sh).

usage: nat64-report.py [--insn CONSOLE --marks MARKS] [--wall CONSOLE]
                       [--profile PROFILE --kallsyms KALLSYMS --tool insn-profile.py [--top K]]

The insn console holds "insn-window MARK KIND NAME ROUND COUNT ..." lines
(a window's figure is dtotal of its closing mark / COUNT), "insn-bad MARK"
and "mem LABEL ..." lines; the wall-clock console "wall-window KIND NAME
ROUND COUNT sent S usec U gw_rx G far_rx F sessions A B secs T" lines.
Round 0 is the warm-up, not used; fill windows are listed on their own.

Router cost of a window = median(window) - median(its base): "base" for
the one-flow windows (KIND est), "bseq" (the same pktgen settings with the
source port counting) for the port-range windows (seq, cycle, create).
"""
import argparse
import statistics
import subprocess
import sys

BASE = {"est": "base", "seq": "bseq", "cycle": "bseq", "create": "bseq"}
ORDER = ["base", "bseq", "fwd", "v6gw", "v6gw1m", "v6gw1mc", "v6gwc",
         "jool", "jool50k", "jool50kc", "joolc"]
DESC = {
    "base": "base: dropped at GW's ingress, one flow",
    "bseq": "base, source port counting",
    "fwd": "plain IPv6 forwarding",
    "v6gw": "v6gw NAT64, established flow",
    "v6gw1m": "v6gw, established flow, 1M sessions in the tables",
    "v6gw1mc": "v6gw, cycling through existing sessions of the 1M",
    "v6gwc": "v6gw, every packet creates a session",
    "jool": "Jool NAT64, established flow",
    "jool50k": "Jool, established flow, 50k sessions in the tables",
    "jool50kc": "Jool, cycling through existing sessions of the 50k",
    "joolc": "Jool, every packet creates a session",
}
# the reference, Jool 4.1.9 on 6.1, x plain forwarding
REF = {"jool": 2.21, "jool50k": 2.34, "joolc": 2.82}


def read_marks(path):
    d = {}
    with open(path) as f:
        for line in f:
            p = line.split()
            if p and p[0] == "mark":
                kv = dict(zip(p[2::2], p[3::2]))
                d[int(p[1])] = int(kv["dtotal"])
    return d


def kv(fields):
    return dict(zip(fields[0::2], fields[1::2]))


def read_insn(path):
    wins, bad, mem, logs = [], set(), {}, []
    with open(path, errors="replace") as f:
        for line in f:
            p = line.split()
            if len(p) >= 6 and p[0] == "insn-window":
                wins.append(dict(mark=int(p[1]), kind=p[2], name=p[3], round=int(p[4]),
                                 units=int(p[5]), extra=p[6:]))
            elif len(p) == 2 and p[0] == "insn-bad":
                bad.add(int(p[1]))
            elif p and p[0] == "mem":
                mem.setdefault(p[1], []).append(p[2:])
            elif line.startswith("bench: "):
                logs.append(line.rstrip())
    return wins, bad, mem, logs


def read_wall(path):
    wins = []
    with open(path, errors="replace") as f:
        for line in f:
            p = line.split()
            if len(p) >= 5 and p[0] == "wall-window":
                w = dict(kind=p[1], name=p[2], round=int(p[3]), units=int(p[4]))
                try:
                    for k in ("sent", "usec", "gw_rx", "far_rx"):
                        w[k] = int(p[p.index(k) + 1])
                    w["secs"] = float(p[p.index("secs") + 1])
                except (IndexError, ValueError):
                    continue
                wins.append(w)
    return wins


def spread(x):
    m = sum(x) / len(x)
    return (max(x) - min(x)) / m if m else 0.0


def yes(ok):
    return "met" if ok else "NOT met"


def insn_report(o):
    marks = read_marks(o.marks)
    wins, bad, mem, logs = read_insn(o.insn)
    if not wins:
        print("nat64: no insn windows in %s" % o.insn)
        return None
    vals, kinds, units = {}, {}, {}
    fills = []
    nbad = 0
    for w in wins:
        if w["mark"] not in marks:
            continue
        v = marks[w["mark"]] / w["units"]
        if w["kind"] == "fill":
            fills.append((w["round"], v, w["mark"] in bad, w["extra"]))
            continue
        if w["round"] == 0:
            continue
        if w["mark"] in bad:
            nbad += 1
            continue
        vals.setdefault(w["name"], []).append(v)
        kinds[w["name"]] = w["kind"]
        units[w["name"]] = w["units"]
    med = {k: statistics.median(x) for k, x in vals.items()}
    cost = {}
    for k in med:
        b = BASE.get(kinds[k])
        if b and b != k and b in med:
            cost[k] = med[k] - med[b]
    print()
    print("Instructions per 64-byte UDP packet (whole path: pktgen, veths, GW, tc drop at FAR);"
          " router cost = median - median(base), base = %s for one flow, %s for the port-range"
          " windows:" % ("base", "bseq"))
    print()
    print("| window | packets | per packet, each round | median | spread | router cost | / plain | / v6gw |")
    print("|---|---|---|---|---|---|---|---|")
    fwd = cost.get("fwd")
    for k in ORDER + sorted(set(med) - set(ORDER)):
        if k not in med:
            continue
        c = cost.get(k)
        rel = "%.3f" % (c / fwd) if c is not None and fwd else "-"
        rv = "-"
        if c is not None and cost.get("v6gw") and k not in ("fwd", "v6gw"):
            rv = "%.3f" % (c / cost["v6gw"])
        print("| %s | %d | %s | %.1f | %.2f %% | %s | %s | %s |" % (
            k, units[k], ", ".join("%.1f" % x for x in vals[k]), med[k], 100 * spread(vals[k]),
            "-" if c is None else "%.1f" % c, rel, rv))
    print()
    for k in ORDER:
        if k in DESC and k in med:
            print("  %-9s %s" % (k, DESC[k]))
    if nbad:
        print("nat64 insn: %d window(s) left out (not every packet went where it should; see"
              " the 'not counted' lines)" % nbad)
    noisy = [k for k, x in vals.items() if len(x) > 1 and spread(x) > 0.01]
    if noisy:
        print("nat64 insn: rounds differ by more than 1 %% for: %s" % ", ".join(noisy))
    if fills:
        print()
        print("Filling the tables (every packet creates a session; per packet, whole path, not"
              " minus base):")
        for name in sorted(set(w["name"] for w in wins if w["kind"] == "fill")):
            fw = [w for w in wins if w["kind"] == "fill" and w["name"] == name and w["mark"] in marks]
            # top-up batches (a few packets) carry a window's fixed cost: only
            # in the mean, which weighs every batch by its packets
            big = [w for w in fw if w["units"] >= 1000]
            x = [marks[w["mark"]] / w["units"] for w in big]
            nb = sum(1 for w in fw if w["mark"] in bad)
            npk = sum(w["units"] for w in fw)
            print("  %s: %d batches, %d packets: %s%s" % (
                name, len(fw), npk, ", ".join("%.0f" % v for v in x),
                "; %d batch(es) not clean" % nb if nb else ""))
            if "bseq" in med and fwd and x:
                mean = sum(marks[w["mark"]] for w in fw) / npk - med["bseq"]
                print("  %s: router cost per created session, all batches (table resizes"
                      " included): %.0f (%.2f x plain)" % (name, mean, mean / fwd))
                print("  %s: router cost per created session, first / median / last batch:"
                      " %.0f / %.0f / %.0f (%.2f / %.2f / %.2f x plain)" % (
                          name, x[0] - med["bseq"], statistics.median(x) - med["bseq"],
                          x[-1] - med["bseq"],
                          (x[0] - med["bseq"]) / fwd,
                          (statistics.median(x) - med["bseq"]) / fwd,
                          (x[-1] - med["bseq"]) / fwd))
    res = {}
    print()
    if fwd:
        r = []
        if "v6gw" in cost:
            res["est"] = cost["v6gw"] / fwd
            r.append("established flow: cost(v6gw)/cost(plain) %.3f (target <= 1.3: %s)"
                     % (res["est"], yes(res["est"] <= 1.3)))
        if "v6gw1m" in cost and "v6gw" in cost:
            res["1m"] = cost["v6gw1m"] / cost["v6gw"]
            r.append("with 1M sessions: cost(v6gw1m)/cost(v6gw) %.3f (target <= 1.1: %s),"
                     " %.3f x plain" % (res["1m"], yes(res["1m"] <= 1.1), cost["v6gw1m"] / fwd))
        if "v6gw1mc" in cost and "v6gw" in cost:
            r.append("cycling through 1M sessions: %.3f x v6gw, %.3f x plain (information)"
                     % (cost["v6gw1mc"] / cost["v6gw"], cost["v6gw1mc"] / fwd))
        if "v6gwc" in cost:
            res["create"] = cost["v6gwc"] / fwd
            r.append("creating a session: cost(v6gwc)/cost(plain) %.3f (target <= 2.0: %s)"
                     % (res["create"], yes(res["create"] <= 2.0)))
        for k, what in (("jool", "established"), ("jool50k", "50k sessions"),
                        ("jool50kc", "cycling through 50k"), ("joolc", "creating")):
            if k in cost:
                v = {"jool": "v6gw", "jool50k": "v6gw1m", "jool50kc": "v6gw1mc",
                     "joolc": "v6gwc"}[k]
                s = "Jool %s: %.3f x plain" % (what, cost[k] / fwd)
                if k in REF:
                    s += " (issue: %.2f)" % REF[k]
                if v in cost:
                    s += ", %.3f x v6gw's %s" % (cost[k] / cost[v], v)
                r.append(s)
        for s in r:
            print("nat64 insn: " + s)
    mem_report(mem, wins, res)
    return res


def meminfo(rows):
    d, slabs = {}, {}
    for r in rows:
        if r[0].endswith(":"):
            d[r[0][:-1]] = int(r[1])  # kB
        elif r[0] == "slab":
            slabs[r[1]] = dict(alias=r[2], **{k: int(v) for k, v in kv(r[3:]).items()})
    return d, slabs


def mem_report(mem, wins, res):
    if "before" not in mem or "after" not in mem:
        return
    b, sb = meminfo(mem["before"])
    a, sa = meminfo(mem["after"])
    n = None
    for r in mem.get("count", []):
        c = kv(r)
        if "udp-sessions" in c:
            n = int(c["udp-sessions"]) - int(c.get("udp-sessions-before", 0))
            nbib = int(c.get("udp-bib", 0)) - int(c.get("udp-bib-before", 0))
    if not n:
        return
    print()
    print("Kernel memory, v6gw1m, before and after its fill: %d UDP sessions and %d BIB entries"
          " added (one BIB entry per session: every session has a source transport address of"
          " its own):" % (n, nbib))
    print()
    print("| measure | before (kB) | after (kB) | delta (kB) | bytes per session |")
    print("|---|---|---|---|---|")
    for k in ("MemFree", "MemAvailable", "Slab", "SUnreclaim", "VmallocUsed", "PageTables", "Percpu"):
        if k in a and k in b:
            dl = b[k] - a[k] if k in ("MemFree", "MemAvailable") else a[k] - b[k]
            print("| %s%s | %d | %d | %d | %.1f |" % (
                k, " (fall)" if k in ("MemFree", "MemAvailable") else "", b[k], a[k], dl,
                dl * 1024 / n))
    total = (b["MemFree"] - a["MemFree"]) * 1024 / n
    parts = []
    for c in ("v6gw_sess", "v6gw_bib"):
        if c in sa and c in sb:
            s = sa[c]
            per_obj = (4096 << s["order"]) / s["objs_per_slab"]
            dobj = s["objects"] - sb[c]["objects"]
            dslab = (s["slabs"] - sb[c]["slabs"]) * (4096 << s["order"])
            parts.append((c, s, per_obj, dobj, dslab))
    print()
    slab_sum = 0.0
    for c, s, per_obj, dobj, dslab in parts:
        merged = "" if s["alias"] == "-" else " (merged into %s)" % s["alias"].split("/")[-1]
        print("  %s%s: object %d bytes, %d per %d-KiB slab = %.1f bytes each; %d objects and"
              " %d KiB of slabs added: %.1f bytes per session" % (
                  c, merged, s["object_size"], s["objs_per_slab"], 4 << s["order"], per_obj,
                  dobj, dslab // 1024, dslab / n))
        slab_sum += dslab / n
    vm = (a.get("VmallocUsed", 0) - b.get("VmallocUsed", 0)) * 1024 / n
    print("  hash tables (rhashtable bucket arrays, kvmalloc: VmallocUsed): %.1f bytes per"
          " session" % vm)
    other = total - slab_sum - vm
    print("  rest of the MemFree fall (other slab caches, page cache, ...): %.1f bytes per"
          " session" % other)
    res["mem"] = total
    res["mem_parts"] = (slab_sum, vm)
    print("nat64 mem: %.0f bytes of kernel memory per session (MemFree fall / sessions), of which"
          " session + BIB objects %.0f, hash buckets %.0f (target <= 200: %s)"
          % (total, slab_sum, vm, yes(total <= 200)))


def wall_report(o):
    wins = read_wall(o.wall)
    if not wins:
        print("nat64: no wall-clock windows in %s" % o.wall)
        return
    t = {}
    rate = {}
    for w in wins:
        if w["round"] == 0 or w["kind"] == "fill":
            continue
        if w["sent"] != w["units"]:
            continue
        # per packet, microseconds pktgen took to send them all (veth
        # hands each packet to GW in the sender's context)
        t.setdefault(w["name"], []).append(w["usec"] / w["units"])
        rx = w["far_rx"] if w["name"] not in ("base", "bseq") else w["gw_rx"]
        rate.setdefault(w["name"], []).append(rx / w["usec"] * 1e3)
    kinds = {w["name"]: w["kind"] for w in wins}
    med = {k: statistics.median(x) for k, x in t.items()}
    cost = {k: med[k] - med[BASE[kinds[k]]] for k in med
            if BASE.get(kinds[k]) in med and BASE[kinds[k]] != k}
    print()
    print("Wall clock (separate boot, QEMU TCG -smp 2; one window per variant and round, the"
          " same packets as the insn windows; kpps = packets delivered (FAR; GW for the bases)"
          " / pktgen's sending time; us/packet = pktgen's time / packets sent):")
    print()
    print("| window | kpps, each round | median kpps | median us/packet | router us/packet | / plain |")
    print("|---|---|---|---|---|---|")
    for k in ORDER:
        if k not in med:
            continue
        c = cost.get(k)
        rel = "%.2f" % (c / cost["fwd"]) if c is not None and cost.get("fwd") else "-"
        print("| %s | %s | %.1f | %.2f | %s | %s |" % (
            k, ", ".join("%.1f" % x for x in rate[k]), statistics.median(rate[k]), med[k],
            "-" if c is None else "%.2f" % c, rel))
    fills = [w for w in wins if w["kind"] == "fill"]
    for name in sorted(set(w["name"] for w in fills)):
        fw = [w for w in fills if w["name"] == name]
        tot = sum(w["far_rx"] for w in fw)
        secs = sum(w["usec"] for w in fw) / 1e6
        print("  %s fill: %d sessions created in %.1f s: %.1f k per second" % (
            name, tot, secs, tot / secs / 1e3 if secs else 0))


def profile_report(o):
    marks = read_marks(o.marks)
    wins, bad, _, _ = read_insn(o.insn)
    first = {}
    for w in wins:
        if w["round"] == 1 and w["kind"] != "fill" and w["mark"] in marks:
            first.setdefault(w["name"], (w["mark"], w["units"]))
    pairs = [("fwd", "v6gw"), ("v6gw", "v6gw1m"), ("bseq", "v6gw1mc"), ("bseq", "v6gwc"),
             ("v6gw", "jool"), ("v6gwc", "joolc")]
    for a, b in pairs:
        if a in first and b in first:
            print()
            print("nat64 profile: A = %s (window %d), B = %s (window %d), per packet"
                  % (a, first[a][0], b, first[b][0]))
            sys.stdout.flush()
            # per packet of B; A's units may differ (one-flow vs port-range windows)
            subprocess.run([sys.executable, o.tool, o.kallsyms, o.profile, "--diff",
                            str(first[a][0]), str(first[b][0]), "--per", str(first[b][1]),
                            "--top", str(o.top), "--marks", o.marks], check=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--insn")
    ap.add_argument("--marks")
    ap.add_argument("--wall")
    ap.add_argument("--profile")
    ap.add_argument("--kallsyms")
    ap.add_argument("--tool")
    ap.add_argument("--top", type=int, default=40)
    o = ap.parse_args()
    if o.profile:
        profile_report(o)
        return 0
    if o.insn and o.marks:
        insn_report(o)
    if o.wall:
        wall_report(o)
    return 0


if __name__ == "__main__":
    sys.exit(main())
