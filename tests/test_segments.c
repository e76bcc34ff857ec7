/* Segment plans and manifests: plans tile the frames; a manifest survives a
 * save/load round trip; resume finds exactly the missing and the damaged
 * segments; gaps, overlaps, other settings and bad --shard/--frames values
 * are refused with a message naming them; nothing is deleted on the way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "segments.h"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
}

static void test_parsing(void)
{
    char err[256];
    int a, b;
    CHECK(gfx_parse_shard("2/4", &a, &b, err, sizeof err) == 0 && a == 2 && b == 4, "2/4");
    CHECK(gfx_parse_shard("5/4", &a, &b, err, sizeof err) < 0 && strstr(err, "5/4"), "5/4: %s",
          err);
    CHECK(gfx_parse_shard("0/4", &a, &b, err, sizeof err) < 0, "0/4 accepted");
    CHECK(gfx_parse_shard("1/4x", &a, &b, err, sizeof err) < 0, "trailing text accepted");
    CHECK(gfx_parse_shard("1/4294967297", &a, &b, err, sizeof err) < 0, "1/2^32+1 accepted");
    CHECK(gfx_parse_frame_range("10:20", &a, &b, err, sizeof err) == 0 && a == 10 && b == 20,
          "10:20");
    CHECK(gfx_parse_frame_range("10:5", &a, &b, err, sizeof err) < 0 && strstr(err, "10:5"),
          "10:5");
    CHECK(gfx_parse_frame_range("-1:5", &a, &b, err, sizeof err) < 0, "-1:5 accepted");
    CHECK(gfx_parse_frame_range("0:4294967297", &a, &b, err, sizeof err) < 0, "0:2^32+1 accepted");
    CHECK(gfx_parse_frame_range("0:5x", &a, &b, err, sizeof err) < 0, "trailing text accepted");
    /* shards tile the whole range */
    int covered = 0;
    for (int i = 1; i <= 7; i++) {
        gfx_shard_range(100, i, 7, &a, &b);
        CHECK(a == covered && b > a, "shard %d/7 is %d:%d after %d", i, a, b, covered);
        covered = b;
    }
    CHECK(covered == 100, "7 shards cover %d of 100 frames", covered);
}

int main(void)
{
    test_parsing();
    char dir[] = "/tmp/glyphfx-segtest-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char output[256], err[2048], key[17], other_key[17];
    snprintf(output, sizeof output, "%s/video.mp4", dir);
    gfx_settings_key("scene=default seed=1 1280x720@24", key);
    gfx_settings_key("scene=default seed=2 1280x720@24", other_key);
    CHECK(strcmp(key, other_key) != 0, "settings keys collide");

    gfx_manifest m;
    CHECK(gfx_manifest_plan(&m, output, key, 100, 4, "mp4", err, sizeof err) == 0, "plan: %s", err);
    CHECK(m.n_segments == 4 && m.segments[0].first == 0 && m.segments[3].last == 100, "plan shape");
    CHECK(gfx_manifest_check_complete(&m, err, sizeof err) < 0 && strstr(err, "never finished"),
          "unfinished plan passed: %s", err);
    CHECK(gfx_manifest_save(&m, err, sizeof err) == 0, "save: %s", err);
    for (int i = 0; i < 4; i++) {
        char text[64];
        snprintf(text, sizeof text, "segment %d bytes", i);
        write_file(m.segments[i].file, text);
        CHECK(gfx_manifest_mark_done(&m, i, err, sizeof err) == 0, "mark %d: %s", i, err);
    }
    CHECK(gfx_manifest_check_complete(&m, err, sizeof err) == 0, "complete plan failed: %s", err);
    gfx_manifest_free(&m);

    /* reload: same segments; other settings are refused */
    gfx_manifest r;
    CHECK(gfx_manifest_load(&r, output, key, err, sizeof err) == 0, "load: %s", err);
    CHECK(r.n_segments == 4 && r.total_frames == 100, "reloaded %d segments", r.n_segments);
    CHECK(gfx_manifest_check_complete(&r, err, sizeof err) == 0, "reloaded check: %s", err);
    gfx_manifest o;
    CHECK(gfx_manifest_load(&o, output, other_key, err, sizeof err) < 0 &&
              strstr(err, "other settings"),
          "other settings accepted: %s", err);

    /* simulated kill: one segment deleted, one corrupted: exactly those two fail */
    unlink(r.segments[1].file);
    write_file(r.segments[2].file, "segment 2 bytez");
    int bad = 0;
    for (int i = 0; i < 4; i++) {
        int intact = gfx_segment_intact(&r.segments[i], err, sizeof err);
        if (!intact)
            bad |= 1 << i;
        if (i == 1)
            CHECK(!intact && strstr(err, "missing"), "deleted segment: %s", err);
        if (i == 2)
            CHECK(!intact && strstr(err, "damaged"), "corrupted segment: %s", err);
    }
    CHECK(bad == 0x6, "damaged set is %#x, expected 0x6", bad);
    CHECK(access(r.segments[2].file, F_OK) == 0, "a damaged segment was deleted");

    /* gaps and overlaps are named */
    r.segments[1].first = 20;
    CHECK(gfx_manifest_check_complete(&r, err, sizeof err) < 0 && strstr(err, "overlaps"),
          "overlap: %s", err);
    r.segments[1].first = 30;
    CHECK(gfx_manifest_check_complete(&r, err, sizeof err) < 0 && strstr(err, "in no segment"),
          "gap: %s", err);
    gfx_manifest_free(&r);

    /* a manifest that is not one */
    char path[300];
    snprintf(path, sizeof path, "%s/video.mp4.parts/manifest.json", dir);
    write_file(path, "{\"version\": 99}");
    CHECK(gfx_manifest_load(&r, output, key, err, sizeof err) < 0 && strstr(err, "version"),
          "bad manifest: %s", err);
    /* a size outside int64's range: the conversion would be undefined */
    static const char *const sizes[] = {"11e3008480", "1e300", "-1", "9223372036854775808"};
    for (int i = 0; i < 4; i++) {
        char text[400];
        snprintf(text, sizeof text,
                 "{\"version\": 1, \"settings_key\": \"%s\", \"total_frames\": 4, \"segments\": "
                 "[{\"first\": 0, \"last\": 4, \"file\": \"x.mp4\", \"done\": 1, \"bytes\": %s, "
                 "\"checksum\": \"0\"}]}",
                 key, sizes[i]);
        write_file(path, text);
        CHECK(gfx_manifest_load(&r, output, key, err, sizeof err) < 0 &&
                  strstr(err, "segments[0].bytes"),
              "bytes %s: %s", sizes[i], err);
    }
    snprintf(path, sizeof path, "%s/none.mp4", dir);
    CHECK(gfx_manifest_load(&r, path, key, err, sizeof err) == 1, "missing manifest not reported");
    CHECK(gfx_manifest_plan(&m, output, key, 3, 4, "mp4", err, sizeof err) < 0 &&
              strstr(err, "--segments 4"),
          "more segments than frames: %s", err);

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not clean %s\n", dir);
    printf("%s\n", check_failures ? "test_segments: FAILED" : "test_segments: ok");
    return check_failures != 0;
}
