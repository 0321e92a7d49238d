/* it_inscripcion_datos.h - valid section bodies shared by the inscription
 * integration tests (an Obstetricia graduate applying to GERESA Cusco) and
 * small path helpers. */
#ifndef SERUMS_IT_INSCRIPCION_DATOS_H
#define SERUMS_IT_INSCRIPCION_DATOS_H
#include "it.h"
#include "it_pdf.h"
#include <stdarg.h>
#include <stdio.h>

#define IT_PERSONALES                                                                                         \
    "{\"pais_nacimiento\":\"PE\",\"ubigeo_residencia\":\"150101\",\"direccion\":\"Jr. Áncash 455, Cercado\"," \
    "\"estado_civil\":\"SOLTERO\",\"celular\":\"987654321\",\"telefono_fijo\":\"014267890\","                 \
    "\"contacto_emergencia_nombre\":\"Rosa Mamani\",\"contacto_emergencia_celular\":\"912345678\","           \
    "\"licenciado_ffaa\":false,\"discapacidad\":false}"

#define IT_PROF_OBSTETRICIA                                                                                   \
    "{\"pais_universidad\":\"PE\",\"universidad\":\"Universidad Nacional de San Antonio Abad del Cusco\","    \
    "\"profesion\":\"OBSTETRICIA\",\"numero_colegiatura\":\"27891\",\"fecha_titulacion\":\"2025-12-15\","      \
    "\"nota_ppp\":15.75,\"nota_adjudicacion\":\"EXAMEN_NACIONAL\"}"

#define IT_POST_CUSCO                                                                                         \
    "{\"convalida_servicer\":false,\"pensionista_estado\":false,\"trabajador_estado\":false,\"docente\":false," \
    "\"diresa\":\"CUSCO\",\"modalidad\":\"REMUNERADA\",\"regimen_pensionario\":\"AFP\","                      \
    "\"comprobante_numero\":\"B001-004512\",\"comprobante_fecha\":\"2026-01-10\"}"

#define IT_DECLARACION "{\"acepta\":true}"

/* printf into a static buffer: one path at a time. */
static inline const char *itp(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline const char *itp(const char *fmt, ...)
{
    static char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}

/* PUTs a section and asserts the status. */
static inline void it_seccion(const char *id, const char *token, const char *seccion, const char *body, long want)
{
    it_resp *r = it_put(itp("/v1/inscripciones/%s/%s", id, seccion), token, body);
    cr_assert_eq(r->status, want, "PUT %s: %ld %s", seccion, r->status, r->body ? r->body : "");
    it_free(r);
}

/* Uploads a valid PDF of `size` bytes and asserts the status. */
static inline void it_documento(const char *id, const char *token, const char *tipo, size_t size, long want)
{
    unsigned char *pdf = it_pdf_make(size, (unsigned)size);
    cr_assert(pdf);
    it_resp *r = it_put_bytes(itp("/v1/inscripciones/%s/documentos/%s", id, tipo), token, "application/pdf", pdf, size);
    cr_assert_eq(r->status, want, "PUT documento %s: %ld %s", tipo, r->status, r->body ? r->body : "");
    it_free(r);
    free(pdf);
}
#endif
