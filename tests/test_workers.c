/* The worker pool hands every frame to the sink exactly once, in order, with
 * the same bytes whatever the worker count and pinning; it stops on a failed
 * render and on a stop request; bad worker counts are refused. */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "cpus.h"
#include "gfx_kernels.h"
#include "workers.h"

enum { W = 37, H = 11, FRAMES = 40 };

struct fake_user {
    int fail_at; /* frame whose render fails, or -1 */
    int *stop;   /* set after `stop_after` frames reach the sink */
    int stop_after;
    int workers_created;
};

static void *fake_new(void *user, int index)
{
    (void)index;
    struct fake_user *u = user;
    __atomic_add_fetch(&u->workers_created, 1, __ATOMIC_SEQ_CST);
    return u;
}

static int fake_render(void *state, int frame, gfx_image *out)
{
    struct fake_user *u = state;
    if (frame == u->fail_at)
        return -1;
    for (size_t i = 0; i < gfx_image_bytes(out); i++)
        out->px[i] = (uint8_t)gfx_hash32((uint32_t)frame * 7919u + (uint32_t)i);
    return 0;
}

static void fake_free(void *state)
{
    (void)state;
}

static void fake_progress(void *user, int done)
{
    struct fake_user *u = user;
    if (u->stop && done == u->stop_after)
        __atomic_store_n(u->stop, 1, __ATOMIC_RELAXED);
}

struct hash_sink {
    gfx_sink base;
    uint32_t hash[FRAMES];
    int order[FRAMES];
    int count;
};

static int hash_write(gfx_sink *s_, const gfx_image *img, int frame, char *err, size_t err_size)
{
    (void)err, (void)err_size;
    struct hash_sink *s = (struct hash_sink *)s_;
    uint32_t h = 0;
    for (size_t i = 0; i < gfx_image_bytes(img); i++)
        h = gfx_hash32(h ^ img->px[i]);
    if (s->count < FRAMES) {
        s->order[s->count] = frame;
        s->hash[s->count] = h;
    }
    s->count++;
    return 0;
}

static void sink_init(struct hash_sink *s)
{
    memset(s, 0, sizeof *s);
    s->base.write_frame = hash_write;
    s->base.description = "hash";
}

static int run(int workers, enum gfx_pin pin, struct fake_user *u, struct hash_sink *s, int *stop)
{
    gfx_worker_plan plan;
    CHECK(gfx_worker_plan_make(&plan, workers, pin, 1 << 20) == 0, "plan for %d: %s", workers,
          plan.why);
    gfx_worker_callbacks cb = {fake_new, fake_render, fake_free, fake_progress, u, NULL};
    sink_init(s);
    char err[256];
    int rc = gfx_workers_run(&plan, W, H, 0, FRAMES, &cb, &s->base, stop, err, sizeof err);
    CHECK(rc == 0 || !err[0] || strstr(err, "worker"), "an unexpected pool failure: %s", err);
    return rc;
}

/* A shard counts the CPUs it was given: SLURM_CPUS_PER_TASK when set, else
 * the affinity mask (a child bound to one CPU), never the machine's cores. */
static void test_cpus_available(void)
{
    gfx_worker_plan plan;
    char source[64];
    unsetenv("SLURM_CPUS_PER_TASK");
    gfx_topology_summary topo;
    gfx_topology_read(&topo);
    setenv("SLURM_CPUS_PER_TASK", "1", 1);
    CHECK(gfx_cpus_available(source, sizeof source) == 1 && strstr(source, "SLURM"),
          "SLURM_CPUS_PER_TASK=1 read as %d from %s", gfx_cpus_available(NULL, 0), source);
    CHECK(gfx_worker_plan_make(&plan, 0, GFX_PIN_CORE, 1 << 20) == 0 && plan.workers == 1,
          "SLURM_CPUS_PER_TASK=1: %d workers (%s)", plan.workers, plan.why);
    if (topo.pus > 1)
        CHECK(plan.pin == GFX_PIN_NONE, "a 1-CPU share of %d PUs is still pinned", topo.pus);
    setenv("SLURM_CPUS_PER_TASK", "junk", 1);
    CHECK(gfx_cpus_available(source, sizeof source) >= 1 && !strstr(source, "SLURM"),
          "SLURM_CPUS_PER_TASK=junk used (%s)", source);
    unsetenv("SLURM_CPUS_PER_TASK");
    if (topo.pus < 2) {
        printf("skip: the affinity case needs 2 or more PUs\n");
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(0, &one);
        if (sched_setaffinity(0, sizeof one, &one) != 0)
            _exit(77);
        int n = gfx_cpus_available(source, sizeof source);
        int ok = gfx_worker_plan_make(&plan, 0, GFX_PIN_CORE, 1 << 20) == 0;
        if (n != 1 || !ok || plan.workers != 1 || plan.pin != GFX_PIN_NONE) {
            fprintf(stderr, "bound to 1 CPU: %d available (%s), %d workers (%s)\n", n, source,
                    plan.workers, plan.why);
            _exit(1);
        }
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 77),
          "the worker plan of a process bound to 1 CPU (see above)");
}

int main(void)
{
    test_cpus_available();
    struct fake_user u = {.fail_at = -1};
    struct hash_sink one, many;
    CHECK(run(1, GFX_PIN_NONE, &u, &one, NULL) == 0, "1 worker run failed");
    CHECK(one.count == FRAMES, "1 worker wrote %d frames", one.count);
    for (int i = 0; i < FRAMES && i < one.count; i++)
        CHECK(one.order[i] == i, "frame %d arrived at position %d", one.order[i], i);

    const int counts[] = {2, 3, 5, 8};
    const enum gfx_pin pins[] = {GFX_PIN_NONE, GFX_PIN_CORE, GFX_PIN_PU};
    for (size_t c = 0; c < sizeof counts / sizeof *counts; c++)
        for (size_t p = 0; p < 3; p++) {
            u.workers_created = 0;
            CHECK(run(counts[c], pins[p], &u, &many, NULL) == 0, "%d workers failed", counts[c]);
            CHECK(u.workers_created == counts[c], "%d workers created, %d wanted",
                  u.workers_created, counts[c]);
            CHECK(many.count == FRAMES, "%d workers wrote %d frames", counts[c], many.count);
            CHECK(!memcmp(many.order, one.order, sizeof one.order), "order differs, %d workers",
                  counts[c]);
            CHECK(!memcmp(many.hash, one.hash, sizeof one.hash), "bytes differ, %d workers, pin %s",
                  counts[c], gfx_pin_name(pins[p]));
        }

    /* a failed render stops the run before the failed frame reaches the sink */
    u.fail_at = 17;
    CHECK(run(3, GFX_PIN_NONE, &u, &many, NULL) == -1, "failed render not reported");
    CHECK(many.count <= 17, "frames after the failure were written: %d", many.count);
    u.fail_at = -1;

    /* a stop request (as from SIGINT) ends the run early */
    int stop = 0;
    u.stop = &stop;
    u.stop_after = 5;
    CHECK(run(2, GFX_PIN_NONE, &u, &many, &stop) == -1, "stop not reported");
    CHECK(many.count >= 5 && many.count < FRAMES, "stop wrote %d frames", many.count);
    u.stop = NULL;

    gfx_worker_plan plan;
    CHECK(gfx_worker_plan_make(&plan, -1, GFX_PIN_CORE, 1 << 20) == -1, "negative count accepted");
    CHECK(strstr(plan.why, "--workers -1") != NULL, "message does not name the value: %s",
          plan.why);
    CHECK(gfx_worker_plan_make(&plan, 4 * plan.topo.pus + 1, GFX_PIN_CORE, 1 << 20) == -1,
          "more than 4x PUs accepted");
    CHECK(gfx_worker_plan_make(&plan, 0, GFX_PIN_CORE, 1 << 20) == 0 && plan.workers >= 1,
          "auto plan gave %d workers", plan.workers);
    CHECK(plan.topo.pus >= plan.topo.cores && plan.topo.cores >= 1, "topology %d cores %d PUs",
          plan.topo.cores, plan.topo.pus);
    CHECK(gfx_worker_plan_make(&plan, 0, GFX_PIN_CORE, (size_t)1 << 50) == 0 && plan.workers == 1,
          "memory cap not applied: %d workers", plan.workers);
    /* 1-byte workers: memory is no limit (the count of them that fit is past INT_MAX) */
    gfx_worker_plan_make(&plan, 0, GFX_PIN_CORE, 1 << 20);
    int mib_workers = plan.workers;
    CHECK(gfx_worker_plan_make(&plan, 0, GFX_PIN_CORE, 1) == 0 && plan.workers == mib_workers,
          "1-byte workers: %d, 1 MiB workers: %d", plan.workers, mib_workers);
    CHECK(gfx_pin_parse("core") == GFX_PIN_CORE && gfx_pin_parse("socket") == -1, "pin parse");

    printf("%s\n", check_failures ? "test_workers: FAILED" : "test_workers: ok");
    return check_failures != 0;
}
