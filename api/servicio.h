/* servicio.h - what a service (work shared by a handler and a command, e.g.
 * importing an offer file) runs with: the connection, memory, configuration
 * (the clock), who acts and the request id, both for the audit log. A
 * handler takes them from its request (servicio_de); a command from its
 * own connection, with no actor (the system). Services return results;
 * their callers turn them into answers or printed lines. */
#ifndef SERUMS_SERVICIO_H
#define SERUMS_SERVICIO_H
#include "arena.h"
#include "config.h"
#include "db.h"
#include "http.h"

typedef struct servicio {
    db *db;
    arena *a;
    const config *cfg;
    const char *actor;        /* user id as text; NULL: the system */
    const char *request_id;
} servicio;

servicio servicio_de(req *r);
/* config_now as RFC 3339 UTC text in s->a. */
const char *servicio_ahora(const servicio *s);
/* audit_record for a service (same row, same transaction rules). */
bool servicio_auditar(const servicio *s, const char *action, const char *entity, const char *entity_id,
                      const char *before_json, const char *after_json);
#endif
