/* Audio analysis on synthesized signals, decoded through ffmpeg like a
 * user's song: a 60 Hz sine lights the sub band and not the high band; a
 * click track at 120 BPM gives beats 0.5 s apart within one frame; the
 * built-in soundtrack reads as 120 BPM; the cache is used, and a corrupt
 * cache is ignored and rewritten; a song whose cache name would not fit is
 * not cached; bad input gets exit status 2. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio.h"
#include "check.h"
#include "soundtrack.h"

static char dir[256];
static char err[512]; /* the last load's message */

static const double fps = 24.0;

static void write_signal(const char *name, const float *s, size_t n, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
    if (gfx_write_wav(path, s, n, GFX_AUDIO_RATE) != 0) {
        perror(path);
        exit(1);
    }
}

static float median_band(const gfx_feature_track *t, int band, int from, int to)
{
    int n = to - from;
    float *v = malloc(sizeof(float) * (size_t)n);
    for (int f = from; f < to; f++)
        v[f - from] = t->frames[f].bands[band];
    for (int i = 1; i < n; i++) /* insertion sort: n is small */
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            float x = v[j];
            v[j] = v[j - 1];
            v[j - 1] = x;
        }
    float m = v[n / 2];
    free(v);
    return m;
}

static void test_sine_lights_sub_band(void)
{
    const double seconds = 4.0;
    size_t n = (size_t)(seconds * GFX_AUDIO_RATE);
    float *s = malloc(sizeof(float) * n);
    for (size_t i = 0; i < n; i++)
        s[i] = 0.5f * (float)sin(2 * M_PI * 60.0 * (double)i / GFX_AUDIO_RATE);
    char path[512];
    write_signal("sine60.wav", s, n, path, sizeof path);
    free(s);
    gfx_feature_track t;
    gfx_audio_info info;
    CHECK(gfx_audio_load(path, fps, &t, &info, err, sizeof err) == 0, "load %s", path);
    if (!t.frames)
        return;
    CHECK(fabs(t.n_frames - seconds * fps) <= 1, "frames %d for %.1f s at %.0f fps", t.n_frames,
          seconds, fps);
    CHECK(fabs(info.duration - seconds) < 0.01, "duration %.3f, expected %.1f", info.duration,
          seconds);
    int from = 6, to = t.n_frames - 6; /* away from the edges of the signal */
    float sub = median_band(&t, GFX_BAND_SUB, from, to),
          high = median_band(&t, GFX_BAND_HIGH, from, to);
    float mid = median_band(&t, GFX_BAND_MID, from, to);
    printf("sine 60 Hz: median sub %.3f mid %.4f high %.4f\n", sub, mid, high);
    CHECK(sub > 0.8f, "sub band %.3f, expected > 0.8 for a 60 Hz sine", sub);
    CHECK(high < 0.05f, "high band %.4f, expected < 0.05 for a 60 Hz sine", high);
    CHECK(mid < 0.05f, "mid band %.4f, expected < 0.05 for a 60 Hz sine", mid);
    gfx_feature_track_release(&t);
}

static void test_click_track_beats(void)
{
    const double seconds = 8.0, first_click = 0.27, interval = 0.5;
    size_t n = (size_t)(seconds * GFX_AUDIO_RATE);
    float *s = calloc(n, sizeof(float));
    int clicks = 0;
    for (double tc = first_click; tc < seconds - 0.1; tc += interval, clicks++) {
        size_t start = (size_t)(tc * GFX_AUDIO_RATE);
        /* 10 ms, 2 kHz, decaying */
        for (size_t i = 0; i < GFX_AUDIO_RATE / 100 && start + i < n; i++)
            s[start + i] = 0.8f * (float)(sin(2 * M_PI * 2000.0 * i / GFX_AUDIO_RATE) *
                                          exp(-(double)i / (GFX_AUDIO_RATE * 0.003)));
    }
    char path[512];
    write_signal("clicks120.wav", s, n, path, sizeof path);
    free(s);
    gfx_feature_track t;
    gfx_audio_info info;
    CHECK(gfx_audio_load(path, fps, &t, &info, err, sizeof err) == 0, "load %s", path);
    if (!t.frames)
        return;
    int beats = 0, prev = -1;
    double first = -1;
    for (int f = 0; f < t.n_frames; f++) {
        if (t.frames[f].beat <= 0)
            continue;
        if (beats == 0)
            first = f / fps;
        if (prev >= 0) {
            double gap = (f - prev) / fps;
            CHECK(fabs(gap - interval) <= 1.0 / fps + 1e-9,
                  "beats at %.3f s and %.3f s: gap %.3f, expected %.3f +- one frame", prev / fps,
                  f / fps, gap, interval);
        }
        CHECK(t.frames[f].beat_env == 1.0f, "beat_env %.3f on a beat frame", t.frames[f].beat_env);
        prev = f;
        beats++;
    }
    printf("click track: %d clicks, %d beats, first at %.3f s, bpm %.1f\n", clicks, beats, first,
           t.bpm);
    CHECK(beats == clicks, "%d beats for %d clicks", beats, clicks);
    CHECK(fabs(first - first_click) <= 1.0 / fps, "first beat at %.3f s, click at %.3f s", first,
          first_click);
    CHECK(fabs(t.bpm - 120) < 3, "bpm %.1f, expected 120", t.bpm);
    gfx_feature_track_release(&t);
}

static void test_soundtrack(void)
{
    size_t n1, n2;
    float *a = gfx_soundtrack_synthesize(GFX_SOUNDTRACK_SECONDS, GFX_AUDIO_RATE, &n1);
    float *b = gfx_soundtrack_synthesize(GFX_SOUNDTRACK_SECONDS, GFX_AUDIO_RATE, &n2);
    CHECK(a && b && n1 == n2 && !memcmp(a, b, n1 * sizeof(float)), "soundtrack not deterministic");
    gfx_feature_track t;
    CHECK(gfx_audio_analyze(a, n1, GFX_AUDIO_RATE, fps, &t) == 0, "analyze soundtrack");
    printf("soundtrack: %d frames, bpm %.1f\n", t.n_frames, t.bpm);
    CHECK(fabs(t.bpm - GFX_SOUNDTRACK_BPM) < GFX_SOUNDTRACK_BPM * 0.03,
          "soundtrack bpm %.1f, expected %.0f", t.bpm, GFX_SOUNDTRACK_BPM);
    for (int f = 0; f < t.n_frames; f++) {
        const float *v = (const float *)&t.frames[f];
        for (size_t k = 0; k < sizeof(gfx_features) / sizeof(float); k++)
            if (!(v[k] >= 0 && v[k] <= 1)) {
                CHECK(0, "frame %d field %zu = %f, outside 0..1", f, k, v[k]);
                f = t.n_frames;
                break;
            }
    }
    gfx_feature_track_release(&t);
    free(a);
    free(b);
}

static void test_cache(void)
{
    size_t n;
    float *s = gfx_soundtrack_synthesize(3.0, GFX_AUDIO_RATE, &n);
    char path[512];
    write_signal("cache.wav", s, n, path, sizeof path);
    free(s);
    gfx_feature_track first, second, third;
    gfx_audio_info info;
    CHECK(gfx_audio_load(path, fps, &first, &info, err, sizeof err) == 0 && !info.from_cache &&
              info.cache_path[0],
          "first load analyzes and writes a cache");
    char cache[1024];
    snprintf(cache, sizeof cache, "%s", info.cache_path);
    CHECK(gfx_audio_load(path, fps, &second, &info, err, sizeof err) == 0 && info.from_cache,
          "second load reads the cache");
    CHECK(second.n_frames == first.n_frames &&
              !memcmp(first.frames, second.frames, sizeof(gfx_features) * (size_t)first.n_frames),
          "cached features differ from analyzed ones");
    gfx_feature_track_release(&second);
    /* Corrupt one payload byte: the checksum must reject it. */
    FILE *f = fopen(cache, "r+b");
    CHECK(f != NULL, "open cache %s", cache);
    if (f) {
        fseek(f, -5, SEEK_END);
        int c = fgetc(f);
        fseek(f, -5, SEEK_END);
        fputc(c ^ 0x5a, f);
        fclose(f);
    }
    CHECK(gfx_audio_load(path, fps, &third, &info, err, sizeof err) == 0 && !info.from_cache,
          "corrupt cache is ignored");
    CHECK(third.n_frames == first.n_frames &&
              !memcmp(first.frames, third.frames, sizeof(gfx_features) * (size_t)first.n_frames),
          "features after a corrupt cache differ");
    gfx_feature_track_release(&third);
    CHECK(gfx_audio_load(path, fps, &third, &info, err, sizeof err) == 0 && info.from_cache,
          "rewritten cache is used");
    gfx_feature_track_release(&third);
    /* Other settings are another key. */
    CHECK(gfx_audio_load(path, 30.0, &third, &info, err, sizeof err) == 0 && !info.from_cache &&
              third.n_frames == 90,
          "a different fps must not read the 24 fps cache (frames %d)", third.n_frames);
    gfx_feature_track_release(&third);
    gfx_feature_track_release(&first);
}

/* Frames measured while ffmpeg is still decoding equal those of one
 * analysis over the whole decoded song. */
static void test_streaming_equals_whole(void)
{
    size_t n;
    float *s = gfx_soundtrack_synthesize(7.3, GFX_AUDIO_RATE, &n);
    char path[512];
    write_signal("stream.wav", s, n, path, sizeof path);
    free(s);
    gfx_feature_track streamed, whole;
    gfx_audio_info info;
    float *decoded;
    size_t n_decoded;
    CHECK(gfx_audio_load(path, fps, &streamed, &info, err, sizeof err) == 0 && !info.from_cache,
          "load %s", path);
    CHECK(gfx_audio_decode(path, &decoded, &n_decoded, err, sizeof err) == 0 && n_decoded == n,
          "decode %s", path);
    CHECK(gfx_audio_analyze(decoded, n_decoded, GFX_AUDIO_RATE, fps, &whole) == 0, "analyze");
    CHECK(streamed.n_frames == whole.n_frames && streamed.n_frames == (int)ceil(7.3 * fps),
          "frames: streamed %d, whole %d", streamed.n_frames, whole.n_frames);
    CHECK(streamed.n_frames == whole.n_frames &&
              !memcmp(streamed.frames, whole.frames, sizeof(gfx_features) * (size_t)whole.n_frames),
          "streamed analysis differs from the whole-song analysis");
    free(decoded);
    gfx_feature_track_release(&streamed);
    gfx_feature_track_release(&whole);
}

/* A song whose cache name would not fit info.cache_path is analyzed and not
 * cached: the truncated name would land in a directory above the song. */
static void test_cache_name_too_long(void)
{
    char deep[2048], name[251];
    memset(name, 'd', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    int n = snprintf(deep, sizeof deep, "%s", dir);
    while (n < 1100) {
        n += snprintf(deep + n, sizeof deep - (size_t)n, "/%s", name);
        if (mkdir(deep, 0700) != 0) {
            CHECK(0, "mkdir %s: %s", deep, strerror(errno));
            return;
        }
    }
    size_t samples = GFX_AUDIO_RATE / 2;
    float *s = calloc(samples, sizeof *s);
    char path[2100];
    snprintf(path, sizeof path, "%s/a.wav", deep);
    CHECK(s && gfx_write_wav(path, s, samples, GFX_AUDIO_RATE) == 0, "write %s", path);
    free(s);
    gfx_feature_track t;
    gfx_audio_info info;
    CHECK(gfx_audio_load(path, fps, &t, &info, err, sizeof err) == 0 && !info.from_cache &&
              !info.cache_path[0],
          "a %zu-character path: load failed or cached as %s", strlen(path), info.cache_path);
    gfx_feature_track_release(&t);
    /* every directory above the song's holds the next one and nothing else */
    for (char *cut; (cut = strrchr(deep, '/')) && cut > deep + strlen(dir);) {
        *cut = '\0';
        DIR *level = opendir(deep);
        int entries = 0;
        for (struct dirent *e; level && (e = readdir(level));)
            entries += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
        if (level)
            closedir(level);
        CHECK(entries == 1, "%s: %d entries, expected 1: a cache under a truncated name?", deep,
              entries);
    }
}

static void test_bad_input(void)
{
    char path[512];
    gfx_feature_track t;
    gfx_audio_info info;
    snprintf(path, sizeof path, "%s/missing.mp3", dir);
    CHECK(gfx_audio_load(path, fps, &t, &info, err, sizeof err) == GFX_BAD_INPUT &&
              strstr(err, "missing.mp3: ") && strstr(err, "expected an audio file"),
          "missing file: %s", err);
    snprintf(path, sizeof path, "%s/empty.mp3", dir);
    fclose(fopen(path, "wb"));
    CHECK(gfx_audio_load(path, fps, &t, &info, err, sizeof err) == GFX_BAD_INPUT &&
              strstr(err, "is empty (0 bytes)"),
          "empty file: %s", err);
    snprintf(path, sizeof path, "%s/text.mp3", dir);
    FILE *f = fopen(path, "wb");
    fputs("this is not audio, just some text that ffmpeg cannot decode\n", f);
    fclose(f);
    CHECK(gfx_audio_load(path, fps, &t, &info, err, sizeof err) == GFX_BAD_INPUT &&
              strstr(err, "cannot decode it as audio"),
          "text file: %s", err);
    CHECK(gfx_audio_load(dir, fps, &t, &info, err, sizeof err) == 2, "directory");
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/glyphfx-test-audio-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_sine_lights_sub_band();
    test_click_track_beats();
    test_soundtrack();
    test_cache();
    test_streaming_equals_whole();
    test_cache_name_too_long();
    test_bad_input();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    if (check_failures)
        fprintf(stderr, "%d failure(s)\n", check_failures);
    return CHECK_EXIT_STATUS();
}
