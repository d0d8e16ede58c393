#!/usr/bin/env bash
# Merges the shards of deploy/slurm/robust-array.sh into the reports a single `allot robust
# --out` would write (robust.md, robust.json, robust.html, executive-summary.md/.html in
# reports/robust), and prints the robust summary into the job's log. Submit it with
# --dependency=afterok on the array (see robust-array.sh), from the same directory.
#
#SBATCH --job-name=allot-robust-merge
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
# Unlike a slice, the merge holds every sample at once.
#SBATCH --mem=4G
#SBATCH --time=00:30:00
#SBATCH --output=logs/robust-merge-%j.out
# If a task of the array fails, afterok can never be met: cancel the merge rather than leave
# it pending forever (DependencyNeverSatisfied).
#SBATCH --kill-on-invalid-dep=yes

set -euo pipefail
shopt -s nullglob

ALLOT="${ALLOT:-allot}"
SHARDS="${SHARDS:-64}"
SHARD_DIR="${SHARD_DIR:-shards/robust}"
OUT="${OUT:-reports/robust}"

shards=("$SHARD_DIR"/robust-shard-*-of-"$SHARDS".json)
if ((${#shards[@]} == 0)); then
    echo "robust-merge: no robust-shard-*-of-$SHARDS.json in $SHARD_DIR" >&2
    exit 66
fi

# allot checks that the shards are all there, once each, and of the same inputs.
exec "$ALLOT" merge "${shards[@]}" --out "$OUT"
