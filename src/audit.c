/* audit.c - appends to the audit log through the SQL function audit_record(),
 * so triggers and SQL-side changes share one definition. */
#include "audit.h"
#include "db.h"
#include "worker.h"
#include <stdio.h>

static const db_stmt Q_AUDIT = {
    "audit_record",
    "select audit_record($1::bigint, $2::text, $3::text, $4::text, $5::jsonb, $6::jsonb, $7::text)"};

bool audit_record(req *r, const char *action, const char *entity, const char *entity_id,
                  const char *before_json, const char *after_json)
{
    char actor[24];
    const char *actor_p = NULL;
    if (r->user) {
        snprintf(actor, sizeof actor, "%lld", r->user->id);
        actor_p = actor;
    }
    const char *p[] = {actor_p, action, entity, entity_id, before_json, after_json, r->request_id};
    return db_exec(r->w->db, r->a, &Q_AUDIT, 7, p) != NULL;
}
