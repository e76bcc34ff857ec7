/* Video parts: plans, per-part records, commits, status and the join. See
 * parts.h for the on-disk layout and the rules. */
#include "parts.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ffmpeg_pipe.h"
#include "files.h"
#include "interrupt.h"

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL
#define PLAN_NAME "plan.json"
#define JSON_MAX 4096                /* a plan or a record is far smaller */
#define BYTES_MAX 9007199254740992.0 /* 2^53: every integer below is exact in a double */
#define FPS_MAX 1000.0
/* the longest OUTPUT.parts: room below PATH_MAX for the longest name of
 * ours in it (a files.h temporary: at most about 120 characters) */
#define DIR_MAX (PATH_MAX - 200)

/* ------------------------------------------------------------ small helpers */

static uint64_t fnv1a(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * FNV_PRIME;
    return h;
}

void gfx_plan_key(const char *settings, char key[17])
{
    uint64_t h = fnv1a(FNV_OFFSET, (const unsigned char *)settings, strlen(settings));
    snprintf(key, 17, "%016" PRIx64, h);
}

static int is_key(const char *s)
{
    if (!s || strlen(s) != 16)
        return 0;
    for (int i = 0; i < 16; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

static int is_ext(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 1 || n > 8)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z')))
            return 0;
    return 1;
}

/* The text of a small regular file (at most JSON_MAX bytes), read without
 * following a link and without blocking on a pipe or device. malloc'd, or
 * NULL with errno: ENOENT absent, ELOOP a link, EINVAL not a regular file,
 * EFBIG too large. */
static char *read_small(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    int e = 0;
    char *text = NULL;
    if (fstat(fd, &st) != 0)
        e = errno;
    else if (!S_ISREG(st.st_mode))
        e = EINVAL;
    else if (st.st_size > JSON_MAX)
        e = EFBIG;
    else if (!(text = malloc(JSON_MAX + 2)))
        e = ENOMEM;
    size_t used = 0;
    while (!e) {
        ssize_t n = read(fd, text + used, JSON_MAX + 1 - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            e = errno;
        else if (n == 0)
            break;
        else if ((used += (size_t)n) > JSON_MAX)
            e = EFBIG;
    }
    close(fd);
    if (e) {
        free(text);
        errno = e;
        return NULL;
    }
    text[used] = '\0';
    return text;
}

/* Parses a JSON object whose member names are all in `names` (NULL-ended)
 * and appear once each. NULL when it is not one (why says what). */
static cJSON *parse_object(const char *text, const char *const *names, char *why, size_t size)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
    if (!cJSON_IsObject(root)) {
        snprintf(why, size, "not a JSON object");
        cJSON_Delete(root);
        return NULL;
    }
    for (const cJSON *a = root->child; a; a = a->next) {
        int known = 0;
        for (const char *const *n = names; *n; n++)
            known |= !strcmp(a->string, *n);
        if (!known) {
            snprintf(why, size, "unexpected field \"%.64s\"", a->string);
            cJSON_Delete(root);
            return NULL;
        }
        for (const cJSON *b = a->next; b; b = b->next)
            if (!strcmp(a->string, b->string)) {
                snprintf(why, size, "field \"%s\" appears twice", a->string);
                cJSON_Delete(root);
                return NULL;
            }
    }
    return root;
}

/* A whole number in [lo, hi], checked before any conversion (a JSON number
 * may be 1e300 or infinite). */
static int json_whole(const cJSON *obj, const char *name, double lo, double hi, int64_t *out,
                      char *why, size_t size)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    double d = cJSON_IsNumber(v) ? v->valuedouble : NAN;
    if (!isfinite(d) || d < lo || d > hi || d != floor(d)) {
        snprintf(why, size, "\"%s\" is not a whole number from %.0f to %.0f", name, lo, hi);
        return -1;
    }
    *out = (int64_t)d;
    return 0;
}

static const char *json_string(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* ------------------------------------------------------------------- paths */

/* The output made absolute: realpath of its directory, plus its name. */
static gfx_status absolute_output(const char *output, char *abs, size_t size, char *err,
                                  size_t err_size)
{
    if (!output || !*output)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "the output path is empty; expected a file name");
    const char *slash = strrchr(output, '/'), *base = slash ? slash + 1 : output;
    if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "-o %s: expected a file name, not a directory", output);
    char dir[PATH_MAX], real[PATH_MAX];
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == output)
        snprintf(dir, sizeof dir, "/");
    else if (snprintf(dir, sizeof dir, "%.*s", (int)(slash - output), output) >= (int)sizeof dir)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "-o %s: the path is too long", output);
    if (!realpath(dir, real))
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "-o %s: its directory %s: %s", output, dir,
                        strerror(errno));
    if (snprintf(abs, size, "%s/%s", strcmp(real, "/") ? real : "", base) >= (int)size)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "-o %s: the path is too long", output);
    for (const char *c = abs; *c; c++)
        if (*c == '\n' || *c == '\r')
            return gfx_fail(err, err_size, GFX_BAD_INPUT,
                            "-o %s: a line break in the path; expected a name without one", output);
    return GFX_OK;
}

/* Fills plan->output and plan->dir from `output`. Leaves room under dir
 * for the longest name of ours (a temporary: at most about 120 characters). */
static gfx_status set_paths(gfx_plan *plan, const char *output, char *err, size_t err_size)
{
    gfx_status st = absolute_output(output, plan->output, sizeof plan->output, err, err_size);
    if (st)
        return st;
    if (strlen(plan->output) + 6 >= DIR_MAX)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "-o %s: the path is too long", output);
    snprintf(plan->dir, sizeof plan->dir, "%.*s.parts", DIR_MAX, plan->output);
    return GFX_OK;
}

static int plan_file(const gfx_plan *plan, char *path, size_t size)
{
    return snprintf(path, size, "%.*s/" PLAN_NAME, DIR_MAX, plan->dir) < (int)size ? 0 : -1;
}

void gfx_part_range(const gfx_plan *plan, int index, int *first, int *last)
{
    *first = (int)((int64_t)plan->total_frames * index / plan->n_parts);
    *last = (int)((int64_t)plan->total_frames * (index + 1) / plan->n_parts);
}

int gfx_part_path(const gfx_plan *plan, int index, char *path, size_t size)
{
    if (index < 0 || index >= plan->n_parts)
        return -1;
    return snprintf(path, size, "%.*s/part-%04d.%s", DIR_MAX, plan->dir, index, plan->ext) <
                   (int)size
               ? 0
               : -1;
}

int gfx_part_record_path(const gfx_plan *plan, int index, char *path, size_t size)
{
    if (index < 0 || index >= plan->n_parts)
        return -1;
    return snprintf(path, size, "%.*s/part-%04d.done", DIR_MAX, plan->dir, index) < (int)size ? 0
                                                                                              : -1;
}

/* ------------------------------------------------------------------- plans */

static const char *const plan_fields[] = {
    "version", "settings_key", "total_frames", "n_parts", "ext", "fps", NULL};

static char *plan_json(const gfx_plan *plan)
{
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    cJSON_AddNumberToObject(root, "version", GFX_PLAN_VERSION);
    cJSON_AddStringToObject(root, "settings_key", plan->settings_key);
    cJSON_AddNumberToObject(root, "total_frames", plan->total_frames);
    cJSON_AddNumberToObject(root, "n_parts", plan->n_parts);
    cJSON_AddStringToObject(root, "ext", plan->ext);
    cJSON_AddNumberToObject(root, "fps", plan->fps);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}

/* Reads plan.json into plan's settings (paths already set). 1 found, 0
 * absent, -1 invalid (why says how). */
static int read_plan(gfx_plan *plan, char *why, size_t size)
{
    char path[PATH_MAX];
    plan_file(plan, path, sizeof path);
    char *text = read_small(path);
    if (!text) {
        if (errno == ENOENT)
            return 0;
        snprintf(why, size, "%s", strerror(errno));
        return -1;
    }
    cJSON *root = parse_object(text, plan_fields, why, size);
    free(text);
    if (!root)
        return -1;
    int64_t version, total, parts;
    const char *key = json_string(root, "settings_key"), *ext = json_string(root, "ext");
    const cJSON *fps = cJSON_GetObjectItemCaseSensitive(root, "fps");
    int rc = -1;
    if (json_whole(root, "version", 0, INT_MAX, &version, why, size) < 0)
        goto done;
    if (version != GFX_PLAN_VERSION) {
        snprintf(why, size, "version %d, expected %d", (int)version, GFX_PLAN_VERSION);
        goto done;
    }
    if (json_whole(root, "total_frames", 1, INT_MAX, &total, why, size) < 0 ||
        json_whole(root, "n_parts", 1, total < GFX_PARTS_MAX ? (double)total : GFX_PARTS_MAX,
                   &parts, why, size) < 0)
        goto done;
    if (!is_key(key)) {
        snprintf(why, size, "\"settings_key\" is not 16 hex digits");
        goto done;
    }
    if (!is_ext(ext)) {
        snprintf(why, size, "\"ext\" is not 1 to 8 lowercase letters or digits");
        goto done;
    }
    if (!cJSON_IsNumber(fps) || !isfinite(fps->valuedouble) || !(fps->valuedouble > 0) ||
        fps->valuedouble > FPS_MAX) {
        snprintf(why, size, "\"fps\" is not a number above 0 and at most %g", FPS_MAX);
        goto done;
    }
    snprintf(plan->settings_key, sizeof plan->settings_key, "%s", key);
    snprintf(plan->ext, sizeof plan->ext, "%s", ext);
    plan->total_frames = (int)total;
    plan->n_parts = (int)parts;
    plan->fps = fps->valuedouble;
    rc = 1;
done:
    cJSON_Delete(root);
    return rc;
}

/* OUTPUT.parts as a directory of ours: made if absent, refused if it is a
 * link or not a directory. */
static gfx_status make_dir(const gfx_plan *plan, char *err, size_t err_size)
{
    if (mkdir(plan->dir, 0777) == 0)
        return GFX_OK;
    int e = errno;
    struct stat st;
    if (e == EEXIST && lstat(plan->dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return GFX_OK;
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s exists and is not a directory (a file or a link); expected the "
                        "parts directory of glyphfx: remove it",
                        plan->dir);
    }
    return gfx_fail(err, err_size, GFX_FAILED, "%s: cannot create the parts directory: %s",
                    plan->dir, strerror(e));
}

gfx_status gfx_plan_load(gfx_plan *plan, const char *output, int *found, char *err, size_t err_size)
{
    memset(plan, 0, sizeof *plan);
    *found = 0;
    gfx_status st = set_paths(plan, output, err, err_size);
    if (st)
        return st;
    struct stat ds;
    if (lstat(plan->dir, &ds) == 0 && !S_ISDIR(ds.st_mode))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s exists and is not a directory (a file or a link); expected the "
                        "parts directory of glyphfx: remove it",
                        plan->dir);
    char why[256];
    int rc = read_plan(plan, why, sizeof why);
    if (rc < 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s/" PLAN_NAME ": not a glyphfx plan (%s); remove %s", plan->dir, why,
                        plan->dir);
    *found = rc;
    return GFX_OK;
}

gfx_status gfx_plan_open(gfx_plan *plan, const char *output, const char *settings_key,
                         int total_frames, int n_parts, const char *ext, double fps, char *err,
                         size_t err_size)
{
    memset(plan, 0, sizeof *plan);
    if (!is_key(settings_key))
        return gfx_fail(err, err_size, GFX_FAILED,
                        "settings key \"%s\": expected 16 lowercase hex digits",
                        settings_key ? settings_key : "");
    if (total_frames < 1)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%d frames: expected at least 1",
                        total_frames);
    int most = total_frames < GFX_PARTS_MAX ? total_frames : GFX_PARTS_MAX;
    if (n_parts < 1 || n_parts > most)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%d parts: expected 1 to %d (for %d frames)",
                        n_parts, most, total_frames);
    if (!is_ext(ext))
        return gfx_fail(err, err_size, GFX_FAILED,
                        "part extension \"%s\": expected 1 to 8 letters or digits", ext ? ext : "");
    if (!isfinite(fps) || !(fps > 0) || fps > FPS_MAX)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%g fps: expected above 0 and at most %g",
                        fps, FPS_MAX);
    gfx_status st = set_paths(plan, output, err, err_size);
    if (st || (st = make_dir(plan, err, err_size)))
        return st;
    snprintf(plan->settings_key, sizeof plan->settings_key, "%s", settings_key);
    snprintf(plan->ext, sizeof plan->ext, "%s", ext);
    plan->total_frames = total_frames;
    plan->n_parts = n_parts;
    plan->fps = fps;

    char path[PATH_MAX];
    plan_file(plan, path, sizeof path);
    struct stat ps;
    if (lstat(path, &ps) != 0) {
        /* none yet: write it once; another process may get there first */
        char *text = plan_json(plan);
        if (!text)
            return gfx_fail(err, err_size, GFX_FAILED, "out of memory writing %s", path);
        gfx_remove_stale_temporaries(plan->dir, NULL);
        gfx_atomic a;
        char why[512];
        int rc = gfx_atomic_open(&a, path, GFX_ATOMIC_STREAM, why, sizeof why);
        if (rc == 0) {
            fputs(text, a.f);
            rc = gfx_atomic_commit_exclusive(&a, 1, why, sizeof why);
        }
        int e = errno;
        free(text);
        if (rc == 0) {
            plan->created = 1;
            return GFX_OK;
        }
        if (e != EEXIST)
            return gfx_fail(err, err_size, GFX_FAILED, "%s", why);
    }
    gfx_plan theirs = *plan;
    char why[256];
    int rc = read_plan(&theirs, why, sizeof why);
    if (rc <= 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: not a glyphfx plan (%s); remove %s",
                        path, rc < 0 ? why : "vanished while reading", plan->dir);
    if (strcmp(theirs.settings_key, plan->settings_key) || theirs.n_parts != plan->n_parts)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s was planned with other settings (key %s, %d parts); remove %s or use "
                        "the same settings",
                        plan->dir, theirs.settings_key, theirs.n_parts, plan->dir);
    if (theirs.total_frames != plan->total_frames || theirs.fps != plan->fps ||
        strcmp(theirs.ext, plan->ext))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s was planned with other settings (key %s, %d parts of %d frames in "
                        "all at %g fps, .%s); remove %s or use the same settings",
                        plan->dir, theirs.settings_key, theirs.n_parts, theirs.total_frames,
                        theirs.fps, theirs.ext, plan->dir);
    return GFX_OK;
}

/* ------------------------------------------------------------- part files */

int gfx_part_file_checksum(const char *path, uint64_t *checksum, int64_t *bytes)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    int e = fstat(fd, &st) != 0 ? errno : !S_ISREG(st.st_mode) ? EINVAL : 0;
    if (e) {
        close(fd);
        errno = e;
        return -1;
    }
    unsigned char buf[1 << 16];
    uint64_t h = FNV_OFFSET;
    int64_t total = 0;
    for (;;) {
        if (gfx_interrupted()) {
            close(fd);
            errno = EINTR;
            return -1;
        }
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        if (n == 0)
            break;
        h = fnv1a(h, buf, (size_t)n);
        total += n;
    }
    close(fd);
    *checksum = h;
    *bytes = total;
    return 0;
}

/* Waits for a child while polling the interrupt flag: its exit status as
 * gfx_child_wait gives it, or -1 once interrupted (the child killed). */
static int wait_child(gfx_child *child)
{
    if (child->fd >= 0) {
        close(child->fd);
        child->fd = -1;
    }
    for (;;) {
        if (gfx_interrupted()) {
            gfx_child_kill(child);
            return -1;
        }
        int status;
        pid_t r = waitpid(child->pid, &status, WNOHANG);
        if (r == child->pid) {
            child->pid = -1;
            return WIFEXITED(status)     ? WEXITSTATUS(status)
                   : WIFSIGNALED(status) ? 128 + WTERMSIG(status)
                                         : 255;
        }
        if (r < 0 && errno != EINTR) {
            child->pid = -1;
            return 255;
        }
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    }
}

gfx_status gfx_part_count_frames(const char *path, int64_t *frames, char *err, size_t err_size)
{
    char url[GFX_FFMPEG_URL_MAX], program[PATH_MAX];
    if (gfx_ffmpeg_file_url(path, url, sizeof url) < 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: the path is too long", path);
    if (!gfx_find_program("ffprobe", program, sizeof program))
        return gfx_fail_missing_ffmpeg(err, err_size, "ffprobe");
    char *argv[] = {"ffprobe",
                    "-v",
                    "error",
                    "-count_packets",
                    "-select_streams",
                    "v:0",
                    "-show_entries",
                    "stream=nb_read_packets",
                    "-of",
                    "csv=p=0",
                    url,
                    NULL};
    gfx_child child;
    if (gfx_child_spawn(&child, argv, GFX_PIPE_READ_STDOUT, "count") < 0)
        return gfx_fail(err, err_size, GFX_FAILED, "cannot start ffprobe: %s", strerror(errno));
    unsigned char *data = NULL;
    ptrdiff_t n = gfx_child_read_all(&child, &data);
    if (n < 0 && gfx_interrupted()) {
        gfx_child_kill(&child);
        gfx_child_remove_log(&child);
        return gfx_fail(err, err_size, GFX_INTERRUPTED, "interrupted counting the frames of %s",
                        path);
    }
    int status = wait_child(&child);
    if (status < 0) {
        free(data);
        gfx_child_remove_log(&child);
        return gfx_fail(err, err_size, GFX_INTERRUPTED, "interrupted counting the frames of %s",
                        path);
    }
    char tail[512];
    gfx_log_tail(child.log_path, 1, tail, sizeof tail);
    gfx_child_remove_log(&child);
    char text[32] = "";
    if (n > 0)
        snprintf(text, sizeof text, "%.*s", (int)(n < 31 ? n : 31), (char *)data);
    free(data);
    text[strcspn(text, "\r\n")] = '\0';
    char *end;
    errno = 0;
    long long count = strtoll(text, &end, 10);
    if (n < 0 || status != 0 || !*text || *end || errno || count < 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: ffprobe finds no video frames (%s)",
                        path, tail[0] ? strtok(tail + 4, "\n") : "no video stream");
    *frames = count;
    return GFX_OK;
}

/* ------------------------------------------------------------------ records */

static const char *const record_fields[] = {"version", "index",    "first",        "last", "frames",
                                            "bytes",   "checksum", "settings_key", NULL};

static char *record_json(const gfx_plan *plan, int index, int first, int last, int64_t bytes,
                         uint64_t checksum)
{
    char sum[17];
    snprintf(sum, sizeof sum, "%016" PRIx64, checksum);
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    cJSON_AddNumberToObject(root, "version", GFX_PLAN_VERSION);
    cJSON_AddNumberToObject(root, "index", index);
    cJSON_AddNumberToObject(root, "first", first);
    cJSON_AddNumberToObject(root, "last", last);
    cJSON_AddNumberToObject(root, "frames", last - first);
    cJSON_AddNumberToObject(root, "bytes", (double)bytes);
    cJSON_AddStringToObject(root, "checksum", sum);
    cJSON_AddStringToObject(root, "settings_key", plan->settings_key);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}

/* Checks part `index` against its record and the plan. Returns its state
 * (why filled unless DONE), or -1 once interrupted. */
static int check_part(const gfx_plan *plan, int index, int verify, char *why, size_t size)
{
    char record[PATH_MAX], part[PATH_MAX], what[192];
    int first, last;
    gfx_part_range(plan, index, &first, &last);
    gfx_part_record_path(plan, index, record, sizeof record);
    gfx_part_path(plan, index, part, sizeof part);
    const char *name = strrchr(part, '/') + 1;
    char *text = read_small(record);
    if (!text) {
        if (errno == ENOENT) {
            snprintf(why, size, "part %d (frames %d:%d, %s) was never finished", index, first, last,
                     name);
            return GFX_PART_MISSING;
        }
        snprintf(why, size, "part %d (frames %d:%d): its record part-%04d.done is unreadable: %s",
                 index, first, last, index, strerror(errno));
        return GFX_PART_DAMAGED;
    }
    cJSON *root = parse_object(text, record_fields, what, sizeof what);
    free(text);
    int64_t version, idx, f, l, frames, bytes;
    const char *sum = root ? json_string(root, "checksum") : NULL;
    const char *key = root ? json_string(root, "settings_key") : NULL;
    uint64_t want = 0;
    int bad = !root || json_whole(root, "version", 0, INT_MAX, &version, what, sizeof what) < 0 ||
              json_whole(root, "index", 0, INT_MAX, &idx, what, sizeof what) < 0 ||
              json_whole(root, "first", 0, INT_MAX, &f, what, sizeof what) < 0 ||
              json_whole(root, "last", 0, INT_MAX, &l, what, sizeof what) < 0 ||
              json_whole(root, "frames", 0, INT_MAX, &frames, what, sizeof what) < 0 ||
              json_whole(root, "bytes", 0, BYTES_MAX, &bytes, what, sizeof what) < 0;
    if (!bad && version != GFX_PLAN_VERSION)
        bad = 1,
        snprintf(what, sizeof what, "version %d, expected %d", (int)version, GFX_PLAN_VERSION);
    else if (!bad && idx != index)
        bad = 1, snprintf(what, sizeof what, "it is part %" PRId64 "'s", idx);
    else if (!bad && (f != first || l != last || frames != last - first))
        bad = 1, snprintf(what, sizeof what,
                          "it says frames %" PRId64 ":%" PRId64 " (%" PRId64 "), the plan %d:%d", f,
                          l, frames, first, last);
    else if (!bad && (!key || strcmp(key, plan->settings_key)))
        bad = 1, snprintf(what, sizeof what, "it has another settings key");
    else if (!bad && !is_key(sum))
        bad = 1, snprintf(what, sizeof what, "\"checksum\" is not 16 hex digits");
    if (!bad)
        want = strtoull(sum, NULL, 16);
    cJSON_Delete(root);
    if (bad) {
        snprintf(why, size, "part %d (frames %d:%d): its record part-%04d.done is invalid: %.150s",
                 index, first, last, index, what);
        return GFX_PART_DAMAGED;
    }
    struct stat st;
    if (lstat(part, &st) != 0) {
        snprintf(why, size, "part %d (frames %d:%d): %s is missing", index, first, last, name);
        return GFX_PART_DAMAGED;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(why, size, "part %d (frames %d:%d): %s is not a regular file", index, first, last,
                 name);
        return GFX_PART_DAMAGED;
    }
    if ((int64_t)st.st_size != bytes) {
        snprintf(why, size, "part %d (frames %d:%d): %s has %lld bytes, its record says %" PRId64,
                 index, first, last, name, (long long)st.st_size, bytes);
        return GFX_PART_DAMAGED;
    }
    if (verify) {
        uint64_t got;
        int64_t n;
        if (gfx_part_file_checksum(part, &got, &n) < 0) {
            if (errno == EINTR && gfx_interrupted())
                return -1;
            snprintf(why, size, "part %d (frames %d:%d): %s is unreadable: %s", index, first, last,
                     name, strerror(errno));
            return GFX_PART_DAMAGED;
        }
        if (got != want || n != bytes) {
            snprintf(why, size,
                     "part %d (frames %d:%d): %s is damaged: checksum %016" PRIx64
                     ", its record says %016" PRIx64,
                     index, first, last, name, got, want);
            return GFX_PART_DAMAGED;
        }
    }
    return GFX_PART_DONE;
}

gfx_status gfx_parts_status(const gfx_plan *plan, enum gfx_parts_check check, gfx_part_info *info,
                            int *n_done, char *err, size_t err_size)
{
    int done = 0;
    for (int i = 0; i < plan->n_parts; i++) {
        if (gfx_interrupted())
            return gfx_fail(err, err_size, GFX_INTERRUPTED, "interrupted checking the parts in %s",
                            plan->dir);
        char why[256] = "";
        int state = check_part(plan, i, check == GFX_PARTS_VERIFY, why, sizeof why);
        if (state < 0)
            return gfx_fail(err, err_size, GFX_INTERRUPTED, "interrupted checking the parts in %s",
                            plan->dir);
        done += state == GFX_PART_DONE;
        if (info) {
            info[i].index = i;
            gfx_part_range(plan, i, &info[i].first, &info[i].last);
            info[i].state = (gfx_part_state)state;
            snprintf(info[i].why, sizeof info[i].why, "%s", state == GFX_PART_DONE ? "" : why);
        }
    }
    if (n_done)
        *n_done = done;
    return GFX_OK;
}

gfx_status gfx_part_status(const gfx_plan *plan, int index, enum gfx_parts_check check,
                           gfx_part_info *info, char *err, size_t err_size)
{
    if (index < 0 || index >= plan->n_parts)
        return gfx_fail(err, err_size, GFX_FAILED, "part %d: expected 0 to %d", index,
                        plan->n_parts - 1);
    char why[256] = "";
    int state = check_part(plan, index, check == GFX_PARTS_VERIFY, why, sizeof why);
    if (state < 0)
        return gfx_fail(err, err_size, GFX_INTERRUPTED, "interrupted checking part %d in %s", index,
                        plan->dir);
    info->index = index;
    gfx_part_range(plan, index, &info->first, &info->last);
    info->state = (gfx_part_state)state;
    snprintf(info->why, sizeof info->why, "%s", state == GFX_PART_DONE ? "" : why);
    return GFX_OK;
}

/* ------------------------------------------------------------------ commits */

gfx_status gfx_part_temp_path(const gfx_plan *plan, int index, char *path, size_t size, char *err,
                              size_t err_size)
{
    if (index < 0 || index >= plan->n_parts)
        return gfx_fail(err, err_size, GFX_FAILED, "part %d: expected 0 to %d", index,
                        plan->n_parts - 1);
    gfx_status st = make_dir(plan, err, err_size);
    if (st)
        return st;
    char part[PATH_MAX];
    gfx_atomic a;
    gfx_remove_stale_temporaries(plan->dir, NULL);
    gfx_part_path(plan, index, part, sizeof part);
    if (gfx_atomic_open(&a, part, GFX_ATOMIC_PATH, err, err_size) < 0)
        return GFX_FAILED;
    if (snprintf(path, size, "%s", a.tmp) >= (int)size) {
        gfx_atomic_abort(&a);
        return gfx_fail(err, err_size, GFX_FAILED, "%s: the path is too long", part);
    }
    return GFX_OK;
}

gfx_status gfx_part_commit(const gfx_plan *plan, int index, const char *tmp_path, int frames,
                           char *err, size_t err_size)
{
    if (index < 0 || index >= plan->n_parts)
        return gfx_fail(err, err_size, GFX_FAILED, "part %d: expected 0 to %d", index,
                        plan->n_parts - 1);
    int first, last;
    gfx_part_range(plan, index, &first, &last);
    char part[PATH_MAX], record[PATH_MAX];
    gfx_part_path(plan, index, part, sizeof part);
    gfx_part_record_path(plan, index, record, sizeof record);
    gfx_atomic file, rec;
    if (!tmp_path || gfx_atomic_adopt(&file, part, tmp_path, NULL, 0) < 0)
        return gfx_fail(err, err_size, GFX_FAILED,
                        "%s: not a temporary of part %d in %s (expected one from "
                        "gfx_part_temp_path)",
                        tmp_path ? tmp_path : "(null)", index, plan->dir);
    if (frames != last - first)
        return gfx_fail(err, err_size, GFX_FAILED,
                        "part %d (frames %d:%d): %d frames rendered, expected %d", index, first,
                        last, frames, last - first);
    struct stat st;
    if (lstat(tmp_path, &st) != 0)
        return gfx_fail(err, err_size, GFX_FAILED, "%s: part %d's file: %s", tmp_path, index,
                        strerror(errno));
    if (!S_ISREG(st.st_mode) || st.st_size == 0)
        return gfx_fail(err, err_size, GFX_FAILED,
                        "%s: part %d's file is empty or not a regular file", tmp_path, index);
    int64_t counted = -1;
    gfx_status s = gfx_part_count_frames(tmp_path, &counted, err, err_size);
    if (s)
        return s == GFX_BAD_INPUT ? GFX_FAILED : s;
    if (counted != last - first)
        return gfx_fail(err, err_size, GFX_FAILED,
                        "%s: part %d (frames %d:%d) holds %lld frames, expected %d", tmp_path,
                        index, first, last, (long long)counted, last - first);
    uint64_t sum;
    int64_t bytes;
    if (gfx_part_file_checksum(tmp_path, &sum, &bytes) < 0) {
        if (errno == EINTR && gfx_interrupted())
            return gfx_fail(err, err_size, GFX_INTERRUPTED, "interrupted finishing part %d", index);
        return gfx_fail(err, err_size, GFX_FAILED, "%s: cannot read part %d's file: %s", tmp_path,
                        index, strerror(errno));
    }
    char *text = record_json(plan, index, first, last, bytes, sum);
    if (!text)
        return gfx_fail(err, err_size, GFX_FAILED, "out of memory writing %s", record);
    char why[512];
    if (gfx_atomic_open(&rec, record, GFX_ATOMIC_STREAM, why, sizeof why) < 0) {
        free(text);
        return gfx_fail(err, err_size, GFX_FAILED, "%s", why);
    }
    fputs(text, rec.f);
    free(text);
    /* The old record goes first: while the file is replaced the part reads
     * as missing, never as done with another file's checksum. The file is
     * durable before the record that vouches for it. */
    if (unlink(record) < 0 && errno != ENOENT) {
        int e = errno;
        gfx_atomic_abort(&rec);
        return gfx_fail(err, err_size, GFX_FAILED, "%s: cannot record part %d: %s", record, index,
                        strerror(e));
    }
    if (gfx_atomic_commit(&file, 1, why, sizeof why) < 0) {
        gfx_atomic_abort(&rec);
        return gfx_fail(err, err_size, GFX_FAILED, "cannot record part %d: %s", index, why);
    }
    if (gfx_atomic_commit(&rec, 1, why, sizeof why) < 0)
        return gfx_fail(err, err_size, GFX_FAILED, "cannot record part %d: %s", index, why);
    return GFX_OK;
}

/* ---------------------------------------------------------------- the join */

/* Writes the concat list, a scratch temporary in OUTPUT.parts (dropped by
 * gfx_atomic_abort): one `file 'file:PATH'` per part, a ' inside the quotes
 * written as '\'' (the demuxer's quoting). 0, or -1 (err). */
static int write_concat_list(const gfx_plan *plan, gfx_atomic *list, char *err, size_t err_size)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%.*s/concat.txt", DIR_MAX, plan->dir);
    if (gfx_atomic_open(list, path, GFX_ATOMIC_STREAM, err, err_size) < 0)
        return -1;
    FILE *f = list->f;
    for (int i = 0; i < plan->n_parts; i++) {
        char part[PATH_MAX], url[GFX_FFMPEG_URL_MAX];
        gfx_part_path(plan, i, part, sizeof part);
        gfx_ffmpeg_file_url(part, url, sizeof url);
        fputs("file '", f);
        for (const char *c = url; *c; c++)
            if (*c == '\'')
                fputs("'\\''", f);
            else
                fputc(*c, f);
        fputs("'\n", f);
    }
    if (fflush(f) != 0 || ferror(f)) {
        int e = errno ? errno : EIO;
        gfx_atomic_abort(list);
        gfx_fail(err, err_size, GFX_FAILED, "%s: cannot write the concat list: %s", plan->dir,
                 strerror(e));
        errno = e;
        return -1;
    }
    return 0;
}

static gfx_status check_all(const gfx_plan *plan, const char *output, char *err, size_t err_size)
{
    int bad = 0;
    char why[256] = "";
    for (int i = 0; i < plan->n_parts; i++) {
        char w[256];
        if (gfx_interrupted())
            return gfx_fail(err, err_size, GFX_INTERRUPTED, "interrupted checking the parts in %s",
                            plan->dir);
        int state = check_part(plan, i, 1, w, sizeof w);
        if (state < 0)
            return gfx_fail(err, err_size, GFX_INTERRUPTED, "interrupted checking the parts in %s",
                            plan->dir);
        if (state != GFX_PART_DONE && bad++ == 0)
            snprintf(why, sizeof why, "%s", w);
    }
    if (bad == 0)
        return GFX_OK;
    char more[64] = "";
    if (bad > 1)
        snprintf(more, sizeof more, " (and %d more of %d parts)", bad - 1, plan->n_parts);
    return gfx_fail(err, err_size, GFX_BAD_INPUT,
                    "cannot join %s: %s%s; render the missing or damaged parts first", output, why,
                    more);
}

gfx_status gfx_parts_join(const gfx_plan *plan, const char *audio, double start_time,
                          const char *output, char *err, size_t err_size)
{
    char out[PATH_MAX];
    gfx_status st;
    if (output) {
        if ((st = absolute_output(output, out, sizeof out, err, err_size)))
            return st;
    } else {
        snprintf(out, sizeof out, "%s", plan->output);
    }
    if (!isfinite(start_time) || start_time < 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "audio start %g s: expected 0 or more",
                        start_time);
    gfx_remove_stale_temporaries(plan->dir, NULL);
    if ((st = check_all(plan, out, err, err_size)))
        return st;
    char program[PATH_MAX];
    if (!gfx_find_program("ffmpeg", program, sizeof program))
        return gfx_fail_missing_ffmpeg(err, err_size, "ffmpeg");
    if (!gfx_find_program("ffprobe", program, sizeof program))
        return gfx_fail_missing_ffmpeg(err, err_size, "ffprobe");

    /* the output's temporary: beside it, keeping its extension so ffmpeg
     * picks the muxer; a killed join's are removed first */
    char outdir[PATH_MAX], why[1024];
    const char *base = strrchr(out, '/') + 1;
    const char *ext = strrchr(base, '.');
    snprintf(outdir, sizeof outdir, "%.*s", (int)(base - 1 - out), out);
    if (!outdir[0])
        snprintf(outdir, sizeof outdir, "/");
    gfx_remove_stale_temporaries(outdir, base);
    gfx_atomic list, video;
    if (write_concat_list(plan, &list, why, sizeof why) < 0)
        return gfx_fail(err, err_size, GFX_FAILED, "%s", why);
    if (gfx_atomic_open(&video, out, GFX_ATOMIC_PATH, why, sizeof why) < 0) {
        gfx_atomic_abort(&list);
        return gfx_fail(err, err_size, GFX_FAILED, "%s", why);
    }
    const char *tmp = video.tmp;

    char list_url[GFX_FFMPEG_URL_MAX], audio_url[GFX_FFMPEG_URL_MAX], tmp_url[GFX_FFMPEG_URL_MAX];
    char at[32], length[32];
    gfx_ffmpeg_file_url(list.tmp, list_url, sizeof list_url);
    gfx_ffmpeg_file_url(tmp, tmp_url, sizeof tmp_url);
    snprintf(at, sizeof at, "%.6f", start_time);
    snprintf(length, sizeof length, "%.6f", plan->total_frames / plan->fps);
    char *argv[40];
    int n = 0;
    argv[n++] = "ffmpeg", argv[n++] = "-nostdin", argv[n++] = "-hide_banner", argv[n++] = "-v",
    argv[n++] = "error", argv[n++] = "-y", argv[n++] = "-f", argv[n++] = "concat",
    argv[n++] = "-safe", argv[n++] = "0", argv[n++] = "-i", argv[n++] = list_url;
    if (audio) {
        /* cut at the input to exactly the video's length: -shortest would
         * end at the audio packet after the last frame */
        if (gfx_ffmpeg_file_url(audio, audio_url, sizeof audio_url) < 0) {
            gfx_atomic_abort(&list), gfx_atomic_abort(&video);
            return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: the path is too long", audio);
        }
        if (start_time > 0)
            argv[n++] = "-ss", argv[n++] = at;
        argv[n++] = "-t", argv[n++] = length, argv[n++] = "-i", argv[n++] = audio_url;
    }
    argv[n++] = "-map", argv[n++] = "0:v:0";
    if (audio)
        argv[n++] = "-map", argv[n++] = "1:a:0", argv[n++] = "-c:a", argv[n++] = "aac",
        argv[n++] = "-b:a", argv[n++] = "192k";
    argv[n++] = "-c:v", argv[n++] = "copy";
    if (ext && (!strcmp(ext, ".mp4") || !strcmp(ext, ".mov") || !strcmp(ext, ".m4v")))
        argv[n++] = "-movflags", argv[n++] = "+faststart";
    argv[n++] = tmp_url;
    argv[n] = NULL;

    gfx_child child;
    if (gfx_child_spawn(&child, argv, GFX_PIPE_WRITE_STDIN, "join") < 0) {
        int e = errno;
        gfx_atomic_abort(&list), gfx_atomic_abort(&video);
        return gfx_fail(err, err_size, GFX_FAILED, "cannot start ffmpeg to join the parts: %s",
                        strerror(e));
    }
    int status = wait_child(&child);
    gfx_atomic_abort(&list);
    if (status < 0) {
        gfx_child_remove_log(&child);
        gfx_atomic_abort(&video);
        return gfx_fail(err, err_size, GFX_INTERRUPTED, "interrupted joining the parts into %s",
                        out);
    }
    if (status != 0) {
        char tail[512];
        gfx_log_tail(child.log_path, 1, tail, sizeof tail);
        gfx_atomic_abort(&video);
        return gfx_fail(err, err_size, GFX_FAILED,
                        "joining %d parts into %s failed (ffmpeg status %d; log %s: %s); the "
                        "parts are kept in %s",
                        plan->n_parts, out, status, child.log_path,
                        tail[0] ? strtok(tail + 4, "\n") : "empty", plan->dir);
    }
    gfx_child_remove_log(&child);
    /* the concat demuxer exits 0 when an entry is missing: count */
    int64_t frames = -1;
    if ((st = gfx_part_count_frames(tmp, &frames, err, err_size)) ||
        frames != (int64_t)plan->total_frames) {
        gfx_atomic_abort(&video);
        if (st == GFX_INTERRUPTED)
            return st;
        if (st) {
            snprintf(why, sizeof why, "%s", err);
            return gfx_fail(err, err_size, GFX_FAILED,
                            "joining %d parts into %s: %.600s; the parts are kept in %s",
                            plan->n_parts, out, why, plan->dir);
        }
        return gfx_fail(err, err_size, GFX_FAILED,
                        "joining %d parts into %s gave %lld frames, expected %d; the parts are "
                        "kept in %s",
                        plan->n_parts, out, (long long)frames, plan->total_frames, plan->dir);
    }
    if (gfx_atomic_commit(&video, 1, why, sizeof why) < 0)
        return gfx_fail(err, err_size, GFX_FAILED, "cannot put the joined video in place: %s", why);
    gfx_parts_remove(plan);
    return GFX_OK;
}

void gfx_parts_remove(const gfx_plan *plan)
{
    char path[PATH_MAX];
    for (int i = 0; i < plan->n_parts; i++) {
        if (gfx_part_record_path(plan, i, path, sizeof path) == 0)
            unlink(path);
        if (gfx_part_path(plan, i, path, sizeof path) == 0)
            unlink(path);
    }
    /* temporaries of ours, whoever made them: the parts are finished */
    gfx_remove_temporaries(plan->dir, NULL);
    if (plan_file(plan, path, sizeof path) == 0)
        unlink(path);
    rmdir(plan->dir);
}

/* ------------------------------------------------- --shard and --frames */

/* "A<sep>B", two unsigned decimals in int range and nothing else. strtol,
 * not sscanf("%d"): a number past INT_MAX must be refused, not wrapped. */
static int parse_int_pair(const char *text, char sep, int *a, int *b)
{
    long values[2];
    const char *at = text;
    for (int i = 0; i < 2; i++) {
        if (!at || !(*at >= '0' && *at <= '9'))
            return -1;
        char *end;
        errno = 0;
        values[i] = strtol(at, &end, 10);
        if (errno || values[i] > INT_MAX || *end != (i == 0 ? sep : '\0'))
            return -1;
        at = end + 1;
    }
    *a = (int)values[0], *b = (int)values[1];
    return 0;
}

int gfx_parse_shard(const char *text, int *index, int *count, char *err, size_t err_size)
{
    if (parse_int_pair(text, '/', index, count) || *count < 1 || *index < 1 || *index > *count ||
        *count > GFX_PARTS_MAX) {
        gfx_fail(err, err_size, GFX_BAD_INPUT,
                 "--shard %s: expected I/N with 1 <= I <= N <= %d, e.g. 2/4", text ? text : "",
                 GFX_PARTS_MAX);
        return -1;
    }
    return 0;
}

int gfx_parse_frame_range(const char *text, int *first, int *last, char *err, size_t err_size)
{
    if (parse_int_pair(text, ':', first, last) || *last <= *first) {
        gfx_fail(err, err_size, GFX_BAD_INPUT,
                 "--frames %s: expected A:B with 0 <= A < B (frames A..B-1)", text ? text : "");
        return -1;
    }
    return 0;
}

void gfx_shard_range(int total_frames, int index, int count, int *first, int *last)
{
    *first = (int)((int64_t)total_frames * (index - 1) / count);
    *last = (int)((int64_t)total_frames * index / count);
}
