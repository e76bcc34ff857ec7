/* Effect groups: every registered effect names one (what the contact
 * sheets' groups and --list show), the names are distinct, and the groups
 * agree with the descriptor where it decides: an effect that reads the
 * clip is video and no other is; one with a simulation's state is a
 * simulation or a particle system. The original twelve are classic but for
 * their four particle systems. */
#include <string.h>

#include "check.h"
#include "effect.h"

int main(void)
{
    int per_group[GFX_EFFECT_GROUPS] = {0};
    for (int i = 0; i < gfx_effect_count(); i++) {
        const gfx_effect_desc *e = gfx_effect_at(i);
        CHECK(e->group > GFX_EFFECT_GROUP_NONE && e->group < GFX_EFFECT_GROUPS,
              "%s: group %d; expected one of effect.h's gfx_effect_group (not none)", e->name,
              (int)e->group);
        if (e->group <= GFX_EFFECT_GROUP_NONE || e->group >= GFX_EFFECT_GROUPS)
            continue;
        per_group[e->group]++;
        CHECK(!e->sim || e->group == GFX_EFFECT_SIMULATION || e->group == GFX_EFFECT_PARTICLES,
              "%s: group %s with a simulation's state; expected simulation or particles", e->name,
              gfx_effect_group_name(e->group));
        CHECK(e->reads_video == (e->group == GFX_EFFECT_VIDEO),
              "%s: group %s, reads_video %d; expected video exactly when it reads the clip",
              e->name, gfx_effect_group_name(e->group), e->reads_video);
    }
    /* the original twelve, in the registry's first places */
    static const char *const classic[] = {"rain",  "fire",   "plasma", "tunnel",
                                          "rings", "spiral", "bars",   "waveform"};
    static const char *const particles[] = {"explosion", "embers", "starfield", "dissolve"};
    for (size_t i = 0; i < sizeof classic / sizeof *classic; i++) {
        const gfx_effect_desc *e = gfx_effect_find(classic[i]);
        CHECK(e && e->group == GFX_EFFECT_CLASSIC, "%s: expected in classic", classic[i]);
    }
    for (size_t i = 0; i < sizeof particles / sizeof *particles; i++) {
        const gfx_effect_desc *e = gfx_effect_find(particles[i]);
        CHECK(e && e->group == GFX_EFFECT_PARTICLES, "%s: expected in particles", particles[i]);
    }
    for (int i = 0; i < 12 && i < gfx_effect_count(); i++)
        CHECK(gfx_effect_at(i)->group == GFX_EFFECT_CLASSIC ||
                  gfx_effect_at(i)->group == GFX_EFFECT_PARTICLES,
              "%s, effect %d: group %s; expected one of the original twelve",
              gfx_effect_at(i)->name, i, gfx_effect_group_name(gfx_effect_at(i)->group));
    for (int g = GFX_EFFECT_GROUP_NONE + 1; g < GFX_EFFECT_GROUPS; g++) {
        CHECK(per_group[g] > 0, "group %s has no effect", gfx_effect_group_name(g));
        CHECK(strcmp(gfx_effect_group_name(g), "none") != 0, "group %d has no name", g);
        for (int h = g + 1; h < GFX_EFFECT_GROUPS; h++)
            CHECK(strcmp(gfx_effect_group_name(g), gfx_effect_group_name(h)) != 0,
                  "groups %d and %d share the name %s", g, h, gfx_effect_group_name(g));
    }
    CHECK(!strcmp(gfx_effect_group_name(GFX_EFFECT_GROUPS), "none") &&
              !strcmp(gfx_effect_group_name(-1), "none"),
          "out-of-range groups: expected \"none\"");
    if (!check_failures)
        printf("test_effect_groups: %d effects, each in one of %d groups\n", gfx_effect_count(),
               GFX_EFFECT_GROUPS - 1);
    return CHECK_EXIT_STATUS();
}
