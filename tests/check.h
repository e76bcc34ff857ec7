/* The assertion of the plain test programs: a failed CHECK prints where and
 * why, counts, and lets the test go on to report every failure; main returns
 * CHECK_EXIT_STATUS(). */
#ifndef GFX_TEST_CHECK_H
#define GFX_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int check_failures;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            check_failures++;                                                                      \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                   \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK_EXIT_STATUS() (check_failures != 0)

/* A scratch directory for a test's files: check_temp_dir("glyphfx-name")
 * makes /tmp/glyphfx-name-XXXXXX, its path then in check_dir (0, or -1
 * after a line on stderr); check_at("x") is check_dir/x, in one of 8
 * buffers taken in turn, so one call may use a few. */
static char check_dir[256];

static inline int check_temp_dir(const char *prefix)
{
    snprintf(check_dir, sizeof check_dir, "/tmp/%s-XXXXXX", prefix);
    if (!mkdtemp(check_dir)) {
        perror("mkdtemp");
        return -1;
    }
    return 0;
}

static inline const char *check_at(const char *name)
{
    static char paths[8][512];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, sizeof paths[0], "%s/%s", check_dir, name);
    return p;
}

#endif
