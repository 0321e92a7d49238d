/* smtp_sink.h - development/test SMTP server that stores every message it
 * receives as a file under a directory (var/mail/) so people and tests can
 * read codes and links. Never used in production. */
#ifndef SERUMS_SMTP_SINK_H
#define SERUMS_SMTP_SINK_H

int smtp_sink_run(const char *listen_host, int port, const char *dir);
#endif
