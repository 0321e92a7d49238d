/* notify.h - one worker's LISTEN/NOTIFY hub on its own database connection.
 * Modules subscribe to a channel with two callbacks: one per message, and one
 * when a new database session starts listening (it heard nothing before:
 * forget or reload). notify_poll() reads what has arrived with
 * PQconsumeInput only (no query), so it can run on every request. Every
 * module listening on the worker's connection goes through the hub: one that
 * read PQnotifies itself would swallow the others' messages. */
#ifndef SERUMS_NOTIFY_H
#define SERUMS_NOTIFY_H
#include "db.h"
#include <stdbool.h>

typedef struct notify_hub notify_hub;
typedef void (*notify_message_fn)(void *ctx, const char *payload);
/* false: the subscriber could not catch up; the next poll listens and asks again. */
typedef bool (*notify_session_fn)(void *ctx);

notify_hub *notify_hub_new(void);
void notify_hub_free(notify_hub *h);
/* *slot, created on first use (the worker's hub lives in worker_ctx); NULL
 * when out of memory. */
notify_hub *notify_hub_get(notify_hub **slot);
/* Subscribes once per channel (a second call for the same channel is a
 * no-op returning true). channel: a constant identifier [a-z_]. */
bool notify_subscribe(notify_hub *h, const char *channel, notify_message_fn on_message,
                      notify_session_fn on_session, void *ctx);
/* Listens on every channel of a new session (calling on_session after the
 * LISTEN, so nothing falls in between), then delivers what arrived. false
 * when there is no usable idle session (nothing delivered). */
bool notify_poll(notify_hub *h, db *d);
#endif
