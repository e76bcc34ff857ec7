/* An RGB24 image as the kernels take it: contiguous rows (stride = 3*width,
 * which is what ffmpeg's rgb24 and libpng expect), 64-byte aligned, with
 * GFX_CANVAS_PAD readable bytes after the last row. */
#ifndef GFX_IMAGE_H
#define GFX_IMAGE_H

#include <stddef.h>
#include <stdint.h>

typedef struct gfx_image {
    uint8_t *px;
    int width, height;
    ptrdiff_t stride;
} gfx_image;

/* Zero-filled. Returns 0, or -1 (errno set) when out of memory. */
int gfx_image_alloc(gfx_image *img, int width, int height);
void gfx_image_free(gfx_image *img);
static inline size_t gfx_image_bytes(const gfx_image *img)
{
    return (size_t)img->stride * (size_t)img->height;
}

#endif
