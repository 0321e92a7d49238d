/* sesion_politica.h - how long a sign-in lives and when repeated wrong
 * passwords lock it (issue 9, probes 4-6; ASVS 3.3): staff (diresa, admin)
 * sessions end 12 hours after login and after 30 minutes without a refresh;
 * postulantes' after 30 days. Wrong passwords lock one email from one address
 * (so an attacker elsewhere cannot lock the owner out), and once an email
 * collects failures from many addresses every sign-in for it needs a captcha.
 * Pure: the handler reads the counts and applies the answers. */
#ifndef SERUMS_SESION_POLITICA_H
#define SERUMS_SESION_POLITICA_H
#include <stdbool.h>

typedef struct sesion_vida {
    int absoluta_s;    /* from login; never extended by a refresh */
    int inactividad_s; /* each refresh token expires this long after it is issued */
} sesion_vida;

/* The lifetime for a role name ("postulante", "diresa", "admin"); unknown
 * roles get the staff (shorter) one. */
sesion_vida sesion_vida_de(const char *rol);

#define LOGIN_FALLOS_BLOQUEO 5 /* per email and address, within the window */
#define LOGIN_BLOQUEO_MIN 15
#define LOGIN_CAPTCHA_DIRECCIONES 3 /* distinct addresses failing for one email ... */
#define LOGIN_CAPTCHA_FALLOS 10     /* ... with this many failures, within the window */

/* true when a sign-in for an email with `fallos` failures from `direcciones`
 * distinct addresses in the last LOGIN_BLOQUEO_MIN minutes needs a captcha. */
bool login_requiere_captcha(int fallos, int direcciones);
#endif
