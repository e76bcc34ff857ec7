/* gfx_profile_choose_video: auto's choice for a video counts the encoder.
 * The renderer (its workers) and ffmpeg run at once, so the slower of the
 * two sets the pace; a slow encoder makes auto pick a smaller profile than
 * the renderer alone would, and without an encoder measurement the choice
 * is the renderer's. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "profile.h"

static const char *choose(const double *render, const double *encode, int workers, double dur)
{
    static char why[512];
    const gfx_profile *p =
        gfx_profile_choose_video(render, encode, workers, dur, 3600.0, why, (int)sizeof why);
    return p ? p->name : "(null)";
}

int main(void)
{
    char why[512];
    /* the renderer is fast everywhere: 2, 4, 8 ms a frame, 2 workers */
    double render[GFX_PROFILES] = {2.0, 4.0, 8.0, 32.0};
    /* 10 minutes of video. Renderer alone: production 600*24*4 ms = 58 s. */
    CHECK(!strcmp(choose(render, NULL, 2, 600.0), "production"), "renderer alone");
    /* x264 at 14 fps at 1080p (71 ms): 600*24*0.071 = 1028 s: still fits */
    double encode_ok[GFX_PROFILES] = {10.0, 25.0, 71.0, 300.0};
    CHECK(!strcmp(choose(render, encode_ok, 2, 600.0), "production"), "encoder fits");
    /* an hour of video: production 3600*24*0.071 = 6134 s > 3600; preview
     * 3600*15*0.025 = 1350 s fits. The renderer alone would keep production
     * (3600*24*0.004 = 346 s). */
    CHECK(!strcmp(choose(render, NULL, 2, 3600.0), "production"), "renderer alone, an hour");
    CHECK(!strcmp(choose(render, encode_ok, 2, 3600.0), "preview"), "the encoder downgrades");
    /* a very slow encoder everywhere: draft, as the last resort */
    double encode_slow[GFX_PROFILES] = {1000.0, 1000.0, 1000.0, 1000.0};
    CHECK(!strcmp(choose(render, encode_slow, 2, 3600.0), "draft"), "nothing fits");
    /* the slower stage bounds the rate: a slow renderer is not hidden by a
     * fast encoder, and workers divide only the renderer's time */
    double render_slow[GFX_PROFILES] = {100.0, 200.0, 400.0, 1600.0};
    double encode_fast[GFX_PROFILES] = {1.0, 1.0, 1.0, 1.0};
    /* production: 600*24*400/4 ms = 1440 s fits with 4 workers, 5760 s with 1 */
    CHECK(!strcmp(choose(render_slow, encode_fast, 4, 600.0), "production"), "4 workers");
    CHECK(!strcmp(choose(render_slow, encode_fast, 1, 600.0), "preview"), "1 worker");
    /* an encoder not measured (<= 0) for a profile: that profile's renderer alone */
    double encode_partial[GFX_PROFILES] = {10.0, 25.0, -1.0, 0.0};
    CHECK(!strcmp(choose(render, encode_partial, 2, 3600.0), "production"), "not measured");

    /* the line says what was measured and what the estimate covers */
    gfx_profile_choose_video(render, encode_ok, 2, 3600.0, 3600.0, why, (int)sizeof why);
    CHECK(strstr(why, "preview: measured 4.0 ms/frame rendering (2 worker(s)) and 25.0 ms/frame "
                      "encoding at 1280x720") &&
              strstr(why, "the encoder sets the pace: about 1350 s to render and encode 3600 s "
                          "of video (budget 3600 s)"),
          "why: %s", why);
    gfx_profile_choose_video(render, NULL, 2, 600.0, 3600.0, why, (int)sizeof why);
    CHECK(strstr(why, "about 58 s of rendering for 600 s of video"), "why (no encoder): %s", why);
    /* the old entry point is the renderer alone */
    CHECK(gfx_profile_choose(render, 2, 3600.0, 3600.0, why, (int)sizeof why) ==
              gfx_profile_find("production"),
          "gfx_profile_choose: %s", why);
    if (!check_failures)
        printf("test_profile_video: ok\n");
    return CHECK_EXIT_STATUS();
}
