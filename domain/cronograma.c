/* cronograma.c - phase order and window rules (see cronograma.h). */
#include "cronograma.h"
#include "lima.h"
#include "timeutil.h"
#include <stdlib.h>
#include <string.h>

const char *const CRONOGRAMA_FASES[CRONOGRAMA_NFASES + 1] = {"INSCRIPCION",
                                                             "REVISION",
                                                             "PUBLICACION_APTOS",
                                                             "SUBSANACION",
                                                             "PUBLICACION_FINAL",
                                                             "CASOS_ESPECIALES",
                                                             "DESEMPATE_SORTEO",
                                                             "ADJUDICACION_REMUNERADA",
                                                             "ADJUDICACION_EQUIVALENTE",
                                                             "SERVICIO",
                                                             "INFORME_FINAL",
                                                             NULL};

int cronograma_orden(const char *fase)
{
    for (int i = 0; fase && i < CRONOGRAMA_NFASES; i++)
        if (!strcmp(CRONOGRAMA_FASES[i], fase)) return i;
    return -1;
}

static int cmp_fase(const void *x, const void *y)
{
    const cronograma_fase *a = x, *b = y;
    return cronograma_orden(a->fase) - cronograma_orden(b->fase);
}

static const char *lima(verr *e, time_t t)
{
    char buf[20];
    lima_formato(t, "%Y-%m-%d %H:%M", buf, sizeof buf);
    return arena_strdup(e->a, buf);
}

static const char *field(verr *e, int origen, const char *name)
{
    return origen < 0 ? "fases" : arena_printf(e->a, "fases[%d].%s", origen, name);
}

bool cronograma_valida(cronograma_fase *f, size_t n, verr *e)
{
    int before = e->n;
    for (size_t i = 0; i < n; i++) {
        if (cronograma_orden(f[i].fase) < 0) {
            verr_add(e, field(e, f[i].origen, "fase"), "FASE_DESCONOCIDA",
                     arena_printf(e->a, "La fase %s no existe.", f[i].fase));
            continue;
        }
        for (size_t j = 0; j < i; j++)
            if (!strcmp(f[i].fase, f[j].fase))
                verr_add(e, field(e, f[i].origen, "fase"), "FASE_REPETIDA",
                         arena_printf(e->a, "La fase %s aparece más de una vez.", f[i].fase));
        if (f[i].inicia >= f[i].termina)
            verr_add(e, field(e, f[i].origen, "termina"), "VENTANA_INVALIDA",
                     arena_printf(e->a, "La fase %s debe terminar después de empezar.", f[i].fase));
    }
    if (e->n > before) return false;
    qsort(f, n, sizeof *f, cmp_fase);
    for (size_t i = 1; i < n; i++) {
        const cronograma_fase *prev = &f[i - 1], *cur = &f[i];
        if (prev->termina <= cur->inicia) continue;
        bool cur_sent = cur->origen >= 0;
        const cronograma_fase *blame = cur_sent ? cur : prev;
        verr_add(
            e, field(e, blame->origen, cur_sent ? "inicia" : "termina"), "FASES_SOLAPADAS",
            arena_printf(e->a,
                         "La fase %s (desde %s, hora de Lima) debe empezar cuando termina %s (%s) o después.",
                         cur->fase, lima(e, cur->inicia), prev->fase, lima(e, prev->termina)));
    }
    return e->n == before;
}

const char *cronograma_vigente(const cronograma_fase *f, size_t n, time_t now)
{
    for (size_t i = 0; i < n; i++)
        if (f[i].inicia <= now && now < f[i].termina) return f[i].fase;
    return NULL;
}
