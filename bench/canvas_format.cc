// The two canvas formats' passes (see canvas_format.h). Each format gets its
// own copy of the loop with a constant bytes-per-pixel so the vectorizer sees
// fixed strides.
#include "canvas_format.h"

extern "C" {
#include "gfx_kernels.h"
}

template <int BPP> static void vignette_pass(uint8_t *canvas, const uint8_t *mask, size_t pixels)
{
    for (size_t i = 0; i < pixels; i++)
        for (int c = 0; c < BPP; c++)
            canvas[BPP * i + c] = (uint8_t)gfx_div255(canvas[BPP * i + c] * mask[i]);
}

template <int BPP>
static void blit_pass(uint8_t *canvas, const uint8_t *coverage_rows, const uint8_t *colour_row,
                      int width, int height, int period)
{
    const size_t row_bytes = (size_t)BPP * (size_t)width;
    for (int y = 0; y < height; y++) {
        uint8_t *dst = canvas + (size_t)y * row_bytes;
        const uint8_t *cov = coverage_rows + (size_t)(y % period) * row_bytes;
        for (size_t x = 0; x < row_bytes; x++) {
            uint8_t v = (uint8_t)gfx_div255(cov[x] * colour_row[x]);
            dst[x] = dst[x] > v ? dst[x] : v;
        }
    }
}

void gfx_format_vignette(uint8_t *canvas, const uint8_t *mask, size_t pixels, int bpp)
{
    if (bpp == 3)
        vignette_pass<3>(canvas, mask, pixels);
    else
        vignette_pass<4>(canvas, mask, pixels);
}

void gfx_format_blit(uint8_t *canvas, const uint8_t *coverage_rows, const uint8_t *colour_row,
                     int width, int height, int period, int bpp)
{
    if (bpp == 3)
        blit_pass<3>(canvas, coverage_rows, colour_row, width, height, period);
    else
        blit_pass<4>(canvas, coverage_rows, colour_row, width, height, period);
}
