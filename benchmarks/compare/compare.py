"""Allot against glpsol, HiGHS and PuLP+CBC on the same exported models.

Run by compare.sh, which makes the virtual environment and the release build. Every objective
is checked against Allot's to 1e-7 relative before any time is printed; a disagreement stops
the run. Times are wall clock, medians of --repeats runs, all measured in this one run.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

import highspy
import pulp

TOLERANCE = 1e-7


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    return result.stdout


def timed(function, repeats):
    """Median wall time of `repeats` calls and the last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def agree(name, value, reference):
    if value is None or abs(value - reference) > TOLERANCE * max(1.0, abs(reference)):
        sys.exit(f"objective disagreement: {name} gives {value}, Allot {reference}")


def glpsol_objective(lp_path):
    with tempfile.NamedTemporaryFile(suffix=".txt") as out:
        run(["glpsol", "--lp", lp_path, "-o", out.name])
        text = open(out.name).read()
    match = re.search(r"Objective:\s+\S+\s+=\s+(\S+)", text)
    return float(match.group(1)) if match else None


def allot_objective(allot, lp_path, *extra):
    # The text report, like glpsol's -o report (JSON spells out every field of every element).
    match = re.search(r"^Objective \(\w+\): (\S+)$", run([allot, "lp", "solve", lp_path, *extra]), re.M)
    return float(match.group(1)) if match else None


def highs_model(mps_path):
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.readModel(mps_path)
    # GLPK's free MPS does not carry the sense; the models maximise.
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    return highs


def envelope_rows(highs):
    lp = highs.getLp()
    names = [highs.getRowName(i)[1] for i in range(lp.num_row_)]
    rows = [i for i, name in enumerate(names) if name.startswith("envelope(")]
    return rows, [lp.row_upper_[i] for i in rows]


def highs_solve(highs):
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return highs.getInfo().objective_function_value


def pulp_solve(mps_path, factor=None, base=None):
    """Read, change, solve: what a PuLP user rebuilding the model for each point does."""
    _, problem = pulp.LpProblem.fromMPS(mps_path, sense=pulp.LpMaximize)
    if factor is not None:
        for name, rhs in base.items():
            problem.constraints[name].constant = -rhs * factor
    status = problem.solve(pulp.PULP_CBC_CMD(msg=False))
    return pulp.value(problem.objective) if status == 1 else None


def pulp_envelopes(mps_path):
    _, problem = pulp.LpProblem.fromMPS(mps_path, sense=pulp.LpMaximize)
    return {name: -c.constant for name, c in problem.constraints.items() if name.startswith("envelope")}


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    glpsol = run(["glpsol", "--version"]).splitlines()[0]
    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.platform()}, Python {platform.python_version()}, "
            f"{glpsol}, HiGHS {highspy.Highs().version()}, PuLP {pulp.__version__} with its bundled CBC")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--allot", required=True)
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--pulp-points", type=int, default=50)
    parser.add_argument("--whole-posts")
    args = parser.parse_args()
    allot, work = args.allot, args.work
    os.makedirs(work, exist_ok=True)
    lines = [f"Machine: {machine()}.", ""]

    # 1. Single cold solves of the same exported model, by size.
    sizes = [("ITU baseline (1x)", args.baseline, 21),
             ("generated 1x", ["--seed", "1"], 5),
             ("generated 3x", ["--sectors", "6", "--priorities", "10", "--offerings", "10", "--seed", "1"], 5),
             ("generated 10x", ["--sectors", "8", "--priorities", "14", "--offerings", "12", "--years", "6", "--seed", "1"], 3),
             ("generated 30x", ["--sectors", "12", "--priorities", "21", "--offerings", "12", "--years", "8", "--seed", "1"], 1)]
    lines += ["## One cold solve of the same model (process wall time, read + solve + write)", "",
              "glpsol and `allot lp solve` read the exported CPLEX LP file and write a text report; glpsol runs",
              "its defaults (primal simplex, no presolve), Allot on GLPK its own (dual simplex, presolve), Allot on",
              "COIN-OR (`--solver coin`) CLP's primal simplex after its presolve. HiGHS and PuLP+CBC read the MPS file.", "",
              "| model | rows x columns | glpsol | Allot on GLPK | Allot / glpsol | Allot on CLP (`--solver coin`) | HiGHS (read + solve) | Allot on CLP / HiGHS | PuLP+CBC (read + solve) |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    cold = {}
    for label, source, repeats in sizes:
        repeats = min(repeats, args.repeats) if repeats > 1 else 1
        stem = os.path.join(work, label.split(" (")[0].replace(" ", "-"))
        scenario = source if isinstance(source, str) else stem + ".yaml"
        if not isinstance(source, str):
            run([allot, "generate", *source, "--out", scenario])
        plan = json.loads(run([allot, "solve", scenario, "--format", "json", "--export-lp", stem + ".lp", "--export-mps", stem + ".mps"]))
        reference = plan["objective"]
        size = plan["modelSize"]
        t_glpsol, v = timed(lambda: glpsol_objective(stem + ".lp"), repeats); agree("glpsol " + label, v, reference)
        t_allot, v = timed(lambda: allot_objective(allot, stem + ".lp"), repeats); agree("allot lp solve " + label, v, reference)
        t_clp, v = timed(lambda: allot_objective(allot, stem + ".lp", "--solver", "coin"), repeats); agree("allot lp solve --solver coin " + label, v, reference)
        t_highs, v = timed(lambda: highs_solve(highs_model(stem + ".mps")), repeats); agree("HiGHS " + label, v, reference)
        t_pulp, v = timed(lambda: pulp_solve(stem + ".mps"), min(repeats, 3)); agree("PuLP+CBC " + label, v, reference)
        cold[label] = (t_glpsol, t_allot, t_clp, t_highs)
        lines.append(f"| {label} | {size['rows']:,} x {size['columns']:,} | {t_glpsol*1e3:.0f} ms | {t_allot*1e3:.0f} ms | "
                     f"{t_allot/t_glpsol:.2f}x | {t_clp*1e3:.0f} ms | {t_highs*1e3:.0f} ms | {t_clp/t_highs:.2f}x | {t_pulp*1e3:.0f} ms |")
        print(lines[-1], flush=True)
    lines += ["", f"Medians of {min(21, args.repeats)} runs at ITU size, 5 for the generated 1x and 3x, 3 at 10x, 1 at 30x (PuLP+CBC at most 3)."]

    # 2. The envelope sweep on the baseline: the total of the annual envelopes from 85 % to 115 %.
    stem = os.path.join(work, "ITU-baseline")
    base_total = sum(float(v) for v in re.findall(r"^\s+20\d\d:\s+(\d+)", open(args.baseline).read().split("envelopes:")[1].split("goals:")[0], re.M))
    low, high, n = 0.85 * base_total, 1.15 * base_total, args.points
    values = [low + (high - low) * i / (n - 1) for i in range(n)]
    factors = [v / base_total for v in values]
    sweep = ["sweep", args.baseline, "--vary", "envelopes.total", "--from", repr(low), "--to", repr(high), "--steps", str(n)]

    def allot_sweep(extra):
        out = tempfile.mkdtemp(dir=work)
        run([allot, *sweep, *extra, "--out", out])
        rows = open(os.path.join(out, "sweep.csv"), encoding="utf-8-sig").read().splitlines()[1:]
        return [float(r.split(",")[2]) for r in rows]

    t_warm, warm = timed(lambda: allot_sweep([]), args.repeats)
    t_exact, exact = timed(lambda: allot_sweep(["--exact"]), args.repeats)
    for i, (a, b) in enumerate(zip(warm, exact)):
        agree(f"exact curve at point {i}", b, a)

    # The envelope rows are found by name once: every rebuilt model has them at the same places.
    envelope_indices, envelope_base = envelope_rows(highs_model(stem + ".mps"))

    def move_envelopes(highs, f):
        for r, u in zip(envelope_indices, envelope_base):
            highs.changeRowBounds(r, -highspy.kHighsInf, u * f)

    def highs_rebuilt():
        result = []
        for f in factors:
            highs = highs_model(stem + ".mps")
            move_envelopes(highs, f)
            result.append(highs_solve(highs))
        return result

    def highs_warm():
        highs = highs_model(stem + ".mps")
        result = []
        for f in factors:
            move_envelopes(highs, f)
            result.append(highs_solve(highs))
        return result

    def allot_curve():
        out = tempfile.mkdtemp(dir=work)
        run([allot, "curve", args.baseline, "--vary", "envelopes.total", "--from", repr(low), "--to", repr(high), "--out", out])
        pieces = [r.split(",")[:4] for r in open(os.path.join(out, "curve.csv"), encoding="utf-8-sig").read().splitlines()[1:]]
        pieces = [tuple(map(float, p)) for p in pieces]
        result = []
        for v in values:
            a, b, ya, yb = next(p for p in pieces if p[0] - 1e-6 <= v <= p[1] + 1e-6)
            result.append(ya + (yb - ya) * (v - a) / (b - a) if b > a else ya)
        return result

    t_curve, curve = timed(allot_curve, args.repeats)
    for i, (a, b) in enumerate(zip(warm, curve)):
        agree(f"exact curve (allot curve) at point {i}", b, a)

    t_hr, hr = timed(highs_rebuilt, max(1, min(3, args.repeats)))
    t_hw, hw = timed(highs_warm, max(1, min(3, args.repeats)))
    for i, (a, b, c) in enumerate(zip(warm, hr, hw)):
        agree(f"HiGHS rebuilt at point {i}", b, a)
        agree(f"HiGHS warm at point {i}", c, a)
    base = pulp_envelopes(stem + ".mps")
    step = max(1, n // args.pulp_points)
    sample = list(range(0, n, step))
    t_pulp, pv = timed(lambda: [pulp_solve(stem + ".mps", factors[i], base) for i in sample], 1)
    for i, v in zip(sample, pv):
        agree(f"PuLP+CBC at point {i}", v, warm[i])
    t_pulp_total = t_pulp / len(sample) * n

    lines += ["", f"## Envelope sweep on the ITU baseline: {n:,} points, total envelope {low:,.0f} to {high:,.0f} (CHF thousands)", "",
              "Every objective agreed with Allot's warm sweep to 1e-7 relative.", "",
              "| route | time for the sweep | per point | Allot warm is faster by |", "| --- | ---: | ---: | ---: |"]

    def row(label, total):
        lines.append(f"| {label} | {total:.2f} s | {total / n * 1e3:.2f} ms | {total / t_warm:.1f}x |")

    row("Allot warm (`allot sweep`, one process)", t_warm)
    row("Allot exact curve alone (`allot curve`: every breakpoint, then the 1,000 objectives read off its pieces)", t_curve)
    row("Allot exact curve with each point's spending by sector (`allot sweep --exact`)", t_exact)
    row("HiGHS rebuilt per point (read MPS, change, solve)", t_hr)
    row("HiGHS warm (one model, change bounds, re-solve)", t_hw)
    row(f"PuLP+CBC rebuilt per point ({len(sample)} points timed, scaled to {n:,})", t_pulp_total)
    for line in lines[-6:]:
        print(line, flush=True)

    # 3. One and two jobs: robustness samples solved in parallel; the seconds a warm sample takes.
    def robust(jobs, samples=400):
        run([allot, "robust", args.baseline, "--samples", str(samples), "--jobs", str(jobs), "--format", "json"])
    t1, _ = timed(lambda: robust(1), max(1, min(3, args.repeats)))
    t2, _ = timed(lambda: robust(2), max(1, min(3, args.repeats)))
    t100, _ = timed(lambda: robust(1, 100), max(1, min(3, args.repeats)))
    per_sample = (t1 - t100) / 300
    lines += ["", "## One and two jobs; Monte Carlo per sample", "",
              f"`allot robust` with 400 samples on the baseline: 1 job {t1:.2f} s, 2 jobs {t2:.2f} s: **{t1 / t2:.2f}x**.",
              "Identical output either way (tested).",
              f"Per sample (400 less 100 samples, over 300, 1 job): **{per_sample * 1e3:.1f} ms** (the issue measured 60 ms a sample"
              " before samples were solved warm: {:.0f}x).".format(0.060 / per_sample)]
    print(lines[-3], lines[-1], flush=True)

    # 4. Whole posts (MIP) at ITU size, on both engines: the shipped what-if; 0.5 % asked with no
    # time limit (stopped by the gap, so reproducible); 0.1 % asked within 10 s and 60 s. HiGHS
    # (one thread) on the exported model at 10 s and 60 s for scale.
    whole = {}
    if args.whole_posts:
        folder = os.path.dirname(args.whole_posts)
        lines += ["", "## Whole posts (MIP) at ITU size", "",
                  "| run | engine | wall time | status | weighted impact | bound | gap | same plan twice |",
                  "| --- | --- | ---: | --- | ---: | ---: | ---: | --- |"]
        runs = [(f"shipped `{os.path.basename(args.whole_posts)}` (gap 1.5 %)", args.whole_posts, None)]
        for gap, seconds, nodes in ((0.005, 1, 1), (0.005, 600, 100000000), (0.001, 10, 100000000), (0.001, 60, 100000000)):
            path = os.path.join(folder, f".bench-whole-posts-{gap}-{seconds}s-{nodes}.yaml")
            with open(path, "w") as out:
                out.write(f"extends: {os.path.basename(args.whole_posts)}\nname: whole posts, {100 * gap} % gap, {seconds} s\n"
                          f"mip:\n  relative_gap: {gap}\n  node_limit: {nodes}\n  time_limit: {seconds}\n")
            label = ("first plan (node limit 1)" if nodes == 1 else f"gap {100 * gap:g} % asked"
                     + ("" if seconds == 600 else f", time limit {seconds} s"))
            runs.append((label, path, seconds))
        for label, path, seconds in runs:
            for engine in ("glpk", "coin"):
                if seconds == 600 and engine == "glpk":
                    continue  # GLPK does not reach 0.5 % within minutes (its bound stays near 1.846)
                outputs = []
                for attempt in range(2 if seconds in (None, 600) else 1):
                    start = time.perf_counter()
                    result = subprocess.run([allot, "solve", path, "--format", "json", "--solver", engine], capture_output=True, text=True)
                    elapsed = time.perf_counter() - start
                    outputs.append(result.stdout)
                plan = json.loads(outputs[0])
                mip = plan.get("mip") or {}
                gap = mip.get("relativeGap")
                whole[(label, engine)] = (elapsed, gap)
                objective = "-" if plan.get("objective") is None else f"{plan['objective']:.4f}"
                bound = "-" if mip.get("bestBound") is None else f"{mip['bestBound']:.4f}"
                same = "-" if len(outputs) == 1 else ("yes" if outputs[0] == outputs[1] else "no")
                lines.append(f"| {label} | {engine} | {elapsed:.1f} s | {plan.get('status')} | {objective} | {bound} | "
                             f"{'-' if gap is None else f'{100 * gap:.2f} %'} | {same} |")
                print(lines[-1], flush=True)
            if path != args.whole_posts:
                os.remove(path)
        # HiGHS on the same MIP, for scale.
        stem = os.path.join(work, "whole-posts")
        run([allot, "solve", args.whole_posts, "--format", "json", "--export-lp", stem + ".lp"])
        for seconds in (10, 60):
            # One thread, as Allot's engines; HiGHS fixes its thread pool at its first run, so
            # the pool the earlier sections started is reset first.
            highspy.Highs.resetGlobalScheduler(True)
            highs = highspy.Highs()
            highs.setOptionValue("output_flag", False)
            highs.setOptionValue("threads", 1)
            highs.setOptionValue("time_limit", float(seconds))
            highs.readModel(stem + ".lp")
            start = time.perf_counter()
            highs.run()
            if highs.getModelStatus() == highspy.HighsModelStatus.kNotset:
                sys.exit(f"HiGHS did not solve {stem}.lp: {highs.modelStatusToString(highs.getModelStatus())}")
            elapsed = time.perf_counter() - start
            info = highs.getInfo()
            lines.append(f"| gap 0.1 % asked, time limit {seconds} s | HiGHS {highs.version()} (1 thread, exported LP) | {elapsed:.1f} s | "
                         f"{highs.modelStatusToString(highs.getModelStatus())} | {info.objective_function_value:.4f} | "
                         f"{info.mip_dual_bound:.4f} | {100 * info.mip_gap:.2f} % | - |")
            print(lines[-1], flush=True)

    # 5. The goals of the performance issue, met or not, from the figures above.
    lines += ["", "## Goals", "", "| goal | measured | met? |", "| --- | --- | --- |"]

    def goal(text, measured, met):
        lines.append(f"| {text} | {measured} | {'yes' if met else '**no**'} |")

    g, a, c, h = cold["ITU baseline (1x)"]
    goal("`allot lp solve` at ITU size ≤ 1.10x glpsol", f"GLPK {a / g:.2f}x, CLP {c / g:.2f}x ({a * 1e3:.0f} / {c * 1e3:.0f} ms against {g * 1e3:.0f} ms)", min(a, c) <= 1.10 * g)
    for label in ("generated 10x", "generated 30x"):
        g, a, c, h = cold[label]
        goal(f"{label.split()[1]} end to end no slower than HiGHS read + solve", f"Allot on CLP {c:.2f} s, HiGHS {h:.2f} s ({c / h:.2f}x); Allot on GLPK {a:.2f} s", c <= h)
    goal("Monte Carlo ≥ 10x fewer seconds a sample than 60 ms", f"{per_sample * 1e3:.1f} ms ({0.060 / per_sample:.0f}x)", 0.060 / per_sample >= 10)
    if whole:
        t, gap = whole[("first plan (node limit 1)", "coin")]
        tg, gapg = whole[("first plan (node limit 1)", "glpk")]
        def percent(value):
            return "unknown" if value is None else f"{100 * value:.2f} %"
        goal("whole posts: a first integer plan within 1 s", f"GLPK {tg:.2f} s (gap {percent(gapg)}), CBC {t:.2f} s (gap {percent(gap)}), process wall time", min(t, tg) <= 1)
        t, gap = whole[("gap 0.5 % asked", "coin")]
        goal("whole posts ≤ 0.5 % within 10 s, reproducible", f"CBC: {100 * gap:.2f} % in {t:.1f} s, stopped by the gap (same plan twice above)", gap <= 0.005 and t <= 10)
        t, gap = whole[("gap 0.1 % asked, time limit 60 s", "coin")]
        tg, gapg = whole[("gap 0.1 % asked, time limit 60 s", "glpk")]
        goal("whole posts ≤ 0.1 % within 60 s", f"CBC {100 * gap:.2f} %, GLPK {100 * gapg:.2f} % after 60 s", min(gap, gapg) <= 0.001)

    with open(os.path.join(work, "compare.md"), "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
