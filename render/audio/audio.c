#include "audio.h"

#include <errno.h>
#include <fftw3.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ffmpeg_pipe.h"
#include "files.h"
#include "interrupt.h"

static const float band_edges_hz[GFX_BANDS + 1] = {20, 80, 250, 500, 2000, 6000, 1e9f};

/* ------------------------------------------------------------ per frame */

typedef struct spectrum_plan {
    int window_len, fft_len;
    float *window;       /* Hann, window_len */
    float *in;           /* fft_len, zero-padded */
    fftwf_complex *out;  /* fft_len / 2 + 1 */
    float *log_mag_prev; /* for flux */
    fftwf_plan plan;
    int band_lo[GFX_BANDS], band_hi[GFX_BANDS]; /* bin ranges [lo, hi) */
} spectrum_plan;

/* Raw (unnormalized) measurements of one frame. */
typedef struct raw_frame {
    float rms, band_energy[GFX_BANDS], centroid, flatness, flux;
} raw_frame;

static int next_pow2(int n)
{
    int p = 1;
    while (p < n)
        p <<= 1;
    return p;
}

static int plan_init(spectrum_plan *sp, int rate, double fps)
{
    memset(sp, 0, sizeof *sp);
    double hop = rate / fps;
    sp->window_len = (int)lround(2 * hop);
    if (sp->window_len < 16)
        sp->window_len = 16;
    sp->fft_len = next_pow2(sp->window_len);
    int bins = sp->fft_len / 2 + 1;
    sp->window = malloc(sizeof(float) * (size_t)sp->window_len);
    sp->in = fftwf_malloc(sizeof(float) * (size_t)sp->fft_len);
    sp->out = fftwf_malloc(sizeof(fftwf_complex) * (size_t)bins);
    sp->log_mag_prev = calloc((size_t)bins, sizeof(float));
    if (!sp->window || !sp->in || !sp->out || !sp->log_mag_prev)
        return -1;
    for (int i = 0; i < sp->window_len; i++)
        sp->window[i] = (float)(0.5 - 0.5 * cos(2 * M_PI * i / sp->window_len));
    memset(sp->in, 0, sizeof(float) * (size_t)sp->fft_len);
    sp->plan = fftwf_plan_dft_r2c_1d(sp->fft_len, sp->in, sp->out, FFTW_ESTIMATE);
    if (!sp->plan)
        return -1;
    double bin_hz = (double)rate / sp->fft_len;
    for (int b = 0; b < GFX_BANDS; b++) {
        int lo = (int)ceil(band_edges_hz[b] / bin_hz);
        int hi = (int)ceil(band_edges_hz[b + 1] / bin_hz);
        sp->band_lo[b] = lo < bins ? lo : bins;
        sp->band_hi[b] = hi < bins ? hi : bins;
    }
    return 0;
}

static void plan_free(spectrum_plan *sp)
{
    if (sp->plan)
        fftwf_destroy_plan(sp->plan);
    free(sp->window);
    fftwf_free(sp->in);
    fftwf_free(sp->out);
    free(sp->log_mag_prev);
}

static void measure_frame(spectrum_plan *sp, const float *samples, size_t n, long start, int rate,
                          raw_frame *r)
{
    double sum_sq = 0;
    for (int i = 0; i < sp->window_len; i++) {
        long s = start + i;
        float x = (s >= 0 && (size_t)s < n) ? samples[s] : 0.0f;
        sum_sq += (double)x * x;
        sp->in[i] = x * sp->window[i];
    }
    r->rms = (float)sqrt(sum_sq / sp->window_len);
    fftwf_execute(sp->plan);

    int bins = sp->fft_len / 2 + 1;
    double bin_hz = (double)rate / sp->fft_len;
    /* Single-precision transcendental functions: there are ~10^7 of them
     * in a 3-minute song, and float is precise enough for 0..1 features. */
    double mag_sum = 0, weighted = 0, log_sum = 0, power_sum = 0, flux = 0;
    for (int k = 1; k < bins; k++) {
        float p = sp->out[k][0] * sp->out[k][0] + sp->out[k][1] * sp->out[k][1];
        float m = sqrtf(p);
        mag_sum += m;
        weighted += m * (float)k;
        power_sum += p;
        log_sum += logf(p + 1e-12f);
        float log_mag = log1pf(m);
        if (log_mag > sp->log_mag_prev[k])
            flux += log_mag - sp->log_mag_prev[k];
        sp->log_mag_prev[k] = log_mag;
    }
    for (int b = 0; b < GFX_BANDS; b++) {
        double e = 0;
        for (int k = sp->band_lo[b]; k < sp->band_hi[b]; k++)
            e += (double)sp->out[k][0] * sp->out[k][0] + (double)sp->out[k][1] * sp->out[k][1];
        r->band_energy[b] = (float)e;
    }
    int n_bins = bins - 1;
    r->centroid = mag_sum > 0 ? (float)(weighted * bin_hz / mag_sum / (rate / 2.0)) : 0.0f;
    double mean_power = power_sum / n_bins;
    r->flatness = mean_power > 1e-10 ? (float)(exp(log_sum / n_bins) / (mean_power + 1e-12)) : 0.0f;
    r->flux = (float)flux;
}

/* --------------------------------------------------------- normalization */

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* The p-th percentile (0..1) of n values read with a stride of `stride`
 * floats; scratch holds n floats. */
static float percentile(const float *values, int n, size_t stride, float p, float *scratch)
{
    if (n <= 0)
        return 0;
    for (int i = 0; i < n; i++)
        scratch[i] = values[(size_t)i * stride];
    qsort(scratch, (size_t)n, sizeof(float), cmp_float);
    return scratch[(int)(p * (n - 1))];
}

static float clamp01(float x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* Divides a field of every frame by `divisor`, clamping to 0..1. The field
 * is addressed as a float offset inside gfx_features. */
#define FIELD_STRIDE (sizeof(gfx_features) / sizeof(float))
#define FIELD_OFFSET(name) (offsetof(gfx_features, name) / sizeof(float))

static void scale_field(gfx_feature_track *t, size_t field, float divisor)
{
    float *base = (float *)t->frames + field;
    for (int f = 0; f < t->n_frames; f++) {
        float *v = base + (size_t)f * FIELD_STRIDE;
        *v = divisor > 0 ? clamp01(*v / divisor) : 0.0f;
    }
}

/* An "amount": 0 stays 0, the 99th percentile maps to 1. */
static void normalize_amount(gfx_feature_track *t, size_t field, float *scratch)
{
    float p99 = percentile((float *)t->frames + field, t->n_frames, FIELD_STRIDE, 0.99f, scratch);
    scale_field(t, field, p99);
}

/* A "position" (centroid, flatness): the 1st..99th percentile range is
 * stretched to 0..1; a constant curve keeps its raw value. */
static void normalize_range(gfx_feature_track *t, size_t field, float *scratch)
{
    float *base = (float *)t->frames + field;
    float lo = percentile(base, t->n_frames, FIELD_STRIDE, 0.01f, scratch);
    float hi = percentile(base, t->n_frames, FIELD_STRIDE, 0.99f, scratch);
    for (int f = 0; f < t->n_frames; f++) {
        float *v = base + (size_t)f * FIELD_STRIDE;
        *v = hi - lo > 1e-6f ? clamp01((*v - lo) / (hi - lo)) : clamp01(*v);
    }
}

static void normalize_bands(gfx_feature_track *t, size_t first_band_field, float *scratch)
{
    float p99[GFX_BANDS], loudest = 0;
    for (int b = 0; b < GFX_BANDS; b++) {
        p99[b] = percentile((float *)t->frames + first_band_field + b, t->n_frames, FIELD_STRIDE,
                            0.99f, scratch);
        if (p99[b] > loudest)
            loudest = p99[b];
    }
    for (int b = 0; b < GFX_BANDS; b++)
        scale_field(t, first_band_field + b, fmaxf(p99[b], GFX_BAND_FLOOR * loudest));
}

/* --------------------------------------------------- onsets, beats, tempo */

static void detect_onsets(gfx_feature_track *t, float *scratch)
{
    int n = t->n_frames;
    float *smooth = scratch; /* n entries, then reused for the percentile */
    for (int f = 0; f < n; f++) {
        float prev = t->frames[f > 0 ? f - 1 : f].flux,
              next = t->frames[f + 1 < n ? f + 1 : f].flux;
        smooth[f] = 0.25f * prev + 0.5f * t->frames[f].flux + 0.25f * next;
    }
    int half = (int)lround(t->fps / 2);
    double window_sum = 0;
    int lo = 0, hi = 0; /* running sum of smooth[lo..hi) */
    for (int f = 0; f < n; f++) {
        while (hi < n && hi <= f + half)
            window_sum += smooth[hi++];
        while (lo < f - half)
            window_sum -= smooth[lo++];
        float local_mean = (float)(window_sum / (hi - lo));
        t->frames[f].onset = fmaxf(0.0f, smooth[f] - local_mean);
    }
    normalize_amount(t, FIELD_OFFSET(onset), scratch);
}

/* Peaks of the normalized onset curve; of two peaks closer than the minimum
 * spacing the stronger stays. */
static void pick_beats(gfx_feature_track *t)
{
    const float threshold = 0.25f;
    int n = t->n_frames, min_gap = (int)ceil(GFX_BEAT_MIN_SPACING * t->fps), last = -1;
    for (int f = 0; f < n; f++) {
        float o = t->frames[f].onset;
        float before = f > 0 ? t->frames[f - 1].onset : 0,
              after = f + 1 < n ? t->frames[f + 1].onset : 0;
        if (o < threshold || o <= before || o < after)
            continue;
        if (last >= 0 && f - last < min_gap) {
            if (o <= t->frames[last].onset)
                continue;
            t->frames[last].beat = 0;
        }
        t->frames[f].beat = 1;
        last = f;
    }
}

static void beat_envelope_and_tempo(gfx_feature_track *t, float *scratch)
{
    const double decay_s = 0.2;
    int last = -1, n_intervals = 0;
    for (int f = 0; f < t->n_frames; f++) {
        if (t->frames[f].beat > 0) {
            if (last >= 0)
                scratch[n_intervals++] = (float)(f - last);
            last = f;
        }
        t->frames[f].beat_env = last < 0 ? 0.0f : (float)exp(-(f - last) / (t->fps * decay_s));
    }
    t->bpm = 0;
    if (n_intervals >= 3) {
        qsort(scratch, (size_t)n_intervals, sizeof(float), cmp_float);
        t->bpm = (float)(60.0 * t->fps / scratch[n_intervals / 2]);
    }
}

/* One-pole follower with separate attack and release time constants. */
static void follow(gfx_feature_track *t, size_t src, size_t dst, double attack_s, double release_s)
{
    float a = (float)(1 - exp(-1 / (t->fps * attack_s))),
          r = (float)(1 - exp(-1 / (t->fps * release_s)));
    float y = 0;
    for (int f = 0; f < t->n_frames; f++) {
        float *frame = (float *)&t->frames[f];
        float x = frame[src];
        y += (x > y ? a : r) * (x - y);
        frame[dst] = y;
    }
}

static void smooth_curves(gfx_feature_track *t, float *scratch)
{
    follow(t, FIELD_OFFSET(rms), FIELD_OFFSET(rms_fast), 0.01, 0.12);
    follow(t, FIELD_OFFSET(rms), FIELD_OFFSET(rms_slow), 0.5, 1.0);
    normalize_amount(t, FIELD_OFFSET(rms_fast), scratch);
    normalize_amount(t, FIELD_OFFSET(rms_slow), scratch);
    for (int b = 0; b < GFX_BANDS; b++) {
        follow(t, FIELD_OFFSET(bands) + b, FIELD_OFFSET(bands_fast) + b, 0.01, 0.12);
        follow(t, FIELD_OFFSET(bands) + b, FIELD_OFFSET(bands_slow) + b, 0.5, 1.0);
        normalize_amount(t, FIELD_OFFSET(bands_fast) + b, scratch);
        normalize_amount(t, FIELD_OFFSET(bands_slow) + b, scratch);
    }
}

/* -------------------------------------------------------------- analysis */

static void store_raw(gfx_features *out, const raw_frame *r)
{
    double total = 0;
    for (int b = 0; b < GFX_BANDS; b++)
        total += r->band_energy[b];
    out->rms = r->rms;
    for (int b = 0; b < GFX_BANDS; b++)
        out->bands[b] = sqrtf(r->band_energy[b]);
    out->centroid = r->centroid;
    out->flatness = r->flatness;
    out->flux = r->flux;
    out->bass_ratio =
        total > 0 ? (float)((r->band_energy[GFX_BAND_SUB] + r->band_energy[GFX_BAND_BASS]) / total)
                  : 0;
    out->high_ratio =
        total > 0
            ? (float)((r->band_energy[GFX_BAND_HIGHMID] + r->band_energy[GFX_BAND_HIGH]) / total)
            : 0;
}

/* Analysis in two phases, so it can run while ffmpeg is still decoding
 * (on two cores the decoder and the FFTs overlap): measure each frame as
 * soon as its window's samples have arrived, then normalize the whole track
 * once the song has ended. */
typedef struct analyzer {
    spectrum_plan sp;
    int rate;
    double fps, hop;
    gfx_features *frames;
    int n_measured, capacity;
} analyzer;

static int analyzer_init(analyzer *a, int rate, double fps)
{
    memset(a, 0, sizeof *a);
    a->rate = rate;
    a->fps = fps;
    a->hop = rate / fps;
    return plan_init(&a->sp, rate, fps);
}

static void analyzer_free(analyzer *a)
{
    plan_free(&a->sp);
    free(a->frames);
    a->frames = NULL;
}

/* Measures every frame whose whole window lies within the first n samples;
 * when `final`, every frame of a song of n samples (zeros past its end). */
static int analyzer_measure(analyzer *a, const float *samples, size_t n, int final)
{
    int last;
    if (final) {
        last = (int)ceil(n * a->fps / a->rate - 1e-9);
        if (last < 1)
            last = 1;
    } else {
        /* Frame f's window is [f * hop - L/2, f * hop - L/2 + L). */
        double room = (double)n - (a->sp.window_len - a->sp.window_len / 2);
        last = room < 0 ? 0 : (int)floor(room / a->hop);
    }
    if (last > a->capacity) {
        int capacity = last > 2 * a->capacity ? last : 2 * a->capacity;
        gfx_features *grown = realloc(a->frames, sizeof *grown * (size_t)capacity);
        if (!grown)
            return -1;
        a->frames = grown;
        a->capacity = capacity;
    }
    for (; a->n_measured < last; a->n_measured++) {
        if ((a->n_measured & 255) == 0 && gfx_interrupted()) {
            errno = EINTR;
            return -1;
        }
        raw_frame r;
        long start = lround(a->n_measured * a->hop) - a->sp.window_len / 2;
        measure_frame(&a->sp, samples, n, start, a->rate, &r);
        memset(&a->frames[a->n_measured], 0, sizeof(gfx_features));
        store_raw(&a->frames[a->n_measured], &r);
    }
    return 0;
}

/* Normalizes the measured frames into the track, which takes them over. */
static int analyzer_finish(analyzer *a, gfx_feature_track *track)
{
    float *scratch = malloc(sizeof(float) * (size_t)(a->n_measured > 0 ? a->n_measured : 1));
    if (!scratch)
        return -1;
    *track = (gfx_feature_track){.n_frames = a->n_measured, .fps = a->fps, .frames = a->frames};
    a->frames = NULL;
    normalize_amount(track, FIELD_OFFSET(rms), scratch);
    normalize_bands(track, FIELD_OFFSET(bands), scratch);
    normalize_range(track, FIELD_OFFSET(centroid), scratch);
    normalize_range(track, FIELD_OFFSET(flatness), scratch);
    detect_onsets(track, scratch);
    normalize_amount(track, FIELD_OFFSET(flux), scratch);
    normalize_amount(track, FIELD_OFFSET(bass_ratio), scratch);
    normalize_amount(track, FIELD_OFFSET(high_ratio), scratch);
    pick_beats(track);
    beat_envelope_and_tempo(track, scratch);
    smooth_curves(track, scratch);
    free(scratch);
    return 0;
}

int gfx_audio_analyze(const float *samples, size_t n_samples, int rate, double fps,
                      gfx_feature_track *track)
{
    memset(track, 0, sizeof *track);
    if (n_samples == 0 || rate <= 0 || fps <= 0)
        return -1;
    analyzer a;
    int ok = analyzer_init(&a, rate, fps) == 0 &&
             analyzer_measure(&a, samples, n_samples, 1) == 0 && analyzer_finish(&a, track) == 0;
    analyzer_free(&a);
    return ok ? 0 : -1;
}

/* ------------------------------------------------------------------ cache */

#define CACHE_MAGIC "GFXFEAT"
#define CACHE_VERSION 1u

typedef struct cache_header {
    char magic[8];
    uint32_t version, frame_bytes; /* frame_bytes: sizeof(gfx_features), guards layout changes */
    uint32_t rate;
    int32_t n_frames;
    double fps, duration;
    uint64_t content_hash, payload_hash;
    float bpm;
    uint32_t reserved;
} cache_header;

/* -1 (out emptied) when the name does not fit: a truncated name could be
 * some other file of the user's, which the cache write would replace. */
static int cache_path_for(const char *input, char *out, size_t size)
{
    const char *slash = strrchr(input, '/');
    int n = slash ? snprintf(out, size, "%.*s/.%s.glyphfx-features", (int)(slash - input), input,
                             slash + 1)
                  : snprintf(out, size, ".%s.glyphfx-features", input);
    if (n < 0 || (size_t)n >= size) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}

static int cache_read(const char *path, uint64_t content_hash, double fps, gfx_feature_track *track,
                      double *duration)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    cache_header h;
    gfx_features *frames = NULL;
    int ok = fread(&h, sizeof h, 1, f) == 1 && !memcmp(h.magic, CACHE_MAGIC, 8) &&
             h.version == CACHE_VERSION && h.frame_bytes == sizeof(gfx_features) &&
             h.rate == GFX_AUDIO_RATE && h.fps == fps && h.content_hash == content_hash &&
             h.n_frames > 0 && h.n_frames < (1 << 26);
    if (ok) {
        frames = malloc(sizeof *frames * (size_t)h.n_frames);
        ok = frames && fread(frames, sizeof *frames, (size_t)h.n_frames, f) == (size_t)h.n_frames &&
             fgetc(f) == EOF &&
             gfx_hash64_words(GFX_FNV1A64_OFFSET, frames, sizeof *frames * (size_t)h.n_frames) ==
                 h.payload_hash;
    }
    fclose(f);
    if (!ok) {
        free(frames);
        return -1;
    }
    *track =
        (gfx_feature_track){.n_frames = h.n_frames, .fps = fps, .frames = frames, .bpm = h.bpm};
    *duration = h.duration;
    return 0;
}

/* Best effort: a cache that cannot be written only costs a re-analysis. */
static int cache_write(const char *path, uint64_t content_hash, const gfx_feature_track *track,
                       double duration)
{
    gfx_atomic out;
    char err[256];
    if (gfx_atomic_open(&out, path, GFX_ATOMIC_STREAM, err, sizeof err) < 0)
        return -1;
    size_t payload = sizeof(gfx_features) * (size_t)track->n_frames;
    cache_header h = {.version = CACHE_VERSION,
                      .frame_bytes = sizeof(gfx_features),
                      .rate = GFX_AUDIO_RATE,
                      .n_frames = track->n_frames,
                      .fps = track->fps,
                      .duration = duration,
                      .content_hash = content_hash,
                      .payload_hash = gfx_hash64_words(GFX_FNV1A64_OFFSET, track->frames, payload),
                      .bpm = track->bpm};
    memcpy(h.magic, CACHE_MAGIC, 8);
    if (fwrite(&h, sizeof h, 1, out.f) != 1 ||
        fwrite(track->frames, 1, payload, out.f) != payload) {
        gfx_atomic_abort(&out);
        return -1;
    }
    return gfx_atomic_commit(&out, 0, err, sizeof err);
}

/* ---------------------------------------------------------------- decode */

static int log_mentions(const char *log_path, const char *needle)
{
    char tail[2048];
    gfx_log_tail(log_path, 20, tail, sizeof tail);
    return strstr(tail, needle) != NULL;
}

static gfx_status fail_decode(const char *path, const char *log_path, char *err, size_t err_size)
{
    if (log_mentions(log_path, "matches no streams"))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: has no audio stream; expected a file with sound", path);
    char tail[1024];
    gfx_log_tail(log_path, 1, tail, sizeof tail);
    size_t len = strlen(tail);
    if (len > 0 && tail[len - 1] == '\n')
        tail[len - 1] = '\0';
    return gfx_fail(err, err_size, GFX_BAD_INPUT,
                    "%s: ffmpeg cannot decode it as audio (ffmpeg: %s); "
                    "expected an audio file such as .mp3, .wav, .flac, .ogg",
                    path, len > 4 ? tail + 4 : "no message");
}

/* Reads ffmpeg's f32le output until EOF, handing what has arrived so far to
 * the analyzer (if any) after every read. -1 on a read error or no memory. */
static int read_samples(gfx_child *child, analyzer *a, float **samples, size_t *n_samples)
{
    size_t capacity = 1 << 20, bytes = 0;
    unsigned char *buf = malloc(capacity);
    if (!buf)
        return -1;
    for (;;) {
        if (bytes == capacity) {
            unsigned char *grown = realloc(buf, capacity * 2);
            if (!grown)
                break;
            buf = grown;
            capacity *= 2;
        }
        ptrdiff_t got = gfx_child_read(child, buf + bytes, capacity - bytes);
        if (got <= 0) {
            if (got == 0) {
                *samples = (float *)buf;
                *n_samples = bytes / sizeof(float);
                return 0;
            }
            break;
        }
        bytes += (size_t)got;
        if (a && analyzer_measure(a, (const float *)buf, bytes / sizeof(float), 0) < 0)
            break;
    }
    free(buf);
    return -1;
}

/* Decodes through ffmpeg, measuring frames on the way when `a` is given. */
static gfx_status decode_stream(const char *path, analyzer *a, float **samples, size_t *n_samples,
                                char *err, size_t err_size)
{
    char ffmpeg[PATH_MAX];
    if (!gfx_find_program("ffmpeg", ffmpeg, sizeof ffmpeg))
        return gfx_fail_missing_ffmpeg(err, err_size, "ffmpeg");
    char rate[16], url[GFX_FFMPEG_URL_MAX];
    snprintf(rate, sizeof rate, "%d", GFX_AUDIO_RATE);
    if (gfx_ffmpeg_file_url(path, url, sizeof url) != 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: path too long; expected at most %d bytes", path,
                        GFX_FFMPEG_URL_MAX - 6);
    char *argv[] = {"ffmpeg", "-nostdin", "-hide_banner", "-v",    "error",  "-i",
                    url,      "-map",     "0:a:0",        "-vn",   "-ac",    "1",
                    "-ar",    rate,       "-f",           "f32le", "pipe:1", NULL};
    gfx_child child;
    if (gfx_child_spawn(&child, argv, GFX_PIPE_READ_STDOUT, "decode") < 0)
        return gfx_fail(err, err_size, GFX_FAILED, "%s: cannot start ffmpeg to decode it: %s", path,
                        strerror(errno));
    int read_rc = read_samples(&child, a, samples, n_samples);
    int read_errno = errno;
    if (read_rc < 0)
        gfx_child_kill(&child);
    if (read_rc < 0 && gfx_interrupted()) {
        gfx_child_remove_log(&child);
        return gfx_fail(err, err_size, GFX_INTERRUPTED, "interrupted while analyzing %s", path);
    }
    int status = read_rc < 0 ? 0 : gfx_child_wait(&child);
    if (read_rc < 0 || status != 0) {
        gfx_status failed;
        if (read_rc < 0)
            failed = gfx_fail(err, err_size, GFX_FAILED, "%s: reading the decoded audio failed: %s",
                              path, strerror(read_errno));
        else {
            free(*samples);
            failed = fail_decode(path, child.log_path, err, err_size);
        }
        gfx_child_remove_log(&child);
        return failed;
    }
    gfx_child_remove_log(&child);
    if (*n_samples < GFX_AUDIO_RATE / 100) {
        free(*samples);
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: contains no audio samples (%zu decoded); expected a file with sound",
                        path, *n_samples);
    }
    return GFX_OK;
}

gfx_status gfx_audio_decode(const char *path, float **samples, size_t *n_samples, char *err,
                            size_t err_size)
{
    return decode_stream(path, NULL, samples, n_samples, err, err_size);
}

static gfx_status check_input(const char *path, char *err, size_t err_size)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: %s; expected an audio file", path,
                        strerror(errno));
    if (S_ISDIR(st.st_mode))
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: is a directory; expected an audio file",
                        path);
    if (!S_ISREG(st.st_mode))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: is a %s; expected a regular audio file (the song is read twice, "
                        "to hash and to decode: save a stream to a file first)",
                        path,
                        S_ISFIFO(st.st_mode)   ? "pipe"
                        : S_ISSOCK(st.st_mode) ? "socket"
                                               : "device");
    if (st.st_size == 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: is empty (0 bytes); expected an audio file", path);
    if (access(path, R_OK) != 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: %s; expected a readable audio file",
                        path, strerror(errno));
    return GFX_OK;
}

/* The duration the container states (ffprobe's format=duration), 0 when it
 * states none or ffprobe is missing: a truncated file decodes to less. */
static double container_duration(const char *path)
{
    char url[GFX_FFMPEG_URL_MAX], program[PATH_MAX];
    if (!gfx_find_program("ffprobe", program, sizeof program) ||
        gfx_ffmpeg_file_url(path, url, sizeof url) != 0)
        return 0;
    char *argv[] = {"ffprobe",           "-v", "error", "-show_entries", "format=duration", "-of",
                    "default=nw=1:nk=1", url,  NULL};
    gfx_child child;
    if (gfx_child_spawn(&child, argv, GFX_PIPE_READ_STDOUT, "probe") < 0)
        return 0;
    unsigned char *text = NULL;
    ptrdiff_t n = gfx_child_read_all(&child, &text);
    int status = gfx_child_wait(&child);
    gfx_child_remove_log(&child);
    double seconds = 0;
    if (n > 0 && status == 0) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.*s", (int)(n < 63 ? n : 63), (const char *)text);
        char *end;
        seconds = strtod(buf, &end);
        if (end == buf || !isfinite(seconds) || seconds < 0)
            seconds = 0;
    }
    free(text);
    return seconds;
}

gfx_status gfx_audio_load(const char *path, double fps, gfx_feature_track *track,
                          gfx_audio_info *info, char *err, size_t err_size)
{
    memset(track, 0, sizeof *track);
    memset(info, 0, sizeof *info);
    gfx_status status = check_input(path, err, err_size);
    if (status)
        return status;
    /* the cache's key: keep gfx_hash64_words, or every cache goes stale */
    uint64_t hash;
    char why[256];
    if (gfx_file_hash(path, gfx_hash64_words, &hash, NULL, why, sizeof why) < 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: read error: %s", path, strerror(errno));
    int cacheable = cache_path_for(path, info->cache_path, sizeof info->cache_path) == 0;
    if (cacheable && cache_read(info->cache_path, hash, fps, track, &info->duration) == 0) {
        info->from_cache = 1;
        return GFX_OK;
    }
    analyzer a;
    if (analyzer_init(&a, GFX_AUDIO_RATE, fps) < 0) {
        analyzer_free(&a);
        return gfx_fail(err, err_size, GFX_FAILED, "%s: out of memory for the audio analysis",
                        path);
    }
    float *samples;
    size_t n;
    status = decode_stream(path, &a, &samples, &n, err, err_size);
    if (status == GFX_OK) {
        info->duration = (double)n / GFX_AUDIO_RATE;
        info->container_duration = container_duration(path);
        if (analyzer_measure(&a, samples, n, 1) < 0 || analyzer_finish(&a, track) < 0) {
            if (gfx_interrupted())
                status = gfx_fail(err, err_size, GFX_INTERRUPTED, "interrupted while analyzing %s",
                                  path);
            else
                status =
                    gfx_fail(err, err_size, GFX_FAILED,
                             "%s: out of memory analyzing %.1f s of audio", path, info->duration);
        }
        free(samples);
    }
    analyzer_free(&a);
    if (status)
        return status;
    if (!cacheable || cache_write(info->cache_path, hash, track, info->duration) < 0)
        info->cache_path[0] = '\0';
    return GFX_OK;
}
