#include "soundtrack.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "files.h"
#include "interrupt.h"

/* Chord roots in Hz (octave 2) and the chord's third in semitones above the
 * root (3 = minor, 4 = major): Am F C G. */
static const double chord_root_hz[4] = {110.0, 87.307, 130.813, 97.999};
static const int chord_third[4] = {3, 4, 4, 4};

/* Deterministic white noise in -1..1 from a sample counter. */
static float noise(uint32_t n)
{
    n ^= n >> 16;
    n *= 0x7feb352dU;
    n ^= n >> 15;
    n *= 0x846ca68bU;
    n ^= n >> 16;
    return (float)n / 2147483648.0f - 1.0f;
}

static double semitones(double hz, int n)
{
    return hz * pow(2.0, n / 12.0);
}

/* How loud each part plays in bar `bar` of `n_bars` (the arrangement). */
typedef struct mix {
    double drums, bass, pad, hats;
} mix;

static mix arrangement(int bar, int n_bars)
{
    /* A short clip (under 8 bars: 16 s) is all groove, so a few seconds of
     * demo still show the beat. */
    int breakdown_start = n_bars / 2, breakdown_end = breakdown_start + 2;
    if (n_bars >= 8 && bar < 2)
        return (mix){0, 0, 0.8, 0.5};
    if (n_bars >= 12 && bar >= breakdown_start && bar < breakdown_end)
        return (mix){0, 0.3, 0.6, 0};
    return (mix){1, 1, 0.6, 1};
}

static double kick(double t)
{
    /* A sine whose pitch falls from 150 to 45 Hz: phase is the integral. */
    double f0 = 150, f1 = 45, k = 30;
    double phase = 2 * M_PI * (f1 * t + (f0 - f1) * (1 - exp(-k * t)) / k);
    return sin(phase) * exp(-t * 9);
}

static double snare(double t, uint32_t n)
{
    return 0.6 * noise(n) * exp(-t * 22) + 0.4 * sin(2 * M_PI * 185 * t) * exp(-t * 30);
}

static double hat(double t, uint32_t n)
{
    /* Difference of two noise samples: a crude high-pass, hats live above 6 kHz. */
    return 0.5 * (noise(n) - noise(n + 1)) * exp(-t * 60);
}

static double bass(double t, double hz)
{
    double s = 0;
    for (int h = 1; h <= 4; h++)
        s += sin(2 * M_PI * hz * h * t) / h;
    return 0.6 * s * exp(-t * 5);
}

/* The pad's three notes per chord, two octaves above the root (Hz). */
typedef struct chord_notes {
    double hz[4][3];
} chord_notes;

static chord_notes pad_notes(void)
{
    chord_notes c;
    for (int chord = 0; chord < 4; chord++) {
        int notes[3] = {0, chord_third[chord], 7};
        for (int i = 0; i < 3; i++)
            c.hz[chord][i] = semitones(chord_root_hz[chord], 24 + notes[i]);
    }
    return c;
}

static double pad(const chord_notes *notes, double t, double bar_t, int chord)
{
    double s = 0;
    for (int i = 0; i < 3; i++) {
        double hz = notes->hz[chord][i];
        s += sin(2 * M_PI * hz * t) + 0.3 * sin(2 * M_PI * 2 * hz * t + 0.5);
    }
    double swell = 1 - exp(-bar_t * 4);
    return s / 3 * swell;
}

float *gfx_soundtrack_synthesize(double seconds, int rate, size_t *n_samples)
{
    if (seconds <= 0 || rate <= 0)
        return NULL;
    size_t n = (size_t)llround(seconds * rate);
    float *out = malloc(sizeof(float) * n);
    if (!out)
        return NULL;
    const double beat_s = 60.0 / GFX_SOUNDTRACK_BPM, bar_s = 4 * beat_s, eighth_s = beat_s / 2;
    int n_bars = (int)ceil(seconds / bar_s);
    chord_notes notes = pad_notes();
    for (size_t i = 0; i < n; i++) {
        if ((i & 0xffff) == 0 && gfx_interrupted()) {
            free(out);
            errno = EINTR;
            return NULL;
        }
        double t = (double)i / rate;
        int bar = (int)(t / bar_s), beat = (int)(t / beat_s), eighth = (int)(t / eighth_s);
        double bar_t = t - bar * bar_s, beat_t = t - beat * beat_s,
               eighth_t = t - eighth * eighth_s;
        int chord = bar % 4;
        mix m = arrangement(bar, n_bars);
        double s = 0;
        s += m.drums * 0.9 * kick(beat_t);
        if (beat % 2 == 1)
            s += m.drums * 0.5 * snare(beat_t, (uint32_t)i);
        s += m.hats * 0.25 * hat(eighth_t, (uint32_t)i * 2654435761u);
        /* Bass: root on the beat, octave on the off-beat eighth. */
        s += m.bass * 0.35 * bass(eighth_t, chord_root_hz[chord] * (eighth % 2 ? 2 : 1));
        s += m.pad * 0.12 * pad(&notes, t, bar_t, chord);
        double fade = fmin(1.0, (seconds - t) / bar_s) * fmin(1.0, t / 0.05);
        out[i] = (float)(fmax(-1.0, fmin(1.0, 0.7 * s * fade)));
    }
    *n_samples = n;
    return out;
}

static void put_le(unsigned char *p, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

int gfx_write_wav(const char *path, const float *samples, size_t n_samples, int rate)
{
    if (n_samples > (UINT32_MAX - 44) / 2) {
        errno = EFBIG;
        return -1;
    }
    uint32_t data_bytes = (uint32_t)(n_samples * 2);
    unsigned char header[44];
    memcpy(header, "RIFF", 4);
    put_le(header + 4, 36 + data_bytes, 4);
    memcpy(header + 8, "WAVEfmt ", 8);
    put_le(header + 16, 16, 4); /* fmt chunk size */
    put_le(header + 20, 1, 2);  /* PCM */
    put_le(header + 22, 1, 2);  /* mono */
    put_le(header + 24, (uint32_t)rate, 4);
    put_le(header + 28, (uint32_t)rate * 2, 4); /* bytes per second */
    put_le(header + 32, 2, 2);                  /* block align */
    put_le(header + 34, 16, 2);                 /* bits per sample */
    memcpy(header + 36, "data", 4);
    put_le(header + 40, data_bytes, 4);

    gfx_atomic out;
    char err[256];
    if (gfx_atomic_open(&out, path, GFX_ATOMIC_STREAM, err, sizeof err) < 0)
        return -1; /* errno says why */
    FILE *f = out.f;
    int ok = fwrite(header, sizeof header, 1, f) == 1;
    unsigned char block[8192];
    for (size_t i = 0; ok && i < n_samples;) {
        size_t k = 0;
        for (; k < sizeof block / 2 && i < n_samples; k++, i++) {
            long v = lrintf(samples[i] * 32767.0f);
            v = v < -32768 ? -32768 : v > 32767 ? 32767 : v;
            put_le(block + 2 * k, (uint32_t)(uint16_t)(int16_t)v, 2);
        }
        ok = fwrite(block, 2, k, f) == k;
    }
    if (!ok) {
        int saved = errno;
        gfx_atomic_abort(&out);
        errno = saved;
        return -1;
    }
    return gfx_atomic_commit(&out, 0, err, sizeof err);
}
