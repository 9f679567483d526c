"""Timing helpers: interleaved repetitions, so that a noisy machine slows every contender alike.

A ratio of two timings is only meaningful when both were measured under the same load. Every
helper here alternates the contenders repetition by repetition (A, B, A, B, ...) and reports
medians, which ignore the odd repetition that another process happened to interrupt.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

#: Environment variables that change which BLAS kernel runs or how many threads it uses.
BLAS_VARIABLES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                  "MKL_NUM_THREADS")


def seconds(function: Callable[[], object]) -> float:
    """Wall-clock seconds one call of function() takes."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def interleaved(functions: dict[str, Callable[[], object]], repeats: int, *, warmup: int = 1,
                contexts: dict[str, Callable[[], AbstractContextManager]] | None = None) -> dict[str, list[float]]:
    """Call each function once per round, round after round, and record every call's seconds.

    functions: name -> function of no arguments. repeats: rounds to record (>= 1), after
    `warmup` unrecorded rounds. contexts: name -> a function returning a context manager that
    each call of that function runs in (entered before the clock starts), e.g. one_blas_thread.
    Returns name -> list of `repeats` timings in seconds.
    """
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, got {repeats}.")
    contexts = contexts or {}
    timings: dict[str, list[float]] = {name: [] for name in functions}
    for round_number in range(warmup + repeats):
        for name, function in functions.items():
            with contexts.get(name, nullcontext)():
                elapsed = seconds(function)
            if round_number >= warmup:
                timings[name].append(elapsed)
    return timings


def one_blas_thread() -> Callable[[], AbstractContextManager] | None:
    """A function returning a context in which BLAS uses one thread, or None without threadpoolctl."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    controller = ThreadpoolController()
    return lambda: controller.limit(limits=1, user_api="blas")


def median(values: list[float]) -> float:
    """The median of a non-empty list of timings."""
    return statistics.median(values)


def paired_ratio(numerators: list[float], denominators: list[float]) -> float:
    """The median over rounds of numerator / denominator, each pair measured in the same round.

    Two calls made one after the other share the machine's load more closely than any two
    medians do, so the ratio of each round is the better estimate, and the median of those
    ignores the rounds where one side was interrupted.
    """
    if len(numerators) != len(denominators) or not numerators:
        raise ValueError(f"paired_ratio needs two equally long non-empty lists, got {len(numerators)} "
                         f"and {len(denominators)} timings.")
    return median([a / b for a, b in zip(numerators, denominators, strict=True)])


def percentile(values: list[float], fraction: float) -> float:
    """The fraction-quantile of values (0.95 for the 95th percentile), by linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of an empty list of timings.")
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def environment() -> dict[str, object]:
    """What the figures depend on: the machine, numpy, and which BLAS kernel runs with how many threads.

    The BLAS variables are reported as found; the benchmark never changes them.
    """
    import numpy as np

    info: dict[str, object] = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "blas_environment": {name: os.environ[name] for name in BLAS_VARIABLES if name in os.environ},
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        info["blas"] = "unknown (install the bench extra for threadpoolctl)"
    else:
        info["blas"] = [
            {key: pool.get(key) for key in ("internal_api", "version", "architecture", "num_threads", "filepath")}
            for pool in threadpool_info() if pool.get("user_api") == "blas"
        ]
    return info
