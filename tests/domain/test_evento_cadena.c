/* test_evento_cadena.c - canonical event text and the hash chain, checked with openssl. */
#include "evento_cadena.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static arena A;
static void setup(void) { arena_init(&A, 4096); }
static void teardown(void) { arena_free(&A); }
TestSuite(evento_cadena, .init = setup, .fini = teardown);

Test(evento_cadena, canonical_text_and_chain)
{
    evento_log e = {1, EVENTO_GENESIS, 1, 4711, "ELIGE", 3301, "ADJUDICADO", 2, "POSTULANTE", "2026-05-04T14:00:05Z"};
    cr_expect_str_eq(evento_texto(&A, &e),
                     "SERUMS-EVENTO-v1\n1\n" EVENTO_GENESIS "\n1\n4711\nELIGE\n3301\nADJUDICADO\n2\nPOSTULANTE\n2026-05-04T14:00:05Z\n");
    char h1[65], h2[65];
    cr_assert_eq(evento_hash(&A, &e, h1), 0);
    FILE *f = fopen("build-evento.txt", "w");
    cr_assert_not_null(f);
    fputs(evento_texto(&A, &e), f);
    fclose(f);
    FILE *p = popen("openssl dgst -sha256 build-evento.txt", "r");
    char line[256] = "";
    cr_assert_not_null(fgets(line, sizeof line, p));
    pclose(p);
    remove("build-evento.txt");
    cr_expect(strstr(line, h1) != NULL);
    evento_log v = {2, h1, 2, 4712, "VENCE", 0, "AUSENTE", 0, "SISTEMA", "2026-05-04T14:02:05Z"};
    cr_expect(strstr(evento_texto(&A, &v), "\nVENCE\n\nAUSENTE\n\nSISTEMA\n") != NULL);
    cr_assert_eq(evento_hash(&A, &v, h2), 0);
    v.prev_hash = EVENTO_GENESIS;          /* cut the chain: another hash */
    char h3[65];
    evento_hash(&A, &v, h3);
    cr_expect_str_neq(h2, h3);
}
