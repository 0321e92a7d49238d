/* texto.c - UTF-8 checks, accent folding into keys, whitespace collapsing,
 * a small word set and line-break re-joining (see texto.h). No I/O. */
#include "texto.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- UTF-8 ---- */

/* Decodes one code point at s (n bytes left); returns its length, or 0 when
 * the sequence is invalid (overlong, surrogate, out of range, truncated). */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0) return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        v = c & 0x07;
        min = 0x10000;
    } else return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

bool texto_utf8_valido(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = utf8_decode(p + i, n - i, &cp);
        if (!len) return false;
        i += len;
    }
    return true;
}

bool texto_es_binario(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) return true;
    }
    return false;
}

/* Windows-1252 0x80..0x9F (0 = undefined there, kept as U+FFFD). */
static const uint16_t CP1252_HIGH[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                         0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                         0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                         0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

char *texto_cp1252_a_utf8(arena *a, const char *s, size_t n, size_t *out_len)
{
    if (n > (SIZE_MAX - 1) / 3) return NULL;
    char *out = arena_alloc(a, n * 3 + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c;
        if (c >= 0x80 && c < 0xA0) cp = CP1252_HIGH[c - 0x80] ? CP1252_HIGH[c - 0x80] : 0xFFFD;
        o += utf8_encode(cp, out + o);
    }
    out[o] = '\0';
    if (out_len) *out_len = o;
    return out;
}

/* ---- folding ---- */

/* ASCII spelling of U+00C0..U+00FF ("" for × and ÷). */
static const char *const LATIN1_FOLD[64] = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I",  "I",
    "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "TH", "SS",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

/* ASCII for one code point: the character itself, its folded spelling, or "". */
static const char *fold(uint32_t cp, char ascii[2])
{
    if (cp < 0x80) {
        ascii[0] = (char)cp;
        ascii[1] = '\0';
        return ascii;
    }
    if (cp >= 0xC0 && cp <= 0xFF) return LATIN1_FOLD[cp - 0xC0];
    if (cp == 0xAA) return "A"; /* ª */
    if (cp == 0xBA) return "O"; /* º */
    return "";
}

static bool is_alnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
static char upper(char c) { return (c >= 'a' && c <= 'z') ? (char)(c - 32) : c; }

/* Folds s[0..n) into out (room for 2n+1 bytes: Æ -> AE) as A-Z0-9; with
 * `words`, any other character separates words with one space. Returns the length. */
static size_t key_into(const char *s, size_t n, char *out, bool words)
{
    size_t o = 0;
    bool pending_space = false;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_decode(p + i, n - i, &cp);
        if (!len) {
            cp = 0xFFFD;
            len = 1;
        }
        i += len;
        char ascii[2];
        const char *f = fold(cp, ascii);
        if (!*f || !is_alnum(*f)) {
            pending_space = words && o > 0;
            continue;
        }
        if (pending_space) out[o++] = ' ';
        pending_space = false;
        for (; *f; f++) out[o++] = upper(*f);
    }
    out[o] = '\0';
    return o;
}

static char *make_key(arena *a, const char *s, bool words)
{
    size_t n = strlen(s);
    char *out = arena_alloc(a, n * 2 + 1);
    if (out) key_into(s, n, out, words);
    return out;
}

char *texto_clave(arena *a, const char *s) { return make_key(a, s ? s : "", false); }
char *texto_clave_palabras(arena *a, const char *s) { return make_key(a, s ? s : "", true); }

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* U+00A0 (no-break space) counts as whitespace too. */
static size_t space_len(const char *s)
{
    if (is_space((unsigned char)*s)) return 1;
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) return 2;
    return 0;
}

char *texto_colapsa(arena *a, const char *s)
{
    if (!s) s = "";
    char *out = arena_alloc(a, strlen(s) + 1);
    if (!out) return NULL;
    size_t o = 0;
    bool gap = false;
    while (*s) {
        size_t sl = space_len(s);
        if (sl) {
            gap = o > 0;
            s += sl;
            continue;
        }
        if (gap) out[o++] = ' ';
        gap = false;
        out[o++] = *s++;
    }
    out[o] = '\0';
    return out;
}

/* ---- word set ---- */

struct texto_vocab {
    arena *a;
    const char **slots;
    void **values;
    size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static bool vocab_alloc(texto_vocab *v, size_t cap)
{
    const char **slots = arena_calloc(v->a, cap, sizeof *slots);
    void **values = arena_calloc(v->a, cap, sizeof *values);
    if (!slots || !values) return false;
    const char **old = v->slots;
    void **oldv = v->values;
    size_t oldcap = v->cap;
    v->slots = slots;
    v->values = values;
    v->cap = cap;
    v->n = 0;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i]) texto_vocab_pon(v, old[i], oldv[i]);
    return true;
}

/* The slot of clave, or of the free place where it would go. */
static size_t slot_of(const texto_vocab *v, const char *clave)
{
    size_t i = hash_str(clave) & (v->cap - 1);
    while (v->slots[i] && strcmp(v->slots[i], clave)) i = (i + 1) & (v->cap - 1);
    return i;
}

texto_vocab *texto_vocab_new(arena *a, size_t expected)
{
    texto_vocab *v = arena_calloc(a, 1, sizeof *v);
    if (!v) return NULL;
    v->a = a;
    size_t cap = 64;
    while (cap < expected * 2) cap *= 2;
    return vocab_alloc(v, cap) ? v : NULL;
}

void texto_vocab_pon(texto_vocab *v, const char *clave, void *valor)
{
    if (!v || !clave || !*clave) return;
    if ((v->n + 1) * 10 > v->cap * 7 && !vocab_alloc(v, v->cap * 2)) return;
    size_t i = slot_of(v, clave);
    if (!v->slots[i]) {
        v->slots[i] = arena_strdup(v->a, clave);
        if (!v->slots[i]) return;
        v->n++;
    }
    v->values[i] = valor;
}

void texto_vocab_add(texto_vocab *v, const char *clave)
{
    if (!texto_vocab_has(v, clave)) texto_vocab_pon(v, clave, NULL);
}

bool texto_vocab_has(const texto_vocab *v, const char *clave)
{
    return v && clave && *clave && v->slots[slot_of(v, clave)];
}

void *texto_vocab_valor(const texto_vocab *v, const char *clave)
{
    if (!v || !clave || !*clave) return NULL;
    size_t i = slot_of(v, clave);
    return v->slots[i] ? v->values[i] : NULL;
}

static bool is_break(char c) { return c == '\n' || c == '\r'; }

/* The words of one whitespace-free token, without allocating unless new. */
static void add_token_words(texto_vocab *v, const char *tok, size_t n)
{
    char key[2 * 128 + 1];
    if (n > 128) return; /* not a word */
    key_into(tok, n, key, true);
    char *save = NULL;
    for (char *w = strtok_r(key, " ", &save); w; w = strtok_r(NULL, " ", &save)) texto_vocab_add(v, w);
}

void texto_vocab_add_palabras(texto_vocab *v, arena *a, const char *s, bool solo_confiables)
{
    (void)a;
    if (!v || !s) return;
    size_t breaks = 0;
    for (const char *p = s; *p && breaks <= TEXTO_MAX_SALTOS; p++) breaks += *p == '\n';
    if (breaks > TEXTO_MAX_SALTOS) return; /* not a name */
    const char *p = s;
    while (*p) {
        while (*p && space_len(p)) p += space_len(p);
        if (!*p) break;
        const char *w = p;
        while (*p && !space_len(p)) p++;
        /* a word touches a break when the whitespace right before or after it holds one */
        bool touches = false;
        for (const char *b = w; solo_confiables && b > s && space_len(b - 1) && !touches; b--)
            touches = is_break(b[-1]);
        for (const char *f = p; solo_confiables && *f && space_len(f) && !touches; f++)
            touches = is_break(*f);
        if (!touches) add_token_words(v, w, (size_t)(p - w));
    }
}

/* ---- re-joining ---- */

typedef struct vocabs {
    const texto_vocab *archivo, *referencia;
} vocabs;

static bool in(const texto_vocab *v, const char *k) { return v && texto_vocab_has(v, k); }

static bool real_word(const vocabs *vs, const char *k)
{
    return in(vs->referencia, k) || (in(vs->archivo, k) && strlen(k) >= 4);
}

/* Glue across a line break? (left is the last word so far, right the next line's first) */
static bool glue_at_break(arena *a, const char *left, const char *right, const vocabs *vs)
{
    size_t ll = strlen(left);
    if (ll > 1 && left[ll - 1] == '-') return true; /* "HUAC-" + "HUAS"; a lone "-" stays apart */
    char *rk = texto_clave(a, right), *lk = texto_clave(a, left);
    if (!rk || !lk) return false;
    if (!*rk) return true; /* '"', ')', ... */
    if (!*lk) return false;
    char *both = arena_printf(a, "%s%s", lk, rk);
    if (!both || !(in(vs->archivo, both) || in(vs->referencia, both))) return false;
    return !(real_word(vs, lk) && real_word(vs, rk));
}

/* Joins the lines of s deciding each break with glue_at_break. */
static char *join_breaks(arena *a, const char *s, const vocabs *vs)
{
    sbuf out;
    sbuf_init(&out, a, strlen(s) + 1);
    size_t last_word = 0; /* where the last word of out starts */
    const char *p = s;
    while (*p) {
        size_t n = strcspn(p, "\r\n");
        char *raw = arena_strndup(a, p, n);
        char *line = raw ? texto_colapsa(a, raw) : NULL;
        p += n;
        while (is_break(*p)) p++;
        if (!line || !*line) continue;
        if (out.len) {
            const char *left = sbuf_cstr(&out) + last_word;
            char *right = arena_strndup(a, line, strcspn(line, " "));
            if (!right || !glue_at_break(a, left, right, vs)) sbuf_adds(&out, " ");
        }
        const char *sp = strrchr(line, ' ');
        size_t start = out.len;
        sbuf_adds(&out, line);
        if (sp) last_word = start + (size_t)(sp - line) + 1;
        else if (start > 0 && out.p[start - 1] == ' ') last_word = start;
    }
    return arena_strdup(a, sbuf_cstr(&out));
}

/* Glues "CAMPORREDOND O" when CAMPORREDONDO is a catalog word and O is not. */
static char *join_spaces(arena *a, char *s, const texto_vocab *ref)
{
    if (!ref || !strchr(s, ' ')) return s;
    sbuf out;
    sbuf_init(&out, a, strlen(s) + 1);
    char *save = NULL;
    char prev[2 * 128 + 1] = ""; /* key of the previous word, "" when it cannot glue */
    bool first = true;
    for (char *w = strtok_r(s, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        size_t n = strlen(w);
        char key[2 * 128 + 1] = "", both[4 * 128 + 1];
        if (n <= 128) key_into(w, n, key, false);
        bool glue = false;
        if (*prev && *key) {
            snprintf(both, sizeof both, "%s%s", prev, key);
            glue = strlen(both) >= 6 && in(ref, both) && !(in(ref, prev) && in(ref, key));
        }
        if (!first && !glue) sbuf_adds(&out, " ");
        sbuf_add(&out, w, n);
        first = false;
        /* a glued word is not glued again */
        memcpy(prev, glue ? "" : key, glue ? 1 : strlen(key) + 1);
    }
    return arena_strdup(a, sbuf_cstr(&out));
}

char *texto_une_lineas(arena *a, const char *s, const texto_vocab *archivo, const texto_vocab *referencia)
{
    if (!s) s = "";
    vocabs vs = {archivo, referencia};
    size_t breaks = 0;
    for (const char *p = s; *p && breaks <= TEXTO_MAX_SALTOS; p++) breaks += *p == '\n';
    char *joined = breaks && breaks <= TEXTO_MAX_SALTOS ? join_breaks(a, s, &vs) : texto_colapsa(a, s);
    return joined ? join_spaces(a, joined, referencia) : NULL;
}

int texto_distancia(const char *x, const char *y, int max)
{
    size_t lx = strlen(x), ly = strlen(y);
    if (lx > 128 || ly > 128) return strcmp(x, y) ? max + 1 : 0;
    if ((lx > ly ? lx - ly : ly - lx) > (size_t)max) return max + 1;
    int prev[129], cur[129];
    for (size_t j = 0; j <= ly; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= lx; i++) {
        cur[0] = (int)i;
        int best = cur[0];
        for (size_t j = 1; j <= ly; j++) {
            int sub = prev[j - 1] + (x[i - 1] != y[j - 1]);
            int del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            if (cur[j] < best) best = cur[j];
        }
        if (best > max) return max + 1;
        memcpy(prev, cur, (ly + 1) * sizeof *prev);
    }
    return prev[ly] > max ? max + 1 : prev[ly];
}

bool texto_id_decimal(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    return n >= 1 && n <= 18 && strspn(s, "0123456789") == n && s[0] != '0';
}
