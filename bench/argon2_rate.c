/* argon2_rate.c - how many argon2id verifications one core does per second at
 * the configured cost (SERUMS_PWHASH_OPS / SERUMS_PWHASH_MEM_KIB), and the
 * resulting bound on logins per second for this machine (x cores): the
 * figure bench/auth.sh compares the measured login rate with.
 * Usage: argon2_rate [SECONDS]   (default 3) */
#include "config.h"
#include "password.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

int main(int argc, char **argv)
{
    if (sodium_init() < 0) return 1;
    config cfg;
    char err[256];
    if (config_load(&cfg, err, sizeof err) != 0) { fprintf(stderr, "%s\n", err); return 1; }
    password_cost cost = {(unsigned long long)cfg.pwhash_ops, (size_t)cfg.pwhash_mem_kib * 1024u};
    double limit = argc > 1 ? atof(argv[1]) : 3.0;
    char hash[PASSWORD_HASH_MAX];
    if (password_hash("bench-password-0123", cost, hash) != 0) return 1;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long n = 0;
    double el;
    do {
        if (!password_verify(hash, "bench-password-0123")) return 1;
        n++;
    } while ((el = seconds_since(&t0)) < limit);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    double per_core = (double)n / el;
    printf("argon2id t=%d m=%d KiB: %.1f verifications/s per core (%.1f ms each); %ld cores: bound %.1f logins/s\n",
           cfg.pwhash_ops, cfg.pwhash_mem_kib, per_core, 1000.0 / per_core, cores, per_core * (double)cores);
    return 0;
}
