// SPDX-License-Identifier: Apache-2.0
// A small JSON reader for the spec test harness: parses a whole document
// into a tree. Strings are decoded to UTF-8 byte strings that may hold NUL.
#ifndef WARD_TEST_JSON_H
#define WARD_TEST_JSON_H

#include <stdbool.h>
#include <stddef.h>

typedef enum json_type {
  JSON_NULL,
  JSON_BOOL,
  JSON_NUMBER,
  JSON_STRING,
  JSON_ARRAY,
  JSON_OBJECT,
} json_type_t;

typedef struct json_value json_value_t;

typedef struct json_member {
  char *key; // NUL-terminated (may also hold NULs); key_len bytes
  size_t key_len;
  json_value_t *value;
} json_member_t;

struct json_value {
  json_type_t type;
  bool boolean;  // JSON_BOOL
  double number; // JSON_NUMBER
  char *str;     // JSON_STRING: str_len bytes plus a terminating NUL
  size_t str_len;
  json_value_t **items;   // JSON_ARRAY: count items
  json_member_t *members; // JSON_OBJECT: count members, in document order
  size_t count;
};

// Parses `len` bytes of `text` as one JSON document (an optional UTF-8 BOM
// and surrounding white space allowed). Returns the tree, which the caller
// frees with json_free, or NULL with a message (naming the byte offset)
// written to err[errsize]. Nesting deeper than 512 levels is an error.
json_value_t *json_parse(const char *text, size_t len, char *err, size_t errsize);

// Frees a tree from json_parse; NULL is allowed.
void json_free(json_value_t *v);

// The value of member `key` of object `obj`, or NULL if obj is NULL, not an
// object, or has no such member (the first one wins if repeated).
const json_value_t *json_get(const json_value_t *obj, const char *key);

// The string value of member `key`, or NULL if missing or not a string.
// *len (if len is not NULL) receives its length in bytes.
const char *json_get_str(const json_value_t *obj, const char *key, size_t *len);

// Member `key` if it is an array, else NULL.
const json_value_t *json_get_array(const json_value_t *obj, const char *key);

#endif
