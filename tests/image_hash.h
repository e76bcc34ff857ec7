/* The hash the frame tests compare: 64-bit FNV-1a over the visible bytes of
 * an image, row by row (padding past 3 * width is not part of the picture).
 * tests/golden/frames.txt holds values of exactly this function. */
#ifndef GFX_TEST_IMAGE_HASH_H
#define GFX_TEST_IMAGE_HASH_H

#include <stdint.h>

#include "files.h"
#include "image.h"

static inline uint64_t image_hash(const gfx_image *img)
{
    uint64_t h = GFX_FNV1A64_OFFSET;
    for (int y = 0; y < img->height; y++)
        h = gfx_fnv1a64(h, img->px + y * img->stride, 3 * (size_t)img->width);
    return h;
}

#endif
