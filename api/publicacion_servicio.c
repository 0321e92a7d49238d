/* publicacion_servicio.c - numbering, rendering, storing, auditing and
 * writing the files of one published list version (see
 * publicacion_servicio.h). SQL: sql/publicaciones.sql. */
#include "publicacion_servicio.h"
#include "db.h"
#include "log.h"
#include "sql_gen.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The result's cells in the tipo's column order (by name); NULL when a
 * column is missing from the SQL (a programming error: 500). */
static const char **celdas(arena *a, const pub_tipo *t, const PGresult *filas)
{
    int n = PQntuples(filas);
    int col[32];
    if (t->n_columnas > 32) return NULL;
    for (size_t c = 0; c < t->n_columnas; c++)
        if ((col[c] = PQfnumber(filas, t->columnas[c].nombre)) < 0) return NULL;
    const char **out = arena_alloc(a, ((size_t)n * t->n_columnas + 1) * sizeof *out);
    if (!out) return NULL;
    for (int f = 0; f < n; f++)
        for (size_t c = 0; c < t->n_columnas; c++)
            out[(size_t)f * t->n_columnas + c] = PQgetisnull(filas, f, col[c]) ? NULL
                                                                               : PQgetvalue(filas, f, col[c]);
    return out;
}

pub_estado publicacion_guardar(const servicio *s, const char *conv, const pub_tipo *t, const PGresult *filas,
                               pub_publicada *out)
{
    const char **c = celdas(s->a, t, filas);
    if (!c) return PUB_FILAS_INVALIDAS;
    return publicacion_guardar_celdas(s, conv, t, (size_t)PQntuples(filas), c, out);
}

pub_estado publicacion_guardar_celdas(const servicio *s, const char *conv, const pub_tipo *t, size_t n_filas,
                                      const char *const *c, pub_publicada *out)
{
    PGresult *prep = db_exec(s->db, s->a, &SQL_publicacion_preparar, 2, (const char *[]){conv, t->tipo});
    if (!prep) return PUB_ERROR_BD;
    if (PQntuples(prep) == 0) return PUB_SIN_CONVOCATORIA;
    memset(out, 0, sizeof *out);
    out->convocatoria_id = conv;
    out->tipo = t;
    out->version = atol(db_field(prep, 0, "version"));
    out->publicado_at = servicio_ahora(s);
    out->filas = n_filas;
    pub_version v = {db_field(prep, 0, "codigo"), t, out->version, out->publicado_at, out->filas, c};
    if (pub_render(s->a, &v, &out->csv, &out->json) != 0) return PUB_FILAS_INVALIDAS;
    const char *version = arena_printf(s->a, "%ld", out->version), *n = arena_printf(s->a, "%zu", out->filas);
    const char *p[] = {conv, t->tipo,         version,          out->publicado_at, s->actor,
                       n,    out->csv.sha256, out->json.sha256, out->csv.datos,    out->json.datos};
    PGresult *ins = db_exec(s->db, s->a, &SQL_publicacion_insertar, 10, p);
    const char *despues = arena_printf(s->a,
                                       "{\"convocatoria_id\":%s,\"tipo\":\"%s\",\"version\":%s,\"filas\":%s,"
                                       "\"sha256\":\"%s\",\"sha256_json\":\"%s\"}",
                                       conv, t->tipo, version, n, out->csv.sha256, out->json.sha256);
    if (!ins ||
        !servicio_auditar(s, "publicacion.publicar", "publicacion", db_field(ins, 0, "id"), NULL, despues))
        return PUB_ERROR_BD;
    return PUB_HECHA;
}

static int mkdir_p(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        int rc = mkdir(path, 0755);
        *p = '/';
        if (rc != 0 && errno != EEXIST) return -1;
    }
    return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

/* Writes data to path through a temporary file and a rename. */
static int escribir(arena *a, const char *path, const char *data, size_t len)
{
    const char *tmp = arena_printf(a, "%s.tmp%d", path, (int)getpid());
    if (!tmp) return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return -1;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            close(fd);
            unlink(tmp);
            return -1;
        }
        off += (size_t)w;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

static void log_fallo(const char *ruta)
{
    char esc[512];
    log_escape(ruta ? ruta : "?", esc, sizeof esc);
    log_error("publicacion_archivo_fallido", "\"ruta\":\"%s\",\"errno\":%d", esc, errno);
}

int publicacion_escribir_archivos(const servicio *s, const pub_publicada *p)
{
    arena *a = s->a;
    char *dir = arena_printf(a, "%s/%s/%s", s->cfg->publicaciones_dir, p->convocatoria_id, p->tipo->tipo);
    if (!dir || mkdir_p(dir) != 0) {
        log_fallo(dir);
        return -1;
    }
    const struct {
        const char *nombre;
        const pub_archivo *a;
    } archivos[] = {
        {arena_printf(a, "%s/v%ld.csv", dir, p->version), &p->csv},
        {arena_printf(a, "%s/v%ld.json", dir, p->version), &p->json},
        {arena_printf(a, "%s.csv", dir), &p->csv},
        {arena_printf(a, "%s.json", dir), &p->json},
    };
    int rc = 0;
    for (size_t i = 0; i < sizeof archivos / sizeof archivos[0]; i++)
        if (!archivos[i].nombre ||
            escribir(a, archivos[i].nombre, archivos[i].a->datos, archivos[i].a->len) != 0) {
            log_fallo(archivos[i].nombre);
            rc = -1;
        }
    return rc;
}
