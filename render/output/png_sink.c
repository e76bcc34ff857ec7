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

#include "files.h"
#include "gfx_kernels.h"

struct png_error_ctx {
    jmp_buf jump;
    char message[160];
    FILE *f;
    int write_errno; /* why the file could not be written, or 0 */
};

/* libpng's own writer says only "Write Error": keep what the system said
 * (ENOSPC: "No space left on device"). */
static void on_png_error(png_structp png, png_const_charp msg)
{
    struct png_error_ctx *ctx = png_get_error_ptr(png);
    snprintf(ctx->message, sizeof ctx->message, "%s",
             ctx->write_errno ? strerror(ctx->write_errno) : msg);
    longjmp(ctx->jump, 1);
}

static void on_png_write(png_structp png, png_bytep data, size_t size)
{
    struct png_error_ctx *ctx = png_get_error_ptr(png);
    errno = 0;
    if (fwrite(data, 1, size, ctx->f) != size) {
        ctx->write_errno = errno ? errno : EIO;
        png_error(png, "Write Error");
    }
}

static void on_png_flush(png_structp png)
{
    struct png_error_ctx *ctx = png_get_error_ptr(png);
    errno = 0;
    if (fflush(ctx->f) != 0) {
        ctx->write_errno = errno ? errno : EIO;
        png_error(png, "Write Error");
    }
}

static void on_png_warning(png_structp png, png_const_charp msg)
{
    (void)png, (void)msg;
}

/* Encodes img (channels 3: RGB, 4: RGBA) into an open file. 0, or -1 with
 * the reason in err. */
static int encode_png(FILE *f, const gfx_image *img, int channels, int fast, char *err,
                      size_t err_size)
{
    int writer = gfx_png_writer_from_env(err, err_size);
    if (writer < 0)
        return -1;
    if (fast && writer == GFX_PNG_WRITER_GLYPHFX)
        return gfx_png_write_glyphfx(f, img, channels, err, err_size);
    struct png_error_ctx ctx = {.f = f};
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
        errno = ctx.write_errno ? ctx.write_errno : EIO;
        return -1;
    }
    png_set_write_fn(png, &ctx, on_png_write, on_png_flush);
    if (fast) {
        png_set_compression_level(png, 1);
        png_set_compression_strategy(png, Z_RLE);
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    }
    png_set_IHDR(png, info, (png_uint_32)img->width, (png_uint_32)img->height, 8,
                 channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < img->height; y++)
        png_write_row(png, img->px + y * img->stride);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return 0;
}

/* Encodes img into a new file at `path` (inside a staging directory: the
 * file is not renamed). 0, or -1 with one line in err. */
static int write_png_file(const char *path, const gfx_image *img, int channels, int fast, char *err,
                          size_t err_size)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, err_size, "%s: cannot create: %s", path, strerror(errno));
        return -1;
    }
    char why[200];
    int rc = encode_png(f, img, channels, fast, why, sizeof why);
    if (rc == 0 && fflush(f) != 0)
        rc = -1, snprintf(why, sizeof why, "%s", strerror(errno));
    if (fclose(f) != 0 && rc == 0)
        rc = -1, snprintf(why, sizeof why, "%s", strerror(errno));
    if (rc)
        snprintf(err, err_size, "%s: %s", path, why);
    return rc;
}

int gfx_png_commit(gfx_atomic *out, const gfx_image *img, int fast, char *err, size_t err_size)
{
    char why[200];
    if (encode_png(out->f, img, 3, fast, why, sizeof why) < 0) {
        int e = errno;
        gfx_atomic_abort(out);
        snprintf(err, err_size, "%s: %s", out->path, why);
        errno = e;
        return -1;
    }
    return gfx_atomic_commit(out, 0, err, err_size);
}

int gfx_png_write(const char *path, const gfx_image *img, int fast, char *err, size_t err_size)
{
    gfx_atomic out;
    if (gfx_atomic_open(&out, path, GFX_ATOMIC_STREAM, err, err_size) < 0)
        return -1;
    return gfx_png_commit(&out, img, fast, err, err_size);
}

/* ------------------------------------------------------------ PNG sequence */
struct png_sink {
    gfx_sink base;
    gfx_atomic staging; /* a hidden directory inside the output directory */
    int alpha;
    gfx_image rgba; /* alpha: the frame as straight RGBA, 4 bytes a pixel */
    char description[72];
};

/* The frame as straight RGBA in s->rgba, (re)allocated for its size. */
static const gfx_image *straight_rgba(struct png_sink *s, const gfx_image *img, char *err,
                                      size_t err_size)
{
    if (s->rgba.width != img->width || s->rgba.height != img->height) {
        free(s->rgba.px);
        s->rgba = (gfx_image){malloc((size_t)4 * img->width * img->height), img->width, img->height,
                              4 * (ptrdiff_t)img->width};
        if (!s->rgba.px) {
            s->rgba = (gfx_image){0};
            snprintf(err, err_size, "out of memory for a %dx%d RGBA frame", img->width,
                     img->height);
            return NULL;
        }
    }
    gfx_kernels_get()->rgba_unpremultiply(s->rgba.px, s->rgba.stride, img->px, img->stride,
                                          img->width, img->height);
    return &s->rgba;
}

static int png_sink_write(gfx_sink *base, const gfx_image *img, int frame, char *err,
                          size_t err_size)
{
    struct png_sink *s = (struct png_sink *)base;
    char path[GFX_FILE_PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/frame_%06d.png", s->staging.tmp, frame);
    const gfx_image *pixels = s->alpha ? straight_rgba(s, img, err, err_size) : img;
    if (!pixels)
        return -1;
    return write_png_file(path, pixels, s->alpha ? 4 : 3, 1, err, err_size) ? -1 : 0;
}

static void png_sink_free(struct png_sink *s)
{
    free(s->rgba.px);
    free(s);
}

static void png_sink_abort(gfx_sink *base)
{
    struct png_sink *s = (struct png_sink *)base;
    gfx_atomic_abort(&s->staging);
    png_sink_free(s);
}

/* Every frame is renamed into place, or none stays under a final name
 * (sink.h): gfx_atomic_commit takes back what it moved when one fails. */
static int png_sink_finish(gfx_sink *base, char *err, size_t err_size)
{
    struct png_sink *s = (struct png_sink *)base;
    int rc = gfx_atomic_commit(&s->staging, 0, err, err_size);
    png_sink_free(s);
    return rc;
}

gfx_sink *gfx_png_sink_open(const char *dir, int alpha, char *err, size_t err_size)
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
    if (!s) {
        snprintf(err, err_size, "out of memory opening the PNG sink");
        return NULL;
    }
    if (gfx_atomic_open(&s->staging, dir, GFX_ATOMIC_DIR, err, err_size) < 0) {
        free(s);
        return NULL;
    }
    s->alpha = alpha;
    snprintf(s->description, sizeof s->description, "%s:%.56s", alpha ? "png-rgba" : "png", dir);
    s->base = (gfx_sink){png_sink_write, png_sink_finish, png_sink_abort, s->description};
    return &s->base;
}

/* ------------------------------------------------------------ null sink */
static int null_write(gfx_sink *s, const gfx_image *img, int frame, char *err, size_t err_size)
{
    (void)s, (void)img, (void)frame, (void)err, (void)err_size;
    return 0;
}
static int null_finish(gfx_sink *s, char *err, size_t err_size)
{
    (void)err, (void)err_size;
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
