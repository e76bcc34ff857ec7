/* Where a render's features come from: a song (analyzed, or read from the
 * cache next to it), the built-in soundtrack (synthesized, written to a
 * temporary WAV so a video has sound, and analyzed in-process), or features
 * synthesized at a tempo (no sound). The caller owns the source and closes
 * it, which removes the soundtrack's WAV; nothing is registered at exit. */
#ifndef GFX_SOURCE_H
#define GFX_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "audio.h"
#include "audio_features.h"
#include "status.h"

enum gfx_source_kind { GFX_SOURCE_SONG, GFX_SOURCE_SOUNDTRACK, GFX_SOURCE_SYNTH };

typedef struct gfx_source_config {
    const char *song; /* any file ffmpeg reads, or NULL */
    int soundtrack; /* without a song: 1 for the built-in soundtrack, 0 for synthesized features */
    double fps;
    double requested; /* the length asked for, or 0: caps a song, sets the soundtrack's length */
    double duration;  /* synthesized features' length (the caller's default) */
    float bpm;        /* synthesized features' tempo */
    uint32_t seed;    /* synthesized features' seed */
} gfx_source_config;

typedef struct gfx_feature_source {
    enum gfx_source_kind kind;
    gfx_feature_track track; /* one frame per video frame of the render */
    double duration;         /* the render's length, seconds */
    const char *mux_audio;   /* the sound for a video: the song, the soundtrack's WAV, or NULL */
    gfx_audio_info song;     /* SONG: its length and feature cache */
    double load_s;           /* SONG: seconds spent analyzing or reading the cache */
    char wav[4096];          /* SOUNDTRACK: the temporary WAV ("" once removed) */
} gfx_feature_source;

/* Fills s. Returns GFX_OK, or another status with one line in msg; s needs
 * no close then. */
gfx_status gfx_feature_source_open(gfx_feature_source *s, const gfx_source_config *cfg, char *msg,
                                   size_t msg_size);
/* Frees the track and removes the soundtrack's WAV. */
void gfx_feature_source_close(gfx_feature_source *s);

#endif
