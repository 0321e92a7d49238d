/* test_sesion_politica.c - session lifetimes by role and the captcha rule
 * (domain/sesion_politica.c). */
#include "sesion_politica.h"
#include <criterion/criterion.h>

Test(sesion_politica, staff_twelve_hours_with_thirty_minutes_idle)
{
    const char *staff[] = {"diresa", "admin", "desconocido", NULL};
    for (int i = 0; i < 4; i++) {
        sesion_vida v = sesion_vida_de(staff[i]);
        cr_expect_eq(v.absoluta_s, 12 * 3600, "%s", staff[i] ? staff[i] : "NULL");
        cr_expect_eq(v.inactividad_s, 30 * 60);
    }
}

Test(sesion_politica, postulantes_thirty_days)
{
    sesion_vida v = sesion_vida_de("postulante");
    cr_expect_eq(v.absoluta_s, 30 * 86400);
    cr_expect_eq(v.inactividad_s, 30 * 86400);
}

Test(sesion_politica, captcha_only_when_many_addresses_fail)
{
    cr_expect_not(login_requiere_captcha(4, 1));
    cr_expect_not(login_requiere_captcha(50, 2), "one or two addresses: the per-address lock is enough");
    cr_expect_not(login_requiere_captcha(9, 3));
    cr_expect(login_requiere_captcha(10, 3));
    cr_expect(login_requiere_captcha(200, 40));
}
