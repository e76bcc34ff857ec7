#include "audio_features.h"

#include <stdlib.h>
#include <string.h>

const gfx_features *gfx_features_at(const gfx_feature_track *track, int frame)
{
    static const gfx_features silence;
    if (!track || track->n_frames <= 0 || !track->frames)
        return &silence;
    if (frame < 0)
        frame = 0;
    if (frame >= track->n_frames)
        frame = track->n_frames - 1;
    return &track->frames[frame];
}

void gfx_feature_track_release(gfx_feature_track *track)
{
    free(track->frames);
    memset(track, 0, sizeof *track);
}
