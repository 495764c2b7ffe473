#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Transactions over raw netlink (uapi "Transactions"), in the current
network namespace, which must have no v6gw configuration and no open
transaction. Prints KTAP subtest lines; exit status 0 when all passed."""
import errno
import sys

from v6gw_nl import (Genl, NETLINK_ADD_MEMBERSHIP, SOL_NETLINK, U,
                     parse_attrs, prefix)

WKP = ("64:ff9b::", 96)


def prefixes(nl):
    err, _, rep = nl.send(nl.family, U["V6GW_CMD_SIIT_PREFIX_GET"],
                          flags=1 | 0x300)
    return err, len(rep)


def main():
    cmd = {k[len("V6GW_CMD_"):]: v for k, v in U.items()
           if k.startswith("V6GW_CMD_")}
    a, b = Genl(), Genl()          # two sockets: the owner and another
    mon = Genl()
    mon.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
                        mon.groups["config"])
    fam = a.family
    results = []

    def check(ok, desc):
        results.append((bool(ok), desc))

    err, ext, _ = a.send(fam, cmd["TXN_BEGIN"])
    check(err == 0, "BEGIN opens a transaction # errno=%d" % err)
    err, ext, _ = b.send(fam, cmd["TXN_BEGIN"])
    check(err == errno.EBUSY and ext and "transaction" in ext,
          "a second BEGIN from another socket: EBUSY with a message # "
          "errno=%d %r" % (err, ext))
    err, ext, _ = a.send(fam, cmd["SIIT_PREFIX_NEW"], prefix(*WKP))
    check(err == 0, "the owner's change is staged # errno=%d %r" % (err, ext))
    err, n = prefixes(b)
    check(err == 0 and n == 0,
          "others do not see the staged change # errno=%d n=%d" % (err, n))
    err, ext, _ = a.send(fam, cmd["SIIT_PREFIX_NEW"], prefix(*WKP))
    check(err == errno.EEXIST,
          "checked against the staged configuration: EEXIST # errno=%d"
          % err)
    err, ext, _ = b.send(fam, cmd["SIIT_PREFIX_DEL"], prefix(*WKP))
    check(err == errno.EBUSY and ext and "transaction" in ext,
          "another socket's change: EBUSY with a message # errno=%d %r"
          % (err, ext))
    early = mon.notifications(timeout=0.5)
    check(early == [], "no config notification before the commit # %r"
          % early)
    err, ext, _ = a.send(fam, cmd["TXN_COMMIT"])
    err2, n = prefixes(b)
    check(err == 0 and n == 1,
          "COMMIT puts it in place # errno=%d %r n=%d" % (err, ext, n))
    got = [c for c, _ in mon.notifications(timeout=1.0)]
    check(got == [cmd["SIIT_PREFIX_NEW"]],
          "after the commit: one notification, the staged request's # %r"
          % got)
    err, ext, _ = a.send(fam, cmd["TXN_COMMIT"])
    check(err == errno.ENOENT and ext,
          "COMMIT without a transaction: ENOENT # errno=%d %r" % (err, ext))
    err, ext, _ = a.send(fam, cmd["TXN_ABORT"])
    check(err == errno.ENOENT,
          "ABORT without a transaction: ENOENT # errno=%d" % err)

    # A transaction whose socket closes is dropped.
    c = Genl()
    err, _, _ = c.send(fam, cmd["TXN_BEGIN"])
    err2, _, _ = c.send(fam, cmd["SIIT_PREFIX_DEL"], prefix(*WKP))
    c.sock.close()
    err3, n = prefixes(b)
    err4, ext4, _ = b.send(fam, cmd["TXN_BEGIN"])
    check(err == 0 and err2 == 0 and err3 == 0 and n == 1 and err4 == 0,
          "a closed socket's transaction is dropped, unapplied # "
          "%d %d %d n=%d %d %r" % (err, err2, err3, n, err4, ext4))
    err, ext, _ = b.send(fam, cmd["SIIT_PREFIX_DEL"], prefix(*WKP))
    err2, _, _ = b.send(fam, cmd["TXN_ABORT"])
    err3, n = prefixes(a)
    check(err == 0 and err2 == 0 and n == 1,
          "ABORT drops the staged change # %d %d n=%d" % (err, err2, n))

    # FLUSH outside a transaction applies at once.
    err, ext, _ = a.send(fam, cmd["FLUSH"])
    err2, n = prefixes(a)
    check(err == 0 and n == 0,
          "FLUSH alone empties the configuration # errno=%d %r n=%d"
          % (err, ext, n))
    got = [c for c, _ in mon.notifications(timeout=1.0)]
    check(got == [cmd["FLUSH"]], "FLUSH is notified # %r" % got)

    # Session deletion (state) is refused inside a transaction.
    a.send(fam, cmd["TXN_BEGIN"])
    err, ext, _ = a.send(fam, cmd["NAT64_SESSION_DEL"])
    a.send(fam, cmd["TXN_ABORT"])
    check(err == errno.EBUSY and ext and "state" in ext,
          "NAT64_SESSION_DEL in a transaction: EBUSY # errno=%d %r"
          % (err, ext))

    print("TAP version 13")
    print("1..%d" % len(results))
    for i, (ok, desc) in enumerate(results, 1):
        print("%sok %d %s" % ("" if ok else "not ", i, desc))
    return 0 if all(ok for ok, _ in results) else 1


def hold(seconds):
    """Open a transaction, say so, keep it open SECONDS, drop it."""
    import time
    nl = Genl()
    err, ext, _ = nl.send(nl.family, U["V6GW_CMD_TXN_BEGIN"])
    print("open" if not err else "error %d %r" % (err, ext), flush=True)
    time.sleep(seconds)
    return err


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "hold":
        sys.exit(hold(float(sys.argv[2])))
    sys.exit(main())
