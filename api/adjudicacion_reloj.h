/* adjudicacion_reloj.h - the adjudication clock (issue 11): deadlines fire
 * with nobody touching the session. Once a second it takes each live session
 * in course whose called turn's deadline passed (SKIP LOCKED: never waits on
 * a session a request holds), lets the deadlines expire through the same motor
 * as the handlers (VENCE -> AUTO pick or AUSENTE and recall), writes, audits
 * and commits in one transaction per session, and rewrites its estado.json.
 * Runs as the master's background child (server_app.background). */
#ifndef SERUMS_ADJUDICACION_RELOJ_H
#define SERUMS_ADJUDICACION_RELOJ_H
#include "servicio.h"

/* One pass over the due sessions (at most `max`); how many advanced. */
int reloj_pasada(const servicio *s, int max);
/* The loop: a pass just after every whole second until SIGTERM. */
int reloj_run(const config *cfg);
#endif
