/* auth_usuarios.c - GET /v1/usuarios (admin): the accounts, for support and
 * user management, filtered by rol, diresa and a piece of the email, in
 * pages of {items, next_cursor, total} ordered by id (the cursor is the last
 * id of the page). */
#include "auth_internal.h"
#include "problemas.h"
#include "db.h"
#include "sql_gen.h"
#include "texto.h"
#include "worker.h"
#include "sql_gen.h"
#include <ctype.h>
#include <string.h>

static char *lower_copy(arena *a, const char *s)
{
    char *out = arena_strdup(a, s);
    for (char *p = out; p && *p; p++) *p = (char)tolower((unsigned char)*p);
    return out;
}

void auth_usuarios_list(req *r)
{
    long limit;
    const char *cursor;
    if (http_pagination(r, &limit, &cursor) != 0) return;
    const char *rol = http_query(r, "rol"), *diresa = http_query(r, "diresa"), *q = http_query(r, "q");
    if (cursor && !texto_id_decimal(cursor)) { problema(r, P_PARAMETRO_INVALIDO, "cursor inválido."); return; }
    if (rol && strcmp(rol, "postulante") && strcmp(rol, "diresa") && strcmp(rol, "admin")) {
        problema(r, P_PARAMETRO_INVALIDO, "rol debe ser postulante, diresa o admin.");
        return;
    }
    if ((diresa && strlen(diresa) > 40) || (q && strlen(q) > 254)) {
        problema(r, P_PARAMETRO_INVALIDO, "Filtro demasiado largo.");
        return;
    }
    const char *p[] = {rol, diresa, q ? lower_copy(r->a, q) : NULL, cursor, arena_printf(r->a, "%ld", limit)};
    PGresult *res = db_exec(r->w->db, r->a, &SQL_auth_usuarios_list, 5, p);
    if (!res) { problema_bd(r); return; }
    http_send_json_text(r, 200, db_field(res, 0, "pagina"));
}
