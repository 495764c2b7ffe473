#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise an RA option injection benchmark run (bench/ra.sh, bench/ra-guest.sh).

usage: ra-report.py [--insn CONSOLE --marks MARKS] [--wall CONSOLE]
                    [--profile PROFILE --kallsyms KALLSYMS --tool insn-profile.py [--top K]]

The insn console holds "insn-window MARK udp NAME ROUND COUNT ..." lines (a
window's figure is dtotal of its closing mark / COUNT) and "insn-bad MARK";
the wall-clock console "wall-window udp NAME ROUND COUNT sent S usec U gw_rx
G far_rx F secs T" and "wall-bad NAME ROUND". Round 0 is the warm-up, not
used. Router cost = median(variant) - median(base). The issue's target:
cost(b) <= 1.01 x cost(a) (an RA rule on the output interface costs
forwarded non-RA traffic at most 1 %).
"""
import argparse
import statistics
import subprocess
import sys

ORDER = ["base", "a", "b", "c"]
DESC = {
    "base": "GW drops the packets at its own ingress (no rule): sender and veths",
    "a": "plain IPv6 forwarding, no RA rule anywhere",
    "b": "the same, RA rule on GW's eth4: the interface the packets leave through",
    "c": "the same, RA rule on GW's eth6 (the other interface) instead",
}
TARGET = 1.01


def read_marks(path):
    d = {}
    with open(path) as f:
        for line in f:
            p = line.split()
            if p and p[0] == "mark":
                kv = dict(zip(p[2::2], p[3::2]))
                d[int(p[1])] = int(kv["dtotal"])
    return d


def read_insn(path):
    wins, bad = [], set()
    with open(path, errors="replace") as f:
        for line in f:
            p = line.split()
            if len(p) >= 6 and p[0] == "insn-window":
                kv = dict(zip(p[6::2], p[7::2]))
                wins.append(dict(mark=int(p[1]), name=p[3], round=int(p[4]), units=int(p[5]),
                                 drops=kv.get("softnet_drops", "?"),
                                 errors=kv.get("pktgen_errors", "?")))
            elif len(p) == 2 and p[0] == "insn-bad":
                bad.add(int(p[1]))
    return wins, bad


def read_wall(path):
    wins, bad = [], set()
    with open(path, errors="replace") as f:
        for line in f:
            p = line.split()
            if len(p) >= 5 and p[0] == "wall-window":
                w = dict(name=p[2], round=int(p[3]), units=int(p[4]))
                try:
                    for k in ("sent", "usec", "gw_rx", "far_rx"):
                        w[k] = int(p[p.index(k) + 1])
                except (IndexError, ValueError):
                    continue
                wins.append(w)
            elif len(p) == 3 and p[0] == "wall-bad":
                bad.add((p[1], int(p[2])))
    return [w for w in wins if (w["name"], w["round"]) not in bad]


def spread(x):
    m = sum(x) / len(x)
    return (max(x) - min(x)) / m if m else 0.0


def insn_values(o):
    marks = read_marks(o.marks)
    wins, bad = read_insn(o.insn)
    vals, used, nbad = {}, {}, 0
    for w in wins:
        if w["round"] == 0 or w["mark"] not in marks:
            continue
        if w["drops"] not in ("0", "?") or w["errors"] not in ("0", "?"):
            # counted (the median of the rounds takes care of it), but said
            print("ra insn: window %s round %d: %s softnet drops, %s pktgen errors: %.1f per"
                  " packet" % (w["name"], w["round"], w["drops"], w["errors"],
                               marks[w["mark"]] / w["units"]))
        if w["mark"] in bad:
            nbad += 1
            continue
        vals.setdefault(w["name"], []).append(marks[w["mark"]] / w["units"])
        used.setdefault(w["name"], []).append((marks[w["mark"]] / w["units"], w["mark"],
                                               w["units"], w["round"]))
    return vals, used, nbad


def wall_values(o):
    rate = {}
    for w in read_wall(o.wall):
        if w["round"] == 0 or not w["usec"]:
            continue
        # packets delivered (FAR; GW for base) / pktgen's sending time:
        # veth hands each packet to GW, and GW to FAR, in the sender's context
        rx = w["gw_rx"] if w["name"] == "base" else w["far_rx"]
        rate.setdefault(w["name"], []).append(rx / w["usec"] * 1e3)
    return rate


def report(o):
    vals, rate, nbad = {}, {}, 0
    if o.insn and o.marks:
        vals, _, nbad = insn_values(o)
    if o.wall:
        rate = wall_values(o)
    med = {k: statistics.median(x) for k, x in vals.items()}
    cost = {k: med[k] - med["base"] for k in med if "base" in med and k != "base"}
    kpps = {k: statistics.median(x) for k, x in rate.items()}
    names = [k for k in ORDER if k in med or k in kpps]
    names += sorted((set(med) | set(kpps)) - set(ORDER))
    if not names:
        print("ra: no windows found")
        return 1
    print()
    print("Instructions per 64-byte UDP packet (insn boot: whole path = window / packets;"
          " router = minus base), and wall-clock kpps (separate boot, 2 vCPUs):")
    print()
    print("| variant | per packet, each round | median | spread | router cost | router / a"
          " | whole path / a | kpps, each round | median kpps | kpps / a |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for k in names:
        x = vals.get(k, [])
        c = cost.get(k)
        rr = "%.4f" % (c / cost["a"]) if c is not None and cost.get("a") else "-"
        wr = "%.4f" % (med[k] / med["a"]) if k in med and k != "base" and med.get("a") else "-"
        kr = ("%.2f" % (kpps[k] / kpps["a"])) if k in kpps and k != "base" and kpps.get("a") else "-"
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            k, ", ".join("%.1f" % v for v in x) or "-",
            "%.1f" % med[k] if k in med else "-",
            "%.2f %%" % (100 * spread(x)) if x else "-",
            "%.1f" % c if c is not None else "-", rr, wr,
            ", ".join("%.1f" % v for v in rate.get(k, [])) or "-",
            "%.1f" % kpps[k] if k in kpps else "-", kr))
    print()
    for k in names:
        if k in DESC:
            print("  %-4s %s" % (k, DESC[k]))
    print()
    if nbad:
        print("ra insn: %d window(s) left out: not every packet went where it should" % nbad)
    noisy = [k for k, x in vals.items() if len(x) > 1 and spread(x) > 0.01]
    if noisy:
        print("ra insn: rounds differ by more than 1 %% for: %s" % ", ".join(noisy))
    if cost.get("a") and "b" in cost:
        r = cost["b"] / cost["a"]
        print("ra insn: cost(b)/cost(a) %.4f: the rule on the output interface adds %.1f"
              " instructions per forwarded packet, %+.2f %% of the router's cost (target"
              " <= +1 %%: %s); whole path %.4f (%+.2f %%)" % (
                  r, cost["b"] - cost["a"], 100 * (r - 1), "met" if r <= TARGET else
                  "NOT met, over by %.2f points" % (100 * (r - TARGET)),
                  med["b"] / med["a"], 100 * (med["b"] / med["a"] - 1)))
    if cost.get("a") and "c" in cost:
        r = cost["c"] / cost["a"]
        print("ra insn: cost(c)/cost(a) %.4f: the rule on the other interface adds %.1f"
              " instructions per forwarded packet (%+.2f %%)" % (
                  r, cost["c"] - cost["a"], 100 * (r - 1)))
    if kpps.get("a") and "b" in kpps:
        print("ra wall: kpps(b)/kpps(a) %.2f%s (wall clock under TCG swings by 30 %% and"
              " more between rounds: it cannot resolve 1 %%)" % (
                  kpps["b"] / kpps["a"],
                  ", kpps(c)/kpps(a) %.2f" % (kpps["c"] / kpps["a"]) if "c" in kpps else ""))
    return 0


def profile(o):
    _, used, _ = insn_values(o)
    # each variant's median window (the first one for an even count)
    pick = {}
    for k, x in used.items():
        s = sorted(x)
        pick[k] = s[(len(s) - 1) // 2]
    for a, b in (("a", "b"), ("a", "c"), ("c", "b")):
        if a in pick and b in pick:
            print()
            print("ra profile: A = %s (window %d, round %d), B = %s (window %d, round %d),"
                  " per packet (the median window of each)" % (
                      a, pick[a][1], pick[a][3], b, pick[b][1], pick[b][3]))
            sys.stdout.flush()
            subprocess.run([sys.executable, o.tool, o.kallsyms, o.profile, "--diff",
                            str(pick[a][1]), str(pick[b][1]), "--per", str(pick[b][2]),
                            "--top", str(o.top), "--marks", o.marks], check=False)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--insn")
    ap.add_argument("--marks")
    ap.add_argument("--wall")
    ap.add_argument("--profile")
    ap.add_argument("--kallsyms")
    ap.add_argument("--tool")
    ap.add_argument("--top", type=int, default=30)
    o = ap.parse_args()
    if o.profile:
        return profile(o)
    return report(o)


if __name__ == "__main__":
    sys.exit(main())
