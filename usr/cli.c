// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw: the building blocks shared by the object files (siit.c, nat64*.c):
 * starting a show or a request, argument counts, and the lists of IPv6
 * prefixes that both translators dump (siit pool6, nat64 prefixes).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/v6gw.h>

#include "json.h"
#include "nl.h"
#include "utils.h"
#include "v6gw.h"

void cli_json_start(struct json *j)
{
	json_init(j, stdout, cli_opts.pretty);
}

struct json *cli_stream_entry(struct cli_stream *s)
{
	if (!cli_opts.json || s->off)
		return NULL;
	if (!s->open) {
		cli_json_start(&s->j);
		json_arr_open(&s->j);
		s->open = true;
	}
	return &s->j;
}

int cli_stream_end(struct cli_stream *s, int ret)
{
	if (!cli_opts.json || s->off || (ret && !s->open))
		return ret;
	cli_stream_entry(s);
	json_arr_close(&s->j);
	json_end(&s->j);
	return ret;
}

struct nl *cli_io_start(int *ret)
{
	struct nl *nl;

	*ret = CLI_OK;
	if (cli_opts.dry_run)
		return NULL;
	nl = cli_nl();
	if (!nl)
		*ret = CLI_FAIL;
	return nl;
}

struct nl *cli_show_start(int argc, char **argv, void (*usage)(FILE *f),
			  int *ret)
{
	if (argc) {
		util_err("unexpected argument \"%s\"", argv[0]);
		*ret = cli_usage(usage);
		return NULL;
	}
	return cli_io_start(ret);
}

int cli_request(uint8_t cmd, int (*put)(struct nlmsghdr *nlh,
					const void *arg), const void *arg)
{
	struct nlmsghdr *nlh;
	struct nl *nl;
	int ret;

	nl = cli_io_start(&ret);
	if (!nl)
		return ret;
	nlh = nl_msg(nl, cmd, 0);
	if ((put && put(nlh, arg)) || nl_talk(nl, nlh, NULL, NULL))
		return CLI_FAIL;
	return CLI_OK;
}

int cli_want_args(int argc, char **argv, int n, const char *const *names,
		  void (*usage)(FILE *f))
{
	if (argc == n)
		return 0;
	if (argc > n)
		util_err("unexpected argument \"%s\"", argv[n]);
	else
		util_err("missing %s", names[argc]);
	return cli_usage(usage);
}

int cli_bad_msg(void)
{
	errno = EBADMSG;
	return MNL_CB_ERROR;
}

/* Lists of IPv6 prefixes */

static int prefix6_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[V6GW_A_MAX + 1];
	struct prefixes6 *ps = data;

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	if (!tb[V6GW_A_PREFIX])
		return cli_bad_msg();
	if (util_array_grow(&ps->v, &ps->cap, ps->n + 1, sizeof(*ps->v)) ||
	    nl_get_prefix6(tb[V6GW_A_PREFIX], &ps->v[ps->n]))
		return MNL_CB_ERROR;
	ps->n++;
	return MNL_CB_OK;
}

int cli_prefixes6_fetch(struct nl *nl, uint8_t cmd, struct prefixes6 *ps)
{
	return nl_talk(nl, nl_msg(nl, cmd, NLM_F_DUMP), prefix6_cb, ps);
}

void cli_prefixes6_print(const struct prefixes6 *ps, struct json *j,
			 const char *indent)
{
	char buf[PREFIX6_STRLEN];
	size_t i;

	if (j)
		json_arr_open(j);
	for (i = 0; i < ps->n; i++) {
		util_fmt_prefix6(buf, &ps->v[i]);
		if (!j) {
			printf("%s%s\n", indent, buf);
			continue;
		}
		json_obj_open(j);
		json_kv_str(j, "prefix", buf);
		json_obj_close(j);
	}
	if (j)
		json_arr_close(j);
}

int cli_prefixes6_show(uint8_t cmd, int argc, char **argv,
		       void (*usage)(FILE *f))
{
	struct prefixes6 ps = {};
	struct json j;
	struct nl *nl;
	int ret;

	nl = cli_show_start(argc, argv, usage, &ret);
	if (!nl)
		return ret;
	ret = CLI_FAIL;
	if (!cli_prefixes6_fetch(nl, cmd, &ps)) {
		if (cli_opts.json) {
			cli_json_start(&j);
			cli_prefixes6_print(&ps, &j, "");
			json_end(&j);
		} else {
			cli_prefixes6_print(&ps, NULL, "");
		}
		ret = CLI_OK;
	}
	free(ps.v);
	return ret;
}

static int put_prefix6(struct nlmsghdr *nlh, const void *arg)
{
	return nl_put_prefix6(nlh, V6GW_A_PREFIX, arg);
}

int cli_prefix6_change(uint8_t cmd, int argc, char **argv,
		       void (*usage)(FILE *f))
{
	static const char *const names[] = { "PREFIX/LEN" };
	struct prefix6 p;
	int ret;

	ret = cli_want_args(argc, argv, 1, names, usage);
	if (ret)
		return ret;
	if (util_parse_prefix6(argv[0], &p))
		return cli_usage(usage);
	return cli_request(cmd, put_prefix6, &p);
}
