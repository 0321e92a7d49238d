/* sesion_politica.c - session lifetimes by role and the captcha rule for
 * sign-ins under attack (see sesion_politica.h). */
#include "sesion_politica.h"
#include <string.h>

sesion_vida sesion_vida_de(const char *rol)
{
    if (rol && !strcmp(rol, "postulante")) return (sesion_vida){30 * 86400, 30 * 86400};
    return (sesion_vida){12 * 3600, 30 * 60};
}

bool login_requiere_captcha(int fallos, int direcciones)
{
    return direcciones >= LOGIN_CAPTCHA_DIRECCIONES && fallos >= LOGIN_CAPTCHA_FALLOS;
}
