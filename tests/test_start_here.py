"""Notebook 00 (start here): its one exercise, its course map, its notation table, and every claim
its text makes about gdlib, the notation and the sliders."""

import json
import re
from pathlib import Path

import numpy as np
import pytest

import gdlib
import gdlib.notebook
from gdlib.exercises import Exercise
from gdlib.lessons import start_here
from gdlib.widgets.start_here import cost_curve_explorer

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "00_start_here.ipynb"

# The worked example starts from alpha (1, 1) and beta (1, 2): 1 bias + 2 weights = 3 numbers.
RIGHT = {"numbers to learn": 3}
WRONG = {"numbers to learn": [2, 1, 4]}  # the weights only; the bias only; the columns of X plus 2

# The course after issue 11: number, file name, and a phrase its row must contain.
COURSE = [
    ("01", "01_derivation", "19 small steps"),
    ("02", "02_worked_example", "by hand"),
    ("03", "03_learning_rate", "critical learning rate"),
    ("04", "04_robust_losses", "outlier"),
    ("05", "05_heavy_tails", "Cauchy"),
    ("06", "06_feature_scaling", "standardizing"),
    ("07", "07_vanishing_gradients", "sigmoid"),
    ("08", "08_why_squares", "Gaussian noise"),
    ("09", "09_minibatch_descent", "mini-batch"),
    ("10", "10_momentum", "2 × 2 recurrence"),
    ("11", "11_loss_landscapes", "saddle"),
    ("12", "12_tailoring_mse", "missing targets"),
    ("13", "13_knowledge_in_the_loss", "penalties"),
    ("14", "14_mse_beyond_regression", "energy-based model"),
]


def _cells() -> list[dict]:
    return json.loads(NOTEBOOK.read_text())["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _saved_text(cell: dict) -> str:
    return "".join("".join(output.get("text", "")) for output in cell.get("outputs", []))


def _markdown() -> str:
    return "\n".join(_source(cell) for cell in _cells() if cell["cell_type"] == "markdown")


def _rows(heading: str) -> list[str]:
    """The table rows of the markdown cell that holds heading."""
    cell = next(_source(cell) for cell in _cells() if heading in _source(cell))
    return [line for line in cell.splitlines() if line.startswith("| ")]


# --- the exercise ------------------------------------------------------------------------------


def test_the_notebook_uses_every_exercise():
    sources = "".join(_source(cell) for cell in _cells())
    assert set(start_here.exercises()) == set(RIGHT)
    for name in RIGHT:
        assert f'exercises["{name}"].check(answer)' in sources


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_each_exercise_accepts_the_answer_worked_out_by_hand(name):
    correct, message = start_here.exercises()[name].feedback(RIGHT[name])
    assert correct, message


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_each_exercise_rejects_wrong_answers_with_a_hint_that_does_not_give_it_away(name):
    exercise = start_here.exercises()[name]
    for wrong in WRONG[name]:
        correct, message = exercise.feedback(wrong)
        assert not correct and "Hint:" in message
    assert str(RIGHT[name]) not in exercise.hint


def test_the_exercise_is_committed_unanswered_and_no_cell_checks_an_answer_itself():
    checks = [cell for cell in _cells() if cell["cell_type"] == "code" and ".check(" in _source(cell)]
    assert len(checks) == len(RIGHT)
    for cell in checks:
        source = _source(cell)
        assert "answer = None" in source and source.count(".check(") == source.count(".check(answer)")
        assert "replace None with your answer" in _saved_text(cell)


def test_the_shapes_the_hint_points_at_are_printed_above_the_exercise():
    cells = _cells()
    position = next(i for i, cell in enumerate(cells) if ".check(answer)" in _source(cell))
    above = "".join(_saved_text(cell) for cell in cells[:position])
    assert "alpha: shape (1, 1)" in above and "beta: shape (1, 2)" in above


# --- the setup cell ----------------------------------------------------------------------------


def test_the_setup_cell_imports_what_its_text_says():
    cells = _cells()
    setup = next(i for i, cell in enumerate(cells) if cell["cell_type"] == "code")
    source = _source(cells[setup])
    for line in ("import numpy as np", "import gdlib", "import gdlib.notebook", "gdlib.notebook.setup()"):
        assert line in source.splitlines(), line
    text = _source(cells[setup - 1])
    assert "NumPy" in text and "`gdlib`" in text and "`gdlib.notebook.setup()`" in text


def test_setup_fixes_the_decimals_arrays_print_with():
    before = np.get_printoptions()
    try:
        gdlib.notebook.setup()
        assert np.get_printoptions()["precision"] == gdlib.notebook.PRINT_PRECISION
    finally:
        np.set_printoptions(**before)


# --- the course map ----------------------------------------------------------------------------


def test_the_course_map_lists_the_14_notebooks_in_order_with_their_new_names():
    rows = [row for row in _rows("## The course map") if re.match(r"\| \d\d \|", row)]
    assert len(rows) == len(COURSE) == 14
    for row, (number, name, phrase) in zip(rows, COURSE, strict=True):
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[0] == number and cells[1] == f"`{name}.ipynb`", row
        assert phrase in cells[2], (phrase, row)
        assert re.fullmatch(r"\d+ min", cells[3]), row


def test_the_course_map_has_a_row_for_every_notebook_there_is():
    mapped = set(re.findall(r"`(\d\d_\w+\.ipynb)`", "\n".join(_rows("## The course map"))))
    for path in sorted(NOTEBOOK.parent.glob("*.ipynb"))[1:]:
        assert path.name in mapped


def test_the_new_notebooks_rows_say_what_they_cover():
    rows = {row.split("|")[2].strip(): row for row in _rows("## The course map")[1:]}
    assert all(word in rows["`05_heavy_tails.ipynb`"] for word in ("heavy-tailed", "Student t", "MAE", "Huber"))
    assert all(word in rows["`10_momentum.ipynb`"] for word in ("momentum", "stable range", "best", "convergence"))
    assert all(word in rows["`14_mse_beyond_regression.ipynb`"]
               for word in ("align", "shift", "autoencoder", "PCA", "energy-based"))


def test_00s_own_time_is_what_its_opening_says():
    assert "It takes about 20 minutes" in _source(_cells()[0])


def test_the_next_line_names_notebook_01():
    assert _source(_cells()[-1]).startswith("Next: `01_derivation.ipynb`")


# --- the notation ------------------------------------------------------------------------------

NOTATION = {
    r"$R = Y - \hat Y$": "residuals", r"$\Delta\theta = \theta - \theta^*$": "distance to the minimum",
    "$H$": "Hessian", r"$\lambda$; $\lambda_{\min}$, $\lambda_{\max}$": "eigenvalue",
    r"$\kappa = \lambda_{\max} / \lambda_{\min}$": "condition number",
    r"$\eta$; $\eta_c = 2/\lambda_{\max}$": "critical learning rate", "$q$": "convergence factor",
    r"$L_\delta(r)$, $\delta$": "Huber", "$\\mu$, $v$": "momentum and the velocity", "$b$": "batch size",
    r"$\sigma$": "standard deviation", r"$\operatorname{sigmoid}(z)$, $p$": "p(1 - p)",
    r"$\varepsilon$": "noise", "$h$": "finite difference", r"$\bar x_j$, $s_j$": "standard deviation of feature",
    r"$\gamma$": "penalty", r"$\nu$": "degrees of freedom", r"$\tau$": "time shift",
    r"$A = [1 \mid X]$": "column of ones", r"$J_{\text{MAE}}$, $J_{\text{Huber}}$": "subscript",
    r"$1 - \eta\lambda$": "step factor",
}


@pytest.mark.parametrize("symbol", sorted(NOTATION))
def test_the_notation_table_lists_every_symbol_of_the_course_with_its_meaning(symbol):
    rows = _rows("## Notation and shapes")
    row = next((row for row in rows if row.startswith(f"| {symbol}")), None)
    assert row is not None, f"no row for {symbol}"
    assert NOTATION[symbol] in row, row


def test_the_notation_says_how_examples_features_and_iterations_are_counted():
    text = _markdown().replace("\n", " ")
    for phrase in (r"$i = 1, \ldots, m$ (counted from 1 in the text, from 0 in code)", r"$j = 1, \ldots, n$",
                   r"$k = 0, 1, \ldots$ ($k = 0$ is the start)"):
        assert phrase in text, phrase


def test_the_shapes_printed_are_the_tables_for_the_worked_example():
    X, Y = gdlib.load_worked_example()
    m, n = X.shape
    assert (m, n) == (4, 2) and "($m = 4$, $n = 2$)" in _markdown()
    printed = next(_saved_text(cell) for cell in _cells() if "arrays = {" in _source(cell))
    expected = {"X": (m, n), "Y": (m, 1), "alpha": (1, 1), "beta": (1, n), "Y_hat": (m, 1),
                "residuals": (m, 1), "d_alpha": (1, 1), "d_beta": (1, n)}
    for name, shape in expected.items():
        assert re.search(rf"^\s*{name}: shape \({shape[0]}, {shape[1]}\)$", printed, re.MULTILINE), name
    alpha, beta, _ = gdlib.load_worked_example_start()
    J = gdlib.mse_cost(X, Y, alpha, beta)
    assert f"J = np.mean(residuals**2) = {J:.4f}, gdlib.mse_cost gives {J:.4f}" in printed


def test_gdlib_takes_a_flat_target_as_a_column_and_refuses_a_row():
    X, Y = gdlib.load_worked_example()
    alpha, beta, _ = gdlib.load_worked_example_start()
    assert gdlib.mse_cost(X, Y.ravel(), alpha, beta) == gdlib.mse_cost(X, Y, alpha, beta)
    with pytest.raises(ValueError, match=r"must have shape \(m, 1\).*got a 2-D array of shape \(1, 4\)"):
        gdlib.mse_cost(X, Y.T, alpha, beta)


def test_the_hessian_its_eigenvalues_and_the_critical_rate_are_what_the_table_says():
    X, Y = gdlib.load_worked_example()
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X])
    H = gdlib.mse_hessian(X)
    np.testing.assert_allclose(H, (2 / m) * A.T @ A, rtol=1e-14)
    # H is the matrix of second derivatives of J: its action on a step is the change of the gradient.
    alpha, beta, _ = gdlib.load_worked_example_start()
    step = np.array([0.3, -0.2, 0.1])
    before = np.hstack([g.ravel() for g in gdlib.mse_gradients(X, Y, alpha, beta)])
    after = np.hstack([g.ravel() for g in gdlib.mse_gradients(X, Y, alpha + step[0], beta + step[1:])])
    np.testing.assert_allclose(after - before, H @ step, rtol=1e-10, atol=1e-12)
    eigenvalues = np.linalg.eigvalsh(H)
    assert gdlib.critical_learning_rate(X) == pytest.approx(2 / eigenvalues[-1])


def test_each_step_multiplies_the_distance_to_the_minimum_by_the_step_factors_and_q_bounds_it():
    X, Y = gdlib.load_worked_example()
    alpha, beta, _ = gdlib.load_worked_example_start()
    a_star, b_star = gdlib.least_squares(X, Y)
    theta_star = np.concatenate([a_star.ravel(), b_star.ravel()])
    H = gdlib.mse_hessian(X)
    eigenvalues, directions = np.linalg.eigh(H)
    eta = 0.5 * gdlib.critical_learning_rate(X)
    run = gdlib.gradient_descent(X, Y, eta, 20, alpha, beta)
    distances = np.column_stack([run.alphas, run.betas]) - theta_star  # (k + 1, n + 1)
    along = distances @ directions  # the distance along each eigendirection
    np.testing.assert_allclose(along[1], (1 - eta * eigenvalues) * along[0], rtol=1e-9, atol=1e-12)
    q = np.max(np.abs(1 - eta * eigenvalues))
    norms = np.linalg.norm(distances, axis=1)
    assert all(norms[k] <= q**k * norms[0] * (1 + 1e-9) for k in range(len(norms)))


def test_beyond_the_critical_rate_descent_diverges():
    X, Y = gdlib.load_worked_example()
    alpha, beta, _ = gdlib.load_worked_example_start()
    critical = gdlib.critical_learning_rate(X)
    assert not gdlib.gradient_descent(X, Y, 0.99 * critical, 2000, alpha, beta).diverged
    beyond = gdlib.gradient_descent(X, Y, 1.05 * critical, 2000, alpha, beta)
    assert beyond.diverged or beyond.costs[-1] > beyond.costs[0]


def test_the_sigmoid_and_its_slope_are_the_tables():
    z = np.linspace(-6, 6, 13)
    p = gdlib.sigmoid.value(z)
    np.testing.assert_allclose(p, 1 / (1 + np.exp(-z)), rtol=1e-14)
    np.testing.assert_allclose(gdlib.sigmoid.derivative(z), p * (1 - p), rtol=1e-12)


# --- the sliders and the answer checks ---------------------------------------------------------


def test_the_slider_text_is_true_of_the_demo():
    X, Y = gdlib.load_worked_example()
    explorer = cost_curve_explorer()
    rate = explorer.controls["learning_rate"]
    assert type(rate).__name__ == "FloatLogSlider" and "learning rate" in rate.description
    # "The figure follows the slider while you drag it."
    assert all(control.continuous_update for control in explorer.controls.values())
    assert rate.base ** rate.max > gdlib.critical_learning_rate(X)  # you can push it past the critical rate
    alpha, beta, _ = gdlib.load_worked_example_start()
    run = gdlib.gradient_descent(X, Y, rate.value, explorer.controls["iterations"].value, alpha, beta)
    assert run.cost < run.costs[0] and not run.diverged  # at the default, the cost falls
    text = _markdown()
    assert "the critical value printed in the title" in text and "**learning rate** moves on a log scale" in text
    assert "follows the slider while you drag it" in text.replace("\n", " ") and "let go" not in text


def test_an_answer_within_1_percent_is_called_close_and_told_which_way():
    exercise = Exercise("x", 2.0, "a hint")
    _, message = exercise.feedback(2.01)
    assert "close" in message and "too high" in message
    _, message = exercise.feedback(1.99)
    assert "close" in message and "too low" in message
    _, message = exercise.feedback(2.5)
    assert "close" not in message and "Hint: a hint" in message and "2.0" not in message
    assert "An answer within 1% of the right one is called close and told which way it is off" in (
        _markdown().replace("\n", " "))
