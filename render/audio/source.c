/* The feature source: see source.h. */
#include "source.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interrupt.h"
#include "soundtrack.h"
#include "synth_features.h"
#include "timing.h"

static int frames_for(double seconds, double fps)
{
    return (int)ceil(seconds * fps - 1e-9);
}

/* The song sets the length unless a shorter one was asked for. */
static gfx_status open_song(gfx_feature_source *s, const gfx_source_config *cfg, char *msg,
                            size_t msg_size)
{
    double t0 = gfx_now_s();
    gfx_status status = gfx_audio_load(cfg->song, cfg->fps, &s->track, &s->song, msg, msg_size);
    if (status)
        return status;
    s->load_s = gfx_now_s() - t0;
    s->mux_audio = cfg->song;
    s->duration = cfg->requested > 0.0 && cfg->requested < s->song.duration ? cfg->requested
                                                                            : s->song.duration;
    int n_frames = frames_for(s->duration, cfg->fps);
    if (n_frames < s->track.n_frames)
        s->track.n_frames = n_frames < 1 ? 1 : n_frames;
    return GFX_OK;
}

/* The built-in soundtrack as a WAV in $TMPDIR, so a video without an input
 * still has sound; its features are analyzed in-process. */
static gfx_status open_soundtrack(gfx_feature_source *s, const gfx_source_config *cfg, char *msg,
                                  size_t msg_size)
{
    double seconds = cfg->requested > 0.0 ? cfg->requested : GFX_SOUNDTRACK_SECONDS;
    if (seconds > GFX_SOUNDTRACK_MAX_SECONDS)
        return gfx_fail(msg, msg_size, GFX_BAD_INPUT,
                        "--duration %g: the built-in soundtrack lasts at most %.0f s; give a song "
                        "(glyphfx render SONG ...), or render frames without sound (--png-dir)",
                        seconds, GFX_SOUNDTRACK_MAX_SECONDS);
    size_t n;
    float *samples = gfx_soundtrack_synthesize(seconds, GFX_AUDIO_RATE, &n);
    if (!samples || gfx_audio_analyze(samples, n, GFX_AUDIO_RATE, cfg->fps, &s->track)) {
        free(samples);
        if (gfx_interrupted())
            return gfx_fail(msg, msg_size, GFX_INTERRUPTED,
                            "interrupted while synthesizing the built-in soundtrack");
        return gfx_fail(msg, msg_size, GFX_FAILED, "out of memory for %.0f s of soundtrack",
                        seconds);
    }
    const char *tmp = getenv("TMPDIR");
    int len = snprintf(s->wav, sizeof s->wav, "%s/glyphfx-soundtrack-%ld.wav",
                       tmp && *tmp ? tmp : "/tmp", (long)getpid());
    if (len < 0 || (size_t)len >= sizeof s->wav) { /* a cut name could be another file */
        s->wav[0] = '\0';
        free(samples);
        gfx_feature_track_release(&s->track);
        snprintf(msg, msg_size, "TMPDIR=%s: too long for the built-in soundtrack's file", tmp);
        return GFX_BAD_INPUT;
    }
    int rc = gfx_write_wav(s->wav, samples, n, GFX_AUDIO_RATE);
    free(samples);
    if (rc) {
        snprintf(msg, msg_size, "%s: cannot write the built-in soundtrack: %s", s->wav,
                 strerror(errno));
        s->wav[0] = '\0';
        gfx_feature_track_release(&s->track);
        return GFX_FAILED;
    }
    s->mux_audio = s->wav;
    s->duration = seconds;
    return GFX_OK;
}

gfx_status gfx_feature_source_open(gfx_feature_source *s, const gfx_source_config *cfg, char *msg,
                                   size_t msg_size)
{
    memset(s, 0, sizeof *s);
    msg[0] = '\0';
    s->duration = cfg->duration;
    if (cfg->song) {
        s->kind = GFX_SOURCE_SONG;
        return open_song(s, cfg, msg, msg_size);
    }
    if (cfg->soundtrack) {
        s->kind = GFX_SOURCE_SOUNDTRACK;
        return open_soundtrack(s, cfg, msg, msg_size);
    }
    s->kind = GFX_SOURCE_SYNTH;
    int n_frames = frames_for(cfg->duration, cfg->fps);
    if (gfx_synth_features(&s->track, n_frames < 1 ? 1 : n_frames, cfg->fps, cfg->bpm, cfg->seed)) {
        snprintf(msg, msg_size, "out of memory for %d frames of features", n_frames);
        return GFX_FAILED;
    }
    return GFX_OK;
}

void gfx_feature_source_close(gfx_feature_source *s)
{
    gfx_feature_track_release(&s->track);
    if (s->wav[0])
        unlink(s->wav);
    s->wav[0] = '\0';
}
