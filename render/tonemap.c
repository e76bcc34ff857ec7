#include "tonemap.h"

#include <math.h>

#define BINS 1024
#define MAX_SAMPLES 4096
#define VISIBLE (1.0f / 512.0f)

static float percentile_bin(const int *hist, int total, double fraction)
{
    int target = (int)ceil(fraction * total), seen = 0;
    for (int b = 0; b < BINS; b++) {
        seen += hist[b];
        if (seen >= target)
            return (float)(b + 1) / BINS;
    }
    return 1.0f;
}

gfx_tonemap_range gfx_tonemap_measure(const float *value, int n)
{
    gfx_tonemap_range identity = {0.0f, 1.0f};
    int step = (n + MAX_SAMPLES - 1) / MAX_SAMPLES, hist[BINS] = {0}, total = 0;
    if (step < 1)
        return identity;
    for (int i = 0; i < n; i += step) {
        float v = value[i];
        if (!(v > VISIBLE))
            continue;
        int b = v >= 1.0f ? BINS - 1 : (int)(v * BINS);
        hist[b]++;
        total++;
    }
    if (total < 8)
        return identity;
    gfx_tonemap_range r = {percentile_bin(hist, total, 0.01) - 1.0f / BINS,
                           percentile_bin(hist, total, 0.995)};
    if (r.hi < 0.15f)
        r.hi = 0.15f;
    if (r.lo > 0.5f * r.hi)
        r.lo = 0.5f * r.hi;
    if (r.lo < 0.0f)
        r.lo = 0.0f;
    return r;
}

void gfx_tonemap_apply(float *value, int n, gfx_tonemap_range range, float gamma)
{
    float table[BINS + 1];
    for (int i = 0; i <= BINS; i++)
        table[i] = powf((float)i / BINS, gamma);
    float scale = 1.0f / (range.hi - range.lo);
    for (int i = 0; i < n; i++) {
        float v = value[i];
        if (!(v > 0.0f)) {
            value[i] = 0.0f;
            continue;
        }
        float x = (v - range.lo) * scale;
        x = x < 0.0f ? 0.0f : x > 1.0f ? 1.0f : x;
        float pos = x * BINS;
        int k = (int)pos;
        k = k >= BINS ? BINS - 1 : k;
        float f = pos - (float)k;
        value[i] = table[k] + (table[k + 1] - table[k]) * f;
    }
}
