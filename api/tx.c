/* tx.c - transactions that answer on failure (tx.h). */
#include "tx.h"
#include "db.h"
#include "problemas.h"
#include "worker.h"

bool tx_begin(req *r)
{
    if (db_begin(r->w->db)) return true;
    problema_bd(r);
    return false;
}

void tx_fail(req *r)
{
    db_rollback(r->w->db);
    problema_bd(r);
}

bool tx_commit(req *r)
{
    if (db_commit(r->w->db)) return true;
    tx_fail(r);
    return false;
}
