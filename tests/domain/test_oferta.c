/* test_oferta.c - the offer reader on the four real MINSA files (totals of
 * the data README, both layouts) and on small files for each rule: header
 * detection, repeated headers and notes, cell normalization, rejected rows
 * with their lines, whole-file problems. The catalogs are those of the
 * migrations; the ubigeo comes from shared/data/ubigeo. */
#include "csv.h"
#include "oferta.h"
#include <criterion/criterion.h>
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static arena A;
static ubigeo_catalogo U;
static oferta_catalogos CAT;

static const oferta_ref PROFESIONES[] = {
    {"MEDICINA", "Medicina Humana", "MEDICINA"}, {"ENFERMERIA", "Enfermería", "ENFERMERIA"},
    {"OBSTETRICIA", "Obstetricia", "OBSTETRICIA"}, {"ODONTOLOGIA", "Odontología", "ODONTOLOGIA"},
    {"NUTRICION", "Nutrición", "NUTRICION"}, {"QUIMICO_FARMACEUTICO", "Químico Farmacéutico", "QUIMICO FARMACEUTICO"},
    {"BIOLOGIA", "Biología", "BIOLOGIA"}, {"INGENIERIA_SANITARIA", "Ingeniería Sanitaria", "INGENIERIA SANITARIA"},
    {"MEDICINA_VETERINARIA", "Medicina Veterinaria", "MEDICINA VETERINARIA"}, {"PSICOLOGIA", "Psicología", "PSICOLOGIA"},
    {"TM_LABORATORIO_CLINICO", "TM Laboratorio", "TM - LABORATORIO CLINICO"},
    {"TM_TERAPIA_FISICA", "TM Terapia Física", "TM - TERAPIA FISICA"}, {"TM_RADIOLOGIA", "TM Radiología", "TM - RADIOLOGIA"},
    {"TM_TERAPIA_LENGUAJE", "TM Lenguaje", "TM - TERAPIA LENGUAJE"}, {"TRABAJO_SOCIAL", "Trabajo Social", "TRABAJO SOCIAL"},
    {"TM_OPTOMETRIA", "TM Optometría", "TM - OPTOMETRIA"},
    {"TM_TERAPIA_OCUPACIONAL", "TM Terapia Ocupacional", "TM - TERAPIA OCUPACIONAL"},
};
static const char *const DIRESAS[] = {"AMAZONAS", "ANCASH", "APURIMAC", "AREQUIPA", "AYACUCHO", "CAJAMARCA",
                                      "CALLAO", "CUSCO", "HUANCAVELICA", "HUANUCO", "ICA", "JUNIN", "LA LIBERTAD",
                                      "LAMBAYEQUE", "LIMA CENTRO", "LIMA ESTE", "LIMA NORTE", "LIMA REGION",
                                      "LIMA SUR", "LORETO", "MADRE DE DIOS", "MOQUEGUA", "PASCO", "PIURA", "PUNO",
                                      "SAN MARTIN", "TACNA", "TUMBES", "UCAYALI"};
static oferta_ref DIR[29];
static const oferta_ref INSTITUCIONES[] = {
    {"GOBIERNO_REGIONAL", "Gobierno Regional", "GOBIERNO REGIONAL"}, {"MINSA", "Ministerio de Salud", "MINSA"},
    {"ESSALUD", "EsSalud", "ESSALUD"}, {"MINEDU", "Ministerio de Educación", "MINEDU"},
    {"SANIDAD_PNP", "Sanidad PNP", "SANIDAD DE LA POLICIA NACIONAL DEL PERU"},
    {"SANIDAD_EJERCITO", "Sanidad EP", "SANIDAD DEL EJERCITO DEL PERU"},
    {"SANIDAD_MARINA", "Sanidad MGP", "SANIDAD DE LA MARINA DE GUERRA DEL PERU"},
    {"SANIDAD_FAP", "Sanidad FAP", "SANIDAD DE LA FUERZA AEREA DEL PERU"},
    {"PRIVADO", "Privado", "PRIVADO"}, {"VIDAWASI", "Vidawasi", "VIDAWASI"},
};

static char *data_dir(void)
{
    const char *env = getenv("SERUMS_DATA_DIR");
    if (env) return strdup(env);
    char here[4096];
    snprintf(here, sizeof here, "%s", __FILE__);          /* .../tests/unit/test_oferta.c */
    char *root = dirname(dirname(dirname(here)));
    char *out = malloc(4200);
    snprintf(out, 4200, "%s/../shared/data", root);
    return out;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    cr_assert(buf && fread(buf, 1, (size_t)n, f) == (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* The INEI tables as the seed loads them (rows without an INEI code skipped). */
static void load_ubigeo_file(const char *dir, const char *file, ubigeo_nivel nivel, size_t name_col, size_t *cap)
{
    char path[4300];
    snprintf(path, sizeof path, "%s/ubigeo/%s", dir, file);
    size_t len;
    char *buf = slurp(path, &len);
    csv_reader r;
    csv_init(&r, buf, len, ',');
    csv_record rec;
    bool header = true;
    while (csv_next(&r, &A, &rec) == 1) {
        if (header) { header = false; continue; }
        if (rec.n <= name_col || strlen(rec.cells[0]) != 6 || strspn(rec.cells[0], "0123456789") != 6) continue;
        if (U.n == *cap) {
            *cap *= 2;
            U.lugares = realloc(U.lugares, *cap * sizeof *U.lugares);
        }
        ubigeo_lugar *l = &U.lugares[U.n++];
        memset(l, 0, sizeof *l);
        l->nivel = nivel;
        l->codigo = rec.cells[0];
        l->nombre = rec.cells[name_col];
        l->padre = nivel == UBIGEO_DEPARTAMENTO ? ""
                   : nivel == UBIGEO_PROVINCIA ? arena_printf(&A, "%.2s0000", rec.cells[0])
                                               : arena_printf(&A, "%.4s00", rec.cells[0]);
        if (nivel == UBIGEO_DISTRITO && strcmp(rec.cells[14], "NA") != 0) {
            l->tiene_coord = true;
            l->lat = atof(rec.cells[14]);
            l->lon = atof(rec.cells[15]);
        }
    }
    free(buf);
}

static ubigeo_alias ALIAS[] = {
    {UBIGEO_PROVINCIA, "070000", "PROV. CONST. DEL CALLAO", "070100", NULL},
    {UBIGEO_DISTRITO, "030700", "MARISCAL GAMARRA", "030703", NULL},
    {UBIGEO_DISTRITO, "150700", "SAN JOSE DE LOS CHORRILLOS", "150706", NULL},
};

static void setup(void)
{
    arena_init(&A, 1 << 20);
    char *dir = data_dir();
    size_t cap = 2048;
    memset(&U, 0, sizeof U);
    U.lugares = malloc(cap * sizeof *U.lugares);
    load_ubigeo_file(dir, "ubigeo_departamento.csv", UBIGEO_DEPARTAMENTO, 2, &cap);
    load_ubigeo_file(dir, "ubigeo_provincia.csv", UBIGEO_PROVINCIA, 3, &cap);
    load_ubigeo_file(dir, "ubigeo_distrito.csv", UBIGEO_DISTRITO, 4, &cap);
    U.alias = ALIAS;
    U.nalias = sizeof ALIAS / sizeof ALIAS[0];
    cr_assert_eq(ubigeo_catalogo_listo(&U, &A), 0);
    for (size_t i = 0; i < 29; i++) DIR[i] = (oferta_ref){DIRESAS[i], DIRESAS[i], DIRESAS[i]};
    CAT = (oferta_catalogos){PROFESIONES, sizeof PROFESIONES / sizeof PROFESIONES[0], DIR, 29,
                             INSTITUCIONES, sizeof INSTITUCIONES / sizeof INSTITUCIONES[0], &U};
    free(dir);
}

static void teardown(void)
{
    free(U.lugares);
    arena_free(&A);
}
TestSuite(oferta, .init = setup, .fini = teardown, .timeout = 60);

static void read_real(const char *name, oferta_resultado *out)
{
    char *dir = data_dir();
    char path[4300];
    snprintf(path, sizeof path, "%s/ofertas/%s", dir, name);
    size_t len;
    char *buf = slurp(path, &len);
    char *copy = arena_strndup(&A, buf, len);
    free(buf);
    free(dir);
    cr_assert_eq(oferta_lee(&A, copy, len, &CAT, out), 0, "%s: %s", name, out->detalle ? out->detalle : "");
}

static long unmatched_districts(const oferta_resultado *r)
{
    long n = 0;
    for (size_t i = 0; i < r->nfilas; i++) n += r->filas[i].distrito == NULL;
    return n;
}

Test(oferta, real_2025_remunerado_exact_totals)
{
    oferta_resultado r;
    read_real("2025-i-remunerado.csv", &r);
    cr_expect_eq(r.columnas, 18);
    cr_expect_eq(r.nrechazadas, 0);
    cr_expect_eq(r.filas_leidas, 7383);
    cr_expect_eq(r.nfilas, 7383);
    cr_expect_eq(r.plazas, 7488);
    cr_expect_eq(unmatched_districts(&r), 0);
}

Test(oferta, real_2025_equivalente_exact_totals)
{
    oferta_resultado r;
    read_real("2025-i-equivalente.csv", &r);
    cr_expect_eq(r.nrechazadas, 0);
    cr_expect_eq(r.filas_leidas, 10617);
    cr_expect_eq(r.plazas, 14669);
    /* RENIPRESS written without leading zeros ("5145") come out with 8 digits */
    cr_expect_str_eq(r.filas[0].renipress, "00005145");
    cr_expect_str_eq(r.filas[0].distrito, "010401");
    cr_expect(r.filas[0].tiene_coord);
    cr_expect(fabs(r.filas[0].latitud + 4.6000761) < 1e-6, "%f", r.filas[0].latitud);
    cr_expect(fabs(r.filas[0].longitud + 77.86555388) < 1e-6, "%f", r.filas[0].longitud);
    cr_expect_str_eq(r.filas[0].categoria, "II-1");
    cr_expect_null(r.filas[0].ofertante, "no INSTITUCIÓN OFERTANTE in the 2025 layout");
}

Test(oferta, real_2026_files_with_pages_notes_and_line_breaks)
{
    oferta_resultado r;
    read_real("2026-i-remunerado.csv", &r);
    cr_expect_eq(r.columnas, 16);
    cr_expect_eq(r.nrechazadas, 0);
    cr_expect_eq(r.filas_leidas, 7323);
    cr_expect_eq(r.plazas, 7489);
    cr_expect_eq(unmatched_districts(&r), 0);
    bool camporredondo = false, huancavelica = false;
    for (size_t i = 0; i < r.nfilas; i++) {
        const oferta_fila *f = &r.filas[i];
        if (!strcmp(f->renipress, "00004873")) camporredondo |= !strcmp(f->establecimiento, "CAMPORREDONDO");
        if (f->ofertante && !strcmp(f->ofertante, "HUANCAVELICA")) huancavelica = true;
        cr_assert(!f->ofertante || !strstr(f->ofertante, "\n"));
    }
    cr_expect(camporredondo, "CAMPORREDON\\nDO and CAMPORREDOND O re-joined");
    cr_expect(huancavelica, "ofertante HUANCAVELI\\nCA by its catalog name");
    oferta_resultado e;
    read_real("2026-i-equivalente.csv", &e);
    cr_expect_eq(e.nrechazadas, 0);
    cr_expect_eq(e.filas_leidas, 8695);
    cr_expect_eq(e.plazas, 12604);
    cr_expect_eq(unmatched_districts(&e), 7, "SAN ANTONIO (Moquegua, no INEI code) x4 and ALTO TRUJILLO x3");
}

/* A small 2026-layout file: note, header, a page break with the header again. */
#define H26 "\"INSTITUCIÓN\nOFERTANTE\";PROFESIÓN;\"SEDE DE\nADJUDICACIÓN\";\"N°\nPLAZAS\";DIRESA GERESA DIRIS;" \
            "INSTITUCIÓN;DEPARTAMENTO;PROVINCIA;DISTRITO;GRADO DE DIFICULTAD;\"CÓDIGO\nRENIPRESS\";"      \
            "NOMBRE DE ESTABLECIMIENTO;CATEGORÍA;PRESUPUESTO;\"ZAF\n(*)\";\"ZE\n(**)\"\n"

static int read_text(const char *s, oferta_resultado *r)
{
    return oferta_lee(&A, arena_strdup(&A, s), strlen(s), &CAT, r);
}

Test(oferta, small_2026_layout_with_page_break)
{
    const char *s = "\xEF\xBB\xBF\"NOTA:\n* BONO ZAF: ...\";;;;;;;;;;;;;;;\n" H26
                    "MINSA;MEDICINA;SEDE CENTRAL;2;\"MADRE DE\nDIOS\";\"GOBIERNO\nREGIONAL\";MADRE DE DIOS;"
                    "TAMBOPATA;TAMBOPATA;GD-3;5145;HOSPITAL SANTA ROSA;II-2;NACIONAL;SI;NO\n"
                    "NOTA: * BONO ZAF;;;;;;;;;;;;;;;\n" H26
                    "MINSA;ENFERMERIA;SEDE CENTRAL;1;CUSCO;MINSA;CUSCO;CUSCO;SANTIAGO;gd-1;00002281;C.S. "
                    "SANTIAGO;I-4;NACIONAL;no;sí\n\n";
    oferta_resultado r;
    cr_assert_eq(read_text(s, &r), 0, "%s", r.detalle ? r.detalle : "");
    cr_expect_eq(r.filas_leidas, 2);
    cr_expect_eq(r.nrechazadas, 0);
    cr_expect_eq(r.plazas, 3);
    const oferta_fila *a = &r.filas[0], *b = &r.filas[1];
    cr_expect_eq(a->linea, 10);
    cr_expect_str_eq(a->profesion, "MEDICINA");
    cr_expect_str_eq(a->diresa, "MADRE DE DIOS");
    cr_expect_str_eq(a->institucion, "GOBIERNO_REGIONAL");
    cr_expect_str_eq(a->ofertante, "MINSA");
    cr_expect_str_eq(a->renipress, "00005145");
    cr_expect_eq(a->grado, 3);
    cr_expect(a->zaf && !a->ze);
    cr_expect_str_eq(a->distrito, "170101");
    cr_expect_eq(b->grado, 1);
    cr_expect(!b->zaf && b->ze);
    cr_expect_eq(b->linea, 21);
}

Test(oferta, every_bad_row_is_rejected_with_its_line_and_reasons)
{
    const char *s = H26
        "MINSA;ODONTOLOGIA;SEDE CENTRAL;1;CUSCO;MINSA;CUSCO;CUSCO;SANTIAGO;GD-1;2281;CS;I-4;NACIONAL;NO;NO\n"
        "MINSA;ASTRONAUTA;SEDE CENTRAL;0;NARNIA;MINSA;CUSCO;CUSCO;SANTIAGO;GD-9;ABC;CS;I-4;NACIONAL;TAL VEZ;NO\n"
        "MINSA;MEDICINA;SEDE CENTRAL;1;CUSCO;MINSA;CUSCO;CUSCO;SANTIAGO;GD-1;123456789;;I-4;NACIONAL;NO;NO\n"
        "MINSA;MEDICINA;SEDE CENTRAL;1;CUSCO\n";
    oferta_resultado r;
    cr_assert_eq(read_text(s, &r), 0);
    cr_expect_eq(r.filas_leidas, 4);
    cr_assert_eq(r.nrechazadas, 3);
    cr_expect_eq(r.rechazadas[0].linea, 9, "the header spans lines 1-7 (line breaks in its cells)");
    const char *m = r.rechazadas[0].motivo;
    cr_expect(strstr(m, "profesión desconocida: 'ASTRONAUTA'"), "%s", m);
    cr_expect(strstr(m, "N° de plazas inválido: '0'"), "%s", m);
    cr_expect(strstr(m, "DIRESA desconocida: 'NARNIA'"), "%s", m);
    cr_expect(strstr(m, "GD-9"), "%s", m);
    cr_expect(strstr(m, "RENIPRESS"), "%s", m);
    cr_expect(strstr(m, "ZAF inválido"), "%s", m);
    cr_expect_eq(r.rechazadas[1].linea, 10);
    cr_expect(strstr(r.rechazadas[1].motivo, "RENIPRESS"));
    cr_expect(strstr(r.rechazadas[1].motivo, "nombre del establecimiento"));
    cr_expect_eq(r.rechazadas[2].linea, 11);
    cr_expect(strstr(r.rechazadas[2].motivo, "columnas"));
}

Test(oferta, places_not_in_the_ubigeo_warn_and_keep_the_row)
{
    const char *s = H26
        "MINSA;MEDICINA;SEDE CENTRAL;1;LA LIBERTAD;MINSA;LA LIBERTAD;TRUJILLO;ALTO TRUJILLO;GD-2;1;CS;I-4;X;NO;NO\n"
        "MINSA;MEDICINA;SEDE CENTRAL;1;LIMA SUR;MINSA;LIMA;LIMA;LURIGANCHO (CHOSICA);GD-2;2;CS;I-4;X;NO;NO\n";
    oferta_resultado r;
    cr_assert_eq(read_text(s, &r), 0);
    cr_expect_eq(r.nfilas, 2);
    cr_expect_eq(r.nrechazadas, 0);
    cr_expect_null(r.filas[0].distrito);
    cr_expect_str_eq(r.filas[0].provincia, "130100");
    cr_expect_str_eq(r.filas[0].distrito_texto, "ALTO TRUJILLO");
    cr_expect_str_eq(r.filas[1].distrito, "150118");
    cr_assert_eq(r.nadvertencias, 2);
    cr_expect(strstr(r.advertencias[0].motivo, "no encontrado"), "%s", r.advertencias[0].motivo);
    cr_expect(strstr(r.advertencias[1].motivo, "interpretado como LURIGANCHO"), "%s", r.advertencias[1].motivo);
}

Test(oferta, whole_file_problems)
{
    oferta_resultado r;
    cr_expect_eq(read_text("", &r), -1);
    cr_expect_eq(r.problema, OFERTA_ARCHIVO_VACIO);
    cr_expect_eq(read_text("\xEF\xBB\xBF \r\n", &r), -1);
    cr_expect_eq(r.problema, OFERTA_ARCHIVO_VACIO);
    cr_expect_eq(oferta_lee(&A, "%PDF-1.4\n\0\x01\x02", 13, &CAT, &r), -1);
    cr_expect_eq(r.problema, OFERTA_NO_ES_CSV);
    cr_expect_eq(read_text("PROFESION,SEDE,N° PLAZAS,DIRESA,INSTITUCION,DEPARTAMENTO,PROVINCIA,DISTRITO,GRADO,"
                           "CODIGO,NOMBRE,ZAF,ZE\nMEDICINA,SEDE,1\n", &r), -1);
    cr_expect_eq(r.problema, OFERTA_DELIMITADOR_INVALIDO);
    cr_expect_eq(read_text("a;b;c\n1;2;3\n", &r), -1);
    cr_expect_eq(r.problema, OFERTA_SIN_CABECERA);
    cr_expect_eq(read_text("PROFESION;N° PLAZAS;DIRESA;INSTITUCION;DEPARTAMENTO;PROVINCIA\nMEDICINA;1\n", &r), -1);
    cr_expect_eq(r.problema, OFERTA_COLUMNAS_FALTANTES);
    cr_expect(strstr(r.detalle, "CÓDIGO RENIPRESS"), "%s", r.detalle);
    cr_expect_eq(read_text(H26 "MINSA;\"sin cerrar\n", &r), -1);
    cr_expect_eq(r.problema, OFERTA_CSV_MALFORMADO);
    cr_expect(strstr(r.detalle, "Línea 8"), "%s", r.detalle);
    cr_expect_eq(read_text(H26, &r), -1);
    cr_expect_eq(r.problema, OFERTA_SIN_FILAS);
}

Test(oferta, windows_1252_files_are_read)
{
    const char *s = "PROFESI\xD3N;N\xB0 PLAZAS;DIRESA;INSTITUCI\xD3N;DEPARTAMENTO;PROVINCIA;DISTRITO;GRADO DE DIFICULTAD;"
                    "C\xD3" "DIGO RENIPRESS;NOMBRE DE ESTABLECIMIENTO;ZAF;ZE\r\n"
                    "ENFERMER\xCD" "A;1;JUN\xCD" "N;MINSA;JUN\xCD" "N;HUANCAYO;HUANCAYO;GD-2;1;PUESTO DE SALUD PE\xD1" "A;S\xCD;NO\r\n";
    oferta_resultado r;
    cr_assert_eq(read_text(s, &r), 0, "%s", r.detalle ? r.detalle : "");
    cr_assert_eq(r.nfilas, 1);
    cr_expect_str_eq(r.filas[0].profesion, "ENFERMERIA");
    cr_expect_str_eq(r.filas[0].establecimiento, "PUESTO DE SALUD PEÑA");
    cr_expect_str_eq(r.filas[0].distrito, "120101");
    cr_expect(r.filas[0].zaf);
}

Test(oferta, an_optional_cautiva_column_marks_cautive_rows)
{
    const char *s = "PROFESION;N PLAZAS;DIRESA;INSTITUCION;DEPARTAMENTO;PROVINCIA;DISTRITO;GRADO DE DIFICULTAD;"
                    "CODIGO RENIPRESS;NOMBRE DE ESTABLECIMIENTO;ZAF;ZE;CAUTIVA\r\n"
                    "ENFERMERIA;1;JUNIN;ESSALUD;JUNIN;HUANCAYO;HUANCAYO;GD-2;1;POSTA A;NO;NO;SI\r\n"
                    "ENFERMERIA;1;JUNIN;MINSA;JUNIN;HUANCAYO;HUANCAYO;GD-2;2;POSTA B;NO;NO;\r\n"
                    "ENFERMERIA;1;JUNIN;MINSA;JUNIN;HUANCAYO;HUANCAYO;GD-2;3;POSTA C;NO;NO;TAL VEZ\r\n";
    oferta_resultado r;
    read_text(s, &r);
    cr_assert_eq(r.nfilas, 2, "%s", r.detalle ? r.detalle : "");
    cr_expect(r.filas[0].cautiva);
    cr_expect_not(r.filas[1].cautiva, "blank is NO");
    cr_assert_eq(r.nrechazadas, 1);
    cr_expect(strstr(r.rechazadas[0].motivo, "CAUTIVA inválido"), "%s", r.rechazadas[0].motivo);
}

Test(oferta, cell_readers)
{
    char code[9];
    cr_expect(oferta_renipress(" 5145 ", code));
    cr_expect_str_eq(code, "00005145");
    cr_expect(!oferta_renipress("123456789", code));
    cr_expect(!oferta_renipress("12A", code));
    cr_expect(!oferta_renipress("", code));
    cr_expect_eq(oferta_cantidad("12"), 12);
    cr_expect_eq(oferta_cantidad("0"), -1);
    cr_expect_eq(oferta_cantidad("1.5"), -1);
    cr_expect_eq(oferta_cantidad("-1"), -1);
    cr_expect_eq(oferta_grado("GD-5"), 5);
    cr_expect_eq(oferta_grado("gd 2"), 2);
    cr_expect_eq(oferta_grado("4"), 4);
    cr_expect_eq(oferta_grado("GD-6"), -1);
    cr_expect_eq(oferta_si_no("Sí"), 1);
    cr_expect_eq(oferta_si_no("NO"), 0);
    cr_expect_eq(oferta_si_no("quizá"), -1);
    double v;
    cr_expect(oferta_coordenada("-0,37468545", -18.6, 0.2, false, 0, &v) && fabs(v + 0.37468545) < 1e-9);
    cr_expect(oferta_coordenada("-7786555388", -81.6, -68.4, false, 0, &v) && fabs(v + 77.86555388) < 1e-9);
    cr_expect(!oferta_coordenada("-1360911902", -18.6, 0.2, false, 0, &v), "-1.36 or -13.6: undecidable alone");
    cr_expect(oferta_coordenada("-1360911902", -18.6, 0.2, true, -13.5, &v) && fabs(v + 13.60911902) < 1e-9);
    cr_expect(oferta_coordenada("-1360911902", -18.6, 0.2, true, -1.5, &v) && fabs(v + 1.360911902) < 1e-9);
    cr_expect(!oferta_coordenada("0", -18.6, 0.2, false, 0, &v));
    cr_expect(!oferta_coordenada("#N/D", -18.6, 0.2, false, 0, &v));
}
