/* SPDX-License-Identifier: GPL-2.0 */
/*
 * v6gw: a tiny streaming JSON writer. The caller keeps the state on its
 * stack and is responsible for a well-formed sequence of calls: inside an
 * object, every value is preceded by json_key().
 */
#ifndef V6GW_JSON_H
#define V6GW_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct json {
	FILE *f;
	bool pretty;
	bool after_key;		/* a key was written, its value is next */
	unsigned int depth;
	bool has_items[JSON_MAX_DEPTH];
};

void json_init(struct json *j, FILE *f, bool pretty);
void json_end(struct json *j);

void json_obj_open(struct json *j);
void json_obj_close(struct json *j);
void json_arr_open(struct json *j);
void json_arr_close(struct json *j);

void json_key(struct json *j, const char *key);
void json_str(struct json *j, const char *s);
void json_u64(struct json *j, uint64_t v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);

/* key + value in one call, inside an object */
void json_kv_str(struct json *j, const char *key, const char *s);
void json_kv_u64(struct json *j, const char *key, uint64_t v);
void json_kv_bool(struct json *j, const char *key, bool v);
void json_kv_null(struct json *j, const char *key);

#endif /* V6GW_JSON_H */
