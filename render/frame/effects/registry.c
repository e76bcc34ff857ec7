/* The table of effects, in the stable order scenes and contact sheets use. */
#include <string.h>

#include "fx_common.h"

static const gfx_effect_desc *const effects[] = {
    &gfx_fx_rain,      &gfx_fx_fire,   &gfx_fx_plasma,    &gfx_fx_tunnel,
    &gfx_fx_rings,     &gfx_fx_spiral, &gfx_fx_bars,      &gfx_fx_waveform,
    &gfx_fx_explosion, &gfx_fx_embers, &gfx_fx_starfield, &gfx_fx_dissolve,
    &gfx_fx_bg_video,
    &gfx_fx_bg_sinefield,
    &gfx_fx_bg_noise,
    &gfx_fx_bg_smooth_noise,
    &gfx_fx_bg_cellular,
    &gfx_fx_rays,
    &gfx_fx_glow,
    &gfx_fx_freq_waves,
    &gfx_fx_glitch_displace,
    &gfx_fx_block_corrupt,
    &gfx_fx_scanbars,
    &gfx_fx_error_text,
    &gfx_fx_hex_stream,
    &gfx_fx_spectrum,
    &gfx_fx_ice_fire,
    &gfx_fx_shake,
    &gfx_fx_orbit,
    &gfx_fx_gravity_well,
    &gfx_fx_boids,
    &gfx_fx_flow_field,
    &gfx_fx_trails,
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
    &gfx_fx_reaction_diffusion,
    &gfx_fx_game_of_life,
    &gfx_fx_strange_attractor,
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

const char *gfx_effect_group_name(int group)
{
    static const char *const names[GFX_EFFECT_GROUPS] = {
        "none", "classic", "character", "particles", "field", "simulation", "video"};
    return group > 0 && group < GFX_EFFECT_GROUPS ? names[group] : names[0];
}
