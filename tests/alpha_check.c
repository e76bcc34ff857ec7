/* alpha_check: a helper of test_alpha.sh, checking frames with alpha
 * against the opaque frame the same render writes (read with libpng's
 * simplified reader; exit 0 when the check holds, 1 with lines saying what
 * differs, 2 on bad usage or an unreadable file).
 *
 *   alpha_check png RGBA.png RGB.png
 *     RGBA.png is colour type 6 and holds exactly rgba_unpremultiply (the
 *     scalar reference) of RGB.png, and composited over black, rounded to
 *     nearest, gives back RGB.png exactly.
 *   alpha_check decoded FRAME.rgba RGB.png TOLERANCE
 *     FRAME.rgba is a raw RGBA frame a decoder wrote (ffmpeg -pix_fmt rgba):
 *     its alpha is <= TOLERANCE wherever RGB.png is black (all channels 0
 *     over a 5x5 neighbourhood: lossy codecs ring at edges) and within
 *     TOLERANCE of the brightest channel wherever that is bright (>= 250;
 *     255 gives alpha 255); both kinds of pixel must exist. Prints the
 *     counts. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gfx_kernels.h"

static unsigned char *read_png(const char *path, int rgba, int *width, int *height)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path)) {
        fprintf(stderr, "alpha_check: %s: %s\n", path, img.message);
        return NULL;
    }
    if (!!(img.format & PNG_FORMAT_FLAG_ALPHA) != rgba) {
        fprintf(stderr, "alpha_check: %s: %s alpha channel; expected %s\n", path,
                rgba ? "no" : "an", rgba ? "RGBA" : "RGB");
        png_image_free(&img);
        return NULL;
    }
    img.format = rgba ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
    if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
        fprintf(stderr, "alpha_check: %s: %s\n", path, px ? img.message : "out of memory");
        free(px);
        return NULL;
    }
    *width = (int)img.width, *height = (int)img.height;
    return px;
}

static int check_png(const char *rgba_path, const char *rgb_path)
{
    int w, h, w2, h2;
    unsigned char *rgba = read_png(rgba_path, 1, &w, &h), *rgb = read_png(rgb_path, 0, &w2, &h2);
    if (!rgba || !rgb || w != w2 || h != h2) {
        if (rgba && rgb)
            fprintf(stderr, "alpha_check: %dx%d against %dx%d\n", w, h, w2, h2);
        return 2;
    }
    struct gfx_kernels k;
    gfx_kernels_init(&k, GFX_ISA_SCALAR);
    unsigned char *expect = malloc((size_t)4 * w * h);
    k.rgba_unpremultiply(expect, 4 * (ptrdiff_t)w, rgb, 3 * (ptrdiff_t)w, w, h);
    long differ = 0, not_back = 0, transparent = 0;
    for (long i = 0; i < (long)w * h; i++) {
        differ += memcmp(rgba + 4 * i, expect + 4 * i, 4) != 0;
        for (int c = 0; c < 3; c++)
            not_back += gfx_div255((unsigned)rgba[4 * i + c] * rgba[4 * i + 3]) != rgb[3 * i + c];
        transparent += rgba[4 * i + 3] == 0;
    }
    printf("%s: %dx%d, %ld pixels transparent, %ld unlike the kernel's, %ld channels not "
           "recovered over black\n",
           rgba_path, w, h, transparent, differ, not_back);
    free(expect), free(rgba), free(rgb);
    return differ || not_back || !transparent ? 1 : 0;
}

static int black_around(const unsigned char *rgb, int w, int h, int x, int y)
{
    for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++) {
            int xx = x + dx < 0 ? 0 : x + dx >= w ? w - 1 : x + dx;
            int yy = y + dy < 0 ? 0 : y + dy >= h ? h - 1 : y + dy;
            const unsigned char *p = rgb + 3 * ((long)yy * w + xx);
            if (p[0] | p[1] | p[2])
                return 0;
        }
    return 1;
}

static int check_decoded(const char *raw_path, const char *rgb_path, int tolerance)
{
    int w, h;
    unsigned char *rgb = read_png(rgb_path, 0, &w, &h);
    if (!rgb)
        return 2;
    size_t bytes = (size_t)4 * w * h;
    unsigned char *rgba = malloc(bytes);
    FILE *f = fopen(raw_path, "rb");
    size_t got = f && rgba ? fread(rgba, 1, bytes, f) : 0;
    if (f)
        fclose(f);
    if (got != bytes) {
        fprintf(stderr, "alpha_check: %s: %zu bytes; expected a %dx%d RGBA frame (%zu)\n", raw_path,
                got, w, h, bytes);
        return 2;
    }
    long black = 0, bright = 0, black_bad = 0, bright_bad = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            const unsigned char *p = rgb + 3 * ((long)y * w + x);
            int a = rgba[4 * ((long)y * w + x) + 3];
            int max = p[0] > p[1] ? p[0] : p[1];
            max = max > p[2] ? max : p[2];
            if (black_around(rgb, w, h, x, y))
                black++, black_bad += a > tolerance;
            else if (max >= 250)
                bright++, bright_bad += a < max - tolerance || a > max + tolerance;
        }
    printf("%s: alpha > %d at %ld of %ld black pixels, more than %d from the brightest channel "
           "at %ld of %ld bright pixels\n",
           raw_path, tolerance, black_bad, black, tolerance, bright_bad, bright);
    free(rgb), free(rgba);
    return black && bright && !black_bad && !bright_bad ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "png"))
        return check_png(argv[2], argv[3]);
    if (argc == 5 && !strcmp(argv[1], "decoded"))
        return check_decoded(argv[2], argv[3], atoi(argv[4]));
    fprintf(stderr, "usage: alpha_check png RGBA.png RGB.png | decoded FRAME.rgba RGB.png TOL\n");
    return 2;
}
