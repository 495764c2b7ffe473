/* SPDX-License-Identifier: GPL-2.0 */
/*
 * v6gw: the command-line tool. Global options, the command tables and the
 * entry point of every object.
 *
 * Adding an object is one file plus one row: write foo.c with
 * v6gw_foo_main() and v6gw_foo_usage(), declare them below, and add
 * { "foo", v6gw_foo_main, v6gw_foo_usage } to the object table in v6gw.c.
 */
#ifndef V6GW_CLI_H
#define V6GW_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "json.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit codes, and what every command handler returns. */
enum {
	CLI_OK = 0,
	CLI_FAIL = 1,		/* the kernel said no, or I/O failed */
	CLI_USAGE = 2,		/* bad syntax, unknown word, bad prefix */
};

struct cli_opts {
	bool json;		/* -j */
	bool pretty;		/* -p: indent JSON */
	bool stats;		/* -s: more detail (zero counters) */
	bool dry_run;		/* batch pass 1: parse only, no I/O */
	const char *netns;	/* -n NAME */
	const char *batch_name;	/* error context, NULL outside batch */
	unsigned long batch_line;
};

extern struct cli_opts cli_opts;

/*
 * One word of the grammar. run == NULL marks the "help" row: it prints the
 * level's usage. run gets the words after this one. usage, for objects,
 * prints their lines of "v6gw help".
 */
struct cli_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	void (*usage)(FILE *f);
};

/* A set of words that may follow a given prefix of the command line. */
struct cli_level {
	const char *path;	/* e.g. "siit prefix", for messages */
	const struct cli_cmd *cmds;
	size_t ncmds;
	const char *dflt;	/* word assumed when none is given, or NULL */
	void (*usage)(FILE *f);
};

int cli_dispatch(const struct cli_level *lvl, int argc, char **argv);

/* Print "Usage:" and @usage's lines on stderr; returns CLI_USAGE. */
int cli_usage(void (*usage)(FILE *f));

struct nl;
struct nl *cli_nl(void);

/*
 * cli.c: the building blocks of the object files. The *_start() return
 * NULL with *@ret set when there is no I/O (dry run, or no socket).
 */
struct json;
struct nlmsghdr;
struct prefix6;

void cli_json_start(struct json *j);	/* on stdout, -p honoured */

/*
 * A dump shown with -j: one JSON array, opened at the first entry so that
 * nothing is printed when the request fails at once, and closed (well
 * formed) even when the dump fails half-way. @off: no JSON (text, save).
 */
struct cli_stream {
	struct json j;
	bool open;
	bool off;
};
struct json *cli_stream_entry(struct cli_stream *s);	/* NULL: text */
int cli_stream_end(struct cli_stream *s, int ret);
struct nl *cli_io_start(int *ret);
/* Every show without arguments. */
struct nl *cli_show_start(int argc, char **argv, void (*usage)(FILE *f),
			  int *ret);
/* A "do" request whose attributes @put adds; no reply beyond the ACK. */
int cli_request(uint8_t cmd, int (*put)(struct nlmsghdr *nlh,
					const void *arg), const void *arg);
/* Argument count of add and del: "missing NAME" or "unexpected argument". */
int cli_want_args(int argc, char **argv, int n, const char *const *names,
		  void (*usage)(FILE *f));
/* A malformed reply: errno EBADMSG, MNL_CB_ERROR. */
int cli_bad_msg(void);

/* A dump of V6GW_A_PREFIX attributes (siit pool6, nat64 prefixes). */
struct prefixes6 {
	struct prefix6 *v;
	size_t n, cap;
};

int cli_prefixes6_fetch(struct nl *nl, uint8_t cmd, struct prefixes6 *ps);
/* Plain: one prefix a line after @indent; or [{"prefix":...}]. */
void cli_prefixes6_print(const struct prefixes6 *ps, struct json *j,
			 const char *indent);
/* "show": the dump of @cmd, printed; no arguments. */
int cli_prefixes6_show(uint8_t cmd, int argc, char **argv,
		       void (*usage)(FILE *f));
/* "add" and "del": one PREFIX/LEN argument, sent in V6GW_A_PREFIX. */
int cli_prefix6_change(uint8_t cmd, int argc, char **argv,
		       void (*usage)(FILE *f));

int v6gw_stats_main(int argc, char **argv);
void v6gw_stats_usage(FILE *f);

int v6gw_siit_main(int argc, char **argv);
void v6gw_siit_usage(FILE *f);

int v6gw_nat64_main(int argc, char **argv);
void v6gw_nat64_usage(FILE *f);

int v6gw_ra_main(int argc, char **argv);
void v6gw_ra_usage(FILE *f);

int v6gw_pd_main(int argc, char **argv);
void v6gw_pd_usage(FILE *f);
/* pd.c's part of "v6gw save", on stdout: "pd snoop" lines, "pd add" lines */
int pd_snoop_save(struct nl *nl);
int pd_save(struct nl *nl);

int v6gw_clat_main(int argc, char **argv);
void v6gw_clat_usage(FILE *f);

/* monitor.c: "v6gw monitor" */
int v6gw_monitor_main(int argc, char **argv);
void v6gw_monitor_usage(FILE *f);

/* save.c: "v6gw save"; each object's part of it, printed on stdout */
int v6gw_save_main(int argc, char **argv);
void v6gw_save_usage(FILE *f);
int siit_save(struct nl *nl);
int nat64_save(struct nl *nl);
int ra_save(struct nl *nl);
int clat_save(struct nl *nl);

#endif /* V6GW_CLI_H */
