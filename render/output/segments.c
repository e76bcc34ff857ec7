/* Segment plans, manifests and the concat join: see segments.h. */
#include "segments.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ffmpeg_pipe.h"
#include "files.h"

#define MANIFEST_VERSION 1
#define MAX_MANIFEST_BYTES (64 << 20)

static int errorf(char *err, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
    return -1;
}

/* "A<sep>B", two unsigned decimals in int range and nothing else. strtol,
 * not sscanf("%d"): a number past INT_MAX must be refused, not wrapped. */
static int parse_int_pair(const char *text, char sep, int *a, int *b)
{
    long values[2];
    const char *at = text;
    for (int i = 0; i < 2; i++) {
        if (!at || !isdigit((unsigned char)*at))
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
    if (parse_int_pair(text, '/', index, count) || *count < 1 || *index < 1 || *index > *count)
        return errorf(err, err_size, "--shard %s: expected I/N with 1 <= I <= N, e.g. 2/4",
                      text ? text : "");
    return 0;
}

int gfx_parse_frame_range(const char *text, int *first, int *last, char *err, size_t err_size)
{
    if (parse_int_pair(text, ':', first, last) || *last <= *first)
        return errorf(err, err_size, "--frames %s: expected A:B with 0 <= A < B (frames A..B-1)",
                      text ? text : "");
    return 0;
}

void gfx_shard_range(int total_frames, int index, int count, int *first, int *last)
{
    *first = (int)((int64_t)total_frames * (index - 1) / count);
    *last = (int)((int64_t)total_frames * index / count);
}

void gfx_settings_key(const char *settings, char key[17])
{
    uint64_t h = gfx_fnv1a64(GFX_FNV1A64_OFFSET, settings, strlen(settings));
    snprintf(key, 17, "%016" PRIx64, h);
}

static int set_paths(gfx_manifest *m, const char *output, char *err, size_t err_size)
{
    /* room left for "/seg-NNNN.ext" and the manifest's temporary name */
    if (strlen(output) > GFX_PATH_MAX - 64 ||
        snprintf(m->dir, sizeof m->dir, "%s.parts", output) >= (int)sizeof m->dir ||
        snprintf(m->path, sizeof m->path, "%s/manifest.json", m->dir) >= (int)sizeof m->path)
        return errorf(err, err_size, "%s: output path too long", output);
    return 0;
}

int gfx_manifest_plan(gfx_manifest *m, const char *output, const char *settings_key,
                      int total_frames, int n_segments, const char *segment_ext, char *err,
                      size_t err_size)
{
    memset(m, 0, sizeof *m);
    if (n_segments < 1 || n_segments > total_frames)
        return errorf(err, err_size, "--segments %d: expected 1 to %d (the number of frames)",
                      n_segments, total_frames);
    if (set_paths(m, output, err, err_size) < 0)
        return -1;
    snprintf(m->settings_key, sizeof m->settings_key, "%s", settings_key);
    m->total_frames = total_frames;
    m->n_segments = n_segments;
    m->segments = calloc((size_t)n_segments, sizeof *m->segments);
    if (!m->segments)
        return errorf(err, err_size, "out of memory planning %d segments", n_segments);
    for (int i = 0; i < n_segments; i++) {
        gfx_segment_file *s = &m->segments[i];
        gfx_shard_range(total_frames, i + 1, n_segments, &s->first, &s->last);
        if (snprintf(s->file, sizeof s->file, "%.*s/seg-%04d.%.8s", GFX_PATH_MAX - 32, m->dir, i,
                     segment_ext) >= (int)sizeof s->file)
            return errorf(err, err_size, "%s: output path too long", output);
    }
    return 0;
}

void gfx_manifest_free(gfx_manifest *m)
{
    free(m->segments);
    m->segments = NULL;
    m->n_segments = 0;
}

static int json_int(const cJSON *obj, const char *name, int *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!cJSON_IsNumber(v))
        return -1;
    *out = v->valueint;
    return 0;
}

static int parse_segment(const cJSON *js, gfx_segment_file *s)
{
    const cJSON *file = cJSON_GetObjectItemCaseSensitive(js, "file");
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(js, "checksum");
    const cJSON *bytes = cJSON_GetObjectItemCaseSensitive(js, "bytes");
    if (json_int(js, "first", &s->first) || json_int(js, "last", &s->last) ||
        json_int(js, "done", &s->done) || !cJSON_IsString(file) || !cJSON_IsString(sum) ||
        !cJSON_IsNumber(bytes))
        return -1;
    /* converting a double outside int64's range is undefined behaviour */
    if (!(bytes->valuedouble >= 0 && bytes->valuedouble < 0x1p63))
        return -2;
    snprintf(s->file, sizeof s->file, "%s", file->valuestring);
    s->checksum = strtoull(sum->valuestring, NULL, 16);
    s->bytes = (int64_t)bytes->valuedouble;
    return 0;
}

int gfx_manifest_load(gfx_manifest *m, const char *output, const char *settings_key, char *err,
                      size_t err_size)
{
    memset(m, 0, sizeof *m);
    if (set_paths(m, output, err, err_size) < 0)
        return -1;
    char *text;
    if (gfx_read_file(m->path, MAX_MANIFEST_BYTES, "glyphfx manifest", &text, NULL, err, err_size) <
        0)
        return errno == ENOENT ? 1 : -1;
    cJSON *root = cJSON_Parse(text);
    free(text);
    int version = 0, rc = -1;
    const cJSON *key = cJSON_GetObjectItemCaseSensitive(root, "settings_key");
    const cJSON *segs = cJSON_GetObjectItemCaseSensitive(root, "segments");
    if (!root || json_int(root, "version", &version) || version != MANIFEST_VERSION ||
        !cJSON_IsString(key) || !cJSON_IsArray(segs) ||
        json_int(root, "total_frames", &m->total_frames)) {
        errorf(err, err_size, "%s: not a glyphfx manifest of version %d", m->path,
               MANIFEST_VERSION);
        goto done;
    }
    if (strcmp(key->valuestring, settings_key) != 0) {
        errorf(err, err_size,
               "%s: rendered with other settings (key %s, now %s); remove %s to start over",
               m->path, key->valuestring, settings_key, m->dir);
        goto done;
    }
    snprintf(m->settings_key, sizeof m->settings_key, "%s", settings_key);
    m->n_segments = cJSON_GetArraySize(segs);
    m->segments = calloc((size_t)(m->n_segments ? m->n_segments : 1), sizeof *m->segments);
    if (!m->segments) {
        errorf(err, err_size, "out of memory reading %s", m->path);
        goto done;
    }
    int i = 0;
    const cJSON *js;
    cJSON_ArrayForEach(js, segs)
    {
        int bad = parse_segment(js, &m->segments[i]);
        if (bad == -2) {
            errorf(err, err_size, "%s: segments[%d].bytes is %g; expected a file size, 0..2^63-1",
                   m->path, i, cJSON_GetObjectItemCaseSensitive(js, "bytes")->valuedouble);
            goto done;
        }
        if (bad < 0) {
            errorf(err, err_size,
                   "%s: segments[%d] lacks first, last, file, done, bytes or checksum", m->path, i);
            goto done;
        }
        i++;
    }
    rc = 0;
done:
    cJSON_Delete(root);
    if (rc < 0)
        gfx_manifest_free(m);
    return rc;
}

static cJSON *manifest_json(const gfx_manifest *m)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "version", MANIFEST_VERSION);
    cJSON_AddStringToObject(root, "settings_key", m->settings_key);
    cJSON_AddNumberToObject(root, "total_frames", m->total_frames);
    cJSON *segs = cJSON_AddArrayToObject(root, "segments");
    for (int i = 0; i < m->n_segments; i++) {
        const gfx_segment_file *s = &m->segments[i];
        cJSON *js = cJSON_CreateObject();
        char sum[17];
        snprintf(sum, sizeof sum, "%016" PRIx64, s->checksum);
        cJSON_AddNumberToObject(js, "first", s->first);
        cJSON_AddNumberToObject(js, "last", s->last);
        cJSON_AddStringToObject(js, "file", s->file);
        cJSON_AddNumberToObject(js, "done", s->done);
        cJSON_AddNumberToObject(js, "bytes", (double)s->bytes);
        cJSON_AddStringToObject(js, "checksum", sum);
        cJSON_AddItemToArray(segs, js);
    }
    return root;
}

int gfx_manifest_save(const gfx_manifest *m, char *err, size_t err_size)
{
    if (mkdir(m->dir, 0777) < 0 && errno != EEXIST)
        return errorf(err, err_size, "%s: cannot create directory: %s", m->dir, strerror(errno));
    cJSON *root = manifest_json(m);
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text)
        return errorf(err, err_size, "out of memory writing %s", m->path);
    gfx_atomic out;
    if (gfx_atomic_open(&out, m->path, GFX_ATOMIC_STREAM, err, err_size) < 0) {
        free(text);
        return -1;
    }
    fputs(text, out.f); /* a failure sets the stream's error flag, which commit checks */
    free(text);
    return gfx_atomic_commit(&out, 0, err, err_size);
}

int gfx_manifest_mark_done(gfx_manifest *m, int segment, char *err, size_t err_size)
{
    gfx_segment_file *s = &m->segments[segment];
    if (gfx_file_checksum(s->file, &s->checksum, &s->bytes, NULL, 0) < 0)
        return errorf(err, err_size, "%s: cannot read the finished segment: %s", s->file,
                      strerror(errno));
    s->done = 1;
    return gfx_manifest_save(m, err, err_size);
}

int gfx_segment_intact(const gfx_segment_file *s, char *err, size_t err_size)
{
    uint64_t sum;
    int64_t bytes;
    if (!s->done)
        errorf(err, err_size, "%s (frames %d:%d) was never finished", s->file, s->first, s->last);
    else if (gfx_file_checksum(s->file, &sum, &bytes, NULL, 0) < 0)
        errorf(err, err_size, "%s (frames %d:%d) is missing", s->file, s->first, s->last);
    else if (bytes != s->bytes || sum != s->checksum)
        errorf(err, err_size,
               "%s (frames %d:%d) is damaged: checksum %016" PRIx64 ", manifest says %016" PRIx64,
               s->file, s->first, s->last, sum, s->checksum);
    else
        return 1;
    return 0;
}

int gfx_manifest_check_complete(const gfx_manifest *m, char *err, size_t err_size)
{
    int expect = 0;
    for (int i = 0; i < m->n_segments; i++) {
        const gfx_segment_file *s = &m->segments[i];
        if (s->first < expect)
            return errorf(err, err_size, "%s: segments[%d] (frames %d:%d) overlaps the one before",
                          m->path, i, s->first, s->last);
        if (s->first > expect)
            return errorf(err, err_size, "%s: frames %d:%d are in no segment", m->path, expect,
                          s->first);
        if (!gfx_segment_intact(s, err, err_size))
            return -1;
        expect = s->last;
    }
    if (expect != m->total_frames)
        return errorf(err, err_size, "%s: frames %d:%d are in no segment", m->path, expect,
                      m->total_frames);
    return 0;
}

void gfx_manifest_remove(const gfx_manifest *m)
{
    char list[GFX_PATH_MAX + 16];
    for (int i = 0; i < m->n_segments; i++)
        unlink(m->segments[i].file);
    snprintf(list, sizeof list, "%s/concat.txt", m->dir);
    unlink(list);
    unlink(m->path);
    rmdir(m->dir);
}

static int write_concat_list(const gfx_manifest *m, char *list, size_t list_size)
{
    snprintf(list, list_size, "%s/concat.txt", m->dir);
    FILE *f = fopen(list, "w");
    if (!f)
        return -1;
    for (int i = 0; i < m->n_segments; i++) {
        /* the concat demuxer resolves names relative to the list; quote ' */
        const char *name = strrchr(m->segments[i].file, '/');
        name = name ? name + 1 : m->segments[i].file;
        fputs("file '", f);
        for (const char *c = name; *c; c++)
            fputs(*c == '\'' ? "'\\''" : (char[]){*c, 0}, f);
        fputs("'\n", f);
    }
    /* the fputs above only set the stream's error flag; fclose can still succeed */
    int write_failed = ferror(f);
    return fclose(f) != 0 || write_failed ? -1 : 0;
}

int gfx_segments_join(const gfx_manifest *m, const char *audio, const char *output)
{
    char err[GFX_PATH_MAX * 2], list[GFX_PATH_MAX + 16];
    if (gfx_manifest_check_complete(m, err, sizeof err) < 0) {
        fprintf(stderr, "glyphfx: cannot join: %s\n", err);
        return -1;
    }
    char ffmpeg[PATH_MAX];
    if (!gfx_find_program("ffmpeg", ffmpeg, sizeof ffmpeg)) {
        gfx_fail_missing_ffmpeg(err, sizeof err, "ffmpeg");
        fprintf(stderr, "glyphfx: %s\n", err);
        return -1;
    }
    if (write_concat_list(m, list, sizeof list) != 0) {
        fprintf(stderr, "glyphfx: %s: cannot write the concat list: %s\n", list, strerror(errno));
        return -1;
    }
    /* the temporary keeps the output's extension, so ffmpeg picks the muxer */
    gfx_atomic out;
    if (gfx_atomic_open(&out, output, GFX_ATOMIC_PATH, err, sizeof err) < 0) {
        fprintf(stderr, "glyphfx: cannot join: %s\n", err);
        return -1;
    }
    char *argv[32];
    int n = 0;
    argv[n++] = "ffmpeg", argv[n++] = "-nostdin", argv[n++] = "-y", argv[n++] = "-v",
    argv[n++] = "error", argv[n++] = "-f", argv[n++] = "concat", argv[n++] = "-safe",
    argv[n++] = "0", argv[n++] = "-i", argv[n++] = list;
    if (audio)
        argv[n++] = "-i", argv[n++] = (char *)audio, argv[n++] = "-map", argv[n++] = "0:v:0",
        argv[n++] = "-map", argv[n++] = "1:a:0", argv[n++] = "-c:a", argv[n++] = "aac",
        argv[n++] = "-b:a", argv[n++] = "192k", argv[n++] = "-shortest";
    argv[n++] = "-c:v", argv[n++] = "copy", argv[n++] = "-movflags", argv[n++] = "+faststart";
    argv[n++] = out.tmp;
    argv[n] = NULL;
    gfx_child child;
    if (gfx_child_spawn(&child, argv, GFX_PIPE_WRITE_STDIN, "join") < 0) {
        fprintf(stderr, "glyphfx: cannot start ffmpeg to join segments: %s\n", strerror(errno));
        gfx_atomic_abort(&out);
        return -1;
    }
    int status = gfx_child_wait(&child);
    if (status != 0 || gfx_atomic_commit(&out, 0, err, sizeof err) < 0) {
        char tail[2048];
        gfx_log_tail(child.log_path, 5, tail, sizeof tail);
        fprintf(stderr,
                "glyphfx: joining %d segments into %s failed (ffmpeg status %d); log %s:\n%s",
                m->n_segments, output, status, child.log_path, tail);
        gfx_atomic_abort(&out);
        return -1;
    }
    gfx_child_remove_log(&child);
    return 0;
}
