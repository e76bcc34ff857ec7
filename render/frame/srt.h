/* Lyrics from SubRip (.srt) files: timed lines for the lyric text modes
 * (text.h).
 *
 * Accepted form, cue after cue, separated by one or more blank lines:
 *   12                                  cue number: digits, larger than the last
 *   00:01:02,500 --> 00:01:05,250       HH:MM:SS,mmm (hours 1+ digits, MM and
 *                                       SS below 60, 3 digit ms), end after start
 *   first text line                     one or more lines of UTF-8 text
 *   second text line
 * A UTF-8 byte order mark, CRLF line ends, spaces around the arrow and after
 * a line, and blank lines before the first cue are tolerated.
 *
 * Refused, with one line `FILE:LINE: "VALUE": expected ...` (the value quoted
 * with unprintable bytes as \xNN): a cue number or timing that does not read
 * as above, a cue with no text, text that is not valid UTF-8 (overlong forms,
 * surrogates and NUL bytes included), cues out of time order or overlapping
 * (the message names both cue numbers; a cue may start exactly where the
 * last ended), a file with no cue. A file that cannot be read is named with
 * the system's reason. */
#ifndef GFX_SRT_H
#define GFX_SRT_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

typedef struct gfx_lyric_cue {
    int number;               /* as written in the file */
    int64_t start_ms, end_ms; /* start < end */
    const char *text;         /* NUL-terminated UTF-8, lines joined by '\n' */
} gfx_lyric_cue;

typedef struct gfx_lyrics {
    gfx_lyric_cue *cues; /* n_cues, sorted by start, not overlapping */
    int n_cues;
    char *text_storage; /* owns every cue's text */
} gfx_lyrics;

/* Largest .srt file read (a song's lyrics are a few kilobytes). */
#define GFX_SRT_MAX_BYTES (4u << 20)

/* Parses `size` bytes of `data` (need not be NUL-terminated); `name` is the
 * file name used in messages. On GFX_OK *out owns its cues (free with
 * gfx_lyrics_free); on failure *out is empty and err holds the line. */
gfx_status gfx_srt_parse(const char *name, const char *data, size_t size, gfx_lyrics *out,
                         char *err, size_t err_size);
/* Reads and parses the file at `path`. */
gfx_status gfx_srt_load(const char *path, gfx_lyrics *out, char *err, size_t err_size);
void gfx_lyrics_free(gfx_lyrics *lyrics);

/* The cue showing at `t` seconds, or -1: start <= t < end with t rounded to
 * the microsecond, so that t = ms / 1000.0 lands on the cue starting at ms. */
int gfx_lyrics_cue_at(const gfx_lyrics *lyrics, double t);

/* Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF), or 0; avail bytes are there. */
size_t gfx_utf8_sequence(const unsigned char *s, size_t avail);

#endif
