/* libFuzzer harness: the scene reader (gfx_scene_parse, render/frame/scene.c).
 * A scene it accepts must be usable: sections in time order, and the
 * section looked up at any time is one of them. A refusal must say why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scene.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (memchr(data, 0, size)) /* gfx_scene_load refuses NUL bytes before parsing */
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    gfx_scene scene;
    char err[1024] = "";
    if (gfx_scene_parse(&scene, text, "fuzz.json", err, sizeof err) == 0) {
        if (scene.n < 1)
            abort();
        for (int i = 0; i < scene.n; i++)
            if (!(scene.segments[i].end > scene.segments[i].start) ||
                (i && scene.segments[i].start < scene.segments[i - 1].end))
                abort();
        double times[] = {0.0, scene.segments[0].start, scene.segments[scene.n - 1].end, 1e9};
        for (int k = 0; k < 4; k++) {
            int main_i, outgoing;
            float mix;
            gfx_scene_at(&scene, times[k], &main_i, &outgoing, &mix);
            if (main_i < 0 || main_i >= scene.n || outgoing >= scene.n)
                abort();
        }
        gfx_scene_free(&scene);
    } else if (!err[0]) {
        abort();
    }
    free(text);
    return 0;
}
