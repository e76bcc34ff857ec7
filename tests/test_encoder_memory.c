/* The encoder's memory counts in the worker plan: x264 at 4K (max) peaks at
 * about 1.06 GB (mostly its lookahead), gfx_profile_encoder_bytes says so
 * for each size, and the memory cap takes it off before dividing the rest
 * among the workers. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "profile.h"
#include "workers.h"

int main(void)
{
    size_t max = gfx_profile_encoder_bytes(gfx_profile_find("max"));
    size_t prod = gfx_profile_encoder_bytes(gfx_profile_find("production"));
    CHECK(max > 1000000000u && max < 1120000000u, "4K encoder: %zu bytes, measured 1.06 GB", max);
    CHECK(prod * 4 == max, "1080p is a quarter of 4K: %zu", prod);

    gfx_worker_plan plan;
    CHECK(gfx_worker_plan_make(&plan, 0, GFX_PIN_NONE, 1 << 20) == 0, "plan: %s", plan.why);
    double usable_gib = plan.topo.mem_gib * 0.6;
    if (plan.topo.cores < 2 || usable_gib < 2.0) {
        printf("SKIP: the memory cap needs 2 cores and 4 GiB here\n");
        return check_failures ? 1 : 77;
    }
    /* workers of just under half the usable memory: 2 fit, or 1 once the
     * encoder's 1 GiB is taken off */
    size_t half = (size_t)(usable_gib / 2.0 * 0.98 * (1 << 30));
    CHECK(gfx_worker_plan_make(&plan, 0, GFX_PIN_NONE, half) == 0 && plan.workers == 2,
          "no encoder: %d workers (%s)", plan.workers, plan.why);
    CHECK(gfx_worker_plan_make_reserving(&plan, 0, GFX_PIN_NONE, half, (size_t)1 << 30) == 0 &&
              plan.workers == 1,
          "with the encoder: %d workers (%s)", plan.workers, plan.why);
    CHECK(strstr(plan.why, "less 1024 MiB for the encoder"), "why: %s", plan.why);
    CHECK(gfx_worker_plan_make_reserving(&plan, 0, GFX_PIN_NONE, half, 0) == 0 &&
              !strstr(plan.why, "encoder,") && !strstr(plan.why, "less"),
          "no reserve: %s", plan.why);
    if (!check_failures)
        printf("test_encoder_memory: ok\n");
    return CHECK_EXIT_STATUS();
}
