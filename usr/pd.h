/* SPDX-License-Identifier: GPL-2.0 */
/*
 * v6gw pd: what pd.c (add, del, flush, snoop on|off) and pd_show.c (show,
 * snoop show, save) share.
 */
#ifndef V6GW_USR_PD_H
#define V6GW_USR_PD_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* V6GW_PD_A_VALID and _PREFERRED: infinite */
#define LIFETIME_INFINITY	0xffffffffU
/* "2026-12-01T20:15:00Z" plus NUL, and room for a far year */
#define TIME_STRLEN		32

struct snoop {
	const char *dev;
	uint32_t ifindex;
	bool has_onoff, on;
	char ifname[IF_NAMESIZE];	/* replies */
};

void pd_usage_show(FILE *f);
void pd_usage_snoop(FILE *f);
/* "help" alone, as the word after a command: its own usage */
bool pd_want_help(int argc, char **argv, void (*usage)(FILE *f));
/* Unix time @t as "YYYY-MM-DDTHH:MM:SSZ"; "@N" if gmtime() cannot. */
const char *pd_fmt_time(char buf[TIME_STRLEN], uint64_t t);

int pd_show(int argc, char **argv);
int pd_snoop_show(int argc, char **argv);

#endif /* V6GW_USR_PD_H */
