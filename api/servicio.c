/* servicio.c - see servicio.h. */
#include "servicio.h"
#include "audit.h"
#include "timeutil.h"
#include "worker.h"

servicio servicio_de(req *r)
{
    const char *actor = r->user ? arena_printf(r->a, "%lld", r->user->id) : NULL;
    return (servicio){r->w->db, r->a, r->w->cfg, actor, r->request_id};
}

const char *servicio_ahora(const servicio *s)
{
    char *now = arena_alloc(s->a, 32);
    if (now) time_format_rfc3339(config_now(s->cfg), now);
    return now;
}

bool servicio_auditar(const servicio *s, const char *action, const char *entity, const char *entity_id,
                      const char *before_json, const char *after_json)
{
    return audit_record_db(s->db, s->a, s->actor, s->request_id, action, entity, entity_id, before_json,
                           after_json);
}
