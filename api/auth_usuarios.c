/* auth_usuarios.c - GET /v1/usuarios (admin): the accounts, for support and
 * user management, filtered by rol, diresa and a piece of the email, in
 * pages of {items, next_cursor, total} ordered by id (the cursor is the last
 * id of the page). */
#include "auth_internal.h"
#include "db.h"
#include "worker.h"
#include <ctype.h>
#include <string.h>

static const db_stmt Q_USUARIOS = {
    "auth_usuarios_list",
    "with f as (select * from usuarios where ($1::text is null or rol = $1)"
    "   and ($2::text is null or diresa_codigo = $2) and ($3::text is null or strpos(email, $3) > 0)),"
    " page as (select * from f where ($4::bigint is null or id > $4) order by id limit $5::int + 1),"
    " shown as (select * from page order by id limit $5::int)"
    " select json_build_object("
    "  'items', coalesce((select json_agg(json_build_object('id', id, 'email', email, 'rol', rol,"
    "     'diresa', diresa_codigo, 'activo', activo, 'tipo_documento', tipo_documento,"
    "     'numero_documento', numero_documento, 'nombres', nombres, 'apellido_paterno', apellido_paterno,"
    "     'apellido_materno', apellido_materno,"
    "     'creado_at', to_char(creado_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) order by id)"
    "     from shown), '[]'::json),"
    "  'next_cursor', case when (select count(*) from page) > $5::int then (select max(id) from shown)::text end,"
    "  'total', (select count(*) from f))::text"};

static bool all_digits(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && n <= 18 && strspn(s, "0123456789") == n;
}

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
    if (cursor && !all_digits(cursor)) { problem(r, 400, "PARAMETRO_INVALIDO", "cursor inválido."); return; }
    if (rol && strcmp(rol, "postulante") && strcmp(rol, "diresa") && strcmp(rol, "admin")) {
        problem(r, 400, "PARAMETRO_INVALIDO", "rol debe ser postulante, diresa o admin.");
        return;
    }
    if ((diresa && strlen(diresa) > 40) || (q && strlen(q) > 254)) {
        problem(r, 400, "PARAMETRO_INVALIDO", "Filtro demasiado largo.");
        return;
    }
    const char *p[] = {rol, diresa, q ? lower_copy(r->a, q) : NULL, cursor, arena_printf(r->a, "%ld", limit)};
    PGresult *res = db_exec(r->w->db, r->a, &Q_USUARIOS, 5, p);
    if (!res) { problem_db(r); return; }
    http_send_json_text(r, 200, db_val(res, 0, 0));
}
