// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * DHCPv6 prefix delegation, the portable part: unwrap relay messages, then
 * read the IA_PD and IAPREFIX options of a Reply or a Release; see
 * dhcp6.h. Every option of every container read is checked to lie within
 * it, whatever its code; options are otherwise taken as they come.
 */
#include "dhcp6.h"

#define MSG_HDR		4	/* msg-type, transaction-id */
#define RELAY_HDR	34	/* msg-type, hop-count, link- and peer-address */
#define IA_PD_HDR	12	/* IAID, T1, T2 */
#define IAPREFIX_HDR	25	/* lifetimes, prefix length, prefix */

struct opt {
	uint16_t code;
	const uint8_t *data;
	size_t len;
};

/*
 * The option at *@off of the option area @p (@len bytes), *@off moved past
 * it. Returns 1 for an option, 0 at the end, -1 when the option header or
 * its data runs past the end.
 */
static int next_opt(const uint8_t *p, size_t len, size_t *off,
		    struct opt *o)
{
	size_t rest = len - *off;

	if (!rest)
		return 0;
	if (rest < 4)
		return -1;
	o->code = v6gw_get_be16(p + *off);
	o->len = v6gw_get_be16(p + *off + 2);
	if (o->len > rest - 4)
		return -1;
	o->data = p + *off + 4;
	*off += 4 + o->len;
	return 1;
}

/* A Status Code option: 1 Success, 0 another status, -1 too short. */
static int status_ok(const struct opt *o)
{
	if (o->len < 2)
		return -1;
	return v6gw_get_be16(o->data) == 0;
}

/* One IAPREFIX option: 1 when it is to be reported, 0 if not, -1 bad. */
static int iaprefix(const struct opt *o, bool reply,
		    struct v6gw_dhcp6_prefix *pf)
{
	size_t off = IAPREFIX_HDR;
	bool ok = true;
	struct opt s;
	int r;

	if (o->len < IAPREFIX_HDR)
		return -1;
	while ((r = next_opt(o->data, o->len, &off, &s)) > 0) {
		if (s.code != V6GW_DHCP6_OPT_STATUS)
			continue;
		r = status_ok(&s);
		if (r < 0)
			return -1;
		if (!r)
			ok = false;
	}
	if (r < 0)
		return -1;
	pf->preferred = v6gw_get_be32(o->data);
	pf->valid = v6gw_get_be32(o->data + 4);
	pf->len = o->data[8];
	memcpy(pf->addr, o->data + 9, 16);
	if (!ok || pf->len > 128 || (reply && pf->preferred > pf->valid))
		return 0;
	return 1;
}

/* One IA_PD option: its prefixes into @info, or none. 0, or -1 if bad. */
static int ia_pd(const struct opt *o, bool reply,
		 struct v6gw_dhcp6_info *info)
{
	uint8_t n0 = info->nprefix;
	bool more0 = info->more, ok = true;
	size_t off = IA_PD_HDR;
	struct v6gw_dhcp6_prefix pf;
	struct opt s;
	int r;

	if (o->len < IA_PD_HDR)
		return -1;
	while ((r = next_opt(o->data, o->len, &off, &s)) > 0) {
		if (s.code == V6GW_DHCP6_OPT_STATUS) {
			r = status_ok(&s);
			if (r < 0)
				return -1;
			if (!r)
				ok = false;
		} else if (s.code == V6GW_DHCP6_OPT_IAPREFIX) {
			r = iaprefix(&s, reply, &pf);
			if (r < 0)
				return -1;
			if (!r)
				continue;
			if (info->nprefix < V6GW_DHCP6_PD_N)
				info->prefix[info->nprefix++] = pf;
			else
				info->more = true;
		}
	}
	if (r < 0)
		return -1;
	if (!ok) {
		info->nprefix = n0;
		info->more = more0;
	}
	return 0;
}

/* The Relay Message option of a relay message's options, NULL if bad. */
static const struct opt *relay_msg(const uint8_t *p, size_t len,
				   struct opt *msg)
{
	const struct opt *found = NULL;
	size_t off = 0;
	struct opt o;
	int r;

	while ((r = next_opt(p, len, &off, &o)) > 0)
		if (o.code == V6GW_DHCP6_OPT_RELAY_MSG && !found) {
			*msg = o;
			found = msg;
		}
	return r < 0 ? NULL : found;
}

enum v6gw_dhcp6_verdict v6gw_dhcp6_parse(const uint8_t *msg, size_t len,
					 struct v6gw_dhcp6_info *info)
{
	bool ok = true, ia = false, reply;
	size_t off = MSG_HDR;
	struct opt o;
	int r;

	memset(info, 0, sizeof(*info));
	while (len && (msg[0] == V6GW_DHCP6_RELAY_FORW ||
		       msg[0] == V6GW_DHCP6_RELAY_REPL)) {
		if (len < RELAY_HDR || info->depth == V6GW_DHCP6_RELAY_DEPTH)
			return V6GW_DHCP6_MALFORMED;
		memcpy(info->peer, msg + 18, 16);
		if (!relay_msg(msg + RELAY_HDR, len - RELAY_HDR, &o))
			return V6GW_DHCP6_MALFORMED;
		info->depth++;
		info->have_peer = true;
		msg = o.data;
		len = o.len;
	}
	if (len < MSG_HDR)
		return V6GW_DHCP6_MALFORMED;
	info->type = msg[0];
	if (info->type != V6GW_DHCP6_REPLY && info->type != V6GW_DHCP6_RELEASE)
		return V6GW_DHCP6_IGNORE;
	reply = info->type == V6GW_DHCP6_REPLY;

	while ((r = next_opt(msg, len, &off, &o)) > 0) {
		if (o.code == V6GW_DHCP6_OPT_STATUS) {
			r = status_ok(&o);
			if (r < 0)
				return V6GW_DHCP6_MALFORMED;
			if (!r)
				ok = false;
		} else if (o.code == V6GW_DHCP6_OPT_IA_PD) {
			if (ia_pd(&o, reply, info) < 0)
				return V6GW_DHCP6_MALFORMED;
			ia = true;
		}
	}
	if (r < 0)
		return V6GW_DHCP6_MALFORMED;
	return ok && ia ? V6GW_DHCP6_PD : V6GW_DHCP6_IGNORE;
}
