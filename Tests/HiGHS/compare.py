#!/usr/bin/env python3
"""Compares Allot's answers with HiGHS's on the same models (the independent solver of the
test suite). Input: a JSON file listing cases, each a free-MPS model with Allot's objective,
row prices, reduced costs and ranges. Prints the counts; exits 1 listing every disagreement.

Sign conventions: Allot's shadow price and HiGHS's row dual are both the change of the optimal
objective per unit increase of the right-hand side, for maximisation and minimisation alike
(checked on Wyndor and on a minimisation); reduced costs likewise. HiGHS's ranging gives the
right-hand side or cost at the edge (rhs + allowable increase, rhs - allowable decrease).
Degenerate rows have no unique price: HiGHS's must lie between Allot's left and right prices.
In a degenerate optimum (any row or column Allot marks degenerate) several optimal bases exist
and HiGHS may end in another: reduced costs and ranges belong to the basis, so they are compared
only where the optimum is not degenerate; objectives and the prices of non-degenerate rows are
compared everywhere.
"""
import json
import math
import sys

import highspy

INF = 1e30


def close(a, b, tol):
    if math.isinf(a) or math.isinf(b) or abs(a) >= INF or abs(b) >= INF:
        return (a >= INF or math.isinf(a) and a > 0) == (b >= INF or math.isinf(b) and b > 0) and (abs(a) >= INF or math.isinf(a)) == (abs(b) >= INF or math.isinf(b))
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def main(path):
    cases = json.load(open(path))
    counts = {"models": 0, "non-degenerate models": 0, "objectives": 0, "prices": 0, "reduced costs": 0, "ranges": 0,
              "degenerate rows one-sided": 0, "degenerate elements skipped": 0, "basis-dependent figures not compared": 0}
    failures = []
    for case in cases:
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("presolve", "off")
        if h.readModel(case["model"]) != highspy.HighsStatus.kOk:
            failures.append(f"{case['name']}: HiGHS cannot read the model")
            continue
        h.changeObjectiveSense(highspy.ObjSense.kMaximize if case["sense"] == "max" else highspy.ObjSense.kMinimize)
        h.run()
        counts["models"] += 1
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            failures.append(f"{case['name']}: HiGHS says {h.modelStatusToString(h.getModelStatus())}, Allot optimal")
            continue
        lp = h.getLp()
        solution = h.getSolution()
        objective = sum(c * x for c, x in zip(lp.col_cost_, solution.col_value))
        counts["objectives"] += 1
        if not close(objective, case["objective"], 1e-7):
            failures.append(f"{case['name']}: objective HiGHS {objective!r}, Allot {case['objective']!r}")
        status, ranging = h.getRanging()
        degenerate = any(row["degenerate"] for row in case["rows"]) or any(column["degenerate"] for column in case["columns"])
        if not degenerate:
            counts["non-degenerate models"] += 1
        ranged = status == highspy.HighsStatus.kOk and not degenerate
        for i, row in enumerate(case["rows"]):
            dual = solution.row_dual[i]
            where = f"{case['name']} row {row['name']}"
            if row["degenerate"]:
                low, high = sorted([row.get("left", row["price"]), row.get("right", row["price"])])
                if "left" in row or "right" in row:
                    counts["degenerate rows one-sided"] += 1
                    if dual < low - 1e-7 * max(1, abs(low)) or dual > high + 1e-7 * max(1, abs(high)):
                        failures.append(f"{where}: HiGHS price {dual!r} outside Allot's left/right prices [{low!r}, {high!r}]")
                else:
                    counts["degenerate elements skipped"] += 1
                continue
            counts["prices"] += 1
            if not close(dual, row["price"], 1e-7):
                failures.append(f"{where}: price HiGHS {dual!r}, Allot {row['price']!r}")
            if degenerate and not row["basic"]:
                counts["basis-dependent figures not compared"] += 1
            if ranged and not row["basic"] and abs(row["price"]) > 1e-9:
                counts["ranges"] += 1
                up, down = ranging.row_bound_up.value_[i], ranging.row_bound_dn.value_[i]
                if not close(up, row["rhs"] + row["increase"], 1e-6) or not close(down, row["rhs"] - row["decrease"], 1e-6):
                    failures.append(f"{where}: range HiGHS [{down!r}, {up!r}], Allot [{row['rhs'] - row['decrease']!r}, {row['rhs'] + row['increase']!r}]")
        for j, column in enumerate(case["columns"]):
            where = f"{case['name']} column {column['name']}"
            if column["degenerate"]:
                counts["degenerate elements skipped"] += 1
                continue
            if degenerate:
                counts["basis-dependent figures not compared"] += 1
                continue
            counts["reduced costs"] += 1
            if not close(solution.col_dual[j], column["reducedCost"], 1e-7):
                failures.append(f"{where}: reduced cost HiGHS {solution.col_dual[j]!r}, Allot {column['reducedCost']!r}")
            if ranged and column["basic"]:
                counts["ranges"] += 1
                up, down = ranging.col_cost_up.value_[j], ranging.col_cost_dn.value_[j]
                if not close(up, column["cost"] + column["increase"], 1e-6) or not close(down, column["cost"] - column["decrease"], 1e-6):
                    failures.append(f"{where}: cost range HiGHS [{down!r}, {up!r}], Allot [{column['cost'] - column['decrease']!r}, {column['cost'] + column['increase']!r}]")
    print("HiGHS cross-check: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + f"; disagreements {len(failures)}")
    kinds = {}
    for failure in failures:
        model, _, rest = failure.partition(": ")
        kind = rest.split(" HiGHS")[0].split(" outside")[0]
        key = ("random LPs" if model.startswith("random LP") else "random allocation LPs" if model.startswith("random allocation") else model.split(" ")[0]) + ": " + kind
        kinds[key] = kinds.get(key, 0) + 1
    for key, count in sorted(kinds.items()):
        print(f"  {count} x {key}")
    for failure in failures[:30]:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
