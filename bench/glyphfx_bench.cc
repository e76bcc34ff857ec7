// glyphfx_bench: every stage per ISA level per frame size, held to its
// budget and to the memory-bandwidth bound of the same run.
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
//   budget_ms         glyphfx's budget for the stage at this size (budgets.h)
//   budget_used       ms_per_frame / budget_ms (over 1 = over budget)
//   seed_budget_used  the same against the seed's budget
//   memcpy_ms         a memcpy of one frame's bytes (RGB24) between two
//                     frame buffers, median of 15, measured just before the
//                     stage in the same process: the warm bound, in the same
//                     cache regime as the stage (its buffers are reused too)
//   x_memcpy          ms_per_frame / memcpy_ms
// memcpy/dram/SIZE cycles through buffers four times the last-level cache,
// for the DRAM bound; memcpy/hot/SIZE is the warm copy as a benchmark.
#include <benchmark/benchmark.h>

#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

extern "C" {
#include "budgets.h"
#include "frame_fixture.h"
#include "gfx_kernels.h"
#include "isa_report.h"
#include "machine.h"
}
#include "canvas_format.h"

namespace {

// One fixture per frame size, built on first use and kept: the 2160p CRT
// table alone takes a noticeable moment to build.
gfx_frame_fixture *fixture(int size_index)
{
    static gfx_frame_fixture fixtures[GFX_FRAME_SIZE_COUNT];
    static bool ready[GFX_FRAME_SIZE_COUNT], failed[GFX_FRAME_SIZE_COUNT];
    if (!ready[size_index] && !failed[size_index]) {
        const gfx_frame_size &s = gfx_frame_sizes[size_index];
        failed[size_index] = gfx_frame_fixture_init(&fixtures[size_index], s.width, s.height, 1) != 0;
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

// The warm memcpy bound for frames like f's, in seconds.
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

// Counters whose value is "seconds of CPU time per frame divided by x" are
// Counter(x, kPerFrame): Google Benchmark divides the iteration count times
// x by the CPU time and inverts it.
void set_counters(benchmark::State &st, const char *stage, const gfx_frame_size &size,
                  double bytes_moved, double memcpy_s)
{
    st.counters["ms_per_frame"] = Counter(1e-3, kPerFrame);
    st.counters["GB/s"] = Counter(bytes_moved * 1e-9, Counter::kIsIterationInvariantRate);
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

// ------------------------------------------------------------------ stages

// What a stage runs and what it touches, for one fixture and kernel table.
struct Stage {
    const char *name;
    std::vector<gfx_kernel_id> kernels; // for the label: which variants ran
    double (*bytes)(const gfx_frame_fixture &f);
    void (*run)(gfx_frame_fixture &f, const gfx_kernels &k, uint32_t iteration);
};

double frame_bytes(const gfx_frame_fixture &f) { return (double)gfx_frame_fixture_bytes(&f); }
double pixels(const gfx_frame_fixture &f) { return (double)f.width * f.height; }
double small_bytes(const gfx_frame_fixture &f) { return (double)gfx_image_bytes(&f.small); }

// Traffic per frame: the big arrays each kernel reads and writes (the atlas
// and the bloom image below are cache resident and not counted).
double blit_bytes(const gfx_frame_fixture &f) { return 2 * frame_bytes(f); }
double down_bytes(const gfx_frame_fixture &f) { return frame_bytes(f) / 4 + small_bytes(f); }
double blur_bytes(const gfx_frame_fixture &f) { return 2 * small_bytes(f); }
double up_bytes(const gfx_frame_fixture &f) { return 2 * frame_bytes(f) + small_bytes(f); }
double bloom_bytes(const gfx_frame_fixture &f)
{
    return down_bytes(f) + 3 * blur_bytes(f) + up_bytes(f);
}
double vignette_bytes(const gfx_frame_fixture &f) { return 2 * frame_bytes(f) + pixels(f); }
double grain_bytes(const gfx_frame_fixture &f) { return 2 * frame_bytes(f); }
double crt_bytes(const gfx_frame_fixture &f) { return 2 * frame_bytes(f) + 4 * pixels(f); }
double yuv_bytes(const gfx_frame_fixture &f) { return frame_bytes(f) + 1.5 * pixels(f); }
double whole_frame_bytes(const gfx_frame_fixture &f)
{
    return frame_bytes(f) + blit_bytes(f) + bloom_bytes(f) + vignette_bytes(f) + grain_bytes(f)
           + crt_bytes(f) + yuv_bytes(f);
}

enum gfx_shader_set shaders_of(const gfx_frame_fixture &f)
{
    for (const gfx_frame_size &s : gfx_frame_sizes)
        if (s.width == f.width && s.height == f.height)
            return s.shaders;
    return GFX_SHADERS_FULL;
}

const std::vector<Stage> &stages()
{
    static const std::vector<Stage> all = {
        {"blit", {GFX_K_BLIT}, blit_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) { gfx_fixture_blit(&f, &k); }},
        {"bloom_downsample4_threshold", {GFX_K_BLOOM_DOWN}, down_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             k.bloom_downsample4_threshold(f.small.px, f.small.stride, f.canvas.px,
                                           f.canvas.stride, f.width, f.height, 100);
         }},
        {"box_blur3", {GFX_K_BOX_BLUR3}, blur_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             k.box_blur3(f.small_tmp.px, f.small_tmp.stride, f.small.px, f.small.stride,
                         f.small.width, f.small.height, f.blur_scratch);
         }},
        {"bloom_upsample4_add", {GFX_K_BLOOM_UP}, up_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             k.bloom_upsample4_add(f.canvas.px, f.canvas.stride, f.width, f.height, f.small.px,
                                   f.small.stride, 160);
         }},
        {"bloom", {GFX_K_BLOOM_DOWN, GFX_K_BOX_BLUR3, GFX_K_BLOOM_UP}, bloom_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) { gfx_fixture_bloom(&f, &k); }},
        {"vignette", {GFX_K_VIGNETTE}, vignette_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             gfx_fixture_vignette(&f, &k);
         }},
        {"grain", {GFX_K_GRAIN}, grain_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t i) {
             gfx_fixture_grain(&f, &k, i);
         }},
        {"crt", {GFX_K_CRT}, crt_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) { gfx_fixture_crt(&f, &k); }},
        {"rgb_to_yuv420p", {GFX_K_YUV420P}, yuv_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t) {
             gfx_fixture_yuv420p(&f, &k, &f.canvas);
         }},
        {"frame",
         {GFX_K_BLIT, GFX_K_BLOOM_DOWN, GFX_K_BOX_BLUR3, GFX_K_BLOOM_UP, GFX_K_VIGNETTE,
          GFX_K_GRAIN, GFX_K_CRT, GFX_K_YUV420P},
         whole_frame_bytes,
         [](gfx_frame_fixture &f, const gfx_kernels &k, uint32_t i) {
             gfx_frame_fixture_render(&f, &k, shaders_of(f), i);
         }},
    };
    return all;
}

// "blit runs scalar" for each kernel of the stage with no variant at this
// level; NEON off ARM is SIMDe's emulation, whose timings mean little.
std::string variant_label(const Stage &stage, const gfx_kernels &k, gfx_isa isa)
{
    std::string label;
#if !defined(__aarch64__)
    if (isa == GFX_ISA_NEON)
        label = "SIMDe emulation";
#endif
    for (gfx_kernel_id id : stage.kernels)
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
    static std::vector<uint8_t> pristine[GFX_FRAME_SIZE_COUNT];
    int index = 0;
    while (gfx_frame_sizes[index].width != f.width)
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
        k.bloom_downsample4_threshold(f->small.px, f->small.stride, f->canvas.px,
                                      f->canvas.stride, f->width, f->height, 100);
    double memcpy_s = memcpy_bound_s(f);
    uint32_t i = 0;
    for (auto _ : st) {
        stage.run(*f, k, i++);
        benchmark::ClobberMemory();
    }
    set_counters(st, stage.name, gfx_frame_sizes[size_index], stage.bytes(*f), memcpy_s);
    st.SetLabel(variant_label(stage, k, isa));
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
    set_counters(st, "memcpy", gfx_frame_sizes[size_index], 2.0 * (double)bytes, 0);
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
    const gfx_frame_size &s = gfx_frame_sizes[size_index];
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
    st.SetLabel(std::to_string(count) + " buffers, " + std::to_string(count * bytes >> 20)
                + " MiB in all");
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
            gfx_format_blit(b.canvas.data(), b.coverage.data(), b.colour.data(), b.width,
                            b.height, b.period, bpp);
            break;
        }
        benchmark::ClobberMemory();
    }
    st.counters["ms_per_frame"] = Counter(1e-3, kPerFrame);
    st.counters["GB/s"] = Counter(2.0 * (double)frame * 1e-9, Counter::kIsIterationInvariantRate);
}

// ------------------------------------------------------------ registration

// Registers fn once per ISA level and frame size as stage/isa/size.
#define GLYPHFX_REGISTER_PER_ISA(stage)                                                    \
    for (int isa = 0; isa < GFX_ISA_COUNT; isa++)                                          \
        for (int size = 0; size < GFX_FRAME_SIZE_COUNT; size++) {                          \
            std::string name = std::string((stage).name) + "/" + gfx_isa_name((gfx_isa)isa) \
                               + "/" + gfx_frame_sizes[size].label;                        \
            benchmark::RegisterBenchmark(name.c_str(), run_stage, (stage), (gfx_isa)isa,   \
                                         size)                                             \
                ->Unit(benchmark::kMillisecond);                                           \
        }

void register_all()
{
    for (int size = 0; size < GFX_FRAME_SIZE_COUNT; size++) {
        const std::string label = gfx_frame_sizes[size].label;
        benchmark::RegisterBenchmark(("memcpy/hot/" + label).c_str(), memcpy_hot, size)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("memcpy/dram/" + label).c_str(), memcpy_dram, size)
            ->Unit(benchmark::kMillisecond);
    }
    for (const Stage &stage : stages())
        GLYPHFX_REGISTER_PER_ISA(stage);
    const struct {
        const char *name;
        FormatPass pass;
    } passes[] = {{"memcpy", FormatPass::Memcpy},
                  {"vignette", FormatPass::Vignette},
                  {"blit", FormatPass::Blit}};
    for (const auto &p : passes)
        for (int bpp : {3, 4}) {
            std::string name = std::string("format_") + p.name + (bpp == 3 ? "/rgb24" : "/rgbx32")
                               + "/1080p";
            benchmark::RegisterBenchmark(name.c_str(), canvas_format, p.pass, bpp)
                ->Unit(benchmark::kMillisecond);
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
    benchmark::Shutdown();
    return 0;
}
