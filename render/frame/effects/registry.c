/* The table of effects, in the stable order scenes and contact sheets use. */
#include <string.h>

#include "fx_common.h"

static const gfx_effect_desc *const effects[] = {
    &gfx_fx_rain,      &gfx_fx_fire,   &gfx_fx_plasma,    &gfx_fx_tunnel,
    &gfx_fx_rings,     &gfx_fx_spiral, &gfx_fx_bars,      &gfx_fx_waveform,
    &gfx_fx_explosion, &gfx_fx_embers, &gfx_fx_starfield, &gfx_fx_dissolve,
    &gfx_fx_sinefield,
    &gfx_fx_smooth_noise,
    &gfx_fx_vortex,
    &gfx_fx_interference,
    &gfx_fx_aurora,
    &gfx_fx_ripple,
    &gfx_fx_diamond,
    &gfx_fx_noise_static,
    &gfx_fx_noise,
    &gfx_fx_fbm,
    &gfx_fx_domain_warp,
    &gfx_fx_voronoi,
    &gfx_fx_temporal_noise,
    &gfx_fx_sdf,
};

int gfx_effect_count(void)
{
    return (int)(sizeof effects / sizeof effects[0]);
}

const gfx_effect_desc *gfx_effect_at(int i)
{
    return i >= 0 && i < gfx_effect_count() ? effects[i] : NULL;
}

const gfx_effect_desc *gfx_effect_find(const char *name)
{
    for (int i = 0; name && i < gfx_effect_count(); i++)
        if (strcmp(effects[i]->name, name) == 0)
            return effects[i];
    return NULL;
}

int gfx_effect_particle_cap(const gfx_effect_desc *effect, int particles_max)
{
    int tier = particles_max <= 500 ? 0 : particles_max <= 1200 ? 1 : 2;
    return effect->particle_caps[tier];
}
