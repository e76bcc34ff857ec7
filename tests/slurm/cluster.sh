#!/usr/bin/env bash
# A private single-node Slurm cluster for tests: munged, slurmctld and slurmd
# from Debian 12 packages, started by hand (no systemd) under one temporary
# directory, on loopback and on free private ports.
#
# As a library (source it, then):
#   slurm_cluster_up DIR      installs the packages if missing, writes DIR/
#                             (munge key and socket, slurm.conf, state, spool,
#                             logs), starts the three daemons, waits until the
#                             node is idle and exports SLURM_CONF. Returns 0;
#                             77 when this machine cannot run it (not root, the
#                             packages cannot be installed), with the reason on
#                             stderr; 1 on any other failure (with log tails).
#                             DIR must not exist yet or be empty.
#   slurm_cluster_down DIR    stops exactly the daemons recorded in DIR
#                             (TERM, then KILL after a grace) and removes DIR.
#                             Safe to run twice, and on a half-started DIR.
#   slurm_cluster_env DIR     prints the export lines a client shell needs.
#   slurm_job_state JOBID     the JobState of the job, one line per record (an
#                             array gives one line per task, or one for the
#                             tasks still pending together); empty if unknown.
#   slurm_wait_jobs SECS JOBID...  waits until every record of every job is in
#                             a final state; 0 if so, 1 after SECS seconds.
# A test should `trap 'slurm_cluster_down "$dir"' EXIT` before calling up.
# Besides, up leaves a watchdog that stops the daemons when its owner process
# (the sourcing shell, or SLURM_CLUSTER_OWNER if set) is gone, so even a test
# killed with SIGKILL leaves no daemons behind.
#
# As a script: cluster.sh up DIR | down DIR | env DIR | state JOBID
# (for up, the owner is the calling process unless SLURM_CLUSTER_OWNER is set;
# it prints the env lines on success).

slurm_packages=(slurmctld slurmd slurm-client munge)
# shellcheck source=../../tools/packages.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../tools/packages.sh"

_slurm_log() { echo "slurm cluster: $*" >&2; }

# Installs the missing packages. 0 when all are there, 77 when they cannot be.
# The packages' own service starts are kept off: this machine has no systemd,
# and the daemons wanted are private ones.
slurm_cluster_install() {
    local t0=$SECONDS rc=0
    glyphfx_install_missing "slurm cluster" "${slurm_packages[@]}" || rc=$?
    [ $rc -eq 0 ] && [ $((SECONDS - t0)) -gt 1 ] && _slurm_log "installed in $((SECONDS - t0)) s"
    return $rc
}

# A TCP port that nothing listens on now, from a range rarely used by others.
_slurm_free_port() {
    local p i
    for i in $(seq 1 100); do
        p=$((20000 + RANDOM % 30000))
        grep -qx "$p" "$1/ports" 2>/dev/null && continue
        if command -v ss >/dev/null; then
            [ -z "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ] || continue
        fi
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
        echo "$p" >>"$1/ports"
        echo "$p"
        return 0
    done
    return 1
}

# The pid is ours if it is alive and its command line names our directory.
_slurm_pid_ours() {
    local pid=$1 dir=$2
    [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] &&
        tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$dir"
}

_slurm_tail_logs() {
    local f
    for f in "$1"/log/*.log "$1"/log/*.out; do
        [ -s "$f" ] || continue
        echo "--- $f" >&2
        tail -n 15 "$f" >&2
    done
}

# Stops the daemons recorded in DIR/pids (slurmd first, munged last).
_slurm_stop() {
    local dir=$1 pids=() pid name i
    [ -f "$dir/pids" ] || return 0
    while read -r name pid; do
        _slurm_pid_ours "$pid" "$dir" && pids=("$pid" "${pids[@]}")
    done <"$dir/pids"
    ((${#pids[@]})) || return 0
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    for i in $(seq 1 50); do
        local alive=0
        for pid in "${pids[@]}"; do _slurm_pid_ours "$pid" "$dir" && alive=1; done
        [ $alive = 0 ] && return 0
        sleep 0.1
    done
    for pid in "${pids[@]}"; do
        _slurm_pid_ours "$pid" "$dir" && kill -KILL "$pid" 2>/dev/null
    done
    return 0
}

# The session ids of the job steps (slurmstepd) of the cluster in DIR: each
# step and the job's processes share one session, and slurmstepd, started by
# slurmd, carries slurmd's SLURM_CONF in its environment.
_slurm_step_sessions() {
    local conf="SLURM_CONF=$1/etc/slurm.conf" p
    for p in /proc/[0-9]*; do
        case "$(tr '\0' ' ' 2>/dev/null <"$p/cmdline")" in slurmstepd:*) ;; *) continue ;; esac
        tr '\0' '\n' 2>/dev/null <"$p/environ" | grep -qxF -- "$conf" || continue
        ps -o sid= -p "${p#/proc/}" 2>/dev/null
    done | sort -u
}

slurm_cluster_down() {
    local dir=${1:?slurm_cluster_down DIR} i sid jobs
    [ -d "$dir" ] || return 0
    dir=$(cd "$dir" && pwd -P)
    # jobs still running would outlive slurmd (its steps are meant to survive
    # a slurmd restart): cancel them while slurmctld is there to do it
    if _slurm_alive "$dir" slurmctld; then
        jobs=$(SLURM_CONF=$dir/etc/slurm.conf squeue -h -o %A 2>/dev/null)
        if [ -n "$jobs" ]; then
            SLURM_CONF=$dir/etc/slurm.conf scancel $jobs 2>/dev/null
            for i in $(seq 1 50); do
                [ -z "$(_slurm_step_sessions "$dir")" ] && break
                sleep 0.1
            done
        fi
    fi
    _slurm_stop "$dir"
    local own_sid
    own_sid=$(ps -o sid= -p $$ | tr -d ' ')
    for sid in $(_slurm_step_sessions "$dir"); do
        [ "$sid" = "$own_sid" ] || pkill -KILL -s "$sid" 2>/dev/null
    done
    # the watchdog goes last: it is what stops the daemons when we cannot
    if [ -f "$dir/watchdog.pid" ]; then
        local w
        w=$(cat "$dir/watchdog.pid")
        [ "$w" != "$$" ] && _slurm_pid_ours "$w" "$dir" && kill -TERM "$w" 2>/dev/null
    fi
    local daemons
    daemons=$(awk '{ print $2 }' "$dir/pids" 2>/dev/null)
    rm -rf "$dir"
    # a finished slurmstepd is a child of init (slurmd double-forks it), and
    # so are the daemons when the watchdog stops them; an init that reaps only
    # now and then leaves them zombies for a second: wait for that
    for i in $(seq 1 30); do
        ps -eo stat=,comm= | grep -q '^Z.* slurmstepd$' && { sleep 0.1; continue; }
        local z=0 pid
        for pid in $daemons; do
            case "$(ps -o stat= -p "$pid" 2>/dev/null)" in Z*) z=1 ;; esac
        done
        [ $z = 0 ] && break
        sleep 0.1
    done
    return 0
}

# Starts one daemon in the background, in its own session so that a Ctrl-C
# meant for the test does not reach it first, and records its pid.
_slurm_start() {
    local dir=$1 name=$2
    shift 2
    setsid "$@" </dev/null >>"$dir/log/$name.out" 2>&1 &
    echo "$name $!" >>"$dir/pids"
}

# Alive: the recorded pid runs our daemon, or is still on its way there:
# _slurm_start's background shell and then setsid run under that pid before
# they exec the daemon, and on a busy machine a check can come first.
_slurm_alive() {
    local dir=$1 name=$2 pid exe
    pid=$(awk -v n="$name" '$1 == n { print $2 }' "$dir/pids" 2>/dev/null)
    _slurm_pid_ours "$pid" "$dir" && return 0
    [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
    [ "$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)" != Z ] || return 1
    exe=$(readlink "/proc/$pid/exe" 2>/dev/null)
    case "${exe##*/}" in bash | setsid) return 0 ;; *) return 1 ;; esac
}

_slurm_write_conf() {
    local dir=$1 node=$2 ctld_port=$3 d_port=$4 cpus=$5
    cat >"$dir/etc/slurm.conf" <<EOF
# written by tests/slurm/cluster.sh for one test run
ClusterName=glyphfxtest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
PlugStackConfig=$dir/etc/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
# a batch job is otherwise scheduled up to 3 s after its submission
SchedulerParameters=batch_sched_delay=0
MailProg=/bin/true
MpiDefault=none
SwitchType=switch/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
ReturnToService=2
MinJobAge=600
InactiveLimit=0
KillWait=5
SlurmctldTimeout=30
SlurmdTimeout=60
NodeName=$node NodeAddr=127.0.0.1 NodeHostname=$node CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
    : >"$dir/etc/plugstack.conf"
}

slurm_cluster_env() {
    local dir=${1:?slurm_cluster_env DIR}
    dir=$(cd "$dir" && pwd -P) || return 1
    echo "export SLURM_CONF=$dir/etc/slurm.conf"
    # Slurm finds munged through AuthInfo in slurm.conf; libmunge reads no
    # environment, so this is for `munge -S "$MUNGE_SOCKET"` by hand
    echo "export MUNGE_SOCKET=$dir/munge/munge.socket"
}

slurm_cluster_up() {
    local dir=${1:?slurm_cluster_up DIR} rc node cpus ctld_port d_port i
    slurm_cluster_install || return $?
    if [ "$(id -u)" -ne 0 ]; then
        _slurm_log "slurmd must run as root to start jobs, and this is not root; skipping"
        return 77
    fi
    local tool
    for tool in munged mungekey slurmctld slurmd sbatch sinfo scontrol setsid; do
        command -v "$tool" >/dev/null || { _slurm_log "no $tool after install; skipping"; return 77; }
    done
    mkdir -p "$dir" || return 1
    dir=$(cd "$dir" && pwd -P)
    if [ -n "$(ls -A "$dir")" ]; then
        _slurm_log "$dir is not empty"
        return 1
    fi
    # munged checks that the socket's directory and those above it are not
    # writable by others; clients need o+x on each of them
    chmod 0755 "$dir"
    node=$(hostname -s)
    mkdir -p "$dir"/{etc,munge,state,spool/"$node",run,log}
    chmod 0700 "$dir/state" "$dir/spool"

    cpus=$(nproc --all)
    ctld_port=$(_slurm_free_port "$dir") && d_port=$(_slurm_free_port "$dir") || {
        _slurm_log "no free port found"
        return 1
    }
    _slurm_write_conf "$dir" "$node" "$ctld_port" "$d_port" "$cpus"
    export SLURM_CONF=$dir/etc/slurm.conf MUNGE_SOCKET=$dir/munge/munge.socket

    # watchdog: when the owner is gone and down has not run, stop the daemons
    local owner=${SLURM_CLUSTER_OWNER:-$$}
    local self=${BASH_SOURCE[0]}
    self=$(cd "$(dirname "$self")" && pwd -P)/$(basename "$self")
    setsid bash -c 'owner=$1 dir=$2 self=$3
        while kill -0 "$owner" 2>/dev/null && [ -d "$dir" ]; do sleep 1; done
        source "$self"; slurm_cluster_down "$dir"' \
        slurm-watchdog "$owner" "$dir" "$self" </dev/null >/dev/null 2>&1 &
    echo $! >"$dir/watchdog.pid"

    if ! mungekey -c -k "$dir/munge/munge.key" >"$dir/log/mungekey.out" 2>&1; then
        _slurm_log "mungekey failed: $(cat "$dir/log/mungekey.out")"
        slurm_cluster_down "$dir"; return 1
    fi
    chmod 0400 "$dir/munge/munge.key"
    _slurm_start "$dir" munged munged -F --key-file="$dir/munge/munge.key" \
        --socket="$dir/munge/munge.socket" --pid-file="$dir/run/munged.pid" \
        --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed"
    for i in $(seq 1 100); do
        [ -S "$dir/munge/munge.socket" ] && break
        _slurm_alive "$dir" munged || break
        sleep 0.1
    done
    if [ ! -S "$dir/munge/munge.socket" ]; then
        _slurm_log "munged did not start"
        _slurm_tail_logs "$dir"; slurm_cluster_down "$dir"; return 1
    fi

    _slurm_start "$dir" slurmctld slurmctld -D -i -f "$SLURM_CONF"
    _slurm_start "$dir" slurmd slurmd -D -f "$SLURM_CONF" -N "$node"

    local state="" deadline=$((SECONDS + 30))
    while [ $SECONDS -lt $deadline ]; do
        for name in munged slurmctld slurmd; do
            if ! _slurm_alive "$dir" "$name"; then
                _slurm_log "$name exited while starting"
                _slurm_tail_logs "$dir"; slurm_cluster_down "$dir"; return 1
            fi
        done
        state=$(sinfo -h -n "$node" -o '%T' 2>/dev/null | head -n 1)
        [ "$state" = idle ] && break
        sleep 0.2
    done
    if [ "$state" != idle ]; then
        _slurm_log "node $node is '${state:-unknown}', not idle, after 30 s"
        _slurm_tail_logs "$dir"; slurm_cluster_down "$dir"; return 1
    fi
    return 0
}

slurm_job_state() {
    scontrol -o show job "${1:?slurm_job_state JOBID}" 2>/dev/null |
        sed -n 's/.*\bJobState=\([A-Z_]*\).*/\1/p'
}

slurm_wait_jobs() {
    local secs=${1:?slurm_wait_jobs SECS JOBID...} deadline job s done_all
    shift
    deadline=$((SECONDS + secs))
    while :; do
        done_all=1
        for job in "$@"; do
            s=$(slurm_job_state "$job")
            [ -n "$s" ] || { done_all=0; continue; }
            if printf '%s\n' "$s" | grep -qvxE \
                'COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|BOOT_FAIL|DEADLINE|PREEMPTED'; then
                done_all=0
            fi
        done
        [ $done_all = 1 ] && return 0
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.1
    done
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    case "${1:-}" in
        up)
            SLURM_CLUSTER_OWNER=${SLURM_CLUSTER_OWNER:-$PPID}
            slurm_cluster_up "${2:?cluster.sh up DIR}" || exit $?
            slurm_cluster_env "$2" ;;
        down) slurm_cluster_down "${2:?cluster.sh down DIR}" ;;
        env) slurm_cluster_env "${2:?cluster.sh env DIR}" ;;
        state) slurm_job_state "${2:?cluster.sh state JOBID}" ;;
        *) echo "usage: cluster.sh up DIR | down DIR | env DIR | state JOBID" >&2; exit 2 ;;
    esac
fi
