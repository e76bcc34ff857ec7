# A real single-node Slurm cluster (tests/slurm/cluster.sh) runs what
# glyphfx's Slurm submission will rely on: a batch job, a job array with one
# output per task, a job that waits for the array (afterok) and one that is
# cancelled, not left pending forever, when an array task fails
# (--kill-on-invalid-dep=yes). It reports how long the cluster takes to come
# up and a trivial job from sbatch to COMPLETED. Exit 77 (skipped) when this
# machine cannot run Slurm (not root, packages not installable).
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/slurm/cluster.sh"

dir=$(mktemp -d "${TMPDIR:-/tmp}/glyphfx-slurm.XXXXXX")
trap 'slurm_cluster_down "$dir"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
info() { echo "test_slurm_cluster: $*"; }

t0=$(now)
slurm_cluster_up "$dir"
rc=$?
if [ $rc = 77 ]; then
    info "skipped: this machine cannot run a Slurm cluster (see above)"
    exit 77
fi
[ $rc = 0 ] || { echo "FAIL: the cluster did not come up" >&2; exit 1; }
info "cluster up in $(since "$t0") s"

out=$dir/out
mkdir -p "$out"
# the job's record lines, for a failure message
record() { scontrol -o show job "$1" 2>/dev/null | grep -o 'JobId=[0-9]*\|ArrayTaskId=[^ ]*\|JobState=[^ ]*\|Reason=[^ ]*\|ExitCode=[^ ]*' | tr '\n' ' '; }
# the states of an array's tasks, counted: "4 COMPLETED"
tally() { slurm_job_state "$1" | sort | uniq -c | awk '{ printf "%s%s %s", (NR > 1 ? " " : ""), $1, $2 }'; }
submit() { sbatch --parsable -o "$out/slurm-%A_%a.log" "$@"; }

# 1. trivial jobs one after another, each timed from sbatch to COMPLETED
times=""
for i in 1 2 3; do
    t=$(now)
    job=$(submit --wrap "echo hi > $out/hi.$i") || fail "sbatch failed"
    slurm_wait_jobs 60 "$job" || fail "job $job not finished after 60 s: $(record "$job")"
    times="$times $(since "$t")"
    [ "$(slurm_job_state "$job")" = COMPLETED ] || fail "job $job: $(record "$job")"
    [ "$(cat "$out/hi.$i" 2>/dev/null)" = hi ] || fail "job $job did not write $out/hi.$i"
done
info "trivial job, sbatch to COMPLETED, 3 in a row:$times s"

# 2. an array of 4 tasks, one file each, and a job that waits for all of them
t=$(now)
array=$(submit --array=1-4 --cpus-per-task=1 \
    --wrap 'echo "$SLURM_ARRAY_TASK_ID" > '"$out"'/task.$SLURM_ARRAY_TASK_ID
            echo "${SLURM_CPUS_PER_TASK-unset} $(nproc)" > '"$out"'/cpus.$SLURM_ARRAY_TASK_ID') ||
    fail "sbatch --array failed"
join=$(submit --dependency=afterok:"$array" --kill-on-invalid-dep=yes \
    --wrap "cat $out/task.1 $out/task.2 $out/task.3 $out/task.4 > $out/joined") ||
    fail "sbatch --dependency failed"
slurm_wait_jobs 120 "$array" "$join" ||
    fail "array $array and join $join not finished after 120 s: $(record "$array") / $(record "$join")"
info "array of 4 and its join job: sbatch to COMPLETED in $(since "$t") s"
states=$(tally "$array")
[ "$states" = "4 COMPLETED" ] || fail "array $array: $states: $(record "$array")"
[ "$(slurm_job_state "$join")" = COMPLETED ] || fail "join $join: $(record "$join")"
for i in 1 2 3 4; do
    [ "$(cat "$out/task.$i" 2>/dev/null)" = "$i" ] || fail "array task $i did not write $out/task.$i"
done
[ "$(cat "$out/joined" 2>/dev/null | tr '\n' ' ')" = "1 2 3 4 " ] ||
    fail "the join job did not see the four task files"
read -r cpt nproc_in_task <"$out/cpus.1" 2>/dev/null
[ "${cpt:-unset}" = 1 ] || fail "SLURM_CPUS_PER_TASK in a task with --cpus-per-task=1 is '${cpt:-unset}'"
info "in a task with --cpus-per-task=1: SLURM_CPUS_PER_TASK=${cpt:-unset}, nproc=${nproc_in_task:-?} (machine: $(nproc))"

# 3. a failing array task: the afterok job with --kill-on-invalid-dep=yes is
# cancelled; one without the option is left pending for ever
bad=$(submit --array=1-3 --wrap '[ "$SLURM_ARRAY_TASK_ID" != 2 ]') || fail "sbatch --array failed"
killed=$(submit --dependency=afterok:"$bad" --kill-on-invalid-dep=yes --wrap "touch $out/killed-ran") ||
    fail "sbatch --dependency failed"
stuck=$(submit --dependency=afterok:"$bad" --kill-on-invalid-dep=no --wrap "touch $out/stuck-ran") ||
    fail "sbatch --dependency failed"
slurm_wait_jobs 120 "$bad" "$killed" ||
    fail "array $bad and dependent $killed not finished after 120 s: $(record "$bad") / $(record "$killed")"
states=$(tally "$bad")
[ "$states" = "2 COMPLETED 1 FAILED" ] || fail "array $bad: $states: $(record "$bad")"
[ "$(slurm_job_state "$killed")" = CANCELLED ] || fail "dependent $killed: $(record "$killed")"
[ -e "$out/killed-ran" ] && fail "dependent $killed ran although its array failed"
# the other one says why it waits
for i in $(seq 1 50); do
    record "$stuck" | grep -q 'Reason=DependencyNeverSatisfied' && break
    sleep 0.1
done
record "$stuck" | grep -q 'JobState=PENDING Reason=DependencyNeverSatisfied' ||
    fail "dependent $stuck without --kill-on-invalid-dep: $(record "$stuck")"
scancel "$stuck"
[ -e "$out/stuck-ran" ] && fail "dependent $stuck ran although its array failed"

if [ $failures != 0 ]; then
    for f in "$dir"/log/slurmctld.log "$dir"/log/slurmd.log; do
        echo "--- $f" >&2
        tail -n 20 "$f" >&2
    done
    exit 1
fi
info "ok"
