"""gdlib.robust: the Monte Carlo's documented defaults and edges, and the Huber fit's pieces,
against numpy, a bisection and hand computations.

Written for the survivors of `make mutants`: nothing compared a default run with one whose
arguments are spelled out, nor used the smallest allowed trials or batch; nothing checked the
exact line search's step against the lowest point along it, the Newton direction against the
damped 2 x 2 system it solves, the Huber lines on hard data against the minimum's conditions
(the pulls balance), or the MAE search across more data sets than one chunk holds.
"""

import warnings

import numpy as np
import pytest
from refusals import refusal

from gdlib import losses, robust

X_VALUES = np.array([0.0, 1.0, 2.0, 4.0])



def test_the_monte_carlo_defaults_are_the_documented_line_and_seed():
    default = robust.slope_monte_carlo(X_VALUES, [np.inf, 2.0], 5, [losses.mse, losses.mae])
    spelled = robust.slope_monte_carlo(X_VALUES, [np.inf, 2.0], 5, [losses.mse, losses.mae], alpha=1.0, beta=0.5,
                                       seed=0)
    np.testing.assert_array_equal(default.slopes, spelled.slopes)
    assert default.beta == 0.5 and default.dfs == (np.inf, 2.0) and default.loss_names == ("mse", "mae")
    np.testing.assert_array_equal(default.x, X_VALUES)


def test_the_monte_carlo_draws_its_noise_as_documented():
    # The noise of each df is rng.standard_t(df, (trials, m)) (standard_normal for inf), one generator, dfs in order.
    rng = np.random.default_rng(3)
    first = 2.0 + 0.25 * X_VALUES + rng.standard_normal((4, 4))
    second = 2.0 + 0.25 * X_VALUES + rng.standard_t(3.0, size=(4, 4))
    run = robust.slope_monte_carlo(X_VALUES, [np.inf, 3.0], 4, [losses.mse], alpha=2.0, beta=0.25, seed=3)
    for d, Y in enumerate((first, second)):
        centred = X_VALUES - X_VALUES.mean()
        expected = [sum(c * (y - row.mean()) for c, y in zip(centred, row, strict=True)) / (centred @ centred)
                    for row in Y]
        np.testing.assert_allclose(run.slopes[d, 0], expected, rtol=1e-12)


def test_two_trials_and_a_batch_of_two_are_enough():
    run = robust.slope_monte_carlo(X_VALUES, [np.inf], 2, [losses.mse])
    assert run.slopes.shape == (1, 1, 2)
    run = robust.slope_monte_carlo(X_VALUES, [np.inf], 6, [losses.mse])
    s = run.slopes[0, 0]
    # batches (s0, s1), (s2, s3), (s4, s5); each std with ddof 1 is |a - b| / sqrt 2; the median of three
    expected = sorted(abs(s[i] - s[i + 1]) / np.sqrt(2) for i in (0, 2, 4))[1]
    assert run.typical_standard_deviation(2)[0, 0] == pytest.approx(expected, rel=1e-12)


def test_the_monte_carlo_refusals_name_their_argument():
    assert refusal(lambda: robust.slope_monte_carlo(X_VALUES, [np.inf], 1, [losses.mse])) == (
        "trials must be at least 2 to measure a spread, got 1."
    )
    assert refusal(lambda: robust.slope_monte_carlo(X_VALUES, [np.inf], -1, [losses.mse])) == (
        "trials must be >= 0, got -1."
    )
    run = robust.slope_monte_carlo(X_VALUES, [np.inf], 4, [losses.mse])
    assert refusal(lambda: run.typical_standard_deviation(-1)) == "batch must be >= 0, got -1."
    assert refusal(lambda: run.typical_standard_deviation(1)) == (
        "batch must be between 2 and the number of trials 4, got 1."
    )
    assert refusal(lambda: run.typical_standard_deviation(5)) == (
        "batch must be between 2 and the number of trials 4, got 5."
    )


def test_gradient_descent_fits_run_the_documented_100_iterations_per_rate():
    X = np.array([[0.0], [1.0], [2.0], [3.0], [5.0]])
    Y = np.array([[1.0], [2.0], [2.5], [4.5], [6.0]])
    default = robust.fit_by_gradient_descent(X, Y, losses.mae)
    spelled = robust.fit_by_gradient_descent(X, Y, losses.mae, learning_rates=robust.DECAYING_LEARNING_RATES,
                                             iterations=100)
    for got, expected in zip(default, spelled, strict=True):
        np.testing.assert_array_equal(got, expected)


def test_gradient_descent_fits_check_y_against_x_before_standardizing():
    constant = np.array([[1.0], [1.0], [1.0]])  # would fail standardizing, but Y is checked first
    assert refusal(lambda: robust.fit_by_gradient_descent(constant, [1.0, 2.0], losses.mse)) == (
        "Y must have one row per example of X: expected 3 rows, got 2 (shape (2, 1)). "
        "If Y is right, X must have 2 rows instead."
    )


def test_the_abscissae_and_the_data_sets_are_named_when_refused():
    assert refusal(lambda: robust.fit_lines([2.0, 2.0, 2.0], [1.0, 2.0, 3.0], losses.mse)) == (
        "x must hold at least two different values to fit a line, got 3 copies of 2."
    )
    assert refusal(lambda: robust.fit_lines(np.zeros((2, 2)), [1.0, 2.0], losses.mse)) == (
        "x must have shape (m, 1) or (m,), got a 2-D array of shape (2, 2)."
    )
    assert refusal(lambda: robust.fit_lines([0.0, 1.0], [[1.0, np.nan]], losses.mse)) == (
        "Y must contain only finite numbers, got 1 NaN or infinite value(s), the first at index (1, 0): nan."
    )
    assert refusal(lambda: robust.fit_lines([0.0, 1.0], [1.0, 2.0, 3.0], losses.mse)) == (
        "Y must have shape (k, m) with m = 2 (one data set per row, one column per x), got a 2-D array of shape "
        "(1, 3)."
    )
    assert refusal(lambda: robust.fit_line([[0.0], [1.0], [2.0]], [[1.0], [2.0]], losses.mse)) == (
        "Y must have one row per example of X: expected 3 rows, got 2 (shape (2, 1)). "
        "If Y is right, X must have 2 rows instead."
    )


# --- the Huber fit's pieces, against hand computations and a bisection ---------------------------


def _clip(value, delta):
    return max(-delta, min(delta, value))


def _best_step(x, e, d_alpha, d_beta, delta):
    """The t >= 0 minimising sum huber(e_i - t s_i), s_i = d_alpha + d_beta x_i, by bisection on its derivative."""
    s = [d_alpha + d_beta * xi for xi in x]

    def derivative(t):
        return -sum(_clip(ei - t * si, delta) * si for ei, si in zip(e, s, strict=True))

    if derivative(0.0) >= 0:
        return 0.0
    low, high = 0.0, 1.0
    while derivative(high) < 0:
        high *= 2.0
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if derivative(middle) < 0 else (low, middle)
    return high


@pytest.mark.parametrize(
    ("x", "e", "d_alpha", "d_beta", "delta"),
    [
        ([0.0, 1.0, 2.0], [1.0, 3.0, 0.0], 1.0, 0.0, 1.0),  # the derivative is exactly 0 at the corner t = 1
        ([0.0, 1.0], [2.0, 3.0], 1.0, 0.0, 1.0),  # every corner is ahead (t = 1, 2, 3, 4): the minimum at 2.5
        ([0.0, 1.0, 2.0, 3.0], [2.0, -1.5, 0.5, 3.0], 0.5, 0.3, 1.0),  # past several corners
        ([0.0, 1.0, 2.0, 3.0, 4.0], [0.3, -0.2, 0.4, 2.5, -0.1], 0.05, 0.1, 0.5),  # corners below t = 1 only matter
        ([-1.0, 0.5, 2.0], [0.5, -0.2, 0.3], -1.0, 0.0, 1.0),  # uphill: the derivative at 0 is 0.6 > 0, so t = 0
        ([-1.0, 0.5, 2.0], [1.0, -0.2, 0.3], -1.0, 0.0, 1.0),  # uphill, and point 0 has its corner at t = 0 itself
    ],
)
def test_the_exact_line_search_finds_the_lowest_point_along_the_step(x, e, d_alpha, d_beta, delta):
    t = robust._exact_line_search(np.array(x), np.array([e]), np.array([d_alpha]), np.array([d_beta]), delta)
    expected = _best_step(x, e, d_alpha, d_beta, delta)
    assert t.shape == (1,)
    assert t[0] == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_the_hand_cases_of_the_line_search():
    assert _best_step([0.0, 1.0, 2.0], [1.0, 3.0, 0.0], 1.0, 0.0, 1.0) == pytest.approx(1.0, rel=1e-15)
    assert _best_step([0.0, 1.0], [2.0, 3.0], 1.0, 0.0, 1.0) == pytest.approx(2.5, rel=1e-15)


def test_a_zero_step_direction_stays_put_without_a_warning():
    # s = 0 everywhere: (e -+ delta) / 0 is +-inf, or 0 / 0 where e = delta exactly
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = robust._exact_line_search(np.array([0.0, 1.0, 2.0]), np.array([[2.0, -2.0, 1.0]]), np.array([0.0]),
                                      np.array([0.0]), 1.0)
    assert t.tolist() == [0.0]


def test_the_newton_direction_solves_the_damped_quadratic_points_system():
    x = np.array([0.0, 1.0, 3.0])
    residual = np.array([[0.5, -2.0, 1.0]])  # quadratic, linear (pull -1), quadratic exactly at |e| = delta
    d_alpha, d_beta = robust._newton_direction(x, residual, 1.0)
    damping = 1e-10 * (3 + 0 + 1 + 9)
    g = [0.5 - 1.0 + 1.0, 0 * 0.5 + 1 * -1.0 + 3 * 1.0]  # the pulls clip(e) summed, and times x
    H = [[2 + damping, 0 + 3], [0 + 3, 0 + 9 + damping]]  # over the points 0 and 2
    expected = np.linalg.solve(H, g)
    assert d_alpha[0] == pytest.approx(expected[0], rel=1e-13)
    assert d_beta[0] == pytest.approx(expected[1], rel=1e-13)
    # no quadratic point: only the damping is left, so the direction is the gradient over it
    d_alpha, d_beta = robust._newton_direction(x, np.array([[5.0, -5.0, 5.0]]), 1.0)
    assert d_alpha[0] == pytest.approx((1.0 - 1.0 + 1.0) / damping, rel=1e-12)
    assert d_beta[0] == pytest.approx((0.0 - 1.0 + 3.0) / damping, rel=1e-12)


#: Data sets on which a Huber fit once went astray: zero step components (a division by zero),
#: mirrored rows (their gradients cancel when summed over rows), a tiny delta, a wide range of x.
HARD_HUBER_DATA = [
    ([-1.0, -1.0, 1.0, -1.0, -1.0], [[53.7, 95.4, 39.2, 83.8, 140.3], [-428.6, -3.4, -94.0, 52.0, -36.9]], 1000.0),
    ([-0.0, -0.7, 0.4, 0.7], [[588.0, 47.0, 15.0, 123.0], [125.0, -48.0, -28.0, -7.0]], 0.5),
    ([-2.0, 1.0, -1.0, 1.0, 0.0, 1.0, -1.0],
     [[-439.0, -16.0, 97.0, -50.0, -33.0, -57.0, 90.0], [-45.0, -45.0, -72.0, -79.0, 34.0, -14.0, 149.0],
      [439.0, 16.0, -97.0, 50.0, 33.0, 57.0, -90.0], [45.0, 45.0, 72.0, 79.0, -34.0, 14.0, -149.0]], 2.0),
    ([128.35, 7.47, -103.23, -132.67, -69.93, 26.03],
     [[-0.41, -12.28, -1.41, 3.52, 1.1, 1.21], [0.81, 1.31, 0.57, -4.17, -1.32, 2.27],
      [-1.31, -0.04, 2.35, 2.97, -3.37, -1.4]], 0.5),
    ([0.02, -1.72, 12.33, -9.91, -1.26, -10.96, 0.87, 1.19],
     [[153.0, 133.0, 71.0, -415.0, -0.0, -84.0, -130.0, 58.0],
      [-11.0, -139.0, -337.0, 186.0, 917.0, 52.0, -38.0, -1.0]], 1e-9),
    ([-1.0, 0.0, 0.0], [[37.17, -291.1, -300.77], [-16.29, -44.14, 96.86]], 1e-9),
    ([6.0, -13.0, -11.0, 8.0], [[0.0, 0.1, -0.0, 0.0], [-0.0, -0.1, 0.0, -0.0]], 1e-9),
    ([-1.0, 2.0, -0.0], [[-23.0, -297.0, -14.0], [307.0, 349.0, -112.0]], 0.001),
]


@pytest.mark.parametrize(("x", "Y", "delta"), HARD_HUBER_DATA)
def test_huber_fits_meet_the_minimum_conditions_on_hard_data(x, Y, delta):
    # At the minimum of sum huber(y - alpha - beta x) the pulls clip(e, -delta, delta) balance:
    # sum clip(e) = 0 and sum clip(e) x = 0 (the gradient), here to 1e-12 of the pulls' size plus
    # the rounding of each residual y - a - b x (about 1e-16 of the size of its terms).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        alpha, beta = robust.fit_lines(x, Y, losses.huber(delta))
    for row, a, b in zip(Y, alpha, beta, strict=True):
        pulls = [_clip(y - a - b * xi, delta) for y, xi in zip(row, x, strict=True)]
        rounding = sum((abs(y) + abs(a) + abs(b * xi)) * (1 + abs(xi)) for y, xi in zip(row, x, strict=True))
        tolerance = 1e-12 * (delta * len(x) * (1 + max(abs(v) for v in x)) + rounding)
        assert abs(sum(pulls)) <= tolerance
        assert abs(sum(p * xi for p, xi in zip(pulls, x, strict=True))) <= tolerance


def test_a_huber_fit_out_of_iterations_says_so():
    x, Y = np.array([0.0, 1.0, 2.0]), np.array([[0.0, 5.0, 1.0]])
    assert refusal(lambda: robust._huber_lines(x, Y, 1.0, max_iterations=0), RuntimeError) == (
        "the Huber fit did not converge in 0 iterations for 1 data set(s); this should not happen, please report "
        "the data."
    )


def test_one_abscissa_is_refused_by_its_value():
    assert refusal(lambda: robust.fit_lines([2.0], [1.0], losses.mse)) == (
        "x must hold at least two different values to fit a line, got 1 copies of 2."
    )


def _mae_line_by_hand(x, y):
    """The first pair (i, j), i < j, of different x whose line has the least sum of absolute residuals."""
    best = None
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            if x[i] == x[j]:
                continue
            slope = (y[j] - y[i]) / (x[j] - x[i])
            intercept = y[i] - slope * x[i]
            total = sum(abs(yk - intercept - slope * xk) for xk, yk in zip(x, y, strict=True))
            if best is None or total < best[0]:
                best = (total, intercept, slope)
    return best[1], best[2]


def test_many_mae_fits_are_searched_in_chunks_that_cover_every_data_set():
    # m = 8: 28 pairs, so 2**20 // (28 * 8) = 4681 data sets per chunk; 4700 need a second chunk
    x = [0.0, 1.0, 2.0, 3.0, 5.0, 6.0, 8.0, 9.0]
    rows = [[1.0, 3.0, 2.0, 5.0, 4.0, 9.0, 7.0, 10.0], [0.0, -1.0, 4.0, 2.0, 2.5, 1.0, -3.0, 6.0]]
    Y = np.array([rows[i % 2] for i in range(4700)])
    alpha, beta = robust.fit_lines(x, Y, losses.mae)
    for i in (0, 1, 4680, 4681, 4698, 4699):
        a, b = _mae_line_by_hand(x, rows[i % 2])
        assert alpha[i] == pytest.approx(a, rel=1e-12, abs=1e-12)
        assert beta[i] == pytest.approx(b, rel=1e-12, abs=1e-12)
