/* documento.c - DNI check digit, Carné de Extranjería format and the date
 * rules of registration (see documento.h). Pure. */
#include "documento.h"
#include "lima.h"
#include "timeutil.h"
#include <ctype.h>
#include <string.h>

static const int DNI_PESOS[8] = {3, 2, 7, 6, 5, 4, 3, 2};

static bool solo_digitos(const char *s, size_t n)
{
    if (!s || strlen(s) != n) return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i])) return false;
    return true;
}

bool dni_digitos_verificacion(const char *dni, char *numero, char *letra)
{
    if (!solo_digitos(dni, 8)) return false;
    int suma = 0;
    for (int i = 0; i < 8; i++) suma += (dni[i] - '0') * DNI_PESOS[i];
    int c = suma % 11;
    *numero = "65432110987"[c];
    *letra = "KJIHGFEDCBA"[c];
    return true;
}

bool dni_digito_valido(const char *dni, const char *digito)
{
    char numero, letra;
    if (!digito || strlen(digito) != 1 || !dni_digitos_verificacion(dni, &numero, &letra)) return false;
    char d = (char)toupper((unsigned char)digito[0]);
    return d == numero || d == letra;
}

void documento_hoy_lima(time_t t, char out[11]) { lima_formato(t, "%Y-%m-%d", out, 11); }

int documento_edad(const char *nacimiento, const char *hoy)
{
    int ny, nm, nd, hy, hm, hd;
    if (date_parse(nacimiento, &ny, &nm, &nd) || date_parse(hoy, &hy, &hm, &hd)) return -1;
    int edad = hy - ny;
    if (hm < nm || (hm == nm && hd < nd)) edad--;
    return edad;
}

/* Carné de Extranjería and SUNEDU numbers: letters and digits only. */
static bool alfanumerico(const char *s, size_t min, size_t max)
{
    size_t n = s ? strlen(s) : 0;
    if (n < min || n > max) return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]) && !isupper((unsigned char)s[i])) return false;
    return true;
}

static void validar_numero(const documento_datos *d, verr *e)
{
    bool dni = !strcmp(d->tipo, "DNI");
    if (dni && !solo_digitos(d->numero, 8))
        verr_add(e, "numero_documento", "FORMATO_INVALIDO", "El DNI tiene exactamente 8 dígitos.");
    else if (!dni && !alfanumerico(d->numero, 6, 12))
        verr_add(e, "numero_documento", "FORMATO_INVALIDO",
                 "El Carné de Extranjería tiene de 6 a 12 caracteres (dígitos y letras mayúsculas).");
    else if (dni && !d->digito)
        verr_add(e, "digito_verificacion", "REQUERIDO",
                 "Indique el dígito de verificación impreso en su DNI.");
    else if (dni && !dni_digito_valido(d->numero, d->digito))
        verr_add(e, "digito_verificacion", "DIGITO_INVALIDO",
                 "El dígito de verificación no corresponde al número de DNI.");
    if (!dni && d->digito)
        verr_add(e, "digito_verificacion", "NO_APLICA",
                 "El Carné de Extranjería no tiene dígito de verificación.");
    if (dni && d->numero_sunedu)
        verr_add(e, "numero_documento_sunedu", "NO_APLICA", "Solo se indica con Carné de Extranjería.");
    if (!dni && d->numero_sunedu && !alfanumerico(d->numero_sunedu, 5, 20))
        verr_add(e, "numero_documento_sunedu", "FORMATO_INVALIDO",
                 "De 5 a 20 caracteres (dígitos y letras mayúsculas).");
}

static void validar_fechas(const documento_datos *d, const char *hoy, verr *e)
{
    const char *nac = d->fecha_nacimiento, *emi = d->fecha_emision;
    if (nac) {
        if (strcmp(nac, "1900-01-01") < 0)
            verr_add(e, "fecha_nacimiento", "FUERA_DE_RANGO", "La fecha de nacimiento no es plausible.");
        else if (strcmp(nac, hoy) > 0)
            verr_add(e, "fecha_nacimiento", "FECHA_FUTURA", "La fecha de nacimiento no puede ser futura.");
        else if (documento_edad(nac, hoy) < 18)
            verr_add(e, "fecha_nacimiento", "MENOR_DE_EDAD", "Debe tener 18 años o más.");
    }
    if (!strcmp(d->tipo, "DNI") && !emi)
        verr_add(e, "fecha_emision", "REQUERIDO", "Indique la fecha de emisión impresa en su DNI.");
    if (emi) {
        if (strcmp(emi, hoy) > 0)
            verr_add(e, "fecha_emision", "FECHA_FUTURA", "La fecha de emisión no puede ser futura.");
        else if (nac && strcmp(emi, nac) <= 0)
            verr_add(e, "fecha_emision", "ANTERIOR_AL_NACIMIENTO",
                     "La fecha de emisión debe ser posterior a la de nacimiento.");
    }
}

void documento_validar(const documento_datos *d, const char *hoy, verr *e)
{
    if (!d->tipo) return; /* the reader already reported tipo_documento */
    if (d->numero) validar_numero(d, e);
    validar_fechas(d, hoy, e);
}
