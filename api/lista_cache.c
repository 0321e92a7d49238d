/* lista_cache.c - the versioned page cache of the staff's lists (see
 * lista_cache.h): the version read, the scope built, the cache asked. */
#include "lista_cache.h"
#include "problemas.h"
#include "publico.h"
#include "worker.h"

bool lista_cache_responder(req *r, const db_stmt *version, int n, const char *const *p, const char *scope,
                           const char *grupo, lista_cache *lc)
{
    PGresult *v = db_exec(r->w->db, r->a, version, n, p);
    if (!v || PQntuples(v) != 1) {
        problema_bd(r);
        return true;
    }
    lc->alcance = arena_printf(r->a, "%s|v%s", scope ? scope : "*", db_field(v, 0, "version"));
    lc->grupo = grupo;
    return publico_cache_answer_scope(r, lc->alcance);
}

void lista_cache_guardar(req *r, const lista_cache *lc)
{
    publico_cache_store_scope(r, lc->alcance, lc->grupo);
}
