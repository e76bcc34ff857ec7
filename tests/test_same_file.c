/* gfx_same_file: paths compared by file identity, not by name: the same
 * file under another spelling, through a symlink or a hard link is the same;
 * a file not yet written is the same as another such path only when both
 * name one entry of one directory. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

int main(void)
{
    if (check_temp_dir("glyphfx-samefile"))
        return 1;
    FILE *f = fopen(check_at("song.mp3"), "w");
    CHECK(f && fputs("song", f) >= 0 && fclose(f) == 0, "write song.mp3");
    f = fopen(check_at("other.mp3"), "w");
    CHECK(f && fputs("song", f) >= 0 && fclose(f) == 0, "write other.mp3");
    CHECK(mkdir(check_at("sub"), 0755) == 0, "mkdir sub");
    CHECK(symlink("song.mp3", check_at("link.mp3")) == 0, "symlink: %s", strerror(errno));
    CHECK(link(check_at("song.mp3"), check_at("hard.mp3")) == 0, "link: %s", strerror(errno));

    CHECK(gfx_same_file(check_at("song.mp3"), check_at("song.mp3")), "a file is itself");
    CHECK(gfx_same_file(check_at("song.mp3"), check_at("sub/../song.mp3")), "another spelling");
    CHECK(gfx_same_file(check_at("song.mp3"), check_at("./song.mp3")), "another spelling (./)");
    CHECK(gfx_same_file(check_at("link.mp3"), check_at("song.mp3")), "a symlink to the file");
    CHECK(gfx_same_file(check_at("song.mp3"), check_at("hard.mp3")), "a hard link to the file");
    CHECK(!gfx_same_file(check_at("song.mp3"), check_at("other.mp3")), "same bytes, another file");
    CHECK(!gfx_same_file(check_at("song.mp3"), check_at("song.mp4")), "an output not yet written");
    CHECK(!gfx_same_file(check_at("song.mp3"), check_at("sub")), "a directory");
    /* neither exists yet: the same entry of the same directory, or not */
    CHECK(gfx_same_file(check_at("new.mp4"), check_at("sub/../new.mp4")),
          "a new name, spelt twice");
    CHECK(gfx_same_file(check_at("new.mp4"), check_at("sub/../new.mp4/")),
          "a new name with a slash");
    CHECK(!gfx_same_file(check_at("new.mp4"), check_at("sub/new.mp4")),
          "a new name in another directory");
    CHECK(!gfx_same_file(check_at("new.mp4"), check_at("new2.mp4")), "another new name");
    /* relative paths resolve from the working directory */
    CHECK(chdir(check_dir) == 0, "chdir");
    CHECK(gfx_same_file("song.mp3", check_at("song.mp3")), "relative and absolute");
    CHECK(gfx_same_file("new.mp4", check_at("new.mp4")), "relative and absolute, not yet written");
    CHECK(!gfx_same_file("", "song.mp3"), "an empty path");

    const char *names[] = {"song.mp3", "other.mp3", "link.mp3", "hard.mp3"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        unlink(check_at(names[i]));
    rmdir(check_at("sub"));
    CHECK(rmdir(check_dir) == 0, "left files in %s", check_dir);
    if (!check_failures)
        printf("test_same_file: ok\n");
    return CHECK_EXIT_STATUS();
}
