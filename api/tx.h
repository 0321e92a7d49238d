/* tx.h - the one way handlers run a transaction: begin, commit, and fail
 * (roll back and answer the database problem), each answering the request
 * itself when it returns false. */
#ifndef SERUMS_TX_H
#define SERUMS_TX_H
#include "http.h"
#include <stdbool.h>

bool tx_begin(req *r);   /* false: answered 503/500 */
bool tx_commit(req *r);  /* false: rolled back, answered */
void tx_fail(req *r);    /* rollback + problema_bd */
#endif
