"""The benchmark code works on tiny sizes: right answers, documented keys. Never a timing asserted."""

import json
from contextlib import nullcontext
from pathlib import Path

import nbformat
import numpy as np
import pytest

import gdlib
import gdlib.widgets
from benchmarks import descent_speed, notebook_suite, report, run, sklearn_comparison, timing, widget_updates
from benchmarks.loop_descent import loop_cost, loop_gradient_descent, loop_gradients
from benchmarks.scaling_plot import save_scaling_plot
from gdlib.widgets import SliderFigure

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --- the per-example loop is the same algorithm as gdlib ---------------------------------------

def test_loop_cost_and_gradients_on_the_worked_example_by_hand():
    # alpha = 0, beta = [0.5, 0.5]: errors 4.5, 3.5, 7, 6 (sum 21); sum of error * x = 56.5, 45.5.
    X, Y = gdlib.load_worked_example()
    assert loop_cost(X, Y, 0.0, np.array([0.5, 0.5])) == pytest.approx((4.5**2 + 3.5**2 + 7**2 + 6**2) / 4)
    d_alpha, d_beta = loop_gradients(X, Y, 0.0, np.array([0.5, 0.5]))
    assert d_alpha == pytest.approx(-2 / 4 * 21)
    np.testing.assert_allclose(d_beta, [-2 / 4 * 56.5, -2 / 4 * 45.5])


def test_loop_gradient_descent_matches_gdlib():
    X, Y = descent_speed.regression_problem(50, 3, seed=4)
    alpha, beta, costs = loop_gradient_descent(X, Y, 0.05, 12)
    result = gdlib.gradient_descent(X, Y, 0.05, 12)
    np.testing.assert_allclose(costs, result.costs, rtol=1e-12)
    assert alpha == pytest.approx(result.alpha[0, 0], rel=1e-12)
    np.testing.assert_allclose(beta, result.beta[0], rtol=1e-12)


# --- timing helpers ------------------------------------------------------------------------------

def test_interleaved_alternates_and_records_each_round():
    calls = []
    timings = timing.interleaved({"a": lambda: calls.append("a"), "b": lambda: calls.append("b")}, 3, warmup=1)
    assert calls == ["a", "b"] * 4
    assert {name: len(values) for name, values in timings.items()} == {"a": 3, "b": 3}
    with pytest.raises(ValueError, match="repeats"):
        timing.interleaved({"a": lambda: None}, 0)


def test_percentile_matches_numpy():
    values = [5.0, 1.0, 4.0, 2.0, 3.0, 10.0, 7.0]
    for fraction in (0.0, 0.5, 0.95, 1.0):
        assert timing.percentile(values, fraction) == pytest.approx(np.percentile(values, 100 * fraction))
    assert timing.median(values) == 4.0


def test_environment_reports_blas_and_variables_without_changing_them(monkeypatch):
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")
    info = timing.environment()
    assert info["blas_environment"]["OPENBLAS_CORETYPE"] == "Haswell"
    assert {"python", "numpy", "cpu_count", "blas", "load_average"} <= set(info)


# --- descent figures -----------------------------------------------------------------------------

class _MatmulRecorder:
    """Stands in for numpy in descent_speed: records every np.matmul (its operands and its result)."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        return getattr(np, name)

    def matmul(self, a, b, out=None):
        result = np.matmul(a, b, out=out)
        self.calls.append((np.array(a), np.array(b), np.array(result)))
        return result


def test_matvec_floor_computes_the_two_products(monkeypatch):
    # Per iteration: r = X beta^T (m, 1), then r^T X (1, n), each checked against a loop over the entries.
    X, _ = descent_speed.regression_problem(30, 4)
    recorder = _MatmulRecorder()
    monkeypatch.setattr(descent_speed, "np", recorder)
    descent_speed.matvec_floor(X, 2)()
    assert len(recorder.calls) == 2 * 2
    for (a, b, r), (c, d, product) in zip(recorder.calls[::2], recorder.calls[1::2], strict=True):
        assert a.shape == (30, 4) and b.shape == (4, 1) and c.shape == (1, 30) and d.shape == (30, 4)
        np.testing.assert_array_equal(a, X)
        np.testing.assert_array_equal(d, X)
        expected_r = [sum(X[i, j] * b[j, 0] for j in range(4)) for i in range(30)]
        np.testing.assert_allclose(r[:, 0], expected_r, rtol=1e-12)
        np.testing.assert_array_equal(c, r.T)  # the second product uses the first's result
        expected = [sum(r[i, 0] * X[i, j] for i in range(30)) for j in range(4)]
        np.testing.assert_allclose(product[0], expected, rtol=1e-12)
        assert np.abs(b).min() > 0  # a real beta, not zeros


def test_iteration_times_reports_both_and_their_ratio(monkeypatch):
    X, Y = descent_speed.regression_problem(200, 3)
    monkeypatch.setattr(descent_speed, "one_blas_thread", lambda: None)  # as without threadpoolctl
    times = descent_speed.iteration_times(X, Y, 5, 1)  # one round: its ratio is that of the medians
    assert set(times) == {"descent", "floor", "ratio"}
    assert times["ratio"] == pytest.approx(times["descent"] / times["floor"])
    entered = []
    monkeypatch.setattr(descent_speed, "one_blas_thread", lambda: lambda: entered.append(1) or nullcontext())
    times = descent_speed.iteration_times(X, Y, 5, 1)
    assert set(times) == {"descent", "floor", "ratio", "descent_1_thread", "floor_1_thread", "ratio_1_thread"}
    assert times["ratio_1_thread"] == pytest.approx(times["descent_1_thread"] / times["floor_1_thread"])
    assert len(entered) == 2 * (1 + 1)  # two contenders limited, in one warm-up round and one recorded


def test_timed_descent_refuses_a_run_that_stops_early():
    X, Y = descent_speed.regression_problem(20, 2)
    with pytest.raises(RuntimeError, match="stopped after"):
        descent_speed.descent(X * 1e3, Y, 3)()  # the learning rate is far above critical: it diverges


def test_scaling_slope_reads_the_exponent_in_m_on_large_sizes_only():
    def rows(time_ms):
        return [{"m": m, "n": n, "mn": m * n, "descent_ms": time_ms(m, n), "descent_1_thread_ms": m * n}
                for m in (1e4, 1e6, 2e6, 4e6) for n in (5, 20)]

    # time = m (a n + b) is linear in m; the smaller m (in the cache) are left out.
    linear = rows(lambda m, n: m * (3 * n + 10) if m > 1e6 else 1.0)
    assert descent_speed.scaling_slope(linear) == pytest.approx(1.0)
    # quadratic in m for n = 20, linear for n = 5: the worse one counts.
    mixed = rows(lambda m, n: m * m if n == 20 else m)
    assert descent_speed.scaling_slope(mixed) == pytest.approx(2.0)
    assert descent_speed.scaling_slope(mixed, key="descent_1_thread_ms") == pytest.approx(1.0)
    assert np.isnan(descent_speed.scaling_slope(linear[:5]))  # one large m per n only


def test_scaling_sizes_leave_out_the_largest_grid_corner():
    config = {"ms": [10, 4_000_000], "ns": [5, 80], "largest_mn": 160_000_000}
    assert run.scaling_sizes(config) == [(10, 5), (10, 80), (4_000_000, 5)]


def test_paired_ratio_is_the_median_of_each_rounds_ratio():
    assert timing.paired_ratio([2.0, 30.0, 4.0], [1.0, 10.0, 4.0]) == 2.0  # ratios 2, 3, 1
    with pytest.raises(ValueError, match="equally long"):
        timing.paired_ratio([1.0], [1.0, 2.0])


def test_peak_memory_counts_the_history():
    X, Y = descent_speed.regression_problem(1000, 4)
    memory = descent_speed.peak_memory(X, Y, 30)
    assert memory["history_bytes"] == (30 + 1) * (4 + 2) * 8  # costs, alphas and 4 betas per step
    assert memory["peak_bytes"] >= memory["history_bytes"]
    assert memory["X_bytes"] == 1000 * 4 * 8
    assert memory["peak_ratio_to_X"] == pytest.approx(memory["peak_bytes"] / memory["X_bytes"])


def test_scaling_plot_is_a_png(tmp_path):
    rows = descent_speed.scaling([(100, 2), (400, 2), (100, 5)], repeats=1)
    assert {"m", "n", "mn", "iterations", "descent_ms", "floor_ms", "ratio", "ns_per_element"} <= set(rows[0])
    path = save_scaling_plot(rows, tmp_path / "scaling.png")
    assert path.read_bytes().startswith(PNG_SIGNATURE)


# --- slider figures ------------------------------------------------------------------------------

def test_builder_signature_rules():
    def builder() -> "gdlib.widgets.SliderFigure": ...
    def needs_data(X, scale=1.0) -> SliderFigure: ...
    def not_a_builder() -> int: ...
    assert widget_updates._returns_slider_figure(builder) and widget_updates._returns_slider_figure(needs_data)
    assert not widget_updates._returns_slider_figure(not_a_builder)
    assert widget_updates._required_parameters(builder) == []
    assert widget_updates._required_parameters(needs_data) == ["X"]


def test_discovery_imports_every_widget_module_and_finds_its_builders():
    discovery = widget_updates.discover_builders()
    assert discovery.broken_modules == {}
    modules = {path.stem for path in Path(gdlib.widgets.__file__).parent.glob("*.py") if not path.stem.startswith("_")}
    assert len(modules) >= 10
    found = {builder.module for builder in discovery.builders} | {label.split(".")[0] for label in discovery.skipped}
    assert found == modules  # every widget module holds a builder (timed, or skipped with its reason)
    assert "start_here.cost_curve_explorer" in [builder.label for builder in discovery.builders]


def test_discovery_reports_a_widget_module_that_fails_to_import(tmp_path, monkeypatch):
    (tmp_path / "zz_half_written.py").write_text("def broken(:\n")
    monkeypatch.setattr(gdlib.widgets, "__path__", [*gdlib.widgets.__path__, str(tmp_path)])
    discovery = widget_updates.discover_builders()
    assert list(discovery.broken_modules) == ["zz_half_written"]
    assert discovery.broken_modules["zz_half_written"].startswith("SyntaxError: ")
    assert "start_here.cost_curve_explorer" in [builder.label for builder in discovery.builders]  # the rest is found


def test_notebooks_are_matched_to_the_widget_modules_they_name(tmp_path):
    for stem, source in (("01_a", "import gdlib.widgets.start_here\ngdlib.widgets.start_here.cost_curve_explorer()"),
                         ("02_b", "from gdlib.widgets import other, start_here"),
                         ("03_c", "import gdlib.widgets.start_here_too")):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
        nbformat.write(notebook, tmp_path / f"{stem}.ipynb")
    assert widget_updates.notebooks_using("start_here", tmp_path) == ["01_a", "02_b"]


def test_time_builder_times_every_setting():
    from gdlib.widgets import values_at_extremes
    from gdlib.widgets.start_here import cost_curve_explorer

    builder = widget_updates.Builder("start_here", "cost_curve_explorer", cost_curve_explorer)
    timed = widget_updates.time_builder(builder, repeats=1)
    assert timed["errors"] == {}
    assert len(timed["updates_ms"]) == timed["settings"] == len(values_at_extremes(cost_curve_explorer().controls))


# --- notebooks -----------------------------------------------------------------------------------

def test_suite_times_runs_each_notebook_and_its_floor(tmp_path):
    # The middle cell sleeps 0.3 s: it is the slowest, and the kernel was busy with it at least that long
    # and at most as long as the whole notebook took (both hold on any machine, however loaded).
    cells = [nbformat.v4.new_code_cell("x = 1"),
             nbformat.v4.new_code_cell("\n# wait\nimport time\ntime.sleep(0.3)"),
             nbformat.v4.new_markdown_cell("text"),
             nbformat.v4.new_code_cell("total = sum(range(10))")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), tmp_path / "01_tiny.ipynb")
    suite = notebook_suite.suite_times(tmp_path)
    assert list(suite["notebooks"]) == ["01_tiny"] and suite["failed"] == {}
    row = suite["notebooks"]["01_tiny"]
    slowest = row["slowest_cell"]
    assert slowest["index"] == 1 and slowest["first_line"] == "# wait"
    assert 0.3 <= slowest["seconds"] <= row["seconds"]
    assert suite["total_seconds"] == row["seconds"] and suite["floor_total_seconds"] == row["floor_seconds"]
    assert suite["ratio"] == pytest.approx(suite["total_seconds"] / suite["floor_total_seconds"])
    assert notebook_suite.import_only_notebook().cells[0].source == notebook_suite.IMPORT_CELL
    with pytest.raises(FileNotFoundError):
        notebook_suite.suite_times(tmp_path / "empty")


def test_a_failing_notebook_is_named_and_left_out_of_the_totals(tmp_path):
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")]), tmp_path / "02_bad.ipynb")
    suite = notebook_suite.suite_times(tmp_path)
    assert suite["notebooks"] == {} and np.isnan(suite["ratio"])
    assert "ZeroDivisionError" in suite["failed"]["02_bad"]


def test_cell_seconds_reads_the_recorded_timing():
    cell = nbformat.v4.new_code_cell("x = 1")
    assert np.isnan(notebook_suite.cell_seconds(cell))
    cell.metadata["execution"] = {"iopub.status.busy": "2024-05-01T10:00:59.250000Z",
                                  "iopub.status.idle": "2024-05-01T10:01:00.750000Z"}
    assert notebook_suite.cell_seconds(cell) == pytest.approx(1.5)


# --- the scikit-learn comparison's problem (scikit-learn itself is a benchmark-only extra) --------

def test_standardized_problem_and_its_least_squares_cost():
    Z, Y = sklearn_comparison.standardized_problem(500, 4)
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1, rtol=1e-12)
    best = sklearn_comparison.least_squares_cost(Z, Y)
    A = np.hstack([np.ones((500, 1)), Z])
    theta = np.linalg.solve(A.T @ A, A.T @ Y)  # the normal equations, independently of lstsq
    assert best == pytest.approx(float(np.mean((Y - A @ theta) ** 2)), rel=1e-10)


def test_gdlib_iterations_needed_is_the_first_good_enough():
    Z, Y = sklearn_comparison.standardized_problem(300, 3)
    best = sklearn_comparison.least_squares_cost(Z, Y)
    iterations = sklearn_comparison.gdlib_iterations_needed(Z, Y, best, chunk=7)
    costs = gdlib.gradient_descent(Z, Y, gdlib.critical_learning_rate(Z) / 2, iterations).costs
    tolerance = sklearn_comparison.TOLERANCE * best
    assert costs[-1] - best <= tolerance < costs[-2] - best


# --- the script: its JSON and its report -------------------------------------------------------

def tiny_settings(quick):
    return {"descent": {"m": 300, "n": 3, "iterations": 4, "repeats": 1},
            "loop": {"m": 40, "n": 2, "iterations": 2, "repeats": 1},
            "scaling": {"ms": [100, 1000], "ns": [2, 3], "largest_mn": 2000, "repeats": 1},
            "widgets": {"repeats": 1}, "notebooks": {"repeats": 1}, "sklearn": {}}


def only_the_start_builder():
    from gdlib.widgets.start_here import cost_curve_explorer

    start = widget_updates.Builder("start_here", "cost_curve_explorer", cost_curve_explorer)
    return widget_updates.Discovery(builders=[start], skipped={"x.needs_data": "needs arguments ['X']"},
                                    broken_modules={"y": "SyntaxError: half written"})


def test_run_writes_the_documented_json_and_report(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(run, "settings", tiny_settings)
    monkeypatch.setattr(widget_updates, "discover_builders", only_the_start_builder)
    out = tmp_path / "figures.json"
    status = run.main(["--quick", "--only", "descent,loop,scaling,memory,widgets", "--output", str(tmp_path),
                       "--json", str(out)])
    assert status == 0
    results = json.loads(out.read_text())
    assert {"quick", "blas_threads", "environment", "seconds", "goals", "errors", "descent", "loop", "scaling",
            "memory", "widgets"} <= set(results)
    assert results["errors"] == {}
    assert set(results["goals"]) == {"gd_iteration_ratio_to_matvec_floor", "gd_speedup_vs_loop", "gd_scaling_slope",
                                     "gd_peak_memory_ratio_to_X", "widget_update_p95_ms"}
    for row in results["goals"].values():
        assert {"value", "goal", "met", "meaning"} == set(row)
    assert (tmp_path / "scaling.png").read_bytes().startswith(PNG_SIGNATURE)
    printed = capsys.readouterr().out
    assert printed.startswith("Goals (--quick)") and "gd_speedup_vs_loop" in printed and "Environment:" in printed
    assert "00_start_here" in printed
    assert "not timed: x.needs_data" in printed and "not timed: y: SyntaxError" in printed


def test_a_failing_part_is_reported_and_sets_the_exit_status(tmp_path, monkeypatch, capsys):
    def broken(*arguments):
        raise RuntimeError("no such thing")

    monkeypatch.setattr(run, "settings", tiny_settings)
    monkeypatch.setattr(descent_speed, "loop_speedup", broken)
    assert run.main(["--only", "loop", "--output", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "FAILED: loop" in captured.out and "no such thing" in captured.out


def test_unknown_part_is_refused():
    with pytest.raises(SystemExit):
        run.main(["--only", "descent,nonsense"])


def test_goal_rows_compare_in_the_right_direction():
    rows = run.goal_rows({"gd_speedup_vs_loop": 99.0, "gd_iteration_ratio_to_matvec_floor": 1.2})
    assert not rows["gd_speedup_vs_loop"]["met"] and rows["gd_iteration_ratio_to_matvec_floor"]["met"]


def test_report_formats_every_part():
    results = {
        "quick": False, "blas_threads": 1, "seconds": 1.0, "errors": {},
        "goals": run.goal_rows({"notebook_suite_ratio_to_floor": 1.5}),
        "environment": {"python": "3", "numpy": "2", "cpu_count": 2, "load_average": [1.0, 1.0, 1.0],
                        "blas": "unknown", "blas_environment": {}},
        "notebooks": {"notebooks": {"00_x": {"seconds": 3.0, "floor_seconds": 2.0, "slowest_cell": {
            "index": 3, "seconds": 0.5, "first_line": "result = gdlib.gradient_descent(X, Y, 0.1, 100)"}}},
                      "total_seconds": 3.0,
                      "floor_total_seconds": 2.0, "ratio": 1.5},
        "sklearn": {"m": 10, "n": 2, "tolerance": 1e-4, "methods": {
            "LinearRegression (closed form)": {"seconds": 0.1, "steps": 1, "relative_excess": 0.0, "reached": True}},
            "gdlib_learning_rate_seconds": 0.02},
    }
    text = report.format_report(results)
    assert "00_x" in text and "[3] result = gdlib" in text and "LinearRegression" in text and "0.02 s for" in text
    assert "limited to 1 thread" in text
