// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw: configure the v6gw IPv6-only gateway module over generic netlink.
 *
 *   v6gw [OPTIONS] OBJECT COMMAND [ARGS...]
 *   v6gw [OPTIONS] -b FILE
 *
 * Objects, commands and keywords may be abbreviated to any unique prefix.
 * Exit status: 0 success, 1 failure, 2 usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <linux/v6gw.h>

#include "nl.h"
#include "utils.h"
#include "v6gw.h"

#ifndef V6GW_VERSION
#define V6GW_VERSION "unknown"
#endif

struct cli_opts cli_opts;

/* The one netlink socket, opened on first use and shared by a batch. */
static struct nl *nl_sock;

static int cmd_help(int argc, char **argv);
static int cmd_flush(int argc, char **argv);
static void usage_flush(FILE *f);

/* One row per object: see v6gw.h. */
static const struct cli_cmd objects[] = {
	{ "stats", v6gw_stats_main, v6gw_stats_usage },
	{ "siit", v6gw_siit_main, v6gw_siit_usage },
	{ "nat64", v6gw_nat64_main, v6gw_nat64_usage },
	{ "ra", v6gw_ra_main, v6gw_ra_usage },
	{ "pd", v6gw_pd_main, v6gw_pd_usage },
	{ "clat", v6gw_clat_main, v6gw_clat_usage },
	{ "save", v6gw_save_main, v6gw_save_usage },
	{ "monitor", v6gw_monitor_main, v6gw_monitor_usage },
	{ "flush", cmd_flush, usage_flush },
	{ "help", cmd_help, NULL },
};

static void usage_short(FILE *f)
{
	const char *sep = "";
	size_t i;

	fputs("  v6gw [OPTIONS] OBJECT COMMAND [ARGS...]\n"
	      "  v6gw [OPTIONS] -b FILE\n"
	      "  v6gw { -V | help | OBJECT help }\n"
	      "where OBJECT := {", f);
	for (i = 0; i < ARRAY_SIZE(objects); i++) {
		if (!objects[i].usage)
			continue;
		fprintf(f, "%s %s", sep, objects[i].name);
		sep = " |";
	}
	fputs(" }\n", f);
}

static void help_full(FILE *f)
{
	size_t i;

	fputs("Usage: v6gw [OPTIONS] OBJECT COMMAND [ARGS...]\n"
	      "       v6gw [OPTIONS] -b FILE\n"
	      "       v6gw { -V | help | OBJECT help }\n"
	      "\n"
	      "Commands (every word may be abbreviated to a unique prefix):\n",
	      f);
	for (i = 0; i < ARRAY_SIZE(objects); i++)
		if (objects[i].usage)
			objects[i].usage(f);
	fputs("\n"
	      "Options:\n"
	      "  -j, --json          print JSON\n"
	      "  -p, --pretty        indent the JSON\n"
	      "  -s, --stats         more detail (counters that are zero)\n"
	      "  -n, --netns NAME    act in network namespace NAME (ip netns)\n"
	      "  -b, --batch FILE    run the commands in FILE, one per line (- is stdin)\n"
	      "  -V, --version       print the version\n"
	      "  -h, --help          print this help\n", f);
}

static void usage_flush(FILE *f)
{
	fputs("  v6gw flush                        remove the whole configuration\n"
	      "                                    (not PD delegations: pd flush)\n",
	      f);
}

/* "v6gw flush": in a batch, inside its transaction (a restore). */
static int cmd_flush(int argc, char **argv)
{
	static const char *const names[] = { NULL };
	int ret = cli_want_args(argc, argv, 0, names, usage_flush);

	if (ret)
		return ret;
	return cli_request(V6GW_CMD_FLUSH, NULL, NULL);
}

/* "v6gw help [OBJECT]" */
static int cmd_help(int argc, char **argv)
{
	int i;

	if (cli_opts.dry_run)
		return CLI_OK;
	if (!argc) {
		help_full(stdout);
		return CLI_OK;
	}
	i = util_match(argv[0], objects, ARRAY_SIZE(objects),
		       sizeof(*objects), "object");
	if (i < 0)
		return cli_usage(usage_short);
	if (!objects[i].usage) {
		help_full(stdout);
		return CLI_OK;
	}
	printf("Usage:\n");
	objects[i].usage(stdout);
	return CLI_OK;
}

static const struct cli_level top_level = {
	.path = NULL,
	.cmds = objects,
	.ncmds = ARRAY_SIZE(objects),
	.usage = usage_short,
};

int cli_usage(void (*usage)(FILE *f))
{
	fputs("Usage:\n", stderr);
	usage(stderr);
	return CLI_USAGE;
}

int cli_dispatch(const struct cli_level *lvl, int argc, char **argv)
{
	const char *word = argc ? argv[0] : lvl->dflt;
	const struct cli_cmd *cmd;
	char what[64] = "object";
	int i;

	if (lvl->path)
		snprintf(what, sizeof(what), "\"%s\" command", lvl->path);
	if (!word) {
		util_err("missing %s", what);
		return cli_usage(lvl->usage);
	}
	if (!strcmp(word, "-h") || !strcmp(word, "--help"))
		word = "help";

	i = util_match(word, lvl->cmds, lvl->ncmds, sizeof(*lvl->cmds), what);
	if (i < 0)
		return cli_usage(lvl->usage);
	cmd = &lvl->cmds[i];
	if (!cmd->run) {
		if (!cli_opts.dry_run) {
			printf("Usage:\n");
			lvl->usage(stdout);
		}
		return CLI_OK;
	}
	if (argc)
		return cmd->run(argc - 1, argv + 1);
	return cmd->run(0, argv);
}

/* A batch's transaction: wanted, and opened by the first line with I/O. */
static bool txn_wanted, txn_open;

struct nl *cli_nl(void)
{
	struct nlmsghdr *nlh;

	if (!nl_sock) {
		if (cli_opts.netns && util_netns_enter(cli_opts.netns))
			return NULL;
		if (nl_open(&nl_sock))
			return NULL;
	}
	if (txn_wanted && !txn_open) {
		nlh = nl_msg(nl_sock, V6GW_CMD_TXN_BEGIN, 0);
		if (nl_talk(nl_sock, nlh, NULL, NULL))
			return NULL;
		txn_open = true;
	}
	return nl_sock;
}

/* Global options, on the command line or at the start of a batch line. */

enum {
	OPT_DONE,
	OPT_ERR,
	OPT_VERSION,
	OPT_HELP,
};

static const struct option long_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "pretty", no_argument, NULL, 'p' },
	{ "stats", no_argument, NULL, 's' },
	{ "netns", required_argument, NULL, 'n' },
	{ "batch", required_argument, NULL, 'b' },
	{ "version", no_argument, NULL, 'V' },
	{ "help", no_argument, NULL, 'h' },
	{}
};

/*
 * Parse options from argv[1..] into cli_opts; *@batch gets -b's file.
 * On OPT_DONE, *@next is the index of the first word of the command.
 */
static int parse_opts(int argc, char **argv, bool in_batch,
		      const char **batch, int *next)
{
	int c;

	opterr = 0;
	optind = 0;	/* glibc: full reinitialisation, for every line */
	while ((c = getopt_long(argc, argv, "+jpsn:b:Vh", long_opts,
				NULL)) != -1) {
		if (in_batch && c != 'j' && c != 'p' && c != 's' &&
		    c != '?') {
			util_err("option -%c is not allowed in a batch line, only before -b",
				 c);
			return OPT_ERR;
		}
		switch (c) {
		case 'j':
			cli_opts.json = true;
			break;
		case 'p':
			cli_opts.pretty = true;
			break;
		case 's':
			cli_opts.stats = true;
			break;
		case 'n':
			if (util_netns_check_name(optarg))
				return OPT_ERR;
			cli_opts.netns = optarg;
			break;
		case 'b':
			*batch = optarg;
			break;
		case 'V':
			return OPT_VERSION;
		case 'h':
			return OPT_HELP;
		default:
			if (optopt == 'n' || optopt == 'b')
				util_err("option \"%s\" needs an argument",
					 argv[optind - 1]);
			else if (optopt)
				util_err("unknown option \"-%c\"", optopt);
			else
				util_err("unknown option \"%s\"",
					 argv[optind - 1]);
			return OPT_ERR;
		}
	}
	*next = optind;
	return OPT_DONE;
}

/* Batch mode */

/*
 * Split @line in place into at most @max words. Words are separated by
 * blanks; double quotes group blanks into a word, and inside them \" and
 * \\ stand for " and \. A '#' starting a word starts a comment. Returns
 * the number of words, or -1 after printing why not.
 */
static int tokenize(char *line, char **words, int max)
{
	char *s = line, *d;
	int n = 0;

	for (;;) {
		bool quoted = false;

		while (*s && strchr(" \t\r\n\v\f", *s))
			s++;
		if (!*s || *s == '#')
			return n;
		if (n == max) {
			util_err("too many words");
			return -1;
		}
		words[n++] = d = s;
		for (; *s && (quoted || !strchr(" \t\r\n\v\f", *s)); s++) {
			if (*s == '"') {
				quoted = !quoted;
				continue;
			}
			if (quoted && *s == '\\' && s[1] && strchr("\"\\", s[1]))
				s++;
			*d++ = *s;
		}
		if (quoted) {
			util_err("unterminated quote");
			return -1;
		}
		if (*s)
			s++;
		*d = '\0';
	}
}

static int run_line(char *line)
{
	struct cli_opts saved = cli_opts;
	const char *batch = NULL;
	int n, next, ret;
	char **words;

	/* a word takes at least two bytes, counting its separator */
	words = calloc(strlen(line) / 2 + 2, sizeof(*words));
	if (!words) {
		util_err("out of memory");
		return CLI_FAIL;
	}
	words[0] = "v6gw";
	n = tokenize(line, words + 1, (int)(strlen(line) / 2 + 1));
	if (n <= 0) {
		ret = n ? CLI_USAGE : CLI_OK;
		goto out;
	}
	ret = parse_opts(n + 1, words, true, &batch, &next);
	if (ret != OPT_DONE) {
		ret = CLI_USAGE;
		goto out;
	}
	if (next > n) {
		util_err("options but no command");
		ret = CLI_USAGE;
		goto out;
	}
	ret = cli_dispatch(&top_level, n + 1 - next, words + next);
out:
	free(words);
	cli_opts = saved;
	return ret;
}

struct lines {
	char **v;
	size_t n, cap;
};

static void lines_free(struct lines *l)
{
	while (l->n)
		free(l->v[--l->n]);
	free(l->v);
}

static int lines_read(const char *file, struct lines *l)
{
	FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
	size_t size = 0;
	char *buf = NULL;
	int ret = -1;

	if (!f) {
		util_err("batch %s: %s", file, strerror(errno));
		return -1;
	}
	while (getline(&buf, &size, f) >= 0) {
		if (util_array_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v)))
			goto out_oom;
		l->v[l->n] = strdup(buf);
		if (!l->v[l->n])
			goto out_oom;
		l->n++;
	}
	if (ferror(f)) {
		util_err("batch %s: %s", file, strerror(errno));
		goto out;
	}
	ret = 0;
	goto out;
out_oom:
	util_err("out of memory");
out:
	free(buf);
	if (f != stdin)
		fclose(f);
	return ret;
}

/*
 * One pass over the file; stops at the first failing line. @last_seq,
 * when given, gets the sequence number of the last request sent when
 * each line is done (0 before the first).
 */
static int run_lines(const struct lines *l, uint32_t *last_seq)
{
	size_t i;
	int ret;

	for (i = 0; i < l->n; i++) {
		char *line = strdup(l->v[i]);

		if (!line) {
			util_err("out of memory");
			return CLI_FAIL;
		}
		cli_opts.batch_line = i + 1;
		ret = run_line(line);
		free(line);
		if (last_seq)
			last_seq[i] = nl_sock ? nl_seq(nl_sock) : 0;
		if (ret)
			return ret;
	}
	return CLI_OK;
}

/* For a failed commit's message: the line that sent request @seq. */
static const struct lines *seq_lines;
static const uint32_t *seq_last;

static void seq_to_line(uint32_t seq)
{
	size_t i;

	cli_opts.batch_line = 0;
	for (i = 0; i < seq_lines->n; i++) {
		if (seq_last[i] && (int32_t)(seq_last[i] - seq) >= 0) {
			cli_opts.batch_line = i + 1;
			return;
		}
	}
}

/*
 * Check the syntax of every line first, so that a typo changes nothing;
 * then run them in one transaction, opened by the first line that talks
 * to the kernel (V6GW_CMD_TXN_BEGIN ... COMMIT): the kernel builds the
 * new configuration aside and puts it in place at once, or, when a line
 * or the commit fails, leaves the running one as it was.
 */
static int do_batch(const char *file)
{
	uint32_t *last = NULL;
	struct lines l = {};
	int ret;

	if (lines_read(file, &l)) {
		lines_free(&l);
		return CLI_FAIL;
	}
	cli_opts.batch_name = strcmp(file, "-") ? file : "<stdin>";
	cli_opts.dry_run = true;
	ret = run_lines(&l, NULL);
	cli_opts.dry_run = false;
	if (ret)
		goto out;
	ret = CLI_FAIL;
	last = calloc(l.n + 1, sizeof(*last));
	if (!last) {
		util_err("out of memory");
		goto out;
	}
	txn_wanted = true;
	ret = run_lines(&l, last);
	txn_wanted = false;
	cli_opts.batch_line = 0;
	if (!txn_open)
		goto out;		/* no line talked to the kernel */
	txn_open = false;
	if (ret) {
		/* closing the socket would do it too */
		cli_request(V6GW_CMD_TXN_ABORT, NULL, NULL);
	} else {
		seq_lines = &l;
		seq_last = last;
		nl_seq_hook = seq_to_line;
		ret = cli_request(V6GW_CMD_TXN_COMMIT, NULL, NULL);
		nl_seq_hook = NULL;
		cli_opts.batch_line = 0;
	}
	if (ret)
		util_err("nothing applied, the running configuration is unchanged");
out:
	cli_opts.batch_name = NULL;
	free(last);
	lines_free(&l);
	return ret ? CLI_FAIL : CLI_OK;
}

int main(int argc, char **argv)
{
	const char *batch = NULL;
	int next, ret;

	switch (parse_opts(argc, argv, false, &batch, &next)) {
	case OPT_VERSION:
		printf("v6gw %s (generic netlink family %s version %d)\n",
		       V6GW_VERSION, V6GW_GENL_NAME, V6GW_GENL_VERSION);
		return CLI_OK;
	case OPT_HELP:
		help_full(stdout);
		return CLI_OK;
	case OPT_ERR:
		return cli_usage(usage_short);
	}

	if (batch) {
		if (next < argc) {
			util_err("unexpected argument \"%s\" after -b FILE",
				 argv[next]);
			return cli_usage(usage_short);
		}
		ret = do_batch(batch);
	} else {
		ret = cli_dispatch(&top_level, argc - next, argv + next);
	}
	nl_close(nl_sock);
	return ret;
}
