/* app.h - what an application hands the platform when it starts: its route
 * tables and the roles its tokens carry. The platform knows nothing else of
 * the application (no arrow from src/ up to api/). */
#ifndef SERUMS_APP_H
#define SERUMS_APP_H
#include "http.h"
#include "router.h"
#include "token.h"

typedef struct server_app {
    router *(*routes_build)(void);   /* every route, built once per process */
    const token_role *roles;         /* {NULL}-terminated */
    const problem_def *problems;     /* {NULL}-terminated: titles of problem codes */
} server_app;
#endif
