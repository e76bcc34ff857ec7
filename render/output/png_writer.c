#include "png_writer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "png_encode.h"

int gfx_png_writer_from_env(char *err, size_t err_size)
{
    const char *v = getenv("GLYPHFX_PNG");
    if (!v || !*v || !strcmp(v, "glyphfx"))
        return GFX_PNG_WRITER_GLYPHFX;
    if (!strcmp(v, "libpng"))
        return GFX_PNG_WRITER_LIBPNG;
    snprintf(err, err_size, "GLYPHFX_PNG=%s: expected glyphfx or libpng", v);
    return -1;
}

int gfx_png_write_glyphfx(FILE *f, const gfx_image *img, int channels, char *err, size_t err_size)
{
    size_t bound = gfx_png_encode_bound(img->width, img->height, channels);
    uint8_t *buf = bound ? malloc(bound) : NULL;
    if (!buf) {
        snprintf(err, err_size, bound ? "out of memory" : "%dx%d is beyond the PNG encoder",
                 img->width, img->height);
        return -1;
    }
    size_t size =
        gfx_png_encode(NULL, buf, bound, img->px, img->stride, img->width, img->height, channels);
    int rc = 0;
    if (!size)
        rc = -1, snprintf(err, err_size, "out of memory in the PNG encoder");
    else if (fwrite(buf, 1, size, f) != size)
        rc = -1, snprintf(err, err_size, "%s", strerror(errno));
    free(buf);
    return rc;
}
