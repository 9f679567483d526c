"""Notebook 05's coding exercise: the least-squares slopes of many simulated data sets at once.

check_least_squares_slopes(fn) runs the learner's least_squares_slopes(x, Y_sim) on held-out cases,
compares it with gdlib.robust.fit_lines(x, Y_sim, mse) and names the classic mistake its outputs
match (x not centred, the wrong denominator, m − 1 against m, y regressed on x the wrong way, ...).

The slope of each data set (each row of Y_sim) is a weighted sum of its y values,
beta = Σ wᵢ yᵢ with wᵢ = (xᵢ − x̄) / Σⱼ (xⱼ − x̄)², so all of them are one product Y_sim @ w.
"""

from __future__ import annotations

import numpy as np

from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function
from gdlib.losses import mse
from gdlib.robust import fit_lines

_FORMULA = "β = Σᵢ wᵢ yᵢ with wᵢ = (xᵢ − x̄) / Σⱼ (xⱼ − x̄)²"


def least_squares_slopes(x, Y_sim):
    """The slope of the least-squares line of each simulated data set (the reference).

    x: (m,) the feature values shared by every data set; Y_sim: (trials, m), one data set per row.
    Returns slopes (trials,): gdlib.robust.fit_lines(x, Y_sim, mse)'s beta.
    """
    return fit_lines(x, Y_sim, mse)[1]


def _centred(x):
    return x - x.mean()


def _scaled(factor):
    """The right slopes times factor(m): a mutant with the wrong normalisation."""
    def gives(x, Y_sim):
        return least_squares_slopes(x, Y_sim) * factor(x.size)
    return gives


def _x_on_y(x, Y_sim):
    """Each row's slope of x regressed on y: Σ (x − x̄)(y − ȳ) / Σ (y − ȳ)²."""
    Y_centred = Y_sim - Y_sim.mean(axis=1, keepdims=True)
    return Y_centred @ _centred(x) / np.sum(Y_centred**2, axis=1)


def _intercepts(x, Y_sim):
    """Each row's intercept ȳ − β x̄ instead of its slope."""
    return Y_sim.mean(axis=1) - least_squares_slopes(x, Y_sim) * x.mean()


def _square(x, Y_sim) -> bool:
    return Y_sim.shape[0] == Y_sim.shape[1]


def _columns(x, Y_sim):
    """The weights applied down the columns, Y_simᵀ @ w: only possible (and only recognised)
    when Y_sim is square; NaN elsewhere."""
    if not _square(x, Y_sim):
        return np.full(Y_sim.shape[0], np.nan)
    return Y_sim.T @ _centred(x) / (_centred(x) @ _centred(x))


MISTAKES = (
    Mistake("x is not centred: Σ xᵢyᵢ / Σ xᵢ² is the slope of a line forced through the origin",
            f"the x̄ in {_FORMULA}", lambda x, Y_sim: Y_sim @ x / (x @ x)),
    Mistake("the numerator is centred but the denominator is Σ xᵢ², not Σ (xᵢ − x̄)²",
            f"the denominator of {_FORMULA}", lambda x, Y_sim: Y_sim @ _centred(x) / (x @ x)),
    Mistake("the denominator is m, not Σ (xⱼ − x̄)²", f"the denominator of {_FORMULA}",
            lambda x, Y_sim: Y_sim @ _centred(x) / x.size),
    Mistake("the denominator is the square root of Σ (xⱼ − x̄)² (a standard deviation where the "
            "variance belongs)", f"the denominator of {_FORMULA}",
            lambda x, Y_sim: Y_sim @ _centred(x) / np.sqrt(_centred(x) @ _centred(x))),
    Mistake("the slopes are m / (m − 1) times too large: a covariance that divides by m − 1 (np.cov) over "
            "a variance that divides by m (np.var)", f"{_FORMULA}: the same sums above and below, "
            "no m at all", _scaled(lambda m: m / (m - 1))),
    Mistake("the slopes are (m − 1) / m of the right ones: a covariance that divides by m over a "
            "variance that divides by m − 1", f"{_FORMULA}: the same sums above and below, no m at all",
            _scaled(lambda m: (m - 1) / m)),
    Mistake("the sign is flipped", f"the order in xᵢ − x̄ in {_FORMULA}", _scaled(lambda m: -1.0)),
    Mistake("this is x regressed on y: the denominator is Σ (yᵢ − ȳ)², not Σ (xᵢ − x̄)²",
            f"the denominator of {_FORMULA}: it holds x only", _x_on_y),
    Mistake("these are the intercepts ȳ − β x̄, not the slopes β", _FORMULA, _intercepts),
    Mistake("the data sets are read as columns: one data set is a row of Y_sim (trials, m), so its "
            "y values run along axis 1", f"{_FORMULA}: Y_sim @ w sums each row",
            _columns, where=_square),
)


def least_squares_slopes_cases(seed: int = 5) -> list[Case]:
    """The held-out cases (x (m,), Y_sim (trials, m)): m = 2 with one data set, the lesson's eleven
    x values with Student t data, a square Y_sim, values far from 1, and x̄ never 0.

    In order, with Y_sim drawn from default_rng(seed):
    x = (1.5, 4), Y_sim (1, 2) normal with mean 3 and sd 2;
    x = 0, 1, ..., 10, Y_sim (6, 11) = 1 + 0.5 x + Student t noise with 2 degrees of freedom;
    x = (50, 51.5, 53, 57), Y_sim (4, 4) = 0.01 × standard normal − 0.03;
    x = (−3, 0.5, 2, 7, 11, 12.5), Y_sim (3, 6) = 1000 × standard normal + 200;
    x = (0.2, 0.9, 1.1, 2.4, 3.3, 3.8, 5), Y_sim (1, 7) normal with mean −4 and sd 1.5.
    """
    rng = np.random.default_rng(seed)
    lesson_x = np.arange(11.0)
    designs = [
        (np.array([1.5, 4.0]), rng.normal(3.0, 2.0, size=(1, 2))),
        (lesson_x, 1.0 + 0.5 * lesson_x + rng.standard_t(2.0, size=(6, 11))),
        (np.array([50.0, 51.5, 53.0, 57.0]), 0.01 * rng.normal(size=(4, 4)) - 0.03),
        (np.array([-3.0, 0.5, 2.0, 7.0, 11.0, 12.5]), 1000.0 * rng.normal(size=(3, 6)) + 200.0),
        (np.array([0.2, 0.9, 1.1, 2.4, 3.3, 3.8, 5.0]), rng.normal(-4.0, 1.5, size=(1, 7))),
    ]
    return [Case((x, Y_sim), ("x", "Y_sim")) for x, Y_sim in designs]


def least_squares_slopes_exercise(seed: int = 5) -> Exercise:
    """The held-out cases, reference and mistakes of the least_squares_slopes exercise."""
    return Exercise(
        title="least_squares_slopes",
        function_name="least_squares_slopes",
        outputs=("slopes",),
        reference=least_squares_slopes,
        cases=least_squares_slopes_cases(seed),
        mistakes=MISTAKES,
    )


def check_least_squares_slopes(function) -> CheckResult:
    """Check a learner's least_squares_slopes(x (m,), Y_sim (trials, m)) -> slopes (trials,).

    Returns a CheckResult that names the mistake (x not centred, a wrong denominator, m − 1
    against m, a flipped sign, x regressed on y, intercepts, rows read as columns, in-place change).
    """
    return check_function(function, least_squares_slopes_exercise())
