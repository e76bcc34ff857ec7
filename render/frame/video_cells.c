#include "video_cells.h"

static uint16_t cell_glyph(const gfx_video_look *look, int v, int edge, int dir)
{
    if (v <= GFX_VIDEO_BLANK_LUMA)
        return 0;
    if (look->edge_threshold > 0 && edge > look->edge_threshold)
        return look->edge_glyph[dir & 3];
    const int n = look->ramp->n, i = v * n / 255;
    return look->ramp->glyph[i < n - 1 ? i : n - 1];
}

void gfx_video_cells(const gfx_cell_planes *stats, int rows, int cols, const gfx_video_look *look,
                     gfx_cell *cells, ptrdiff_t cells_stride)
{
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            const ptrdiff_t i = r * stats->stride + c;
            const int v = (int)((stats->luma[i] * look->brightness_q8 + 128) >> 8);
            int f = (384 * v + 127) / 255 + 77;
            f = f > 256 ? 256 : f;
            gfx_cell *cell = &cells[r * cells_stride + c];
            cell->glyph = cell_glyph(look, v, stats->edge[i], stats->edge_dir[i]);
            cell->r = (uint8_t)((stats->r[i] * f + 128) >> 8);
            cell->g = (uint8_t)((stats->g[i] * f + 128) >> 8);
            cell->b = (uint8_t)((stats->b[i] * f + 128) >> 8);
            cell->reserved = 0;
        }
}
