/* Offline narration: a text file spoken by espeak-ng (a Debian package; no
 * network) and mixed under a video's music, so the sink muxes the mix where
 * it would mux the song. The frames are untouched: features still come from
 * the song alone.
 *
 * The mix (one ffmpeg run, its stderr in a log as everywhere):
 *   speech: stereo, loudnorm to -16 LUFS integrated (true peak -1.5 dBTP),
 *           48 kHz, starting 0.5 s in, padded with silence;
 *   music:  stereo 48 kHz at half amplitude (-6 dB), and ducked further
 *           while the voice speaks (sidechaincompress keyed by the speech:
 *           threshold 0.02, ratio 8, attack 20 ms, release 400 ms);
 *   both:   amix without its 1/n scaling, then alimiter at 0.95, as long
 *           as the music: speech past the music's end is cut.
 * The speech and the mix are PCM WAVs under hidden unique names in $TMPDIR
 * (files.h temporaries); the speech is removed once mixed, the mix by
 * gfx_narration_remove. */
#ifndef GFX_NARRATION_H
#define GFX_NARRATION_H

#include <stddef.h>

#include "files.h"
#include "status.h"

/* Largest text file read (a narration is a few kilobytes). */
#define GFX_NARRATION_MAX_BYTES (1 << 20)

typedef struct gfx_narration {
    gfx_atomic mix; /* mix.tmp: the WAV to mux */
} gfx_narration;

/* What can be checked before rendering: espeak-ng in PATH (else one line
 * saying to install it), the text file a regular file, readable, not empty
 * nor only white space, valid UTF-8 without NUL bytes. GFX_OK, or
 * GFX_BAD_INPUT with one line in err naming the file and what was expected. */
gfx_status gfx_narration_check(const char *text_path, char *err, size_t err_size);

/* Speaks text_path with espeak-ng voice `voice` (NULL: "en") and mixes it
 * under `music` (any file ffmpeg reads) into n->mix.tmp. GFX_OK, or a status
 * with one line in err (a failing program's log tail after it; give err a
 * few KiB) and nothing left behind. */
gfx_status gfx_narration_mix(const char *text_path, const char *voice, const char *music,
                             gfx_narration *n, char *err, size_t err_size);

/* Removes the mix. */
void gfx_narration_remove(gfx_narration *n);

#endif
