/* signals.h - signal setup for child processes (workers, mailer): the
 * master blocks everything before forking; a child installs its stop handler
 * (no SA_RESTART, so blocking calls return), ignores SIGPIPE/SIGHUP and
 * unblocks. */
#ifndef SERUMS_SIGNALS_H
#define SERUMS_SIGNALS_H

void signals_on_term(void (*handler)(int));
#endif
