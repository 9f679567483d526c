"""Benchmarks of the course: how fast it descends, responds and runs. Prints a table of figures.

    .venv/bin/python benchmarks/run.py --quick                 # under 5 minutes on 2 cores
    .venv/bin/python benchmarks/run.py --json build/benchmarks/figures.json
    .venv/bin/python benchmarks/run.py --quick --only descent,loop

Every figure is a ratio of two things measured side by side in the same run (interleaved,
medians), except the slider update times, which are absolute. The scaling plot is written to
--output (default build/benchmarks/). Needs the bench extra: pip install -e '.[test,bench]'.
Times depend on the machine and its load: the environment (BLAS kernel, threads, load average)
is printed and saved with the figures. Exit status 1 when a part could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(ROOT))

PARTS = ("descent", "loop", "scaling", "memory", "widgets", "notebooks", "sklearn")

#: name -> (goal, "<=" or ">=", what it measures). The scaling slope's goal says "no worse than linear".
GOALS = {
    "gd_iteration_ratio_to_matvec_floor": (1.3, "<=", "gdlib time per iteration / the two products alone"),
    "gd_speedup_vs_loop": (100.0, ">=", "per-example Python loop time / gdlib time, same work"),
    "widget_update_p95_ms": (80.0, "<=", "worst notebook's 95th percentile slider update + PNG at 2x"),
    "notebook_suite_ratio_to_floor": (2.0, "<=", "all notebooks / as many import-only notebooks"),
    "gd_scaling_slope": (1.1, "<=", "slope of log time per iteration vs log m, fixed n, m >= 2e6"),
    "gd_peak_memory_ratio_to_X": (1.0, "<=", "peak bytes gdlib allocates / X.nbytes, largest size"),
}


def settings(quick: bool) -> dict[str, object]:
    """Sizes and repetitions of every part; --quick trades precision for time."""
    return {
        "descent": {"m": 1_000_000, "n": 20, "iterations": 20, "repeats": 11 if quick else 21},
        "loop": {"m": 2_000, "n": 10, "iterations": 3, "repeats": 3 if quick else 7},
        "scaling": {"ms": [10_000, 100_000, 2_000_000, 4_000_000] if quick else
                    [10_000, 100_000, 1_000_000, 2_000_000, 4_000_000],
                    "ns": [5, 20] if quick else [5, 20, 80], "largest_mn": 160_000_000,
                    "repeats": 3 if quick else 7},
        "widgets": {"repeats": 1 if quick else 3},
        "notebooks": {"repeats": 1 if quick else 3},
        "sklearn": {"m": 100_000 if quick else 200_000, "n": 20, "repeats": 3 if quick else 5,
                    "max_epochs": 20 if quick else 50},
    }


def scaling_sizes(config: dict) -> list[tuple[int, int]]:
    """Every (m, n) of the scaling grid with at most config["largest_mn"] elements (1.28 GB of X)."""
    return [(m, n) for m in config["ms"] for n in config["ns"] if m * n <= config["largest_mn"]]


def run_part(name: str, config: dict, results: dict, output: Path) -> None:
    """Run one part and store what it measured in results[name] (and its goal figures in results['figures'])."""
    from benchmarks import descent_speed

    figures = results["figures"]
    if name == "descent":
        X, Y = descent_speed.regression_problem(config["m"], config["n"])
        times = descent_speed.iteration_times(X, Y, config["iterations"], config["repeats"])
        results[name] = {**{key: config[key] for key in ("m", "n", "iterations", "repeats")},
                         **{f"{key}_ms": 1e3 * value for key, value in times.items() if not key.startswith("ratio")},
                         **{key: value for key, value in times.items() if key.startswith("ratio")}}
        figures["gd_iteration_ratio_to_matvec_floor"] = times["ratio"]
    elif name == "loop":
        results[name] = descent_speed.loop_speedup(config["m"], config["n"], config["iterations"], config["repeats"])
        figures["gd_speedup_vs_loop"] = results[name]["speedup"]
    elif name == "scaling":
        sizes = scaling_sizes(config)
        rows = descent_speed.scaling(sizes, config["repeats"])
        slope = descent_speed.scaling_slope(rows)
        output.mkdir(parents=True, exist_ok=True)
        from benchmarks.scaling_plot import save_scaling_plot

        plot = save_scaling_plot(rows, output / "scaling.png")
        results[name] = {"rows": rows, "slope": slope, "plot": str(plot),
                         "slope_1_thread": descent_speed.scaling_slope(rows, key="descent_1_thread_ms")}
        figures["gd_scaling_slope"] = slope
    elif name == "memory":
        m, n = max(scaling_sizes(config), key=lambda size: size[0] * size[1])
        X, Y = descent_speed.regression_problem(m, n)
        results[name] = descent_speed.peak_memory(X, Y, descent_speed.iterations_for(m, n))
        figures["gd_peak_memory_ratio_to_X"] = results[name]["peak_ratio_to_X"]
    elif name == "widgets":
        from benchmarks.widget_updates import widget_update_times

        results[name] = widget_update_times(ROOT / "notebooks", config["repeats"])
        figures["widget_update_p95_ms"] = results[name]["worst_notebook_p95_ms"]
    elif name == "notebooks":
        from benchmarks.notebook_suite import suite_times

        results[name] = suite_times(ROOT / "notebooks", config["repeats"])
        figures["notebook_suite_ratio_to_floor"] = results[name]["ratio"]
        for stem, error in results[name]["failed"].items():
            results["errors"][f"notebooks/{stem}"] = error
    elif name == "sklearn":
        from benchmarks.sklearn_comparison import compare

        results[name] = compare(config["m"], config["n"], config["repeats"], config["max_epochs"])
    else:
        raise ValueError(f"unknown part {name!r}; the parts are {', '.join(PARTS)}.")


def goal_rows(figures: dict[str, float]) -> dict[str, dict[str, object]]:
    """Each measured goal figure with its goal and whether it is met."""
    rows = {}
    for name, value in figures.items():
        goal, sense, meaning = GOALS[name]
        met = value <= goal if sense == "<=" else value >= goal
        rows[name] = {"value": value, "goal": f"{sense} {goal:g}", "met": bool(met), "meaning": meaning}
    return rows


def run(parts: list[str], quick: bool, output: Path, blas_threads: int | None = None) -> dict[str, object]:
    """Run the parts in order; returns everything measured (the JSON written by --json).

    Keys: "environment", "quick", "blas_threads", "seconds", "goals" (name -> value, goal, met,
    meaning), one key per part run, and "errors" (part -> traceback) for parts that failed.
    """
    from benchmarks.timing import environment

    config = settings(quick)
    config["memory"] = config["scaling"]
    results: dict[str, object] = {"quick": quick, "blas_threads": blas_threads, "figures": {}, "errors": {}}
    start = time.perf_counter()
    limit = _blas_limit(blas_threads)
    with limit:
        results["environment"] = environment()
        for part in parts:
            part_start = time.perf_counter()
            print(f"[{part}] ...", file=sys.stderr, flush=True)
            try:
                run_part(part, config[part], results, output)
            except Exception:
                results["errors"][part] = traceback.format_exc()
                print(results["errors"][part], file=sys.stderr)
            print(f"[{part}] {time.perf_counter() - part_start:.1f} s", file=sys.stderr, flush=True)
    results["seconds"] = time.perf_counter() - start
    results["goals"] = goal_rows(results.pop("figures"))
    return results


def _blas_limit(blas_threads: int | None):
    """A context limiting BLAS threads (in this process and in kernels started from it), or nothing."""
    import contextlib

    if blas_threads is None:
        return contextlib.nullcontext()
    from threadpoolctl import threadpool_limits

    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(blas_threads)
    return threadpool_limits(limits=blas_threads, user_api="blas")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and sizes (under 5 minutes)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every figure to FILE as JSON")
    parser.add_argument("--output", type=Path, default=ROOT / "build" / "benchmarks",
                        help="folder for the scaling plot (default build/benchmarks/)")
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts to run, in order (default all: {','.join(PARTS)})")
    parser.add_argument("--blas-threads", type=int, metavar="N",
                        help="limit BLAS to N threads (default: as the environment has it)")
    arguments = parser.parse_args(argv)
    parts = [part.strip() for part in arguments.only.split(",") if part.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        parser.error(f"unknown part(s) {unknown}; the parts are {', '.join(PARTS)}.")

    from benchmarks.report import format_report

    results = run(parts, arguments.quick, arguments.output, arguments.blas_threads)
    print(format_report(results))
    if arguments.json is not None:
        arguments.json.parent.mkdir(parents=True, exist_ok=True)
        arguments.json.write_text(json.dumps(results, indent=2, default=float) + "\n")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
