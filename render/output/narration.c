#include "narration.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ffmpeg_pipe.h"
#include "srt.h"

/* The mix as narration.h describes it: input 0 the music, 1 the speech. */
static const char mix_graph[] =
    "[1:a]aformat=channel_layouts=stereo,loudnorm=I=-16:TP=-1.5:LRA=11,aresample=48000,"
    "adelay=500:all=1,apad,asplit=2[voice][key];"
    "[0:a]aformat=channel_layouts=stereo,aresample=48000,volume=0.5[music];"
    "[music][key]sidechaincompress=threshold=0.02:ratio=8:attack=20:release=400[ducked];"
    "[ducked][voice]amix=inputs=2:duration=first:normalize=0,alimiter=limit=0.95[out]";

static const char what[] = "narration text file (UTF-8)";

/* 0 when the text is valid UTF-8 without NUL bytes and has something besides
 * white space; otherwise -1 with one line in err. */
static int check_text(const char *path, const unsigned char *text, size_t size, char *err,
                      size_t err_size)
{
    int spoken = 0;
    for (size_t i = 0; i < size;) {
        size_t n = text[i] ? gfx_utf8_sequence(text + i, size - i) : 0;
        if (!n) {
            gfx_fail(err, err_size, GFX_BAD_INPUT,
                     "--narration %s: byte %zu (0x%02x) is not valid UTF-8; expected a %s", path, i,
                     text[i], what);
            return -1;
        }
        spoken |= n > 1 || !strchr(" \t\r\n\f\v", text[i]);
        i += n;
    }
    if (!spoken) {
        gfx_fail(err, err_size, GFX_BAD_INPUT, "--narration %s: %s; expected a %s with words", path,
                 size ? "only white space" : "empty", what);
        return -1;
    }
    return 0;
}

gfx_status gfx_narration_check(const char *text_path, char *err, size_t err_size)
{
    char found[PATH_MAX];
    if (!gfx_find_program("espeak-ng", found, sizeof found))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "--narration %s: espeak-ng not found in PATH; install it "
                        "(apt-get install espeak-ng) to speak the text",
                        text_path);
    char *text, why[GFX_FILE_PATH_MAX + 128];
    size_t size;
    if (gfx_read_file(text_path, GFX_NARRATION_MAX_BYTES, what, &text, &size, why, sizeof why))
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "--narration %s", why);
    int rc = check_text(text_path, (const unsigned char *)text, size, err, err_size);
    free(text);
    return rc ? GFX_BAD_INPUT : GFX_OK;
}

/* A new empty temporary WAV in $TMPDIR, hidden and unique (files.h). */
static gfx_status temporary_wav(gfx_atomic *a, const char *name, char *err, size_t err_size)
{
    const char *dir = getenv("TMPDIR");
    char path[GFX_FILE_PATH_MAX], why[GFX_FILE_PATH_MAX + 128];
    if (snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/tmp", name) >=
            (int)sizeof path ||
        gfx_atomic_open(a, path, GFX_ATOMIC_PATH, why, sizeof why) < 0)
        return gfx_fail(err, err_size, GFX_FAILED,
                        "--narration: cannot create a temporary %s in TMPDIR=%s", name,
                        dir && *dir ? dir : "/tmp");
    return GFX_OK;
}

/* Runs argv to its end; a failure is one line naming `task`, then the log's
 * last lines. */
static gfx_status run_program(char *const argv[], const char *task, char *err, size_t err_size)
{
    gfx_child child;
    if (gfx_child_spawn(&child, argv, GFX_PIPE_READ_STDOUT, "narration") < 0)
        return gfx_fail(err, err_size, GFX_FAILED, "--narration: cannot start %s to %s", argv[0],
                        task);
    int status = gfx_child_wait(&child);
    if (status == 0) {
        gfx_child_remove_log(&child);
        return GFX_OK;
    }
    char tail[2048];
    gfx_log_tail(child.log_path, 6, tail, sizeof tail);
    size_t len = strlen(tail);
    if (len && tail[len - 1] == '\n')
        tail[len - 1] = '\0';
    return gfx_fail(err, err_size, GFX_FAILED,
                    "--narration: %s failed to %s (exit status %d); "
                    "its log %s ends:\n%s",
                    argv[0], task, status, child.log_path, tail[0] ? tail : "  | (empty)");
}

gfx_status gfx_narration_mix(const char *text_path, const char *voice, const char *music,
                             gfx_narration *n, char *err, size_t err_size)
{
    gfx_atomic speech;
    gfx_status st = temporary_wav(&speech, "glyphfx-speech.wav", err, err_size);
    if (st)
        return st;
    char *speak[] = {
        "espeak-ng", "-v", (char *)(voice ? voice : "en"), "-f", (char *)text_path, "-w",
        speech.tmp,  NULL};
    st = run_program(speak, "speak the text", err, err_size);
    if (!st)
        st = temporary_wav(&n->mix, "glyphfx-narration.wav", err, err_size);
    if (st) {
        gfx_atomic_abort(&speech);
        return st;
    }
    char music_url[GFX_FFMPEG_URL_MAX], speech_url[GFX_FFMPEG_URL_MAX], mix_url[GFX_FFMPEG_URL_MAX];
    gfx_ffmpeg_file_url(music, music_url, sizeof music_url);
    gfx_ffmpeg_file_url(speech.tmp, speech_url, sizeof speech_url);
    gfx_ffmpeg_file_url(n->mix.tmp, mix_url, sizeof mix_url);
    char *mix[] = {"ffmpeg",
                   "-nostdin",
                   "-hide_banner",
                   "-v",
                   "error",
                   "-y",
                   "-i",
                   music_url,
                   "-i",
                   speech_url,
                   "-filter_complex",
                   (char *)mix_graph,
                   "-map",
                   "[out]",
                   "-c:a",
                   "pcm_s16le",
                   "-f",
                   "wav",
                   mix_url,
                   NULL};
    st = run_program(mix, "mix the speech under the music", err, err_size);
    gfx_atomic_abort(&speech);
    if (st)
        gfx_atomic_abort(&n->mix);
    return st;
}

void gfx_narration_remove(gfx_narration *n)
{
    gfx_atomic_abort(&n->mix);
}
