/* Video input (render/audio/video_source.h) on generated clips: testsrc2,
 * whose every frame differs, encoded with B-frames and a keyframe every 12
 * frames, 20 s long, as MP4 (start time 0) and MPEG-TS (start time 1.48 s),
 * whose accurate -ss lands after its target. For each:
 * the probe's figures; output frames at 30 fps from a 25 fps clip read in
 * order, then in a random order and backwards (seeks), byte for byte the
 * same; some compared with the input frame ffmpeg's select filter picks by
 * number, without any seek; the black bars of the fit; black past the end.
 * A still image shows its picture on every frame. Bad inputs (missing,
 * empty, a directory, text, audio only, a pattern or glob matching nothing,
 * a truncated MP4) get GFX_BAD_INPUT and a line naming the file and what
 * was expected. Skipped (77) without ffmpeg. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "ffmpeg_pipe.h"
#include "video_source.h"

/* 20 s: longer than the seek margin (300 frames), so late seeks use -ss */
enum { W = 64, H = 48, FPS_OUT = 30, CLIP_FRAMES = 500, OUT_FRAMES = 20 * FPS_OUT + 6 };
/* random-order reads, and backward steps from the end: each one a seek */
enum { RANDOM_READS = 40, BACKWARD_READS = 15 };
#define FRAME_BYTES ((size_t)W * H * 3)
/* 160x90 fitted into 64x48 is 64x36: 6 black rows above and below */
enum { BAR_ROWS = 6 };
static const char *const scale_filter = "scale=64:48:force_original_aspect_ratio=decrease:"
                                        "flags=bicubic,pad=64:48:(ow-iw)/2:(oh-ih)/2:color=black,"
                                        "setsar=1";

static int run(const char *command)
{
    int rc = system(command);
    if (rc != 0)
        fprintf(stderr, "command failed (%d): %s\n", rc, command);
    return rc;
}

static int make_clips(void)
{
    char cmd[2048];
    const char *encoders[] = {"-c:v libx264 -bf 2 -g 12 -pix_fmt yuv420p",
                              "-c:v mpeg4 -bf 2 -g 12 -q:v 4"};
    for (int e = 0; e < 2; e++) {
        snprintf(cmd, sizeof cmd,
                 "ffmpeg -v error -nostdin -y -f lavfi -i testsrc2=size=160x90:rate=25:duration=20 "
                 "%s %s 2>/dev/null",
                 encoders[e], check_at("clip.mp4"));
        if (system(cmd) == 0)
            break;
        if (e == 1)
            return run(cmd);
    }
    snprintf(cmd, sizeof cmd, "ffmpeg -v error -nostdin -y -i %s -c copy -f mpegts %s",
             check_at("clip.mp4"), check_at("clip.ts"));
    if (run(cmd))
        return -1;
    snprintf(cmd, sizeof cmd,
             "ffmpeg -v error -nostdin -y -f lavfi -i sine=duration=1 %s && "
             "ffmpeg -v error -nostdin -y -f lavfi -i testsrc2=size=32x32 -frames:v 1 %s && "
             "head -c 3000 %s > %s && echo 'not a video' > %s && : > %s && mkdir %s",
             check_at("audio.wav"), check_at("still.png"), check_at("clip.mp4"),
             check_at("truncated.mp4"), check_at("text.mp4"), check_at("empty.mp4"),
             check_at("folder.mp4"));
    return run(cmd);
}

/* Input frame n of the clip as ffmpeg's select filter picks it (by decoded
 * frame number, reading from the start), through the same fit. */
static int reference_frame(const char *clip, long n, uint8_t *out)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "ffmpeg -v error -nostdin -y -i %s -vf 'select=eq(n\\,%ld),%s' -fps_mode passthrough "
             "-frames:v 1 -pix_fmt rgb24 -f rawvideo %s",
             clip, n, scale_filter, check_at("reference.rgb"));
    if (run(cmd))
        return -1;
    FILE *f = fopen(check_at("reference.rgb"), "rb");
    size_t got = f ? fread(out, 1, FRAME_BYTES, f) : 0;
    if (f)
        fclose(f);
    return got == FRAME_BYTES ? 0 : -1;
}

static int all_black(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static gfx_video_source *open_clip(const char *clip)
{
    gfx_video_source *v;
    char err[512];
    gfx_status status = gfx_video_open(&v, clip, 0, W, H, FPS_OUT, 1, err, sizeof err);
    CHECK(status == GFX_OK, "open %s: %s", clip, err);
    return status == GFX_OK ? v : NULL;
}

static void read_frame(gfx_video_source *v, long f, uint8_t *out)
{
    char err[512];
    gfx_status status = gfx_video_frame(v, f, out, 3 * W, err, sizeof err);
    CHECK(status == GFX_OK, "frame %ld: %s", f, err);
}

static void check_probe(const char *clip, double start_time)
{
    gfx_video_info info;
    char err[512];
    CHECK(gfx_video_probe(clip, 0, &info, err, sizeof err) == GFX_OK, "probe %s: %s", clip, err);
    CHECK(info.width == 160 && info.height == 90, "%s: size %dx%d", clip, info.width, info.height);
    CHECK(info.fps_num == 25 * info.fps_den, "%s: rate %d/%d", clip, info.fps_num, info.fps_den);
    CHECK(info.frame_count == CLIP_FRAMES, "%s: %ld frames", clip, info.frame_count);
    CHECK(info.duration > 19.9 && info.duration < 20.1, "%s: duration %.3f", clip, info.duration);
    CHECK(info.start_time > start_time - 0.1 && info.start_time < start_time + 0.1,
          "%s: start time %.3f, expected about %.2f", clip, info.start_time, start_time);
}

/* Reads every output frame in `order` from a fresh source, each compared
 * with the sequential read; returns how many times ffmpeg started. */
static int read_in_order(const char *clip, const long *order, int count, const uint8_t *sequential,
                         const char *how)
{
    gfx_video_source *v = open_clip(clip);
    if (!v)
        return 0;
    uint8_t *frame = malloc(FRAME_BYTES);
    for (int i = 0; i < count; i++) {
        long f = order[i];
        read_frame(v, f, frame);
        CHECK(!memcmp(frame, sequential + f * FRAME_BYTES, FRAME_BYTES),
              "%s, %s: output frame %ld (input %ld) differs from the sequential read", clip, how, f,
              gfx_video_input_frame(v, f));
    }
    int starts = gfx_video_source_starts(v);
    free(frame);
    gfx_video_close(v);
    return starts;
}

static void check_clip(const char *clip, double start_time)
{
    check_probe(clip, start_time);
    gfx_video_source *v = open_clip(clip);
    if (!v)
        return;
    /* 30 fps over 25: frame 6 shows input 5, and so does frame 7 */
    static const long mapping[][2] = {{0, 0}, {5, 4}, {6, 5}, {7, 5}, {29, 24}, {30, 25}};
    for (size_t i = 0; i < sizeof mapping / sizeof mapping[0]; i++)
        CHECK(gfx_video_input_frame(v, mapping[i][0]) == mapping[i][1],
              "n(%ld) = %ld, expected %ld", mapping[i][0], gfx_video_input_frame(v, mapping[i][0]),
              mapping[i][1]);

    uint8_t *sequential = malloc(OUT_FRAMES * FRAME_BYTES);
    for (long f = 0; f < OUT_FRAMES; f++)
        read_frame(v, f, sequential + f * FRAME_BYTES);
    CHECK(gfx_video_source_starts(v) == 1, "%s: the sequential read started ffmpeg %d times", clip,
          gfx_video_source_starts(v));
    for (long f = 1; f < OUT_FRAMES; f++) {
        long n = gfx_video_input_frame(v, f), prev = gfx_video_input_frame(v, f - 1);
        const uint8_t *a = sequential + (f - 1) * FRAME_BYTES, *b = sequential + f * FRAME_BYTES;
        if (n < CLIP_FRAMES)
            CHECK((n == prev) == !memcmp(a, b, FRAME_BYTES),
                  "%s: frames %ld and %ld (inputs %ld, %ld) %s", clip, f - 1, f, prev, n,
                  n == prev ? "differ" : "are the same");
        const uint8_t *last = b;
        CHECK(all_black(last, 3 * W * BAR_ROWS) &&
                  all_black(last + 3 * W * (H - BAR_ROWS), 3 * W * BAR_ROWS),
              "%s: frame %ld: the bars above and below are not black", clip, f);
        CHECK((n >= CLIP_FRAMES) == all_black(b, FRAME_BYTES), "%s: frame %ld (input %ld) %s black",
              clip, f, n, n >= CLIP_FRAMES ? "is not" : "is");
    }
    uint8_t *reference = malloc(FRAME_BYTES);
    static const long inputs[] = {0, 37, 499};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        long f = (inputs[i] * FPS_OUT + 24) / 25; /* the first output frame showing it */
        CHECK(gfx_video_input_frame(v, f) == inputs[i], "output %ld shows %ld", f,
              gfx_video_input_frame(v, f));
        if (reference_frame(clip, inputs[i], reference) == 0)
            CHECK(!memcmp(reference, sequential + f * FRAME_BYTES, FRAME_BYTES),
                  "%s: input frame %ld differs from ffmpeg's select=eq(n,%ld)", clip, inputs[i],
                  inputs[i]);
        else
            CHECK(0, "%s: no reference frame %ld", clip, inputs[i]);
    }
    gfx_video_close(v);

    long order[OUT_FRAMES];
    for (int i = 0; i < OUT_FRAMES; i++)
        order[i] = i;
    uint32_t s = 12345;
    for (int i = OUT_FRAMES - 1; i > 0; i--) { /* Fisher-Yates with an LCG */
        s = s * 1664525u + 1013904223u;
        int j = (int)((s >> 8) % (uint32_t)(i + 1));
        long t = order[i];
        order[i] = order[j], order[j] = t;
    }
    int starts = read_in_order(clip, order, RANDOM_READS, sequential, "random order");
    CHECK(starts > RANDOM_READS / 2, "%s: random order started ffmpeg only %d times", clip, starts);
    for (int i = 0; i < BACKWARD_READS; i++)
        order[i] = CLIP_FRAMES * FPS_OUT / 25 + 2 - 2 * i; /* over the end, then back */
    read_in_order(clip, order, BACKWARD_READS, sequential, "backwards");
    free(reference);
    free(sequential);
}

static void check_bad(const char *name, const char *expect_words)
{
    const char *path = check_at(name);
    gfx_video_info info;
    char err[512] = "";
    gfx_status status = gfx_video_probe(path, 0, &info, err, sizeof err);
    CHECK(status == GFX_BAD_INPUT, "%s: status %d (%s)", name, status, err);
    CHECK(strstr(err, path) && strstr(err, "expected") && strstr(err, expect_words),
          "%s: message lacks the path, \"expected\" or \"%s\": %s", name, expect_words, err);
    CHECK(!strchr(err, '\n'), "%s: the message is more than one line: %s", name, err);
    gfx_video_source *v = (gfx_video_source *)1;
    CHECK(gfx_video_open(&v, path, 0, W, H, FPS_OUT, 1, err, sizeof err) == GFX_BAD_INPUT && !v,
          "%s: open accepted it", name);
}

/* A still image: its one picture, as ffmpeg fits it, on every output
 * frame, from one decode. */
static void check_still(const char *still)
{
    gfx_video_info info;
    char err[512] = "";
    CHECK(gfx_video_probe(still, 0, &info, err, sizeof err) == GFX_OK &&
              info.kind == GFX_PICTURE_STILL,
          "%s: probe status or kind wrong (%s)", still, err);
    uint8_t *reference = malloc(FRAME_BYTES), *frame = malloc(FRAME_BYTES);
    gfx_video_source *v = NULL;
    if (!reference || !frame || reference_frame(still, 0, reference) ||
        gfx_video_open(&v, still, 0, W, H, FPS_OUT, 1, err, sizeof err)) {
        CHECK(0, "%s: cannot read it: %s", still, err);
    } else {
        static const long order[] = {0, 500, 3, 0, 100000};
        for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
            CHECK(gfx_video_frame(v, order[i], frame, 3 * W, err, sizeof err) == GFX_OK, "%s: %s",
                  still, err);
            CHECK(!memcmp(frame, reference, FRAME_BYTES) && !all_black(frame, FRAME_BYTES),
                  "%s: output frame %ld is not the picture", still, order[i]);
        }
        CHECK(gfx_video_source_starts(v) == 1, "%s: ffmpeg started %d times for a still", still,
              gfx_video_source_starts(v));
    }
    gfx_video_close(v);
    free(reference);
    free(frame);
}

int main(void)
{
    char found[4096];
    if (!gfx_find_program("ffmpeg", found, sizeof found) ||
        !gfx_find_program("ffprobe", found, sizeof found)) {
        printf("test_video_source: skipped, needs ffmpeg and ffprobe\n");
        return 77;
    }
    if (check_temp_dir("glyphfx-video") || make_clips())
        return 1;
    check_clip(check_at("clip.mp4"), 0.0);
    check_clip(check_at("clip.ts"), 1.48);
    check_bad("missing.mp4", "No such file");
    check_bad("empty.mp4", "empty");
    check_bad("folder.mp4", "not a regular file");
    check_bad("text.mp4", "ffprobe cannot read it");
    check_bad("truncated.mp4", "ffprobe cannot read it");
    check_bad("audio.wav", "has no video stream");
    check_still(check_at("still.png"));
    check_bad("nothing_%04d.png", "matches no file");
    check_bad("nothing_*.png", "matches no file");
    if (!check_failures) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf %s", check_dir);
        run(cmd);
    }
    return CHECK_EXIT_STATUS();
}
