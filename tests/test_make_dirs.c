/* gfx_make_dirs: mkdir -p with a record of what it created (mode 0777 less
 * the umask), refusing a component that is not a directory and leaving
 * nothing then; gfx_made_dirs_undo removes only what it created, deepest
 * first, and only while empty. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

int main(void)
{
    if (check_temp_dir("glyphfx-makedirs"))
        return 1;
    umask(022);
    gfx_made_dirs made;
    char err[1024];

    /* three levels, then taken back */
    CHECK(gfx_make_dirs(check_at("a/b/c/"), &made, err, sizeof err) == 0, "make a/b/c: %s", err);
    CHECK(is_dir(check_at("a/b/c")) && made.n == 3, "a/b/c: made %d", made.n);
    struct stat st;
    CHECK(stat(check_at("a/b/c"), &st) == 0 && (st.st_mode & 0777) == 0755, "mode %o, expected 755",
          (unsigned)(st.st_mode & 0777));
    gfx_made_dirs_undo(&made);
    CHECK(!exists(check_at("a")) && made.n == 0, "undo left a");

    /* an existing directory: nothing made, nothing undone */
    CHECK(mkdir(check_at("keep"), 0755) == 0, "mkdir keep");
    CHECK(gfx_make_dirs(check_at("keep"), &made, err, sizeof err) == 0 && made.n == 0,
          "existing: %d", made.n);
    gfx_made_dirs_undo(&made);
    CHECK(is_dir(check_at("keep")), "undo removed a directory it did not make");

    /* only the missing part is made, and only it is undone; a file in it stops the undo */
    CHECK(gfx_make_dirs(check_at("keep/x//y"), &made, err, sizeof err) == 0 && made.n == 2,
          "keep/x/y: %d (%s)", made.n, err);
    FILE *f = fopen(check_at("keep/x/y/frame.png"), "w");
    CHECK(f && fclose(f) == 0, "write a file");
    gfx_made_dirs_undo(&made);
    CHECK(is_dir(check_at("keep/x/y")), "undo removed a directory that was not empty");
    unlink(check_at("keep/x/y/frame.png"));
    CHECK(gfx_make_dirs(check_at("keep/x/y"), &made, err, sizeof err) == 0 && made.n == 0, "again");
    rmdir(check_at("keep/x/y"));
    rmdir(check_at("keep/x"));

    /* a file in the way, at the end or in the middle: refused, nothing left */
    f = fopen(check_at("file"), "w");
    CHECK(f && fclose(f) == 0, "write file");
    errno = 0;
    CHECK(gfx_make_dirs(check_at("file"), &made, err, sizeof err) < 0 && errno == ENOTDIR &&
              strstr(err, "file: exists and is not a directory"),
          "a file: errno %d, '%s'", errno, err);
    CHECK(gfx_make_dirs(check_at("n/file/deeper"), &made, err, sizeof err) == 0 && made.n == 3,
          "n/file/deeper is fine (n is new)");
    gfx_made_dirs_undo(&made);
    errno = 0;
    CHECK(gfx_make_dirs(check_at("file/deeper"), &made, err, sizeof err) < 0 && errno == ENOTDIR,
          "under a file: errno %d, '%s'", errno, err);
    CHECK(mkdir(check_at("m"), 0755) == 0, "mkdir m");
    f = fopen(check_at("m/f"), "w");
    CHECK(f && fclose(f) == 0, "write m/f");
    CHECK(gfx_make_dirs(check_at("m/new/f2"), &made, err, sizeof err) == 0, "m/new/f2");
    gfx_made_dirs_undo(&made);
    CHECK(gfx_make_dirs(check_at("m/f/x"), &made, err, sizeof err) < 0 &&
              !exists(check_at("m/f/x")),
          "m/f/x");
    CHECK(!exists(check_at("n")) && !exists(check_at("m/new")), "a refused make left directories");

    /* a directory it may not write: the system's reason, nothing left */
    if (geteuid() != 0) {
        CHECK(mkdir(check_at("ro"), 0555) == 0, "mkdir ro");
        errno = 0;
        CHECK(gfx_make_dirs(check_at("ro/a/b"), &made, err, sizeof err) < 0 && errno == EACCES &&
                  strstr(err, "cannot create the directory"),
              "read-only: errno %d, '%s'", errno, err);
        rmdir(check_at("ro"));
    }
    CHECK(gfx_make_dirs("", &made, err, sizeof err) < 0 && errno == EINVAL, "empty path");

    unlink(check_at("m/f"));
    rmdir(check_at("m"));
    unlink(check_at("file"));
    rmdir(check_at("keep"));
    CHECK(rmdir(check_dir) == 0, "left files in %s", check_dir);
    if (!check_failures)
        printf("test_make_dirs: ok\n");
    return CHECK_EXIT_STATUS();
}
