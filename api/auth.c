/* auth.c - the accounts module: its route table (/v1/auth/..., /v1/me...,
 * /v1/usuarios). The handlers live in auth_registro.c, auth_sesiones.c,
 * auth_cuenta.c and auth_usuarios.c; staff accounts are created by the
 * service auth_personal.c (cmd/user.c, cmd/seed.c). */
#include "api.h"
#include "auth_internal.h"

const route auth_routes[] = {
    {"POST", "/v1/auth/email-codes", auth_email_codes, 0, BODY_JSON, 0},
    {"POST", "/v1/auth/register", auth_register, 0, BODY_JSON, 0, ROUTE_POOL_AUTH | ROUTE_NO_STORE},
    {"POST", "/v1/auth/login", auth_login, 0, BODY_JSON, 0, ROUTE_POOL_AUTH | ROUTE_NO_STORE},
    {"POST", "/v1/auth/refresh", auth_refresh, 0, BODY_JSON, 0, ROUTE_NO_STORE},
    {"POST", "/v1/auth/logout", auth_logout, 0, BODY_JSON, 0},
    {"POST", "/v1/auth/password-resets", auth_reset_request, 0, BODY_JSON, 0},
    {"POST", "/v1/auth/password-resets/confirm", auth_reset_confirm, 0, BODY_JSON, 0,
     ROUTE_POOL_AUTH | ROUTE_NO_STORE},
    {"GET", "/v1/me", auth_me, ROLES_ANY, BODY_NONE, 0},
    {"PUT", "/v1/me/password", auth_me_password, ROLES_ANY, BODY_JSON, 0, ROUTE_POOL_AUTH},
    {"GET", "/v1/usuarios", auth_usuarios_list, ROLE_ADMIN, BODY_NONE, 0},
};
const size_t auth_routes_n = ROUTES_N(auth_routes);
