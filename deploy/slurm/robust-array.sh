#!/usr/bin/env bash
# Monte Carlo of `allot robust` as a Slurm job array: 64 tasks of one core, each doing one
# slice of the samples and writing shards/robust/robust-shard-KK-of-64.json.
#
# Submit it, and the merge to run once every task has succeeded, from the same directory
# (a shared filesystem: the tasks write there, the merge reads the shards and re-reads the
# scenario at the path the shards recorded):
#   mkdir -p logs
#   jid=$(sbatch --parsable deploy/slurm/robust-array.sh) && sbatch --dependency=afterok:$jid deploy/slurm/robust-merge.sh
#
# Overrides come from the environment, which sbatch passes on by default:
#   SCENARIO=scenarios/itu-cut-5-percent.yaml SAMPLES=20000 sbatch --parsable deploy/slurm/robust-array.sh
# The number of slices is fixed by --array below; to change it, change both together:
#   SHARDS=128 sbatch --array=0-127 ... (and SHARDS=128 for the merge).
# `--array=0-63%16` runs at most 16 tasks at once. `--array=1-64` works too (allot subtracts
# SLURM_ARRAY_TASK_MIN); a step (0-63:2) does not, and allot refuses an array whose
# SLURM_ARRAY_TASK_COUNT is not SHARDS.
#
# Running one slice again (say 17, after a node failure): an array of one task would count 1,
# so give the slice explicitly, then submit the merge alone:
#   SHARD=17/64 sbatch --array=17 deploy/slurm/robust-array.sh
#
#SBATCH --job-name=allot-robust
#SBATCH --array=0-63
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
# A slice of 100000/64 samples of the ITU scenario takes well under a minute on one core; the
# rest is room for a slow node or a bigger scenario.
#SBATCH --time=00:30:00
# Slurm does not create logs/: without it the task fails before running anything.
#SBATCH --output=logs/robust-%A_%a.out

set -euo pipefail

ALLOT="${ALLOT:-allot}"
SCENARIO="${SCENARIO:-scenarios/itu-2024-2027.yaml}"
SAMPLES="${SAMPLES:-100000}"
SEED="${SEED:-1}"
SHARDS="${SHARDS:-64}"
SHARD="${SHARD:-auto/$SHARDS}"
SHARD_DIR="${SHARD_DIR:-shards/robust}"

echo "allot robust: task ${SLURM_ARRAY_TASK_ID:-none} of array ${SLURM_ARRAY_JOB_ID:-none}, shard $SHARD, on ${SLURMD_NODENAME:-${HOSTNAME:-?}}" >&2

# --jobs 1: the task has one core; the parallelism is across tasks.
exec "$ALLOT" robust "$SCENARIO" --samples "$SAMPLES" --seed "$SEED" --jobs 1 \
    --shard "$SHARD" --out "$SHARD_DIR"
