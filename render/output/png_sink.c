#include "png_sink.h"
#include "png_writer.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

struct png_error_ctx {
    jmp_buf jump;
    char message[160];
};

static void on_png_error(png_structp png, png_const_charp msg)
{
    struct png_error_ctx *ctx = png_get_error_ptr(png);
    snprintf(ctx->message, sizeof ctx->message, "%s", msg);
    longjmp(ctx->jump, 1);
}

static void on_png_warning(png_structp png, png_const_charp msg)
{
    (void)png, (void)msg;
}

/* Encodes img into an open file. 0, or -1 with the reason in err. */
static int encode_png(FILE *f, const gfx_image *img, int fast, char *err, size_t err_size)
{
    int writer = gfx_png_writer_from_env(err, err_size);
    if (writer < 0)
        return -1;
    if (fast && writer == GFX_PNG_WRITER_GLYPHFX)
        return gfx_png_write_glyphfx(f, img, err, err_size);
    struct png_error_ctx ctx = {0};
    png_structp png =
        png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, on_png_error, on_png_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        snprintf(err, err_size, "out of memory in libpng");
        return -1;
    }
    if (setjmp(ctx.jump)) {
        png_destroy_write_struct(&png, &info);
        snprintf(err, err_size, "%s", ctx.message);
        return -1;
    }
    png_init_io(png, f);
    if (fast) {
        png_set_compression_level(png, 1);
        png_set_compression_strategy(png, Z_RLE);
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    }
    png_set_IHDR(png, info, (png_uint_32)img->width, (png_uint_32)img->height, 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < img->height; y++)
        png_write_row(png, img->px + y * img->stride);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return 0;
}

/* Writes to tmp_path, then renames to path; removes tmp_path on failure. */
static int write_then_rename(const char *tmp_path, const char *path, const gfx_image *img, int fast,
                             char *err, size_t err_size)
{
    FILE *f = fopen(tmp_path, "wb");
    if (!f) {
        snprintf(err, err_size, "%s: cannot create: %s", tmp_path, strerror(errno));
        return -1;
    }
    char why[200];
    int rc = encode_png(f, img, fast, why, sizeof why);
    if (rc == 0 && fflush(f) != 0)
        rc = -1, snprintf(why, sizeof why, "%s", strerror(errno));
    if (fclose(f) != 0 && rc == 0)
        rc = -1, snprintf(why, sizeof why, "%s", strerror(errno));
    if (rc == 0 && path && rename(tmp_path, path) != 0)
        rc = -1, snprintf(why, sizeof why, "cannot rename into place: %s", strerror(errno));
    if (rc) {
        unlink(tmp_path);
        snprintf(err, err_size, "%s: %s", path ? path : tmp_path, why);
    }
    return rc;
}

int gfx_png_write(const char *path, const gfx_image *img, int fast, char *err, size_t err_size)
{
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp) {
        snprintf(err, err_size, "%s: out of memory", path);
        return -1;
    }
    snprintf(tmp, n, "%s.partial-%ld", path, (long)getpid());
    int rc = write_then_rename(tmp, path, img, fast, err, err_size);
    free(tmp);
    return rc;
}

/* ------------------------------------------------------------ PNG sequence */
struct png_sink {
    gfx_sink base;
    char *dir, *partial_dir;
    int *frames; /* indices written so far, in order */
    int n_frames, cap_frames;
    char description[64];
};

static void frame_path(char *buf, size_t size, const char *dir, int frame)
{
    snprintf(buf, size, "%s/frame_%06d.png", dir, frame);
}

static int png_sink_write(gfx_sink *base, const gfx_image *img, int frame)
{
    struct png_sink *s = (struct png_sink *)base;
    if (s->n_frames == s->cap_frames) {
        int cap = s->cap_frames ? 2 * s->cap_frames : 256;
        int *frames = realloc(s->frames, (size_t)cap * sizeof *frames);
        if (!frames) {
            fprintf(stderr, "glyphfx: out of memory in the PNG sink\n");
            return -1;
        }
        s->frames = frames, s->cap_frames = cap;
    }
    size_t n = strlen(s->partial_dir) + 32;
    char *path = malloc(n), err[512];
    if (!path) {
        fprintf(stderr, "glyphfx: out of memory in the PNG sink\n");
        return -1;
    }
    frame_path(path, n, s->partial_dir, frame);
    int rc = write_then_rename(path, NULL, img, 1, err, sizeof err);
    free(path);
    if (rc) {
        fprintf(stderr, "glyphfx: %s\n", err);
        return -1;
    }
    s->frames[s->n_frames++] = frame;
    return 0;
}

static void png_sink_free(struct png_sink *s)
{
    free(s->dir);
    free(s->partial_dir);
    free(s->frames);
    free(s);
}

static void png_sink_abort(gfx_sink *base)
{
    struct png_sink *s = (struct png_sink *)base;
    size_t n = strlen(s->partial_dir) + 32;
    char *path = malloc(n);
    for (int i = 0; path && i < s->n_frames; i++) {
        frame_path(path, n, s->partial_dir, s->frames[i]);
        unlink(path);
    }
    free(path);
    rmdir(s->partial_dir);
    png_sink_free(s);
}

static int png_sink_finish(gfx_sink *base)
{
    struct png_sink *s = (struct png_sink *)base;
    size_t n = strlen(s->dir) + strlen(s->partial_dir) + 32;
    char *from = malloc(n), *to = malloc(n);
    int rc = from && to ? 0 : -1, moved = 0;
    while (rc == 0 && moved < s->n_frames) {
        frame_path(from, n, s->partial_dir, s->frames[moved]);
        frame_path(to, n, s->dir, s->frames[moved]);
        if (rename(from, to) != 0) {
            fprintf(stderr, "glyphfx: %s: cannot rename into place: %s\n", to, strerror(errno));
            rc = -1;
        } else {
            moved++;
        }
    }
    /* a sequence that is not whole must not stay under final names (sink.h) */
    for (int i = 0; rc && to && i < moved; i++) {
        frame_path(to, n, s->dir, s->frames[i]);
        unlink(to);
    }
    free(from);
    free(to);
    if (rc) {
        png_sink_abort(base);
        return -1;
    }
    rmdir(s->partial_dir);
    png_sink_free(s);
    return 0;
}

gfx_sink *gfx_png_sink_open(const char *dir, char *err, size_t err_size)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        snprintf(err, err_size, "%s: output directory does not exist: %s", dir, strerror(errno));
        return NULL;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, err_size, "%s: not a directory; expected a directory for the PNG sequence",
                 dir);
        return NULL;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        snprintf(err, err_size, "%s: output directory is not writable: %s", dir, strerror(errno));
        return NULL;
    }
    struct png_sink *s = calloc(1, sizeof *s);
    size_t n = strlen(dir) + 64;
    if (!s || !(s->dir = strdup(dir)) || !(s->partial_dir = malloc(n))) {
        snprintf(err, err_size, "out of memory opening the PNG sink");
        if (s)
            png_sink_free(s);
        return NULL;
    }
    snprintf(s->partial_dir, n, "%s/.glyphfx-partial-%ld", dir, (long)getpid());
    if (mkdir(s->partial_dir, 0755) != 0 && errno != EEXIST) {
        snprintf(err, err_size, "%s: cannot create a temporary directory: %s", s->partial_dir,
                 strerror(errno));
        png_sink_free(s);
        return NULL;
    }
    snprintf(s->description, sizeof s->description, "png:%.56s", dir);
    s->base = (gfx_sink){png_sink_write, png_sink_finish, png_sink_abort, s->description};
    return &s->base;
}

/* ------------------------------------------------------------ null sink */
static int null_write(gfx_sink *s, const gfx_image *img, int frame)
{
    (void)s, (void)img, (void)frame;
    return 0;
}
static int null_finish(gfx_sink *s)
{
    free(s);
    return 0;
}
static void null_abort(gfx_sink *s)
{
    free(s);
}

gfx_sink *gfx_null_sink_open(void)
{
    gfx_sink *s = malloc(sizeof *s);
    if (s)
        *s = (gfx_sink){null_write, null_finish, null_abort, "null"};
    return s;
}
