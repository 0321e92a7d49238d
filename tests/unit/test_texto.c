/* test_texto.c - keys with accents folded, whitespace, encodings, and the
 * re-joining of words split by line breaks or by the spaces left in their place. */
#include "texto.h"
#include <criterion/criterion.h>
#include <string.h>

static arena A;
static void setup(void) { arena_init(&A, 4096); }
static void teardown(void) { arena_free(&A); }
TestSuite(texto, .init = setup, .fini = teardown);

Test(texto, keys_fold_accents_case_and_punctuation)
{
    cr_expect_str_eq(texto_clave(&A, "Áncash"), "ANCASH");
    cr_expect_str_eq(texto_clave(&A, "N° PLAZAS"), "NPLAZAS");
    cr_expect_str_eq(texto_clave(&A, "CÓDIGO\nRENIPRESS"), "CODIGORENIPRESS");
    cr_expect_str_eq(texto_clave(&A, "Huallay- Grande"), "HUALLAYGRANDE");
    cr_expect_str_eq(texto_clave(&A, "ZAF\n(*)"), "ZAF");
    cr_expect_str_eq(texto_clave(&A, "Peñaloza Nº 3"), "PENALOZANO3");
    cr_expect_str_eq(texto_clave_palabras(&A, "  Madre de\nDios "), "MADRE DE DIOS");
    cr_expect_str_eq(texto_clave_palabras(&A, "TM - LABORATORIO"), "TM LABORATORIO");
}

Test(texto, collapses_whitespace)
{
    cr_expect_str_eq(texto_colapsa(&A, "  CENTRO   DE\n SALUD\t"), "CENTRO DE SALUD");
    cr_expect_str_eq(texto_colapsa(&A, "a\xC2\xA0" "b"), "a b");
    cr_expect_str_eq(texto_colapsa(&A, ""), "");
}

Test(texto, utf8_binary_and_windows_1252)
{
    cr_expect(texto_utf8_valido("Perú", strlen("Perú")));
    cr_expect(!texto_utf8_valido("Per\xFA", 4));
    cr_expect(!texto_utf8_valido("\xC0\xAF", 2), "overlong");
    cr_expect(texto_es_binario("a\0b", 3));
    cr_expect(texto_es_binario("%PDF-1.4\x01", 9));
    cr_expect(!texto_es_binario("a;b\r\n\tc", 7));
    size_t n;
    cr_expect_str_eq(texto_cp1252_a_utf8(&A, "Per\xFA \x80", 6, &n), "Perú €");
}

static texto_vocab *words(const char *const *list)
{
    texto_vocab *v = texto_vocab_new(&A, 16);
    for (; *list; list++) texto_vocab_add_palabras(v, &A, *list, false);
    return v;
}

Test(texto, joins_a_word_split_by_a_line_break_only_when_it_is_a_word)
{
    const char *catalog[] = {"CAMPORREDONDO", "HUANCAVELICA", "SANTA MARIA DE NIEVA", "MADRE DE DIOS", NULL};
    texto_vocab *ref = words(catalog);
    texto_vocab *file = texto_vocab_new(&A, 16);
    cr_expect_str_eq(texto_une_lineas(&A, "CAMPORREDON\nDO", file, ref), "CAMPORREDONDO");
    cr_expect_str_eq(texto_une_lineas(&A, "HUANCAVELI\r\nCA", file, ref), "HUANCAVELICA");
    cr_expect_str_eq(texto_une_lineas(&A, "SANTA MARIA DE\nNIEVA", file, ref), "SANTA MARIA DE NIEVA");
    cr_expect_str_eq(texto_une_lineas(&A, "MADRE DE\nDIOS", file, ref), "MADRE DE DIOS");
    cr_expect_str_eq(texto_une_lineas(&A, "CENTRO DE\nSALUD", NULL, NULL), "CENTRO DE SALUD");
}

Test(texto, hyphens_and_punctuation_at_a_break)
{
    cr_expect_str_eq(texto_une_lineas(&A, "HUAC-\nHUAS", NULL, NULL), "HUAC-HUAS");
    cr_expect_str_eq(texto_une_lineas(&A, "CHOTA -\nJOSE SOTO", NULL, NULL), "CHOTA - JOSE SOTO");
    cr_expect_str_eq(texto_une_lineas(&A, "\"OLLANTAYTAMBO\n\" N 3", NULL, NULL), "\"OLLANTAYTAMBO\" N 3");
}

Test(texto, words_known_from_the_file_decide_too)
{
    texto_vocab *file = texto_vocab_new(&A, 16);
    texto_vocab_add_palabras(file, &A, "CENTRO DE SALUD SESQUICENTENARIO", true);
    texto_vocab_add_palabras(file, &A, "CENTRO DE\nSALUD LAS\nPALMAS", true);
    cr_expect(texto_vocab_has(file, "SESQUICENTENARIO"));
    cr_expect(!texto_vocab_has(file, "LAS"), "a word next to a break is not trusted");
    cr_expect(!texto_vocab_has(file, "PALMAS"));
    cr_expect_str_eq(texto_une_lineas(&A, "CENTRO DE\nSALUD\nSESQUICENTENAR\nIO", file, NULL),
                     "CENTRO DE SALUD SESQUICENTENARIO");
}

Test(texto, rejoins_words_split_by_a_space_when_the_catalog_knows_the_whole)
{
    const char *catalog[] = {"CAMPORREDONDO", "CONTRALMIRANTE VILLAR", "SAN JUAN", "VILLA RICA", NULL};
    texto_vocab *ref = words(catalog);
    cr_expect_str_eq(texto_une_lineas(&A, "CAMPORREDOND O", NULL, ref), "CAMPORREDONDO");
    cr_expect_str_eq(texto_une_lineas(&A, "CONTRALMIRAN TE VILLAR", NULL, ref), "CONTRALMIRANTE VILLAR");
    cr_expect_str_eq(texto_une_lineas(&A, "VILLA RICA", NULL, ref), "VILLA RICA");
    cr_expect_str_eq(texto_une_lineas(&A, "SAN JUAN", NULL, ref), "SAN JUAN");
}

Test(texto, bounded_distance)
{
    cr_expect_eq(texto_distancia("PICHANAKI", "PICHANAQUI", 2), 2);
    cr_expect_eq(texto_distancia("CAPASO", "CAPAZO", 2), 1);
    cr_expect_eq(texto_distancia("LIMA", "LIMA", 2), 0);
    cr_expect_eq(texto_distancia("AMAZONAS", "LORETO", 2), 3);
    cr_expect_eq(texto_distancia("A", "ABCDE", 2), 3);
}
