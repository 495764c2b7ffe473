#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise an insn benchmark boot (bench/insn.sh).

usage: insn-report.py CONSOLE MARKS
       insn-report.py CONSOLE MARKS --profile PROFILE --kallsyms KALLSYMS
                      --tool insn-profile.py [--top K]

CONSOLE holds the guest's lines "insn-window MARK KIND VARIANT ROUND UNITS
..." (bench/guest.sh, V6GW_BENCH_INSN) and "insn-bad MARK"; MARKS is the
plugin's out= file. A window's figure is dtotal of its closing mark divided
by UNITS (packets for udp, KiB for tcp). Round 0 is the warm-up, not used.
With --profile: insn-profile.py --diff of the first round's windows, plain
forwarding vs v6gw (UDP and TCP), and v6gw vs Jool (UDP) when Jool ran.
"""
import argparse
import statistics
import subprocess
import sys

NAME = {"fwd": "plain", "base": "base", "v6gw": "v6gw", "jool": "jool"}
ORDER = ("base", "fwd", "v6gw", "jool")


def read_marks(path):
    d = {}
    with open(path) as f:
        for line in f:
            p = line.split()
            if p and p[0] == "mark":
                kv = dict(zip(p[2::2], p[3::2]))
                d[int(p[1])] = int(kv["dtotal"])
    return d


def read_windows(path):
    """[(mark, kind, variant, round, units)], bad marks"""
    wins, bad = [], set()
    with open(path, errors="replace") as f:
        for line in f:
            p = line.split()
            if len(p) >= 6 and p[0] == "insn-window":
                wins.append((int(p[1]), p[2], p[3], int(p[4]), int(p[5])))
            elif len(p) == 2 and p[0] == "insn-bad":
                bad.add(int(p[1]))
    return wins, bad


def mean(x):
    return sum(x) / len(x)


def median(x):
    return statistics.median(x)


def spread(x):
    m = mean(x)
    return (max(x) - min(x)) / m if m else 0.0


def fmt_rounds(x, p=1):
    return ", ".join("%.*f" % (p, v) for v in x)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("console")
    ap.add_argument("marks")
    ap.add_argument("--profile")
    ap.add_argument("--kallsyms")
    ap.add_argument("--tool")
    ap.add_argument("--top", type=int, default=40)
    o = ap.parse_args()
    marks = read_marks(o.marks)
    wins, bad = read_windows(o.console)
    if not wins:
        print("insn: no measured windows in %s" % o.console)
        return 1
    # vals[kind][variant] = [(round, per unit)], first[kind][variant] = (mark, units)
    vals, first, allw = {}, {}, {}
    for m, kind, v, r, units in wins:
        if r == 0 or m in bad or m not in marks:
            continue
        vals.setdefault(kind, {}).setdefault(v, []).append((r, marks[m] / units))
        allw.setdefault(kind, {}).setdefault(v, []).append((r, marks[m] / units, m, units))
        first.setdefault(kind, {}).setdefault(v, (m, units))

    if o.profile:
        return profile(o, first, allw)

    udp = vals.get("udp", {})
    if udp:
        n = next(u for _, k, _, r, u in wins if k == "udp" and r > 0)
        print()
        print("Instructions per 64-byte UDP packet (%d packets per window;"
              " whole path: pktgen, veths, router, tc drop; router cost = median(variant) - median(base); spread = (max - min) / mean):" % n)
        print()
        print("| variant | per packet, each round | median | spread | router cost | router / plain |")
        print("|---|---|---|---|---|---|")
        med = {v: median([val for _, val in udp[v]]) for v in udp}
        cost = {}
        for v in ORDER:
            if v not in udp:
                continue
            x = [val for _, val in udp[v]]
            c = None
            if v != "base" and "base" in med:
                c = cost[v] = med[v] - med["base"]
            rel = "-"
            if c is not None and cost.get("fwd"):
                rel = "%.3f" % (c / cost["fwd"])
            print("| %s | %s | %.1f | %.2f %% | %s | %s |" % (
                NAME[v], fmt_rounds(x), med[v], 100 * spread(x),
                "-" if c is None else "%.1f" % c, rel))
        print()
        r = []
        for a, b in (("v6gw", "fwd"), ("jool", "fwd"), ("jool", "v6gw")):
            if cost.get(a) and cost.get(b):
                r.append("cost(%s)/cost(%s) %.3f" % (NAME[a], NAME[b], cost[a] / cost[b]))
        if r:
            print("insn udp: " + ", ".join(r))
        print("insn udp: targets (information only): v6gw/plain <= 1.10, jool/v6gw >= 1.4")
    tcp = vals.get("tcp", {})
    if tcp:
        kib = next(u for _, k, _, r, u in wins if k == "tcp" and r > 0)
        print()
        print("Instructions per KiB through one TCP connection (%d KiB per window;"
              " whole path: sender, router, receiver):" % kib)
        print()
        print("| variant | per KiB, each round | median | spread | / plain |")
        print("|---|---|---|---|---|")
        m = {}
        for v in ORDER:
            if v not in tcp:
                continue
            x = [val for _, val in tcp[v]]
            m[v] = median(x)
            rel = "%.3f" % (m[v] / m["fwd"]) if m.get("fwd") else "-"
            print("| %s | %s | %.1f | %.2f %% | %s |" % (
                NAME[v], fmt_rounds(x), m[v], 100 * spread(x), rel))
        print()
        r = []
        for a, b in (("v6gw", "fwd"), ("jool", "fwd"), ("jool", "v6gw")):
            if m.get(a) and m.get(b):
                r.append("%s/%s %.3f" % (NAME[a], NAME[b], m[a] / m[b]))
        if r:
            print("insn tcp per KiB: " + ", ".join(r) + " (target: v6gw/plain <= 1.00)")
    noisy = sorted("%s %s" % (k, NAME[v]) for k, d in vals.items() for v, x in d.items()
                   if len(x) > 1 and spread([val for _, val in x]) > 0.01)
    if noisy:
        print("insn: rounds differ by more than 1 %% for: %s: something else ran in a"
              " window (V6GW_BENCH_PROFILE=insn shows what)" % ", ".join(noisy))
    nbad = sum(1 for m, _, _, r, _ in wins if r > 0 and m in bad)
    if nbad:
        print("insn: %d window(s) left out: not every packet went where it should"
              % nbad)
    return 0


def profile(o, first, allw):
    if not (o.kallsyms and o.tool):
        sys.exit("--profile needs --kallsyms and --tool")
    pairs = [("udp", "fwd", "v6gw"), ("tcp", "fwd", "v6gw"), ("udp", "v6gw", "jool"),
             ("udp", "base", "fwd")]
    jobs = []
    for kind, a, b in pairs:
        f = first.get(kind, {})
        if a in f and b in f:
            jobs.append((kind, a, f[a], b, f[b], "round 1"))
    for kind, d in allw.items():
        for v, x in d.items():
            vals = [val for _, val, _, _ in x]
            if len(x) > 1 and spread(vals) > 0.01:
                lo, hi = min(x, key=lambda t: t[1]), max(x, key=lambda t: t[1])
                jobs.append((kind, v, (lo[2], lo[3]), v, (hi[2], hi[3]),
                             "rounds %d and %d, which differ by %.1f %%"
                             % (lo[0], hi[0], 100 * spread(vals))))
    for kind, a, (ma, units), b, (mb, _), what in jobs:
        print()
        print("insn profile, %s, %s: A = %s (window %d), B = %s (window %d), per %s"
              % (kind, what, NAME[a], ma, NAME[b], mb, "packet" if kind == "udp" else "KiB"))
        sys.stdout.flush()
        subprocess.run([sys.executable, o.tool, o.kallsyms, o.profile,
                        "--diff", str(ma), str(mb), "--per", str(units),
                        "--top", str(o.top), "--marks", o.marks], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
