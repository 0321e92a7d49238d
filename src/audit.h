/* audit.h - the one way to record a state change: actor, action, entity, id,
 * before, after (JSON text or NULL) and the request id, appended to audit_log
 * in the caller's transaction. */
#ifndef SERUMS_AUDIT_H
#define SERUMS_AUDIT_H
#include "db.h"
#include "http.h"
#include <stdbool.h>

bool audit_record(req *r, const char *action, const char *entity, const char *entity_id,
                  const char *before_json, const char *after_json);
/* The same outside a request (actor: a user id as text, or NULL for the system). */
bool audit_record_db(db *d, arena *a, const char *actor, const char *request_id, const char *action,
                     const char *entity, const char *entity_id, const char *before_json,
                     const char *after_json);
#endif
