/* user.c - `serumsd user create --role admin|diresa [--diresa CODE] --email
 * EMAIL`, the password read from standard input (one line): staff accounts
 * through the service api/auth_personal.c. */
#include "auth_personal.h"
#include "cmd.h"
#include "email.h"
#include "password.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: serumsd user create --role admin|diresa [--diresa CODE] --email EMAIL\n"
                    "       (the password is read from standard input, one line)\n");
    return 2;
}

/* One line from stdin without its newline; NULL on EOF. */
static char *read_password_line(char *buf, size_t len)
{
    if (!fgets(buf, (int)len, stdin)) return NULL;
    buf[strcspn(buf, "\r\n")] = '\0';
    return buf;
}

typedef struct args {
    const char *rol, *diresa, *email;
} args;

static int parse(int argc, char **argv, args *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 3; i < argc; i += 2) {
        if (i + 1 >= argc) return -1;
        if (!strcmp(argv[i], "--role")) a->rol = argv[i + 1];
        else if (!strcmp(argv[i], "--diresa")) a->diresa = argv[i + 1];
        else if (!strcmp(argv[i], "--email")) a->email = argv[i + 1];
        else return -1;
    }
    if (!a->rol || !a->email) return -1;
    if (strcmp(a->rol, "admin") && strcmp(a->rol, "diresa")) return -1;
    if (!strcmp(a->rol, "diresa") != (a->diresa != NULL)) return -1;
    return 0;
}

static int create(const config *cfg, const args *a, const char *email, const char *pw)
{
    cmd_sesion c;
    if (!cmd_abrir(&c, cfg, "user")) return 1;
    personal_estado made = auth_personal_crear(&c.s, email, pw, a->rol, a->diresa, "usuario.crear");
    if (made == PERSONAL_CREADO) printf("user: created %s (%s)\n", email, a->rol);
    else if (made == PERSONAL_EXISTE) fprintf(stderr, "user: %s already exists\n", email);
    else fprintf(stderr, "user: could not create %s (see the log)\n", email);
    cmd_cerrar(&c);
    return made == PERSONAL_CREADO ? 0 : 1;
}

int cmd_user(const config *cfg, int argc, char **argv)
{
    args a;
    if (argc < 3 || strcmp(argv[2], "create") != 0 || parse(argc, argv, &a) != 0) return usage();
    arena ar;
    arena_init(&ar, 1024);
    const char *email = email_normalizar(&ar, a.email);
    char pw[512];
    int rc = 1;
    const char *msg = NULL, *bad = NULL;
    if (!email) fprintf(stderr, "user: invalid email\n");
    else if (!read_password_line(pw, sizeof pw)) fprintf(stderr, "user: no password on standard input\n");
    else if ((bad = password_policy(pw, email, NULL, &msg))) fprintf(stderr, "user: %s (%s)\n", msg, bad);
    else rc = create(cfg, &a, email, pw);
    sodium_memzero(pw, sizeof pw);
    arena_free(&ar);
    return rc;
}
