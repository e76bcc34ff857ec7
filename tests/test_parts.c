/* Video parts: the plan is written once and another plan is refused; every
 * part has its own record, so concurrent shards never lose one; hostile
 * records and plans are invalid and never make glyphfx read or write outside
 * OUTPUT.parts; the join counts every frame, trims the audio to the video,
 * refuses a missing part naming it, keeps the parts on every failure and
 * never touches a user's file beside the output; temporaries are hidden,
 * unique, and only stale ones of dead local processes are removed; a shard
 * in another working directory finds the same parts. */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "ffmpeg_pipe.h"
#include "interrupt.h"
#include "parts.h"

static char base[256];         /* the test's directory */
static char v10[300], v9[300]; /* 10- and 9-frame H.264 videos at 24 fps */
static char sine[300];         /* 5 s of a sine */
static int have_ffmpeg;
static char key[17], other_key[17];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
}

static char *read_file(const char *path)
{
    static char buf[8192];
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static int same_text(const char *path, const char *text)
{
    const char *got = read_file(path);
    return got && !strcmp(got, text);
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[1 << 14];
    size_t n;
    if (!in || !out) {
        fprintf(stderr, "cannot copy %s to %s\n", from, to);
        exit(1);
    }
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    fclose(in);
    if (fclose(out) != 0)
        exit(1);
}

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Entries of `dir` whose names start with `prefix`. */
static int count_entries(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
            !strncmp(e->d_name, prefix, strlen(prefix)))
            n++;
    closedir(d);
    return n;
}

static void sub(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%.200s/%.90s", base, name);
}

/* The host as temporary names carry it (letters, digits, '-', else '_'). */
static void host_name(char out[65])
{
    char raw[256] = "";
    gethostname(raw, sizeof raw - 1);
    size_t n = 0;
    for (const char *c = raw; *c && n < 64; c++)
        out[n++] = ((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
                    (*c >= 'A' && *c <= 'Z') || *c == '-')
                       ? *c
                       : '_';
    if (!n)
        out[n++] = '_';
    out[n] = '\0';
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

/* Commits a copy of `video` as part `index`. */
static gfx_status commit_copy(const gfx_plan *plan, int index, const char *video, int frames,
                              char *err, size_t err_size)
{
    char tmp[PATH_MAX];
    gfx_status st = gfx_part_temp_path(plan, index, tmp, sizeof tmp, err, err_size);
    if (st)
        return st;
    copy_file(video, tmp);
    st = gfx_part_commit(plan, index, tmp, frames, err, err_size);
    if (st)
        unlink(tmp);
    return st;
}

/* A record that says part `index` is the file as it is now. */
static void forge_record(const gfx_plan *plan, int index, const char *extra)
{
    char part[PATH_MAX], record[PATH_MAX], text[1024];
    uint64_t sum = 0;
    int64_t bytes = 0;
    int first, last;
    gfx_part_path(plan, index, part, sizeof part);
    gfx_part_record_path(plan, index, record, sizeof record);
    gfx_part_range(plan, index, &first, &last);
    if (gfx_part_file_checksum(part, &sum, &bytes) < 0)
        sum = 0, bytes = 0; /* a link or a FIFO: the record is beside the point */
    snprintf(text, sizeof text,
             "{\"version\": 1, \"index\": %d, \"first\": %d, \"last\": %d, \"frames\": %d, "
             "\"bytes\": %" PRId64 ", \"checksum\": \"%016" PRIx64
             "\", \"settings_key\": \"%s\"%s}",
             index, first, last, last - first, bytes, sum, plan->settings_key, extra);
    write_file(record, text);
}

static gfx_part_state state_of(const gfx_plan *plan, int index, char *why, size_t size)
{
    gfx_part_info info[GFX_PARTS_MAX < 16 ? GFX_PARTS_MAX : 16];
    char err[1024] = "";
    if (plan->n_parts > 16 ||
        gfx_parts_status(plan, GFX_PARTS_VERIFY, info, NULL, err, sizeof err)) {
        snprintf(why, size, "status failed: %s", err);
        return (gfx_part_state)-1;
    }
    snprintf(why, size, "%s", info[index].why);
    return info[index].state;
}

/* ------------------------------------------------------------------ plans */

static void test_plan_once(void)
{
    char out[300], dir[300], plan_path[PATH_MAX + 16], before[8192];
    char err[1024] = "";
    gfx_plan p, q;
    sub(dir, sizeof dir, "a");
    mkdir(dir, 0777);
    sub(out, sizeof out, "a/clip.mp4");
    CHECK(gfx_plan_open(&p, out, key, 100, 4, "mp4", 24, err, sizeof err) == GFX_OK && p.created,
          "first plan: %s", err);
    snprintf(plan_path, sizeof plan_path, "%s/plan.json", p.dir);
    CHECK(exists(plan_path), "no %s", plan_path);
    snprintf(before, sizeof before, "%s", read_file(plan_path) ? read_file(plan_path) : "");
    CHECK(gfx_plan_open(&q, out, key, 100, 4, "mp4", 24, err, sizeof err) == GFX_OK && !q.created,
          "same plan again: %s (created %d)", err, q.created);
    CHECK(gfx_plan_open(&q, out, other_key, 100, 4, "mp4", 24, err, sizeof err) == GFX_BAD_INPUT &&
              strstr(err, "planned with other settings") && strstr(err, key) &&
              strstr(err, "4 parts") && strstr(err, "remove"),
          "other key: %s", err);
    CHECK(gfx_plan_open(&q, out, key, 100, 5, "mp4", 24, err, sizeof err) == GFX_BAD_INPUT &&
              strstr(err, "planned with other settings"),
          "other part count: %s", err);
    CHECK(gfx_plan_open(&q, out, key, 90, 4, "mp4", 24, err, sizeof err) == GFX_BAD_INPUT &&
              strstr(err, "100 frames"),
          "other frame count: %s", err);
    CHECK(same_text(plan_path, before), "a refused plan changed plan.json");
    int found = 0;
    CHECK(gfx_plan_load(&q, out, &found, err, sizeof err) == GFX_OK && found && q.n_parts == 4 &&
              q.total_frames == 100 && q.fps == 24 && !strcmp(q.settings_key, key) &&
              !strcmp(q.dir, p.dir),
          "load: %s", err);
    sub(out, sizeof out, "a/none.mp4");
    CHECK(gfx_plan_load(&q, out, &found, err, sizeof err) == GFX_OK && !found, "absent plan: %s",
          err);
    CHECK(gfx_plan_open(&q, out, key, 3, 4, "mp4", 24, err, sizeof err) == GFX_BAD_INPUT &&
              strstr(err, "4 parts"),
          "4 parts of 3 frames: %s", err);

    /* many processes plan at once: exactly one writes, the same plan is
     * shared, another key is refused */
    int bad_rounds = 0;
    for (int round = 0; round < 10; round++) {
        char name[64];
        snprintf(name, sizeof name, "a/race%d.mp4", round);
        sub(out, sizeof out, name);
        pid_t kids[8];
        for (int k = 0; k < 8; k++)
            if ((kids[k] = fork()) == 0) {
                gfx_plan r;
                char e[1024] = "";
                gfx_status s =
                    gfx_plan_open(&r, out, k % 2 ? other_key : key, 100, 4, "mp4", 24, e, sizeof e);
                _exit(s == GFX_OK                       ? (r.created ? 10 + k % 2 : 20 + k % 2)
                      : strstr(e, "planned with other") ? 30 + k % 2
                                                        : 1);
            }
        int created = 0, winner = -1, ok = 1;
        int codes[8];
        for (int k = 0; k < 8; k++) {
            int status;
            waitpid(kids[k], &status, 0);
            codes[k] = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
            if (codes[k] / 10 == 1)
                created++, winner = codes[k] % 10;
        }
        /* the winner's key is shared, the other one refused */
        for (int k = 0; k < 8 && winner >= 0; k++)
            ok &= k % 2 == winner ? codes[k] == 10 + winner || codes[k] == 20 + winner
                                  : codes[k] == 30 + k % 2;
        if (created != 1 || !ok)
            bad_rounds++;
    }
    CHECK(bad_rounds == 0, "%d of 10 concurrent planning rounds went wrong", bad_rounds);

    /* a plan.json that is not one */
    sub(out, sizeof out, "a/hostile.mp4");
    CHECK(gfx_plan_open(&q, out, key, 100, 4, "mp4", 24, err, sizeof err) == GFX_OK, "%s", err);
    const char *plans[] = {
        "{\"version\": 1, \"settings_key\": \"%s\", \"total_frames\": 1e300, \"n_parts\": 4, "
        "\"ext\": \"mp4\", \"fps\": 24}",
        "{\"version\": 1, \"settings_key\": \"%s\", \"total_frames\": 100, \"n_parts\": -3, "
        "\"ext\": \"mp4\", \"fps\": 24}",
        "{\"version\": 1, \"settings_key\": \"%s\", \"total_frames\": 100, \"n_parts\": 4, "
        "\"ext\": \"mp4\", \"fps\": 1e999}",
        "{\"version\": 1, \"settings_key\": \"%s\", \"total_frames\": 100, \"n_parts\": 4, "
        "\"ext\": \"../x\", \"fps\": 24}",
        "{\"version\": 1, \"settings_key\": \"%s\", \"total_frames\": 100, \"n_parts\": 4, "
        "\"n_parts\": 5, \"ext\": \"mp4\", \"fps\": 24}",
        "[1, 2]",
    };
    for (size_t i = 0; i < sizeof plans / sizeof *plans; i++) {
        char text[512];
        snprintf(text, sizeof text, plans[i], key);
        snprintf(plan_path, sizeof plan_path, "%s/plan.json", q.dir);
        write_file(plan_path, text);
        CHECK(gfx_plan_open(&p, out, key, 100, 4, "mp4", 24, err, sizeof err) == GFX_BAD_INPUT &&
                  strstr(err, "not a glyphfx plan"),
              "hostile plan %zu accepted: %s", i, err);
        CHECK(gfx_plan_load(&p, out, &found, err, sizeof err) == GFX_BAD_INPUT,
              "hostile plan %zu loaded", i);
    }

    /* OUTPUT.parts as a link elsewhere is refused and nothing is written there */
    char elsewhere[300], link_path[400];
    sub(elsewhere, sizeof elsewhere, "a/elsewhere");
    mkdir(elsewhere, 0777);
    sub(out, sizeof out, "a/linked.mp4");
    snprintf(link_path, sizeof link_path, "%s.parts", out);
    symlink(elsewhere, link_path);
    CHECK(gfx_plan_open(&q, out, key, 100, 4, "mp4", 24, err, sizeof err) == GFX_BAD_INPUT &&
              strstr(err, "not a directory"),
          "linked parts directory: %s", err);
    CHECK(count_entries(elsewhere, "") == 0, "something was written through the link");
}

/* --------------------------------------------------------------- directories */

static void test_other_working_directory(void)
{
    char cwd[PATH_MAX], dir[300], deep[300];
    char err[1024] = "";
    gfx_plan p, q;
    if (!getcwd(cwd, sizeof cwd))
        return;
    sub(dir, sizeof dir, "c");
    mkdir(dir, 0777);
    sub(deep, sizeof deep, "c/sub");
    mkdir(deep, 0777);
    CHECK(chdir(base) == 0, "chdir");
    CHECK(gfx_plan_open(&p, "c/clip.mp4", key, 40, 4, "mp4", 24, err, sizeof err) == GFX_OK &&
              p.created,
          "relative plan: %s", err);
    CHECK(p.dir[0] == '/' && strstr(p.dir, "/c/clip.mp4.parts"), "parts directory %s", p.dir);
    if (have_ffmpeg)
        CHECK(commit_copy(&p, 1, v10, 10, err, sizeof err) == GFX_OK, "commit from %s: %s", base,
              err);
    CHECK(chdir(deep) == 0, "chdir");
    CHECK(gfx_plan_open(&q, "../clip.mp4", key, 40, 4, "mp4", 24, err, sizeof err) == GFX_OK &&
              !q.created,
          "plan from another directory: %s", err);
    CHECK(!strcmp(p.dir, q.dir) && !strcmp(p.output, q.output), "%s != %s", p.dir, q.dir);
    char a[PATH_MAX], b[PATH_MAX];
    for (int i = 0; i < 4; i++) {
        gfx_part_path(&p, i, a, sizeof a);
        gfx_part_path(&q, i, b, sizeof b);
        CHECK(!strcmp(a, b) && !strncmp(a, p.dir, strlen(p.dir)) &&
                  !strncmp(a + strlen(p.dir), "/part-", 6),
              "part %d: %s and %s", i, a, b);
    }
    CHECK(gfx_part_path(&p, 4, a, sizeof a) < 0 && gfx_part_path(&p, -1, a, sizeof a) < 0,
          "part path outside the plan");
    if (have_ffmpeg) {
        int done = -1;
        CHECK(gfx_parts_status(&q, GFX_PARTS_VERIFY, NULL, &done, err, sizeof err) == GFX_OK &&
                  done == 1,
              "the other directory sees %d done parts: %s", done, err);
    }
    CHECK(chdir(cwd) == 0, "chdir back");
    CHECK(gfx_plan_open(&q, "", key, 40, 4, "mp4", 24, err, sizeof err) == GFX_BAD_INPUT,
          "empty output");
    sub(a, sizeof a, "no/such/dir/x.mp4");
    CHECK(gfx_plan_open(&q, a, key, 40, 4, "mp4", 24, err, sizeof err) == GFX_BAD_INPUT &&
              strstr(err, "no/such/dir"),
          "missing directory: %s", err);
}

/* ---------------------------------------------------------- concurrent shards */

static void test_concurrent_records(void)
{
    char out[300];
    char err[1024] = "";
    gfx_plan p;
    sub(out, sizeof out, "shards.mp4");
    int lost_rounds = 0;
    for (int round = 0; round < 20; round++) {
        CHECK(gfx_plan_open(&p, out, key, 40, 4, "mp4", 24, err, sizeof err) == GFX_OK, "%s", err);
        pid_t kids[4];
        for (int k = 0; k < 4; k++)
            if ((kids[k] = fork()) == 0) {
                char e[1024] = "";
                gfx_status s = commit_copy(&p, k, v10, 10, e, sizeof e);
                if (s)
                    fprintf(stderr, "shard %d: %s\n", k, e);
                _exit(s);
            }
        for (int k = 0; k < 4; k++)
            waitpid(kids[k], NULL, 0);
        int done = -1;
        gfx_parts_status(&p, GFX_PARTS_VERIFY, NULL, &done, err, sizeof err);
        lost_rounds += done != 4;
        gfx_parts_remove(&p);
    }
    CHECK(lost_rounds == 0, "records lost in %d of 20 rounds of 4 concurrent shards", lost_rounds);

    /* the same part committed twice at once: a valid record, no torn file */
    CHECK(gfx_plan_open(&p, out, key, 40, 4, "mp4", 24, err, sizeof err) == GFX_OK, "%s", err);
    int bad_rounds = 0;
    for (int round = 0; round < 20; round++) {
        pid_t kids[2];
        for (int k = 0; k < 2; k++)
            if ((kids[k] = fork()) == 0)
                _exit(commit_copy(&p, 2, v10, 10, NULL, 0));
        int ok = 1;
        for (int k = 0; k < 2; k++) {
            int status;
            waitpid(kids[k], &status, 0);
            ok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
        }
        char why[256];
        if (!ok || state_of(&p, 2, why, sizeof why) != GFX_PART_DONE) {
            fprintf(stderr, "round %d: %s\n", round, why);
            bad_rounds++;
        }
    }
    CHECK(bad_rounds == 0, "the same part committed twice went wrong in %d of 20 rounds",
          bad_rounds);
    CHECK(count_entries(p.dir, ".") == 0, "%d temporaries left", count_entries(p.dir, "."));
    gfx_parts_remove(&p);
    CHECK(!exists(p.dir), "%s not removed", p.dir);
}

/* ------------------------------------------------------------ hostile input */

static void test_hostile_records(void)
{
    char out[300], victim[300], part[PATH_MAX], record[PATH_MAX], outside[300];
    char err[1024] = "";
    gfx_plan p;
    sub(victim, sizeof victim, "victim.txt");
    write_file(victim, "precious");
    sub(out, sizeof out, "h/clip.mp4");
    sub(outside, sizeof outside, "h");
    mkdir(outside, 0777);
    CHECK(gfx_plan_open(&p, out, key, 40, 4, "mp4", 24, err, sizeof err) == GFX_OK, "%s", err);
    gfx_part_path(&p, 1, part, sizeof part);
    gfx_part_record_path(&p, 1, record, sizeof record);
    write_file(part, "part one's bytes");
    char why[256];
    forge_record(&p, 1, "");
    CHECK(state_of(&p, 1, why, sizeof why) == GFX_PART_DONE, "the honest record: %s", why);

    char extra[600];
    snprintf(extra, sizeof extra, ", \"file\": \"%s\"", victim);
    forge_record(&p, 1, extra);
    CHECK(state_of(&p, 1, why, sizeof why) == GFX_PART_DAMAGED && strstr(why, "\"file\""),
          "absolute file field: %s", why);
    forge_record(&p, 1, ", \"file\": \"../../victim.txt\"");
    CHECK(state_of(&p, 1, why, sizeof why) == GFX_PART_DAMAGED, "../ file field: %s", why);
    forge_record(&p, 1, ", \"file\": \"/dev/zero\"");
    CHECK(state_of(&p, 1, why, sizeof why) == GFX_PART_DAMAGED, "/dev/zero field: %s", why);

    char sum[17] = "0000000000000000";
    const char *records[] = {
        "{\"version\": 1, \"index\": 1, \"first\": 10, \"last\": 20, \"frames\": 10, "
        "\"bytes\": 11e3008480, \"checksum\": \"%s\", \"settings_key\": \"%s\"}",
        "{\"version\": 1, \"index\": 1, \"first\": 10, \"last\": 1e300, \"frames\": 10, "
        "\"bytes\": 16, \"checksum\": \"%s\", \"settings_key\": \"%s\"}",
        "{\"version\": 1, \"index\": 1, \"first\": 10, \"last\": 2000, \"frames\": 10, "
        "\"bytes\": 16, \"checksum\": \"%s\", \"settings_key\": \"%s\"}",
        "{\"version\": 1, \"index\": 1, \"first\": -50, \"last\": 20, \"frames\": 10, "
        "\"bytes\": 16, \"checksum\": \"%s\", \"settings_key\": \"%s\"}",
        "{\"version\": 1, \"index\": 1, \"first\": 10, \"last\": 20, \"frames\": 10.5, "
        "\"bytes\": 16, \"checksum\": \"%s\", \"settings_key\": \"%s\"}",
        "{\"version\": 1, \"index\": 1, \"first\": 10, \"first\": 10, \"last\": 20, "
        "\"frames\": 10, \"bytes\": 16, \"checksum\": \"%s\", \"settings_key\": \"%s\"}",
        "{\"version\": 1, \"index\": 2, \"first\": 10, \"last\": 20, \"frames\": 10, "
        "\"bytes\": 16, \"checksum\": \"%s\", \"settings_key\": \"%s\"}",
        "{\"version\": 1, \"index\": 1, \"first\": 10, \"last\": 20, \"frames\": 10, "
        "\"bytes\": -1, \"checksum\": \"%s\", \"settings_key\": \"%s\"}",
        "{\"version\": 1, \"index\": 1, \"first\": 10, \"last\": 20, \"frames\": 10, "
        "\"bytes\": 16, \"checksum\": \"zz%s\", \"settings_key\": \"%s\"}",
        "{\"version\": 1, \"index\": 1, \"first\": 10, \"last\": 20, \"frames\": 10, "
        "\"bytes\": 16, \"checksum\": \"%s\", \"settings_key\": \"%.15s0\"}",
        "not json %s %s",
        "[\"%s\", \"%s\"]",
    };
    for (size_t i = 0; i < sizeof records / sizeof *records; i++) {
        char text[1024];
        snprintf(text, sizeof text, records[i], sum, i == 9 ? other_key : key);
        write_file(record, text);
        CHECK(state_of(&p, 1, why, sizeof why) == GFX_PART_DAMAGED && strstr(why, "part 1"),
              "hostile record %zu: %s", i, why);
    }
    char big[8000];
    memset(big, ' ', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    big[0] = '{', big[sizeof big - 2] = '}';
    write_file(record, big);
    CHECK(state_of(&p, 1, why, sizeof why) == GFX_PART_DAMAGED, "huge record: %s", why);

    /* pipes, devices and links: never read, never waited on */
    alarm(60);
    unlink(record);
    mkfifo(record, 0666);
    CHECK(state_of(&p, 1, why, sizeof why) == GFX_PART_DAMAGED, "record as a FIFO: %s", why);
    unlink(record);
    char far_record[300];
    sub(far_record, sizeof far_record, "far.done");
    forge_record(&p, 1, "");
    rename(record, far_record);
    symlink(far_record, record);
    CHECK(state_of(&p, 1, why, sizeof why) == GFX_PART_DAMAGED, "record as a link: %s", why);
    unlink(record);
    unlink(part);
    symlink("/dev/zero", part);
    forge_record(&p, 1, "");
    CHECK(state_of(&p, 1, why, sizeof why) == GFX_PART_DAMAGED, "part as /dev/zero: %s", why);
    unlink(part);
    symlink(victim, part);
    CHECK(state_of(&p, 1, why, sizeof why) == GFX_PART_DAMAGED, "part as a link: %s", why);
    unlink(part);
    mkfifo(part, 0666);
    CHECK(state_of(&p, 1, why, sizeof why) == GFX_PART_DAMAGED, "part as a FIFO: %s", why);
    uint64_t h;
    int64_t n;
    CHECK(gfx_part_file_checksum("/dev/zero", &h, &n) < 0, "/dev/zero checksummed");
    CHECK(gfx_part_file_checksum(part, &h, &n) < 0, "a FIFO checksummed");
    char e2[1024] = "";
    CHECK(gfx_parts_join(&p, NULL, 0, NULL, e2, sizeof e2) == GFX_BAD_INPUT,
          "joined hostile parts");
    alarm(0);

    /* a commit only takes a temporary of its own part inside OUTPUT.parts */
    char tmp[PATH_MAX], sneaky[PATH_MAX + 64];
    CHECK(gfx_part_commit(&p, 1, victim, 10, err, sizeof err) == GFX_FAILED &&
              strstr(err, "not a temporary"),
          "committed a file outside: %s", err);
    CHECK(gfx_part_temp_path(&p, 1, tmp, sizeof tmp, err, sizeof err) == GFX_OK, "%s", err);
    snprintf(sneaky, sizeof sneaky, "%s/../../victim.txt", tmp);
    CHECK(gfx_part_commit(&p, 1, sneaky, 10, err, sizeof err) == GFX_FAILED, "committed %s",
          sneaky);
    CHECK(gfx_part_commit(&p, 2, tmp, 10, err, sizeof err) == GFX_FAILED,
          "committed part 1's temp as 2");
    unlink(tmp);

    gfx_parts_remove(&p);
    CHECK(same_text(victim, "precious"), "the file outside OUTPUT.parts changed or went");
    CHECK(exists(far_record), "a linked record's target went");
    CHECK(!exists(p.dir), "%s not removed", p.dir);
}

/* ------------------------------------------------------------------ the join */

static double probe_duration(const char *path, const char *stream)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "ffprobe -v error -select_streams %s -show_entries stream=duration -of csv=p=0 '%s'",
             stream, path);
    FILE *f = popen(cmd, "r");
    double d = -1;
    if (f) {
        if (fscanf(f, "%lf", &d) != 1)
            d = -1;
        pclose(f);
    }
    return d;
}

static void test_join(void)
{
    char out[300], dir[300], user[300], stale[PATH_MAX], live[PATH_MAX], keep[300];
    char host[65];
    char err[1024] = "";
    gfx_plan p;
    host_name(host);
    sub(dir, sizeof dir, "j");
    mkdir(dir, 0777);
    sub(out, sizeof out, "j/clip.mp4");
    sub(user, sizeof user, "j/clip.partial.mp4");
    write_file(user, "the user's own clip");
    write_file(out, "an older video");
    sub(keep, sizeof keep, "j/.clip.mp4.keep");
    write_file(keep, "a user's hidden file");
    snprintf(stale, sizeof stale, "%s/.clip.glyphfx-tmp.%s.%ld.abcdef.mp4", dir, host,
             (long)dead_pid());
    write_file(stale, "a killed join's temporary");
    snprintf(live, sizeof live, "%s/.clip.glyphfx-tmp.%s.%ld.abcdef.mp4", dir, host,
             (long)getpid());
    write_file(live, "a running join's temporary");

    CHECK(gfx_plan_open(&p, out, key, 30, 3, "mp4", 24, err, sizeof err) == GFX_OK, "%s", err);
    CHECK(commit_copy(&p, 0, v10, 10, err, sizeof err) == GFX_OK, "commit 0: %s", err);
    CHECK(commit_copy(&p, 2, v10, 10, err, sizeof err) == GFX_OK, "commit 2: %s", err);
    CHECK(commit_copy(&p, 1, v9, 9, err, sizeof err) == GFX_FAILED,
          "a 9-frame part 1 was committed");
    CHECK(commit_copy(&p, 1, v9, 10, err, sizeof err) == GFX_FAILED && strstr(err, "9 frames"),
          "a 9-frame part claimed as 10: %s", err);

    /* a missing part: refused, named, nothing changed */
    CHECK(gfx_parts_join(&p, sine, 0, NULL, err, sizeof err) == GFX_BAD_INPUT &&
              strstr(err, "part 1") && strstr(err, "part-0001.mp4"),
          "join with part 1 missing: %s", err);
    int done = -1;
    gfx_parts_status(&p, GFX_PARTS_VERIFY, NULL, &done, err, sizeof err);
    CHECK(done == 2, "%d parts left after a refused join, expected 2", done);
    CHECK(same_text(out, "an older video"), "a refused join touched the output");

    /* a part whose record is honest about a short file: the count catches it */
    char part[PATH_MAX];
    gfx_part_path(&p, 1, part, sizeof part);
    copy_file(v9, part);
    forge_record(&p, 1, "");
    CHECK(gfx_parts_join(&p, sine, 0, NULL, err, sizeof err) == GFX_FAILED &&
              strstr(err, "29 frames, expected 30"),
          "a join one frame short: %s", err);
    gfx_parts_status(&p, GFX_PARTS_VERIFY, NULL, &done, err, sizeof err);
    CHECK(done == 3, "%d parts left after a failed join, expected 3", done);
    CHECK(same_text(out, "an older video"), "a failed join touched the output");
    CHECK(count_entries(dir, ".clip.glyphfx-tmp.") == 1,
          "%d join temporaries beside the output, expected the live one",
          count_entries(dir, ".clip.glyphfx-tmp."));

    /* a damaged part is named too */
    write_file(part, "not the bytes recorded");
    CHECK(gfx_parts_join(&p, sine, 0, NULL, err, sizeof err) == GFX_BAD_INPUT &&
              strstr(err, "part-0001.mp4"),
          "join with part 1 damaged: %s", err);

    /* every part: exactly 30 frames, the audio trimmed to them */
    CHECK(commit_copy(&p, 1, v10, 10, err, sizeof err) == GFX_OK, "commit 1: %s", err);
    CHECK(gfx_parts_join(&p, sine, 0.5, NULL, err, sizeof err) == GFX_OK, "join: %s", err);
    int64_t frames = -1;
    CHECK(gfx_part_count_frames(out, &frames, err, sizeof err) == GFX_OK && frames == 30,
          "the joined video has %lld frames: %s", (long long)frames, err);
    double video = probe_duration(out, "v:0"), audio = probe_duration(out, "a:0");
    CHECK(fabs(video - 30 / 24.0) <= 1 / 24.0 && fabs(audio - 30 / 24.0) <= 1 / 24.0,
          "video %.3f s, audio %.3f s, expected %.3f s within a frame", video, audio, 30 / 24.0);
    CHECK(same_text(user, "the user's own clip"), "the user's clip.partial.mp4 changed or went");
    CHECK(same_text(keep, "a user's hidden file"), "a user's hidden file changed or went");
    CHECK(!exists(stale), "a killed join's temporary was left");
    CHECK(exists(live), "a running join's temporary was removed");
    CHECK(!exists(p.dir), "%s was not removed after the join", p.dir);
    unlink(live);
    CHECK(count_entries(dir, ".clip.glyphfx-tmp") == 0, "a join temporary was left");

    /* without audio: video only, the same frames */
    CHECK(gfx_plan_open(&p, out, key, 30, 3, "mp4", 24, err, sizeof err) == GFX_OK, "%s", err);
    for (int i = 0; i < 3; i++)
        CHECK(commit_copy(&p, i, v10, 10, err, sizeof err) == GFX_OK, "commit %d: %s", i, err);
    CHECK(gfx_parts_join(&p, NULL, 0, NULL, err, sizeof err) == GFX_OK, "join without audio: %s",
          err);
    CHECK(gfx_part_count_frames(out, &frames, err, sizeof err) == GFX_OK && frames == 30 &&
              probe_duration(out, "a:0") < 0,
          "video-only join: %lld frames", (long long)frames);
}

/* ------------------------------------------------------------ temporaries */

static void test_temporaries(void)
{
    char out[300], a[PATH_MAX], b[PATH_MAX], host[65], stale[PATH_MAX], live[PATH_MAX],
        foreign[PATH_MAX];
    char err[1024] = "";
    gfx_plan p;
    host_name(host);
    sub(out, sizeof out, "t.mp4");
    CHECK(gfx_plan_open(&p, out, key, 40, 4, "mp4", 24, err, sizeof err) == GFX_OK, "%s", err);
    snprintf(stale, sizeof stale, "%.3000s/.part-0000.glyphfx-tmp.%s.%ld.abcdef.mp4", p.dir, host,
             (long)dead_pid());
    snprintf(live, sizeof live, "%.3000s/.part-0000.glyphfx-tmp.%s.%ld.abcdef.mp4", p.dir, host,
             (long)getpid());
    snprintf(foreign, sizeof foreign, "%.3000s/.part-0000.glyphfx-tmp.%s-elsewhere.%ld.abcdef.mp4",
             p.dir, host, (long)dead_pid());
    write_file(stale, "x");
    write_file(live, "x");
    write_file(foreign, "x");
    CHECK(gfx_part_temp_path(&p, 0, a, sizeof a, err, sizeof err) == GFX_OK, "%s", err);
    CHECK(gfx_part_temp_path(&p, 0, b, sizeof b, err, sizeof err) == GFX_OK, "%s", err);
    const char *name = strrchr(a, '/') + 1;
    CHECK(strcmp(a, b) && name[0] == '.' && !strncmp(a, p.dir, strlen(p.dir)) && strlen(a) > 4 &&
              !strcmp(a + strlen(a) - 4, ".mp4") && exists(a) && exists(b),
          "temporaries %s and %s", a, b);
    CHECK(!exists(stale), "a dead process's temporary was left");
    CHECK(exists(live) && exists(foreign), "a live or another host's temporary was removed");
    unlink(a), unlink(b), unlink(live), unlink(foreign);
    gfx_parts_remove(&p);
}

/* --------------------------------------------------------------- interrupts */

static void test_interrupt(void)
{
    char out[300];
    char err[1024] = "";
    gfx_plan p;
    sub(out, sizeof out, "int.mp4");
    CHECK(gfx_plan_open(&p, out, key, 30, 3, "mp4", 24, err, sizeof err) == GFX_OK, "%s", err);
    for (int i = 0; i < 3; i++)
        CHECK(commit_copy(&p, i, v10, 10, err, sizeof err) == GFX_OK, "commit %d: %s", i, err);
    pid_t kid = fork();
    if (kid == 0) {
        gfx_interrupt_install();
        raise(SIGINT);
        char e[1024] = "";
        int rc =
            gfx_parts_status(&p, GFX_PARTS_VERIFY, NULL, NULL, e, sizeof e) == GFX_INTERRUPTED &&
            gfx_parts_join(&p, NULL, 0, NULL, e, sizeof e) == GFX_INTERRUPTED;
        _exit(rc ? 0 : 1);
    }
    int status;
    waitpid(kid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "an interrupt was not honoured");
    int done = -1;
    gfx_parts_status(&p, GFX_PARTS_VERIFY, NULL, &done, err, sizeof err);
    CHECK(done == 3 && !exists(out), "an interrupted join changed something (%d parts)", done);
    gfx_parts_remove(&p);
}

static int make_video(const char *path, int frames)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "ffmpeg -nostdin -v error -y -f lavfi -i testsrc=size=64x36:rate=24 -frames:v %d "
             "-c:v libx264 -g 1000 -bf 0 -pix_fmt yuv420p '%s'",
             frames, path);
    return system(cmd);
}

/* --shard and --frames values, and shards tiling the frames like parts */
static void test_parsing(void)
{
    char err[256];
    int a, b;
    CHECK(gfx_parse_shard("2/4", &a, &b, err, sizeof err) == 0 && a == 2 && b == 4, "2/4");
    CHECK(gfx_parse_shard("5/4", &a, &b, err, sizeof err) < 0 && strstr(err, "5/4"), "5/4: %s",
          err);
    CHECK(gfx_parse_shard("0/4", &a, &b, err, sizeof err) < 0, "0/4 accepted");
    CHECK(gfx_parse_shard("1/4x", &a, &b, err, sizeof err) < 0, "trailing text accepted");
    CHECK(gfx_parse_shard("1/4294967297", &a, &b, err, sizeof err) < 0, "1/2^32+1 accepted");
    CHECK(gfx_parse_shard("1/10000", &a, &b, err, sizeof err) < 0, "more shards than parts");
    CHECK(gfx_parse_frame_range("10:20", &a, &b, err, sizeof err) == 0 && a == 10 && b == 20,
          "10:20");
    CHECK(gfx_parse_frame_range("10:5", &a, &b, err, sizeof err) < 0 && strstr(err, "10:5"),
          "10:5");
    CHECK(gfx_parse_frame_range("-1:5", &a, &b, err, sizeof err) < 0, "-1:5 accepted");
    CHECK(gfx_parse_frame_range("0:4294967297", &a, &b, err, sizeof err) < 0, "0:2^32+1 accepted");
    CHECK(gfx_parse_frame_range("0:5x", &a, &b, err, sizeof err) < 0, "trailing text accepted");
    gfx_plan plan = {.total_frames = 100, .n_parts = 7};
    int covered = 0;
    for (int i = 1; i <= 7; i++) {
        int pf, pl;
        gfx_shard_range(100, i, 7, &a, &b);
        gfx_part_range(&plan, i - 1, &pf, &pl);
        CHECK(a == covered && b > a, "shard %d/7 is %d:%d after %d", i, a, b, covered);
        CHECK(a == pf && b == pl, "shard %d/7 is %d:%d, part %d is %d:%d", i, a, b, i - 1, pf, pl);
        covered = b;
    }
    CHECK(covered == 100, "7 shards cover %d of 100 frames", covered);
}

int main(void)
{
    test_parsing();
    snprintf(base, sizeof base, "/tmp/glyphfx-parts-XXXXXX");
    if (!mkdtemp(base))
        return 1;
    gfx_plan_key("scene=default seed=1 64x36@24", key);
    gfx_plan_key("scene=default seed=2 64x36@24", other_key);
    CHECK(strcmp(key, other_key) != 0, "settings keys collide");
    char program[PATH_MAX];
    have_ffmpeg = gfx_find_program("ffmpeg", program, sizeof program) &&
                  gfx_find_program("ffprobe", program, sizeof program);
    if (have_ffmpeg) {
        sub(v10, sizeof v10, "v10.mp4");
        sub(v9, sizeof v9, "v9.mp4");
        sub(sine, sizeof sine, "sine.wav");
        char cmd[1024];
        snprintf(cmd, sizeof cmd,
                 "ffmpeg -nostdin -v error -y -f lavfi -i sine=frequency=440:duration=5 '%s'",
                 sine);
        have_ffmpeg = make_video(v10, 10) == 0 && make_video(v9, 9) == 0 && system(cmd) == 0;
        CHECK(have_ffmpeg, "cannot make the test videos with ffmpeg");
    } else {
        fprintf(stderr, "test_parts: no ffmpeg: commits and joins are not tested\n");
    }
    test_plan_once();
    test_other_working_directory();
    test_hostile_records();
    test_temporaries();
    if (have_ffmpeg) {
        test_concurrent_records();
        test_join();
        test_interrupt();
    }
    if (!check_failures) {
        char cmd[400];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
        system(cmd);
    } else {
        fprintf(stderr, "test_parts: files kept in %s\n", base);
    }
    return CHECK_EXIT_STATUS();
}
