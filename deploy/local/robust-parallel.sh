#!/usr/bin/env bash
# `allot robust` on one big machine as SHARDS separate processes, PROCS at a time, then merged:
# the same reports in OUT as `allot robust SCENARIO --samples SAMPLES --seed SEED --out OUT`.
# The cluster scripts' split on one machine: separate single-threaded processes, rather than one
# process with `--jobs PROCS`; the reports are the same either way.
#
#   deploy/local/robust-parallel.sh
#   SCENARIO=scenarios/itu-maximin.yaml SHARDS=32 PROCS=16 OUT=reports/maximin deploy/local/robust-parallel.sh
#
# Settings, from the environment:
#   ALLOT     the allot binary                     (allot, from PATH)
#   SCENARIO  the scenario file                    (scenarios/itu-2024-2027.yaml)
#   SAMPLES   Monte Carlo samples in all           (100000)
#   SEED      seed of the draws                    (1)
#   SPREAD    --spread, when set                   (allot's default)
#   SHARDS    slices, one process each             (8)
#   PROCS     processes at once                    (nproc)
#   WORK      folder for the shard files           (a new temporary folder, removed at the end)
#   OUT       folder of the merged reports         (reports/robust)
# Run it from the folder the scenario path is relative to: the merge re-reads the scenario at
# the path the shards recorded.
#
# stdout is allot merge's: the robust summary, as `allot robust` prints it. Everything else
# (the shards' own output, this script's messages) goes to stderr.
#
# The same with GNU parallel instead of xargs (--halt now,fail=1 stops at the first failure):
#   parallel --halt now,fail=1 -j "$PROCS" "$ALLOT" robust "$SCENARIO" --samples "$SAMPLES" \
#     --seed "$SEED" --jobs 1 --quiet --out "$WORK" --shard {}/"$SHARDS" ::: $(seq 0 $((SHARDS - 1))) >&2 \
#     && "$ALLOT" merge "$WORK"/robust-shard-*-of-"$SHARDS".json --out "$OUT"

set -euo pipefail

die() {
    echo "robust-parallel: $*" >&2
    exit 1
}

positive() {
    [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 must be a positive whole number, not '$2'"
}

cpus() {
    nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1
}

ALLOT="${ALLOT:-allot}"
SCENARIO="${SCENARIO:-scenarios/itu-2024-2027.yaml}"
SAMPLES="${SAMPLES:-100000}"
SEED="${SEED:-1}"
SHARDS="${SHARDS:-8}"
PROCS="${PROCS:-$(cpus)}"
OUT="${OUT:-reports/robust}"

positive SHARDS "$SHARDS"
positive PROCS "$PROCS"
command -v "$ALLOT" >/dev/null 2>&1 || die "cannot run allot as '$ALLOT' (set ALLOT to the binary)"
[[ -f "$SCENARIO" ]] || die "no scenario file $SCENARIO (run from the folder it is relative to, or set SCENARIO)"

# Passed only when set, so that the shards' options are those of a plain `allot robust`.
# (Expanded as ${spread[@]+...} below: bash before 4.4, macOS's, calls an empty array unbound.)
spread=()
if [[ -n "${SPREAD:-}" ]]; then
    spread=(--spread "$SPREAD")
fi

cleanup=""
if [[ -n "${WORK:-}" ]]; then
    mkdir -p -- "$WORK"
else
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/allot-robust-shards.XXXXXX")"
    cleanup="$WORK"
    trap '[[ -z "$cleanup" ]] || rm -rf -- "$cleanup"' EXIT
fi

echo "robust-parallel: $SHARDS shards of $SAMPLES samples, $PROCS at a time, into $WORK" >&2

# xargs appends each input line ("K/N") after --shard, as one argument; nothing is re-parsed by
# a shell, so paths with spaces pass through intact. --quiet: several processes drawing a
# progress line on one terminal would garble it. Their stdout goes to stderr, to keep this
# script's stdout for the merge.
status=0
for ((k = 0; k < SHARDS; k++)); do
    printf '%d/%d\n' "$k" "$SHARDS"
done | xargs -n 1 -P "$PROCS" \
    "$ALLOT" robust "$SCENARIO" --samples "$SAMPLES" --seed "$SEED" ${spread[@]+"${spread[@]}"} \
    --jobs 1 --quiet --out "$WORK" --shard >&2 || status=$?

# xargs: 123 when a command exited 1-125 (after the others have finished); 124 when one exited
# 255 and 125 when one was killed by a signal (an OOM kill...), both at once, leaving the shards
# still running to finish on their own: their folder is kept then, or they would recreate it.
# 126/127 when the binary could not be run.
if ((status != 0)); then
    if ((status == 124 || status == 125)); then
        cleanup=""
        die "a shard failed or was killed (xargs exit $status; allot's message, if any, is above); not merging. Shards still running write into $WORK"
    fi
    die "a shard failed (xargs exit $status; allot's message is above); not merging"
fi

shopt -s nullglob
shards=("$WORK"/robust-shard-*-of-"$SHARDS".json)
shopt -u nullglob
if ((${#shards[@]} != SHARDS)); then
    die "expected $SHARDS shard files robust-shard-*-of-$SHARDS.json in $WORK, found ${#shards[@]}"
fi

# allot checks that they are all there, once each, and of the same inputs.
"$ALLOT" merge "${shards[@]}" --out "$OUT"
