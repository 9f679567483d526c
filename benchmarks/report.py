"""The text report of benchmarks/run.py: the goal table first, then the details of each part."""

from __future__ import annotations


def _table(header: list[str], rows: list[list[object]]) -> str:
    """A plain text table, columns padded to their widest cell (numbers right-aligned)."""
    cells = [[str(cell) for cell in header]] + [[_cell(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    numeric = [all(isinstance(row[i], int | float) for row in rows) for i in range(len(header))]
    lines = []
    for number, row in enumerate(cells):
        lines.append("  ".join(cell.rjust(width) if numeric[i] else cell.ljust(width)
                               for i, (cell, width) in enumerate(zip(row, widths, strict=True))).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value != value:
            return "n/a"
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def format_report(results: dict) -> str:
    """Everything measured, as text: goals, then each part that ran, then the environment."""
    sections = []
    goals = results["goals"]
    sections.append("Goals" + (" (--quick)" if results["quick"] else "") + "\n" + _table(
        ["figure", "value", "goal", "met", "what it is"],
        [[name, row["value"], row["goal"], row["met"], row["meaning"]] for name, row in goals.items()]))
    if "descent" in results:
        d = results["descent"]
        rows = [["BLAS threads as found", d["descent_ms"], d["floor_ms"], d["ratio"]]]
        if "ratio_1_thread" in d:
            rows.append(["one BLAS thread", d["descent_1_thread_ms"], d["floor_1_thread_ms"], d["ratio_1_thread"]])
        sections.append(f"Descent on m = {d['m']:,}, n = {d['n']} ({d['iterations']} iterations per call, "
                        f"median of {d['repeats']} interleaved calls)\n" + _table(
                            ["ms per iteration", "gdlib", "X beta^T + r^T X alone", "ratio"], rows))
    if "loop" in results:
        loop = results["loop"]
        sections.append(f"Per-example Python loop against gdlib on m = {loop['m']:,}, n = {loop['n']}\n" + _table(
            ["per iteration", "ms"], [["Python loop", loop["loop_ms_per_iteration"]],
                                      ["gdlib", loop["gdlib_ms_per_iteration"]]]))
    if "scaling" in results:
        scaling = results["scaling"]
        one_thread = all("descent_1_thread_ms" in r for r in scaling["rows"])
        header = ["m", "n", "m n", "iterations", "gdlib ms/it", "floor ms/it", "ratio", "ns per element"]
        header += ["gdlib 1 thread", "floor 1 thread"] if one_thread else []
        rows = []
        for r in scaling["rows"]:
            row = [r["m"], r["n"], r["mn"], r["iterations"], r["descent_ms"], r["floor_ms"], r["ratio"],
                   r["ns_per_element"]]
            rows.append(row + ([r["descent_1_thread_ms"], r["floor_1_thread_ms"]] if one_thread else []))
        sections.append(f"Scaling (slope in m at fixed n {scaling['slope']:.3f} for m >= 2e6 and X >= 64 MB, "
                        f"{scaling.get('slope_1_thread', float('nan')):.3f} with one BLAS thread; "
                        f"plot {scaling['plot']})\n" + _table(header, rows))
    if "memory" in results:
        memory = results["memory"]
        sections.append(f"Memory of gradient_descent on m = {memory['m']:,}, n = {memory['n']}, "
                        f"{memory['iterations']} iterations (tracemalloc)\n" + _table(
                            ["what", "MB", "/ X.nbytes"],
                            [["X itself", memory["X_bytes"] / 1e6, 1.0],
                             ["peak allocated during the call", memory["peak_bytes"] / 1e6, memory["peak_ratio_to_X"]],
                             ["history returned (costs, alphas, betas)", memory["history_bytes"] / 1e6,
                              memory["history_ratio_to_X"]]]))
    if "widgets" in results:
        widgets = results["widgets"]
        text = "Slider updates (update + render to PNG, every setting of values_at_extremes)\n" + _table(
            ["notebook", "builders", "updates", "median ms", "p95 ms", "worst ms"],
            [[name, ", ".join(s["builders"]), s["updates"], s["median_ms"], s["p95_ms"], s["worst_ms"]]
             for name, s in widgets["notebooks"].items()])
        for label, reason in {**widgets["skipped"], **widgets["broken_modules"]}.items():
            text += f"\n  not timed: {label}: {reason}"
        for label, builder in widgets["builders"].items():
            for setting, message in builder["errors"].items():
                text += f"\n  error in {label} at {setting}: {message}"
        sections.append(text)
    if "notebooks" in results:
        suite = results["notebooks"]
        rows = [[name, row["seconds"], row["floor_seconds"], row["slowest_cell"]["seconds"],
                 f"[{row['slowest_cell']['index']}] {row['slowest_cell']['first_line'][:40]}"]
                for name, row in suite["notebooks"].items()]
        rows.append(["total", suite["total_seconds"], suite["floor_total_seconds"], float("nan"), ""])
        sections.append("Notebooks, each in a fresh kernel\n" + _table(
            ["notebook", "s", "import-only s", "slowest cell s", "slowest cell [index] first line"], rows))
    if "sklearn" in results:
        comparison = results["sklearn"]
        sections.append(f"To the same tolerance (J - J* <= {comparison['tolerance']:g} J*) on a standardized problem, "
                        f"m = {comparison['m']:,}, n = {comparison['n']}\n" + _table(
                            ["method", "s", "iterations/epochs", "(J - J*) / J*", "reached"],
                            [[name, row["seconds"], row["steps"], row["relative_excess"], row["reached"]]
                             for name, row in comparison["methods"].items()])
                        + (f"\n  gdlib's time includes {comparison['gdlib_learning_rate_seconds']:.3g} s for "
                           "critical_learning_rate(Z), which sets its learning rate to half the critical one"
                           if "gdlib_learning_rate_seconds" in comparison else ""))
    environment = results["environment"]
    blas = environment["blas"]
    blas_text = "; ".join(f"{pool['internal_api']} {pool['version']} {pool['architecture']} "
                          f"{pool['num_threads']} threads ({str(pool['filepath']).rsplit('/', 1)[-1]})"
                          for pool in blas) if isinstance(blas, list) else blas
    load = environment["load_average"]
    sections.append("Environment: " + f"Python {environment['python']}, numpy {environment['numpy']}, "
                    f"{environment['cpu_count']} CPUs, load average at start "
                    f"{' '.join(f'{x:.1f}' for x in load) if load else 'n/a'}\n"
                    f"  BLAS: {blas_text}\n"
                    f"  BLAS variables: {environment['blas_environment'] or 'none set'}"
                    + (f"; limited to {results['blas_threads']} thread(s) by --blas-threads"
                       if results["blas_threads"] else "")
                    + f"\n  total {results['seconds']:.0f} s")
    for part, error in results["errors"].items():
        sections.append(f"FAILED: {part}\n{error}")
    return "\n\n".join(sections)
