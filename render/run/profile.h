/* Quality profiles (the seed's table) and the measured "auto" choice.
 *
 *   draft       960x540   @12  crf 28  grid 0.5   shaders minimal   particles  200
 *   preview    1280x720   @15  crf 25  grid 0.75  shaders standard  particles  500
 *   production 1920x1080  @24  crf 20  grid 1     shaders full      particles 1200
 *   max        3840x2160  @30  crf 15  grid 2     shaders full      particles 3000
 *
 * auto measures this machine (a short render, gfx_profile_measure_ms; for
 * a video also the encoder, gfx_profile_measure_video) and picks the best of
 * production, preview and draft whose whole render fits a time budget
 * (gfx_profile_choose_video, a pure function so tests and `probe` share it). auto never picks max: at 4K the encoder, not the renderer,
 * sets the pace, and the files are huge; ask for it by name. */
#ifndef GFX_PROFILE_H
#define GFX_PROFILE_H

#include <stddef.h>

struct gfx_encode_settings;

typedef struct gfx_profile {
    const char *name;
    int width, height;
    double fps;
    int crf;
    float grid_scale;
    int shader_level; /* enum gfx_shader_level */
    int particles_max;
} gfx_profile;

enum {
    GFX_PROFILE_DRAFT = 0,
    GFX_PROFILE_PREVIEW,
    GFX_PROFILE_PRODUCTION,
    GFX_PROFILE_MAX,
    GFX_PROFILES
};

const gfx_profile *gfx_profile_at(int i);
/* draft|preview|production|max; NULL otherwise ("auto" is not a profile). */
const gfx_profile *gfx_profile_find(const char *name);

/* Milliseconds per frame of the full pipeline (effect, colour, tonemap,
 * blit, the profile's shader chain) at the profile's size on one core of
 * this machine: the median of `frames` frames after one warm-up frame.
 * Measured once per process for each rendering setting (size, fps, grid
 * scale, shader level, particles): a later call with the same settings,
 * whatever its `frames`, returns the first answer, so `--quality auto` and
 * the job's estimate share one micro-render. Thread-safe. Returns a
 * negative number if a renderer cannot be created (not remembered). */
double gfx_profile_measure_ms(const gfx_profile *profile, int frames);

/* Bytes one render worker holds at the profile's size: its renderer (about
 * 4.6 RGB24 frames, as measured by `glyphfx render --stage-times`) and its
 * two reorder slots, about 7 frames, plus 8 MiB. The worker plan divides
 * memory by it, in `render` and in `probe` alike. */
size_t gfx_profile_worker_bytes(const gfx_profile *profile);

/* Bytes ffmpeg's x264 holds while encoding the profile's size (mostly its
 * lookahead): about 128 bytes a pixel, from the 1.06 GB peak measured at 4K
 * (max, 3840x2160); 265 MB at 1080p. The worker plan keeps it out of the
 * memory it divides among workers for a video, and `probe` shows it. */
size_t gfx_profile_encoder_bytes(const gfx_profile *profile);

/* gfx_profile_measure_ms and, when `encode` is not NULL (a video output:
 * its path, crf (-1: the profile's), preset and pipe; the size and frame
 * rate are the profile's), the encoder's
 * milliseconds per frame on frames of the same scene (gfx_ffmpeg_encode_ms,
 * `encode_frames` of them, at least 2). Either is negative when it could
 * not be measured. */
void gfx_profile_measure_video(const gfx_profile *profile, int frames,
                               const struct gfx_encode_settings *encode, int encode_frames,
                               double *render_ms, double *encode_ms);

/* The best of production, preview, draft whose estimated time for the
 * whole video is at most budget_s (the seed downgrades past an hour:
 * budget 3600). The model: the workers render while ffmpeg encodes, on
 * other cores, so the slower of the two sets the pace:
 *   duration_s * fps * max(render_ms[i] / workers, encode_ms[i]) / 1000
 * encode_ms NULL (PNG, null output) or encode_ms[i] <= 0 (not measured):
 * the renderer alone. render_ms[i] <= 0 means not measured: that profile is
 * skipped. Writes a one-line reason to why. Never returns NULL: draft if
 * nothing fits. */
const gfx_profile *gfx_profile_choose_video(const double render_ms[GFX_PROFILES],
                                            const double encode_ms[GFX_PROFILES], int workers,
                                            double duration_s, double budget_s, char *why,
                                            int why_size);

/* gfx_profile_choose_video without an encoder: the best of production, preview, draft whose estimated render time
 *   duration_s * fps * ms_per_frame[i] / 1000 / workers
 * is at most budget_s (the seed downgrades past an hour: budget 3600).
 * ms_per_frame[i] <= 0 means not measured: that profile is skipped.
 * Writes a one-line reason to why. Never returns NULL: draft if nothing fits. */
const gfx_profile *gfx_profile_choose(const double ms_per_frame[GFX_PROFILES], int workers,
                                      double duration_s, double budget_s, char *why, int why_size);

#endif
