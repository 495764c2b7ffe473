// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw: a tiny streaming JSON writer, compact or indented (-p).
 */
#include <inttypes.h>

#include "json.h"

#define JSON_INDENT "    "

void json_init(struct json *j, FILE *f, bool pretty)
{
	*j = (struct json){ .f = f, .pretty = pretty };
}

/* Finish the document: one newline after the top-level value. */
void json_end(struct json *j)
{
	fputc('\n', j->f);
}

/* Deeper than JSON_MAX_DEPTH shares the last slot: wrong commas, no UB. */
static bool *has_items(struct json *j)
{
	unsigned int d = j->depth < JSON_MAX_DEPTH ? j->depth : JSON_MAX_DEPTH;

	return &j->has_items[d - 1];
}

static void newline_indent(struct json *j)
{
	unsigned int i;

	if (!j->pretty)
		return;
	fputc('\n', j->f);
	for (i = 0; i < j->depth; i++)
		fputs(JSON_INDENT, j->f);
}

/* Called before every value and every key. */
static void separate(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->depth)
		return;
	if (*has_items(j))
		fputc(',', j->f);
	*has_items(j) = true;
	newline_indent(j);
}

static void open_container(struct json *j, char c)
{
	separate(j);
	fputc(c, j->f);
	j->depth++;
	*has_items(j) = false;
}

static void close_container(struct json *j, char c)
{
	bool items;

	if (!j->depth)
		return;
	items = *has_items(j);
	j->depth--;
	if (items)
		newline_indent(j);
	fputc(c, j->f);
}

void json_obj_open(struct json *j)
{
	open_container(j, '{');
}

void json_obj_close(struct json *j)
{
	close_container(j, '}');
}

void json_arr_open(struct json *j)
{
	open_container(j, '[');
}

void json_arr_close(struct json *j)
{
	close_container(j, ']');
}

static void write_string(struct json *j, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', j->f);
	for (; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", j->f);
			break;
		case '\\':
			fputs("\\\\", j->f);
			break;
		case '\b':
			fputs("\\b", j->f);
			break;
		case '\f':
			fputs("\\f", j->f);
			break;
		case '\n':
			fputs("\\n", j->f);
			break;
		case '\r':
			fputs("\\r", j->f);
			break;
		case '\t':
			fputs("\\t", j->f);
			break;
		default:
			if (*p < 0x20)
				fprintf(j->f, "\\u%04x", *p);
			else
				fputc(*p, j->f);
		}
	}
	fputc('"', j->f);
}

void json_key(struct json *j, const char *key)
{
	separate(j);
	write_string(j, key);
	fputs(j->pretty ? ": " : ":", j->f);
	j->after_key = true;
}

void json_str(struct json *j, const char *s)
{
	separate(j);
	write_string(j, s);
}

void json_u64(struct json *j, uint64_t v)
{
	separate(j);
	fprintf(j->f, "%" PRIu64, v);
}

void json_bool(struct json *j, bool v)
{
	separate(j);
	fputs(v ? "true" : "false", j->f);
}

void json_null(struct json *j)
{
	separate(j);
	fputs("null", j->f);
}

void json_kv_str(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void json_kv_u64(struct json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	json_u64(j, v);
}

void json_kv_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}

void json_kv_null(struct json *j, const char *key)
{
	json_key(j, key);
	json_null(j);
}
