/* adjudicacion_fases.c - order of fases, participants and eligibility data
 * of equivalente sessions (see adjudicacion_fases.h). SQL: sql/adjudicacion_fases.sql. */
#include "adjudicacion_fases.h"
#include "problemas.h"
#include "sql_gen.h"
#include "worker.h"
#include <stdlib.h>
#include <string.h>

static bool es_verdad(const char *v) { return v && !strcmp(v, "t"); }

int adjfases_orden(req *r, const char *cid, const char *modalidad, const char *profesion, fase_adj f)
{
    if (!fase_equivalente(f)) return 0;
    int ant = fase_anterior(f);
    sbuf later;
    sbuf_init(&later, r->a, 64);
    sbuf_adds(&later, "{");
    for (int k = (int)f + 1; k <= FASE_REGULARES; k++)
        sbuf_addf(&later, "%s%s", k > (int)f + 1 ? "," : "", FASES_ADJ[k]);
    if (sbuf_adds(&later, "}")) {
        problema_bd(r);
        return -1;
    }
    const char *v[] = {cid, modalidad, profesion, ant >= 0 ? FASES_ADJ[ant] : NULL, sbuf_cstr(&later)};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_fases_bloqueo, 5, v);
    if (!res) {
        problem_db(r);
        return -1;
    }
    const char *post = db_field(res, 0, "posteriores");
    if (post) {
        problema(r, P_FASE_NO_DISPONIBLE,
                 arena_printf(
                     r->a, "La fase %s va antes de %s, que ya tiene sesión: las fases se adjudican en orden.",
                     FASES_ADJ[f], post));
        return -1;
    }
    if (!es_verdad(db_field(res, 0, "anterior_cerrada"))) {
        problema(r, P_FASE_NO_DISPONIBLE,
                 arena_printf(r->a, "La fase %s empieza cuando la fase %s de esta profesión está CERRADA.",
                              FASES_ADJ[f], FASES_ADJ[ant]));
        return -1;
    }
    return 0;
}

bool adjfases_filtrar(db *d, arena *a, fase_adj f, bool equivalente, orden_calculo *om, adjfases_datos *datos)
{
    datos->n = 0;
    datos->post = arena_calloc(a, om->n ? om->n : 1, sizeof *datos->post);
    if (!datos->post) return false;
    if (!equivalente) {
        datos->n = om->n;
        return true;
    }
    sbuf ids;
    sbuf_init(&ids, a, 64);
    sbuf_adds(&ids, "{");
    for (size_t i = 0; i < om->n; i++) sbuf_addf(&ids, "%s%lld", i ? "," : "", (long long)om->items[i].id);
    if (sbuf_adds(&ids, "}")) return false;
    PGresult *res = db_exec(d, a, &SQL_fases_postulantes, 1, (const char *[]){sbuf_cstr(&ids)});
    if (!res || (size_t)PQntuples(res) != om->n) return false;
    size_t k = 0;
    for (size_t i = 0; i < om->n; i++) {
        const char *inst = db_field(res, (int)i, "institucion");
        fase_postulante p = {inst ? arena_strdup(a, inst) : NULL, es_verdad(db_field(res, (int)i, "vinculo")),
                             es_verdad(db_field(res, (int)i, "remunerada"))};
        if (inst && !p.institucion) return false;
        if (!fase_participa_en(f, equivalente, &p)) continue;
        om->items[k] = om->items[i];
        datos->post[k++] = p;
    }
    om->n = datos->n = k;
    return true;
}

bool adjfases_marcar(db *d, arena *a, const char *sid, const orden_calculo *om, const adjfases_datos *datos)
{
    sbuf ids, inst, vin;
    sbuf_init(&ids, a, 64);
    sbuf_init(&inst, a, 64);
    sbuf_init(&vin, a, 64);
    sbuf_adds(&ids, "{");
    sbuf_adds(&inst, "{");
    sbuf_adds(&vin, "{");
    for (size_t i = 0; i < datos->n; i++) {
        const char *sep = i ? "," : "";
        const fase_postulante *p = &datos->post[i];
        sbuf_addf(&ids, "%s%lld", sep, (long long)om->items[i].id);
        sbuf_addf(&inst, "%s%s", sep, p->institucion ? p->institucion : "NULL");
        sbuf_addf(&vin, "%s%s", sep, p->vinculo ? "t" : "f");
    }
    sbuf_adds(&ids, "}");
    sbuf_adds(&inst, "}");
    if (sbuf_adds(&vin, "}")) return false;
    const char *v[] = {sid, sbuf_cstr(&ids), sbuf_cstr(&inst), sbuf_cstr(&vin)};
    return db_exec(d, a, &SQL_fases_turnos_marcar, 4, v) != NULL;
}

/* "ESSALUD,,MINSA" into n codes (NULL for empty), copied into a. */
static bool campos(arena *a, const char *s, size_t n, const char **out)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = s ? strcspn(s, ",") : 0;
        out[i] = len ? arena_strndup(a, s, len) : NULL;
        if (len && !out[i]) return false;
        s = s && s[len] ? s + len + 1 : NULL;
    }
    return true;
}

/* "12:MINSA:1,15:ESSALUD:0" into the session's plazas. */
static bool leer_plazas(arena *a, const char *s, fase_sesion *fs)
{
    int64_t *ids = arena_alloc(a, (fs->nplazas ? fs->nplazas : 1) * sizeof *ids);
    fase_plaza *pl = arena_alloc(a, (fs->nplazas ? fs->nplazas : 1) * sizeof *pl);
    if (!ids || !pl) return false;
    for (size_t i = 0; i < fs->nplazas; i++) {
        if (!s) return false;
        char *c;
        ids[i] = strtoll(s, &c, 10);
        if (*c++ != ':') return false;
        size_t len = strcspn(c, ":");
        if (!c[len]) return false;
        pl[i] = (fase_plaza){arena_strndup(a, c, len), c[len + 1] == '1'};
        if (!pl[i].institucion) return false;
        s = strchr(c + len + 1, ',');
        if (s) s++;
    }
    fs->plaza_ids = ids;
    fs->plazas = pl;
    return true;
}

bool adjfases_config(db *d, arena *a, const char *sid, const char *fase, size_t n, asig_config *cfg)
{
    int f = fase_de(fase);
    if (f < 0 || !fase_equivalente((fase_adj)f)) return true;
    PGresult *res = db_exec(d, a, &SQL_fases_sesion_datos, 1, (const char *[]){sid});
    if (!res || (size_t)atol(db_field(res, 0, "n")) != n) return false;
    fase_sesion *fs = arena_calloc(a, 1, sizeof *fs);
    fase_postulante *post = arena_calloc(a, n ? n : 1, sizeof *post);
    const char **inst = arena_alloc(a, (n ? n : 1) * sizeof *inst);
    if (!fs || !post || !inst || !campos(a, db_field(res, 0, "instituciones"), n, inst)) return false;
    const char *vin = db_field(res, 0, "vinculos");
    for (size_t i = 0; i < n; i++) post[i] = (fase_postulante){inst[i], vin && vin[2 * i] == '1', false};
    *fs = (fase_sesion){(fase_adj)f, post, n, NULL, NULL, (size_t)atol(db_field(res, 0, "nplazas"))};
    if (!leer_plazas(a, db_field(res, 0, "plazas"), fs)) return false;
    cfg->elegible = fase_sesion_elegible;
    cfg->ud = fs;
    return true;
}
