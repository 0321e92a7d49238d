/* auth.c - Bearer token verification. (Placeholder until accounts land:
 * every protected route answers 401.) */
#include "auth.h"
#include <string.h>

unsigned auth_role_bit(const char *name)
{
    if (!name) return 0;
    if (!strcmp(name, "postulante")) return ROLE_POSTULANTE;
    if (!strcmp(name, "diresa")) return ROLE_DIRESA;
    if (!strcmp(name, "admin")) return ROLE_ADMIN;
    return 0;
}

int auth_authenticate(req *r)
{
    http_set_header(r, "WWW-Authenticate", "Bearer realm=\"serums\"");
    problem(r, 401, "NO_AUTENTICADO", "Se requiere un token de acceso válido.");
    return -1;
}
