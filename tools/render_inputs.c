/* The render's inputs besides the song and scene: the picture of --video
 * or of a song that is a clip, --lyrics, --narration. Each check prints its
 * one line and returns the exit status (0: fine). */
#include <stdio.h>

#include "ffmpeg_sink.h"
#include "files.h"
#include "narration.h"
#include "render.h"
#include "video_source.h"

/* The song itself when it is a clip with a video stream (drawn as ASCII
 * over the frames, its sound muxed as any song's), else NULL: a song
 * without one, or whatever ffprobe cannot read (the analysis reports that). */
static const char *song_with_picture(const char *song)
{
    gfx_video_info info;
    char err[512];
    return song && gfx_video_probe(song, 0, &info, err, sizeof err) == GFX_OK ? song : NULL;
}

int render_check_video_input(const struct render_options *o)
{
    char err[512];
    gfx_video_info clip;
    gfx_status st;
    if (o->image_fps > 0 && !o->video_path) {
        fprintf(stderr, "glyphfx render: --image-fps goes with --video IMAGES (a pattern or a "
                        "glob)\n");
        return 2;
    }
    if (o->video_path &&
        (st = gfx_video_probe(o->video_path, o->image_fps, &clip, err, sizeof err)) != GFX_OK)
        return render_exit_status(st, err);
    return 0;
}

int render_attach_clip(struct render_options *o, gfx_scene *scene, double duration)
{
    o->clip = o->video_path ? o->video_path : song_with_picture(o->audio);
    /* A clip as the only input is video to ASCII: the clip alone. With a
     * song and --video (hybrid) the built-in show plays under it. */
    int clip_alone = o->clip && !o->video_path;
    if (!o->scene_path &&
        (clip_alone ? gfx_scene_clip(scene, duration) : gfx_scene_default(scene, duration))) {
        fprintf(stderr, "glyphfx render: out of memory for the built-in scene\n");
        return 1;
    }
    if (o->clip)
        gfx_scene_add_clip(scene);
    char err[512];
    if (gfx_scene_check_clip(scene, o->clip != NULL,
                             o->scene_path ? o->scene_path : "the built-in scene", err,
                             sizeof err)) {
        fprintf(stderr, "glyphfx render: %s\n", err);
        return 2;
    }
    return 0;
}

/* --lyrics into the scene, and the check that every lyric layer has some:
 * 0, or the exit status after one line. */
int render_attach_lyrics(const struct render_options *o, gfx_scene *scene)
{
    char err[512];
    gfx_lyrics lyrics;
    if (o->lyrics_path) {
        gfx_status st = gfx_srt_load(o->lyrics_path, &lyrics, err, sizeof err);
        if (st == GFX_OK && gfx_scene_set_lyrics(scene, &lyrics, err, sizeof err))
            st = GFX_FAILED;
        if (st != GFX_OK) {
            fprintf(stderr, "glyphfx render: %s\n", err);
            return st == GFX_FAILED ? 1 : 2;
        }
    }
    if (gfx_scene_check_lyrics(scene, o->scene_path ? o->scene_path : "the built-in scene", err,
                               sizeof err)) {
        fprintf(stderr, "glyphfx render: %s\n", err);
        return 2;
    }
    return 0;
}

/* --narration needs a video with sound, espeak-ng and a UTF-8 text: all
 * checked before anything is written. 0, or the exit status after one line. */
int render_check_narration(const struct render_options *o)
{
    if (!o->narration_path) {
        if (!o->voice)
            return 0;
        fprintf(stderr, "glyphfx render: --voice %s: goes with --narration FILE\n", o->voice);
        return 2;
    }
    char err[GFX_FILE_PATH_MAX + 256];
    int video = render_wants_video(o);
    if (!video || gfx_video_format_of(o->output, err, sizeof err) == GFX_VIDEO_GIF) {
        fprintf(stderr,
                "glyphfx render: --narration %s: %s has no sound to mix the speech into; "
                "expected -o FILE.mp4, FILE.webm or FILE.mov\n",
                o->narration_path, !video ? "this output (frames, not a video)" : "a GIF");
        return 2;
    }
    return render_exit_status(gfx_narration_check(o->narration_path, err, sizeof err), err);
}
