/* test_adjudicacion.c - adjudication sessions end to end through nginx:
 * a batch (LISTAS) session from filed preference lists, replayed by the
 * independent verifier from the published order and log; a live session with
 * wrong turns, ineligible and full plazas, a give-up, deadlines that expire,
 * a pick after its deadline, the race of two requests for the last unit;
 * the static estado.json with ETag; nullity and a REOFERTA of the freed unit;
 * roles and unknown ids; publishing the lists (admin, 409 before the phase);
 * official grades in the merit order. */
#include "it.h"
#include "it_inscripcion_datos.h"
#include "it_orden.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define P2026 IT_POLITICA_2026
#define url itp
#define guardar it_guardar

typedef struct fx {
    char *adm, *conv;
    long long ids[8];      /* it_aptos order: ids[n-1] has the best score */
    int n;
    long long pa, pb, otra;
} fx;

static void fixture(fx *f, int n, int cant_a, int cant_b)
{
    f->adm = it_admin();
    f->conv = it_conv_adjudicacion();
    f->n = n;
    it_resp *r = it_put(url("/v1/convocatorias/%s/politicas/MEDICINA", f->conv), f->adm, P2026);
    cr_assert_eq(r->status, 201, "%s", r->body);
    it_free(r);
    it_aptos(f->conv, "MEDICINA", "REMUNERADA", n, f->ids);
    f->pa = it_plaza(f->conv, "MEDICINA", cant_a);
    f->pb = it_plaza(f->conv, "MEDICINA", cant_b);
    f->otra = it_plaza(f->conv, "ENFERMERIA", 3);
    it_orden_publicar(f->conv);   /* sessions take their turns from the published order */
}

static void fixture_fin(fx *f)
{
    free(f->adm);
    free(f->conv);
}

static char *crear(fx *f, const char *modo, const char *fase, int segundos)
{
    char body[256];
    snprintf(body, sizeof body, "{\"modalidad\":\"REMUNERADA\",\"profesion\":\"MEDICINA\",\"fase\":\"%s\",\"modo\":\"%s\","
             "\"segundos_turno\":%d,\"bloque\":50,\"reintentos\":1}", fase, modo, segundos);
    it_resp *r = it_post(url("/v1/convocatorias/%s/adjudicaciones", f->conv), f->adm, body);
    cr_assert_eq(r->status, 201, "%s", r->body);
    char *sid = strdup(it_str(r, "id"));
    cr_expect_str_eq(it_str(r, "estado"), "CREADA");
    it_free(r);
    return sid;
}

static void preferir(const char *sid, long long ins, const char *lista)
{
    char *t = it_apto_token(ins);
    it_resp *r = it_put(url("/v1/adjudicaciones/%s/preferencias", sid), t, lista);
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    free(t);
}

static char *adjudicada(long long ins)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", ins);
    return it_db_value("select plaza_id || ':' || unidad from adjudicaciones where inscripcion_id = $1::bigint and estado = 'VIGENTE'", id);
}

static char *raiz(void)
{
    static char root[1024];
    snprintf(root, sizeof root, "%s", __FILE__);
    *strstr(root, "/tests/integration/") = 0;
    return root;
}

/* Publishes a new version of tipo (admin, POST /publicaciones): its number. */
static long publicar(fx *f, const char *tipo)
{
    char body[96];
    snprintf(body, sizeof body, "{\"tipo\":\"%s\"}", tipo);
    it_resp *r = it_post(url("/v1/convocatorias/%s/publicaciones", f->conv), f->adm, body);
    cr_assert_eq(r->status, 201, "%s", r->body);
    cr_expect_str_eq(it_str(r, "tipo"), tipo);
    long v = (long)it_int(r, "version");
    it_free(r);
    return v;
}

/* One published version as served (GET .../versiones/{n}.{ext}); malloc'ed text. */
static char *lista(const char *conv, const char *tipo, int version, const char *ext)
{
    it_resp *r = it_get(url("/v1/convocatorias/%s/publicaciones/%s/versiones/%d.%s", conv, tipo, version, ext), NULL);
    cr_assert_eq(r->status, 200, "%s %d: %s", tipo, version, r->body);
    char *b = malloc(r->len + 1);
    cr_assert_not_null(b);
    memcpy(b, r->body, r->len);
    b[r->len] = 0;
    it_free(r);
    return b;
}

static int contar(const char *texto, const char *aguja)
{
    int n = 0;
    for (const char *p = texto; (p = strstr(p, aguja)); p++) n++;
    return n;
}

Test(adjudicacion, batch_session_from_lists_replays_in_the_independent_verifier)
{
    fx f;
    fixture(&f, 5, 2, 1);
    char *sid = crear(&f, "LISTAS", "UNICA", 120);
    /* merit order: ids[4], ids[3], ids[2], ids[1], ids[0] */
    char la[128], lb[128], lab[128];
    snprintf(la, sizeof la, "{\"plazas\":[%lld]}", f.pa);
    snprintf(lb, sizeof lb, "{\"plazas\":[%lld,%lld]}", f.pb, f.pa);
    snprintf(lab, sizeof lab, "{\"plazas\":[%lld,%lld]}", f.pa, f.pb);
    preferir(sid, f.ids[4], lb);      /* B */
    preferir(sid, f.ids[3], lb);      /* B is gone: A */
    preferir(sid, f.ids[2], la);      /* A (the last unit) */
    preferir(sid, f.ids[1], lab);     /* nothing left */
    char *t = it_apto_token(f.ids[2]);
    it_resp *r = it_get(url("/v1/adjudicaciones/%s/preferencias", sid), t);
    cr_expect_eq(r->status, 200);
    cr_expect_eq(it_path(r, "plazas")->n, 1);
    it_free(r);
    char otra[64];
    snprintf(otra, sizeof otra, "{\"plazas\":[%lld]}", f.otra);
    r = it_put(url("/v1/adjudicaciones/%s/preferencias", sid), t, otra);
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "plazas[0]"));
    it_free(r);

    r = it_post(url("/v1/adjudicaciones/%s/iniciar", sid), t, NULL);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_post(url("/v1/adjudicaciones/%s/iniciar", sid), f.adm, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado"), "CERRADA");
    it_free(r);
    r = it_put(url("/v1/adjudicaciones/%s/preferencias", sid), t, la);
    it_expect_problem(r, 409, "SESION_ESTADO");
    it_free(r);
    free(t);

    char want[64];
    char *g = adjudicada(f.ids[4]);
    snprintf(want, sizeof want, "%lld:1", f.pb);
    cr_expect_str_eq(g, want);
    free(g);
    g = adjudicada(f.ids[3]);
    snprintf(want, sizeof want, "%lld:1", f.pa);
    cr_expect_str_eq(g, want);
    free(g);
    g = adjudicada(f.ids[2]);
    snprintf(want, sizeof want, "%lld:2", f.pa);
    cr_expect_str_eq(g, want);
    free(g);
    cr_expect_null(adjudicada(f.ids[1]));
    char ins[24];
    snprintf(ins, sizeof ins, "%lld", f.ids[4]);
    char *est = it_db_value("select estado from inscripciones where id = $1::bigint", ins);
    cr_expect_str_eq(est, "ADJUDICADO");
    free(est);

    /* the published order and log alone replay to the same allocation */
    char dir[128];
    snprintf(dir, sizeof dir, "/tmp/serums-adj-%d", (int)getpid());
    mkdir(dir, 0700);
    /* the published ORDEN_MERITO (the turns came from it), API copy and nginx's static copy alike */
    r = it_get(url("/v1/convocatorias/%s/publicaciones/ORDEN_MERITO/versiones/1.json", f.conv), NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_int(r, "items.0.inscripcion_id"), f.ids[4]);
    it_resp *espejo = it_get(url("/publicaciones/%s/ORDEN_MERITO/v1.json", f.conv), NULL);
    cr_assert_eq(espejo->status, 200);
    cr_expect(espejo->len == r->len && !memcmp(espejo->body, r->body, r->len), "static copy = API version");
    guardar(dir, "orden.json", espejo);
    it_free(espejo);
    it_free(r);
    r = it_get(url("/v1/adjudicaciones/%s/eventos", sid), NULL);
    cr_assert_eq(r->status, 200);
    cr_expect_eq(it_path(r, "eventos")->n, 3);          /* the units ran out after three turns */
    cr_expect_eq(it_path(r, "preferencias")->n, 4);
    guardar(dir, "sesion.json", r);
    it_free(r);
    /* nothing is published until the admin publishes; then version 1 */
    r = it_get(url("/v1/convocatorias/%s/publicaciones/ADJUDICADOS_REMUNERADA", f.conv), NULL);
    it_expect_problem(r, 404, "PUBLICACION_NO_ENCONTRADA");
    it_free(r);
    cr_expect_eq(publicar(&f, "ADJUDICADOS_REMUNERADA"), 1);
    char *adj = lista(f.conv, "ADJUDICADOS_REMUNERADA", 1, "json"), *csv = lista(f.conv, "ADJUDICADOS_REMUNERADA", 1, "csv");
    cr_assert_not_null(adj);
    cr_assert_not_null(csv);
    cr_expect(!strncmp(csv, "\xEF\xBB\xBF" "sesion_id;inscripcion_id;apellidos_nombres;", 46), "CSV with BOM and ; header");
    cr_expect_eq(contar(adj, "\"inscripcion_id\":"), 3);
    const char *nombres[] = {"adjudicados.json", "adjudicados.csv.txt"};
    const char *datos[] = {adj, csv};
    for (int k = 0; k < 2; k++) {
        char file[256];
        snprintf(file, sizeof file, "%s/%s", dir, nombres[k]);
        FILE *fp = fopen(file, "w");
        cr_assert_not_null(fp);
        fputs(datos[k], fp);
        fclose(fp);
    }
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cd %s && python3 -c \"import json,hashlib,sys; d=json.load(open('adjudicados.json')); "
             "sys.exit(0 if hashlib.sha256(open('adjudicados.csv.txt','rb').read()).hexdigest()"
             " == d['sha256'] else 1)\"", dir);
    cr_expect_eq(system(cmd), 0, "sha256 of the CSV");
    free(adj);
    free(csv);
    snprintf(cmd, sizeof cmd, "python3 '%s/tests/verify/verificar.py' %s > %s/log 2>&1", raiz(), dir, dir);
    int rc = system(cmd);
    if (rc) { snprintf(cmd, sizeof cmd, "cat %s/log >&2", dir); cr_expect_eq(system(cmd), 0); }
    cr_expect_eq(rc, 0);
    snprintf(cmd, sizeof cmd, "grep -c '^ok ' %s/log", dir);
    FILE *p = popen(cmd, "r");
    char n[16] = "";
    cr_assert_not_null(fgets(n, sizeof n, p));
    pclose(p);
    cr_expect_eq(atoi(n), 8, "checks run: %s", n);     /* order: 4, session: chain, turns, replay; adjudicados */
    /* a copy whose first two positions were swapped fails the verifier */
    snprintf(cmd, sizeof cmd, "cd %s && python3 -c \"import json; d=json.load(open('orden.json')); "
             "a, b = d['items'][0], d['items'][1]; a['n_adjudicacion'], b['n_adjudicacion'] = 2, 1; "
             "json.dump(d, open('orden.json', 'w'))\" && python3 '%s/tests/verify/verificar.py' %s > %s/log 2>&1",
             dir, raiz(), dir, dir);
    cr_expect_neq(system(cmd), 0, "the verifier accepted a tampered order");
    snprintf(cmd, sizeof cmd, "grep -q '^FALLA  orden REMUNERADA MEDICINA' %s/log", dir);
    cr_expect_eq(system(cmd), 0, "the tampered order is what fails");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
    free(sid);
    fixture_fin(&f);
}

static const char *body_plaza(long long id)
{
    static char b[64];
    snprintf(b, sizeof b, "{\"plaza_id\":%lld}", id);
    return b;
}

typedef struct carrera { const char *path, *token, *body; long status; } carrera;
static void *correr(void *arg)
{
    carrera *c = arg;
    it_resp *r = it_post(c->path, c->token, c->body);
    c->status = r->status;
    it_free(r);
    return NULL;
}

Test(adjudicacion, live_session_turns_refusals_deadlines_and_the_race)
{
    fx f;
    fixture(&f, 5, 1, 2);
    char *sid = crear(&f, "VIVO", "UNICA", 30);
    char *t4 = it_apto_token(f.ids[4]), *t3 = it_apto_token(f.ids[3]);
    const char *elec = strdup(url("/v1/adjudicaciones/%s/elecciones", sid));
    it_resp *r = it_post(elec, t4, body_plaza(f.pa));
    it_expect_problem(r, 409, "SESION_ESTADO");           /* not started */
    it_free(r);
    it_set_now(NULL);
    r = it_post(url("/v1/adjudicaciones/%s/iniciar", sid), f.adm, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_int(r, "turno.inscripcion_id"), f.ids[4]);
    it_free(r);
    r = it_post(elec, t3, body_plaza(f.pa));
    it_expect_problem(r, 409, "NO_ES_SU_TURNO");
    it_free(r);
    r = it_post(elec, t4, body_plaza(f.otra));
    it_expect_problem(r, 422, "PLAZA_NO_ELEGIBLE");
    it_free(r);
    r = it_post(elec, t4, "{}");
    it_expect_problem(r, 422, "VALIDACION");
    it_free(r);
    r = it_post(elec, t4, body_plaza(f.pa));
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_int(r, "turno.inscripcion_id"), f.ids[3]);
    it_free(r);
    r = it_post(elec, t3, body_plaza(f.pa));
    it_expect_problem(r, 422, "PLAZA_SIN_UNIDADES");       /* A had one unit */
    it_free(r);
    r = it_post(elec, t3, "{\"desiste\":true}");
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);

    /* ids[2] is called; 30 s turns: 70 s later two deadlines passed (ids[2], ids[1] absent) */
    time_t now = time(NULL) + 70;
    char iso[32];
    strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    it_set_now(iso);
    char *t2 = it_apto_token(f.ids[2]);
    r = it_post(elec, t2, body_plaza(f.pb));
    it_expect_problem(r, 409, "NO_ES_SU_TURNO");           /* a pick after its deadline */
    it_free(r);
    r = it_get(url("/v1/adjudicaciones/%s", sid), NULL);
    cr_assert_eq(r->status, 200);
    cr_expect_eq(it_int(r, "turno.inscripcion_id"), f.ids[0]);
    cr_expect_eq(it_int(r, "eventos"), 4);
    it_free(r);

    /* the race: the called postulante and an operator record its pick of the last B units at once */
    char *t0 = it_apto_token(f.ids[0]);
    carrera c[2] = {{elec, t0, strdup(url("{\"plaza_id\":%lld}", f.pb)), 0},
                    {elec, f.adm, strdup(url("{\"plaza_id\":%lld,\"inscripcion_id\":%lld}", f.pb, f.ids[0])), 0}};
    pthread_t th[2];
    for (int i = 0; i < 2; i++) pthread_create(&th[i], NULL, correr, &c[i]);
    for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
    cr_expect((c[0].status == 200 && c[1].status == 409) || (c[0].status == 409 && c[1].status == 200),
              "statuses %ld %ld", c[0].status, c[1].status);
    char ins[24];
    snprintf(ins, sizeof ins, "%lld", f.ids[0]);
    char *cnt = it_db_value("select count(*) from adjudicaciones where inscripcion_id = $1::bigint", ins);
    cr_expect_str_eq(cnt, "1");
    free(cnt);

    /* the static state through nginx, with ETag and 304 */
    r = it_get(url("/v1/adjudicaciones/%s/estado.json", sid), NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    const char *etag = it_header(r, "ETag");
    cr_assert_not_null(etag);
    cr_expect_eq(it_int(r, "eventos"), 5);
    const char *h[] = {arena_printf(&r->a, "If-None-Match: %s", etag), NULL};
    it_resp *r2 = it_request("GET", url("/v1/adjudicaciones/%s/estado.json", sid), NULL, NULL, 0, h);
    cr_expect_eq(r2->status, 304);
    it_free(r2);
    it_free(r);
    it_set_now(NULL);
    free((void *)c[0].body);
    free((void *)c[1].body);
    free(t0);
    free(t2);
    free(t3);
    free(t4);
    free((void *)elec);
    free(sid);
    fixture_fin(&f);
}

Test(adjudicacion, nullity_frees_the_unit_for_a_reoferta_in_merit_order)
{
    fx f;
    fixture(&f, 4, 1, 1);
    char *sid = crear(&f, "LISTAS", "UNICA", 120);
    char la[64], lab[96];
    snprintf(la, sizeof la, "{\"plazas\":[%lld]}", f.pa);
    snprintf(lab, sizeof lab, "{\"plazas\":[%lld,%lld]}", f.pa, f.pb);
    preferir(sid, f.ids[3], la);
    preferir(sid, f.ids[2], lab);
    it_resp *r = it_post(url("/v1/adjudicaciones/%s/iniciar", sid), f.adm, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    cr_expect_eq(publicar(&f, "ADJUDICADOS_REMUNERADA"), 1);
    char ins[24];
    snprintf(ins, sizeof ins, "%lld", f.ids[3]);
    char *adj = it_db_value("select id from adjudicaciones where inscripcion_id = $1::bigint", ins);
    cr_assert_not_null(adj);
    const char *body = "{\"resolucion\":\"RM 123-2026-MINSA\",\"motivo\":\"Nota PPP adulterada\","
                       "\"evidencia_sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\","
                       "\"anula_inscripcion\":true}";
    char *t = it_apto_token(f.ids[1]);
    r = it_post(url("/v1/adjudicaciones/%s/anulacion", adj), t, body);
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_post(url("/v1/adjudicaciones/%s/anulacion", adj), f.adm, "{\"resolucion\":\"x\"}");
    it_expect_problem(r, 422, "VALIDACION");
    it_free(r);
    r = it_post(url("/v1/adjudicaciones/%s/anulacion", adj), f.adm, body);
    cr_assert_eq(r->status, 201, "%s", r->body);
    cr_expect_str_eq(it_str(r, "resolucion"), "RM 123-2026-MINSA");
    cr_expect_null(it_path(r, "motivo"));                  /* the reason is never answered back */
    it_free(r);
    r = it_post(url("/v1/adjudicaciones/%s/anulacion", adj), f.adm, body);
    it_expect_problem(r, 409, "ADJUDICACION_ANULADA");
    it_free(r);
    r = it_post("/v1/adjudicaciones/999999999/anulacion", f.adm, body);
    it_expect_problem(r, 404, "ADJUDICACION_NO_ENCONTRADA");
    it_free(r);
    char *est = it_db_value("select estado from inscripciones where id = $1::bigint", ins);
    cr_expect_str_eq(est, "ANULADO");
    free(est);
    /* new versions: ADJUDICADOS without the annulled one, ANULACIONES without the reason */
    cr_expect_eq(publicar(&f, "ADJUDICADOS_REMUNERADA"), 2);
    cr_expect_eq(publicar(&f, "ANULACIONES"), 1);
    char *v1 = lista(f.conv, "ADJUDICADOS_REMUNERADA", 1, "json"), *v2 = lista(f.conv, "ADJUDICADOS_REMUNERADA", 2, "json");
    char *an = lista(f.conv, "ANULACIONES", 1, "json");
    cr_assert(v1 && v2 && an);
    cr_expect_eq(contar(v1, "\"inscripcion_id\":"), 2);
    cr_expect_eq(contar(v2, "\"inscripcion_id\":"), 1);
    cr_expect(strstr(v2, "\"version\":2") != NULL);
    cr_expect(strstr(an, "RM 123-2026-MINSA") != NULL);
    cr_expect(strstr(an, "adulterada") == NULL);
    free(v1);
    free(v2);
    free(an);

    /* the re-offer: only the freed unit, to those without a vigente adjudicación, in merit order */
    char *re = crear(&f, "LISTAS", "REOFERTA", 120);
    r = it_get(url("/v1/adjudicaciones/%s/eventos", re), NULL);
    cr_expect_eq(it_path(r, "unidades")->n, 1);
    cr_expect_eq(it_int(r, "unidades.0.plaza_id"), f.pa);
    cr_expect_eq(it_path(r, "orden")->n, 2);               /* ids[1], ids[0]: ids[2] holds B, ids[3] annulled */
    cr_expect_eq(it_int(r, "orden.0.inscripcion_id"), f.ids[1]);
    it_free(r);
    preferir(re, f.ids[0], la);
    r = it_post(url("/v1/adjudicaciones/%s/iniciar", re), f.adm, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    it_free(r);
    char *g = adjudicada(f.ids[0]);
    char want[64];
    snprintf(want, sizeof want, "%lld:1", f.pa);
    cr_expect_str_eq(g, want);                               /* ids[1] filed no list: NO_ADJUDICO */
    free(g);
    g = adjudicada(f.ids[2]);
    snprintf(want, sizeof want, "%lld:1", f.pb);
    cr_expect_str_eq(g, want);                               /* nobody else's choice recomputed */
    free(g);
    cr_expect_eq(publicar(&f, "ADJUDICADOS_REMUNERADA"), 3);
    char *v3 = lista(f.conv, "ADJUDICADOS_REMUNERADA", 3, "json");
    cr_assert_not_null(v3);
    cr_expect_eq(contar(v3, "\"inscripcion_id\":"), 2);
    cr_expect(strstr(v3, "\"fase\":\"REOFERTA\"") != NULL);
    free(v3);
    free(t);
    free(re);
    free(adj);
    free(sid);
    fixture_fin(&f);
}

Test(adjudicacion, access_and_unknown_ids)
{
    fx f;
    fixture(&f, 2, 1, 1);
    char *sid = crear(&f, "VIVO", "UNICA", 60);
    char *post = it_new_postulante(NULL);
    it_resp *r = it_post(url("/v1/convocatorias/%s/adjudicaciones", f.conv), post,
                         "{\"modalidad\":\"REMUNERADA\",\"profesion\":\"MEDICINA\",\"fase\":\"UNICA\",\"modo\":\"VIVO\"}");
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    r = it_post(url("/v1/convocatorias/%s/adjudicaciones", f.conv), f.adm,
                "{\"modalidad\":\"REMUNERADA\",\"profesion\":\"MEDICINA\",\"fase\":\"UNICA\",\"modo\":\"VIVO\"}");
    it_expect_problem(r, 409, "SESION_ABIERTA");
    it_free(r);
    r = it_post(url("/v1/convocatorias/%s/adjudicaciones", f.conv), f.adm,
                "{\"modalidad\":\"REMUNERADA\",\"profesion\":\"MEDICINA\",\"fase\":\"REGULARES\",\"modo\":\"X\"}");
    it_expect_problem(r, 422, "VALIDACION");
    cr_expect(it_has_field_error(r, "fase"));
    cr_expect(it_has_field_error(r, "modo"));
    it_free(r);
    /* a group whose order was never published: 409, no session */
    char *sin = it_conv_adjudicacion();
    it_free(it_put(url("/v1/convocatorias/%s/politicas/MEDICINA", sin), f.adm, P2026));
    it_aptos(sin, "MEDICINA", "REMUNERADA", 2, (long long[2]){0});
    r = it_post(url("/v1/convocatorias/%s/adjudicaciones", sin), f.adm,
                "{\"modalidad\":\"REMUNERADA\",\"profesion\":\"MEDICINA\",\"fase\":\"UNICA\",\"modo\":\"VIVO\"}");
    it_expect_problem(r, 409, "ORDEN_NO_PUBLICADO");
    it_free(r);
    char *ns = it_db_value("select count(*) from adjudicacion_sesiones where convocatoria_id = $1::bigint", sin);
    cr_expect_str_eq(ns, "0");
    free(ns);
    free(sin);
    r = it_get(url("/v1/adjudicaciones/%s/preferencias", sid), post);   /* no turn in this session */
    it_expect_problem(r, 404, "SESION_NO_ENCONTRADA");
    it_free(r);
    r = it_get("/v1/adjudicaciones/999999999", NULL);
    it_expect_problem(r, 404, "SESION_NO_ENCONTRADA");
    it_free(r);
    r = it_get(url("/v1/adjudicaciones/%s/turnos?limit=1", sid), NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_int(r, "total"), 2);
    cr_expect_str_eq(it_str(r, "next_cursor"), "1");
    it_free(r);
    r = it_post(url("/v1/adjudicaciones/%s/pausar", sid), f.adm, NULL);
    it_expect_problem(r, 409, "SESION_ESTADO");
    it_free(r);
    r = it_post(url("/v1/adjudicaciones/%s/cerrar", sid), f.adm, NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_str_eq(it_str(r, "estado"), "CERRADA");
    it_free(r);
    r = it_post(url("/v1/adjudicaciones/%s/cerrar", sid), f.adm, NULL);
    it_expect_problem(r, 409, "SESION_ESTADO");
    it_free(r);
    /* publishing the adjudication lists: admin only, in or after their phase */
    r = it_post(url("/v1/convocatorias/%s/publicaciones", f.conv), post, "{\"tipo\":\"ANULACIONES\"}");
    it_expect_problem(r, 403, "PROHIBIDO");
    it_free(r);
    char *antes = it_conv_desempate(0);                     /* PUBLICACION_FINAL in force */
    const char *tipos[] = {"ADJUDICADOS_REMUNERADA", "ADJUDICADOS_EQUIVALENTE", "ANULACIONES"};
    for (int k = 0; k < 3; k++) {
        char body[64];
        snprintf(body, sizeof body, "{\"tipo\":\"%s\"}", tipos[k]);
        r = it_post(url("/v1/convocatorias/%s/publicaciones", antes), f.adm, body);
        it_expect_problem(r, 409, "FUERA_DE_FASE");
        it_free(r);
    }
    r = it_get(url("/v1/convocatorias/%s/publicaciones", antes), NULL);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect(strstr(r->body, "ADJUDICADOS") == NULL, "nothing published: %s", r->body);
    it_free(r);
    free(antes);
    free(post);
    free(sid);
    fixture_fin(&f);
}

Test(adjudicacion, merit_order_uses_the_official_grade_where_one_was_loaded)
{
    fx f;
    fixture(&f, 3, 1, 1);
    /* declared: ids[2] best; the official EVALUACION_SERUMS file gives ids[0] 19,50 and ids[2] 9 */
    it_nota_oficial(f.ids[0], "EVALUACION_SERUMS", "19,50");
    it_nota_oficial(f.ids[2], "EVALUACION_SERUMS", "9");
    it_resp *r = it_get(url("/v1/convocatorias/%s/orden-merito?modalidad=REMUNERADA&profesion=MEDICINA", f.conv), f.adm);
    cr_assert_eq(r->status, 200, "%s", r->body);
    cr_expect_eq(it_int(r, "items.0.inscripcion_id"), f.ids[0]);
    cr_expect_eq(it_int(r, "items.1.inscripcion_id"), f.ids[1]);   /* declared 10.10: no official grade */
    cr_expect_eq(it_int(r, "items.2.inscripcion_id"), f.ids[2]);
    cr_expect_str_eq(it_str(r, "items.0.puntaje_final"), "17.250000");   /* 0.70 × 19.50 + 0.30 × 12 */
    it_free(r);
    fixture_fin(&f);
}
