/* auth.c - who is calling: the Bearer access token of the request verified
 * (token.c: HS256 pinned, MAC in constant time, iss/aud/iat/exp checked
 * against the configured clock) into r->user, unless its session was revoked
 * (revocation.c: an in-memory set fed by NOTIFY). No database trip, so every
 * authenticated request pays only an HMAC and a hash lookup. */
#include "auth.h"
#include "revocation.h"
#include "token.h"
#include "worker.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int refuse(req *r, const char *error, const char *detail)
{
    http_set_header(r, "WWW-Authenticate",
                    error ? arena_printf(r->a, "Bearer realm=\"serums\", error=\"%s\"", error)
                          : "Bearer realm=\"serums\"");
    problem(r, 401, "NO_AUTENTICADO", detail);
    return -1;
}

/* The token after "Bearer " (scheme case-insensitive), or NULL. */
static const char *bearer(const char *header)
{
    if (!header || strncasecmp(header, "Bearer ", 7) != 0) return NULL;
    const char *t = header + 7;
    while (*t == ' ') t++;
    return *t ? t : NULL;
}

/* Verifies the token into c: NULL when valid and live, else why not. */
static const char *verify(req *r, const char *tok, token_claims *c)
{
    const config *cfg = r->w->cfg;
    token_keys k = {cfg->jwt_secret, cfg->jwt_iss, cfg->jwt_aud, r->w->app->roles};
    token_result res = token_access_verify(&k, tok, config_now(cfg), c);
    if (res != TOKEN_OK) return token_result_text(res);
    if (revocation_revoked(r->w, c->sid)) return "La sesión fue cerrada; inicie sesión de nuevo.";
    return NULL;
}

static void set_user(req *r, const token_claims *cl)
{
    const token_claims c = *cl;
    auth_user *u = &r->user_storage;
    memset(u, 0, sizeof *u);
    u->id = c.sub;
    u->rol = token_role_find(r->w->app->roles, c.rol)->bit; /* verified: the role exists */
    snprintf(u->rol_name, sizeof u->rol_name, "%s", c.rol);
    snprintf(u->scope, sizeof u->scope, "%s", c.scope);
    snprintf(u->jti, sizeof u->jti, "%s", c.jti);
    r->user = u;
}

int auth_authenticate(req *r)
{
    const char *tok = bearer(r->authorization);
    if (!tok) return refuse(r, NULL, "Se requiere un token de acceso válido.");
    token_claims c;
    const char *why = verify(r, tok, &c);
    if (why) return refuse(r, "invalid_token", why);
    set_user(r, &c);
    return 0;
}

bool auth_identify(req *r)
{
    const char *tok = bearer(r->authorization);
    token_claims c;
    if (!tok || verify(r, tok, &c)) return false;
    set_user(r, &c);
    return true;
}
