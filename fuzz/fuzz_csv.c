/* fuzz_csv.c - libFuzzer target: the CSV reader and the offer file reader
 * (header detection, notes, line-break re-joining, cell readers, ubigeo
 * matching) on arbitrary bytes, against a small catalog. */
#include "csv.h"
#include "oferta.h"
#include "texto.h"
#include <stdint.h>
#include <string.h>

static ubigeo_lugar LUGARES[] = {
    {UBIGEO_DEPARTAMENTO, "150000", "", "LIMA", NULL, false, 0, 0},
    {UBIGEO_DEPARTAMENTO, "080000", "", "CUSCO", NULL, false, 0, 0},
    {UBIGEO_PROVINCIA, "150100", "150000", "LIMA", NULL, false, 0, 0},
    {UBIGEO_PROVINCIA, "080100", "080000", "CUSCO", NULL, false, 0, 0},
    {UBIGEO_DISTRITO, "150118", "150100", "LURIGANCHO", NULL, true, -11.9, -76.7},
    {UBIGEO_DISTRITO, "150132", "150100", "SAN JUAN DE LURIGANCHO", NULL, true, -12.0, -77.0},
    {UBIGEO_DISTRITO, "080108", "080100", "WANCHAQ", NULL, false, 0, 0},
};
static ubigeo_alias ALIAS[] = {{UBIGEO_DISTRITO, "080100", "HUANCHAC", "080108", NULL}};
static const oferta_ref PROFESIONES[] = {{"MEDICINA", "Medicina Humana", "MEDICINA"},
                                         {"TM_RADIOLOGIA", "TM Radiología", "TM - RADIOLOGIA"}};
static const oferta_ref DIRESAS[] = {{"CUSCO", "GERESA Cusco", "CUSCO"}, {"LIMA_SUR", "DIRIS Lima Sur", "LIMA SUR"}};
static const oferta_ref INSTITUCIONES[] = {{"MINSA", "Ministerio de Salud", "MINSA"},
                                           {"GOBIERNO_REGIONAL", "Gobierno Regional", "GOBIERNO REGIONAL"}};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 1 << 16);
    /* the raw reader with each delimiter */
    static const char delims[] = ";,\t";
    for (size_t d = 0; d < 3; d++) {
        csv_reader r;
        csv_init(&r, (const char *)data, size, delims[d]);
        csv_record rec;
        int rc, n = 0;
        while ((rc = csv_next(&r, &a, &rec)) == 1 && n++ < 10000) csv_record_blank(&rec);
    }
    csv_sniff((const char *)data, size);
    /* the offer reader */
    ubigeo_lugar lugares[sizeof LUGARES / sizeof LUGARES[0]];
    memcpy(lugares, LUGARES, sizeof LUGARES);
    ubigeo_alias alias[1];
    memcpy(alias, ALIAS, sizeof ALIAS);
    ubigeo_catalogo u = {lugares, sizeof lugares / sizeof lugares[0], alias, 1};
    if (ubigeo_catalogo_listo(&u, &a) == 0) {
        oferta_catalogos cat = {PROFESIONES, 2, DIRESAS, 2, INSTITUCIONES, 2, &u};
        oferta_resultado out;
        oferta_lee(&a, (const char *)data, size, &cat, &out);
    }
    /* text helpers on the bytes as one cell */
    char *cell = arena_strndup(&a, (const char *)data, size > 4096 ? 4096 : size);
    if (cell && texto_utf8_valido(cell, strlen(cell))) {
        texto_vocab *v = texto_vocab_new(&a, 16);
        texto_vocab_add_palabras(v, &a, cell, true);
        texto_une_lineas(&a, cell, v, v);
        texto_clave_palabras(&a, cell);
        double x;
        oferta_coordenada(cell, -18.6, 0.2, true, -12, &x);
        oferta_grado(cell);
        char code[9];
        oferta_renipress(cell, code);
    }
    arena_free(&a);
    return 0;
}
