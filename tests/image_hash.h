/* The hash the frame tests compare: 64-bit FNV-1a over the visible bytes of
 * an image, row by row (padding past 3 * width is not part of the picture).
 * tests/golden/frames.txt holds values of exactly this function. */
#ifndef GFX_TEST_IMAGE_HASH_H
#define GFX_TEST_IMAGE_HASH_H

#include <stdint.h>

#include "image.h"

static inline uint64_t image_hash(const gfx_image *img)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (int y = 0; y < img->height; y++) {
        const uint8_t *p = img->px + y * img->stride;
        for (int x = 0; x < 3 * img->width; x++)
            h = (h ^ p[x]) * 0x100000001b3ull;
    }
    return h;
}

#endif
