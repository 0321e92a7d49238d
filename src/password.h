/* password.h - the password policy (8-128 characters, common passwords
 * refused, not the email or the document) and argon2id hashing through
 * libsodium. Pure CPU, no I/O: unit-tested. */
#ifndef SERUMS_PASSWORD_H
#define SERUMS_PASSWORD_H
#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_MIN 8
#define PASSWORD_MAX 128
#define PASSWORD_HASH_MAX crypto_pwhash_STRBYTES

/* argon2id cost: OWASP minimum by default (t=2, m=19 MiB). */
typedef struct password_cost {
    unsigned long long ops;
    size_t mem_bytes;
} password_cost;
#define PASSWORD_COST_DEFAULT ((password_cost){2, 19u * 1024 * 1024})

/* NULL when acceptable, else a stable code (LONGITUD_INVALIDA,
 * PASSWORD_COMUN, PASSWORD_IGUAL_EMAIL, PASSWORD_IGUAL_DOCUMENTO) and the
 * Spanish message in *message. email/documento may be NULL. */
const char *password_policy(const char *pw, const char *email, const char *documento, const char **message);
/* Case-insensitive membership in the built-in list of common passwords. */
bool password_is_common(const char *pw);

/* 0 and the encoded "$argon2id$..." string in out; -1 out of memory. */
int password_hash(const char *pw, password_cost cost, char out[PASSWORD_HASH_MAX]);
/* true when pw matches the encoded hash (constant-time inside libsodium). */
bool password_verify(const char *hash, const char *pw);
/* Spends what a verification costs without a stored hash, so answers for
 * unknown emails take as long as for known ones. */
void password_dummy_verify(const char *pw, password_cost cost);
/* true when the hash was made with other parameters than cost (rehash it). */
bool password_needs_rehash(const char *hash, password_cost cost);
#endif
