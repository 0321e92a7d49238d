/* informe_huella.c - canonical text of an informe and its SHA-256. Rows are
 * sorted on copies, so the caller's order does not change the hash. */
#include "informe_huella.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static int cmp_atencion(const void *x, const void *y)
{
    const informe_atencion *a = x, *b = y;
    return a->anio != b->anio ? (a->anio > b->anio) - (a->anio < b->anio)
                              : (a->mes > b->mes) - (a->mes < b->mes);
}

static int cmp_actividad(const void *x, const void *y)
{
    const informe_actividad *a = x, *b = y;
    if (a->anio != b->anio) return (a->anio > b->anio) - (a->anio < b->anio);
    if (a->mes != b->mes) return (a->mes > b->mes) - (a->mes < b->mes);
    int r = strcmp(a->rubro ? a->rubro : "", b->rubro ? b->rubro : "");
    return r ? r : strcmp(a->actividad ? a->actividad : "", b->actividad ? b->actividad : "");
}

static void *copia(arena *a, const void *src, size_t n, size_t size)
{
    if (!n) return NULL;
    void *p = arena_alloc(a, n * size);
    if (p) memcpy(p, src, n * size);
    return p;
}

static int texto(sbuf *b, const char *etiqueta, const char *t)
{
    return sbuf_addf(b, "%s %zu:%s\n", etiqueta, t ? strlen(t) : 0, t ? t : "");
}

char *informe_canonico(arena *a, const informe_datos *d)
{
    informe_atencion *at = copia(a, d->atenciones, d->natenciones, sizeof *at);
    informe_actividad *ac = copia(a, d->actividades, d->nactividades, sizeof *ac);
    if ((d->natenciones && !at) || (d->nactividades && !ac)) return NULL;
    if (at) qsort(at, d->natenciones, sizeof *at, cmp_atencion);
    if (ac) qsort(ac, d->nactividades, sizeof *ac, cmp_actividad);
    sbuf b;
    sbuf_init(&b, a, 256 + d->nactividades * 96);
    int err = sbuf_addf(&b, "serums-informe-final/1\ninscripcion %ld\nperiodo %s %s\n", d->inscripcion_id,
                        d->servicio_inicio ? d->servicio_inicio : "", d->servicio_fin ? d->servicio_fin : "");
    for (size_t i = 0; i < d->natenciones; i++)
        err |= sbuf_addf(&b, "atencion %04d-%02d %ld %ld\n", at[i].anio, at[i].mes, at[i].programadas,
                         at[i].ejecutadas);
    for (size_t i = 0; i < d->nactividades; i++)
        err |= sbuf_addf(&b, "actividad %04d-%02d %s %ld %ld %zu:%s\n", ac[i].anio, ac[i].mes,
                         ac[i].rubro ? ac[i].rubro : "", ac[i].programadas, ac[i].ejecutadas,
                         ac[i].actividad ? strlen(ac[i].actividad) : 0,
                         ac[i].actividad ? ac[i].actividad : "");
    err |= texto(&b, "conclusiones", d->conclusiones);
    err |= texto(&b, "recomendaciones", d->recomendaciones);
    return err ? NULL : (char *)sbuf_cstr(&b);
}

int informe_sha256(arena *a, const informe_datos *d, char hex[65])
{
    const char *c = informe_canonico(a, d);
    if (!c) return -1;
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)c, strlen(c));
    sodium_bin2hex(hex, 65, h, sizeof h);
    return 0;
}
