/* Slurm submission: see slurm.h. */
#include "slurm.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ffmpeg_pipe.h"

#define WRAP_MAX 65536

int gfx_shell_quote_append(const char *word, char *out, size_t size)
{
    size_t n = strlen(out);
    if (*word && strspn(word, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                              "_-+=/.,:@%") == strlen(word)) {
        if (n + strlen(word) + 1 > size)
            return -1;
        strcpy(out + n, word);
        return 0;
    }
    if (n + 3 >= size)
        return -1;
    out[n++] = '\'';
    for (const char *c = word; *c; c++) {
        size_t len = *c == '\'' ? 4 : 1;
        if (n + len + 2 >= size)
            return -1;
        if (*c == '\'')
            memcpy(out + n, "'\\''", 4);
        else
            out[n] = *c;
        n += len;
    }
    out[n++] = '\'';
    out[n] = '\0';
    return 0;
}

int gfx_slurm_task_list(const int *tasks, int n_tasks, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < n_tasks; i++) {
        int put = snprintf(out + used, size - used, "%s%d", i ? "," : "", tasks[i]);
        if (put < 0 || (size_t)put >= size - used)
            return -1;
        used += (size_t)put;
    }
    return 0;
}

/* Runs argv (a Slurm client) and reads its stdout into out. */
static gfx_status run_client(char *const argv[], char *out, size_t out_size, char *err,
                             size_t err_size)
{
    gfx_child child;
    char found[4096];
    if (!gfx_find_program(argv[0], found, sizeof found))
        return gfx_fail(err, err_size, GFX_FAILED,
                        "%s: not found in PATH; the Slurm client commands (sbatch, scontrol, "
                        "scancel: Debian package slurm-client) must be installed here",
                        argv[0]);
    if (gfx_child_spawn(&child, argv, GFX_PIPE_READ_STDOUT, argv[0]) < 0)
        return gfx_fail(err, err_size, GFX_FAILED, "cannot start %s: %s", argv[0], strerror(errno));
    unsigned char *data = NULL;
    ptrdiff_t n = gfx_child_read_all(&child, &data);
    int rc = gfx_child_wait(&child);
    if (n < 0 || rc != 0) {
        char tail[1024];
        gfx_log_tail(child.log_path, 3, tail, sizeof tail);
        for (char *c = tail; *c; c++)
            if (*c == '\n')
                *c = ' ';
        gfx_fail(err, err_size, GFX_FAILED, "%s failed (exit %d; its log %s):%s", argv[0], rc,
                 child.log_path, tail);
        free(data);
        return GFX_FAILED;
    }
    gfx_child_remove_log(&child);
    size_t len = (size_t)n < out_size - 1 ? (size_t)n : out_size - 1;
    if (data)
        memcpy(out, data, len);
    out[len] = '\0';
    free(data);
    return GFX_OK;
}

/* sbatch --parsable prints "ID" or "ID;CLUSTER". */
static gfx_status parse_job_id(const char *text, char *id, size_t size, char *err, size_t err_size)
{
    size_t n = strspn(text, "0123456789");
    if (n == 0 || n >= size || (text[n] && text[n] != ';' && text[n] != '\n'))
        return gfx_fail(err, err_size, GFX_FAILED,
                        "sbatch --parsable printed '%.60s'; expected a job id", text);
    memcpy(id, text, n);
    id[n] = '\0';
    return GFX_OK;
}

/* The --wrap command: exec, the quoted command line, then `tail` as is. */
static int wrap_command(const gfx_slurm_submission *s, const char *tail, char *out, size_t size)
{
    snprintf(out, size, "exec");
    for (int i = 0; i < s->n_command; i++) {
        if (strlen(out) + 2 >= size)
            return -1;
        strcat(out, " ");
        if (gfx_shell_quote_append(s->command[i], out, size) < 0)
            return -1;
    }
    if (strlen(out) + strlen(tail) + 2 >= size)
        return -1;
    strcat(out, " ");
    strcat(out, tail);
    return 0;
}

static gfx_status sbatch(const gfx_slurm_submission *s, const char *const *extra, int n_extra,
                         const char *wrap, char *id, size_t id_size, char *err, size_t err_size)
{
    int n = 0, max = 8 + n_extra + s->n_sbatch_options;
    const char **argv = calloc((size_t)max, sizeof *argv);
    if (!argv)
        return gfx_fail(err, err_size, GFX_FAILED, "out of memory running sbatch");
    argv[n++] = "sbatch";
    argv[n++] = "--parsable";
    for (int i = 0; i < n_extra; i++)
        argv[n++] = extra[i];
    for (int i = 0; i < s->n_sbatch_options; i++)
        argv[n++] = s->sbatch_options[i];
    argv[n++] = "--wrap";
    argv[n++] = wrap;
    argv[n] = NULL;
    char out[512];
    gfx_status st = run_client((char *const *)argv, out, sizeof out, err, err_size);
    free(argv);
    return st ? st : parse_job_id(out, id, id_size, err, err_size);
}

gfx_status gfx_slurm_submit(const gfx_slurm_submission *s, gfx_slurm_jobs *jobs, char *err,
                            size_t err_size)
{
    *jobs = (gfx_slurm_jobs){0};
    char *wrap = malloc(WRAP_MAX), *array = malloc(WRAP_MAX);
    if (!wrap || !array) {
        free(wrap);
        free(array);
        return gfx_fail(err, err_size, GFX_FAILED, "out of memory submitting to Slurm");
    }
    char name[256], join_name[272], log[4096 + 32], join_log[4096 + 32], tail[64], dependency[64];
    snprintf(name, sizeof name, "--job-name=%s", s->name);
    snprintf(join_name, sizeof join_name, "--job-name=%s-join", s->name);
    gfx_status st = GFX_OK;
    int submit_array = !(s->tasks && s->n_tasks == 0);
    if (submit_array) {
        strcpy(array, "--array=");
        if (!s->tasks)
            snprintf(array + 8, WRAP_MAX - 8, "1-%d", s->n_shards);
        else if (gfx_slurm_task_list(s->tasks, s->n_tasks, array + 8, WRAP_MAX - 8) < 0)
            st = gfx_fail(err, err_size, GFX_FAILED, "too many array tasks to list");
        snprintf(log, sizeof log, "--output=%s/shard-%%A_%%a.log", s->log_dir);
        snprintf(tail, sizeof tail, "--shard \"$SLURM_ARRAY_TASK_ID/%d\"", s->n_shards);
        if (!st && wrap_command(s, tail, wrap, WRAP_MAX) < 0)
            st = gfx_fail(err, err_size, GFX_BAD_INPUT, "the shard's command line is too long");
        const char *extra[] = {name, array, log};
        if (!st)
            st = sbatch(s, extra, 3, wrap, jobs->array_id, sizeof jobs->array_id, err, err_size);
    }
    if (!st) {
        snprintf(join_log, sizeof join_log, "--output=%s/join-%%j.log", s->log_dir);
        snprintf(dependency, sizeof dependency, "--dependency=afterok:%s", jobs->array_id);
        if (wrap_command(s, s->join_flag, wrap, WRAP_MAX) < 0)
            st = gfx_fail(err, err_size, GFX_BAD_INPUT, "the join's command line is too long");
        const char *extra[] = {join_name, join_log, dependency, "--kill-on-invalid-dep=yes"};
        if (!st)
            st = sbatch(s, extra, submit_array ? 4 : 2, wrap, jobs->join_id, sizeof jobs->join_id,
                        err, err_size);
        if (st && jobs->array_id[0]) {
            char cancel_err[256], out[64];
            char *const argv[] = {"scancel", jobs->array_id, NULL};
            run_client(argv, out, sizeof out, cancel_err, sizeof cancel_err);
            size_t n = strlen(err);
            if (n < err_size)
                snprintf(err + n, err_size - n, " (cancelled the shards, job %s)", jobs->array_id);
        }
    }
    free(wrap);
    free(array);
    return st;
}

static void count_state(gfx_slurm_state *s, const char *state)
{
    static const char *const pending[] = {"PENDING",     "REQUEUED",      "REQUEUE_HOLD",
                                          "REQUEUE_FED", "RESV_DEL_HOLD", NULL};
    static const char *const running[] = {"RUNNING",   "CONFIGURING", "COMPLETING",
                                          "SUSPENDED", "RESIZING",    "SIGNALING",
                                          "STAGE_OUT", "STOPPED",     NULL};
    s->records++;
    snprintf(s->last, sizeof s->last, "%s", state);
    if (!strcmp(state, "COMPLETED")) {
        s->completed++;
        return;
    }
    for (int i = 0; pending[i]; i++)
        if (!strcmp(state, pending[i])) {
            s->pending++;
            return;
        }
    for (int i = 0; running[i]; i++)
        if (!strcmp(state, running[i])) {
            s->running++;
            return;
        }
    s->failed++;
}

gfx_status gfx_slurm_job_state(const char *job_id, gfx_slurm_state *state, char *err,
                               size_t err_size)
{
    *state = (gfx_slurm_state){0};
    size_t size = 1 << 20;
    char *out = malloc(size);
    if (!out)
        return gfx_fail(err, err_size, GFX_FAILED, "out of memory reading job %s", job_id);
    char *const argv[] = {"scontrol", "-o", "show", "job", (char *)job_id, NULL};
    char why[1024];
    gfx_status st = run_client(argv, out, size, why, sizeof why);
    if (st) {
        free(out);
        /* a job scontrol has forgotten (MinJobAge) or never had */
        if (strstr(why, "Invalid job id"))
            return GFX_OK;
        return gfx_fail(err, err_size, st, "%s", why);
    }
    for (char *line = out; line && *line;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        const char *at = strstr(line, "JobState=");
        if (at) {
            char word[32];
            size_t n = strcspn(at + 9, " \t");
            snprintf(word, sizeof word, "%.*s", (int)(n < 31 ? n : 31), at + 9);
            count_state(state, word);
        }
        line = next;
    }
    free(out);
    state->known = state->records > 0;
    return GFX_OK;
}

int gfx_slurm_state_final(const gfx_slurm_state *s)
{
    return s->known && s->pending == 0 && s->running == 0;
}
