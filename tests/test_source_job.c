/* The library halves of `glyphfx render`: the feature source (synthesized
 * features, the built-in soundtrack's WAV made and removed by close, a
 * TMPDIR too long refused) and the render job (frames to the null sink and
 * a PNG sequence, notes through the callback, bad input as a status and one
 * line instead of a print). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "job.h"
#include "source.h"

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void test_source(const char *dir)
{
    char msg[8192];
    gfx_feature_source s;
    gfx_source_config synth = {.fps = 10, .duration = 2.0, .bpm = 120, .seed = 1};
    CHECK(gfx_feature_source_open(&s, &synth, msg, sizeof msg) == GFX_OK, "synth: %s", msg);
    CHECK(s.kind == GFX_SOURCE_SYNTH && s.track.n_frames == 20 && !s.mux_audio && s.duration == 2.0,
          "synth: kind %d, %d frames, %g s", s.kind, s.track.n_frames, s.duration);
    gfx_feature_source_close(&s);

    setenv("TMPDIR", dir, 1);
    gfx_source_config track = {.soundtrack = 1, .fps = 10, .requested = 2.0, .duration = 30.0};
    CHECK(gfx_feature_source_open(&s, &track, msg, sizeof msg) == GFX_OK, "soundtrack: %s", msg);
    CHECK(s.kind == GFX_SOURCE_SOUNDTRACK && s.mux_audio == s.wav && exists(s.wav) &&
              s.duration == 2.0 && s.track.n_frames == 20,
          "soundtrack: kind %d, wav '%s', %g s, %d frames", s.kind, s.wav, s.duration,
          s.track.n_frames);
    char wav[sizeof s.wav];
    snprintf(wav, sizeof wav, "%s", s.wav);
    gfx_feature_source_close(&s);
    CHECK(!exists(wav), "close removes %s", wav);

    char long_dir[5000];
    memset(long_dir, 'x', sizeof long_dir - 1);
    long_dir[sizeof long_dir - 1] = '\0';
    setenv("TMPDIR", long_dir, 1);
    CHECK(gfx_feature_source_open(&s, &track, msg, sizeof msg) == GFX_BAD_INPUT &&
              strstr(msg, "too long") && !strchr(msg, '\n'),
          "long TMPDIR: '%.80s'", msg);
    setenv("TMPDIR", dir, 1);
}

struct notes {
    int n;
    char last[1024];
};

static void collect(void *user, const char *line)
{
    struct notes *notes = user;
    notes->n++;
    snprintf(notes->last, sizeof notes->last, "%s", line);
}

static void test_job(const char *dir)
{
    char msg[1024];
    gfx_feature_source s;
    gfx_source_config synth = {.fps = 8, .duration = 1.0, .bpm = 120, .seed = 1};
    gfx_scene scene;
    if (gfx_feature_source_open(&s, &synth, msg, sizeof msg) || gfx_scene_benchmark(&scene)) {
        CHECK(0, "setup: %s", msg);
        return;
    }
    struct notes notes = {0};
    gfx_job job = {.profile = *gfx_profile_find("draft"),
                   .scene = &scene,
                   .track = &s.track,
                   .seed = 1,
                   .workers = 2,
                   .pin = GFX_PIN_NONE,
                   .sink = GFX_JOB_NULL,
                   .quiet = 1,
                   .note = collect,
                   .note_user = &notes};
    job.profile.width = 96, job.profile.height = 54, job.profile.fps = 8;
    gfx_job_result result;
    CHECK(gfx_job_render(&job, 0, 8, &result, msg, sizeof msg) == GFX_OK && !result.video_written,
          "null sink: %s", msg);
    CHECK(notes.n == 4 && strstr(notes.last, "8 frames in"), "%d notes, last '%s'", notes.n,
          notes.last);

    job.sink = GFX_JOB_PNG, job.output = dir, job.note = NULL;
    CHECK(gfx_job_render(&job, 2, 5, &result, msg, sizeof msg) == GFX_OK, "png: %s", msg);
    for (int f = 0; f < 8; f++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/frame_%06d.png", dir, f);
        CHECK(exists(path) == (f >= 2 && f < 5), "%s %s", path,
              exists(path) ? "exists" : "missing");
        unlink(path);
    }

    char missing[4200];
    snprintf(missing, sizeof missing, "%s/no/such/dir", dir);
    job.output = missing;
    CHECK(gfx_job_render(&job, 0, 2, &result, msg, sizeof msg) == GFX_BAD_INPUT &&
              strstr(msg, missing) && !strchr(msg, '\n'),
          "missing dir: '%s'", msg);

    job.sink = GFX_JOB_NULL, job.workers = 1 << 20;
    CHECK(gfx_job_render(&job, 0, 2, &result, msg, sizeof msg) == GFX_BAD_INPUT &&
              strstr(msg, "--workers"),
          "too many workers: '%s'", msg);
    gfx_scene_free(&scene);
    gfx_feature_source_close(&s);
}

int main(void)
{
    char dir[] = "/tmp/glyphfx-test-source-job-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    test_source(dir);
    test_job(dir);
    CHECK(rmdir(dir) == 0, "%s left files behind", dir);
    return CHECK_EXIT_STATUS();
}
