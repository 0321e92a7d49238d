/* adjudicaciones.c - adjudication sessions (design/orden-adjudicacion.md):
 * admin creates one from the published merit order (ORDEN_MERITO: the turns)
 * and the free units of the profession's offer, starts it (LISTAS: runs to the end at once, serial
 * dictatorship over the filed lists), pauses and closes it; the called
 * postulante (or admin as operator) picks or gives up; postulantes file their
 * preference lists until it starts; anyone reads its state, turns and hash-
 * chained log. Every change goes through adjudicacion_motor (replay, apply,
 * bulk write) in one transaction, is audited, and rewrites estado.json.
 * SQL: sql/adjudicacion.sql. */
#include "adjudicacion_fases.h"
#include "adjudicacion_motor.h"
#include "api.h"
#include "audit.h"
#include "comun.h"
#include "db.h"
#include "fase.h"
#include "fases.h"
#include "http.h"
#include "orden_merito.h"
#include "problemas.h"
#include "publico.h"
#include "sql_gen.h"
#include "texto.h"
#include "timeutil.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

static const char *const MODALIDADES[] = {"REMUNERADA", "EQUIVALENTE", NULL};
static const char *const MODOS[] = {"VIVO", "LISTAS", NULL};

static time_t ahora(req *r) { return config_now(r->w->cfg); }

/* ---- create ---- */

typedef struct crear_in {
    const char *modalidad, *profesion, *fase, *modo;
    long segundos, bloque, reintentos;
} crear_in;

static bool crear_leer(req *r, const jv *root, verr *e, crear_in *in)
{
    jr j;
    in->segundos = 120, in->bloque = 50, in->reintentos = 2;
    if (!jr_open(&j, r->a, root, e, NULL)) return false;
    in->modalidad = jr_enum(&j, "modalidad", JR_REQUIRED, MODALIDADES);
    in->profesion = jr_pattern(&j, "profesion", JR_REQUIRED, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_", 2, 40,
                               "Código de profesión en mayúsculas, p. ej. MEDICINA.");
    in->fase = jr_enum(&j, "fase", JR_REQUIRED, FASES_ADJ);
    in->modo = jr_enum(&j, "modo", JR_REQUIRED, MODOS);
    /* 1-second turns only for the test stack (the clock's test); 10 s otherwise */
    jr_int(&j, "segundos_turno", JR_OPTIONAL, r->w->cfg->env == ENV_TEST ? 1 : 10, 3600, &in->segundos);
    jr_int(&j, "bloque", JR_OPTIONAL, 1, 1000, &in->bloque);
    jr_int(&j, "reintentos", JR_OPTIONAL, 0, 10, &in->reintentos);
    jr_close(&j);
    if (in->modalidad && in->fase) {
        int f = fase_de(in->fase);
        bool rem = !strcmp(in->modalidad, "REMUNERADA");
        if (f != FASE_REOFERTA && rem != (f == FASE_UNICA))
            verr_add(
                e, "fase", "FASE_INCOMPATIBLE",
                rem ? "La modalidad REMUNERADA se adjudica en fase UNICA (o REOFERTA)."
                    : "La modalidad EQUIVALENTE se adjudica en CAUTIVAS, VINCULO_LABORAL y REGULARES (o REOFERTA).");
    }
    return e->n == 0;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* "1,2,3" into n integers. */
static void enteros(const char *s, size_t n, int64_t *out)
{
    for (size_t i = 0; i < n; i++) {
        out[i] = s ? strtoll(s, (char **)&s, 10) : 0;
        if (s && *s == ',') s++;
    }
}

/* The group's rows of the latest published ORDEN_MERITO (what people saw is
 * what is adjudicated), without anyone holding a vigente adjudicación or no
 * longer APTO, into om (ids and N° adjudicación). 0 ok; -1 after answering
 * (409 when the group's order was never published). */
static int orden_publicado(req *r, const char *cid, const crear_in *in, orden_calculo *om)
{
    memset(om, 0, sizeof *om);
    PGresult *res = db_exec(r->w->db, r->a, &SQL_sesion_orden_publicado, 3,
                            (const char *[]){cid, in->modalidad, in->profesion});
    if (!res) {
        problem_db(r);
        return -1;
    }
    if (atol(db_field(res, 0, "publicados")) == 0) {
        problema(r, P_ORDEN_NO_PUBLICADO,
                 arena_printf(
                     r->a, "Publique el orden de mérito (ORDEN_MERITO) con %s %s antes de crear la sesión.",
                     in->profesion, in->modalidad));
        return -1;
    }
    om->n = (size_t)atol(db_field(res, 0, "n"));
    size_t cap = om->n ? om->n : 1;
    om->items = arena_calloc(r->a, cap, sizeof *om->items);
    int64_t *ns = arena_alloc(r->a, cap * sizeof *ns), *ids = arena_alloc(r->a, cap * sizeof *ids);
    if (!om->items || !ns || !ids) {
        problem_db(r);
        return -1;
    }
    enteros(db_field(res, 0, "ids"), om->n, ids);
    enteros(db_field(res, 0, "ns"), om->n, ns);
    for (size_t i = 0; i < om->n; i++) {
        om->items[i].id = ids[i];
        om->items[i].n_adjudicacion = (int)ns[i];
    }
    return 0;
}

/* The turns: om's items in order. */
static bool insertar_turnos(req *r, const char *sid, const orden_calculo *om)
{
    sbuf pos, ids, ns;
    sbuf_init(&pos, r->a, 64);
    sbuf_init(&ids, r->a, 64);
    sbuf_init(&ns, r->a, 64);
    sbuf_adds(&pos, "{");
    sbuf_adds(&ids, "{");
    sbuf_adds(&ns, "{");
    for (size_t i = 0; i < om->n; i++) {
        const char *sep = i ? "," : "";
        sbuf_addf(&pos, "%s%zu", sep, i + 1);
        sbuf_addf(&ids, "%s%lld", sep, (long long)om->items[i].id);
        sbuf_addf(&ns, "%s%d", sep, om->items[i].n_adjudicacion);
    }
    sbuf_adds(&pos, "}");
    sbuf_adds(&ids, "}");
    if (sbuf_adds(&ns, "}")) return false;
    const char *vals[] = {sid, sbuf_cstr(&pos), sbuf_cstr(&ids), sbuf_cstr(&ns)};
    return db_exec(r->w->db, r->a, &SQL_sesion_turnos_insertar, 4, vals) != NULL;
}

static void sesion_crear(req *r)
{
    const char *cid = route_param(&r->params, "id");
    if (!texto_id_decimal(cid)) {
        problema(r, P_CONVOCATORIA_NO_ENCONTRADA, "No existe la convocatoria.");
        return;
    }
    const jv *root = http_json_body(r);
    if (!root) return;
    verr e;
    verr_init(&e, r->a);
    crear_in in;
    if (!crear_leer(r, root, &e, &in)) {
        problem_fields(r, &e);
        return;
    }
    fase_adj f = (fase_adj)fase_de(in.fase);
    db *d = r->w->db;
    if (!db_begin(d)) {
        problem_db(r);
        return;
    }
    orden_calculo om;
    adjfases_datos fd;
    if (adjfases_orden(r, cid, in.modalidad, in.profesion, f) || orden_publicado(r, cid, &in, &om)) {
        db_rollback(d);
        return;
    }
    if (!adjfases_filtrar(d, r->a, f, !strcmp(in.modalidad, "EQUIVALENTE"), &om, &fd)) {
        db_rollback(d);
        problem_db(r);
        return;
    }
    PGresult *sv = db_exec(d, r->a, &SQL_sesion_servicio, 1, (const char *[]){cid});
    if (!sv || PQntuples(sv) == 0) {
        db_rollback(d);
        if (!sv) problem_db(r);
        else
            problema(r, P_SERVICIO_NO_PROGRAMADO,
                     "Programe la fase SERVICIO (inicio y fin del SERUMS) antes de adjudicar.");
        return;
    }
    const char *vals[] = {cid,
                          in.modalidad,
                          in.profesion,
                          in.fase,
                          in.modo,
                          arena_printf(r->a, "%ld", in.segundos),
                          arena_printf(r->a, "%ld", in.bloque),
                          arena_printf(r->a, "%ld", in.reintentos),
                          api_ahora(r)};
    PGresult *ins = db_exec(d, r->a, &SQL_sesion_insertar, 9, vals);
    if (!ins) {
        bool dup = db_unique_violation(d);
        db_rollback(d);
        if (dup)
            problema(r, P_SESION_ABIERTA,
                     "Ya hay una sesión abierta de esa profesión y modalidad: ciérrela primero.");
        else problem_db(r);
        return;
    }
    const char *sid = db_field(ins, 0, "id");
    motor m;
    bool ok = insertar_turnos(r, sid, &om) &&
              (!fase_equivalente(f) || adjfases_marcar(d, r->a, sid, &om, &fd)) &&
              db_exec(d, r->a, &SQL_sesion_unidades_insertar, 5,
                      (const char *[]){sid, cid, in.modalidad, in.profesion, in.fase});
    if (!ok) {
        db_rollback(d);
        problem_db(r);
        return;
    }
    if (motor_cargar(r, sid, &m)) {
        db_rollback(d);
        return;
    }
    bool fallo;
    const char *json = motor_guardar(&m, "CREADA", ahora(r)) == 0 ? motor_estado_json(r, sid, &m, &fallo)
                                                                  : NULL;
    if (!json || !audit_record(r, "adjudicacion.sesion.crear", "adjudicacion_sesion", sid, NULL, json) ||
        !db_commit(d)) {
        db_rollback(d);
        problem_db(r);
        return;
    }
    motor_confirmado(&m, json);
    http_set_header(r, "Location", arena_printf(r->a, "/v1/adjudicaciones/%s", sid));
    http_send_json_text(r, 201, json);
}

/* ---- one transaction over a session ---- */

/* Locks and replays the session, lets pending deadlines expire; 0 ok (in a transaction), -1 answered. */
static int abrir(req *r, const char *sid, motor *m)
{
    if (!texto_id_decimal(sid)) {
        problema(r, P_SESION_NO_ENCONTRADA, "No existe la sesión de adjudicación.");
        return -1;
    }
    if (!db_begin(r->w->db)) {
        problem_db(r);
        return -1;
    }
    if (motor_cargar(r, sid, m)) {
        db_rollback(r->w->db);
        return -1;
    }
    if (motor_vencer(m, ahora(r))) {
        db_rollback(r->w->db);
        problem_db(r);
        return -1;
    }
    return 0;
}

/* Writes, audits and commits; then publishes estado.json. The new state JSON, or NULL after answering. */
static const char *persistir(req *r, motor *m, const char *estado, const char *accion)
{
    db *d = r->w->db;
    bool fallo;
    const char *json = motor_guardar(m, estado, ahora(r)) == 0 ? motor_estado_json(r, m->id, m, &fallo)
                                                               : NULL;
    if (!json ||
        !audit_record(r, accion, "adjudicacion_sesion", m->id, NULL,
                      arena_printf(r->a, "{\"eventos\":%ld,\"ultimo_hash\":\"%s\"}", m->seq, m->prev)) ||
        !db_commit(d)) {
        db_rollback(d);
        problem_db(r);
        return NULL;
    }
    motor_confirmado(m, json);
    return json;
}

static void cerrar_tx(req *r, motor *m, const char *estado, const char *accion, int status)
{
    const char *json = persistir(r, m, estado, accion);
    if (json) http_send_json_text(r, status, json);
}

/* Refuses an action; deadlines that expired meanwhile are kept. */
static void refusar(req *r, motor *m, problema_id p, const char *detalle)
{
    if (m->nuevos) {
        if (!persistir(r, m, m->estado, "adjudicacion.vence")) return;
    } else {
        db_rollback(r->w->db);
    }
    problema(r, p, detalle);
}

static void sesion_iniciar(req *r)
{
    motor m;
    if (abrir(r, route_param(&r->params, "sesion"), &m)) return;
    if (strcmp(m.estado, "CREADA") && strcmp(m.estado, "PAUSADA")) {
        refusar(r, &m, P_SESION_ESTADO, arena_printf(r->a, "La sesión está %s.", m.estado));
        return;
    }
    if (strcmp(m.fase, "REOFERTA")) {
        const char *fase = !strcmp(db_field(m.ses, 0, "modalidad"), "REMUNERADA")
                               ? "ADJUDICACION_REMUNERADA"
                               : "ADJUDICACION_EQUIVALENTE";
        if (fase_exigir(r, m.convocatoria_id, fase)) {
            db_rollback(r->w->db);
            return;
        }
    }
    m.estado = "EN_CURSO";
    time_t now = ahora(r);
    if (!strcmp(m.modo, "LISTAS")) {
        while (!asig_terminada(&m.m)) {
            asig_evento ev = {ACC_VENCE, m.post[m.m.actual].id, 0};
            asig_resultado out;
            if (motor_aplicar(&m, &ev, "SISTEMA", 0, now, &out)) {
                db_rollback(r->w->db);
                problem_db(r);
                return;
            }
        }
    } else {
        m.vence = now + m.segundos;
    }
    cerrar_tx(r, &m, "EN_CURSO", "adjudicacion.sesion.iniciar", 200);
}

static void sesion_pausar(req *r)
{
    motor m;
    if (abrir(r, route_param(&r->params, "sesion"), &m)) return;
    if (strcmp(m.estado, "EN_CURSO")) {
        refusar(r, &m, P_SESION_ESTADO, arena_printf(r->a, "La sesión está %s.", m.estado));
        return;
    }
    m.vence = 0;
    cerrar_tx(r, &m, "PAUSADA", "adjudicacion.sesion.pausar", 200);
}

static void sesion_cerrar(req *r)
{
    motor m;
    if (abrir(r, route_param(&r->params, "sesion"), &m)) return;
    if (!strcmp(m.estado, "CERRADA")) {
        refusar(r, &m, P_SESION_ESTADO, "La sesión ya está cerrada.");
        return;
    }
    asig_cerrar(&m.m);
    cerrar_tx(r, &m, "CERRADA", "adjudicacion.sesion.cerrar", 200);
}

/* ---- picks ---- */

/* The caller's inscription in the session (postulante), or 0. */
static long long inscripcion_de(req *r, const char *sid)
{
    PGresult *t = db_exec(r->w->db, r->a, &SQL_sesion_turno_de_usuario, 2,
                          (const char *[]){sid, arena_printf(r->a, "%lld", r->user->id)});
    return t && PQntuples(t) ? strtoll(db_field(t, 0, "inscripcion_id"), NULL, 10) : (t ? 0 : -1);
}

static void sesion_elegir(req *r)
{
    const jv *root = http_json_body(r);
    if (!root) return;
    verr e;
    verr_init(&e, r->a);
    jr j;
    long plaza = 0, por = 0;
    bool desiste = false, hay_plaza = false, hay_desiste = false, admin = r->user->rol == ROLE_ADMIN;
    if (jr_open(&j, r->a, root, &e, NULL)) {
        hay_plaza = jr_int(&j, "plaza_id", JR_OPTIONAL, 1, 999999999999L, &plaza);
        hay_desiste = jr_bool(&j, "desiste", JR_OPTIONAL, &desiste);
        /* an operator records the pick of the postulante present in person: names whom */
        bool hay_por = jr_int(&j, "inscripcion_id", admin ? JR_REQUIRED : JR_OPTIONAL, 1, 999999999999L,
                              &por);
        jr_close(&j);
        if (hay_por && !admin)
            verr_add(&e, "inscripcion_id", "CAMPO_NO_PERMITIDO",
                     "Solo un operador indica por quién registra la elección.");
        if (e.n == 0 && hay_plaza == (hay_desiste && desiste))
            verr_add(&e, "plaza_id", "REQUERIDO",
                     "Indique plaza_id, o desiste: true para renunciar a su turno.");
    }
    if (e.n) {
        problem_fields(r, &e);
        return;
    }
    motor m;
    const char *sid = route_param(&r->params, "sesion");
    if (abrir(r, sid, &m)) return;
    if (strcmp(m.estado, "EN_CURSO") || strcmp(m.modo, "VIVO")) {
        refusar(r, &m, P_SESION_ESTADO, "La sesión no está en curso en modo VIVO.");
        return;
    }
    if (asig_terminada(&m.m)) {
        refusar(r, &m, P_SESION_ESTADO, "La sesión terminó: no quedan turnos o unidades.");
        return;
    }
    int64_t llamado = m.post[m.m.actual].id;
    {
        long long mia = admin ? por : inscripcion_de(r, sid);
        if (mia < 0) {
            db_rollback(r->w->db);
            problem_db(r);
            return;
        }
        if (mia != llamado) {
            refusar(r, &m, P_NO_ES_SU_TURNO, "No es su turno: solo el postulante llamado puede elegir.");
            return;
        }
    }
    asig_evento ev = {hay_plaza ? ACC_ELIGE : ACC_DESISTE, llamado, plaza};
    asig_resultado out;
    asig_error err = motor_aplicar(&m, &ev, admin ? "OPERADOR" : "POSTULANTE", r->user->id, ahora(r), &out);
    if (err == ASIG_E_PLAZA_DESCONOCIDA || err == ASIG_E_NO_ELEGIBLE) {
        refusar(
            r, &m, P_PLAZA_NO_ELEGIBLE,
            err == ASIG_E_NO_ELEGIBLE
                ? "La plaza no le corresponde en esta fase (CAUTIVAS: solo las plazas cautivas de su institución)."
                : "La plaza no se ofrece en esta sesión (otra profesión, modalidad o convocatoria).");
        return;
    }
    if (err == ASIG_E_SIN_UNIDAD) {
        refusar(r, &m, P_PLAZA_SIN_UNIDADES, "La plaza ya no tiene unidades libres.");
        return;
    }
    if (err) {
        db_rollback(r->w->db);
        problem_db(r);
        return;
    }
    m.vence = ahora(r) + m.segundos; /* the next turn's clock starts now */
    cerrar_tx(r, &m, "EN_CURSO", "adjudicacion.eleccion", 200);
}

/* ---- preference lists ---- */

/* The caller's inscription in a session that still takes lists; 0 after answering. */
static long long mi_turno(req *r, const char *sid, bool para_editar)
{
    if (!texto_id_decimal(sid)) {
        problema(r, P_SESION_NO_ENCONTRADA, "No existe la sesión de adjudicación.");
        return 0;
    }
    PGresult *s = db_exec(r->w->db, r->a, &SQL_sesion_leer, 1, (const char *[]){sid});
    if (!s) {
        problem_db(r);
        return 0;
    }
    if (PQntuples(s) == 0) {
        problema(r, P_SESION_NO_ENCONTRADA, "No existe la sesión de adjudicación.");
        return 0;
    }
    long long mia = inscripcion_de(r, sid);
    if (mia < 0) {
        problem_db(r);
        return 0;
    }
    if (mia == 0) {
        problema(r, P_SESION_NO_ENCONTRADA, "No tiene turno en esta sesión.");
        return 0;
    }
    if (para_editar && strcmp(db_field(s, 0, "estado"), "CREADA")) {
        problema(r, P_SESION_ESTADO,
                 "La lista de preferencias solo se puede cambiar antes de que la sesión empiece.");
        return 0;
    }
    return mia;
}

static void preferencias_get(req *r)
{
    const char *sid = route_param(&r->params, "sesion");
    long long mia = mi_turno(r, sid, false);
    if (!mia) return;
    PGresult *p = db_exec(r->w->db, r->a, &SQL_preferencias_get, 2,
                          (const char *[]){sid, arena_printf(r->a, "%lld", mia)});
    if (!p) {
        problem_db(r);
        return;
    }
    http_send_json_text(r, 200, arena_printf(r->a, "{\"plazas\":%s}", db_field(p, 0, "plazas")));
}

#define MAX_PREFERENCIAS 500

static void preferencias_put(req *r)
{
    const char *sid = route_param(&r->params, "sesion");
    const jv *root = http_json_body(r);
    if (!root) return;
    verr e;
    verr_init(&e, r->a);
    jr j;
    const jv *pl = NULL;
    if (jr_open(&j, r->a, root, &e, NULL)) {
        pl = jr_take(&j, "plazas", JR_REQUIRED);
        jr_close(&j);
        if (pl && (pl->t != JV_ARRAY || pl->n > MAX_PREFERENCIAS)) {
            verr_add(&e, "plazas", "TIPO_INVALIDO",
                     "Se esperaba una lista de hasta 500 ids de plaza, en orden de preferencia.");
            pl = NULL;
        }
    }
    sbuf arr;
    sbuf_init(&arr, r->a, 64);
    sbuf_adds(&arr, "{");
    int64_t *ids = pl ? arena_alloc(r->a, (pl->n ? pl->n : 1) * sizeof *ids) : NULL;
    for (size_t i = 0; pl && ids && i < pl->n; i++) {
        const jv *v = pl->items[i];
        char *end;
        ids[i] = v->t == JV_NUMBER && v->is_int ? strtoll(v->s, &end, 10) : 0;
        if (ids[i] <= 0) {
            verr_add(&e, arena_printf(r->a, "plazas[%zu]", i), "TIPO_INVALIDO",
                     "Se esperaba un id de plaza.");
            continue;
        }
        for (size_t k = 0; k < i; k++)
            if (ids[k] == ids[i])
                verr_add(&e, arena_printf(r->a, "plazas[%zu]", i), "DUPLICADO",
                         "La plaza ya figura antes en la lista.");
        sbuf_addf(&arr, "%s%lld", i ? "," : "", (long long)ids[i]);
    }
    if (e.n) {
        problem_fields(r, &e);
        return;
    }
    if (sbuf_adds(&arr, "}")) {
        problem_db(r);
        return;
    }
    db *d = r->w->db;
    if (!db_begin(d)) {
        problem_db(r);
        return;
    }
    long long mia = mi_turno(r, sid, true);
    if (!mia) {
        db_rollback(d);
        return;
    }
    const char *lista = sbuf_cstr(&arr), *mia_s = arena_printf(r->a, "%lld", mia);
    PGresult *ok = db_exec(d, r->a, &SQL_preferencias_plazas_validas, 2, (const char *[]){sid, lista});
    if (!ok) {
        db_rollback(d);
        problem_db(r);
        return;
    }
    /* "{3,5,9}": the listed plazas this session offers */
    const char *validas = db_field(ok, 0, "plazas");
    size_t nv = 0;
    int64_t *v = arena_alloc(r->a, (pl->n ? pl->n : 1) * sizeof *v);
    if (!v) {
        db_rollback(d);
        problem_db(r);
        return;
    }
    for (const char *c = validas + 1; *c && *c != '}' && nv < pl->n;) {
        v[nv++] = strtoll(c, (char **)&c, 10);
        if (*c == ',') c++;
    }
    qsort(v, nv, sizeof *v, cmp_i64);
    for (size_t i = 0; i < pl->n; i++)
        if (!bsearch(&ids[i], v, nv, sizeof *v, cmp_i64))
            verr_add(&e, arena_printf(r->a, "plazas[%zu]", i), "PLAZA_NO_ELEGIBLE",
                     "La plaza no se ofrece en esta sesión.");
    if (e.n) {
        db_rollback(d);
        problem_fields(r, &e);
        return;
    }
    const char *vals[] = {sid, mia_s, lista};
    if (!db_exec(d, r->a, &SQL_preferencias_borrar, 2, vals) ||
        !db_exec(d, r->a, &SQL_preferencias_insertar, 3, vals) ||
        !audit_record(r, "adjudicacion.preferencias", "inscripcion", mia_s, NULL,
                      arena_printf(r->a, "{\"sesion\":%s,\"plazas\":[%.*s]}", sid, (int)strlen(lista) - 2,
                                   lista + 1)) ||
        !db_commit(d)) {
        db_rollback(d);
        problem_db(r);
        return;
    }
    preferencias_get(r);
}

/* ---- reads ---- */

static void sesion_get(req *r)
{
    const char *sid = route_param(&r->params, "sesion");
    if (!texto_id_decimal(sid)) {
        problema(r, P_SESION_NO_ENCONTRADA, "No existe la sesión de adjudicación.");
        return;
    }
    PGresult *s = db_exec(r->w->db, r->a, &SQL_sesion_leer, 1, (const char *[]){sid});
    if (!s) {
        problem_db(r);
        return;
    }
    if (PQntuples(s) == 0) {
        problema(r, P_SESION_NO_ENCONTRADA, "No existe la sesión de adjudicación.");
        return;
    }
    const char *ve = db_field(s, 0, "vence_epoch");
    if (!strcmp(db_field(s, 0, "estado"), "EN_CURSO") && ve && strtoll(ve, NULL, 10) <= (long long)ahora(r)) {
        motor m; /* a deadline passed: let it expire first */
        if (abrir(r, sid, &m)) return;
        cerrar_tx(r, &m, "EN_CURSO", "adjudicacion.vence", 200);
        return;
    }
    bool fallo;
    const char *json = motor_estado_json(r, sid, NULL, &fallo);
    if (!json) {
        problem_db(r);
        return;
    }
    http_send_json_text(r, 200, json);
}

static void sesion_turnos(req *r)
{
    const char *sid = route_param(&r->params, "sesion");
    long limit;
    const char *cursor;
    if (http_pagination(r, &limit, &cursor) != 0) return;
    if (cursor && !texto_id_decimal(cursor)) {
        problema(r, P_PARAMETRO_INVALIDO, "cursor inválido.");
        return;
    }
    if (!texto_id_decimal(sid)) {
        problema(r, P_SESION_NO_ENCONTRADA, "No existe la sesión de adjudicación.");
        return;
    }
    PGresult *s = db_exec(r->w->db, r->a, &SQL_sesion_leer, 1, (const char *[]){sid});
    if (!s) {
        problem_db(r);
        return;
    }
    if (PQntuples(s) == 0) {
        problema(r, P_SESION_NO_ENCONTRADA, "No existe la sesión de adjudicación.");
        return;
    }
    PGresult *p = db_exec(r->w->db, r->a, &SQL_sesion_turnos_pagina, 3,
                          (const char *[]){sid, cursor, arena_printf(r->a, "%ld", limit)});
    if (!p) {
        problem_db(r);
        return;
    }
    http_send_json_text(r, 200, db_field(p, 0, "pagina"));
}

static void sesion_eventos(req *r)
{
    const char *sid = route_param(&r->params, "sesion");
    if (!texto_id_decimal(sid)) {
        problema(r, P_SESION_NO_ENCONTRADA, "No existe la sesión de adjudicación.");
        return;
    }
    PGresult *p = db_exec(r->w->db, r->a, &SQL_sesion_log_json, 1, (const char *[]){sid});
    if (!p) {
        problem_db(r);
        return;
    }
    if (PQntuples(p) == 0) {
        problema(r, P_SESION_NO_ENCONTRADA, "No existe la sesión de adjudicación.");
        return;
    }
    publico_json(r, db_field(p, 0, "log"), 1);
}

const route adjudicaciones_routes[] = {
    {"POST", "/v1/convocatorias/{id}/adjudicaciones", sesion_crear, ROLE_ADMIN, BODY_JSON, 0},
    {"GET", "/v1/adjudicaciones/{sesion}", sesion_get, 0, BODY_NONE, 0},
    {"GET", "/v1/adjudicaciones/{sesion}/turnos", sesion_turnos, 0, BODY_NONE, 0},
    {"GET", "/v1/adjudicaciones/{sesion}/eventos", sesion_eventos, 0, BODY_NONE, 0},
    {"POST", "/v1/adjudicaciones/{sesion}/iniciar", sesion_iniciar, ROLE_ADMIN, BODY_NONE, 0},
    {"POST", "/v1/adjudicaciones/{sesion}/pausar", sesion_pausar, ROLE_ADMIN, BODY_NONE, 0},
    {"POST", "/v1/adjudicaciones/{sesion}/cerrar", sesion_cerrar, ROLE_ADMIN, BODY_NONE, 0},
    {"POST", "/v1/adjudicaciones/{sesion}/elecciones", sesion_elegir, ROLE_POSTULANTE | ROLE_ADMIN, BODY_JSON,
     0},
    {"PUT", "/v1/adjudicaciones/{sesion}/preferencias", preferencias_put, ROLE_POSTULANTE, BODY_JSON, 0},
    {"GET", "/v1/adjudicaciones/{sesion}/preferencias", preferencias_get, ROLE_POSTULANTE, BODY_NONE, 0},
};
const size_t adjudicaciones_routes_n = ROUTES_N(adjudicaciones_routes);
