/* A private temporary directory for harnesses whose parser reads a file:
 * created once per process under $TMPDIR, else /dev/shm, else /tmp (never
 * in the source tree), and removed at exit. Memory is preferred: on ext4,
 * replacing a file by truncation or rename flushes it, which made each run
 * of an input take milliseconds. */
#ifndef GFX_FUZZ_TMP_H
#define GFX_FUZZ_TMP_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char fuzz_tmp_dir[512];

static int fuzz_tmp_remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void fuzz_tmp_remove(void)
{
    if (fuzz_tmp_dir[0])
        nftw(fuzz_tmp_dir, fuzz_tmp_remove_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* The directory's path; aborts if it cannot be made. */
static const char *fuzz_tmp(void)
{
    if (!fuzz_tmp_dir[0]) {
        const char *base = getenv("TMPDIR");
        if (!base || !*base)
            base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(fuzz_tmp_dir, sizeof fuzz_tmp_dir, "%s/glyphfx-fuzz-XXXXXX", base);
        if (!mkdtemp(fuzz_tmp_dir)) {
            perror(fuzz_tmp_dir);
            abort();
        }
        atexit(fuzz_tmp_remove);
    }
    return fuzz_tmp_dir;
}

/* Replaces the file at path with the fuzzer's bytes. */
static void fuzz_tmp_write(const char *path, const unsigned char *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror(path);
        abort();
    }
}

#endif
