"""Notebook 01 (the derivation): its exercise, its tiny data set, its figure, and every claim its
prose makes.

The claim tests run the notebook's code cells in one namespace (the `lesson` fixture) and check the
quantities the text talks about against numbers typed here from the text, so that a change of
data or code that makes a sentence false fails a test. Hand arithmetic is written out in comments.
"""

import json
import re
from pathlib import Path

import matplotlib
import numpy as np
import pytest

import gdlib
from gdlib.lessons import derivation
from gdlib.plots.derivation import constant_model_cost, constant_model_slope, one_step_downhill_figure
from gdlib.widgets import figure_png

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "01_derivation.ipynb"

# The tiny data set: X = [[1, 0], [0, 1], [1, 1]], Y = [1, 2, 4], alpha = 0, beta = [1, 1], rate 0.3.
# Predictions 1, 1, 2; residuals r = 0, 1, 2; m = 3.
# R^T X = [0*1 + 1*0 + 2*1, 0*0 + 1*1 + 2*1] = [2, 3], so dJ/dbeta = -(2/3) [2, 3] = [-4/3, -2].
# One step: beta = [1, 1] - 0.3 * [-4/3, -2] = [1.4, 1.6].
RIGHT = {"one update of beta": np.array([[1.4, 1.6]])}
WRONG = {"one update of beta": [
    np.array([[0.6, 0.4]]),  # the step taken uphill (a sign dropped)
    np.array([[1.2, 1.3]]),  # 1/m instead of 2/m
    np.array([[1.4, 1.6, 0.0]]), [1.4, 1.6],  # the wrong shapes
]}
# How the answer would read if a cell printed it, or the text wrote it.
ANSWER_TEXTS = {"one update of beta": ["1.4000 1.6000", "1.4, 1.6", "1.4 1.6"]}


def _cells() -> list[dict]:
    return json.loads(NOTEBOOK.read_text())["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _prose() -> str:
    """Every markdown cell, joined, with line breaks as spaces (a phrase may wrap)."""
    return " ".join(_source(cell) for cell in _cells() if cell["cell_type"] == "markdown").replace("\n", " ")


def _saved_text(cell: dict) -> str:
    """What a code cell printed or displayed, as saved in the notebook."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append("".join(output.get("text", "")))
        for value in output.get("data", {}).values():
            parts.append("".join(value) if isinstance(value, list) else str(value))
    return "".join(parts)


def _printed(needle: str) -> str:
    """The saved output of the code cell whose source contains needle."""
    return next(_saved_text(cell) for cell in _cells() if cell["cell_type"] == "code" and needle in _source(cell))


@pytest.fixture(scope="module")
def lesson() -> dict:
    """The namespace after running every code cell of the notebook, top to bottom (the print options
    and figure style its setup cell changes are restored afterwards)."""
    namespace: dict = {}
    print_options, style = np.get_printoptions(), matplotlib.rcParams.copy()
    try:
        for cell in _cells():
            if cell["cell_type"] == "code":
                exec(_source(cell), namespace)
    finally:
        np.set_printoptions(**print_options)
        matplotlib.rcParams.update(style)
    return namespace


# --- the exercise ------------------------------------------------------------------------------


def test_tiny_example_is_what_the_comments_say():
    X, Y, alpha, beta, learning_rate = derivation.tiny_example()
    np.testing.assert_array_equal(X, [[1, 0], [0, 1], [1, 1]])
    np.testing.assert_array_equal(Y, [[1], [2], [4]])
    assert alpha.shape == (1, 1) and beta.shape == (1, 2)
    np.testing.assert_array_equal(alpha, [[0]])
    np.testing.assert_array_equal(beta, [[1, 1]])
    assert learning_rate == 0.3


def test_the_notebook_uses_its_one_number_exercise():
    exercises = derivation.exercises()
    assert set(exercises) == set(RIGHT)
    used = re.findall(r'exercises\["([^"]+)"\]\.check\(answer\)', "".join(_source(cell) for cell in _cells()))
    assert used == list(RIGHT)


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_each_exercise_accepts_the_answer_worked_out_by_hand(name):
    correct, message = derivation.exercises()[name].feedback(RIGHT[name])
    assert correct, message
    assert "correct" in message


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_each_exercise_rejects_wrong_answers_with_a_hint_that_does_not_give_it_away(name):
    exercise = derivation.exercises()[name]
    for wrong in WRONG[name]:
        correct, message = exercise.feedback(wrong)
        assert not correct, f"{name} accepted the wrong answer {wrong!r}"
        assert "Hint:" in message
    for answer_text in ANSWER_TEXTS[name]:
        assert answer_text not in exercise.hint


def test_a_step_uphill_is_told_its_sign_is_wrong_or_its_size():
    _, message = derivation.exercises()["one update of beta"].feedback(np.array([[0.6, 0.4]]))
    assert "not yet" in message and "minus signs" in message


def test_no_answer_is_printed_or_written_above_its_exercise():
    cells = _cells()
    for name, texts in ANSWER_TEXTS.items():
        position = next(i for i, cell in enumerate(cells) if f'exercises["{name}"]' in _source(cell))
        above = "".join(_source(cell) + _saved_text(cell) for cell in cells[:position])
        for text in texts:
            assert text not in above, f"the answer of {name!r} ({text}) appears above its exercise"


def test_every_number_exercise_is_committed_unanswered():
    answered = [cell for cell in _cells() if cell["cell_type"] == "code" and ".check(" in _source(cell)]
    assert len(answered) == len(RIGHT)
    for cell in answered:
        assert _source(cell).startswith("answer = None") and ".check(answer)" in _source(cell)
        assert "replace None with your answer" in _saved_text(cell)


# --- the central difference written in the open -------------------------------------------------


def _open_helper():
    """The position and the cell of the notebook's partial_derivative, and the function its cell defines."""
    cells = _cells()
    position = next(i for i, cell in enumerate(cells) if _source(cell).startswith("def partial_derivative("))
    namespace: dict = {"np": np}
    exec(_source(cells[position]), namespace)
    return position, cells[position], namespace["partial_derivative"]


def test_the_central_difference_is_written_out_before_gdlib_computes_one():
    position, cell, _ = _open_helper()
    first_use = next(i for i, cell in enumerate(_cells())
                     if cell["cell_type"] == "code" and "gdlib.numerical_gradient(" in _source(cell))
    assert position < first_use
    assert len(_source(cell).splitlines()) <= 7  # the signature, a docstring and about four lines


@pytest.mark.parametrize("shape", [(1, 1), (1, 3), (2, 3)])
def test_the_open_central_difference_gives_gdlibs_numbers(shape):
    _, _, partial_derivative = _open_helper()
    rng = np.random.default_rng(3)
    weights, x = rng.normal(size=shape), rng.normal(size=shape)
    before = x.copy()

    def f(z):
        return float(np.sum(weights * np.exp(z)) + np.sum(z) ** 2)

    for eps in (1e-6, 1e-3):
        expected = gdlib.numerical_gradient(f, x, eps)
        for index in np.ndindex(shape):
            assert partial_derivative(f, x, index, eps) == pytest.approx(expected[index], rel=1e-12)
    np.testing.assert_array_equal(x, before)  # the caller's x is left as it was


def test_the_step_7_comparison_prints_two_equal_slopes():
    printed = _printed("by_hand = partial_derivative(")
    slopes = re.findall(r"gives (-?\d+\.\d+)", printed)
    assert len(slopes) == 2 and slopes[0] == slopes[1], printed
    # At the notebook's start r = [-8.5, 1, 3, -3, -3] and column 3 of X is [3, -1, 1, 3, 1]:
    # dJ/dbeta_3 = -(2/5) * (-25.5 - 1 + 3 - 9 - 3) = -(2/5) * (-35.5) = 14.2.
    assert float(slopes[0]) == pytest.approx(14.2, abs=1e-6)


def test_the_lessons_cells_never_call_the_learners_functions():
    """The learner's numerical_gradient and mse_gradients live in the notebook's namespace; the
    lesson's own cells call gdlib's, so a half-written answer cannot break them."""
    bare_call = re.compile(r"(?<![\w.])(numerical_gradient|mse_gradients)\(")
    for cell in _cells():
        if cell["cell_type"] == "code":
            calls = [line for line in _source(cell).splitlines()
                     if bare_call.search(line) and not line.startswith("def ")]
            assert not calls, calls


def test_central_differences_err_like_h_squared():
    # f = exp at 0.3: the error of the central difference is about h**2 * f'''(0.3) / 6.
    x = np.array([[0.3]])
    errors = [abs(gdlib.numerical_gradient(lambda z: float(np.exp(z[0, 0])), x, h)[0, 0] - np.exp(0.3))
              for h in (1e-2, 1e-3)]
    assert errors[0] / errors[1] == pytest.approx(100, rel=0.05)


# --- the opening picture ------------------------------------------------------------------------


def test_the_picture_says_what_its_numbers_are(lesson):
    # Targets 2, 1, 4, 5, 0 (mean 2.4), alpha = 0.5, eta = 0.25.
    # Residuals 1.5, 0.5, 3.5, 4.5, -0.5 (sum 9.5): slope -(2/5) * 9.5 = -3.8.
    # J(0.5) = (2.25 + 0.25 + 12.25 + 20.25 + 0.25) / 5 = 7.05; the step 0.5 + 0.25 * 3.8 = 1.45;
    # J(1.45) = (0.3025 + 0.2025 + 6.5025 + 12.6025 + 2.1025) / 5 = 4.3425.
    targets = lesson["targets"]
    assert constant_model_slope(targets, 0.5) == pytest.approx(-3.8)
    assert constant_model_cost(targets, 0.5) == pytest.approx(7.05)
    assert constant_model_cost(targets, 1.45) == pytest.approx(4.3425)
    assert np.mean(targets) == pytest.approx(2.4)
    assert constant_model_slope(targets, 2.4) == pytest.approx(0.0, abs=1e-12)
    prose = _prose()
    for phrase in ("$y = 2, 1, 4, 5, 0$", r"$\alpha = 0.5$", r"$\eta = 0.25$", "slope $-3.8$ is negative",
                   r"$0.5 - 0.25 \cdot (-3.8) = 1.45$", "from 7.05 to 4.34", "the mean of the targets 2.4"):
        assert phrase in prose, phrase


def test_the_pictures_targets_are_the_examples_and_the_picture_comes_before_any_matrix(lesson):
    np.testing.assert_array_equal(lesson["targets"], lesson["Y"][:, 0])
    cells = _cells()
    picture = next(i for i, cell in enumerate(cells) if "one_step_downhill_figure(" in _source(cell))
    first_matrix = next(i for i, cell in enumerate(cells) if "## Steps 1–4" in _source(cell))
    assert picture < first_matrix
    assert "image/png" in "".join("".join(output.get("data", {})) for output in cells[picture]["outputs"])


def test_the_picture_draws_the_parabola_its_tangent_the_step_and_the_lowest_point():
    targets = np.array([3.0, -1.0, 2.0, 0.5])  # mean 1.125
    figure = one_step_downhill_figure(targets, alpha=-0.5, learning_rate=0.2)
    (ax,) = figure.axes
    curve, tangent, here, after, lowest = ax.lines[:5]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert len(ax.get_legend().get_texts()) == 4

    alphas, costs = curve.get_data()
    np.testing.assert_allclose(costs, [np.mean((targets - a) ** 2) for a in alphas], rtol=1e-12)
    # The slope at -0.5 written out: -(2/4) * sum(targets + 0.5) = -(1/2) * 6.5 = -3.25.
    x, y = tangent.get_data()
    assert (y[1] - y[0]) / (x[1] - x[0]) == pytest.approx(-3.25)
    assert here.get_data()[0][0] == pytest.approx(-0.5)
    assert after.get_data()[0][0] == pytest.approx(-0.5 + 0.2 * 3.25)  # the step goes downhill
    assert after.get_data()[1][0] < here.get_data()[1][0]
    assert lowest.get_data()[0][0] == pytest.approx(1.125)
    assert alphas[0] < -0.5 and 1.125 < alphas[-1]
    assert figure_png(figure).startswith(b"\x89PNG")  # draws without a warning


def test_the_picture_refuses_what_it_cannot_draw():
    with pytest.raises(ValueError, match="targets"):
        one_step_downhill_figure([], alpha=0.0, learning_rate=0.1)
    with pytest.raises(ValueError, match="learning_rate"):
        one_step_downhill_figure([1.0, 2.0], alpha=0.0, learning_rate=-0.1)


# --- the guards of the derivation (once asserts in the notebook's cells) -------------------------


def test_steps_1_to_5_build_the_shapes_they_state(lesson):
    X, Y, alpha, beta, Y_hat = (lesson[name] for name in ("X", "Y", "alpha", "beta", "Y_hat"))
    assert X.shape == (5, 3) and (lesson["m"], lesson["n"]) == (5, 3)
    assert Y.shape == (5, 1) and alpha.shape == (1, 1) and beta.shape == (1, 3)
    assert Y_hat.shape == (5, 1)
    by_example = [alpha[0, 0] + sum(beta[0, j] * X[i, j] for j in range(3)) for i in range(5)]
    np.testing.assert_allclose(Y_hat[:, 0], by_example, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(Y_hat, gdlib.predict(X, alpha, beta))  # "gives the same numbers"
    assert "X @ beta fails: (5, 3) @ (1, 3)" in _printed("X @ beta")


def test_the_example_has_m_n_and_1_all_different(lesson):
    m, n = lesson["m"], lesson["n"]
    assert len({m, n, 1}) == 3
    assert "$m = 5$ examples and $n = 3$ features" in _prose()


def test_the_cost_is_one_number_and_gdlibs(lesson):
    assert np.ndim(lesson["J"]) == 0
    assert lesson["J"] == pytest.approx(gdlib.mse_cost(lesson["X"], lesson["Y"], lesson["alpha"], lesson["beta"]))


def test_the_measured_gradients_have_their_parameters_shapes_and_one_step_lowers_J(lesson):
    assert lesson["measured_d_alpha"].shape == (1, 1) and lesson["measured_d_beta"].shape == (1, 3)
    assert lesson["alpha_next"].shape == (1, 1) and lesson["beta_next"].shape == (1, 3)
    assert lesson["cost_at"](lesson["alpha_next"], lesson["beta_next"]) < lesson["J"]


def test_step_8_the_measured_slope_along_the_bias_is_4_2_and_descent_lowers_alpha(lesson):
    assert lesson["measured_d_alpha"][0, 0] == pytest.approx(4.2, abs=1e-7)
    assert lesson["alpha_new"][0, 0] < lesson["alpha"][0, 0]
    assert "Measured, it is 4.2: positive, so the rule will lower $\\alpha$" in _prose()


def test_steps_9_and_10_the_residuals_and_the_cost_written_with_them(lesson):
    residuals, m = lesson["residuals"], lesson["m"]
    assert residuals.shape == (m, 1)
    np.testing.assert_array_equal(residuals, lesson["Y"] - lesson["Y_hat"])
    assert (residuals.T @ residuals).shape == (1, 1)
    assert (residuals.T @ residuals)[0, 0] / m == pytest.approx(lesson["J"], rel=1e-14)


def test_steps_11_to_14_the_chain_rule_for_the_bias(lesson):
    m, residuals = lesson["m"], lesson["residuals"]
    dJ_dR, dR_dalpha, d_alpha = lesson["dJ_dR"], lesson["dR_dalpha"], lesson["d_alpha"]
    assert dJ_dR.shape == dR_dalpha.shape == (m, 1) and d_alpha.shape == (1, 1)
    # The factors measured by finite differences, as the old notebook did before deriving them.
    measured_dJ_dR = gdlib.numerical_gradient(lambda r: np.mean(r**2), residuals)
    np.testing.assert_allclose(dJ_dR, measured_dJ_dR, rtol=0, atol=1e-6)
    step = 1e-6
    alpha, beta = lesson["alpha"], lesson["beta"]
    measured_dR_dalpha = -(gdlib.predict(lesson["X"], alpha + step, beta)
                           - gdlib.predict(lesson["X"], alpha - step, beta)) / (2 * step)
    np.testing.assert_allclose(dR_dalpha, measured_dR_dalpha, rtol=0, atol=1e-6)
    assert np.sum(dJ_dR * dR_dalpha) == pytest.approx(d_alpha[0, 0], rel=1e-14)
    assert d_alpha[0, 0] == pytest.approx(lesson["measured_d_alpha"][0, 0], abs=1e-7)
    # "The residuals add up to -10.5, and -(2/5)(-10.5) = 4.2".
    assert np.sum(residuals) == pytest.approx(-10.5) and d_alpha[0, 0] == pytest.approx(4.2)
    assert "The residuals add up to $-10.5$" in _prose()
    assert "finite differences                 4.2000000" in _printed("dR_dalpha = ")


def test_steps_15_to_17_the_chain_rule_for_the_weights(lesson):
    X, m, n, d_beta = lesson["X"], lesson["m"], lesson["n"], lesson["d_beta"]
    alpha, beta, Y = lesson["alpha"], lesson["beta"], lesson["Y"]
    # How each residual responds to each weight, measured: the (m, n) table -X of step 16.
    measured_dR_dbeta = np.vstack([
        gdlib.numerical_gradient(lambda b, i=i: (Y - gdlib.predict(X, alpha, b))[i, 0], beta) for i in range(m)
    ])
    assert measured_dR_dbeta.shape == (m, n)
    np.testing.assert_allclose(measured_dR_dbeta, -X, rtol=0, atol=1e-6)
    routes = lesson["dJ_dR"] * measured_dR_dbeta
    np.testing.assert_allclose(routes.sum(axis=0, keepdims=True), lesson["measured_d_beta"], rtol=0, atol=1e-6)
    assert lesson["residuals"].T.shape == (1, m) and d_beta.shape == (1, n)
    by_weight = [-(2 / m) * sum(lesson["residuals"][i, 0] * X[i, j] for i in range(m)) for j in range(n)]
    np.testing.assert_allclose(d_beta[0], by_weight, rtol=1e-14)
    np.testing.assert_allclose(d_beta, lesson["measured_d_beta"], rtol=0, atol=1e-6)
    # "X.T @ residuals gives the same numbers as a column (n, 1)".
    column = X.T @ lesson["residuals"]
    assert column.shape == (n, 1)
    np.testing.assert_allclose(-(2 / m) * column.T, d_beta, rtol=1e-14)
    assert "R @ X fails: (5, 1) @ (5, 3)" in _printed("residuals @ X")


def test_steps_18_and_19_take_gdlibs_step_and_the_measured_steps_cost(lesson):
    alpha_new, beta_new, one_step = lesson["alpha_new"], lesson["beta_new"], lesson["one_step"]
    assert alpha_new.shape == (1, 1) and beta_new.shape == (1, 3)
    lr = lesson["learning_rate"]
    np.testing.assert_allclose(alpha_new, lesson["alpha"] - lr * lesson["d_alpha"], rtol=1e-14)
    np.testing.assert_allclose(beta_new, lesson["beta"] - lr * lesson["d_beta"], rtol=1e-14)
    np.testing.assert_allclose(one_step.alpha, alpha_new, rtol=1e-14)
    np.testing.assert_allclose(one_step.beta, beta_new, rtol=1e-14)
    cost_at = lesson["cost_at"]
    after = cost_at(alpha_new, beta_new)
    assert after < lesson["J"]
    # "the J of the measured step": equal to the printed four decimals (and much closer).
    assert after == pytest.approx(cost_at(lesson["alpha_next"], lesson["beta_next"]), abs=1e-8)
    # "the bias goes up when the model predicts too little on average": here the mean residual is
    # negative (too much on average), so the bias goes down.
    assert np.sum(lesson["residuals"]) < 0 and alpha_new[0, 0] < lesson["alpha"][0, 0]


def test_the_three_references_agree_and_finite_differences_within_1e_7(lesson):
    d_alpha, d_beta = lesson["d_alpha"], lesson["d_beta"]
    sums_alpha, sums_beta = lesson["sums"]
    assert sums_alpha == pytest.approx(d_alpha[0, 0], abs=1e-12)
    np.testing.assert_allclose(sums_beta, d_beta[0], rtol=0, atol=1e-12)
    library_alpha, library_beta = gdlib.mse_gradients(lesson["X"], lesson["Y"], lesson["alpha"], lesson["beta"])
    assert np.abs(library_alpha - d_alpha).max() <= 1e-12 and np.abs(library_beta - d_beta).max() <= 1e-12
    assert library_alpha.shape == (1, 1) and library_beta.shape == (1, 3)
    largest = max(np.abs(lesson["measured_d_alpha"] - d_alpha).max(), np.abs(lesson["measured_d_beta"] - d_beta).max())
    assert 0 < largest < 1e-7
    assert "differ from the formulas by less than $10^{-7}$" in _prose()
    assert "$2h = 2 \\times 10^{-6}$" in _prose()  # the step gdlib.numerical_gradient takes by default
    printed = _printed("rows = {")
    assert printed.count("dJ/dalpha 4.2000, dJ/dbeta [15.8000 -2.8000 14.2000]") == 4, printed


def test_the_formulas_agree_with_finite_differences_and_gdlib_at_random_points():
    """One point could be a lucky coincidence: steps 14 and 17 as written, at five random points."""
    rng = np.random.default_rng(11)
    X, Y = rng.normal(size=(5, 3)), rng.normal(size=(5, 1))
    for _ in range(5):
        alpha, beta = rng.normal(size=(1, 1)), rng.normal(size=(1, 3))
        residuals = Y - (alpha + X @ beta.T)
        formula = (-(2 / 5) * np.sum(residuals, axis=0, keepdims=True), -(2 / 5) * residuals.T @ X)
        measured = (gdlib.numerical_gradient(lambda a, b=beta: gdlib.mse_cost(X, Y, a, b), alpha),
                    gdlib.numerical_gradient(lambda b, a=alpha: gdlib.mse_cost(X, Y, a, b), beta))
        library = gdlib.mse_gradients(X, Y, alpha, beta)
        for derived, numerical, from_library in zip(formula, measured, library, strict=True):
            assert np.abs(derived - numerical).max() <= 1e-7
            assert np.abs(derived - from_library).max() <= 1e-12


def test_the_flat_target_broadcasts_into_m_by_m_and_gdlib_takes_it_as_a_column(lesson):
    m, n, X, Y, Y_hat = lesson["m"], lesson["n"], lesson["X"], lesson["Y"], lesson["Y_hat"]
    wrong = lesson["wrong"]
    assert lesson["Y_flat"].shape == (m,) and wrong.shape == (m, m) == (5, 5)
    # Entry (i, k) is y_k - y_hat_i.
    np.testing.assert_array_equal(wrong, Y[:, 0][np.newaxis, :] - Y_hat)
    assert wrong.size == 25 and "$m^2 = 25$ mismatched pairs instead of 5" in _prose()
    assert np.mean(wrong**2) != pytest.approx(lesson["J"])
    assert (-(2 / m) * wrong.T @ X).shape == (m, n)  # "the beta gradient would come out (m, n)"
    alpha, beta = lesson["alpha"], lesson["beta"]
    assert gdlib.mse_cost(X, lesson["Y_flat"], alpha, beta) == gdlib.mse_cost(X, Y, alpha, beta)
    printed = _printed("Y_flat = Y.ravel()")
    assert "Y_flat (5,) - Y_hat (5, 1) -> (5, 5)" in printed and "J = 24.4500" in printed


@pytest.mark.parametrize(("label", "arguments", "names"), [
    ("Y as a row", lambda X, Y, a, b: (X, Y.T, a, b), ["Y", "(1, 5)"]),
    ("Y with a row missing", lambda X, Y, a, b: (X, Y[:-1], a, b), ["Y", "5 rows, got 4"]),
    ("beta as a column", lambda X, Y, a, b: (X, Y, a, b.T), ["beta", "(3, 1)"]),
])
def test_gdlib_refuses_a_wrong_shape_and_says_what_it_expected(lesson, label, arguments, names):
    with pytest.raises(ValueError) as refused:
        gdlib.mse_gradients(*arguments(lesson["X"], lesson["Y"], lesson["alpha"], lesson["beta"]))
    for name in names:
        assert name in str(refused.value), (label, str(refused.value))
    assert "expected" in str(refused.value) or "must have" in str(refused.value)


def test_the_summary_tables_shapes_are_the_lessons(lesson):
    m, n = lesson["m"], lesson["n"]
    expected = {"X": (m, n), "Y": (m, 1), "alpha": (1, 1), "beta": (1, n), "Y_hat": (m, 1),
                "residuals": (m, 1), "dJ_dR": (m, 1), "dR_dalpha": (m, 1), "d_alpha": (1, 1),
                "d_beta": (1, n), "alpha_new": (1, 1), "beta_new": (1, n)}
    for name, shape in expected.items():
        assert lesson[name].shape == shape, name
    assert (-lesson["X"]).shape == (m, n)  # dR/dbeta = -X


def test_the_derivation_keeps_its_19_numbered_steps():
    prose = "\n".join(_source(cell) for cell in _cells() if cell["cell_type"] == "markdown")
    numbered = set()
    for number in range(1, 20):
        if re.search(rf"(^|\n)\s*{number}\. \*\*", prose) or re.search(rf"## Step {number} ", prose):
            numbered.add(number)
    for first, last in re.findall(r"## Steps (\d+)–(\d+)", prose):
        assert all(re.search(rf"(^|\n)\s*{k}\. ", prose) for k in range(int(first), int(last) + 1))
        numbered |= set(range(int(first), int(last) + 1))
    assert numbered == set(range(1, 20))


def test_the_notation_the_residual_is_r_and_the_step_is_h():
    prose = _prose()
    assert "r_i = y_i - \\hat y_i" in prose and "R = Y - \\hat Y" in prose
    assert not re.search(r"\bu_i\b|\$u\$|u\^\\top", prose)
    assert "\\varepsilon" not in prose and "ε" not in prose
    assert "the step $h$ is `eps` in code" in prose
    code = "\n".join(_source(cell) for cell in _cells() if cell["cell_type"] == "code")
    assert "errors" not in code


def test_the_next_line_names_notebook_02():
    assert _source(_cells()[-1]).startswith("Next: `02_worked_example.ipynb`")
