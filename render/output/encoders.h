/* What this ffmpeg can encode: `ffmpeg -encoders`, asked once per process
 * and shared by the video sink and `glyphfx probe`. Thread-safe: segment
 * threads check their sinks at the same time; one asks, the others wait for
 * its answer. A failure to ask is not remembered, so a later call retries. */
#ifndef GFX_ENCODERS_H
#define GFX_ENCODERS_H

/* The listing (owned here, kept for the process), or NULL with errno set
 * when ffmpeg could not be asked (not found, or an unwritable TMPDIR for
 * its log), so that is not mistaken for a missing encoder. */
const char *gfx_ffmpeg_encoders(void);

/* 1 when the listing has encoder `name` (e.g. "libx264"), 0 when it has not,
 * -1 (errno set) when ffmpeg could not be asked. */
int gfx_ffmpeg_has_encoder(const char *name);

#endif
