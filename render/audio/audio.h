/* Audio analysis: from a song to one gfx_features per video frame.
 *
 * Decoding: any file ffmpeg reads, through an ffmpeg pipe (first audio
 * stream, mixed to mono, resampled to GFX_AUDIO_RATE, f32le on stdout;
 * ffmpeg's stderr to a log file). Frames are measured as their samples
 * arrive, so decoding (in ffmpeg) and the FFTs (here) overlap; the result
 * is the same bytes as gfx_audio_analyze over the whole song.
 *
 * Analysis, per video frame f (time t = f / fps): a Hann window two hops
 * long (hop = rate / fps) centred on t, zero-padded to a power of two, one
 * FFTW single-precision real FFT (plan made once per track). From it: rms,
 * the six band energies of audio_features.h, spectral centroid, flatness and
 * flux (positive log-magnitude change). Onsets: flux smoothed over 3 frames,
 * minus its mean over the surrounding second, clamped at 0. Beats: local
 * maxima of the onset curve above a threshold, at least GFX_BEAT_MIN_SPACING
 * apart (the stronger of two close peaks wins). beat_env is 1 on a beat and
 * decays exponentially after it. Fast and slow smoothing are one-pole
 * followers (fast: quick attack and release; slow: about a second).
 *
 * Normalization (so scenes read the same on quiet and loud songs): each
 * curve is divided by its 99th percentile over the track and clamped to
 * 0..1. Band amplitudes (square roots of band energies) share a floor: a
 * band is never divided by less than GFX_BAND_FLOOR times the loudest band's
 * percentile, so an empty band stays near 0 instead of amplifying noise. */
#ifndef GFX_AUDIO_H
#define GFX_AUDIO_H

#include <stddef.h>

#include "audio_features.h"
#include "status.h"

#define GFX_AUDIO_RATE 44100
#define GFX_BEAT_MIN_SPACING 0.3 /* seconds: 200 BPM at most */
#define GFX_BAND_FLOOR 0.03f     /* about -30 dB in amplitude */

typedef struct gfx_audio_info {
    double duration;           /* seconds of decoded audio */
    double container_duration; /* what the file says it lasts; 0: unknown or from the cache */
    int from_cache;            /* 1 when the features came from the cache file */
    char cache_path[1024];     /* the cache file used or written; empty if none */
} gfx_audio_info;

/* Analyzes mono samples at `rate` Hz into a track at `fps` frames per
 * second: n_frames = ceil(n_samples * fps / rate). Returns 0, or -1 when
 * out of memory or the input is empty. The track owns its frames (free with
 * gfx_feature_track_release). */
int gfx_audio_analyze(const float *samples, size_t n_samples, int rate, double fps,
                      gfx_feature_track *track);

/* Decodes `path` through ffmpeg and analyzes it, or reads the cache next to
 * it ("<dir>/.<name>.glyphfx-features"), valid when its header matches the
 * gfx_hash64_words hash (files.h) of the file's bytes and the settings (rate, fps, version)
 * and its payload checksum holds. A missing, stale or corrupt cache is
 * (re)written through a temporary name and a rename; an unwritable directory
 * only skips caching. Returns GFX_OK; GFX_BAD_INPUT (missing, empty, not
 * audio, no audio stream), GFX_INTERRUPTED or GFX_FAILED with one line in
 * err that names the file and what was expected. */
gfx_status gfx_audio_load(const char *path, double fps, gfx_feature_track *track,
                          gfx_audio_info *info, char *err, size_t err_size);

/* Decodes the first audio stream of `path` to mono float samples at
 * GFX_AUDIO_RATE (malloc'd; the caller frees). Returns GFX_OK; GFX_BAD_INPUT
 * (not audio, no audio stream, no samples) or another status, with one line
 * in err. Does not check the path first: gfx_audio_load does. */
gfx_status gfx_audio_decode(const char *path, float **samples, size_t *n_samples, char *err,
                            size_t err_size);

#endif
