/* evento_cadena.c - canonical event text and its chained hash (see evento_cadena.h). */
#include "evento_cadena.h"
#include "sorteo.h"
#include <string.h>

static const char *num_o_vacio(arena *a, long long v) { return v ? arena_printf(a, "%lld", v) : ""; }

char *evento_texto(arena *a, const evento_log *e)
{
    return arena_printf(a, "SERUMS-EVENTO-v1\n%ld\n%s\n%ld\n%lld\n%s\n%s\n%s\n%s\n%s\n%s\n", e->seq,
                        e->prev_hash, e->turno, (long long)e->inscripcion_id, e->accion,
                        num_o_vacio(a, e->plaza_id), e->resultado, num_o_vacio(a, e->unidad), e->actor,
                        e->at);
}

int evento_hash(arena *a, const evento_log *e, char out[65])
{
    char *t = evento_texto(a, e);
    if (!t) return -1;
    sorteo_sha256_hex(t, strlen(t), out);
    return 0;
}
