/* The built-in soundtrack: a deterministic synthesized song, so `glyphfx
 * render` with no input still makes a video with sound. 120 BPM in 4/4
 * (a beat every 0.5 s): kick on every beat, snare on 2 and 4, hi-hats on
 * eighths, a bass line on the chord roots and pad chords (Am F C G, one bar
 * each). Sections: an intro of pads and hats, the full groove, a quiet
 * breakdown, the groove again, and a fade over the last bar, so the video
 * has quiet and active parts (clips under 8 bars are all groove; under 12,
 * without the breakdown). Same bytes on every run and machine (noise
 * comes from a counter hash, not an RNG). */
#ifndef GFX_SOUNDTRACK_H
#define GFX_SOUNDTRACK_H

#include <stddef.h>

#define GFX_SOUNDTRACK_SECONDS 30.0
#define GFX_SOUNDTRACK_BPM 120.0
/* Synthesis is whole-song (the arrangement depends on the length) and takes
 * about 1/60 of real time and 12 bytes a sample: 10 minutes is 10 s and
 * 300 MB at most. A longer video wants a real song. */
#define GFX_SOUNDTRACK_MAX_SECONDS 600.0

/* Mono samples in -1..1 at `rate` Hz, `seconds` long (malloc'd; the caller
 * frees). NULL when out of memory or seconds <= 0, or with errno EINTR once
 * gfx_interrupted(). */
float *gfx_soundtrack_synthesize(double seconds, int rate, size_t *n_samples);

/* Writes 16-bit PCM mono WAV through a temporary name in the same directory
 * and a rename. Returns 0, or -1 with errno set (nothing left behind). */
int gfx_write_wav(const char *path, const float *samples, size_t n_samples, int rate);

#endif
