/* glyphfx render's parts of a cluster job: the command that finishes a
 * sharded render, and --slurm (submit the shards and the join, and with
 * --wait follow them from the parts' records until the join ends). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "interrupt.h"
#include "job.h"
#include "parts.h"
#include "render.h"
#include "slurm.h"
#include "timing.h"

/* The command that finishes a parts render: the same options with `flag`
 * (--join or --resume) in place of those that chose the mode. */
void render_print_finish_hint(int argc, char **argv, const char *output)
{
    int n = 0;
    char **args = render_shard_args(argc, argv, "glyphfx", output, &n);
    char line[8192] = "";
    for (int i = 0; args && i < n; i++) {
        if (i)
            strcat(line, " ");
        if (gfx_shell_quote_append(args[i], line, sizeof line - 64) < 0)
            break;
    }
    render_args_free(args, n);
    fprintf(stderr,
            "glyphfx render: when every shard is done, join with:\n  %s --join\n"
            "glyphfx render: (or --resume instead of --join: renders what is missing, then "
            "joins)\n",
            line);
}

static int slurm_sleep(double seconds)
{
    for (double t = 0; t < seconds; t += 0.1) {
        if (gfx_interrupted())
            return -1;
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return 0;
}

/* --wait: the parts done, from their records, until the join job ends. */
static int slurm_wait(const gfx_slurm_jobs *jobs, const gfx_plan *plan, const char *output,
                      const char *log_dir, const char *retry)
{
    int last_done = -1;
    double t0 = gfx_now_s();
    char err[2048];
    for (;;) {
        int done = 0;
        if (gfx_parts_status(plan, GFX_PARTS_QUICK, NULL, &done, err, sizeof err) == GFX_OK &&
            done > last_done && access(plan->dir, F_OK) == 0) {
            fprintf(stderr, "glyphfx render: %d of %d parts done (%.0f s)\n", done, plan->n_parts,
                    gfx_now_s() - t0);
            last_done = done;
        }
        gfx_slurm_state join;
        if (gfx_slurm_job_state(jobs->join_id, &join, err, sizeof err)) {
            fprintf(stderr, "glyphfx render: %s\n", err);
            return 1;
        }
        if (!join.known || gfx_slurm_state_final(&join)) {
            struct stat st;
            int ok = (!join.known || join.completed == join.records) && stat(output, &st) == 0 &&
                     S_ISREG(st.st_mode);
            if (ok) {
                fprintf(stderr, "glyphfx render: join job %s completed: %s (%.1f s)\n",
                        jobs->join_id, output, gfx_now_s() - t0);
                return 0;
            }
            fprintf(stderr,
                    "glyphfx render: join job %s ended %s without %s (a shard failed or was "
                    "cancelled?); logs in %s; retry the missing parts with:\n  %s\n",
                    jobs->join_id, join.known ? join.last : "(forgotten by Slurm)", output, log_dir,
                    retry);
            return 1;
        }
        if (slurm_sleep(1.0) < 0) {
            fprintf(stderr,
                    "glyphfx render: stopped waiting; the jobs keep running (scancel %s %s to "
                    "stop them)\n",
                    jobs->array_id, jobs->join_id);
            return GFX_EXIT_INTERRUPTED;
        }
    }
}

/* --slurm N: writes the plan, submits the shards not done and a join job,
 * says how to watch them, and with --wait waits for the join. */
int render_slurm(const struct render_options *o, gfx_job *job, int n_frames, int argc, char **argv)
{
    char msg[4096 + 256], self[PATH_MAX];
    gfx_plan plan;
    gfx_status status = gfx_job_open_plan(job, n_frames, &plan, msg, sizeof msg);
    if (status)
        return render_exit_status(status, msg);
    if (plan.n_parts != o->slurm)
        fprintf(stderr, "glyphfx render: the plan in %s has %d parts; submitting %d shards\n",
                plan.dir, plan.n_parts, plan.n_parts);
    gfx_part_info *info = calloc((size_t)plan.n_parts, sizeof *info);
    int *tasks = calloc((size_t)plan.n_parts, sizeof *tasks);
    int n_tasks = 0;
    if (!info || !tasks) {
        free(info);
        free(tasks);
        return render_exit_status(GFX_FAILED, "out of memory");
    }
    status = gfx_parts_status(&plan, GFX_PARTS_VERIFY, info, NULL, msg, sizeof msg);
    for (int i = 0; !status && i < plan.n_parts; i++)
        if (info[i].state != GFX_PART_DONE)
            tasks[n_tasks++] = i + 1;
    free(info);
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (!status && len <= 0)
        status = gfx_fail(msg, sizeof msg, GFX_FAILED, "cannot find this program's path: %s",
                          strerror(errno));
    if (status) {
        free(tasks);
        return render_exit_status(status, msg);
    }
    self[len] = '\0';
    int n_args = 0;
    char **args = render_shard_args(argc, argv, self, plan.output, &n_args);
    char log_dir[PATH_MAX + 16], name[64];
    snprintf(log_dir, sizeof log_dir, "%s.slurm", plan.output);
    if (!args || (mkdir(log_dir, 0777) < 0 && errno != EEXIST)) {
        snprintf(msg, sizeof msg, "%s: cannot create the log directory: %s", log_dir,
                 args ? strerror(errno) : "out of memory");
        render_args_free(args, n_args);
        free(tasks);
        return render_exit_status(GFX_FAILED, msg);
    }
    const char *base = strrchr(plan.output, '/');
    snprintf(name, sizeof name, "glyphfx-%.40s", base ? base + 1 : plan.output);
    gfx_slurm_submission sub = {.command = (const char *const *)args,
                                .n_command = n_args,
                                .join_flag = "--join",
                                .n_shards = plan.n_parts,
                                .tasks = tasks,
                                .n_tasks = n_tasks,
                                .sbatch_options = o->slurm_opts,
                                .n_sbatch_options = o->n_slurm_opts,
                                .log_dir = log_dir,
                                .name = name};
    gfx_slurm_jobs jobs;
    status = gfx_slurm_submit(&sub, &jobs, msg, sizeof msg);
    /* the retry: the same render, absolute paths, from any directory */
    char retry[8192] = "glyphfx";
    for (int i = 1; i < n_args; i++) {
        strcat(retry, " ");
        gfx_shell_quote_append(args[i], retry, sizeof retry - 64);
    }
    char count[32];
    snprintf(count, sizeof count, " --slurm %d", plan.n_parts);
    strcat(retry, count);
    for (int i = 0; i < o->n_slurm_opts; i++) {
        strcat(retry, " --slurm-opt ");
        gfx_shell_quote_append(o->slurm_opts[i], retry, sizeof retry - 64);
    }
    strcat(retry, " --resume");
    render_args_free(args, n_args);
    if (status) {
        free(tasks);
        return render_exit_status(status, msg);
    }
    char list[256];
    if (n_tasks == plan.n_parts)
        snprintf(list, sizeof list, "1-%d", n_tasks);
    else if (gfx_slurm_task_list(tasks, n_tasks, list, sizeof list) < 0)
        snprintf(list, sizeof list, "%d tasks", n_tasks);
    if (jobs.array_id[0])
        fprintf(stderr, "glyphfx render: submitted shards %s of %d as job array %s\n", list,
                plan.n_parts, jobs.array_id);
    else
        fprintf(stderr, "glyphfx render: every part is done; submitted only the join\n");
    fprintf(stderr,
            "glyphfx render: submitted the join as job %s (runs after the array succeeds)\n"
            "glyphfx render: watch: squeue -j %s%s%s; logs in %s\n"
            "glyphfx render: if a shard fails, the join is cancelled; retry the missing parts "
            "with:\n  %s\n",
            jobs.join_id, jobs.array_id[0] ? jobs.array_id : "", jobs.array_id[0] ? "," : "",
            jobs.join_id, log_dir, retry);
    printf("%s %s\n", jobs.array_id[0] ? jobs.array_id : "-", jobs.join_id);
    fflush(stdout);
    free(tasks);
    if (!o->wait)
        return 0;
    return slurm_wait(&jobs, &plan, plan.output, log_dir, retry);
}
