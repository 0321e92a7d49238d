/* identity.h - asks an identity registry (a RENIEC-like service at
 * SERUMS_IDENTITY_VERIFY_URL) for the names printed on a person's document,
 * through libcurl: POST JSON {"document_type", "document_number",
 * "birth_date"} with `Authorization: Bearer SERUMS_IDENTITY_TOKEN`; answer 200
 * {"given_names", "first_surname", "second_surname"} (the second may be null
 * or absent), or 404 when the registry does not know that document and birth
 * date. Off when the URL is empty. Tested against
 * frontend-contract/fakes/identity-verifier.mjs. */
#ifndef SERUMS_IDENTITY_H
#define SERUMS_IDENTITY_H
#include "arena.h"
#include "config.h"

typedef enum { IDENTITY_FOUND, IDENTITY_NOT_FOUND, IDENTITY_UNAVAILABLE } identity_result;

typedef struct identity_names {
    const char *given_names, *first_surname, *second_surname; /* arena; second may be NULL */
} identity_names;

bool identity_enabled(const config *cfg);
identity_result identity_lookup(const config *cfg, arena *a, const char *document_type,
                                const char *document_number, const char *birth_date, identity_names *out);
#endif
