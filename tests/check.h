/* The assertion of the plain test programs: a failed CHECK prints where and
 * why, counts, and lets the test go on to report every failure; main returns
 * CHECK_EXIT_STATUS(). */
#ifndef GFX_TEST_CHECK_H
#define GFX_TEST_CHECK_H

#include <stdio.h>

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

#endif
