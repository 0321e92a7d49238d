/* adjudicacion_motor.c - a session's transaction: load and replay (or take
 * the worker's cached machine, adjudicacion_cache.c), apply, write in bulk,
 * publish the static state (see adjudicacion_motor.h).
 * SQL: sql/adjudicacion.sql. */
#include "adjudicacion_motor.h"
#include "adjudicacion_cache.h"
#include "adjudicacion_fases.h"
#include "db.h"
#include "evento_cadena.h"
#include "log.h"
#include "problemas.h"
#include "servicio.h"
#include "sql_gen.h"
#include "timeutil.h"
#include "worker.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "1,2,3" into n int64s. */
static int64_t *ids_de(arena *a, const char *s, size_t n)
{
    int64_t *v = arena_alloc(a, (n ? n : 1) * sizeof *v);
    for (size_t i = 0; v && s && i < n; i++) {
        v[i] = strtoll(s, (char **)&s, 10);
        if (*s == ',' || *s == ':') s++;
    }
    return v;
}

static bool cargar_turnos(motor *m)
{
    const servicio *sv = &m->s;
    PGresult *t = db_exec(sv->db, sv->a, &SQL_sesion_turnos, 1, (const char *[]){m->id});
    if (!t) return false;
    m->n = (size_t)atol(db_field(t, 0, "n"));
    int64_t *ids = ids_de(sv->a, db_field(t, 0, "ids"), m->n),
            *ns = ids_de(sv->a, db_field(t, 0, "ns"), m->n);
    m->post = arena_calloc(sv->a, m->n ? m->n : 1, sizeof *m->post);
    m->n_adj = arena_alloc(sv->a, (m->n ? m->n : 1) * sizeof *m->n_adj);
    int64_t *ll = ids_de(sv->a, db_field(t, 0, "llamadas"), m->n);
    m->antes = arena_alloc(sv->a, (m->n ? m->n : 1) * sizeof *m->antes);
    m->llamadas_antes = arena_alloc(sv->a, (m->n ? m->n : 1) * sizeof *m->llamadas_antes);
    if (!ids || !ns || !ll || !m->post || !m->n_adj || !m->antes || !m->llamadas_antes) return false;
    const char *e = db_field(t, 0, "estados");
    for (size_t i = 0; i < m->n; i++) {
        m->post[i].id = ids[i];
        m->n_adj[i] = (int)ns[i];
        m->llamadas_antes[i] = (int)ll[i];
        size_t len = strcspn(e, ",");
        m->antes[i] = (turno_estado)-1; /* as stored, to write only what changes */
        for (int k = 0; TURNO_ESTADOS[k]; k++)
            if (strlen(TURNO_ESTADOS[k]) == len && !strncmp(TURNO_ESTADOS[k], e, len))
                m->antes[i] = (turno_estado)k;
        e += len + (e[len] == ',');
    }
    return true;
}

static bool cargar_unidades(motor *m)
{
    const servicio *sv = &m->s;
    PGresult *u = db_exec(sv->db, sv->a, &SQL_sesion_unidades, 1, (const char *[]){m->id});
    if (!u) return false;
    m->nu = (size_t)atol(db_field(u, 0, "n"));
    int64_t *v = ids_de(sv->a, db_field(u, 0, "unidades"), 2 * m->nu);
    m->u = arena_alloc(sv->a, (m->nu ? m->nu : 1) * sizeof *m->u);
    if (!v || !m->u) return false;
    for (size_t i = 0; i < m->nu; i++) m->u[i] = (asig_unidad){v[2 * i], (int)v[2 * i + 1]};
    return true;
}

static int cmp_post(const void *k, const void *e)
{
    int64_t a = *(const int64_t *)k, b = ((const asig_postulante *)e)->id;
    return a < b ? -1 : a > b;
}

/* Preference lists onto the turns (bsearch over a copy sorted by id). */
static bool cargar_preferencias(motor *m)
{
    const servicio *sv = &m->s;
    PGresult *p = db_exec(sv->db, sv->a, &SQL_sesion_preferencias, 1, (const char *[]){m->id});
    if (!p) return false;
    size_t *pos = arena_alloc(sv->a, (m->n ? m->n : 1) * sizeof *pos);
    asig_postulante *orden = arena_alloc(sv->a, (m->n ? m->n : 1) * sizeof *orden);
    if (!pos || !orden) return false;
    for (size_t i = 0; i < m->n; i++) {
        orden[i] = m->post[i];
        orden[i].nprefs = (int)i;
    } /* nprefs: index */
    qsort(orden, m->n, sizeof *orden, cmp_post);
    (void)pos;
    for (int k = 0; k < PQntuples(p); k++) {
        int64_t id = strtoll(db_field(p, k, "inscripcion_id"), NULL, 10);
        asig_postulante *hit = bsearch(&id, orden, m->n, sizeof *orden, cmp_post);
        if (!hit) continue;
        const char *lista = db_field(p, k, "plazas");
        size_t cnt = 1;
        for (const char *c = lista; *c; c++) cnt += *c == ',';
        asig_postulante *dest = &m->post[hit->nprefs];
        dest->prefs = ids_de(sv->a, lista, cnt);
        dest->nprefs = dest->prefs ? (int)cnt : 0;
    }
    return true;
}

/* Replays the stored events after m->seq onto the machine. Catching a cached machine up
 * (`encadenar`), each event must continue the chain from m->prev, which follows it. */
static bool replay(motor *m, bool encadenar)
{
    const servicio *sv = &m->s;
    const char *p[] = {m->id, arena_printf(sv->a, "%ld", m->seq)};
    PGresult *e = db_exec(sv->db, sv->a, &SQL_sesion_eventos, 2, p);
    if (!e) return false;
    for (int k = 0; k < PQntuples(e); k++) {
        const char *acc = db_field(e, k, "accion"), *pl = db_field(e, k, "plaza_id");
        asig_evento ev = {!strcmp(acc, "ELIGE")     ? ACC_ELIGE
                          : !strcmp(acc, "DESISTE") ? ACC_DESISTE
                                                    : ACC_VENCE,
                          strtoll(db_field(e, k, "inscripcion_id"), NULL, 10),
                          pl ? strtoll(pl, NULL, 10) : 0};
        if (encadenar && strcmp(db_field(e, k, "prev_hash"), m->prev)) return false;
        asig_resultado out;
        asig_error err = asig_aplicar(&m->m, &ev, &out);
        if (err) {
            log_error("adjudicacion replay failed", "\"sesion\":%s,\"seq\":%ld,\"error\":%d", m->id,
                      m->seq + k + 1, (int)err);
            return false;
        }
        if (encadenar) snprintf(m->prev, sizeof m->prev, "%s", db_field(e, k, "hash"));
    }
    m->seq += PQntuples(e);
    return true;
}

/* Everything from the tables: turns, units, preference lists, the whole log. */
static motor_fallo cargar_completo(motor *m, const char *ultimo_hash)
{
    const servicio *sv = &m->s;
    m->cache_entrada = NULL;
    m->seq = 0;
    snprintf(m->prev, sizeof m->prev, "%s", ultimo_hash);
    if (!cargar_turnos(m) || !cargar_unidades(m) || !cargar_preferencias(m)) return MOTOR_F_BD;
    asig_config cfg = {!strcmp(m->modo, "LISTAS") ? ASIG_LISTAS : ASIG_VIVO,
                       atoi(db_field(m->ses, 0, "bloque")), atoi(db_field(m->ses, 0, "reintentos")), NULL,
                       NULL};
    if (!adjfases_config(sv->db, sv->a, m->id, m->fase, m->n, &cfg)) return MOTOR_F_BD;
    if (asig_init(&m->m, sv->a, &cfg, m->post, m->n, m->u, m->nu) != ASIG_OK || !replay(m, false))
        return MOTOR_F_REPLAY;
    return MOTOR_OK;
}

/* A cached machine is what the tables hold: the stored turn states are its own. */
static bool antes_de_maquina(motor *m)
{
    size_t n = m->n ? m->n : 1;
    m->antes = arena_alloc(m->s.a, n * sizeof *m->antes);
    m->llamadas_antes = arena_alloc(m->s.a, n * sizeof *m->llamadas_antes);
    if (!m->antes || !m->llamadas_antes) return false;
    for (size_t i = 0; i < m->n; i++) {
        m->antes[i] = m->m.st[i].estado;
        m->llamadas_antes[i] = m->m.st[i].llamadas;
    }
    return true;
}

static void sbufs_init(motor *m)
{
    sbuf *all[] = {&m->e_seq,   &m->e_prev,  &m->e_hash, &m->e_turno, &m->e_ins, &m->e_acc,
                   &m->e_plaza, &m->e_res,   &m->e_uni,  &m->e_actor, &m->e_uid, &m->e_at,
                   &m->a_ins,   &m->a_plaza, &m->a_uni,  &m->a_at,    &m->a_via};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        sbuf_init(all[i], m->s.a, 256);
        sbuf_adds(all[i], "{");
    }
}

/* motor_abrir with the worker's cache of loaded sessions (NULL: none, e.g. the clock process). */
static motor_fallo motor_abrir_con(const servicio *s, adjcache *cache, const char *id, motor *m)
{
    memset(m, 0, sizeof *m);
    m->s = *s;
    m->id = id;
    m->cache = cache;
    const servicio *sv = &m->s;
    m->ses = db_exec(sv->db, sv->a, &SQL_sesion_bloquear, 1, (const char *[]){id});
    if (!m->ses) return MOTOR_F_BD;
    if (PQntuples(m->ses) == 0) return MOTOR_F_NO_ENCONTRADA;
    m->estado = db_field(m->ses, 0, "estado");
    m->modo = db_field(m->ses, 0, "modo");
    m->fase = db_field(m->ses, 0, "fase");
    m->convocatoria_id = db_field(m->ses, 0, "convocatoria_id");
    m->segundos = atoi(db_field(m->ses, 0, "segundos_turno"));
    m->servicio_inicio = db_field(m->ses, 0, "servicio_inicio");
    m->servicio_fin = db_field(m->ses, 0, "servicio_fin");
    const char *ve = db_field(m->ses, 0, "vence_epoch");
    m->vence = ve ? (time_t)strtoll(ve, NULL, 10) : 0;
    const char *ultimo = db_field(m->ses, 0, "ultimo_hash");
    long eventos = atol(db_field(m->ses, 0, "eventos"));
    snprintf(m->prev, sizeof m->prev, "%s", ultimo);
    adjcache_uso uso = adjcache_tomar(cache, m, eventos);
    long desde = m->seq;
    if (uso == ADJCACHE_DETRAS && (!replay(m, true) || m->seq != eventos || strcmp(m->prev, ultimo)))
        uso = ADJCACHE_NO; /* the stored chain is not the cached one's continuation */
    if (uso == ADJCACHE_DETRAS)
        log_info("adjudicacion cache al dia", "\"sesion\":%s,\"desde\":%ld,\"hasta\":%ld", id, desde,
                 eventos);
    if (uso == ADJCACHE_NO) {
        motor_fallo f = cargar_completo(m, ultimo);
        if (f != MOTOR_OK) return f;
    } else if (!antes_de_maquina(m)) {
        return MOTOR_F_BD;
    }
    if (!strcmp(m->estado, "CERRADA")) asig_cerrar(&m->m);
    sbufs_init(m);
    return MOTOR_OK;
}

motor_fallo motor_abrir(const servicio *s, const char *id, motor *m)
{
    return motor_abrir_con(s, NULL, id, m);
}

int motor_cargar(req *r, const char *id, motor *m)
{
    servicio s = servicio_de(r);
    switch (motor_abrir_con(&s, adjcache_del_worker(r->w), id, m)) {
    case MOTOR_OK: return 0;
    case MOTOR_F_NO_ENCONTRADA:
        problema(r, P_SESION_NO_ENCONTRADA, "No existe la sesión de adjudicación.");
        break;
    case MOTOR_F_BD: problem_db(r); break;
    case MOTOR_F_REPLAY:
        problema(r, P_ERROR_INTERNO, "El registro de la sesión no se pudo reproducir.");
        break;
    }
    return -1;
}

static void lista_add(sbuf *b, const char *v) { sbuf_addf(b, "%s%s", b->len > 1 ? "," : "", v); }
static void lista_addi(sbuf *b, long long v) { sbuf_addf(b, "%s%lld", b->len > 1 ? "," : "", v); }

asig_error motor_aplicar(motor *m, const asig_evento *ev, const char *actor, long long actor_id, time_t at,
                         asig_resultado *out)
{
    asig_error err = asig_aplicar(&m->m, ev, out);
    if (err) return err;
    char at_txt[32], h[65];
    time_format_rfc3339(at, at_txt);
    evento_log l = {++m->seq,
                    m->prev,
                    out->turno,
                    out->postulante_id,
                    ASIG_ACCIONES[ev->accion],
                    out->estado == TURNO_ADJUDICADO ? out->plaza_id
                                                    : (ev->accion == ACC_ELIGE ? ev->plaza_id : 0),
                    TURNO_ESTADOS[out->estado],
                    out->unidad,
                    actor,
                    at_txt};
    if (evento_hash(m->s.a, &l, h)) return ASIG_E_MEMORIA;
    lista_addi(&m->e_seq, l.seq);
    lista_add(&m->e_prev, l.prev_hash);
    lista_add(&m->e_hash, h);
    lista_addi(&m->e_turno, l.turno);
    lista_addi(&m->e_ins, l.inscripcion_id);
    lista_add(&m->e_acc, l.accion);
    lista_addi(&m->e_plaza, l.plaza_id);
    lista_add(&m->e_res, l.resultado);
    lista_addi(&m->e_uni, l.unidad);
    lista_add(&m->e_actor, actor);
    if (actor_id) lista_addi(&m->e_uid, actor_id);
    else lista_add(&m->e_uid, "NULL");
    lista_add(&m->e_at, at_txt);
    memcpy(m->prev, h, sizeof m->prev);
    m->nuevos++;
    if (out->estado == TURNO_ADJUDICADO) {
        lista_addi(&m->a_ins, out->postulante_id);
        lista_addi(&m->a_plaza, out->plaza_id);
        lista_addi(&m->a_uni, out->unidad);
        lista_add(&m->a_at, at_txt);
        lista_add(&m->a_via, out->via == VIA_AUTO ? "AUTO" : "ELECCION");
        m->adjudicados++;
    }
    return ASIG_OK;
}

int motor_vencer(motor *m, time_t now)
{
    if (strcmp(m->estado, "EN_CURSO") || strcmp(m->modo, "VIVO")) return 0;
    while (!asig_terminada(&m->m) && m->vence && m->vence <= now) {
        asig_evento ev = {ACC_VENCE, m->post[m->m.actual].id, 0};
        asig_resultado out;
        if (motor_aplicar(m, &ev, "SISTEMA", 0, m->vence, &out)) return -1;
        m->vence += m->segundos;
    }
    return 0;
}

static const char *cierra(sbuf *b)
{
    sbuf_adds(b, "}");
    return sbuf_cstr(b);
}

/* The turns whose state or calls changed since loaded: ids, states, calls (SQL arrays). */
static bool turnos_cambiados(motor *m, const char **ids_s, const char **est_s, const char **ll_s)
{
    sbuf ids, est, ll;
    sbuf_init(&ids, m->s.a, 64);
    sbuf_init(&est, m->s.a, 64);
    sbuf_init(&ll, m->s.a, 64);
    sbuf_adds(&ids, "{");
    sbuf_adds(&est, "{");
    sbuf_adds(&ll, "{");
    for (size_t i = 0; i < m->n; i++) {
        const asig_post_estado *s = &m->m.st[i];
        if (s->estado == m->antes[i] && s->llamadas == m->llamadas_antes[i]) continue;
        lista_addi(&ids, m->post[i].id);
        lista_add(&est, TURNO_ESTADOS[s->estado]);
        lista_addi(&ll, s->llamadas);
    }
    *ids_s = cierra(&ids);
    *est_s = cierra(&est);
    *ll_s = cierra(&ll);
    return !m->s.a->failed;
}

int motor_guardar(motor *m, const char *estado, time_t now)
{
    const servicio *sv = &m->s;
    bool fin = asig_terminada(&m->m);
    if (fin) estado = "CERRADA";
    char now_txt[32], vence_txt[32];
    time_format_rfc3339(now, now_txt);
    bool con_plazo = !fin && !strcmp(estado, "EN_CURSO") && !strcmp(m->modo, "VIVO") && m->vence;
    if (con_plazo) time_format_rfc3339(m->vence, vence_txt);
    m->guardado = estado;
    const char *t_ids, *t_est, *t_ll;
    if (!turnos_cambiados(m, &t_ids, &t_est, &t_ll)) return -1;
    const char *v[] = {m->id,
                       cierra(&m->e_seq),
                       cierra(&m->e_prev),
                       cierra(&m->e_hash),
                       cierra(&m->e_turno),
                       cierra(&m->e_ins),
                       cierra(&m->e_acc),
                       cierra(&m->e_plaza),
                       cierra(&m->e_res),
                       cierra(&m->e_uni),
                       cierra(&m->e_actor),
                       cierra(&m->e_uid),
                       cierra(&m->e_at),
                       cierra(&m->a_ins),
                       cierra(&m->a_plaza),
                       cierra(&m->a_uni),
                       m->servicio_inicio,
                       m->servicio_fin,
                       m->fase,
                       cierra(&m->a_at),
                       cierra(&m->a_via),
                       t_ids,
                       t_est,
                       t_ll,
                       estado,
                       arena_printf(sv->a, "%ld", m->m.turno),
                       fin ? NULL : arena_printf(sv->a, "%lld", (long long)m->post[m->m.actual].id),
                       con_plazo ? vence_txt : NULL,
                       arena_printf(sv->a, "%ld", m->seq),
                       m->prev,
                       strcmp(estado, "CREADA") ? now_txt : NULL};
    return db_exec(sv->db, sv->a, &SQL_sesion_guardar, 31, v) ? 0 : -1;
}

/* [{"plaza_id" : …, "libres" : …}] by plaza id: the units the machine can still give (spelled
 * as json_agg spells the same array read from the tables). */
static const char *plazas_json(const motor *m)
{
    sbuf b;
    sbuf_init(&b, m->s.a, 32 * (m->m.npl + 1));
    sbuf_adds(&b, "[");
    for (size_t i = 0; i < m->m.npl; i++) {
        const asig_plaza_idx *p = &m->m.pl[i];
        sbuf_addf(&b, "%s{\"plaza_id\" : %lld, \"libres\" : %zu}", i ? ", " : "", (long long)p->plaza_id,
                  p->hasta - p->siguiente);
    }
    return sbuf_adds(&b, "]") ? NULL : sbuf_cstr(&b);
}

/* The next 10 turns never called yet, in order (the first calls go in order: from sig_main on). */
static const char *siguientes_json(const motor *m)
{
    sbuf b;
    sbuf_init(&b, m->s.a, 512);
    sbuf_adds(&b, "[");
    int k = 0;
    for (size_t i = m->m.sig_main; i < m->n && k < 10; i++) {
        if (m->m.st[i].estado != TURNO_PENDIENTE) continue;
        sbuf_addf(&b, "%s{\"inscripcion_id\" : %lld, \"n_adjudicacion\" : %d}", k++ ? ", " : "",
                  (long long)m->post[i].id, m->n_adj[i]);
    }
    return sbuf_adds(&b, "]") ? NULL : sbuf_cstr(&b);
}

const char *motor_estado(const servicio *s, const char *id, const motor *m, bool *fallo)
{
    const char *p[] = {id, m ? plazas_json(m) : NULL, m ? siguientes_json(m) : NULL};
    *fallo = m && (!p[1] || !p[2]);
    PGresult *res = *fallo ? NULL : db_exec(s->db, s->a, &SQL_sesion_estado_json, 3, p);
    *fallo = !res;
    return res && PQntuples(res) ? db_field(res, 0, "estado") : NULL;
}

const char *motor_estado_json(req *r, const char *id, const motor *m, bool *fallo)
{
    servicio s = servicio_de(r);
    return motor_estado(&s, id, m, fallo);
}

/* var_dir/publico/adjudicaciones/{id}/estado.json, written whole then renamed. */
static void escribir_estado(const servicio *s, const char *id, const char *json)
{
    const char *var = s->cfg->var_dir;
    if (!var || !json) return;
    const char *dirs[] = {arena_printf(s->a, "%s/publico", var),
                          arena_printf(s->a, "%s/publico/adjudicaciones", var),
                          arena_printf(s->a, "%s/publico/adjudicaciones/%s", var, id)};
    for (int i = 0; i < 3; i++)
        if (mkdir(dirs[i], 0755) && errno != EEXIST) {
            log_error("estado.json mkdir", "\"errno\":%d", errno);
            return;
        }
    const char *tmp = arena_printf(s->a, "%s/estado.json.%d", dirs[2], (int)getpid());
    const char *fin = arena_printf(s->a, "%s/estado.json", dirs[2]);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        log_error("estado.json open", "\"errno\":%d", errno);
        return;
    }
    bool ok = fputs(json, f) >= 0;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, fin)) {
        log_error("estado.json write", "\"errno\":%d", errno);
        remove(tmp);
    }
}

void motor_confirmado(motor *m, const char *json)
{
    adjcache_confirmar(m->cache, m);
    escribir_estado(&m->s, m->id, json);
}

void motor_publicar(const servicio *s, const char *id)
{
    bool fallo;
    escribir_estado(s, id, motor_estado(s, id, NULL, &fallo));
}
