/* libFuzzer harness: the parts readers (render/output/parts.c). The bytes
 * become, in turn, OUTPUT.parts/plan.json (gfx_plan_load) and the record of
 * part 0 of a valid 2-part plan, beside a part file of 5 bytes
 * (gfx_parts_status, both checks). A plan that loads must be within the
 * limits parts.h states; a refusal must say why; a record never makes a part
 * DONE unless it matches the file. */
#include "fuzz_tmp.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parts.h"

#define KEY "0123456789abcdef" /* the seed corpus's settings_key */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char loose[600], plan_path[700], record[700];
    static gfx_plan good;
    char err[4096] = "";
    if (!loose[0]) {
        char output[600], part[700];
        snprintf(loose, sizeof loose, "%s/loose.mp4", fuzz_tmp());
        snprintf(plan_path, sizeof plan_path, "%s.parts", loose);
        if (mkdir(plan_path, 0700) != 0)
            abort();
        snprintf(plan_path, sizeof plan_path, "%s.parts/plan.json", loose);
        snprintf(output, sizeof output, "%s/good.mp4", fuzz_tmp());
        if (gfx_plan_open(&good, output, KEY, 10, 2, "mp4", 24.0, err, sizeof err) != GFX_OK ||
            gfx_part_path(&good, 0, part, sizeof part) < 0 ||
            gfx_part_record_path(&good, 0, record, sizeof record) < 0)
            abort();
        fuzz_tmp_write(part, (const unsigned char *)"hello", 5);
    }

    /* the bytes as a plan */
    fuzz_tmp_write(plan_path, data, size);
    gfx_plan plan;
    int found = 0;
    gfx_status st = gfx_plan_load(&plan, loose, &found, err, sizeof err);
    if (st != GFX_OK && !err[0])
        abort();
    if (st == GFX_OK && found &&
        (plan.n_parts < 1 || plan.n_parts > GFX_PARTS_MAX || plan.n_parts > plan.total_frames ||
         !(plan.fps > 0) || strlen(plan.settings_key) != 16 || !plan.ext[0]))
        abort();

    /* the bytes as part 0's record */
    fuzz_tmp_write(record, data, size);
    gfx_part_info info[2];
    int done = -1;
    if (gfx_parts_status(&good, GFX_PARTS_VERIFY, info, &done, err, sizeof err) != GFX_OK)
        abort();
    if (done != (info[0].state == GFX_PART_DONE) || info[1].state != GFX_PART_MISSING)
        abort();
    if (info[0].state != GFX_PART_DONE && !info[0].why[0])
        abort();
    return 0;
}
