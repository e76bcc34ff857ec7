#include "image.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gfx_kernels.h"

int gfx_image_alloc(gfx_image *img, int width, int height)
{
    memset(img, 0, sizeof *img);
    if (width <= 0 || height <= 0) {
        errno = EINVAL;
        return -1;
    }
    size_t stride = (size_t)width * 3;
    size_t bytes = stride * (size_t)height + GFX_CANVAS_PAD;
    bytes = (bytes + 63) & ~(size_t)63; /* aligned_alloc wants a multiple of the alignment */
    img->px = aligned_alloc(64, bytes);
    if (!img->px)
        return -1;
    memset(img->px, 0, bytes);
    img->width = width;
    img->height = height;
    img->stride = (ptrdiff_t)stride;
    return 0;
}

void gfx_image_free(gfx_image *img)
{
    free(img->px);
    memset(img, 0, sizeof *img);
}
