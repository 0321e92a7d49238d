/* adjudicacion_motor.h - one adjudication session inside one transaction:
 * lock its row, replay its event log through the domain allocation machine
 * (domain/asignacion.c) to know exactly whose turn it is — or, in a worker,
 * take the machine its cache kept and replay only the newer events
 * (adjudicacion_cache.h) — apply new events (a pick, a give-up, expired
 * deadlines, a whole batch), then write the chained events, the
 * adjudicaciones, the turn states and the session row in one statement;
 * after commit, rewrite the static estado.json. */
#ifndef SERUMS_ADJUDICACION_MOTOR_H
#define SERUMS_ADJUDICACION_MOTOR_H
#include "asignacion.h"
#include "http.h"
#include "servicio.h"
#include <libpq-fe.h>
#include <time.h>

typedef struct motor {
    servicio s; /* connection, memory, clock: from a request or the clock process */
    const char *id;
    PGresult *ses; /* the locked session row */
    const char *estado, *modo, *fase, *convocatoria_id;
    int segundos;
    asig m;
    asig_postulante *post;
    int *n_adj;
    size_t n;
    asig_unidad *u;
    size_t nu;
    turno_estado *antes;
    int *llamadas_antes;
    long seq;
    char prev[65];
    time_t vence; /* the called turn's deadline (live mode), 0 none */
    const char *servicio_inicio, *servicio_fin;
    sbuf e_seq, e_prev, e_hash, e_turno, e_ins, e_acc, e_plaza, e_res, e_uni, e_actor, e_uid, e_at;
    sbuf a_ins, a_plaza, a_uni, a_at, a_via;
    int nuevos, adjudicados;
    struct adjcache *cache;                 /* the worker's loaded sessions; NULL outside a worker */
    struct adjcache_entrada *cache_entrada; /* the machine lives in this cache entry */
    const char *guardado;                   /* the state motor_guardar wrote */
} motor;

typedef enum { MOTOR_OK, MOTOR_F_NO_ENCONTRADA, MOTOR_F_BD, MOTOR_F_REPLAY } motor_fallo;
/* Locks and replays session id. Starts no transaction: call inside one. */
motor_fallo motor_abrir(const servicio *s, const char *id, motor *m);
/* motor_abrir for a handler, with its worker's cache of loaded sessions: 0 ok; -1 after answering
 * (404 SESION_NO_ENCONTRADA or a database problem). */
int motor_cargar(req *r, const char *id, motor *m);
/* Applies one event to the called turn; the domain's error when refused. */
asig_error motor_aplicar(motor *m, const asig_evento *ev, const char *actor, long long actor_id, time_t at,
                         asig_resultado *out);
/* Live session in course: every deadline already past `now` expires in turn (VENCE at that deadline). */
int motor_vencer(motor *m, time_t now);
/* Writes what changed; estado is the session's new state (CERRADA when the machine ended). */
int motor_guardar(motor *m, const char *estado, time_t now);
/* After commit: rewrite the session's public estado.json from the tables (best effort, logged). */
void motor_publicar(const servicio *s, const char *id);
/* After a handler's commit: keeps the machine in the worker's cache, writes estado.json with
 * `json` (the state the transaction answered; best effort, logged). */
void motor_confirmado(motor *m, const char *json);
/* The public state JSON (GET /v1/adjudicaciones/{sesion}); NULL when absent (*fallo on error).
 * With m (inside its transaction) the free units and the next turns come from its machine. */
const char *motor_estado(const servicio *s, const char *id, const motor *m, bool *fallo);
const char *motor_estado_json(req *r, const char *id, const motor *m, bool *fallo);
#endif
