/* it_auth.c - account helpers for integration tests (placeholder until the
 * accounts module lands: every call fails the test that makes it). */
#include "it.h"

char *it_login(const char *email, const char *password)
{
    (void)email;
    (void)password;
    cr_assert_fail("it_login: accounts are not implemented yet");
    return NULL;
}

char *it_new_postulante(char **email_out)
{
    (void)email_out;
    cr_assert_fail("it_new_postulante: accounts are not implemented yet");
    return NULL;
}
