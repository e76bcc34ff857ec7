/* bench/results without running a benchmark: names split into their parts,
 * reference measurements told apart, the compare verdict's tolerance and
 * its two readings (plain and over memcpy), and a
 * missing results file refused with one line naming it. */
#include <string.h>

#include "bench_results.h"
#include "check.h"

static gfx_bench_entry entry(double min_ms, double cv)
{
    return (gfx_bench_entry){.name = "blit/avx2/1080p", .ms = min_ms, .min_ms = min_ms, .cv = cv};
}

int main(void)
{
    char stage[32], isa[32], size[32];
    gfx_bench_name_split("bloom/avx512/1080p", stage, isa, size, sizeof stage);
    CHECK(!strcmp(stage, "bloom") && !strcmp(isa, "avx512") && !strcmp(size, "1080p"),
          "split: '%s' '%s' '%s'", stage, isa, size);
    gfx_bench_name_split("memcpy", stage, isa, size, sizeof stage);
    CHECK(!strcmp(stage, "memcpy") && !isa[0] && !size[0], "split of one part: '%s' '%s' '%s'",
          stage, isa, size);

    CHECK(gfx_bench_is_reference("memcpy/libc/1080p"), "memcpy is a reference");
    CHECK(gfx_bench_is_reference("format_rgb24/c/1080p"), "format_ is a reference");
    CHECK(!gfx_bench_is_reference("blit/avx2/1080p"), "blit is a stage");

    gfx_compare_rule rule = {0.5, 2.0};
    double tol;
    gfx_bench_entry old_e = entry(1.0, 0.0), same = entry(1.4, 0.0), slower = entry(1.6, 0.0),
                    faster = entry(0.6, 0.0), noisy = entry(1.55, 0.3);
    CHECK(gfx_bench_verdict(&old_e, &same, &rule, &tol) == GFX_SAME && tol == 0.5, "40%% is noise");
    CHECK(gfx_bench_verdict(&old_e, &slower, &rule, &tol) == GFX_SLOWER, "60%% slower");
    CHECK(gfx_bench_verdict(&old_e, &faster, &rule, &tol) == GFX_FASTER, "1/0.6 faster");
    CHECK(gfx_bench_verdict(&old_e, &noisy, &rule, &tol) == GFX_SAME && tol > 0.5,
          "a noisy run widens the tolerance (%g)", tol);
    /* The failing CI run: the host's memory got 1.46x faster, a compute-
     * bound stage only 5.7% slower plainly: not a regression. */
    gfx_bench_entry bloom_old = entry(0.244, 0.0), bloom_new = entry(0.258, 0.0);
    bloom_old.memcpy_ms = 0.163;
    bloom_new.memcpy_ms = 0.1115;
    CHECK(gfx_bench_verdict(&bloom_old, &bloom_new, &rule, &tol) == GFX_SAME,
          "faster memory alone is no slowdown (ratio %g)", gfx_bench_ratio(&bloom_old, &bloom_new));
    /* Twice the time on a host whose memory slowed by a third: slower by
     * both readings, and the smaller one is reported. */
    gfx_bench_entry slow_new = entry(0.488, 0.0);
    slow_new.memcpy_ms = 0.163 * 1.3;
    double ratio = gfx_bench_ratio(&bloom_old, &slow_new);
    CHECK(ratio > 1.53 && ratio < 1.54 &&
              gfx_bench_verdict(&bloom_old, &slow_new, &rule, &tol) == GFX_SLOWER,
          "twice the time over 1.3x memcpy: %g", ratio);
    /* Readings that disagree (plainly faster, slower over memcpy) say 1. */
    gfx_bench_entry mixed = entry(0.2, 0.0);
    mixed.memcpy_ms = 0.1;
    CHECK(gfx_bench_ratio(&bloom_old, &mixed) == 1.0, "disagreeing readings: %g",
          gfx_bench_ratio(&bloom_old, &mixed));

    gfx_bench_entry skipped = entry(1.0, 0.0);
    skipped.skipped = 1;
    CHECK(gfx_bench_verdict(&old_e, &skipped, &rule, &tol) == GFX_NOT_COMPARED, "skipped");

    gfx_bench_results r;
    char err[512] = "";
    CHECK(gfx_bench_results_load(&r, "/nonexistent/results.json", err, sizeof err) < 0 &&
              strstr(err, "/nonexistent/results.json") && !strchr(err, '\n'),
          "missing file: '%s'", err);
    return CHECK_EXIT_STATUS();
}
