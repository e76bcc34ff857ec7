/* The clip as the renderer sees it (render/frame/video_clip.h): the six
 * video features on pictures whose values are known (a solid colour, a
 * half-white frame), motion 0 on a still and above 0 on a moving clip, and
 * the same features for a frame reached in order or by a jump. Skipped
 * (77) without ffmpeg. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "video_clip.h"

enum { W = 64, H = 48 };

static int make(const char *args, const char *name)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "ffmpeg -v error -nostdin -y %s %s 2>/dev/null", args,
             check_at(name));
    return system(cmd);
}

static gfx_video_clip *open_clip(const char *name)
{
    char err[512] = "";
    gfx_video_clip_config cfg = {check_at(name), 0.0, W, H, 25, 1};
    gfx_video_clip *c = gfx_video_clip_open(&cfg, err, sizeof err);
    CHECK(c, "open %s: %s", name, err);
    return c;
}

static const float *features_at(gfx_video_clip *c, int frame)
{
    char err[512] = "";
    if (gfx_video_clip_seek(c, frame, err, sizeof err)) {
        CHECK(0, "seek %d: %s", frame, err);
        return NULL;
    }
    return gfx_video_clip_features(c);
}

#define F(name) f[GFX_FEAT_VIDEO_##name - GFX_FEAT_VIDEO_BRIGHTNESS]
#define NEAR(x, want) (fabsf((x) - (want)) < 1e-4f)

static void solid_blue(void)
{
    gfx_video_clip *c = open_clip("blue.png");
    const float *f = c ? features_at(c, 3) : NULL;
    if (f) {
        /* luma of (0, 0, 255): (29 * 255 + 128) >> 8 = 29 */
        CHECK(NEAR(F(BRIGHTNESS), 29.0f / 255.0f), "blue brightness %g", F(BRIGHTNESS));
        CHECK(F(CONTRAST) == 0.0f && F(EDGE_DENSITY) == 0.0f && F(MOTION) == 0.0f &&
                  F(COLOR_VARIANCE) == 0.0f,
              "a flat still: contrast %g edges %g motion %g variance %g", F(CONTRAST),
              F(EDGE_DENSITY), F(MOTION), F(COLOR_VARIANCE));
        CHECK(NEAR(F(DOMINANT_HUE), 2.0f / 3.0f), "blue's hue %g, expected 2/3", F(DOMINANT_HUE));
    }
    gfx_video_clip_close(c);
}

static void half_white(void)
{
    gfx_video_clip *c = open_clip("half.png");
    const float *f = c ? features_at(c, 0) : NULL;
    if (f) {
        /* analysis cells of 16 px: 4 x 3, the left two columns white */
        CHECK(NEAR(F(BRIGHTNESS), 0.5f), "half white brightness %g", F(BRIGHTNESS));
        CHECK(NEAR(F(CONTRAST), 127.5f / 128.0f), "contrast %g, expected 127.5/128", F(CONTRAST));
        CHECK(NEAR(F(COLOR_VARIANCE), 127.5f / 128.0f), "variance %g", F(COLOR_VARIANCE));
        CHECK(F(EDGE_DENSITY) == 0.0f, "the split lies between cells: edges %g", F(EDGE_DENSITY));
        CHECK(F(DOMINANT_HUE) == 0.0f, "greys do not vote: hue %g", F(DOMINANT_HUE));
    }
    gfx_video_clip_close(c);
}

static void moving(void)
{
    gfx_video_clip *in_order = open_clip("moving.mp4"), *jump = open_clip("moving.mp4");
    if (!in_order || !jump) {
        gfx_video_clip_close(in_order), gfx_video_clip_close(jump);
        return;
    }
    float seen[GFX_VIDEO_FEATURES] = {0};
    const float *f = features_at(in_order, 0);
    CHECK(f && F(MOTION) == 0.0f, "frame 0 has nothing to move from: %g", f ? F(MOTION) : -1);
    for (int frame = 1; frame <= 7; frame++)
        if ((f = features_at(in_order, frame)))
            memcpy(seen, f, sizeof seen);
    f = seen;
    CHECK(F(MOTION) > 0.0f && F(EDGE_DENSITY) > 0.0f && F(CONTRAST) > 0.0f,
          "testsrc2 moves and has edges: motion %g edges %g contrast %g", F(MOTION),
          F(EDGE_DENSITY), F(CONTRAST));
    const float *g = features_at(jump, 7);
    CHECK(g && !memcmp(g, seen, sizeof seen), "frame 7 in order and by a jump differ");
    for (int k = 0; k < GFX_VIDEO_FEATURES; k++)
        CHECK(seen[k] >= 0.0f && seen[k] <= 1.0f, "feature %d = %g out of [0, 1]", k, seen[k]);
    gfx_video_clip_close(in_order);
    gfx_video_clip_close(jump);
}

int main(void)
{
    if (system("ffmpeg -version >/dev/null 2>&1") != 0) {
        fprintf(stderr, "SKIP: ffmpeg is not installed\n");
        return 77;
    }
    if (check_temp_dir("glyphfx-video-clip"))
        return 1;
    if (make("-f lavfi -i color=c=blue:s=64x48 -frames:v 1", "blue.png") ||
        make("-f lavfi -i color=c=black:s=64x48 -vf drawbox=x=0:y=0:w=32:h=48:color=white:t=fill "
             "-frames:v 1",
             "half.png") ||
        make("-f lavfi -i testsrc2=size=64x48:rate=25:duration=1 -c:v libx264 -pix_fmt yuv444p "
             "-qp 0",
             "moving.mp4")) {
        fprintf(stderr, "FAIL: ffmpeg could not make the test pictures\n");
        return 1;
    }
    solid_blue();
    half_white();
    moving();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", check_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "note: could not remove %s\n", check_dir);
    return CHECK_EXIT_STATUS();
}
