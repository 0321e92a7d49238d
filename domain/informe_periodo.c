/* informe_periodo.c - month arithmetic on (anio * 12 + mes - 1) indexes:
 * the first month is inicio's, the last is the month of the day before fin. */
#include "informe_periodo.h"
#include "timeutil.h"
#include <string.h>

static const char *const MESES[] = {"Enero", "Febrero", "Marzo",      "Abril",   "Mayo",      "Junio",
                                    "Julio", "Agosto",  "Septiembre", "Octubre", "Noviembre", "Diciembre"};

const char *informe_mes_nombre(int mes) { return mes >= 1 && mes <= 12 ? MESES[mes - 1] : "?"; }

int informe_periodo_desde(informe_periodo *p, const char *inicio, const char *fin)
{
    int ai, mi, di, af, mf, df;
    if (!inicio || !fin || date_parse(inicio, &ai, &mi, &di) || date_parse(fin, &af, &mf, &df)) return -1;
    if (days_from_civil(ai, mi, di) >= days_from_civil(af, mf, df)) return -1;
    int primero = ai * 12 + mi - 1;
    int ultimo = af * 12 + mf - 1 - (df == 1); /* fin exclusive */
    int n = ultimo - primero + 1;
    if (n < 1 || n > INFORME_MAX_MESES) return -1;
    p->primero = primero;
    p->nmeses = n;
    return 0;
}

informe_mes informe_periodo_mes(const informe_periodo *p, int i)
{
    int k = p->primero + i;
    return (informe_mes){.anio = k / 12, .mes = k % 12 + 1};
}

bool informe_periodo_incluye(const informe_periodo *p, int anio, int mes)
{
    if (mes < 1 || mes > 12 || anio < 0 || anio > 9999) return false;
    int k = anio * 12 + mes - 1;
    return k >= p->primero && k < p->primero + p->nmeses;
}

int informe_meses_faltantes(arena *a, const informe_periodo *p, const informe_mes *con_fila, size_t n,
                            informe_mes **out, size_t *nout)
{
    bool tiene[INFORME_MAX_MESES];
    memset(tiene, 0, sizeof tiene);
    for (size_t i = 0; i < n; i++)
        if (informe_periodo_incluye(p, con_fila[i].anio, con_fila[i].mes))
            tiene[con_fila[i].anio * 12 + con_fila[i].mes - 1 - p->primero] = true;
    size_t faltan = 0;
    for (int i = 0; i < p->nmeses; i++) faltan += !tiene[i];
    *out = NULL;
    *nout = 0;
    if (!faltan) return 0;
    informe_mes *m = arena_alloc(a, faltan * sizeof *m);
    if (!m) return -1;
    for (int i = 0; i < p->nmeses; i++)
        if (!tiene[i]) m[(*nout)++] = informe_periodo_mes(p, i);
    *out = m;
    return 0;
}
