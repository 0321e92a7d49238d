/* test_informe_pdf.c - the Reporte de Informe Final read back with
 * pdftotext: accents, every row, the resolución, several pages, and the
 * SHA-256 of informe_huella printed on it; the canonical text and its hash. */
#include "informe_huella.h"
#include "informe_pdf.h"
#include "pdf_check.h"
#include <criterion/criterion.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static arena A;
static void setup(void) { arena_init(&A, 1 << 16); cr_assert(sodium_init() >= 0); }
static void teardown(void) { arena_free(&A); }
TestSuite(informe_pdf, .init = setup, .fini = teardown);

static const informe_atencion ATENCIONES[] = {
    {2026, 5, 120, 118}, {2026, 6, 130, 141}, {2026, 7, 0, 0},
};
static const informe_actividad ACTIVIDADES[] = {
    {2026, 5, "PREVENTIVO_PROMOCIONAL", "Campaña de vacunación en la comunidad de Ñuñoa", 4, 3},
    {2026, 6, "CAPACITACION", "Capacitación a promotores de salud: señales de alarma en gestantes", 2, 2},
    {2026, 6, "GESTION", "Elaboración del análisis de situación de salud (ASIS) del distrito", 1, 1},
};

static informe_datos sample(void)
{
    return (informe_datos){
        .inscripcion_id = 4217,
        .convocatoria = "2026-I",
        .nombres = "PÉREZ ÑAHUI, María José",
        .documento = "DNI 10117410",
        .profesion = "Obstetricia",
        .modalidad = "REMUNERADA",
        .diresa = "GERESA Cusco",
        .establecimiento = "P.S. Ñuñoa (RENIPRESS 00002417)",
        .ubicacion = "Cusco / Canchis / San Pedro",
        .servicio_inicio = "2026-05-01",
        .servicio_fin = "2027-05-01",
        .estado = "RESOLUCION",
        .resolucion_numero = "RD-0457-2027-GERESA-CUSCO",
        .resolucion_fecha = "2027-06-15",
        .atenciones = ATENCIONES,
        .natenciones = 3,
        .actividades = ACTIVIDADES,
        .nactividades = 3,
        .conclusiones = "Se logró la cobertura de vacunación programada.\nLa población acudió más en época seca.",
        .recomendaciones = "Reforzar la cadena de frío del establecimiento.",
    };
}

static char *pdftotext(const unsigned char *pdf, size_t len, const char *modo)
{
    char in[] = "/tmp/informe-XXXXXX";
    int fd = mkstemp(in);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, pdf, len), (ssize_t)len);
    close(fd);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "pdftotext %s -enc UTF-8 %s - 2>/dev/null", modo, in);
    FILE *p = popen(cmd, "r");
    cr_assert(p);
    sbuf b;
    sbuf_init(&b, &A, 1 << 16);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0) cr_assert_eq(sbuf_add(&b, chunk, n), 0);
    pclose(p);
    unlink(in);
    return (char *)sbuf_cstr(&b);
}

/* The line of the -layout text that holds every one of the words. */
static bool fila(const char *texto, const char *const *palabras, size_t n)
{
    for (const char *l = texto; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        size_t largo = strcspn(l, "\n");
        char *linea = arena_strndup(&A, l, largo);
        size_t ok = 0;
        for (size_t i = 0; i < n; i++) ok += strstr(linea, palabras[i]) != NULL;
        if (ok == n) return true;
    }
    return false;
}
#define FILA(t, ...) fila(t, (const char *const[]){__VA_ARGS__}, sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *))

static int paginas(const char *texto)
{
    int n = 1;
    for (const char *p = texto; (p = strchr(p, '\f')); p++) n++;
    return n - (texto[strlen(texto) - 1] == '\f');
}

Test(informe_pdf, reads_back_with_accents_rows_resolucion_and_hash)
{
    informe_datos d = sample();
    unsigned char *pdf = NULL;
    size_t len = 0;
    char impreso[65], esperado[65];
    cr_assert_eq(informe_pdf(&A, &d, &pdf, &len, impreso), 0);
    cr_assert_eq(informe_sha256(&A, &d, esperado), 0);
    cr_expect_str_eq(impreso, esperado);
    cr_expect_eq(pdf_check(pdf, len), PDF_OK, "%s", pdf_check_mensaje(pdf_check(pdf, len)));
    const char *t = pdftotext(pdf, len, "");
    const char *want[] = {"REPORTE DE INFORME FINAL", "MINISTERIO DE SALUD DEL PERÚ", "Convocatoria SERUMS 2026-I",
                          "PÉREZ ÑAHUI, María José", "DNI 10117410", "Obstetricia", "GERESA Cusco",
                          "P.S. Ñuñoa (RENIPRESS 00002417)", "del 01/05/2026 al 30/04/2027",
                          "N° RD-0457-2027-GERESA-CUSCO del 15/06/2027", "Anexo 6", "Mes de atención",
                          "Programadas", "Ejecutadas", "Mayo 2026", "Junio 2026", "Julio 2026", "118", "141",
                          "Total", "250", "259", "Anexo 7", "Programado", "Ejecutado",
                          "Actividad preventivo", "Capacitación", "Gestión",
                          "Campaña de vacunación en la comunidad de", "Ñuñoa", "señales de",
                          "Conclusiones", "Se logró la cobertura", "época seca", "Recomendaciones",
                          "cadena de frío", "SHA-256 del informe:", esperado, "Página 1"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        cr_expect(strstr(t, want[i]), "missing \"%s\" in:\n%s", want[i], t);
    const char *l = pdftotext(pdf, len, "-layout");
    cr_expect(FILA(l, "Mayo 2026", "120", "118"), "%s", l);
    cr_expect(FILA(l, "Junio 2026", "130", "141"));
    cr_expect(FILA(l, "Julio 2026", " 0 ", " 0"));
    cr_expect(FILA(l, "Total", "250", "259"));
    cr_expect(FILA(l, "Mayo 2026", "Actividad preventivo", "Campaña de vacunación", " 4 ", " 3"));
    cr_expect(FILA(l, "Junio 2026", "Capacitación", "Capacitación a promotores", " 2 ", " 2"));
    cr_expect(FILA(l, "Junio 2026", "Gestión", "Elaboración del análisis", " 1 ", " 1"));
}

Test(informe_pdf, an_empty_informe_without_resolucion_prints_placeholders)
{
    informe_datos d = sample();
    d.estado = "APROBADO";
    d.resolucion_numero = d.resolucion_fecha = NULL;
    d.natenciones = d.nactividades = 0;
    d.conclusiones = d.recomendaciones = NULL;
    d.ubicacion = "";
    unsigned char *pdf = NULL;
    size_t len = 0;
    cr_assert_eq(informe_pdf(&A, &d, &pdf, &len, NULL), 0);
    const char *t = pdftotext(pdf, len, "");
    cr_expect(strstr(t, "Sin atenciones registradas."), "%s", t);
    cr_expect(strstr(t, "Sin actividades registradas."), "%s", t);
    cr_expect_null(strstr(t, "Resolución:"), "%s", t);
    cr_expect(strstr(t, "APROBADO"));
}

/* A whole year: twelve months and 200 actividades, long texts. */
static informe_datos anual(void)
{
    informe_atencion *at = arena_alloc(&A, 12 * sizeof *at);
    informe_actividad *ac = arena_alloc(&A, 200 * sizeof *ac);
    cr_assert(at && ac);
    for (int i = 0; i < 12; i++) at[i] = (informe_atencion){2026 + (4 + i) / 12, (4 + i) % 12 + 1, 100 + i, 90 + i};
    const char *rubros[] = {"PREVENTIVO_PROMOCIONAL", "ATENCION", "CAPACITACION", "GESTION"};
    for (int i = 0; i < 200; i++)
        ac[i] = (informe_actividad){at[i % 12].anio, at[i % 12].mes, rubros[i % 4],
                                    arena_printf(&A, "Actividad número %03d: visita domiciliaria a familias "
                                                     "con niños menores de cinco años en el anexo de Ñuñoa", i),
                                    i % 7, i % 5};
    informe_datos d = sample();
    d.atenciones = at;
    d.natenciones = 12;
    d.actividades = ac;
    d.nactividades = 200;
    char *largo = arena_alloc(&A, 4001);
    cr_assert(largo);
    for (int i = 0; i < 4000; i++) largo[i] = "Conclusión larga "[i % 17];
    largo[4000] = '\0';
    d.conclusiones = largo;
    return d;
}

Test(informe_pdf, a_whole_year_spans_pages_with_every_row)
{
    informe_datos d = anual();
    unsigned char *pdf = NULL;
    size_t len = 0;
    char hex[65];
    cr_assert_eq(informe_pdf(&A, &d, &pdf, &len, hex), 0);
    cr_expect_eq(pdf_check(pdf, len), PDF_OK);
    const char *t = pdftotext(pdf, len, "");
    cr_expect_geq(paginas(t), 5, "%d pages", paginas(t));
    cr_expect(strstr(t, "Página 2"));
    cr_expect(strstr(t, "Abril 2027"));
    cr_expect(strstr(t, "Actividad número 000"));
    cr_expect(strstr(t, "Actividad número 199"));
    cr_expect(strstr(t, hex));
    int filas = 0;
    for (const char *p = t; (p = strstr(p, "Actividad número ")); p++) filas++;
    cr_expect_eq(filas, 200);
}

Test(informe_pdf, the_hash_is_the_canonical_text_and_ignores_row_order)
{
    informe_datos d = sample();
    d.natenciones = 1;
    d.nactividades = 1;
    d.recomendaciones = NULL;
    d.conclusiones = "Bien.";
    const char *c = informe_canonico(&A, &d);
    cr_assert(c);
    cr_expect_str_eq(c, "serums-informe-final/1\n"
                        "inscripcion 4217\n"
                        "periodo 2026-05-01 2027-05-01\n"
                        "atencion 2026-05 120 118\n"
                        "actividad 2026-05 PREVENTIVO_PROMOCIONAL 4 3 50:Campaña de vacunación en la comunidad de Ñuñoa\n"
                        "conclusiones 5:Bien.\n"
                        "recomendaciones 0:\n");
    char h1[65], h2[65], h3[65];
    d = sample();
    cr_assert_eq(informe_sha256(&A, &d, h1), 0);
    informe_atencion at[3] = {ATENCIONES[2], ATENCIONES[0], ATENCIONES[1]};
    informe_actividad ac[3] = {ACTIVIDADES[1], ACTIVIDADES[2], ACTIVIDADES[0]};
    d.atenciones = at;
    d.actividades = ac;
    d.estado = "APROBADO";
    d.resolucion_numero = NULL;
    cr_assert_eq(informe_sha256(&A, &d, h2), 0);
    cr_expect_str_eq(h1, h2, "order, state and resolución do not change it");
    at[0].ejecutadas = 1;
    cr_assert_eq(informe_sha256(&A, &d, h3), 0);
    cr_expect_str_neq(h1, h3, "a count does");
}
