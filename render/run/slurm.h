/* Submitting a parts render to Slurm: one job array of shards (each task
 * runs the same glyphfx command with --shard $SLURM_ARRAY_TASK_ID/N) and one
 * join job that runs after every task succeeded (afterok, and cancelled
 * instead of left pending when one failed: --kill-on-invalid-dep=yes).
 * sbatch, scontrol and scancel run as child processes (ffmpeg_pipe.h): their
 * stdout is read, their stderr goes to a log file quoted on failure. Job
 * states come from `scontrol -o show job` (no accounting database needed).
 *
 * Every function follows render/sys/status.h: a status, one line in err. */
#ifndef GFX_SLURM_H
#define GFX_SLURM_H

#include <stddef.h>

#include "status.h"

typedef struct gfx_slurm_submission {
    /* the shard's command line, absolute program first; each array task
     * appends "--shard $SLURM_ARRAY_TASK_ID/n_shards" */
    const char *const *command;
    int n_command;
    const char *join_flag; /* appended instead for the join job: "--join" */
    int n_shards;
    /* the array task ids to submit (1-based, ascending); NULL: 1..n_shards.
     * tasks set and n_tasks 0: only the join, without a dependency */
    const int *tasks;
    int n_tasks;
    const char *const *sbatch_options; /* passed to both sbatch calls as they are */
    int n_sbatch_options;
    const char *log_dir; /* absolute: shard-%A_%a.log and join-%j.log go there */
    const char *name;    /* the job name (the join's gets "-join") */
} gfx_slurm_submission;

typedef struct gfx_slurm_jobs {
    char array_id[32]; /* "" when no array was submitted */
    char join_id[32];
} gfx_slurm_jobs;

/* Submits the array, then the join. When the join cannot be submitted the
 * array is cancelled (scancel), so nothing runs unwatched. */
gfx_status gfx_slurm_submit(const gfx_slurm_submission *s, gfx_slurm_jobs *jobs, char *err,
                            size_t err_size);

typedef struct gfx_slurm_state {
    int known;     /* scontrol knows the job (0: never, or forgotten after MinJobAge) */
    int records;   /* one per array task (pending tasks may share one) */
    int pending;   /* PENDING, REQUEUED, ... */
    int running;   /* RUNNING, CONFIGURING, COMPLETING, SUSPENDED, ... */
    int completed; /* COMPLETED */
    int failed;    /* any other final state: FAILED, CANCELLED, TIMEOUT, NODE_FAIL, ... */
    char last[32]; /* the last record's JobState */
} gfx_slurm_state;

/* The states of a job's records, from `scontrol -o show job ID`. */
gfx_status gfx_slurm_job_state(const char *job_id, gfx_slurm_state *state, char *err,
                               size_t err_size);

/* Whether scontrol knows the job and every record is in a final state. */
int gfx_slurm_state_final(const gfx_slurm_state *state);

/* `word` for a POSIX shell (as is when every character is safe, else
 * '...' with a ' written as '\''), appended
 * to the string in out (size bytes). 0, or -1 when it does not fit. */
int gfx_shell_quote_append(const char *word, char *out, size_t size);

/* "2,4,7" for the array task ids. 0, or -1 when it does not fit. */
int gfx_slurm_task_list(const int *tasks, int n_tasks, char *out, size_t size);

#endif
