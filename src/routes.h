/* routes.h - the whole API surface: every module's route table in one router. */
#ifndef SERUMS_ROUTES_H
#define SERUMS_ROUTES_H
#include "router.h"

router *routes_build(void);
#endif
