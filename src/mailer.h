/* mailer.h - delivers the email outbox over SMTP (libcurl) with retries and
 * backoff; a message is never dropped, only retried until it goes out. */
#ifndef SERUMS_MAILER_H
#define SERUMS_MAILER_H
#include "config.h"

int mailer_run(const config *cfg);        /* loops until SIGTERM */
int mailer_drain_once(const config *cfg); /* one pass; returns messages sent or -1 */
#endif
