/* routes.h - the whole API surface: every module's route table in one router. */
#ifndef SERUMS_ROUTES_H
#define SERUMS_ROUTES_H
#include "db.h"
#include "router.h"
#include "token.h"

/* The roles of SERUMS, as route bits. */
enum { ROLE_POSTULANTE = 1, ROLE_DIRESA = 2, ROLE_ADMIN = 4 };
#define ROLES_ANY (ROLE_POSTULANTE | ROLE_DIRESA | ROLE_ADMIN)
extern const token_role api_roles[];

router *routes_build(void);
/* server_app.warm: what a new database session of each pool runs first. */
void routes_warm(db *d, arena *a, pool_kind pool);
#endif
