#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Network namespaces created, configured and dropped in a loop, for
test-churn.sh: churn.py ROUNDS [STOPFILE]: at least ROUNDS rounds, and
on until STOPFILE exists.

Each round forks a child that unshares its network namespace, configures
v6gw there over raw netlink (SIIT prefix and EAM entry, NAT64 prefix,
pool4 and a static BIB entry, an RA rule and PD snooping on lo) and
exits: the namespace goes with it, configured. One process and no exec
per round, so that a thousand rounds fit a TCG guest. The module may be
unloaded meanwhile: a round whose configuration fails counts as
unconfigured. Prints "ROUNDS CONFIGURED"."""
import ctypes
import os
import socket
import struct
import sys

from v6gw_nl import U, Genl, attr, prefix

CLONE_NEWNET = 0x40000000


def pfx4(addr, plen, atype):
    return attr(atype, attr(U["V6GW_PREFIX4_A_ADDR"],
                            socket.inet_pton(socket.AF_INET, addr)) +
                attr(U["V6GW_PREFIX4_A_LEN"], struct.pack("B", plen)), True)


def requests():
    a6 = socket.inet_pton(socket.AF_INET6, "2001:db8:6::53")
    c = {k[len("V6GW_CMD_"):]: v for k, v in U.items()
         if k.startswith("V6GW_CMD_")}
    eam = attr(U["V6GW_A_EAM"],
               attr(U["V6GW_EAM_A_PREFIX6"],
                    attr(U["V6GW_PREFIX_A_ADDR"],
                         socket.inet_pton(socket.AF_INET6, "2001:db8:6::")) +
                    attr(U["V6GW_PREFIX_A_LEN"], b"\x7c"), True) +
               pfx4("192.0.2.0", 28, U["V6GW_EAM_A_PREFIX4"]), True)
    bib = attr(U["V6GW_A_BIB"],
               attr(U["V6GW_BIB_A_PROTO"], b"\x11") +
               attr(U["V6GW_BIB_A_ADDR6"], a6) +
               attr(U["V6GW_BIB_A_PORT6"], struct.pack("=H", 53)) +
               attr(U["V6GW_BIB_A_ADDR4"],
                    socket.inet_pton(socket.AF_INET, "203.0.113.1")) +
               attr(U["V6GW_BIB_A_PORT4"], struct.pack("=H", 53)), True)
    lo = struct.pack("=I", 1)
    return [
        (c["SIIT_PREFIX_NEW"], prefix("64:ff9b::", 96)),
        (c["SIIT_EAM_NEW"], eam),
        (c["NAT64_PREFIX_NEW"], prefix("2001:db8:64::", 96)),
        (c["NAT64_POOL4_NEW"],
         attr(U["V6GW_A_POOL4"],
              pfx4("203.0.113.0", 30, U["V6GW_POOL4_A_PREFIX4"]), True)),
        (c["NAT64_BIB_NEW"], bib),
        (c["RA_SET"], attr(U["V6GW_A_RA"],
                           attr(U["V6GW_RA_A_IFINDEX"], lo) +
                           attr(U["V6GW_RA_A_RDNSS"], a6), True)),
        (c["PD_SNOOP_SET"], attr(U["V6GW_A_PD_SNOOP"],
                                 attr(U["V6GW_PD_SNOOP_A_IFINDEX"], lo) +
                                 attr(U["V6GW_PD_SNOOP_A_ENABLE"], b"\x01"),
                                 True)),
    ]


def child(reqs):
    if ctypes.CDLL(None, use_errno=True).unshare(CLONE_NEWNET):
        os._exit(2)
    try:
        nl = Genl()
        for cmd, attrs in reqs:
            err, _, _ = nl.send(nl.family, cmd, attrs)
            if err:
                os._exit(1)
    except OSError:
        os._exit(1)
    os._exit(0)


def main():
    rounds = int(sys.argv[1])
    stop = sys.argv[2] if len(sys.argv) > 2 else None
    reqs = requests()
    configured = done = 0
    while done < rounds or (stop and not os.path.exists(stop)):
        done += 1
        pid = os.fork()
        if not pid:
            child(reqs)
        _, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 2:
            print("unshare failed", file=sys.stderr)
            return 1
        configured += os.WIFEXITED(status) and not os.WEXITSTATUS(status)
    print(done, configured)
    return 0


if __name__ == "__main__":
    sys.exit(main())
