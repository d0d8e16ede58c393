#!/usr/bin/env bash
# Allot against glpsol, HiGHS and PuLP+CBC: makes its own Python virtual environment, builds
# Allot in release mode and writes benchmarks/compare/results/compare.md. Not run by CI.
# Needs glpsol (Debian's glpk-utils) and python3-venv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet highspy pulp
fi
# Built as deploy/Containerfile builds the binary it ships: release, the Swift standard library
# linked in (no runtime loading of libswiftCore and Foundation at every start).
(cd "$root" && swift build -c release --static-swift-stdlib --build-path .build-static --product allot)
allot="$(cd "$root" && swift build -c release --static-swift-stdlib --build-path .build-static --show-bin-path)/allot"
mkdir -p "$here/results"
"$venv/bin/python" "$here/compare.py" --allot "$allot" --baseline "$root/scenarios/itu-2024-2027.yaml" \
    --whole-posts "$root/scenarios/itu-whole-posts.yaml" --work "$here/results" "$@"
echo "Written: $here/results/compare.md"
