/* Golden frames: for a fixed seed, every effect and every shader renders a
 * 160x90 frame whose FNV-1a hash is checked in (tests/golden/frames.txt),
 * under every kernel ISA this machine runs. A change in any stage, any
 * kernel variant or any effect shows up here as a named mismatch.
 *
 * After an intended change of the picture, regenerate with
 *   GLYPHFX_UPDATE_GOLDEN=1 ./tests/test_golden
 * (it writes the scalar hashes, still failing if another ISA differs) and
 * look at the new frames (`glyphfx render --contact-sheet`) before
 * committing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "gfx_kernels.h"
#include "image_hash.h"
#include "grid.h"
#include "palette.h"
#include "scene.h"
#include "shaders.h"
#include "synth_features.h"

#define WIDTH 160
#define HEIGHT 90
#define FPS 24.0
#define FRAME 43 /* 1.79 s: past the first beats, so particle effects have events */
#define SEED 7u
#define MAX_CASES 256
/* Rain's default ramp is katakana, which DejaVu Sans Mono lacks: its hash
 * was recorded with them from this file (fonts-motoya-l-cedar, installed by
 * tools/packages.sh); where fontconfig picks another font, only the ISAs
 * are compared with each other for that case. */
#define GOLDEN_KATAKANA_FONT "MTLc3m.ttf"
#define GOLDEN_KATAKANA_CASE "effect/rain"

struct golden_case {
    char name[64];
    uint64_t hash;
};

static uint64_t render_case(const gfx_effect_desc *effect, int shader,
                            const gfx_feature_track *track)
{
    gfx_render_config cfg = {WIDTH, HEIGHT, FPS,  1.0f, GFX_SHADERS_FULL,
                             1200,  NULL,   NULL, NULL, 0.0};
    char err[256];
    gfx_renderer *r = gfx_renderer_create(&cfg, err, sizeof err);
    if (!r) {
        fprintf(stderr, "test_golden: %s\n", err);
        exit(1);
    }
    gfx_shader_step step = gfx_shader_step_default(shader >= 0 ? shader : 0);
    gfx_scene scene;
    if (gfx_scene_single(&scene, effect, GFX_GRID_XS, -1, gfx_colours_find("neon"), GFX_HUE_ANGLE,
                         &step, shader >= 0 ? 1 : 0)) {
        fprintf(stderr, "test_golden: out of memory\n");
        exit(1);
    }
    const gfx_image *img = gfx_render_frame(r, &scene, track, FRAME, SEED);
    if (!img) {
        fprintf(stderr, "test_golden: render failed\n");
        exit(1);
    }
    uint64_t h = image_hash(img);
    gfx_scene_free(&scene);
    gfx_renderer_free(r);
    return h;
}

/* Every effect with no shader, then plasma through each shader alone. */
static int render_all(struct golden_case *cases, const gfx_feature_track *track)
{
    int n = 0;
    for (int i = 0; i < gfx_effect_count() && n < MAX_CASES; i++, n++) {
        snprintf(cases[n].name, sizeof cases[n].name, "effect/%s", gfx_effect_at(i)->name);
        cases[n].hash = render_case(gfx_effect_at(i), -1, track);
    }
    const gfx_effect_desc *plasma = gfx_effect_find("plasma");
    for (int s = 0; s < GFX_SHADERS && plasma && n < MAX_CASES; s++, n++) {
        snprintf(cases[n].name, sizeof cases[n].name, "shader/%s", gfx_shader_at(s)->name);
        cases[n].hash = render_case(plasma, s, track);
    }
    return n;
}

/* The file this machine draws U+FF76 from, or "none"; kept in `file`. */
static int katakana_as_recorded(char *file, size_t size)
{
    char err[256];
    gfx_font *font = gfx_font_open(NULL, err, sizeof err);
    uint16_t glyph = font ? gfx_font_glyph(font, 0xff76) : 0;
    const char *path = glyph ? gfx_font_glyph_file(font, glyph) : "none";
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    snprintf(file, size, "%s", path);
    int same = strcmp(base, GOLDEN_KATAKANA_FONT) == 0;
    gfx_font_close(font);
    return same;
}

static int load_golden(const char *path, struct golden_case *golden)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int n = 0;
    char line[256];
    while (n < MAX_CASES && fgets(line, sizeof line, f)) {
        unsigned long long h;
        if (line[0] == '#' || sscanf(line, "%63s %llx", golden[n].name, &h) != 2)
            continue;
        golden[n++].hash = h;
    }
    fclose(f);
    return n;
}

static int write_golden(const char *path, const struct golden_case *cases, int n)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f,
            "# FNV-1a 64 of 160x90 RGB24 frames, frame %d at %.0f fps, seed %u, grid xs,\n"
            "# colours neon, hue angle (tests/test_golden.c). Regenerate only after an\n"
            "# intended change of the picture: GLYPHFX_UPDATE_GOLDEN=1 tests/test_golden\n",
            FRAME, FPS, SEED);
    for (int i = 0; i < n; i++)
        fprintf(f, "%s %016llx\n", cases[i].name, (unsigned long long)cases[i].hash);
    return fclose(f);
}

int main(void)
{
    const char *src = getenv("GLYPHFX_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/golden/frames.txt", src ? src : ".");
    gfx_feature_track track;
    if (gfx_synth_features(&track, 200, FPS, 120.0f, SEED))
        return 1;

    static struct golden_case scalar[MAX_CASES], golden[MAX_CASES], isa_cases[MAX_CASES];
    gfx_kernels_force(GFX_ISA_SCALAR);
    int n = render_all(scalar, &track);
    int failures = 0;

    if (getenv("GLYPHFX_UPDATE_GOLDEN")) {
        if (write_golden(path, scalar, n)) {
            fprintf(stderr, "test_golden: cannot write %s\n", path);
            return 1;
        }
        printf("wrote %d golden hashes to %s\n", n, path);
    } else {
        char katakana_file[4096];
        int katakana_same = katakana_as_recorded(katakana_file, sizeof katakana_file);
        int n_golden = load_golden(path, golden);
        if (n_golden < 0) {
            fprintf(stderr, "test_golden: %s missing; expected the checked-in hashes\n", path);
            return 1;
        }
        for (int i = 0; i < n; i++) {
            int j = 0;
            while (j < n_golden && strcmp(golden[j].name, scalar[i].name) != 0)
                j++;
            if (j == n_golden) {
                printf("FAIL %s: no golden hash (new effect or shader? regenerate)\n",
                       scalar[i].name);
                failures++;
            } else if (golden[j].hash != scalar[i].hash &&
                       !strcmp(scalar[i].name, GOLDEN_KATAKANA_CASE) && !katakana_same) {
                printf("note %s: not compared with its golden hash: its katakana come from %s "
                       "here, the hash's from %s\n",
                       scalar[i].name, katakana_file, GOLDEN_KATAKANA_FONT);
            } else if (golden[j].hash != scalar[i].hash) {
                printf("FAIL %s: scalar %016llx, golden %016llx\n", scalar[i].name,
                       (unsigned long long)scalar[i].hash, (unsigned long long)golden[j].hash);
                failures++;
            }
        }
        if (n_golden != n) {
            printf("FAIL golden file has %d cases, the build renders %d\n", n_golden, n);
            failures++;
        }
    }

    unsigned available = gfx_isa_available();
    for (int isa = GFX_ISA_SCALAR + 1; isa < GFX_ISA_COUNT; isa++) {
        if (!(available & (1u << isa)))
            continue;
        gfx_kernels_force((enum gfx_isa)isa);
        render_all(isa_cases, &track);
        for (int i = 0; i < n; i++)
            if (isa_cases[i].hash != scalar[i].hash) {
                printf("FAIL %s under %s: %016llx, scalar %016llx\n", scalar[i].name,
                       gfx_isa_name((enum gfx_isa)isa), (unsigned long long)isa_cases[i].hash,
                       (unsigned long long)scalar[i].hash);
                failures++;
            }
        printf("%-7s %d frames checked\n", gfx_isa_name((enum gfx_isa)isa), n);
    }
    gfx_feature_track_release(&track);
    printf("%s: %d cases, %d failures\n", failures ? "FAIL" : "ok", n, failures);
    return failures ? 1 : 0;
}
