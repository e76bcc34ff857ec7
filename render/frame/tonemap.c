#include "tonemap.h"

#include <math.h>

#define BINS 1024
#define COARSE_BINS 64
#define MAX_SAMPLES 4096
#define VISIBLE (1.0f / 512.0f)
#define BISECTIONS 8

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

/* Histogram (`bins` bins) of the visible values of every step-th cell;
 * returns how many were visible, and in *sampled how many cells were read. */
static int visible_histogram(const float *value, int n, int *hist, int bins, int *sampled)
{
    int step = (n + MAX_SAMPLES - 1) / MAX_SAMPLES, total = 0;
    for (int b = 0; b < bins; b++)
        hist[b] = 0;
    *sampled = 0;
    if (step < 1)
        return 0;
    for (int i = 0; i < n; i += step) {
        float v = value[i];
        ++*sampled;
        if (!(v > VISIBLE))
            continue;
        int b = v >= 1.0f ? bins - 1 : (int)(v * (float)bins);
        hist[b]++;
        total++;
    }
    return total;
}

gfx_tonemap_range gfx_tonemap_measure(const float *value, int n)
{
    gfx_tonemap_range identity = {0.0f, 1.0f};
    int hist[BINS], sampled, total = visible_histogram(value, n, hist, BINS, &sampled);
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

/* The visible cells of the subsample in COARSE_BINS bins: how many, and
 * the mean value of each bin (which stands for all of its cells). */
struct coarse_histogram {
    int count[COARSE_BINS], sampled;
    float mean[COARSE_BINS];
};

static int coarse_histogram(const float *value, int n, struct coarse_histogram *h)
{
    int total = visible_histogram(value, n, h->count, COARSE_BINS, &h->sampled);
    double sum[COARSE_BINS] = {0};
    int step = (n + MAX_SAMPLES - 1) / MAX_SAMPLES;
    for (int i = 0; step > 0 && i < n; i += step) {
        float v = value[i];
        if (v > VISIBLE)
            sum[v >= 1.0f ? COARSE_BINS - 1 : (int)(v * (float)COARSE_BINS)] += v;
    }
    for (int b = 0; b < COARSE_BINS; b++)
        h->mean[b] = h->count[b] ? (float)(sum[b] / h->count[b]) : 0.0f;
    return total;
}

/* The mean of clamp((v - lo) / (hi - lo), 0, 1)^e over the sampled cells. */
static float coarse_mean(const struct coarse_histogram *h, gfx_tonemap_range r, float e)
{
    double sum = 0.0;
    for (int b = 0; b < COARSE_BINS; b++) {
        if (!h->count[b])
            continue;
        float x = (h->mean[b] - r.lo) / (r.hi - r.lo);
        x = x < 0.0f ? 0.0f : x > 1.0f ? 1.0f : x;
        sum += h->count[b] * (double)powf(x, e);
    }
    return (float)(sum / h->sampled);
}

/* The scene's gamma, or lower for a sparse frame (tonemap.h). */
static float lifted_gamma(const float *value, int n, gfx_tonemap_range r, float gamma)
{
    struct coarse_histogram h;
    if (gamma <= GFX_TONEMAP_MIN_GAMMA || coarse_histogram(value, n, &h) < 8 ||
        coarse_mean(&h, r, gamma) >= GFX_TONEMAP_MEAN_TARGET)
        return gamma;
    float lo = GFX_TONEMAP_MIN_GAMMA, hi = gamma; /* the mean is reached at lo, missed at hi */
    if (coarse_mean(&h, r, lo) < GFX_TONEMAP_MEAN_TARGET)
        return lo;
    for (int i = 0; i < BISECTIONS; i++) {
        float mid = 0.5f * (lo + hi);
        if (coarse_mean(&h, r, mid) >= GFX_TONEMAP_MEAN_TARGET)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void gfx_tonemap_apply(float *value, int n, gfx_tonemap_range range, float gamma)
{
    float table[BINS + 1], e = lifted_gamma(value, n, range, gamma);
    for (int i = 0; i <= BINS; i++)
        table[i] = powf((float)i / BINS, e);
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
