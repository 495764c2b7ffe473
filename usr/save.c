// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw save: the namespace's whole running configuration, printed as the
 * v6gw commands that make it, for "v6gw -b FILE" to apply back:
 *
 *   v6gw [-n NETNS] save > FILE
 *   v6gw [-n NETNS] -b FILE         in a namespace without v6gw configuration
 *
 * The format is that of a batch file (v6gw.c): one command a line, its
 * words as the command line takes them, none abbreviated, '#' comments.
 * The first line says where it comes from:
 *
 *   # v6gw save, 2026-12-01T19:30:00Z, kernel 6.1.0-57-amd64
 *
 * (UTC, and uname -r). Then the objects, each in the order a restore
 * needs, each printed by the file that shows it, with the helpers its
 * "show" uses (the same words, after another lead):
 *
 *   siit prefix add, siit eam add, siit deny add, siit set      siit.c
 *   nat64 prefix add, nat64 pool4 add, nat64 bib add, nat64 set nat64*.c
 *   ra set                                                      ra.c
 *   pd snoop, pd add                                            pd.c
 *
 * SIIT comes before NAT64, whose prefixes may not overlap the SIIT
 * prefix; NAT64 prefixes in their order (IPv4-initiated sessions use the
 * first); pool4 before the static BIB entries, which need their pool4
 * addresses. pool4 is printed one line per protocol, with its ports, as
 * the kernel reports it: an entry added for all protocols comes back as
 * three, which translate the same.
 *
 * Settings: all of them, default or not, one "siit set KEY VALUE" or
 * "nat64 set KEY VALUE" a line ("none" for an unset RFC 6791 pool). That
 * is the simplest form that round-trips, and a file then restores the
 * settings over any others, not only over the defaults.
 *
 * Not saved: state. Dynamic BIB entries, sessions and counters are made
 * by traffic; only static BIB entries are configuration. Delegations
 * (pd) are saved with the absolute times their lifetimes end, so that a
 * restore gives back what was left of them; a snooped one comes back as
 * one added by hand (origin user).
 *
 * Interfaces: RA rules and PD name interfaces; a restore needs
 * interfaces of those names (their indexes may differ) and fails on the
 * first line that names a missing one.
 *
 * The tables are read one dump after the other, not as one snapshot: a
 * change made while save runs may be in the file or not. The output is
 * all or nothing: it is gathered in a temporary file and printed only
 * when every dump succeeded (exit 0); otherwise nothing is printed and
 * the exit status is 1.
 *
 * The file starts with "flush": applied with -b, which runs a batch as
 * one transaction, it replaces the running configuration at once, and
 * NAT64 sessions the restored configuration still covers survive. PD
 * delegations are not flushed: those in the file are added or renewed,
 * others stay (their lifetimes end them).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "nl.h"
#include "utils.h"
#include "v6gw.h"

void v6gw_save_usage(FILE *f)
{
	fputs("  v6gw save                         print the configuration as v6gw\n"
	      "                                    commands, for -b FILE\n", f);
}

static void header(void)
{
	struct utsname u;
	char date[32] = "?";
	time_t now = time(NULL);
	struct tm tm;

	if (gmtime_r(&now, &tm))
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	printf("# v6gw save, %s, kernel %s\n", date,
	       uname(&u) ? "?" : u.release);
}

/* Every object, in the order of a restore; stops at the first failure. */
static int print_all(struct nl *nl)
{
	header();
	/* a restore replaces whatever runs (delegations: see above) */
	printf("flush\n");
	/* pd last: nothing needs it; its delegations need their interfaces */
	if (siit_save(nl) || nat64_save(nl) || clat_save(nl) || ra_save(nl) ||
	    pd_snoop_save(nl) || pd_save(nl))
		return CLI_FAIL;
	return CLI_OK;
}

/* Copy @from (rewound) to stdout. */
static int copy_out(FILE *from)
{
	char buf[8192];
	size_t n;

	rewind(from);
	while ((n = fread(buf, 1, sizeof(buf), from)))
		if (fwrite(buf, 1, n, stdout) != n)
			break;
	if (ferror(from) || fflush(stdout) || ferror(stdout)) {
		util_err("save: write: %s", strerror(errno));
		return CLI_FAIL;
	}
	return CLI_OK;
}

/*
 * print_all() with stdout in a temporary file, copied out on success.
 * Without a temporary file, straight to stdout.
 */
static int save(struct nl *nl)
{
	FILE *tmp = tmpfile();
	int fd, ret;

	if (!tmp || fflush(stdout) || (fd = dup(STDOUT_FILENO)) < 0) {
		if (tmp)
			fclose(tmp);
		ret = print_all(nl);
		if (fflush(stdout) || ferror(stdout)) {
			util_err("save: write: %s", strerror(errno));
			ret = CLI_FAIL;
		}
		return ret;
	}
	if (dup2(fileno(tmp), STDOUT_FILENO) < 0) {
		util_err("save: %s", strerror(errno));
		close(fd);
		fclose(tmp);
		return CLI_FAIL;
	}
	ret = print_all(nl);
	if (fflush(stdout) || ferror(stdout)) {
		util_err("save: temporary file: %s", strerror(errno));
		clearerr(stdout);
		ret = CLI_FAIL;
	}
	if (dup2(fd, STDOUT_FILENO) < 0) {
		util_err("save: %s", strerror(errno));
		ret = CLI_FAIL;
	}
	close(fd);
	if (!ret)
		ret = copy_out(tmp);
	fclose(tmp);
	return ret;
}

int v6gw_save_main(int argc, char **argv)
{
	struct nl *nl;
	int ret;

	if (argc == 1 && (util_is_help(argv[0]) || !strcmp(argv[0], "-h") ||
			  !strcmp(argv[0], "--help"))) {
		if (!cli_opts.dry_run) {
			printf("Usage:\n");
			v6gw_save_usage(stdout);
		}
		return CLI_OK;
	}
	if (cli_opts.json) {
		util_err("save prints v6gw commands: -j does not apply");
		return cli_usage(v6gw_save_usage);
	}
	nl = cli_show_start(argc, argv, v6gw_save_usage, &ret);
	if (!nl)
		return ret;
	return save(nl);
}
