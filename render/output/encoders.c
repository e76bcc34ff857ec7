/* `ffmpeg -encoders`, once: see encoders.h. */
#include "encoders.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ffmpeg_pipe.h"

static char *ask_locked(char **list)
{
    if (*list)
        return *list;
    char *argv[] = {"ffmpeg", "-nostdin", "-hide_banner", "-encoders", NULL};
    gfx_child child;
    unsigned char *data = NULL;
    ptrdiff_t n = -1;
    if (gfx_child_spawn(&child, argv, GFX_PIPE_READ_STDOUT, "encoders") == 0) {
        n = gfx_child_read_all(&child, &data);
        gfx_child_wait(&child);
        gfx_child_remove_log(&child);
    }
    if (n < 0) {
        free(data);
        return NULL;
    }
    *list = realloc(data, (size_t)n + 1);
    if (!*list) {
        free(data);
        return NULL;
    }
    (*list)[n] = '\0';
    return *list;
}

const char *gfx_ffmpeg_encoders(void)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static char *list;
    pthread_mutex_lock(&lock);
    const char *found = ask_locked(&list);
    int saved = errno;
    pthread_mutex_unlock(&lock);
    errno = saved;
    return found;
}

int gfx_ffmpeg_has_encoder(const char *name)
{
    const char *list = gfx_ffmpeg_encoders();
    if (!list)
        return -1;
    char needle[64];
    snprintf(needle, sizeof needle, " %s ", name);
    return strstr(list, needle) != NULL;
}
