/* json.h - strict JSON for request bodies and responses.
 * Parsing: yajl's validating parser builds a tree in the request arena under
 * limits (bytes, depth, duplicate keys refused). Reading: jr_* take fields one
 * by one, record one error per wrong field, and refuse unknown fields.
 * Writing: jw_* wrap yajl_gen. */
#ifndef SERUMS_JSON_H
#define SERUMS_JSON_H
#include "arena.h"
#include <stdbool.h>
#include <stddef.h>

typedef enum { JV_NULL, JV_BOOL, JV_NUMBER, JV_STRING, JV_ARRAY, JV_OBJECT } jv_type;

typedef struct jv jv;
struct jv {
    jv_type t;
    bool b;
    bool is_int;       /* number without fraction/exponent */
    const char *s;     /* string value, or the number's text */
    size_t len;        /* string length / number text length */
    size_t n;          /* items or members */
    jv **items;        /* array items / object values */
    const char **keys; /* object keys */
};

typedef struct json_limits {
    size_t max_bytes;  /* 64 KiB for bodies */
    int max_depth;     /* 32 */
    size_t max_string; /* longest string value */
} json_limits;
extern const json_limits JSON_BODY_LIMITS;

/* 0 ok; -1 with a Spanish message in err. */
int json_parse(arena *a, const char *buf, size_t len, const json_limits *lim, jv **out, char *err,
               size_t errlen);
const jv *jv_get(const jv *obj, const char *key);
const char *jv_type_name(jv_type t);

/* Validation errors: RFC 9457 "errors" entries. */
typedef struct verr_item {
    const char *field, *code, *message;
    struct verr_item *next;
} verr_item;
typedef struct verr {
    arena *a;
    verr_item *head, *tail;
    int n;
} verr;
void verr_init(verr *e, arena *a);
void verr_add(verr *e, const char *field, const char *code, const char *message);
bool verr_has(const verr *e, const char *field);

/* Strict object reader. */
enum { JR_OPTIONAL = 0, JR_REQUIRED = 1 };
typedef struct jr {
    arena *a;
    const jv *obj;
    bool *used;
    verr *e;
    const char *prefix; /* "" or "actividades[2]." */
} jr;
bool jr_open(jr *r, arena *a, const jv *root, verr *e, const char *prefix);
void jr_close(jr *r);                                 /* unknown fields -> CAMPO_DESCONOCIDO */
const jv *jr_take(jr *r, const char *key, int flags); /* NULL if absent or null */
const char *jr_str(jr *r, const char *key, int flags, size_t minlen, size_t maxlen);
const char *jr_enum(jr *r, const char *key, int flags, const char *const *values);
const char *jr_date(jr *r, const char *key, int flags); /* YYYY-MM-DD */
const char *jr_pattern(jr *r, const char *key, int flags, const char *charset, size_t minlen, size_t maxlen,
                       const char *message);
bool jr_bool(jr *r, const char *key, int flags, bool *out); /* true if present+valid */
bool jr_int(jr *r, const char *key, int flags, long min, long max, long *out);
/* decimal with at most `decimals` fraction digits within [min,max]; returns text */
const char *jr_decimal(jr *r, const char *key, int flags, double min, double max, int decimals);
char *jr_field(jr *r, const char *key); /* prefix + key */

/* Writer. */
typedef struct jw jw;
jw *jw_new(arena *a);
void jw_free(jw *w);
void jw_obj(jw *w);
void jw_arr(jw *w);
void jw_end_obj(jw *w);
void jw_end_arr(jw *w);
void jw_key(jw *w, const char *k);
void jw_str(jw *w, const char *s); /* NULL -> null */
void jw_strn(jw *w, const char *s, size_t n);
void jw_int(jw *w, long long v);
void jw_bool(jw *w, bool v);
void jw_null(jw *w);
void jw_raw_number(jw *w, const char *num);
void jw_kstr(jw *w, const char *k, const char *v);
void jw_kint(jw *w, const char *k, long long v);
void jw_kbool(jw *w, const char *k, bool v);
const char *jw_finish(jw *w, size_t *len); /* result copied into the arena */
/* The validation errors as a JSON array of {field, code, message}. */
void jw_verr(jw *w, const verr *e);
#endif
