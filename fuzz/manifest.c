/* libFuzzer harness: the resume manifest reader (gfx_manifest_load,
 * render/output/segments.c). The bytes become OUTPUT.parts/manifest.json in
 * a temporary directory; a manifest it accepts must save and load back the
 * same. A refusal must say why. */
#include "fuzz_tmp.h"

#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "segments.h"

#define KEY "0123456789abcdef" /* the seed corpus's settings_key */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same_segment(const gfx_segment_file *a, const gfx_segment_file *b)
{
    return a->first == b->first && a->last == b->last && a->done == b->done &&
           a->bytes == b->bytes && a->checksum == b->checksum && !strcmp(a->file, b->file);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char output[600], manifest[700];
    if (!output[0]) {
        snprintf(output, sizeof output, "%s/out.mp4", fuzz_tmp());
        snprintf(manifest, sizeof manifest, "%s.parts", output);
        if (mkdir(manifest, 0700) != 0)
            abort();
        snprintf(manifest, sizeof manifest, "%s.parts/manifest.json", output);
    }
    fuzz_tmp_write(manifest, data, size);
    gfx_manifest m, again;
    char err[4096] = "";
    int rc = gfx_manifest_load(&m, output, KEY, err, sizeof err);
    if (rc < 0 && !err[0])
        abort();
    if (rc != 0)
        return 0;
    if (gfx_manifest_save(&m, err, sizeof err) != 0 ||
        gfx_manifest_load(&again, output, KEY, err, sizeof err) != 0)
        abort();
    if (again.n_segments != m.n_segments || again.total_frames != m.total_frames)
        abort();
    for (int i = 0; i < m.n_segments; i++)
        if (!same_segment(&m.segments[i], &again.segments[i]))
            abort();
    gfx_manifest_free(&again);
    gfx_manifest_free(&m);
    return 0;
}
