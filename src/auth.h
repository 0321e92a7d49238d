/* auth.h - who is calling: verifies the Bearer access token (JWT HS256, the
 * algorithm pinned, every claim checked) and fills r->user. */
#ifndef SERUMS_AUTH_H
#define SERUMS_AUTH_H
#include "http.h"

/* 0 and r->user set; or -1 after answering 401 with WWW-Authenticate. */
int auth_authenticate(req *r);
/* For public routes whose answer depends on who asks: true and r->user set
 * when a valid, live Bearer token came; false (nothing answered) otherwise. */
bool auth_identify(req *r);
#endif
