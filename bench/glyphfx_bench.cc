// glyphfx_bench: every stage per ISA level per frame size, held to its
// budget and to the memory-bandwidth bound of the same run.
//
// Stages: each kernel of gfx_kernels.h (bloom also whole), the renderer's
// stages (effect, tonemap, colour: plain C, isa "c"), its shader chain, the
// plain-C canvas shaders one by one (hue_rotate works on the cells, inside
// colour), PNG encode, and a whole frame per profile.
// Each registered effect alone, at 1080p only: fx_<effect>/c/1080p (see
// register_effects; outside `glyphfx bench`'s default selection).
// Sizes are the quality profiles' (render/run/profile.h): 540p draft, 720p
// preview, 1080p production, 2160p max; the whole frame runs each profile's
// own settings (grid scale, shader level).
//
// Names read stage/isa/size (blit/avx2/1080p). "isa" is the dispatch level:
// the kernel table gfx_kernels_init gives for it, so a kernel with no variant
// at that level runs the best one below (the label says so). A level this CPU
// or build lacks is skipped with an error, so the set of names is the same on
// every machine.
//
// Counters (all from Google Benchmark's CPU time, so a shared machine's
// descheduling does not count):
//   ms_per_frame      time per frame
//   GB/s              bytes the stage reads and writes per frame / time
//                     (absent for the per-cell stages: effect, tonemap, colour)
//   budget_ms         glyphfx's budget for the stage at this size (budgets.h)
//   budget_used       ms_per_frame / budget_ms (over 1 = over budget)
//   seed_budget_used  the same against the seed's budget
//   memcpy_ms         a memcpy of one frame's bytes (RGB24) between two
//                     frame buffers, median of 15, measured just before the
//                     stage in the same process: the warm bound, in the same
//                     cache regime as the stage (its buffers are reused too)
//   x_memcpy          ms_per_frame / memcpy_ms
//   working_set_bytes the distinct bytes a stage touches per frame (its
//                     buffers, tables and masks): which cache level it runs
//                     from, for the roofline `glyphfx bench` adds
// memcpy/dram/SIZE cycles through buffers four times the last-level cache,
// for the DRAM bound; memcpy/hot/SIZE is the warm copy as a benchmark.
#include <benchmark/benchmark.h>
#include <png.h>
#include <setjmp.h>
#include <zlib.h>

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

extern "C" {
#include "glyphfx_commit.h"
#include "budgets.h"
#include "effect.h"
#include "frame.h"
#include "frame_fixture.h"
#include "gfx_kernels.h"
#include "grid.h"
#include "isa_report.h"
#include "machine.h"
#include "palette.h"
#include "png_encode.h"
#include "png_sink.h"
#include "profile.h"
#include "shaders.h"
#include "synth_features.h"
}
#include "canvas_format.h"

namespace
{

std::string size_label(const gfx_profile &p)
{
    return std::to_string(p.height) + "p";
}

// One fixture per frame size, built on first use and kept: the 2160p CRT
// table alone takes a noticeable moment to build.
gfx_frame_fixture *fixture(int size_index)
{
    static gfx_frame_fixture fixtures[GFX_PROFILES];
    static bool ready[GFX_PROFILES], failed[GFX_PROFILES];
    if (!ready[size_index] && !failed[size_index]) {
        const gfx_profile &p = *gfx_profile_at(size_index);
        failed[size_index] =
            gfx_frame_fixture_init(&fixtures[size_index], p.width, p.height, 1) != 0;
        ready[size_index] = !failed[size_index];
    }
    return ready[size_index] ? &fixtures[size_index] : nullptr;
}

double thread_cpu_s()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

// The warm memcpy bound for frames of the fixture's size, in seconds.
double memcpy_bound_s(gfx_frame_fixture *f)
{
    const size_t bytes = gfx_frame_fixture_bytes(f);
    std::vector<double> t(15);
    memcpy(f->crt_out.px, f->canvas.px, bytes);
    for (double &s : t) {
        double t0 = thread_cpu_s();
        memcpy(f->crt_out.px, f->canvas.px, bytes);
        benchmark::ClobberMemory();
        s = thread_cpu_s() - t0;
    }
    std::nth_element(t.begin(), t.begin() + 7, t.end());
    return t[7];
}

using benchmark::Counter;
const Counter::Flags kPerFrame = Counter::kIsIterationInvariantRate | Counter::kInvert;

// The distinct bytes a stage touches per frame (RGB24 frames, the quarter-
// size bloom image, the vignette mask and the CRT remap table); what it
// moves when not listed.
double working_set_bytes(const char *stage, const gfx_profile &size, double bytes_moved)
{
    const double pixels = (double)size.width * size.height, frame = 3 * pixels,
                 small = 3 * (double)(size.width / 4) * (size.height / 4);
    const struct {
        const char *stage;
        double bytes;
    } sets[] = {
        {"blit", frame},
        {"bloom_downsample4_threshold", frame + small},
        {"box_blur3", 2 * small},
        {"bloom_upsample4_add", frame + small},
        {"bloom", frame + 2 * small},
        {"vignette", frame + pixels},
        {"grain", frame},
        {"crt", 2 * frame + 4 * pixels},
        {"rgb_to_yuv420p", frame + 1.5 * pixels},
        {"shaders", 2 * frame + 5 * pixels + 2 * small},
        {"frame", 2 * frame + 5 * pixels + 2 * small},
        {"png", frame},
        {"memcpy", 2 * frame},
        {"colour_matrix", frame},
        {"lut3", frame},
        {"lut3_split", frame},
    };
    for (const auto &s : sets)
        if (!strcmp(stage, s.stage))
            return s.bytes;
    if (!strncmp(stage, "shader_", 7))
        return frame;
    if (!strncmp(stage, "remap_", 6))
        return 2 * frame;
    return bytes_moved;
}

// Counters whose value is "seconds of CPU time per frame divided by x" are
// Counter(x, kPerFrame): Google Benchmark divides the iteration count times
// x by the CPU time and inverts it.
void set_counters(benchmark::State &st, const char *stage, const gfx_profile &size,
                  double bytes_moved, double memcpy_s)
{
    st.counters["ms_per_frame"] = Counter(1e-3, kPerFrame);
    if (bytes_moved > 0) {
        st.counters["GB/s"] = Counter(bytes_moved * 1e-9, Counter::kIsIterationInvariantRate);
        st.counters["working_set_bytes"] = working_set_bytes(stage, size, bytes_moved);
    }
    if (memcpy_s > 0) {
        st.counters["memcpy_ms"] = memcpy_s * 1e3;
        st.counters["x_memcpy"] = Counter(memcpy_s, kPerFrame);
    }
    if (const gfx_stage_budget *b = gfx_stage_budget_find(stage)) {
        double ms = gfx_budget_scale(b->glyphfx_ms_1080p, size.width, size.height);
        double seed_ms = gfx_budget_scale(b->seed_ms_1080p, size.width, size.height);
        st.counters["budget_ms"] = ms;
        st.counters["budget_used"] = Counter(ms * 1e-3, kPerFrame);
        st.counters["seed_budget_used"] = Counter(seed_ms * 1e-3, kPerFrame);
    }
}

// Every timed iteration runs inside this one function, so that `glyphfx
// bench --count` counts exactly the stage's instructions under callgrind
// (--toggle-collect=glyphfx_bench_iteration), not the set-up around it.
extern "C" __attribute__((noinline)) void glyphfx_bench_iteration(void (*body)(void *), void *ctx)
{
    body(ctx);
    __asm__ volatile("" ::: "memory"); // not a tail call: callgrind sees it return
}

// ------------------------------------------------------------------ stages

// What a stage runs and what it touches, for one fixture and kernel table.
struct Stage {
    const char *name;
    std::vector<gfx_kernel_id> kernels; // for the label: which variants ran
    double (*bytes)(const gfx_frame_fixture &f);
    void (*run)(gfx_frame_fixture &f, const gfx_kernels &k, uint32_t iteration);
};

double frame_bytes(const gfx_frame_fixture &f)
{
    return (double)gfx_frame_fixture_bytes(&f);
}
double pixels(const gfx_frame_fixture &f)
{
    return (double)f.width * f.height;
}
double small_bytes(const gfx_frame_fixture &f)
{
    return (double)gfx_image_bytes(&f.small);
}

// Traffic per frame: the big arrays each kernel reads and writes (the atlas
// and the bloom image below are cache resident and not counted).
double blit_bytes(const gfx_frame_fixture &f)
{
    return 2 * frame_bytes(f);
}
double down_bytes(const gfx_frame_fixture &f)
{
    return frame_bytes(f) / 4 + small_bytes(f);
}
double blur_bytes(const gfx_frame_fixture &f)
{
    return 2 * small_bytes(f);
}
double up_bytes(const gfx_frame_fixture &f)
{
    return 2 * frame_bytes(f) + small_bytes(f);
}
double bloom_bytes(const gfx_frame_fixture &f)
{
    return down_bytes(f) + 3 * blur_bytes(f) + up_bytes(f);
}
double vignette_bytes(const gfx_frame_fixture &f)
{
    return 2 * frame_bytes(f) + pixels(f);
}
double grain_bytes(const gfx_frame_fixture &f)
{
    return 2 * frame_bytes(f);
}
double crt_bytes(const gfx_frame_fixture &f)
{
    return 2 * frame_bytes(f) + 4 * pixels(f);
}
double yuv_bytes(const gfx_frame_fixture &f)
{
    return frame_bytes(f) + 1.5 * pixels(f);
}
double rgba_bytes(const gfx_frame_fixture &f)
{
    return frame_bytes(f) + 4 * pixels(f);
}

double cell_stats_bytes(const gfx_frame_fixture &f)
{
    return 2 * frame_bytes(f); // reads the frame and the previous one
}
double blend_bytes(const gfx_frame_fixture &f)
{
    return 3 * frame_bytes(f); // reads both layers, writes the base
}

double mask_mix_bytes(const gfx_frame_fixture &f)
{
    return 3 * frame_bytes(f); // both layers read, the base written (a mask row per cell row)
}
double mask_mix_pixels_bytes(const gfx_frame_fixture &f)
{
    return 3 * frame_bytes(f) + pixels(f); // and a mask byte per pixel
}

double colour_matrix_bytes(const gfx_frame_fixture &f)
{
    return 2 * frame_bytes(f); // in place: reads and writes the canvas
}
double remap_bytes(const gfx_frame_fixture &f)
{
    return 2 * frame_bytes(f);
}

// The feedback's transforms (render/frame/feedback.h), canvas to crt_out at
// the presets' amounts: zoom and shrink (gathers along a row), rotate (a
// slanted path through the source), mirror (gathers backwards) and shift
// (whole rows: memcpy).
#define GFX_REMAP_STAGE(label, transform, amt)                                                     \
    {                                                                                              \
        "remap_" label, {GFX_K_REMAP_AFFINE}, remap_bytes,                                         \
            [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {                             \
                gfx_fixture_remap(&f, &k, transform, amt);                                         \
            }                                                                                      \
    }

// The blend modes benchmarked, each its own stage (blend_screen/avx2/1080p):
// the cheap ones (normal, add), the products (multiply, screen), the split
// ones (overlay, softlight) and the divisions (colordodge, vividlight). The
// top layer is the CRT of the canvas, so the two differ; opacity 3/4.
#define GFX_BLEND_STAGE(mode_name, mode)                                                           \
    {                                                                                              \
        "blend_" mode_name, {GFX_K_BLEND}, blend_bytes,                                            \
            [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {                             \
                gfx_fixture_blend(&f, &k, mode, 192);                                              \
            }                                                                                      \
    }
const std::vector<Stage> &stages()
{
    static const std::vector<Stage> all = {
        {"blit",
         {GFX_K_BLIT},
         blit_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) { gfx_fixture_blit(&f, &k); }},
        {"bloom_downsample4_threshold",
         {GFX_K_BLOOM_DOWN},
         down_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             k.bloom_downsample4_threshold(f.small.px, f.small.stride, f.canvas.px, f.canvas.stride,
                                           f.width, f.height, 100);
         }},
        {"box_blur3",
         {GFX_K_BOX_BLUR3},
         blur_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             k.box_blur3(f.small_tmp.px, f.small_tmp.stride, f.small.px, f.small.stride,
                         f.small.width, f.small.height, f.blur_scratch);
         }},
        {"bloom_upsample4_add",
         {GFX_K_BLOOM_UP},
         up_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             k.bloom_upsample4_add(f.canvas.px, f.canvas.stride, f.width, f.height, f.small.px,
                                   f.small.stride, 160);
         }},
        {"bloom",
         {GFX_K_BLOOM_DOWN, GFX_K_BOX_BLUR3, GFX_K_BLOOM_UP},
         bloom_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) { gfx_fixture_bloom(&f, &k); }},
        {"vignette",
         {GFX_K_VIGNETTE},
         vignette_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             gfx_fixture_vignette(&f, &k);
         }},
        {"grain",
         {GFX_K_GRAIN},
         grain_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t i) {
             gfx_fixture_grain(&f, &k, i);
         }},
        {"crt",
         {GFX_K_CRT},
         crt_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) { gfx_fixture_crt(&f, &k); }},
        {"rgb_to_yuv420p",
         {GFX_K_YUV420P},
         yuv_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             gfx_fixture_yuv420p(&f, &k, &f.canvas);
         }},
        {"rgba_unpremultiply",
         {GFX_K_RGBA_UNPREMULTIPLY},
         rgba_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) { gfx_fixture_rgba(&f, &k); }},
        GFX_BLEND_STAGE("normal", GFX_BLEND_NORMAL),
        GFX_BLEND_STAGE("add", GFX_BLEND_ADD),
        GFX_BLEND_STAGE("multiply", GFX_BLEND_MULTIPLY),
        GFX_BLEND_STAGE("screen", GFX_BLEND_SCREEN),
        GFX_BLEND_STAGE("overlay", GFX_BLEND_OVERLAY),
        GFX_BLEND_STAGE("softlight", GFX_BLEND_SOFTLIGHT),
        GFX_BLEND_STAGE("colordodge", GFX_BLEND_COLORDODGE),
        GFX_BLEND_STAGE("vividlight", GFX_BLEND_VIVIDLIGHT),
        {"mask_mix",
         {GFX_K_MASK_MIX},
         mask_mix_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             gfx_fixture_mask_mix(&f, &k);
         }},
        {"mask_mix_pixels",
         {GFX_K_MASK_MIX},
         mask_mix_pixels_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             gfx_fixture_mask_mix_pixels(&f, &k);
         }},
        {"colour_matrix",
         {GFX_K_COLOUR_MATRIX},
         colour_matrix_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             gfx_fixture_colour_matrix(&f, &k);
         }},
        GFX_REMAP_STAGE("zoom", GFX_FEEDBACK_ZOOM, 0.015f),
        GFX_REMAP_STAGE("shrink", GFX_FEEDBACK_SHRINK, 0.02f),
        GFX_REMAP_STAGE("rotate", GFX_FEEDBACK_ROTATE_CW, 0.005f),
        GFX_REMAP_STAGE("mirror", GFX_FEEDBACK_MIRROR_H, 0.02f),
        GFX_REMAP_STAGE("shift", GFX_FEEDBACK_SHIFT_UP, 0.01f),
        {"cell_stats", {GFX_K_CELL_STATS}, cell_stats_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             gfx_fixture_cell_stats(&f, &k);
         }},
        {"lut3", {GFX_K_LUT3}, colour_matrix_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) { gfx_fixture_lut3(&f, &k); }},
        {"lut3_split", {GFX_K_LUT3}, colour_matrix_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             gfx_fixture_lut3_split(&f, &k);
         }},
        // the geometry shaders' table remap, through the barrel table (the
        // least orderly reads a shader's table asks for)
        {"remap_table", {GFX_K_REMAP_TABLE}, crt_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             k.remap_table(f.crt_out.px, f.crt_out.stride, f.canvas.px, f.crt_table, f.width,
                           f.height);
         }},
    };
    return all;
}

// "blit runs scalar" for each kernel of the stage with no variant at this
// level; NEON off ARM is SIMDe's emulation, whose timings mean little.
std::string variant_label(const std::vector<gfx_kernel_id> &kernels, const gfx_kernels &k,
                          gfx_isa isa)
{
    std::string label;
#if !defined(__aarch64__)
    if (isa == GFX_ISA_NEON)
        label = "SIMDe emulation";
#endif
    for (gfx_kernel_id id : kernels)
        if (k.isa_used[id] != isa) {
            label += label.empty() ? "" : "; ";
            label += std::string(gfx_kernel_name(id)) + " runs " + gfx_isa_name(k.isa_used[id]);
        }
    return label;
}

// The canvas as the blit leaves it, to start every benchmark from the same
// content (in-place stages change it run after run).
void restore_canvas(gfx_frame_fixture &f)
{
    static std::vector<uint8_t> pristine[GFX_PROFILES];
    int index = 0;
    while (gfx_profile_at(index)->width != f.width)
        index++;
    std::vector<uint8_t> &copy = pristine[index];
    const size_t bytes = gfx_frame_fixture_bytes(&f);
    if (copy.empty()) {
        memset(f.canvas.px, 0, bytes);
        gfx_fixture_blit(&f, gfx_kernels_get());
        copy.assign(f.canvas.px, f.canvas.px + bytes);
    }
    memcpy(f.canvas.px, copy.data(), bytes);
}

void run_stage(benchmark::State &st, const Stage &stage, gfx_isa isa, int size_index)
{
    if (!(gfx_isa_available() & (1u << isa))) {
        st.SkipWithError((std::string("this CPU or build lacks ") + gfx_isa_name(isa)).c_str());
        return;
    }
    gfx_frame_fixture *f = fixture(size_index);
    if (!f) {
        st.SkipWithError("cannot set up the frame (memory or font)");
        return;
    }
    gfx_kernels k;
    gfx_kernels_init(&k, isa);
    restore_canvas(*f);
    if (stage.kernels[0] == GFX_K_BOX_BLUR3 || stage.kernels[0] == GFX_K_BLOOM_UP)
        k.bloom_downsample4_threshold(f->small.px, f->small.stride, f->canvas.px, f->canvas.stride,
                                      f->width, f->height, 100);
    double memcpy_s = memcpy_bound_s(f);
    // the top layer of blend and mask_mix, the previous frame of cell stats: the canvas
    // through the CRT
    if (stage.kernels[0] == GFX_K_BLEND || stage.kernels[0] == GFX_K_MASK_MIX ||
        stage.kernels[0] == GFX_K_CELL_STATS)
        gfx_fixture_crt(f, &k);
    struct Iteration {
        const Stage &stage;
        gfx_frame_fixture &f;
        const gfx_kernels &k;
        uint32_t i;
    } it{stage, *f, k, 0};
    for (auto _ : st) {
        glyphfx_bench_iteration(
            [](void *p) {
                auto *c = static_cast<Iteration *>(p);
                c->stage.run(c->f, c->k, c->i++);
            },
            &it);
        benchmark::ClobberMemory();
    }
    set_counters(st, stage.name, *gfx_profile_at(size_index), stage.bytes(*f), memcpy_s);
    st.SetLabel(variant_label(stage.kernels, k, isa));
}

// ------------------------------------------------------------------ memcpy

void memcpy_hot(benchmark::State &st, int size_index)
{
    gfx_frame_fixture *f = fixture(size_index);
    if (!f) {
        st.SkipWithError("cannot set up the frame");
        return;
    }
    const size_t bytes = gfx_frame_fixture_bytes(f);
    for (auto _ : st) {
        memcpy(f->crt_out.px, f->canvas.px, bytes);
        benchmark::ClobberMemory();
    }
    set_counters(st, "memcpy", *gfx_profile_at(size_index), 2.0 * (double)bytes, 0);
}

size_t last_level_cache_bytes()
{
    static size_t llc = [] {
        gfx_machine m;
        gfx_machine_probe(&m);
        uint64_t bytes = gfx_machine_last_level_cache(&m);
        return (size_t)(bytes ? bytes : 64u << 20);
    }();
    return llc;
}

void memcpy_dram(benchmark::State &st, int size_index)
{
    const gfx_profile &s = *gfx_profile_at(size_index);
    const size_t bytes = (size_t)s.width * (size_t)s.height * 3;
    const size_t count = std::max<size_t>(3, 4 * last_level_cache_bytes() / bytes + 1);
    std::vector<std::vector<uint8_t>> ring(count, std::vector<uint8_t>(bytes, 1));
    size_t at = 0;
    for (auto _ : st) {
        size_t next = (at + 1) % count;
        memcpy(ring[next].data(), ring[at].data(), bytes);
        benchmark::ClobberMemory();
        at = next;
    }
    set_counters(st, "memcpy", s, 2.0 * (double)bytes, 0);
    st.counters["working_set_bytes"] = (double)(count * bytes);
    st.SetLabel(std::to_string(count) + " buffers, " + std::to_string(count * bytes >> 20) +
                " MiB in all");
}

// ------------------------------------------------------------ canvas format

struct FormatBuffers {
    int width = 1920, height = 1080, period = 19;
    std::vector<uint8_t> canvas, mask, coverage, colour;
    explicit FormatBuffers(int bpp)
        : canvas((size_t)bpp * 1920 * 1080 + 64, 90), mask((size_t)1920 * 1080, 200),
          coverage((size_t)bpp * 1920 * 19), colour((size_t)bpp * 1920)
    {
        for (size_t i = 0; i < coverage.size(); i++)
            coverage[i] = (uint8_t)gfx_hash32((uint32_t)(i / (size_t)bpp));
        for (size_t i = 0; i < colour.size(); i++)
            colour[i] = (uint8_t)(gfx_hash32((uint32_t)i) | 0x40);
    }
};

enum class FormatPass { Memcpy, Vignette, Blit };

void canvas_format(benchmark::State &st, FormatPass pass, int bpp)
{
#if defined(__x86_64__) || defined(__i386__)
    if (!(gfx_isa_available() & (1u << GFX_ISA_AVX2))) {
        st.SkipWithError("the format passes are built for AVX2, which this CPU lacks");
        return;
    }
#endif
    FormatBuffers b(bpp);
    std::vector<uint8_t> other(b.canvas.size());
    const size_t frame = (size_t)bpp * 1920 * 1080;
    for (auto _ : st) {
        switch (pass) {
        case FormatPass::Memcpy: memcpy(other.data(), b.canvas.data(), frame); break;
        case FormatPass::Vignette:
            gfx_format_vignette(b.canvas.data(), b.mask.data(), (size_t)1920 * 1080, bpp);
            break;
        case FormatPass::Blit:
            gfx_format_blit(b.canvas.data(), b.coverage.data(), b.colour.data(), b.width, b.height,
                            b.period, bpp);
            break;
        }
        benchmark::ClobberMemory();
    }
    st.counters["ms_per_frame"] = Counter(1e-3, kPerFrame);
    st.counters["GB/s"] = Counter(2.0 * (double)frame * 1e-9, Counter::kIsIterationInvariantRate);
}

// ------------------------------------------------------------ registration

// Every benchmark also reports the minimum over its repetitions: noise on a
// shared machine only ever adds time, so the fastest repetition is the most
// repeatable figure (what --compare judges by).
benchmark::internal::Benchmark *with_min(benchmark::internal::Benchmark *b)
{
    return b->Unit(benchmark::kMillisecond)
        ->ComputeStatistics("min", [](const std::vector<double> &v) {
            return *std::min_element(v.begin(), v.end());
        });
}

// Registers fn(state, args..., isa, size) once per ISA level and frame size
// as stage/isa/size.
#define GLYPHFX_REGISTER_PER_ISA(stage_name, fn, ...)                                              \
    for (int isa = 0; isa < GFX_ISA_COUNT; isa++)                                                  \
        for (int size = 0; size < GFX_PROFILES; size++) {                                          \
            std::string name = std::string(stage_name) + "/" + gfx_isa_name((gfx_isa)isa) + "/" +  \
                               size_label(*gfx_profile_at(size));                                  \
            with_min(                                                                              \
                benchmark::RegisterBenchmark(name.c_str(), fn, __VA_ARGS__, (gfx_isa)isa, size));  \
        }

// A renderer at one profile's settings, drawing the look the probe times
// (gfx_profile_measure_ms): plasma on every cell and the full shader chain,
// trimmed to the profile's shader level.
struct Pipeline {
    gfx_renderer *renderer = nullptr;
    gfx_scene scene{};
    gfx_scene layered{}; // gfx_scene_layered_benchmark
    gfx_feature_track track{};
    gfx_shader_cache *shader_cache = nullptr; // the single-shader benchmarks'
    gfx_image shader_canvas{};
    std::string png_dir;
};

constexpr int kTrackFrames = 64;

bool pipeline_init(Pipeline &p, const gfx_profile &prof)
{
    gfx_render_config cfg = {prof.width,        prof.height,        prof.fps, prof.grid_scale,
                             prof.shader_level, prof.particles_max, nullptr,  nullptr,
                             nullptr,           0.0};
    char err[256] = "out of memory";
    char dir[] = "/tmp/glyphfx-bench-png-XXXXXX";
    bool ok = (p.renderer = gfx_renderer_create(&cfg, err, sizeof err)) &&
              !gfx_synth_features(&p.track, kTrackFrames, prof.fps, 120.0f, 1) &&
              !gfx_scene_benchmark(&p.scene) &&
              !gfx_scene_layered_benchmark(&p.layered, err, sizeof err) &&
              !gfx_renderer_prepare(p.renderer, &p.scene, err, sizeof err) &&
              !gfx_renderer_prepare(p.renderer, &p.layered, err, sizeof err) &&
              gfx_render_frame(p.renderer, &p.scene, &p.track, 0, 1) &&
              (p.shader_cache = gfx_shader_cache_create(prof.width, prof.height)) &&
              !gfx_image_alloc(&p.shader_canvas, prof.width, prof.height) && mkdtemp(dir);
    if (!ok) {
        fprintf(stderr, "glyphfx_bench: %s renderer: %s\n", prof.name, err);
        return false;
    }
    p.png_dir = dir;
    const gfx_image *canvas = gfx_renderer_canvas(p.renderer);
    memcpy(p.shader_canvas.px, canvas->px, gfx_image_bytes(canvas));
    return true;
}

Pipeline pipes[GFX_PROFILES];
int pipe_state[GFX_PROFILES]; // 0 untried, 1 ready, -1 failed

Pipeline *pipeline(int size_index)
{
    if (!pipe_state[size_index])
        pipe_state[size_index] =
            pipeline_init(pipes[size_index], *gfx_profile_at(size_index)) ? 1 : -1;
    return pipe_state[size_index] > 0 ? &pipes[size_index] : nullptr;
}

// The PNG files the benchmark wrote, and their directory; only for the
// pipelines that were built (pipeline() would build the others, 2160p
// included, just to find nothing to remove).
void remove_png_dirs()
{
    for (int i = 0; i < GFX_PROFILES; i++)
        if (Pipeline *p = pipe_state[i] > 0 ? &pipes[i] : nullptr; p && !p->png_dir.empty()) {
            std::string file = p->png_dir + "/frame.png";
            unlink(file.c_str());
            rmdir(p->png_dir.c_str());
        }
}

enum class PipeStage { Effect, Tonemap, Colour, Shaders, Frame, Layered, Png, Shader };

void run_pipe_stage(Pipeline &p, PipeStage what, int shader, uint32_t i)
{
    const gfx_segment *seg = &p.scene.segments[0];
    const int frame = 1 + (int)(i % (kTrackFrames - 1));
    switch (what) {
    case PipeStage::Effect:
        gfx_stage_effect(p.renderer, seg, &seg->layers[0], &p.track, frame, 1);
        break;
    case PipeStage::Tonemap: gfx_stage_tonemap(p.renderer, &seg->layers[0]); break;
    case PipeStage::Colour: gfx_stage_colour(p.renderer, seg, &seg->layers[0], &p.track, frame); break;
    case PipeStage::Shaders:
        gfx_stage_shaders(p.renderer, seg, gfx_renderer_canvas(p.renderer), &p.track, frame, 1);
        break;
    case PipeStage::Frame: gfx_render_frame(p.renderer, &p.scene, &p.track, frame, 1); break;
    case PipeStage::Layered: gfx_render_frame(p.renderer, &p.layered, &p.track, frame, 1); break;
    case PipeStage::Png: {
        char err[256];
        std::string file = p.png_dir + "/frame.png";
        if (gfx_png_write(file.c_str(), gfx_renderer_canvas(p.renderer), 1, err, sizeof err))
            fprintf(stderr, "glyphfx_bench: %s\n", err);
        break;
    }
    case PipeStage::Shader: {
        gfx_shader_step step = gfx_shader_step_default(shader);
        gfx_param_inputs in = gfx_param_inputs_of(gfx_features_at(&p.track, frame));
        gfx_shaders_apply(p.shader_cache, &p.shader_canvas, &step, 1, GFX_SHADERS_FULL, &in, 1,
                          frame);
        break;
    }
    }
}

double pipe_bytes(PipeStage what, const gfx_frame_fixture &f)
{
    double shaders = bloom_bytes(f) + vignette_bytes(f) + crt_bytes(f) + grain_bytes(f);
    switch (what) {
    case PipeStage::Shaders: return shaders;
    case PipeStage::Frame: return frame_bytes(f) + blit_bytes(f) + shaders;
    case PipeStage::Layered: /* three blits and blends, a mask mix, the feedback's passes */
        return 3 * (frame_bytes(f) + blit_bytes(f)) + 10 * frame_bytes(f) + shaders;
    case PipeStage::Png: return frame_bytes(f);
    case PipeStage::Shader: return 2 * frame_bytes(f);
    default: return 0; // per-cell stages: a few hundred KB of cells, no frame traffic
    }
}

// The kernels the renderer's frame runs, for the label.
const std::vector<gfx_kernel_id> kPipelineKernels = {
    GFX_K_BLIT,     GFX_K_BLOOM_DOWN, GFX_K_BOX_BLUR3, GFX_K_BLOOM_UP,
    GFX_K_VIGNETTE, GFX_K_GRAIN,      GFX_K_CRT};

// Stages on the kernels run at the dispatch level `isa` (forced process-wide:
// the renderer takes its kernels from gfx_kernels_get); plain C ones pass
// isa = -1.
void run_pipeline(benchmark::State &st, const char *stage, PipeStage what, int shader, int isa,
                  int size_index)
{
    if (isa >= 0 && gfx_kernels_force((gfx_isa)isa) < 0) {
        st.SkipWithError(
            (std::string("this CPU or build lacks ") + gfx_isa_name((gfx_isa)isa)).c_str());
        return;
    }
    Pipeline *p = pipeline(size_index);
    gfx_frame_fixture *f = fixture(size_index);
    if (!p || !f) {
        st.SkipWithError("cannot set up the renderer (memory or font)");
        return;
    }
    double memcpy_s = memcpy_bound_s(f);
    struct Iteration {
        Pipeline &p;
        PipeStage what;
        int shader;
        uint32_t i;
    } it{*p, what, shader, 0};
    for (auto _ : st) {
        glyphfx_bench_iteration(
            [](void *c) {
                auto *t = static_cast<Iteration *>(c);
                run_pipe_stage(t->p, t->what, t->shader, t->i++);
            },
            &it);
        benchmark::ClobberMemory();
    }
    set_counters(st, stage, *gfx_profile_at(size_index), pipe_bytes(what, *f), memcpy_s);
    if (isa >= 0)
        st.SetLabel(variant_label(kPipelineKernels, *gfx_kernels_get(), (gfx_isa)isa));
    gfx_kernels_force(gfx_isa_best());
}

void register_pipeline()
{
    const struct {
        const char *name;
        PipeStage what;
        int shader; // for PipeStage::Shader
        bool on_kernels;
    } list[] = {
        {"effect", PipeStage::Effect, 0, false},
        {"tonemap", PipeStage::Tonemap, 0, false},
        {"colour", PipeStage::Colour, 0, false},
        {"shaders", PipeStage::Shaders, 0, true},
        {"shader_chromatic", PipeStage::Shader, GFX_SHADER_CHROMATIC, false},
        {"shader_posterize", PipeStage::Shader, GFX_SHADER_POSTERIZE, false},
        {"shader_invert", PipeStage::Shader, GFX_SHADER_INVERT, false},
        {"shader_threshold", PipeStage::Shader, GFX_SHADER_THRESHOLD, false},
        {"shader_color_ramp", PipeStage::Shader, GFX_SHADER_COLOR_RAMP, false},
        {"png", PipeStage::Png, 0, false},
        {"frame", PipeStage::Frame, 0, true},
        {"layered_frame", PipeStage::Layered, 0, true},
        {"shader_kaleidoscope", PipeStage::Shader, GFX_SHADER_KALEIDOSCOPE, true},
        {"shader_mirror_h", PipeStage::Shader, GFX_SHADER_MIRROR_H, true},
        {"shader_mirror_v", PipeStage::Shader, GFX_SHADER_MIRROR_V, true},
        {"shader_mirror_quad", PipeStage::Shader, GFX_SHADER_MIRROR_QUAD, true},
        {"shader_mirror_diag", PipeStage::Shader, GFX_SHADER_MIRROR_DIAG, true},
        {"shader_pixelate", PipeStage::Shader, GFX_SHADER_PIXELATE, true},
        {"shader_displacement_map", PipeStage::Shader, GFX_SHADER_DISPLACEMENT_MAP, true},
        {"shader_wave_distort", PipeStage::Shader, GFX_SHADER_WAVE_DISTORT, false},
        {"shader_channel_shift", PipeStage::Shader, GFX_SHADER_CHANNEL_SHIFT, false},
        {"shader_rgb_split_radial", PipeStage::Shader, GFX_SHADER_RGB_SPLIT_RADIAL, false},
        {"shader_edge_glow", PipeStage::Shader, GFX_SHADER_EDGE_GLOW, false},
        {"shader_soft_focus", PipeStage::Shader, GFX_SHADER_SOFT_FOCUS, false},
        {"shader_radial_blur", PipeStage::Shader, GFX_SHADER_RADIAL_BLUR, false},
        {"shader_reverse_vignette", PipeStage::Shader, GFX_SHADER_REVERSE_VIGNETTE, false},
        {"shader_halftone", PipeStage::Shader, GFX_SHADER_HALFTONE, false},
        {"shader_static", PipeStage::Shader, GFX_SHADER_STATIC, false},
        {"shader_glitch_bands", PipeStage::Shader, GFX_SHADER_GLITCH_BANDS, false},
        {"shader_block_glitch", PipeStage::Shader, GFX_SHADER_BLOCK_GLITCH, false},
        {"shader_pixel_sort", PipeStage::Shader, GFX_SHADER_PIXEL_SORT, false},
        {"shader_data_bend", PipeStage::Shader, GFX_SHADER_DATA_BEND, false},
    };
    for (const auto &s : list) {
        if (s.on_kernels) {
            GLYPHFX_REGISTER_PER_ISA(s.name, run_pipeline, s.name, s.what, s.shader);
            continue;
        }
        for (int size = 0; size < GFX_PROFILES; size++) {
            std::string name = std::string(s.name) + "/c/" + size_label(*gfx_profile_at(size));
            with_min(benchmark::RegisterBenchmark(name.c_str(), run_pipeline, s.name, s.what,
                                                  s.shader, -1, size));
        }
    }
}

// ------------------------------------------------------------ per effect

// fx_<effect>/c/1080p: one registered effect (render/frame/effects/registry.c)
// on the md grid of the 1080p production profile, its parameters at their
// defaults, features from a synthesized 120 BPM track, from 4 s in (eight
// beats, so particle systems have events to replay). A stateless effect
// renders frames cycling through the next 8 s; a simulation is initialised
// once before the timed loop and each iteration steps its state one frame
// and renders it (label "step + render"), the frame advancing past the
// track's end if the run is long (the features then hold the last frame's).
// Held to the fx budget (budgets.h). Not in the default selection of
// `glyphfx bench`: --stage fx_all or fx_NAME picks them.
constexpr double kFxStartS = 4.0, kFxCycleS = 8.0, kFxTrackS = 600.0;

struct FxSetup {
    gfx_grid_fields fields{};
    gfx_feature_track track{};
    const gfx_profile *profile = nullptr;
    std::vector<float> value, hue;
};

int production_index()
{
    for (int i = 0; i < GFX_PROFILES; i++)
        if (!strcmp(gfx_profile_at(i)->name, "production"))
            return i;
    return -1;
}

FxSetup *fx_setup()
{
    static FxSetup s;
    static int state; // 0 untried, 1 ready, -1 failed
    if (state)
        return state > 0 ? &s : nullptr;
    state = -1;
    char err[256];
    const int prof = production_index();
    if (prof < 0)
        return nullptr;
    s.profile = gfx_profile_at(prof);
    gfx_font *font = gfx_font_open(nullptr, err, sizeof err);
    int cell_w = 0, cell_h = 0;
    bool ok =
        font &&
        !gfx_font_cell_size(font, gfx_grid_pixel_height(GFX_GRID_MD, s.profile->grid_scale),
                            &cell_w, &cell_h) &&
        !gfx_grid_fields_build(&s.fields, s.profile->width, s.profile->height, cell_w, cell_h) &&
        !gfx_synth_features(&s.track, (int)(kFxTrackS * s.profile->fps), s.profile->fps, 120.0f, 1);
    if (font)
        gfx_font_close(font);
    if (!ok) {
        fprintf(stderr, "glyphfx_bench: cannot set up the effect grid or track%s%s\n",
                font ? "" : ": ", font ? "" : err);
        return nullptr;
    }
    const size_t cells = (size_t)s.fields.grid.rows * (size_t)s.fields.grid.cols;
    s.value.resize(cells);
    s.hue.resize(cells);
    state = 1;
    return &s;
}

gfx_effect_ctx fx_ctx(const FxSetup &s, const gfx_effect_desc &e, int frame)
{
    gfx_effect_ctx ctx{};
    ctx.grid = &s.fields.grid;
    ctx.track = &s.track;
    ctx.feat = gfx_features_at(&s.track, frame);
    ctx.frame = frame;
    ctx.fps = s.profile->fps;
    ctx.time = frame / ctx.fps;
    ctx.seed = 1;
    ctx.particle_cap = gfx_effect_particle_cap(&e, s.profile->particles_max);
    for (int j = 0; j < e.n_params; j++)
        ctx.params[j] = e.params[j].def;
    return ctx;
}

void run_effect_stage(benchmark::State &st, int effect)
{
    const gfx_effect_desc *e = gfx_effect_at(effect);
    FxSetup *s = fx_setup();
    if (!s) {
        st.SkipWithError("cannot set up the effect grid or track (memory or font)");
        return;
    }
    const int start = (int)(kFxStartS * s->profile->fps),
              cycle = (int)(kFxCycleS * s->profile->fps);
    std::vector<unsigned char> state;
    if (e->sim) {
        gfx_effect_ctx ctx = fx_ctx(*s, *e, start);
        state.assign(e->sim->state_bytes(ctx.grid, ctx.params), 0);
        e->sim->init(&ctx, state.data());
    }
    struct Iteration {
        FxSetup &s;
        const gfx_effect_desc &e;
        void *state;
        int start, cycle;
        uint32_t i;
    } it{*s, *e, state.empty() ? nullptr : state.data(), start, cycle, 0};
    for (auto _ : st) {
        glyphfx_bench_iteration(
            [](void *p) {
                auto *c = static_cast<Iteration *>(p);
                const uint32_t i = c->i++;
                if (c->e.sim) {
                    gfx_effect_ctx ctx = fx_ctx(c->s, c->e, c->start + 1 + (int)i);
                    ctx.state = c->state;
                    c->e.sim->step(&ctx, c->state);
                    c->e.render(&ctx, c->s.value.data(), c->s.hue.data());
                } else {
                    gfx_effect_ctx ctx =
                        fx_ctx(c->s, c->e, c->start + (int)(i % (uint32_t)c->cycle));
                    c->e.render(&ctx, c->s.value.data(), c->s.hue.data());
                }
            },
            &it);
        benchmark::ClobberMemory();
    }
    set_counters(st, "fx", *s->profile, 0, 0);
    std::string label = e->sim ? "step + render" : "render";
    if (e->reads_video)
        label += ", no clip";
    st.SetLabel(label + "; md grid " + std::to_string(s->fields.grid.cols) + "x" +
                std::to_string(s->fields.grid.rows));
}

void register_effects()
{
    const int prof = production_index();
    if (prof < 0)
        return;
    for (int i = 0; i < gfx_effect_count(); i++) {
        std::string name =
            std::string("fx_") + gfx_effect_at(i)->name + "/c/" + size_label(*gfx_profile_at(prof));
        with_min(benchmark::RegisterBenchmark(name.c_str(), run_effect_stage, i));
    }
}

// ---------------------------------------------------------------- PNG encode

// Production frames for the encoders: three frames of the pipeline's look
// (plasma, the full shader chain with grain), cycled so no run encodes the
// same frame twice in a row.
struct PngFrames {
    std::vector<std::vector<uint8_t>> px;
    int width = 0, height = 0;
    ptrdiff_t stride = 0;
    double zlib1_rle_bytes = 0, zlib1_bytes = 0; // all three, libpng below
};

void png_write_vector(png_structp png, png_bytep data, png_size_t n)
{
    auto *out = static_cast<std::vector<uint8_t> *>(png_get_io_ptr(png));
    out->insert(out->end(), data, data + n);
}
void png_flush_none(png_structp) {}

// libpng into memory at zlib level 1 and the Up filter: with Z_RLE (the
// sink's settings, rle = true) or zlib's default strategy. Size, or 0.
size_t libpng_zlib1(const uint8_t *px, ptrdiff_t stride, int width, int height, bool rle,
                    std::vector<uint8_t> &out)
{
    out.clear();
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return 0;
    }
    png_set_write_fn(png, &out, png_write_vector, png_flush_none);
    png_set_compression_level(png, 1);
    if (rle)
        png_set_compression_strategy(png, Z_RLE);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < height; y++)
        png_write_row(png, px + y * stride);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return out.size();
}

PngFrames *png_frames(int size_index)
{
    static PngFrames frames[GFX_PROFILES];
    PngFrames &f = frames[size_index];
    Pipeline *p = pipeline(size_index);
    if (!f.px.empty() || !p)
        return p ? &f : nullptr;
    std::vector<uint8_t> out;
    for (int frame : {8, 21, 40}) {
        const gfx_image *img = gfx_render_frame(p->renderer, &p->scene, &p->track, frame, 1);
        if (!img)
            return nullptr;
        f.width = img->width, f.height = img->height, f.stride = img->stride;
        f.px.emplace_back(img->px, img->px + gfx_image_bytes(img));
        f.zlib1_rle_bytes +=
            (double)libpng_zlib1(img->px, img->stride, f.width, f.height, true, out);
        f.zlib1_bytes += (double)libpng_zlib1(img->px, img->stride, f.width, f.height, false, out);
    }
    return &f;
}

// Counters beside the usual ones: MP/s, kB (mean file size of the three
// frames), and the size
// against libpng at zlib level 1 on the same frames: size_x_zlib1_rle (the
// sink's Z_RLE + Up settings) and size_x_zlib1 (default strategy + Up).
void png_bench(benchmark::State &st, bool libpng, int isa, int size_index)
{
    if (isa >= 0 && !(gfx_isa_available() & (1u << isa))) {
        st.SkipWithError(
            (std::string("this CPU or build lacks ") + gfx_isa_name((gfx_isa)isa)).c_str());
        return;
    }
    PngFrames *pf = png_frames(size_index);
    gfx_frame_fixture *f = fixture(size_index);
    if (!pf || !f) {
        st.SkipWithError("cannot set up the renderer (memory or font)");
        return;
    }
    gfx_kernels k;
    gfx_kernels_init(&k, isa >= 0 ? (gfx_isa)isa : GFX_ISA_SCALAR);
    std::vector<uint8_t> out(gfx_png_encode_bound(pf->width, pf->height, 3));
    auto encode = [&](const uint8_t *px) {
        return libpng ? libpng_zlib1(px, pf->stride, pf->width, pf->height, true, out)
                      : gfx_png_encode(&k, out.data(), out.size(), px, pf->stride, pf->width,
                                       pf->height, 3);
    };
    double memcpy_s = memcpy_bound_s(f);
    size_t i = 0;
    for (auto _ : st) {
        if (!encode(pf->px[i++ % pf->px.size()].data())) {
            st.SkipWithError("the encoder failed");
            return;
        }
        benchmark::ClobberMemory();
    }
    double bytes = 0; // of each frame once, whatever the iteration count
    for (const auto &px : pf->px)
        bytes += (double)encode(px.data());
    set_counters(st, libpng ? "png_zlib1" : "png_encode", *gfx_profile_at(size_index),
                 frame_bytes(*f), memcpy_s);
    st.counters["MP/s"] =
        Counter((double)pf->width * pf->height * 1e-6, Counter::kIsIterationInvariantRate);
    st.counters["kB"] = bytes / (double)pf->px.size() / 1e3;
    st.counters["size_x_zlib1_rle"] = bytes / pf->zlib1_rle_bytes;
    st.counters["size_x_zlib1"] = bytes / pf->zlib1_bytes;
    if (!libpng)
        st.SetLabel(variant_label({GFX_K_PNG_FILTER, GFX_K_CRC32, GFX_K_ADLER32}, k, (gfx_isa)isa));
}

void register_png()
{
    GLYPHFX_REGISTER_PER_ISA("png_encode", png_bench, false);
    for (int size = 0; size < GFX_PROFILES; size++) {
        std::string name = "png_zlib1/c/" + size_label(*gfx_profile_at(size));
        with_min(benchmark::RegisterBenchmark(name.c_str(), png_bench, true, -1, size));
    }
}

void register_all()
{
    for (int size = 0; size < GFX_PROFILES; size++) {
        const std::string label = size_label(*gfx_profile_at(size));
        with_min(benchmark::RegisterBenchmark(("memcpy/hot/" + label).c_str(), memcpy_hot, size));
        with_min(benchmark::RegisterBenchmark(("memcpy/dram/" + label).c_str(), memcpy_dram, size));
    }
    for (const Stage &stage : stages())
        GLYPHFX_REGISTER_PER_ISA(stage.name, run_stage, stage);
    register_pipeline();
    register_png();
    register_effects();
    const struct {
        const char *name;
        FormatPass pass;
    } passes[] = {{"memcpy", FormatPass::Memcpy},
                  {"vignette", FormatPass::Vignette},
                  {"blit", FormatPass::Blit}};
    for (const auto &p : passes)
        for (int bpp : {3, 4}) {
            std::string name =
                std::string("format_") + p.name + (bpp == 3 ? "/rgb24" : "/rgbx32") + "/1080p";
            with_min(benchmark::RegisterBenchmark(name.c_str(), canvas_format, p.pass, bpp));
        }
}

void add_context()
{
    gfx_machine m;
    gfx_machine_probe(&m);
    char buf[512];
    benchmark::AddCustomContext("glyphfx_schema", "1");
    benchmark::AddCustomContext("glyphfx_version", GLYPHFX_VERSION);
    benchmark::AddCustomContext("glyphfx_commit", GLYPHFX_COMMIT);
    benchmark::AddCustomContext("cpu_model", m.cpu_model);
    gfx_machine_summary(&m, buf, sizeof buf);
    benchmark::AddCustomContext("topology", buf);
    gfx_isa_list(buf, sizeof buf, m.isa_available);
    benchmark::AddCustomContext("isa_available", buf);
    benchmark::AddCustomContext("isa_best", gfx_isa_name(gfx_isa_best()));
    benchmark::AddCustomContext("x_memcpy_uses",
                                "warm memcpy of one RGB24 frame between two frame buffers, "
                                "median of 15, measured just before each stage");
}

} // namespace

int main(int argc, char **argv)
{
    register_all();
    add_context();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 2;
    benchmark::RunSpecifiedBenchmarks();
    remove_png_dirs();
    benchmark::Shutdown();
    return 0;
}
