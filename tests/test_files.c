/* render/sys/files.h: atomic writes leave either the old file or the whole
 * new one and never a temporary; too-long names are refused, not cut; the
 * whole-file reader refuses big and non-regular files; FNV-1a matches the
 * published test vectors. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

static char dir[] = "/tmp/glyphfx-filestest-XXXXXX";

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* The file's text (static buffer), or "<missing>". */
static const char *read_text(const char *path)
{
    static char text[256];
    FILE *f = fopen(path, "r");
    if (!f)
        return "<missing>";
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    return text;
}

/* The names in `path`, sorted and joined by spaces (static buffer). */
static const char *listing(const char *path)
{
    static char out[4096];
    struct dirent **names;
    int n = scandir(path, &names, NULL, alphasort);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, "..")) {
            if (out[0])
                strncat(out, " ", sizeof out - strlen(out) - 1);
            strncat(out, names[i]->d_name, sizeof out - strlen(out) - 1);
        }
        free(names[i]);
    }
    if (n >= 0)
        free(names);
    return n < 0 ? "<unreadable>" : out;
}

static void test_fnv1a(void)
{
    CHECK(gfx_fnv1a64(GFX_FNV1A64_OFFSET, "", 0) == 0xcbf29ce484222325ull, "FNV-1a of \"\"");
    CHECK(gfx_fnv1a64(GFX_FNV1A64_OFFSET, "a", 1) == 0xaf63dc4c8601ec8cull,
          "FNV-1a of \"a\": %016llx", (unsigned long long)gfx_fnv1a64(GFX_FNV1A64_OFFSET, "a", 1));
    CHECK(gfx_fnv1a64(GFX_FNV1A64_OFFSET, "foobar", 6) == 0x85944171f73967e8ull,
          "FNV-1a of \"foobar\": %016llx",
          (unsigned long long)gfx_fnv1a64(GFX_FNV1A64_OFFSET, "foobar", 6));
    uint64_t h = gfx_fnv1a64(gfx_fnv1a64(GFX_FNV1A64_OFFSET, "foo", 3), "bar", 3);
    CHECK(h == 0x85944171f73967e8ull, "FNV-1a does not continue across calls");
    /* the audio cache's keys are values of the word hash: it must not change */
    const char *text = "0123456789abcdefXYZ";
    CHECK(gfx_hash64_words(GFX_FNV1A64_OFFSET, text, 19) == 0xaf6d82e0fa8645b0ull,
          "word hash changed: %016llx",
          (unsigned long long)gfx_hash64_words(GFX_FNV1A64_OFFSET, text, 19));
}

static void test_atomic_stream(void)
{
    char path[512], err[512];
    snprintf(path, sizeof path, "%s/stream/out.txt", dir);
    char sub[256];
    snprintf(sub, sizeof sub, "%s/stream", dir);
    mkdir(sub, 0755);
    write_text(path, "old");

    gfx_atomic a;
    CHECK(gfx_atomic_open(&a, path, GFX_ATOMIC_STREAM, err, sizeof err) == 0, "open: %s", err);
    fputs("new content", a.f);
    const char *slash = strrchr(a.tmp, '/');
    char expect[128];
    snprintf(expect, sizeof expect, ".%ld.", (long)getpid());
    CHECK(!strncmp(slash, "/.out.glyphfx-tmp.", 18) && strstr(slash, expect) &&
              !strcmp(a.tmp + strlen(a.tmp) - 4, ".txt"),
          "temporary name %s (expected .out.glyphfx-tmp.HOST.PID.XXXXXX.txt)", a.tmp);
    CHECK(!strcmp(read_text(path), "old"), "destination changed before commit");
    CHECK(gfx_atomic_commit(&a, 1, err, sizeof err) == 0, "commit: %s", err);
    CHECK(!strcmp(read_text(path), "new content"), "after commit: %s", read_text(path));
    CHECK(!strcmp(listing(sub), "out.txt"), "after commit the directory holds: %s", listing(sub));
    struct stat st; /* like fopen: 0666 less the umask (022 here), not mkstemp's 0600 */
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644, "mode %o", st.st_mode & 0777);
    CHECK(gfx_atomic_commit(&a, 0, err, sizeof err) < 0, "a second commit succeeded");

    CHECK(gfx_atomic_open(&a, path, GFX_ATOMIC_STREAM, err, sizeof err) == 0, "open: %s", err);
    fputs("never seen", a.f);
    gfx_atomic_abort(&a);
    gfx_atomic_abort(&a); /* twice is harmless */
    CHECK(!strcmp(read_text(path), "new content"), "abort changed the file: %s", read_text(path));
    CHECK(!strcmp(listing(sub), "out.txt"), "after abort the directory holds: %s", listing(sub));

    /* a name without an extension */
    snprintf(path, sizeof path, "%s/stream/plain", dir);
    CHECK(gfx_atomic_open(&a, path, GFX_ATOMIC_STREAM, err, sizeof err) == 0, "open: %s", err);
    CHECK(strstr(a.tmp, "/.plain.glyphfx-tmp.") && a.tmp[strlen(a.tmp) - 7] == '.',
          "temporary name %s", a.tmp);
    gfx_atomic_abort(&a);
    snprintf(path, sizeof path, "%s/", sub);
    CHECK(gfx_atomic_open(&a, path, GFX_ATOMIC_STREAM, err, sizeof err) < 0 && errno == EINVAL,
          "a file temporary for %s", path);
    CHECK(!strcmp(listing(sub), "out.txt"), "the directory holds: %s", listing(sub));
}

/* A write that fails (the file size limit) is reported by commit, and
 * leaves the old file and no temporary. */
static void test_atomic_write_error(void)
{
    char sub[256], path[600], err[512];
    snprintf(sub, sizeof sub, "%s/limited", dir);
    mkdir(sub, 0755);
    snprintf(path, sizeof path, "%s/big.bin", sub);
    write_text(path, "old");
    struct rlimit saved, small = {8192, 8192};
    getrlimit(RLIMIT_FSIZE, &saved);
    small.rlim_max = saved.rlim_max;
    signal(SIGXFSZ, SIG_IGN);
    gfx_atomic a;
    CHECK(gfx_atomic_open(&a, path, GFX_ATOMIC_STREAM, err, sizeof err) == 0, "open: %s", err);
    setrlimit(RLIMIT_FSIZE, &small);
    static char block[1 << 16];
    memset(block, 'x', sizeof block);
    fwrite(block, 1, sizeof block, a.f);
    err[0] = '\0';
    int rc = gfx_atomic_commit(&a, 0, err, sizeof err);
    setrlimit(RLIMIT_FSIZE, &saved);
    CHECK(rc < 0 && strstr(err, "big.bin: cannot write"), "a failed write committed: %d %s", rc,
          err);
    CHECK(!strcmp(read_text(path), "old"), "failed write changed the file");
    CHECK(!strcmp(listing(sub), "big.bin"), "failed write left: %s", listing(sub));
}

/* A child process writes the temporary path; commit renames it. */
static void test_atomic_path(void)
{
    char path[512], err[512], sub[256];
    snprintf(sub, sizeof sub, "%s/video", dir);
    mkdir(sub, 0755);
    snprintf(path, sizeof path, "%s/clip.mp4", sub);
    gfx_atomic a;
    CHECK(gfx_atomic_open(&a, path, GFX_ATOMIC_PATH, err, sizeof err) == 0, "open: %s", err);
    CHECK(a.f == NULL, "a stream for a child's path");
    CHECK(!strcmp(a.tmp + strlen(a.tmp) - 4, ".mp4"), "the temporary lost the extension: %s",
          a.tmp);
    struct stat st;
    CHECK(stat(a.tmp, &st) == 0 && st.st_size == 0, "the temporary was not reserved");
    write_text(a.tmp, "frames");
    CHECK(gfx_atomic_commit(&a, 0, err, sizeof err) == 0, "commit: %s", err);
    CHECK(!strcmp(read_text(path), "frames") && !strcmp(listing(sub), "clip.mp4"),
          "after commit: %s holds %s", path, listing(sub));
}

/* A staging directory: all files move in, or none stay. */
static void test_atomic_dir(void)
{
    char sub[256], err[512], file[5000];
    snprintf(sub, sizeof sub, "%s/frames", dir);
    mkdir(sub, 0755);
    snprintf(file, sizeof file, "%s/keep.txt", sub);
    write_text(file, "the user's");

    gfx_atomic a;
    CHECK(gfx_atomic_open(&a, sub, GFX_ATOMIC_DIR, err, sizeof err) == 0, "open: %s", err);
    for (int i = 0; i < 3; i++) {
        snprintf(file, sizeof file, "%s/f%d.png", a.tmp, i);
        write_text(file, "png");
    }
    CHECK(gfx_atomic_commit(&a, 0, err, sizeof err) == 0, "commit: %s", err);
    CHECK(!strcmp(listing(sub), "f0.png f1.png f2.png keep.txt"), "after commit: %s", listing(sub));

    /* a directory in the way of one name: the others are taken back */
    char blocked[512];
    snprintf(blocked, sizeof blocked, "%s/frames2", dir);
    mkdir(blocked, 0755);
    snprintf(file, sizeof file, "%s/g1.png", blocked);
    mkdir(file, 0755);
    snprintf(file, sizeof file, "%s/g1.png/inside", blocked);
    write_text(file, "x");
    CHECK(gfx_atomic_open(&a, blocked, GFX_ATOMIC_DIR, err, sizeof err) == 0, "open: %s", err);
    for (int i = 0; i < 3; i++) {
        snprintf(file, sizeof file, "%s/g%d.png", a.tmp, i);
        write_text(file, "png");
    }
    CHECK(gfx_atomic_commit(&a, 0, err, sizeof err) < 0 && strstr(err, "g1.png"),
          "commit over a directory: %s", err);
    CHECK(!strcmp(listing(blocked), "g1.png"), "a failed commit left: %s", listing(blocked));

    CHECK(gfx_atomic_open(&a, blocked, GFX_ATOMIC_DIR, err, sizeof err) == 0, "open: %s", err);
    snprintf(file, sizeof file, "%s/h.png", a.tmp);
    write_text(file, "png");
    gfx_atomic_abort(&a);
    CHECK(!strcmp(listing(blocked), "g1.png"), "abort left: %s", listing(blocked));
}

/* Paths too long for the temporary name are refused, and nothing is
 * created under a shortened name. */
static void test_too_long(void)
{
    char err[512];
    gfx_atomic a;
    size_t len = 5000;
    char *huge = malloc(len + 1);
    memset(huge, 'a', len);
    huge[len] = '\0';
    memcpy(huge, dir, strlen(dir));
    huge[strlen(dir)] = '/';
    CHECK(gfx_atomic_open(&a, huge, GFX_ATOMIC_STREAM, err, sizeof err) < 0 &&
              errno == ENAMETOOLONG && strstr(err, "too long"),
          "a %zu-byte path was accepted: %s", len, err);
    free(huge);

    /* A destination that fits GFX_FILE_PATH_MAX whose temporary does not:
     * nest directories until the path is a few bytes short of the limit. */
    char deep[GFX_FILE_PATH_MAX + 64];
    snprintf(deep, sizeof deep, "%s/deep", dir);
    mkdir(deep, 0755);
    char part[201];
    memset(part, 'd', 200);
    part[200] = '\0';
    while (strlen(deep) + 201 < GFX_FILE_PATH_MAX - 40) {
        strcat(deep, "/");
        strcat(deep, part);
        CHECK(mkdir(deep, 0755) == 0, "mkdir at depth %zu: %s", strlen(deep), strerror(errno));
    }
    char name[256];
    size_t room = GFX_FILE_PATH_MAX - 8 - strlen(deep) - 1; /* the path ends 8 bytes short */
    memset(name, 'n', room - 4);
    memcpy(name + room - 4, ".png", 5);
    char path[GFX_FILE_PATH_MAX + 320];
    snprintf(path, sizeof path, "%s/%s", deep, name);
    CHECK(strlen(path) < GFX_FILE_PATH_MAX, "test setup: %zu bytes", strlen(path));
    for (int kind = GFX_ATOMIC_STREAM; kind <= GFX_ATOMIC_PATH; kind++) {
        err[0] = '\0';
        CHECK(gfx_atomic_open(&a, path, (enum gfx_atomic_kind)kind, err, sizeof err) < 0 &&
                  errno == ENAMETOOLONG && strstr(err, "too long"),
              "kind %d: a path whose temporary cannot fit was accepted: %s", kind, err);
    }
    CHECK(!strcmp(listing(deep), ""), "a refused write left: %s", listing(deep));
    /* and a staging directory for a directory that long */
    strcat(deep, "/");
    memset(name, 'e', room - 1);
    name[room - 1] = '\0';
    strcat(deep, name);
    CHECK(mkdir(deep, 0755) == 0, "mkdir %zu bytes: %s", strlen(deep), strerror(errno));
    CHECK(gfx_atomic_open(&a, deep, GFX_ATOMIC_DIR, err, sizeof err) < 0 && errno == ENAMETOOLONG,
          "a staging directory that cannot fit was accepted: %s", err);
    CHECK(!strcmp(listing(deep), ""), "a refused staging directory left: %s", listing(deep));
}

static void test_read_file(void)
{
    char path[512], err[512];
    char *data = (char *)1;
    size_t size = 0;
    snprintf(path, sizeof path, "%s/ten.txt", dir);
    write_text(path, "0123456789");
    CHECK(gfx_read_file(path, 10, "test file", &data, &size, err, sizeof err) == 0, "read: %s",
          err);
    CHECK(data && size == 10 && !strcmp(data, "0123456789"), "read %zu bytes", size);
    free(data);
    CHECK(gfx_read_file(path, 9, "test file", &data, &size, err, sizeof err) < 0 && !data &&
              errno == EFBIG && strstr(err, "ten.txt") && strstr(err, "at most 9"),
          "an 10-byte file under a 9-byte cap: %s", err);
    CHECK(gfx_read_file(dir, 1 << 20, "test file", &data, &size, err, sizeof err) < 0 && !data &&
              strstr(err, "is a directory"),
          "a directory was read: %s", err);
    CHECK(gfx_read_file("/dev/zero", 1 << 20, "test file", &data, &size, err, sizeof err) < 0 &&
              !data && strstr(err, "not a regular file"),
          "/dev/zero was read: %s", err);
    snprintf(path, sizeof path, "%s/fifo", dir);
    if (mkfifo(path, 0600) == 0) /* must not wait for a writer */
        CHECK(gfx_read_file(path, 1 << 20, "test file", &data, &size, err, sizeof err) < 0,
              "a FIFO was read");
    snprintf(path, sizeof path, "%s/missing.txt", dir);
    CHECK(gfx_read_file(path, 1 << 20, "test file", &data, &size, err, sizeof err) < 0 &&
              errno == ENOENT && strstr(err, "cannot open test file"),
          "a missing file: %s", err);
    snprintf(path, sizeof path, "%s/empty.txt", dir);
    write_text(path, "");
    CHECK(gfx_read_file(path, 0, "test file", &data, NULL, err, sizeof err) == 0 && data &&
              data[0] == '\0',
          "an empty file: %s", err);
    free(data);
}

static void test_checksum(void)
{
    char path[512], err[512];
    snprintf(path, sizeof path, "%s/data.bin", dir);
    size_t n = 200003; /* three 64 KiB blocks and an odd tail */
    unsigned char *bytes = malloc(n);
    for (size_t i = 0; i < n; i++)
        bytes[i] = (unsigned char)(i * 7 + (i >> 9));
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(bytes, 1, n, f) == n && fclose(f) == 0, "write %s", path);
    uint64_t sum = 0;
    int64_t size = 0;
    CHECK(gfx_file_checksum(path, &sum, &size, err, sizeof err) == 0, "checksum: %s", err);
    CHECK(size == (int64_t)n && sum == gfx_fnv1a64(GFX_FNV1A64_OFFSET, bytes, n),
          "file checksum %016llx over %lld bytes is not FNV-1a of its bytes",
          (unsigned long long)sum, (long long)size);
    CHECK(gfx_file_hash(path, gfx_hash64_words, &sum, NULL, err, sizeof err) == 0 &&
              sum == gfx_hash64_words(GFX_FNV1A64_OFFSET, bytes, n),
          "the word hash of a file differs from the word hash of its bytes");
    free(bytes);
    snprintf(path, sizeof path, "%s/empty.txt", dir);
    CHECK(gfx_file_checksum(path, &sum, &size, err, sizeof err) == 0 && sum == GFX_FNV1A64_OFFSET &&
              size == 0,
          "empty file checksum");
    snprintf(path, sizeof path, "%s/missing.txt", dir);
    CHECK(gfx_file_checksum(path, &sum, &size, err, sizeof err) < 0 && errno == ENOENT &&
              strstr(err, "missing.txt"),
          "checksum of a missing file: %s", err);
}

/* A pid that was ours and is no more. */
static pid_t dead_pid(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    waitpid(pid, NULL, 0);
    return pid;
}

/* The host field of a temporary this process makes in `sub` (static). */
static const char *my_host(const char *sub)
{
    static char host[128];
    char path[600], err[512];
    gfx_atomic a;
    snprintf(path, sizeof path, "%s/h.txt", sub);
    host[0] = '\0';
    if (gfx_atomic_open(&a, path, GFX_ATOMIC_PATH, err, sizeof err) == 0) {
        const char *h = strstr(a.tmp, "glyphfx-tmp.") + 12;
        snprintf(host, sizeof host, "%.*s", (int)(strchr(h, '.') - h), h);
        gfx_atomic_abort(&a);
    }
    return host;
}

/* Create-once: the first commit makes the file, a second one finds it and
 * leaves it, and neither leaves a temporary. */
static void test_atomic_exclusive(void)
{
    char sub[256], path[600], err[512];
    snprintf(sub, sizeof sub, "%s/excl", dir);
    mkdir(sub, 0755);
    snprintf(path, sizeof path, "%s/plan.json", sub);
    gfx_atomic a, b;
    CHECK(gfx_atomic_open(&a, path, GFX_ATOMIC_STREAM, err, sizeof err) == 0, "open: %s", err);
    CHECK(gfx_atomic_open(&b, path, GFX_ATOMIC_STREAM, err, sizeof err) == 0, "open: %s", err);
    fputs("first", a.f);
    fputs("second", b.f);
    CHECK(gfx_atomic_commit_exclusive(&a, 1, err, sizeof err) == 0, "first: %s", err);
    CHECK(gfx_atomic_commit_exclusive(&b, 1, err, sizeof err) < 0 && errno == EEXIST &&
              strstr(err, "plan.json"),
          "a second create-once commit: errno %d, %s", errno, err);
    CHECK(!strcmp(read_text(path), "first"), "after both: %s", read_text(path));
    CHECK(!strcmp(listing(sub), "plan.json"), "the directory holds: %s", listing(sub));
}

/* Adopting a PATH temporary by name: only a temporary of that destination,
 * in its directory. */
static void test_atomic_adopt(void)
{
    char sub[256], path[600], other[600], sneaky[1400], err[512];
    snprintf(sub, sizeof sub, "%s/adopt", dir);
    mkdir(sub, 0755);
    snprintf(path, sizeof path, "%s/part-0001.mp4", sub);
    snprintf(other, sizeof other, "%s/part-0002.mp4", sub);
    gfx_atomic a, b;
    CHECK(gfx_atomic_open(&a, path, GFX_ATOMIC_PATH, err, sizeof err) == 0, "open: %s", err);
    write_text(a.tmp, "video");
    CHECK(gfx_atomic_adopt(&b, other, a.tmp, err, sizeof err) < 0 && errno == EINVAL,
          "adopted part 1's temporary as part 2's");
    snprintf(sneaky, sizeof sneaky, "%s/../adopt/%s", sub, strrchr(a.tmp, '/') + 1);
    CHECK(gfx_atomic_adopt(&b, path, sneaky, err, sizeof err) < 0, "adopted %s", sneaky);
    CHECK(gfx_atomic_adopt(&b, path, other, err, sizeof err) < 0, "adopted a final name");
    CHECK(gfx_atomic_adopt(&b, path, a.tmp, err, sizeof err) == 0, "adopt: %s", err);
    CHECK(gfx_atomic_commit(&b, 1, err, sizeof err) == 0, "commit: %s", err);
    CHECK(!strcmp(read_text(path), "video"), "adopted: %s", read_text(path));
    CHECK(!strcmp(listing(sub), "part-0001.mp4"), "the directory holds: %s", listing(sub));
}

/* Stale temporaries: this host's of a dead pid go, a live pid's, another
 * host's and the user's own files stay; `dest` narrows it to one file. */
static void test_stale(void)
{
    char sub[256], p[7][700], frame[800];
    snprintf(sub, sizeof sub, "%s/stale", dir);
    mkdir(sub, 0755);
    const char *host = my_host(sub);
    long dead = (long)dead_pid(), live = (long)getpid();
    snprintf(p[0], sizeof p[0], "%s/.clip.glyphfx-tmp.%s.%ld.abcdef.mp4", sub, host, dead);
    snprintf(p[1], sizeof p[1], "%s/.clip.glyphfx-tmp.%s.%ld.abcdef.mp4", sub, host, live);
    snprintf(p[2], sizeof p[2], "%s/.clip.glyphfx-tmp.%s-elsewhere.%ld.abcdef.mp4", sub, host,
             dead);
    snprintf(p[3], sizeof p[3], "%s/.other.glyphfx-tmp.%s.%ld.abcdef.txt", sub, host, dead);
    snprintf(p[4], sizeof p[4], "%s/.clip.mp4.keep", sub);
    snprintf(p[5], sizeof p[5], "%s/clip.glyphfx-tmp.%s.%ld.abcdef.mp4", sub, host, dead);
    snprintf(p[6], sizeof p[6], "%s/.glyphfx-tmp.%s.%ld.abcdef", sub, host, dead);
    for (int i = 0; i < 6; i++)
        write_text(p[i], "x");
    mkdir(p[6], 0755);
    snprintf(frame, sizeof frame, "%s/frame.png", p[6]);
    write_text(frame, "x");
    CHECK(gfx_remove_stale_temporaries(sub, "clip.mp4") == 1, "stale temporaries of clip.mp4");
    CHECK(access(p[0], F_OK) != 0 && access(p[3], F_OK) == 0 && access(p[6], F_OK) == 0,
          "clip.mp4's stale temporary left, or another's removed");
    CHECK(gfx_remove_stale_temporaries(sub, NULL) == 2, "stale temporaries of the directory");
    CHECK(access(p[3], F_OK) != 0 && access(p[6], F_OK) != 0, "a stale temporary was left");
    for (int i = 1; i < 6; i++)
        CHECK(i == 3 || access(p[i], F_OK) == 0, "%s was removed", p[i]);
    CHECK(gfx_remove_temporaries(sub, NULL) == 2, "every temporary");
    CHECK(access(p[4], F_OK) == 0 && access(p[5], F_OK) == 0, "a file not a temporary removed");
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    umask(022);
    test_fnv1a();
    test_atomic_stream();
    test_atomic_path();
    test_atomic_dir();
    test_too_long();
    test_read_file();
    test_checksum();
    test_atomic_write_error();
    test_atomic_exclusive();
    test_atomic_adopt();
    test_stale();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    if (!check_failures)
        printf("ok: files\n");
    return CHECK_EXIT_STATUS();
}
