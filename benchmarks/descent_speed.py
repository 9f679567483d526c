"""How close gdlib.gradient_descent runs to the two matrix-vector products every step must do.

Per iteration, batch gradient descent on the MSE cannot avoid X beta^T (m, 1) and r^T X (1, n),
each a full pass over X; everything else is O(m) or O(n). The "floor" is the time of exactly
those two products, measured in the same run, interleaved with gdlib, on the same X.
"""

from __future__ import annotations

import tracemalloc

import numpy as np

import gdlib
from benchmarks.timing import interleaved, median, one_blas_thread, paired_ratio

#: Learning rate of the timed runs: below the critical rate (about 1) of standard normal features,
#: so no run stops early and every run makes exactly the iterations asked for.
LEARNING_RATE = 0.1


def regression_problem(m: int, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A seeded linear problem: X (m, n) standard normal, Y = 0.5 + X beta^T + noise (m, 1)."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n))
    beta = rng.uniform(-2.0, 2.0, size=(1, n))
    Y = 0.5 + X @ beta.T + 0.1 * rng.standard_normal((m, 1))
    return X, Y


def matvec_floor(X: np.ndarray, iterations: int):
    """A function doing the two unavoidable products `iterations` times on X (m, n), in place."""
    m, n = X.shape
    beta = np.random.default_rng(1).standard_normal((1, n))
    residual = np.empty((m, 1))
    d_beta = np.empty((1, n))

    def run() -> None:
        for _ in range(iterations):
            np.matmul(X, beta.T, out=residual)
            np.matmul(residual.T, X, out=d_beta)

    return run


def descent(X: np.ndarray, Y: np.ndarray, iterations: int):
    """A function running gdlib.gradient_descent for `iterations` updates (checked: no early stop)."""

    def run() -> None:
        result = gdlib.gradient_descent(X, Y, LEARNING_RATE, iterations)
        if result.iterations_run != iterations:
            raise RuntimeError(f"the timed run stopped after {result.iterations_run} of {iterations} iterations.")

    return run


def iteration_times(X: np.ndarray, Y: np.ndarray, iterations: int, repeats: int) -> dict[str, float]:
    """Seconds per iteration of gdlib and of the floor, medians of interleaved repetitions.

    Both run with the BLAS threads the environment gives, and again limited to one BLAS thread
    (when threadpoolctl is installed), all four interleaved. Returns {"descent", "floor",
    "ratio"} and, with threadpoolctl, the same three keys ending in "_1_thread". The times are
    medians; the ratio is the median of each round's descent / floor (timing.paired_ratio).
    The descent time is that of the whole call (validation and the final cost included)
    divided by the iterations.
    """
    return iteration_times_side_by_side({"": (X, Y, iterations)}, repeats)[""]


def iteration_times_side_by_side(problems: dict[str, tuple[np.ndarray, np.ndarray, int]],
                                 repeats: int) -> dict[str, dict[str, float]]:
    """iteration_times for several problems at once, every contender of every problem in each round.

    problems: name -> (X, Y, iterations). Returns name -> what iteration_times returns. Sizes
    timed in the same rounds share the machine's load, so their times can be compared.
    """
    one_thread = one_blas_thread()
    suffixes = ("", "_1_thread") if one_thread is not None else ("",)
    functions, contexts = {}, {}
    for name, (X, Y, iterations) in problems.items():
        for suffix in suffixes:
            functions[(name, "descent" + suffix)] = descent(X, Y, iterations)
            functions[(name, "floor" + suffix)] = matvec_floor(X, iterations)
            if suffix:
                contexts[(name, "descent" + suffix)] = contexts[(name, "floor" + suffix)] = one_thread
    timings = interleaved(functions, repeats, contexts=contexts)
    results: dict[str, dict[str, float]] = {}
    for (name, kind), values in timings.items():
        results.setdefault(name, {})[kind] = median(values) / problems[name][2]
    for name, times in results.items():
        for suffix in suffixes:
            descent_times, floor_times = timings[(name, "descent" + suffix)], timings[(name, "floor" + suffix)]
            times["ratio" + suffix] = paired_ratio(descent_times, floor_times)
    return results


def iterations_for(m: int, n: int) -> int:
    """Enough iterations for a timed call to last a while, few enough to keep the run short."""
    return int(np.clip(2e7 // (m * n), 10, 2000))


def scaling(sizes: list[tuple[int, int]], repeats: int) -> list[dict[str, float]]:
    """Time per iteration of gdlib and of the floor for each (m, n), all sizes side by side; one row per size.

    Each row: m, n, mn, iterations, descent_ms, floor_ms, ratio, ns_per_element (of gdlib), and
    with threadpoolctl descent_1_thread_ms and floor_1_thread_ms (BLAS limited to one thread).
    Every size's X is held at once, so the rounds can go through all of them.
    """
    problems = {f"{m}x{n}": (*regression_problem(m, n), iterations_for(m, n)) for m, n in sizes}
    measured = iteration_times_side_by_side(problems, repeats)
    rows = []
    for m, n in sizes:
        times = measured[f"{m}x{n}"]
        row = {"m": m, "n": n, "mn": m * n, "iterations": iterations_for(m, n),
               "descent_ms": 1e3 * times["descent"], "floor_ms": 1e3 * times["floor"],
               "ratio": times["ratio"], "ns_per_element": 1e9 * times["descent"] / (m * n)}
        if "descent_1_thread" in times:
            row.update(descent_1_thread_ms=1e3 * times["descent_1_thread"],
                       floor_1_thread_ms=1e3 * times["floor_1_thread"])
        rows.append(row)
    return rows


#: Where the cache stops helping: X of 64 MB or more, and vectors of m numbers (the residual,
#: Y: 16 MB each at m = 2,000,000) that no longer fit beside it in a 32 MB last-level cache.
LARGE_MN = 8_000_000
LARGE_M = 2_000_000


def scaling_slope(rows: list[dict[str, float]], key: str = "descent_ms") -> float:
    """How time per iteration grows with m at fixed n: the slope of log(time) against log(m).

    Fitted for each n over the sizes with m >= LARGE_M and m n >= LARGE_MN; returns the
    largest slope over n (NaN when no n has two such sizes). key: the column of rows to fit
    (descent_ms, or descent_1_thread_ms). 1 means the cost grows linearly in m, as
    m n (a + b / n) does. Smaller sizes are left out: there a fixed cost per call (Python,
    about 10 microseconds) or a cache holding X or the residual makes an iteration cheaper
    per element, so the slope across the cache's edge is larger than 1.
    """
    slopes = []
    for n in sorted({row["n"] for row in rows}):
        large = [row for row in rows if row["n"] == n and row["m"] >= LARGE_M and row["mn"] >= LARGE_MN and key in row]
        if len({row["m"] for row in large}) >= 2:
            fit = np.polyfit(np.log([row["m"] for row in large]), np.log([row[key] for row in large]), 1)
            slopes.append(float(fit[0]))
    return max(slopes, default=float("nan"))


def peak_memory(X: np.ndarray, Y: np.ndarray, iterations: int) -> dict[str, float]:
    """Memory gradient_descent allocates beyond X and Y, traced by tracemalloc (numpy reports its arrays).

    Returns the peak bytes allocated during the call, the bytes of the history it returns
    (costs, alphas, betas), and both as fractions of X.nbytes.
    """
    tracemalloc.start()
    try:
        result = gdlib.gradient_descent(X, Y, LEARNING_RATE, iterations)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    history = result.costs.nbytes + result.alphas.nbytes + result.betas.nbytes
    return {"m": X.shape[0], "n": X.shape[1], "iterations": iterations, "X_bytes": X.nbytes,
            "peak_bytes": peak, "history_bytes": history,
            "peak_ratio_to_X": peak / X.nbytes, "history_ratio_to_X": history / X.nbytes}


def loop_speedup(m: int, n: int, iterations: int, repeats: int, calls: int = 100) -> dict[str, float]:
    """Time of the per-example Python loop (benchmarks.loop_descent) over that of gdlib, same work.

    Both run `iterations` updates on the same (m, n) problem, interleaved; gdlib's call is
    repeated `calls` times per repetition, since one call is too short to time alone.
    """
    from benchmarks.loop_descent import loop_gradient_descent

    X, Y = regression_problem(m, n)

    def gdlib_calls() -> None:
        for _ in range(calls):
            gdlib.gradient_descent(X, Y, LEARNING_RATE, iterations)

    timings = interleaved({"loop": lambda: loop_gradient_descent(X, Y, LEARNING_RATE, iterations),
                           "gdlib": gdlib_calls}, repeats)
    loop_seconds, gdlib_seconds = median(timings["loop"]), median(timings["gdlib"]) / calls
    return {"m": m, "n": n, "iterations": iterations, "loop_ms_per_iteration": 1e3 * loop_seconds / iterations,
            "gdlib_ms_per_iteration": 1e3 * gdlib_seconds / iterations, "speedup": loop_seconds / gdlib_seconds}
