/* glyphfx probe --json: every field is there and the numbers are plausible
 * for this machine (PUs match the online CPUs, as `nproc` counts them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "check.h"

static const cJSON *at(const cJSON *root, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    const cJSON *node = root;
    for (char *key = strtok(buf, "."); key && node; key = strtok(NULL, "."))
        node = cJSON_GetObjectItemCaseSensitive(node, key);
    if (!node)
        fprintf(stderr, "FAIL missing field %s\n", path), check_failures++;
    return node;
}

static double number(const cJSON *root, const char *path)
{
    const cJSON *n = at(root, path);
    CHECK(!n || cJSON_IsNumber(n), "%s is not a number", path);
    return cJSON_IsNumber(n) ? n->valuedouble : -1;
}

static const char *string(const cJSON *root, const char *path)
{
    const cJSON *s = at(root, path);
    CHECK(!s || cJSON_IsString(s), "%s is not a string", path);
    return cJSON_IsString(s) ? s->valuestring : "";
}

static int array_has(const cJSON *array, const char *value)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, array) if (cJSON_IsString(item) &&
                                        !strcmp(item->valuestring, value)) return 1;
    return 0;
}

static char *run_probe(void)
{
    const char *bin = getenv("GLYPHFX_BIN");
    if (!bin) {
        fprintf(stderr, "GLYPHFX_BIN is not set\n");
        return NULL;
    }
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "'%s' probe --json", bin);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    size_t cap = 1 << 20, len = 0, got;
    char *text = malloc(cap);
    while (text && (got = fread(text + len, 1, cap - 1 - len, p)) > 0)
        len += got;
    int status = pclose(p);
    if (!text || status != 0) {
        fprintf(stderr, "FAIL glyphfx probe --json exited with status %d\n", status);
        free(text);
        return NULL;
    }
    text[len] = 0;
    return text;
}

static void check_machine(const cJSON *root)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    double pus = number(root, "machine.topology.pus"),
           cores = number(root, "machine.topology.cores");
    CHECK(pus == (double)online, "topology.pus %.0f, but %ld CPUs are online", pus, online);
    CHECK(cores >= 1 && cores <= pus, "cores %.0f for %.0f PUs", cores, pus);
    CHECK(number(root, "machine.topology.packages") >= 1, "no package");
    CHECK(number(root, "machine.topology.numa_nodes") >= 1, "no NUMA node");
    const cJSON *caches = at(root, "machine.topology.caches");
    CHECK(cJSON_GetArraySize(caches) >= 1, "no caches listed");
    const cJSON *c;
    cJSON_ArrayForEach(c, caches)
    {
        double size = number(c, "size_bytes"), level = number(c, "level");
        CHECK(level >= 1 && level <= 5, "cache level %.0f", level);
        CHECK(size >= 1024 && size <= 4.0 * (1 << 30), "cache size %.0f bytes", size);
        CHECK(number(c, "count") >= 1, "cache count");
        string(c, "kind");
    }
    double total = number(root, "machine.memory.total_bytes");
    double avail = number(root, "machine.memory.available_bytes");
    CHECK(total >= 256.0 * (1 << 20), "memory total %.0f bytes", total);
    CHECK(avail > 0 && avail <= total, "memory available %.0f of %.0f", avail, total);
    CHECK(*string(root, "machine.cpu_model"), "empty cpu_model");
    string(root, "machine.arch");
    string(root, "machine.isa.cpu_flags");
    CHECK(array_has(at(root, "machine.isa.built"), "scalar"), "scalar not built");
    CHECK(array_has(at(root, "machine.isa.available"), "scalar"), "scalar not available");
    at(root, "machine.isa.cpu");
    CHECK(cJSON_IsBool(at(root, "machine.ffmpeg.present")), "ffmpeg.present not a bool");
    CHECK(cJSON_IsBool(at(root, "machine.ffmpeg.libx264")), "ffmpeg.libx264 not a bool");
    string(root, "machine.ffmpeg.version");
}

static void check_kernels(const cJSON *root)
{
    static const char *const kernels[] = {"blit",      "bloom_downsample4_threshold",
                                          "box_blur3", "bloom_upsample4_add",
                                          "vignette",  "grain",
                                          "crt",       "rgb_to_yuv420p"};
    const cJSON *available = at(root, "machine.isa.available");
    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++) {
        char path[64];
        snprintf(path, sizeof path, "kernels.%s", kernels[i]);
        const char *isa = string(root, path);
        CHECK(array_has(available, isa), "%s runs %s, which is not available", kernels[i], isa);
    }
}

static void check_plan(const cJSON *root)
{
    double workers = number(root, "plan.workers.count");
    double pus = number(root, "machine.topology.pus");
    CHECK(workers >= 1 && workers <= pus, "%.0f workers for %.0f PUs", workers, pus);
    CHECK(*string(root, "plan.workers.why"), "no reason for the worker count");
    const char *profile = string(root, "plan.profile.name");
    CHECK(!strcmp(profile, "draft") || !strcmp(profile, "preview") ||
              !strcmp(profile, "production"),
          "auto picked '%s'", profile);
    CHECK(*string(root, "plan.profile.why"), "no reason for the profile");
    CHECK(number(root, "plan.micro_render.seconds") > 0, "micro-render took no time");
    const cJSON *profiles = at(root, "plan.micro_render.profiles");
    CHECK(cJSON_GetArraySize(profiles) == 4, "%d profiles", cJSON_GetArraySize(profiles));
    const cJSON *p;
    double last_pixels = 0;
    cJSON_ArrayForEach(p, profiles)
    {
        double ms = number(p, "ms_per_frame");
        double pixels = number(p, "width") * number(p, "height");
        CHECK(ms > 0 && ms < 60000, "%s: %.3f ms a frame", string(p, "name"), ms);
        CHECK(pixels > last_pixels, "profiles not in increasing size");
        last_pixels = pixels;
        CHECK(number(p, "fps") > 0 && number(p, "frames_measured") >= 1, "fps or frames");
        /* the estimate is frames x ms / workers: 20x longer video, 20x the time */
        double e30 = number(p, "estimate_s.30"), e600 = number(p, "estimate_s.600");
        number(p, "estimate_s.210");
        CHECK(e30 > 0 && e600 > 19.9 * e30 && e600 < 20.1 * e30, "estimates %g, %g", e30, e600);
        double expect30 = 30 * number(p, "fps") * ms / 1000 / workers;
        CHECK(e30 > 0.99 * expect30 && e30 < 1.01 * expect30, "30 s estimate %g, expected %g", e30,
              expect30);
    }
}

int main(void)
{
    char *text = run_probe();
    if (!text)
        return 1;
    cJSON *root = cJSON_Parse(text);
    free(text);
    if (!root) {
        fprintf(stderr, "FAIL glyphfx probe --json printed something that is not JSON\n");
        return 1;
    }
    string(root, "glyphfx.version");
    string(root, "glyphfx.commit");
    check_machine(root);
    check_kernels(root);
    check_plan(root);
    cJSON_Delete(root);
    if (check_failures)
        fprintf(stderr, "test_probe: %d failures\n", check_failures);
    else
        printf("test_probe: ok\n");
    return check_failures ? 1 : 0;
}
