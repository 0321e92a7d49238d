/* auth_personal.h - the staff-account service: admin and DIRESA accounts are
 * created by `serumsd user create` and by the development seed (cmd/), never
 * over HTTP. */
#ifndef SERUMS_AUTH_PERSONAL_H
#define SERUMS_AUTH_PERSONAL_H
#include "servicio.h"

typedef enum personal_estado { PERSONAL_CREADO, PERSONAL_EXISTE, PERSONAL_ERROR } personal_estado;

/* Creates the account (password hashed, history started, audited as
 * `accion` by the system); PERSONAL_EXISTE when the email is taken;
 * PERSONAL_ERROR when hashing or the database failed. */
personal_estado auth_personal_crear(const servicio *s, const char *email, const char *password, const char *rol,
                                    const char *diresa, const char *accion);
/* 1 when an account has this email, 0 when none, -1 on a database failure. */
int auth_usuario_existe(const servicio *s, const char *email);
#endif
