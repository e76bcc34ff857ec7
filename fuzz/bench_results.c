/* libFuzzer harness: the bench results reader (gfx_bench_results_load and
 * the merge of process runs, bench_results.h). The bytes become a results
 * file in a temporary directory. Results it accepts must find each of their
 * own entries and compare equal to themselves; a refusal must say why. */
#include "fuzz_tmp.h"

#include <stdint.h>
#include <string.h>

#include "bench_results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[600], merged[600];
    if (!path[0]) {
        snprintf(path, sizeof path, "%s/results.json", fuzz_tmp());
        snprintf(merged, sizeof merged, "%s/merged.json", fuzz_tmp());
    }
    fuzz_tmp_write(path, data, size);
    gfx_bench_results r;
    char err[2048] = "";
    if (gfx_bench_results_load(&r, path, err, sizeof err) != 0) {
        if (!err[0])
            abort();
        return 0;
    }
    gfx_compare_rule rule = {0.5, 2.0};
    for (int i = 0; i < r.count; i++) {
        const gfx_bench_entry *e = &r.entries[i];
        const gfx_bench_entry *found = gfx_bench_results_find(&r, e->name);
        if (!found || strcmp(found->name, e->name))
            abort();
        char stage[64], isa[64], sz[64];
        gfx_bench_name_split(e->name, stage, isa, sz, sizeof stage);
        gfx_bench_is_reference(e->name);
        double tolerance;
        gfx_bench_verdict(e, e, &rule, &tolerance);
    }
    if (gfx_bench_same_set(&r, &r, err, sizeof err) != 0)
        abort();
    gfx_bench_results_free(&r);
    const char *runs[] = {path};
    gfx_bench_merge_runs(runs, 1, merged, err, sizeof err);
    return 0;
}
