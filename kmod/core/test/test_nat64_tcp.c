// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests for nat64_tcp.c, the RFC 6146 section 3.5.2.2 TCP state
 * machine: every state x side x flag combination of interest against rows
 * written from the RFC's text, the expiry of every state, whole
 * connections step by step, all 256 flag bytes in every state from both
 * sides, and the state names.
 */
#include <stdio.h>

#include "nat64_tcp.h"
#include "unit.h"

/* The states are numbered as in the netlink API. */
#include "../../../uapi/linux/v6gw.h"

#define SAME_NUMBER(a, b) \
	_Static_assert((int)(a) == (int)(b), #a " == " #b)
SAME_NUMBER(V6GW_TS_CLOSED, V6GW_TCP_CLOSED);
SAME_NUMBER(V6GW_TS_V4_INIT, V6GW_TCP_V4_INIT);
SAME_NUMBER(V6GW_TS_V6_INIT, V6GW_TCP_V6_INIT);
SAME_NUMBER(V6GW_TS_ESTABLISHED, V6GW_TCP_ESTABLISHED);
SAME_NUMBER(V6GW_TS_V4_FIN_RCV, V6GW_TCP_V4_FIN_RCV);
SAME_NUMBER(V6GW_TS_V6_FIN_RCV, V6GW_TCP_V6_FIN_RCV);
SAME_NUMBER(V6GW_TS_V4_FIN_V6_FIN_RCV, V6GW_TCP_V4_FIN_V6_FIN_RCV);
SAME_NUMBER(V6GW_TS_TRANS, V6GW_TCP_TRANS);
SAME_NUMBER(V6GW_TS_COUNT, V6GW_TCP_TRANS + 1);

void test_nat64_tcp(void);

/* States */
#define C	V6GW_TS_CLOSED
#define I4	V6GW_TS_V4_INIT
#define I6	V6GW_TS_V6_INIT
#define ES	V6GW_TS_ESTABLISHED
#define F4	V6GW_TS_V4_FIN_RCV
#define F6	V6GW_TS_V6_FIN_RCV
#define FF	V6GW_TS_V4_FIN_V6_FIN_RCV
#define TR	V6GW_TS_TRANS
/* Lifetimes */
#define K	V6GW_TT_KEEP
#define E	V6GW_TT_EST
#define T	V6GW_TT_TRANS
/* Sides */
#define D6	true
#define D4	false
/* Flags */
#define ACK	0x10
#define PSH	0x08
#define SYN	V6GW_TCP_SYN
#define FIN	V6GW_TCP_FIN
#define RST	V6GW_TCP_RST
#define SA	(SYN | ACK)
#define FA	(FIN | ACK)
#define RA	(RST | ACK)
#define SF	(SYN | FIN)
#define SR	(SYN | RST)
#define FR	(FIN | RST)

/* The ten flag classes every state is tested with, from both sides. */
static const uint8_t classes[] = { SYN, FIN, RST, ACK, SA, FA, RA, SF, SR, FR };
#define NCLASSES (sizeof(classes) / sizeof(classes[0]))

struct tcp_row {
	uint8_t state;
	bool from6;
	uint8_t flags;
	uint8_t new_state;
	uint8_t timer;
};

static const struct tcp_row rows[] = {
	/*
	 * CLOSED. A V6 SYN (a connection the IPv6 side opens) creates the
	 * session in V6 INIT with lifetime TCP_TRANS, and the packet is
	 * translated.
	 */
	{ C, D6, SYN, I6, T },
	{ C, D6, SA, I6, T },
	/*
	 * A V4 SYN (a connection the IPv4 side opens) creates it in V4 INIT;
	 * when it is translated (a BIB entry exists and no address-dependent
	 * filter holds it) the lifetime is TCP_TRANS. Holding it with
	 * TCP_INCOMING_SYN is the caller's decision (nat64_tcp.h).
	 */
	{ C, D4, SYN, I4, T },
	{ C, D4, SA, I4, T },
	/*
	 * Other packets of no session create none. Precedence: a RST, and
	 * the invalid SYN+FIN, are not SYNs.
	 */
	{ C, D6, FIN, C, K },
	{ C, D6, RST, C, K },
	{ C, D6, ACK, C, K },
	{ C, D6, FA, C, K },
	{ C, D6, RA, C, K },
	{ C, D6, SF, C, K },
	{ C, D6, SR, C, K },
	{ C, D6, FR, C, K },
	{ C, D4, FIN, C, K },
	{ C, D4, RST, C, K },
	{ C, D4, ACK, C, K },
	{ C, D4, FA, C, K },
	{ C, D4, RA, C, K },
	{ C, D4, SF, C, K },
	{ C, D4, SR, C, K },
	{ C, D4, FR, C, K },

	/*
	 * V4 INIT. A V6 SYN moves the session to ESTABLISHED with lifetime
	 * TCP_EST (the IPv6 host's SYN+ACK, or its SYN of a simultaneous
	 * open).
	 */
	{ I4, D6, SYN, ES, E },
	{ I4, D6, SA, ES, E },
	/* Any other packet is translated, state and lifetime unchanged. */
	{ I4, D6, FIN, I4, K },
	{ I4, D6, RST, I4, K },
	{ I4, D6, ACK, I4, K },
	{ I4, D6, FA, I4, K },
	{ I4, D6, RA, I4, K },
	{ I4, D6, SF, I4, K },
	{ I4, D6, SR, I4, K },
	{ I4, D6, FR, I4, K },
	{ I4, D4, SYN, I4, K },
	{ I4, D4, FIN, I4, K },
	{ I4, D4, RST, I4, K },
	{ I4, D4, ACK, I4, K },
	{ I4, D4, SA, I4, K },
	{ I4, D4, FA, I4, K },
	{ I4, D4, RA, I4, K },
	{ I4, D4, SF, I4, K },
	{ I4, D4, SR, I4, K },
	{ I4, D4, FR, I4, K },

	/* V6 INIT. A V4 SYN moves the session to ESTABLISHED, TCP_EST. */
	{ I6, D4, SYN, ES, E },
	{ I6, D4, SA, ES, E },
	/* A V6 SYN (retransmitted) sets the lifetime to TCP_TRANS again. */
	{ I6, D6, SYN, I6, T },
	{ I6, D6, SA, I6, T },
	/* Any other packet is translated, state and lifetime unchanged. */
	{ I6, D6, FIN, I6, K },
	{ I6, D6, RST, I6, K },
	{ I6, D6, ACK, I6, K },
	{ I6, D6, FA, I6, K },
	{ I6, D6, RA, I6, K },
	{ I6, D6, SF, I6, K },
	{ I6, D6, SR, I6, K },
	{ I6, D6, FR, I6, K },
	{ I6, D4, FIN, I6, K },
	{ I6, D4, RST, I6, K },
	{ I6, D4, ACK, I6, K },
	{ I6, D4, FA, I6, K },
	{ I6, D4, RA, I6, K },
	{ I6, D4, SF, I6, K },
	{ I6, D4, SR, I6, K },
	{ I6, D4, FR, I6, K },

	/*
	 * ESTABLISHED. A V4 FIN is translated and moves the session to V4
	 * FIN RCV, a V6 FIN to V6 FIN RCV; the lifetime is not touched.
	 */
	{ ES, D4, FIN, F4, K },
	{ ES, D4, FA, F4, K },
	{ ES, D6, FIN, F6, K },
	{ ES, D6, FA, F6, K },
	/*
	 * A V4 RST or V6 RST moves it to TRANS with lifetime TCP_TRANS
	 * (precedence: with SYN or FIN too, it is a RST).
	 */
	{ ES, D4, RST, TR, T },
	{ ES, D4, RA, TR, T },
	{ ES, D4, SR, TR, T },
	{ ES, D4, FR, TR, T },
	{ ES, D6, RST, TR, T },
	{ ES, D6, RA, TR, T },
	{ ES, D6, SR, TR, T },
	{ ES, D6, FR, TR, T },
	/* Any other packet sets the lifetime to TCP_EST, state unchanged. */
	{ ES, D4, SYN, ES, E },
	{ ES, D4, ACK, ES, E },
	{ ES, D4, SA, ES, E },
	{ ES, D4, SF, ES, E },
	{ ES, D6, SYN, ES, E },
	{ ES, D6, ACK, ES, E },
	{ ES, D6, SA, ES, E },
	{ ES, D6, SF, ES, E },

	/*
	 * V4 FIN RCV. A V6 FIN moves the session to V4 FIN + V6 FIN RCV
	 * with lifetime TCP_TRANS.
	 */
	{ F4, D6, FIN, FF, T },
	{ F4, D6, FA, FF, T },
	/*
	 * Any other packet (a RST, a retransmitted V4 FIN, data of the
	 * side still open) sets the lifetime to TCP_EST, state unchanged.
	 */
	{ F4, D6, SYN, F4, E },
	{ F4, D6, RST, F4, E },
	{ F4, D6, ACK, F4, E },
	{ F4, D6, SA, F4, E },
	{ F4, D6, RA, F4, E },
	{ F4, D6, SF, F4, E },
	{ F4, D6, SR, F4, E },
	{ F4, D6, FR, F4, E },
	{ F4, D4, SYN, F4, E },
	{ F4, D4, FIN, F4, E },
	{ F4, D4, RST, F4, E },
	{ F4, D4, ACK, F4, E },
	{ F4, D4, SA, F4, E },
	{ F4, D4, FA, F4, E },
	{ F4, D4, RA, F4, E },
	{ F4, D4, SF, F4, E },
	{ F4, D4, SR, F4, E },
	{ F4, D4, FR, F4, E },

	/* V6 FIN RCV, the mirror image: a V4 FIN closes the other half. */
	{ F6, D4, FIN, FF, T },
	{ F6, D4, FA, FF, T },
	/* Any other packet sets the lifetime to TCP_EST. */
	{ F6, D4, SYN, F6, E },
	{ F6, D4, RST, F6, E },
	{ F6, D4, ACK, F6, E },
	{ F6, D4, SA, F6, E },
	{ F6, D4, RA, F6, E },
	{ F6, D4, SF, F6, E },
	{ F6, D4, SR, F6, E },
	{ F6, D4, FR, F6, E },
	{ F6, D6, SYN, F6, E },
	{ F6, D6, FIN, F6, E },
	{ F6, D6, RST, F6, E },
	{ F6, D6, ACK, F6, E },
	{ F6, D6, SA, F6, E },
	{ F6, D6, FA, F6, E },
	{ F6, D6, RA, F6, E },
	{ F6, D6, SF, F6, E },
	{ F6, D6, SR, F6, E },
	{ F6, D6, FR, F6, E },

	/*
	 * V4 FIN + V6 FIN RCV. All packets are translated; only the
	 * lifetime's end changes anything.
	 */
	{ FF, D6, SYN, FF, K },
	{ FF, D6, FIN, FF, K },
	{ FF, D6, RST, FF, K },
	{ FF, D6, ACK, FF, K },
	{ FF, D6, SA, FF, K },
	{ FF, D6, FA, FF, K },
	{ FF, D6, RA, FF, K },
	{ FF, D6, SF, FF, K },
	{ FF, D6, SR, FF, K },
	{ FF, D6, FR, FF, K },
	{ FF, D4, SYN, FF, K },
	{ FF, D4, FIN, FF, K },
	{ FF, D4, RST, FF, K },
	{ FF, D4, ACK, FF, K },
	{ FF, D4, SA, FF, K },
	{ FF, D4, FA, FF, K },
	{ FF, D4, RA, FF, K },
	{ FF, D4, SF, FF, K },
	{ FF, D4, SR, FF, K },
	{ FF, D4, FR, FF, K },

	/*
	 * TRANS. A packet other than a RST moves the session back to
	 * ESTABLISHED with lifetime TCP_EST.
	 */
	{ TR, D6, SYN, ES, E },
	{ TR, D6, FIN, ES, E },
	{ TR, D6, ACK, ES, E },
	{ TR, D6, SA, ES, E },
	{ TR, D6, FA, ES, E },
	{ TR, D6, SF, ES, E },
	{ TR, D4, SYN, ES, E },
	{ TR, D4, FIN, ES, E },
	{ TR, D4, ACK, ES, E },
	{ TR, D4, SA, ES, E },
	{ TR, D4, FA, ES, E },
	{ TR, D4, SF, ES, E },
	/* A RST is translated; state and lifetime stay. */
	{ TR, D6, RST, TR, K },
	{ TR, D6, RA, TR, K },
	{ TR, D6, SR, TR, K },
	{ TR, D6, FR, TR, K },
	{ TR, D4, RST, TR, K },
	{ TR, D4, RA, TR, K },
	{ TR, D4, SR, TR, K },
	{ TR, D4, FR, TR, K },
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

static int class_index(uint8_t flags)
{
	unsigned int i;

	for (i = 0; i < NCLASSES; i++)
		if (classes[i] == flags)
			return (int)i;
	return -1;
}

static void test_rows(void)
{
	static unsigned char seen[V6GW_TS_COUNT][2][NCLASSES];
	struct v6gw_tcp_step out;
	unsigned int i, s, d;
	int c;

	for (i = 0; i < NROWS; i++) {
		const struct tcp_row *r = &rows[i];

		unit_iter = (long)i;
		out.state = 0xaa;
		out.timer = 0xaa;
		v6gw_tcp_packet(r->state, r->from6, r->flags, &out);
		if (!CHECK_EQ(out.state, r->new_state) ||
		    !CHECK_EQ(out.timer, r->timer))
			fprintf(stderr, "  row: %s from %s flags 0x%02x\n",
				v6gw_tcp_state_name(r->state),
				r->from6 ? "v6" : "v4", r->flags);

		c = class_index(r->flags);
		if (CHECK(c >= 0) && CHECK(r->state < V6GW_TS_COUNT))
			seen[r->state][r->from6][c]++;
	}
	unit_iter = -1;

	/* The table has every state x side x class exactly once. */
	CHECK_EQ(NROWS, V6GW_TS_COUNT * 2 * NCLASSES);
	for (s = 0; s < V6GW_TS_COUNT; s++)
		for (d = 0; d < 2; d++)
			for (i = 0; i < NCLASSES; i++) {
				unit_iter = (long)((s * 2 + d) * NCLASSES + i);
				CHECK_EQ(seen[s][d][i], 1);
			}
	unit_iter = -1;
}

/*
 * Expiry. ESTABLISHED: the NAT64 may probe the endpoints and moves the
 * session to TRANS with lifetime TCP_TRANS. V4 INIT (a held SYN is then
 * answered with ICMP port unreachable), V6 INIT, V4 FIN RCV, V6 FIN RCV,
 * V4 FIN + V6 FIN RCV and TRANS: the session is deleted.
 */
static const struct {
	uint8_t state;
	bool keep;
	uint8_t new_state;
	uint8_t timer;
} expiry[] = {
	{ C, false, C, K },
	{ I4, false, C, K },
	{ I6, false, C, K },
	{ ES, true, TR, T },
	{ F4, false, C, K },
	{ F6, false, C, K },
	{ FF, false, C, K },
	{ TR, false, C, K },
	/* Not states */
	{ V6GW_TS_COUNT, false, C, K },
	{ 0xff, false, C, K },
};

static void test_expiry(void)
{
	struct v6gw_tcp_step out;
	unsigned int i;

	for (i = 0; i < sizeof(expiry) / sizeof(expiry[0]); i++) {
		unit_iter = (long)i;
		out.state = 0xaa;
		out.timer = 0xaa;
		CHECK_EQ(v6gw_tcp_expired(expiry[i].state, &out),
			 expiry[i].keep);
		CHECK_EQ(out.state, expiry[i].new_state);
		CHECK_EQ(out.timer, expiry[i].timer);
	}
	unit_iter = -1;
}

/* One event of a connection: a packet, or the lifetime running out. */
struct seq_step {
	bool expire;
	bool from6;
	uint8_t flags;
	uint8_t state;	/* after the event; CLOSED: the session is gone */
	uint8_t timer;
};

#define P6(f, s, t)	{ false, true, (f), (s), (t) }
#define P4(f, s, t)	{ false, false, (f), (s), (t) }
#define X(s, t)		{ true, false, 0, (s), (t) }

/* The IPv6 host opens, both exchange data, it closes first. */
static const struct seq_step seq_v6_open[] = {
	P6(SYN, I6, T),
	P4(SA, ES, E),
	P6(ACK, ES, E),
	P6(PSH | ACK, ES, E),
	P4(ACK, ES, E),
	P4(PSH | ACK, ES, E),
	P6(FA, F6, K),
	P4(ACK, F6, E),
	P4(FA, FF, T),
	P6(ACK, FF, K),
	X(C, K),
	{ 0 }
};

/* The IPv4 host opens (the SYN is translated), it closes first. */
static const struct seq_step seq_v4_open[] = {
	P4(SYN, I4, T),
	P4(SYN, I4, K),		/* retransmitted before the answer */
	P6(SA, ES, E),
	P4(ACK, ES, E),
	P6(PSH | ACK, ES, E),
	P4(ACK, ES, E),
	P4(FA, F4, K),
	P6(FA, FF, T),
	P4(ACK, FF, K),
	X(C, K),
	{ 0 }
};

/* Both send a SYN: the IPv6 one first. */
static const struct seq_step seq_simultaneous6[] = {
	P6(SYN, I6, T),
	P6(SYN, I6, T),		/* retransmitted */
	P4(SYN, ES, E),
	P6(SA, ES, E),
	P4(SA, ES, E),
	P6(ACK, ES, E),
	{ 0 }
};

/* Both send a SYN: the IPv4 one first. */
static const struct seq_step seq_simultaneous4[] = {
	P4(SYN, I4, T),
	P6(SYN, ES, E),
	P4(SA, ES, E),
	P6(SA, ES, E),
	{ 0 }
};

/* A RST in the middle, then the connection goes on, then RST again. */
static const struct seq_step seq_rst[] = {
	P6(SYN, I6, T),
	P4(SA, ES, E),
	P6(ACK, ES, E),
	P4(RA, TR, T),
	P4(RST, TR, K),		/* more RSTs do not extend TCP_TRANS */
	P6(PSH | ACK, ES, E),	/* the RST was not accepted: traffic goes on */
	P4(ACK, ES, E),
	P6(RST, TR, T),
	X(C, K),
	{ 0 }
};

/* The IPv4 side closes its half and keeps receiving data for a while. */
static const struct seq_step seq_half_close[] = {
	P6(SYN, I6, T),
	P4(SA, ES, E),
	P6(ACK, ES, E),
	P4(FA, F4, K),
	P6(ACK, F4, E),
	P6(PSH | ACK, F4, E),
	P4(ACK, F4, E),
	P6(PSH | ACK, F4, E),
	P4(FA, F4, E),		/* the IPv4 FIN again */
	P4(ACK, F4, E),
	P6(FA, FF, T),
	P4(ACK, FF, K),
	P6(ACK, FF, K),
	X(C, K),
	{ 0 }
};

/* An idle connection: probed, answered, probed, gone. */
static const struct seq_step seq_idle[] = {
	P6(SYN, I6, T),
	P4(SA, ES, E),
	P6(ACK, ES, E),
	X(TR, T),
	P4(ACK, ES, E),		/* the answer to the probe */
	X(TR, T),
	P6(RST, TR, K),		/* the probe refused */
	X(C, K),
	{ 0 }
};

/* Half-open states that never complete. */
static const struct seq_step seq_syn_unanswered[] = {
	P6(SYN, I6, T),
	P4(RA, I6, K),		/* the IPv4 host refuses: wait for TCP_TRANS */
	X(C, K),
	P4(SYN, I4, T),
	P4(ACK, I4, K),
	X(C, K),
	{ 0 }
};

static const struct {
	const char *name;
	const struct seq_step *steps;
} seqs[] = {
	{ "v6 open", seq_v6_open },
	{ "v4 open", seq_v4_open },
	{ "simultaneous, v6 first", seq_simultaneous6 },
	{ "simultaneous, v4 first", seq_simultaneous4 },
	{ "rst", seq_rst },
	{ "half close", seq_half_close },
	{ "idle", seq_idle },
	{ "syn unanswered", seq_syn_unanswered },
};

static void test_sequences(void)
{
	struct v6gw_tcp_step out;
	unsigned int i, j;
	uint8_t state;
	bool keep;

	for (i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++) {
		state = V6GW_TS_CLOSED;
		for (j = 0; seqs[i].steps[j].state != C ||
			    seqs[i].steps[j].expire; j++) {
			const struct seq_step *st = &seqs[i].steps[j];

			unit_iter = (long)j;
			if (st->expire) {
				keep = v6gw_tcp_expired(state, &out);
				CHECK_EQ(keep, st->state != C);
			} else {
				v6gw_tcp_packet(state, st->from6, st->flags,
						&out);
			}
			if (!CHECK_EQ(out.state, st->state) ||
			    !CHECK_EQ(out.timer, st->timer))
				fprintf(stderr, "  sequence \"%s\"\n",
					seqs[i].name);
			state = out.state;
		}
	}
	unit_iter = -1;
}

/*
 * Every flag byte in every state from both sides: a valid answer, decided
 * by FIN, SYN and RST alone; an existing session is never "closed" by a
 * packet; nothing is created without lifetime, and TCP_INCOMING_SYN is
 * never the answer (the caller chooses it).
 */
static void test_total(void)
{
	struct v6gw_tcp_step out, ref;
	unsigned int s, d, f;
	bool ok;

	for (s = 0; s < V6GW_TS_COUNT; s++) {
		for (d = 0; d < 2; d++) {
			ok = true;
			for (f = 0; f < 256; f++) {
				out.state = 0xaa;
				out.timer = 0xaa;
				v6gw_tcp_packet(s, d, f, &out);
				v6gw_tcp_packet(s, d, f & 7, &ref);
				unit_iter = (long)((s * 2 + d) * 256 + f);
				ok &= CHECK(out.state < V6GW_TS_COUNT);
				ok &= CHECK(out.timer <= V6GW_TT_TRANS);
				ok &= CHECK_EQ(out.state, ref.state);
				ok &= CHECK_EQ(out.timer, ref.timer);
				if (s == V6GW_TS_CLOSED)
					ok &= CHECK_EQ(out.state == C,
						       out.timer == K);
				else
					ok &= CHECK(out.state != C);
			}
			if (!ok)
				fprintf(stderr, "  state %u from%s\n", s,
					d ? "6" : "4");
		}
	}

	/* Not states: no session. */
	for (s = V6GW_TS_COUNT; s < 256; s++) {
		for (d = 0; d < 2; d++) {
			unit_iter = (long)(s * 2 + d);
			v6gw_tcp_packet(s, d, SYN, &out);
			CHECK_EQ(out.state, C);
			CHECK_EQ(out.timer, K);
		}
	}
	unit_iter = -1;
}

static void test_names(void)
{
	static const char *const names[] = {
		"closed", "v4-init", "v6-init", "established",
		"v4-fin-rcv", "v6-fin-rcv", "v4-fin-v6-fin-rcv", "trans",
	};
	unsigned int s;

	CHECK_EQ(sizeof(names) / sizeof(names[0]), V6GW_TS_COUNT);
	for (s = 0; s < 256; s++) {
		unit_iter = (long)s;
		CHECK_STR(v6gw_tcp_state_name(s),
			  s < V6GW_TS_COUNT ? names[s] : NULL);
	}
	unit_iter = -1;
}

void test_nat64_tcp(void)
{
	test_rows();
	test_expiry();
	test_sequences();
	test_total();
	test_names();
}
