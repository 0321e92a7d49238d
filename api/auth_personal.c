/* auth_personal.c - see auth_personal.h. SQL: sql/auth.sql. */
#include "auth_personal.h"
#include "auth_internal.h"
#include "db.h"
#include "sql_gen.h"

personal_estado auth_personal_crear(const servicio *s, const char *email, const char *password, const char *rol,
                                    const char *diresa, const char *accion)
{
    char hash[PASSWORD_HASH_MAX];
    if (password_hash(password, auth_cost(s->cfg), hash) != 0) return PERSONAL_ERROR;
    const char *p[] = {email, hash, rol, diresa, accion};
    PGresult *res = db_exec(s->db, s->a, &SQL_auth_personal_crear, 5, p);
    sodium_memzero(hash, sizeof hash);
    if (!res) return PERSONAL_ERROR;
    return PQntuples(res) == 1 ? PERSONAL_CREADO : PERSONAL_EXISTE;
}

int auth_usuario_existe(const servicio *s, const char *email)
{
    PGresult *res = db_exec(s->db, s->a, &SQL_auth_usuario_existe, 1, (const char *[]){email});
    return res ? PQntuples(res) > 0 : -1;
}
