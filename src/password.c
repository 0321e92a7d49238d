/* password.c - password policy and argon2id hashing (see password.h). The
 * common-password list holds the most used passwords of 8+ characters in
 * public breach corpora plus Spanish and Peruvian favourites; shorter ones
 * already fail the length rule. */
#include "password.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const COMMON[] = {
    "12345678",      "123456789",      "1234567890",   "12345678910", "123123123",     "11111111",
    "00000000",      "1q2w3e4r",       "1q2w3e4r5t",   "1qaz2wsx",    "1qazxsw2",      "zaq12wsx",
    "qwertyui",      "qwertyuiop",     "qwerty123",    "qwerty1234",  "password",      "password1",
    "password12",    "password123",    "passw0rd",     "p@ssw0rd",    "p@ssword",      "pa$$w0rd",
    "iloveyou",      "iloveyou1",      "sunshine",     "princess",    "football",      "baseball",
    "welcome1",      "welcome123",     "abc12345",     "abcd1234",    "abcdefgh",      "asdfghjk",
    "asdfghjkl",     "zxcvbnm1",       "zxcvbnm123",   "trustno1",    "superman",      "batman123",
    "starwars",      "whatever",       "letmein1",     "letmein123",  "dragon123",     "monkey123",
    "master123",     "michael1",       "jennifer",     "computer",    "internet",      "corvette",
    "mercedes",      "jordan23",       "liverpool",    "chelsea1",    "arsenal1",      "barcelona",
    "realmadrid",    "cristiano",      "ronaldo7",     "messi123",    "mustang1",      "shadow12",
    "charlie1",      "freedom1",       "pokemon1",     "naruto123",   "12qwaszx",      "q1w2e3r4",
    "q1w2e3r4t5",    "a1b2c3d4",       "aa123456",     "qazwsxedc",   "987654321",     "87654321",
    "11223344",      "12341234",       "12121212",     "11112222",    "99999999",      "88888888",
    "77777777",      "66666666",       "55555555",     "44444444",    "33333333",      "22222222",
    "123654789",     "147258369",      "159753456",    "741852963",   "789456123",     "123456789a",
    "123456abc",     "abc123456",      "admin123",     "admin1234",   "administrator", "changeme",
    "changeme1",     "default1",       "secret123",    "contraseña",  "contrasena",    "contrasena1",
    "contraseña1",   "contrasena123",  "micontraseña", "teamo123",    "teamo1234",     "tequiero",
    "tequiero1",     "teextraño",      "amorcito",     "amorcito1",   "corazon1",      "princesa",
    "princesa1",     "mariposa",       "mariposa1",    "estrella",    "estrella1",     "chocolate",
    "chocolate1",    "familia1",       "familia123",   "futbol123",   "alianza1",      "alianzalima",
    "universitario", "cristal1",       "sporting",     "peru2024",    "peru2025",      "peru2026",
    "peru1234",      "perucampeon",    "lima1234",     "limaperu",    "arequipa",      "cusco123",
    "trujillo",      "chiclayo",       "minsa123",     "minsa2025",   "minsa2026",     "serums123",
    "serums2025",    "serums2026",     "medicina",     "medicina1",   "medicina123",   "enfermera",
    "enfermeria",    "enfermeria1",    "obstetricia",  "odontologia", "doctor123",     "salud123",
    "hospital",      "hospital1",      "bienvenido",   "bienvenido1", "holahola",      "hola1234",
    "hola12345",     "dios1234",       "diosesamor",   "jesus123",    "jesucristo",    "angelito",
    "maria123",      "mariadelcarmen", "carlos123",    "jose1234",    "juan1234",      "luis1234",
    "qwerty12",      "asdf1234",       "zxcv1234",     "1234qwer",    "1234abcd",      "abcd12345",
    "password!",     "Passw0rd!",      "welcome!",     "summer2024",  "summer2025",    "winter2025",
    "spring2025",    "autumn2025",
};

bool password_is_common(const char *pw)
{
    for (size_t i = 0; i < sizeof COMMON / sizeof COMMON[0]; i++)
        if (!strcasecmp(pw, COMMON[i])) return true;
    return false;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The same string ignoring ASCII case (emails and document numbers). */
static bool same_text(const char *a, const char *b) { return a && b && *b && !strcasecmp(a, b); }

static bool same_as_email_user(const char *pw, const char *email)
{
    const char *at = email ? strchr(email, '@') : NULL;
    return at && (size_t)(at - email) == strlen(pw) && !strncasecmp(pw, email, (size_t)(at - email));
}

const char *password_policy(const char *pw, const char *email, const char *documento, const char **message)
{
    size_t n = utf8_chars(pw);
    if (n < PASSWORD_MIN || n > PASSWORD_MAX) {
        *message = "La contraseña debe tener entre 8 y 128 caracteres.";
        return "LONGITUD_INVALIDA";
    }
    if (password_is_common(pw)) {
        *message = "Esa contraseña es demasiado común; elija otra.";
        return "PASSWORD_COMUN";
    }
    if (same_text(pw, email) || same_as_email_user(pw, email)) {
        *message = "La contraseña no puede ser su correo electrónico.";
        return "PASSWORD_IGUAL_EMAIL";
    }
    if (same_text(pw, documento)) {
        *message = "La contraseña no puede ser su número de documento.";
        return "PASSWORD_IGUAL_DOCUMENTO";
    }
    *message = NULL;
    return NULL;
}

int password_hash(const char *pw, password_cost cost, char out[PASSWORD_HASH_MAX])
{
    return crypto_pwhash_str_alg(out, pw, strlen(pw), cost.ops, cost.mem_bytes,
                                 crypto_pwhash_ALG_ARGON2ID13) == 0
               ? 0
               : -1;
}

bool password_verify(const char *hash, const char *pw)
{
    if (!hash || strncmp(hash, "$argon2id$", 10) != 0) return false;
    return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

void password_dummy_verify(const char *pw, password_cost cost)
{
    char sink[PASSWORD_HASH_MAX];
    (void)password_hash(pw, cost, sink);
    sodium_memzero(sink, sizeof sink);
}

bool password_needs_rehash(const char *hash, password_cost cost)
{
    return crypto_pwhash_str_needs_rehash(hash, cost.ops, cost.mem_bytes) != 0;
}
