/* audit.c - appends to the audit log through the SQL function audit_record(),
 * so triggers and SQL-side changes share one definition. */
#include "audit.h"
#include "db.h"
#include "worker.h"
#include <stdio.h>

static const db_stmt Q_AUDIT = {
    "audit_record",
    "select audit_record($1::bigint, $2::text, $3::text, $4::text, $5::jsonb, $6::jsonb, $7::text)"};

bool audit_record_db(db *d, arena *a, const char *actor, const char *request_id, const char *action,
                     const char *entity, const char *entity_id, const char *before_json,
                     const char *after_json)
{
    const char *p[] = {actor, action, entity, entity_id, before_json, after_json, request_id};
    return db_exec(d, a, &Q_AUDIT, 7, p) != NULL;
}

bool audit_record(req *r, const char *action, const char *entity, const char *entity_id,
                  const char *before_json, const char *after_json)
{
    char actor[24];
    if (r->user) snprintf(actor, sizeof actor, "%lld", r->user->id);
    return audit_record_db(r->w->db, r->a, r->user ? actor : NULL, r->request_id, action, entity, entity_id,
                           before_json, after_json);
}
