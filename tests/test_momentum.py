"""Notebook 10 (momentum): its machinery (data, the heavy-ball matrix and convergence factor,
figures, slider figure, exercises) and every claim its text makes, computed with gdlib and the
lesson's settings and compared with the numbers the prose states."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from slider_checks import check_slider_figure

import gdlib
from gdlib.exercises.momentum import momentum_step
from gdlib.lessons import momentum as lesson
from gdlib.lessons.minibatch_descent import house_prices
from gdlib.lessons.momentum import (
    convergence_factor,
    heavy_ball_costs,
    heavy_ball_matrix,
    heavy_ball_theory,
    iterations_to_tolerance,
    measured_factors,
    valley_houses,
)
from gdlib.stochastic import minibatch_gradient_descent
from gdlib.widgets.momentum import momentum_explorer

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "10_momentum.ipynb"
TOLERANCE = 1e-6


def _run(X, Y, learning_rate, iterations, momentum):
    return minibatch_gradient_descent(X, Y, learning_rate, iterations, X.shape[0],
                                      rng=np.random.default_rng(0), momentum=momentum)


@pytest.fixture(scope="module")
def valley():
    X_raw, Y = valley_houses()
    X = X_raw - X_raw.mean(axis=0)
    eigenvalues, eigenvectors = np.linalg.eigh(gdlib.mse_hessian(X))
    alpha_star, beta_star = gdlib.least_squares(X, Y)
    return {"X": X, "Y": Y, "eigenvalues": eigenvalues, "eigenvectors": eigenvectors,
            "theta_star": np.hstack([alpha_star, beta_star]), "beta_star": beta_star,
            "J_star": gdlib.mse_cost(X, Y, alpha_star, beta_star), "theory": heavy_ball_theory(X)}


@pytest.fixture(scope="module")
def picture_runs(valley):
    theory = valley["theory"]
    plain = _run(valley["X"], valley["Y"], theory["gd_learning_rate"], 600, 0.0)
    heavy = _run(valley["X"], valley["Y"], theory["momentum_learning_rate"], 600, theory["momentum"])
    return plain, heavy


def _components(run, valley):
    theta = np.column_stack([run.alphas, run.betas])
    return (theta - valley["theta_star"]) @ valley["eigenvectors"]


def _factors(run, valley, start=10, stop=50):
    components = _components(run, valley)
    return (np.abs(components[stop]) / np.abs(components[start])) ** (1 / (stop - start))


# --- the machinery ---------------------------------------------------------------------------


def test_iterations_to_tolerance_counts_from_where_the_run_stays_below():
    costs = [11.0, 6.0, 1.0005, 1.2, 1.0004, 1.00001]  # J* = 1, start excess 10; tolerance 1e-3 -> 0.01
    assert iterations_to_tolerance(costs, 1.0, 1e-3) == 2 + 2
    assert iterations_to_tolerance(costs, 1.0, 1e-9) is None
    assert iterations_to_tolerance([3.0, 1.0], 1.0, 0.5) == 1


def test_heavy_ball_costs_match_the_library_run(valley):
    grid = heavy_ball_costs(valley["X"], valley["Y"], [0.005, 0.012], [0.0, 0.5], 50)
    assert grid.shape == (2, 2, 51)
    for i, rate in enumerate((0.005, 0.012)):
        for j, momentum in enumerate((0.0, 0.5)):
            np.testing.assert_allclose(grid[i, j], _run(valley["X"], valley["Y"], rate, 50, momentum).costs,
                                       rtol=1e-10)


def test_heavy_ball_matrix_and_convergence_factor_by_hand():
    M = heavy_ball_matrix(0.1, 0.5, 4.0)
    np.testing.assert_array_equal(M, [[1 + 0.5 - 0.4, -0.5], [1.0, 0.0]])
    assert heavy_ball_matrix(np.ones((3, 1)), np.ones((1, 4)) * 0.5, 2.0).shape == (3, 4, 2, 2)
    # z^2 - 1.1 z + 0.5: complex roots of modulus sqrt(0.5)
    assert convergence_factor(0.1, 0.5, [4.0]) == pytest.approx(math.sqrt(0.5))
    # mu = 0: the step factor |1 - eta lam|, worst over the eigenvalues (|1 - 0.1| against |1 - 1.5|)
    assert convergence_factor(0.1, 0.0, [1.0, 15.0]) == pytest.approx(0.9)
    grid = convergence_factor(np.array([[0.1], [0.2]]), np.array([[0.0, 0.5]]), [1.0, 15.0])
    assert grid.shape == (2, 2) and grid[0, 0] == pytest.approx(0.9) and grid[1, 0] == pytest.approx(2.0)


def test_heavy_ball_theory_on_a_bowl_with_known_eigenvalues():
    # Centred features with covariance diag(4, 1/4) (exactly, by construction): H = 2 diag(1, 4, 1/4).
    X = np.array([[2.0, 0.5], [-2.0, 0.5], [2.0, -0.5], [-2.0, -0.5]])
    theory = heavy_ball_theory(X)
    low, high = 0.5, 8.0
    assert theory["condition"] == pytest.approx(16.0)
    assert theory["gd_learning_rate"] == pytest.approx(2 / (low + high))
    assert theory["gd_q"] == pytest.approx(15 / 17)
    assert theory["momentum"] == pytest.approx(((4 - 1) / (4 + 1)) ** 2)
    assert theory["momentum_q"] == pytest.approx(3 / 5)
    assert theory["momentum_learning_rate"] == pytest.approx(4 / (math.sqrt(high) + math.sqrt(low)) ** 2)


def test_measured_factors_of_a_grid():
    # A run that reaches tolerance 1e-6 of its start after k = 3 updates showed 1e-6^(1/6) = 0.1.
    costs = np.array([[[2.0, 1.1, 1.01, 1.000001, 1.0], [2.0, 1.5, 1.4, 1.3, 1.2]],
                      [[2.0, 50.0, np.inf, np.inf, np.inf], [2.0, 1.0, 1.0, 1.0, 1.0]]])
    factors = measured_factors(costs, 1.0, 1e-6)
    assert factors[0, 0] == pytest.approx(0.1)
    assert factors[0, 1] == 1.0 and np.isnan(factors[1, 0])
    assert factors[1, 1] == pytest.approx(1e-6 ** (1 / 2))


def _independent_optimum(X, Y):
    """alpha*, beta* (2,) and J* by numpy.linalg.lstsq on [1 | X]."""
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    theta = np.linalg.lstsq(A, Y[:, 0], rcond=None)[0]
    return theta[0], theta[1:], float(np.mean((Y[:, 0] - A @ theta) ** 2))


def test_the_valley_figure_shows_the_paths_the_costs_and_level_sets_of_the_cost(valley):
    from gdlib.plots.momentum import valley_figure

    X, Y = valley["X"], valley["Y"]
    run = _run(X, Y, 0.01, 30, 0.0)
    heavy = _run(X, Y, 0.01, 80, 0.5)
    alpha_star, beta_star, J_star = _independent_optimum(X, Y)
    figure = valley_figure(X, Y, {"gd": run, "heavy": heavy}, feature_names=("a", "b"), tolerance=1e-6,
                           shown_iterations=60)
    ax_paths, ax_costs = figure.axes
    lines = {line.get_label(): line for line in ax_paths.lines}
    assert list(lines) == ["minimum", "gd", "heavy"]
    assert lines["minimum"].get_marker() == "*"
    np.testing.assert_allclose(np.ravel(lines["minimum"].get_data()), beta_star, rtol=1e-9)
    np.testing.assert_array_equal(np.column_stack(lines["gd"].get_data()), run.betas)  # 31 points: all
    np.testing.assert_array_equal(np.column_stack(lines["heavy"].get_data()), heavy.betas[:61])  # the first 60 updates
    assert "a" in ax_paths.get_xlabel() and "b" in ax_paths.get_ylabel() and "60" in ax_paths.get_title()
    # 14 contours with excess costs J - J* in geometric steps over four decades, each a level set of
    # J(alpha*, beta) (to the linear interpolation of a 160 x 160 grid: checked where an ellipse spans many cells)
    (contours,) = [c for c in ax_paths.collections if hasattr(c, "levels")]
    excess_levels = np.asarray(contours.levels) - J_star
    np.testing.assert_allclose(np.diff(np.log10(excess_levels)), 4 / 13, rtol=1e-6)
    for excess_level, path in zip(excess_levels, contours.get_paths(), strict=True):
        if len(path.vertices) >= 100:
            costs = np.mean((Y[:, 0, None] - alpha_star - X @ path.vertices.T) ** 2, axis=0)
            np.testing.assert_allclose(costs - J_star, excess_level, rtol=1e-2)
    costs = {line.get_label(): line for line in ax_costs.lines}
    assert list(costs) == ["tolerance 1e-06", "gd", "heavy"]
    assert list(costs["tolerance 1e-06"].get_ydata()) == [1e-6, 1e-6]
    for label, result in (("gd", run), ("heavy", heavy)):
        relative = [(cost - J_star) / (result.costs[0] - J_star) for cost in result.costs]
        np.testing.assert_array_equal(costs[label].get_xdata(), range(len(relative)))
        np.testing.assert_allclose(costs[label].get_ydata(), relative, rtol=1e-6, atol=1e-12)
        assert costs[label].get_color() == lines[label].get_color()
    assert ax_costs.get_yscale() == "log" and ax_costs.get_ylim() == pytest.approx((1e-8, 2.0))
    with pytest.raises(ValueError, match="two centred features"):
        valley_figure(X + 1.0, Y, {"gd": run}, feature_names=("a", "b"), tolerance=1e-6)


def test_the_convergence_map_shows_q_below_1_the_stability_boundary_and_the_best_settings(valley):
    from gdlib.plots.momentum import convergence_map_figure

    rates, momenta = np.linspace(0.001, 0.03, 7), np.linspace(0, 0.9, 5)
    q = convergence_factor(rates[:, None], momenta[None, :], valley["eigenvalues"])
    assert (q >= 1).any() and (q < 1).any()  # both kinds of cell are drawn
    largest = valley["eigenvalues"][-1]
    figure = convergence_map_figure(rates, momenta, q, largest_eigenvalue=largest, best=(0.02, 0.6),
                                    plain_best=0.014)
    ax = figure.axes[0]
    (mesh,) = [c for c in ax.collections if type(c).__name__ == "QuadMesh"]
    shown = np.ma.masked_invalid(mesh.get_array()).reshape(len(momenta), len(rates))  # rows: momenta
    for i, rate in enumerate(rates):
        for j, momentum in enumerate(momenta):
            if q[i, j] < 1:
                assert shown[j, i] == q[i, j], (rate, momentum)
            else:
                assert np.ma.is_masked(shown[j, i]), (rate, momentum)  # grey: no convergence
    boundary, best, plain = ax.lines
    eta, mu = boundary.get_data()
    np.testing.assert_allclose(eta, 2 * (1 + mu) / largest, rtol=1e-12)  # eta = 2 (1 + mu) / lambda_max
    assert mu[0] == momenta[0] and mu[-1] == momenta[-1] and boundary.get_linestyle() == "--"
    assert np.ravel(best.get_data()).tolist() == [0.02, 0.6] and best.get_marker() == "*"
    assert np.ravel(plain.get_data()).tolist() == [0.014, 0.0] and plain.get_marker() == "o"
    assert ax.get_xlim() == pytest.approx((0.001, 0.03)) and ax.get_ylim() == pytest.approx((0.0, 0.9))
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert legend == ["stability boundary η = 2(1 + μ)/λ_max", "best: η* = 0.0200, μ* = 0.60",
                      "best without momentum, η = 0.0140"]


def test_momentum_explorer_at_every_extreme():
    check_slider_figure(momentum_explorer())


def test_momentum_explorer_counts_iterations_and_warns_when_it_blows_up():
    explorer = momentum_explorer()
    title = explorer.figure.texts[0].get_text()  # the suptitle, at the default (best) settings
    assert "tolerance 1e-06 in " in title and "no momentum: not within 100" in title
    explorer.controls["momentum"].value = 0.0
    explorer.controls["learning_rate"].value = 0.05
    assert "blew up" in explorer.figure.texts[0].get_text()
    assert any("blew up" in text.get_text() and text.get_visible() for text in explorer.figure.axes[1].texts)


# --- the claims of the text ------------------------------------------------------------------


def test_the_valley_data(valley):
    X_raw, Y = valley_houses()
    assert X_raw.shape == (200, 2) and Y.shape == (200, 1)
    assert set(np.unique(X_raw[:, 0])) == {1.0, 2.0, 3.0, 4.0, 5.0}  # bedrooms 1 to 5
    assert round(X_raw[:, 1].min()) == 9 and round(X_raw[:, 1].max()) == 50  # "about 9 to 50"
    assert X_raw[:, 1].std() > 5 * X_raw[:, 0].std()  # two very different scales
    np.testing.assert_array_equal(valley_houses()[0], X_raw)  # seeded


def test_centring_makes_alpha_move_on_its_own(valley):
    H = gdlib.mse_hessian(valley["X"])
    assert H[0, 0] == pytest.approx(2.0) and np.abs(H[0, 1:]).max() < 1e-12
    np.testing.assert_allclose(valley["eigenvalues"], [1.7180, 2.0000, 138.4052], atol=5e-5)
    assert round(valley["eigenvalues"][-1] / valley["eigenvalues"][0], 1) == 80.6
    assert valley["theory"]["condition"] == pytest.approx(valley["eigenvalues"][-1] / valley["eigenvalues"][0])
    # the eigenvalue 2 belongs to alpha alone: "the middle direction (the bias alpha)"
    np.testing.assert_allclose(np.abs(valley["eigenvectors"][:, 1]), [1.0, 0.0, 0.0], atol=1e-12)


def test_the_loop_in_the_open_is_gdlibs_heavy_ball(valley):
    X, Y = valley["X"], valley["Y"]
    alpha, beta = np.zeros((1, 1)), np.zeros((1, 2))
    velocity_alpha, velocity_beta = np.zeros((1, 1)), np.zeros((1, 2))
    for _ in range(20):
        d_alpha, d_beta = gdlib.mse_gradients(X, Y, alpha, beta)
        alpha, beta, velocity_alpha, velocity_beta = momentum_step(
            alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, 0.01, 0.6)
    run = _run(X, Y, 0.01, 20, 0.6)
    assert run.iterations_run == 20
    np.testing.assert_allclose(run.alpha, alpha, atol=1e-12)
    np.testing.assert_allclose(run.beta, beta, atol=1e-12)


def test_under_a_constant_gradient_the_velocity_grows_towards_one_over_one_minus_mu_steps():
    alpha, beta = np.zeros((1, 1)), np.zeros((1, 1))
    velocity_alpha, velocity_beta = np.zeros((1, 1)), np.zeros((1, 1))
    g = np.array([[2.0]])
    for _ in range(200):
        alpha, beta, velocity_alpha, velocity_beta = momentum_step(
            alpha, beta, velocity_alpha, velocity_beta, g, g, 0.1, 0.6)
    assert velocity_beta[0, 0] == pytest.approx(-0.1 * 2.0 / (1 - 0.6))


def test_across_the_valley_the_steps_flip_sign_along_the_floor_they_do_not(valley, picture_runs):
    for run in picture_runs:
        components = _components(run, valley)[:20]
        steep, flat = components[:, 2], components[:, 0]
        assert np.all(np.sign(steep[1:]) != np.sign(steep[:-1]))  # across: the sign flips every step
        assert np.all(np.sign(flat) == np.sign(flat[0]))  # along the floor: always the same way


def test_the_picture_first(valley, picture_runs):
    plain, heavy = picture_runs
    plain_needed = iterations_to_tolerance(plain.costs, valley["J_star"], TOLERANCE)
    heavy_needed = iterations_to_tolerance(heavy.costs, valley["J_star"], TOLERANCE)
    assert (plain_needed, heavy_needed) == (246, 45)
    assert plain_needed > 5 * heavy_needed  # "five times fewer"
    beta_star = valley["beta_star"][0]
    start = np.linalg.norm(plain.betas[0] - beta_star)
    assert np.linalg.norm(plain.betas[60] - beta_star) > 0.2 * start  # "after 60 updates still short"
    across_plain = np.abs(_components(plain, valley)[1:10, 2]).max()
    across_heavy = np.abs(_components(heavy, valley)[1:10, 2]).max()
    assert across_heavy > 2 * across_plain  # "swings even wider across the valley at first"
    assert 1 <= np.sum(np.diff(heavy.costs[:46]) > 0) <= 5  # "goes up on a few early updates"
    assert np.all(np.diff(plain.costs[:plain_needed]) < 0)


def test_the_two_by_two_recurrence_predicts_gdlibs_run(valley):
    run = _run(valley["X"], valley["Y"], 0.01, 20, 0.6)
    components = _components(run, valley)
    for j, lam in enumerate(valley["eigenvalues"]):
        M = heavy_ball_matrix(0.01, 0.6, lam)
        d = components[:, j]
        pairs = np.column_stack([d, np.r_[d[0], d[:-1]]])  # (dtheta_k, dtheta_{k-1}), dtheta_{-1} = dtheta_0
        np.testing.assert_allclose(pairs[:-1] @ M.T, pairs[1:], atol=1e-14)
    # with mu = 0 the matrix's first row is the step factor 1 - eta lam
    assert heavy_ball_matrix(0.01, 0.0, 138.4)[0, 0] == pytest.approx(1 - 1.384)


def test_each_direction_shrinks_at_its_own_factor(valley):
    eigenvalues = valley["eigenvalues"]
    q = [convergence_factor(0.01, 0.6, [lam]) for lam in eigenvalues]
    np.testing.assert_allclose(q, [0.9537, 0.9452, 0.7746], atol=5e-5)
    measured = _factors(_run(valley["X"], valley["Y"], 0.01, 60, 0.6), valley)
    np.testing.assert_allclose(measured, [0.9537, 0.9453, 0.7820], atol=5e-5)
    assert abs(measured[0] - q[0]) < 1e-4 and abs(measured[1] - q[1]) < 1e-4
    assert abs(measured[2] - q[2]) < 0.01  # the spiralling direction: close, not exact
    roots = np.linalg.eigvals(heavy_ball_matrix(0.01, 0.6, eigenvalues))
    assert np.all(np.iscomplex(roots[2])) and not np.any(np.iscomplex(roots[:2]))  # only the steep one spirals
    assert round(convergence_factor(0.01, 0.6, eigenvalues), 3) == 0.954 == round(q[0], 3)  # the flattest, slowest
    assert round(valley["theory"]["gd_q"], 3) == 0.975


def test_the_roots_product_sum_and_the_stability_range():
    rng = np.random.default_rng(0)
    eta, mu, lam = rng.uniform(0, 0.05, 2000), rng.uniform(0, 0.99, 2000), rng.uniform(0.1, 150, 2000)
    z = np.linalg.eigvals(heavy_ball_matrix(eta, mu, lam))
    np.testing.assert_allclose(z.prod(axis=1).real, mu, atol=1e-12)
    np.testing.assert_allclose(z.sum(axis=1).real, 1 + mu - eta * lam, atol=1e-12)
    complex_roots = np.abs(z[:, 0].imag) > 1e-12
    moduli = np.abs(z[complex_roots])
    np.testing.assert_allclose(moduli, np.broadcast_to(np.sqrt(mu[complex_roots])[:, None], moduli.shape),
                               rtol=1e-9)
    q = np.abs(z).max(axis=1)
    assert np.all(q[~complex_roots] >= np.sqrt(mu[~complex_roots]) - 1e-12)  # real roots: larger than sqrt(mu)
    inside = (eta * lam > 0) & (eta * lam < 2 * (1 + mu))
    margin = np.minimum(eta * lam, np.abs(2 * (1 + mu) - eta * lam)) > 1e-6
    assert np.all((q < 1)[margin] == inside[margin])


def test_the_stability_range_at_rate_0_02(valley):
    lambda_max = valley["eigenvalues"][-1]
    assert round(2 / lambda_max, 4) == 0.0145 and round(3 / lambda_max, 4) == 0.0217
    assert 2 / lambda_max < 0.02 < 3 / lambda_max
    assert round(convergence_factor(0.02, 0.0, valley["eigenvalues"]), 4) == 1.7681
    assert round(convergence_factor(0.02, 0.5, valley["eigenvalues"]), 4) == 0.9252
    assert _run(valley["X"], valley["Y"], 0.02, 100, 0.0).diverged
    converged = _run(valley["X"], valley["Y"], 0.02, 100, 0.5)
    assert not converged.diverged and f"{converged.cost - valley['J_star']:.0e}" == "9e-08"


def test_the_best_settings(valley):
    eigenvalues, theory = valley["eigenvalues"], valley["theory"]
    kappa = eigenvalues[-1] / eigenvalues[0]
    best_rate = (2 / (np.sqrt(eigenvalues[-1]) + np.sqrt(eigenvalues[0]))) ** 2
    best_momentum = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2
    best_q = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    assert (round(best_rate, 4), round(best_momentum, 4), round(best_q, 4)) == (0.0234, 0.6392, 0.7995)
    assert round(best_q, 2) == 0.80
    assert convergence_factor(best_rate, best_momentum, eigenvalues) == pytest.approx(best_q, rel=1e-6)
    assert theory["momentum_learning_rate"] == pytest.approx(best_rate)
    assert theory["momentum"] == pytest.approx(best_momentum) and theory["momentum_q"] == pytest.approx(best_q)
    # both ends of the band are touched: a double root for lambda_min and lambda_max
    for lam in (eigenvalues[0], eigenvalues[-1]):
        assert (1 + best_momentum - best_rate * lam) ** 2 - 4 * best_momentum == pytest.approx(0.0, abs=1e-12)
    # a smaller momentum cannot do better at any rate
    rates = np.linspace(0.0003, 0.03, 400)
    assert convergence_factor(rates, 0.95 * best_momentum, eigenvalues).min() > best_q


def test_the_best_runs_double_roots(valley, picture_runs):
    _, heavy = picture_runs
    measured = _factors(heavy, valley)
    best_q = valley["theory"]["momentum_q"]
    assert round(5 ** (1 / 40) * best_q, 3) == 0.832
    np.testing.assert_allclose(measured, [0.826, 0.799, 0.831], atol=5e-4)
    assert abs(measured[1] - best_q) < 1e-3  # the bias: "exactly q*"
    assert abs(measured[0] - 0.83) < 0.01 and abs(measured[2] - 0.83) < 0.01  # "about 0.83"


@pytest.fixture(scope="module")
def convergence_map(valley):
    rates, momenta = np.linspace(0.0003, 0.03, 100), np.linspace(0.0, 0.98, 99)
    return rates, momenta, convergence_factor(rates[:, None], momenta[None, :], valley["eigenvalues"])


def test_the_map_reads_as_the_text_says(valley, convergence_map):
    rates, momenta, q = convergence_map
    lambda_max = valley["eigenvalues"][-1]
    i, j = np.unravel_index(np.argmin(q), q.shape)
    assert (round(q[i, j], 4), round(rates[i], 4), round(momenta[j], 2)) == (0.8, 0.0234, 0.64)  # the star
    boundary = 2 * (1 + momenta[None, :]) / lambda_max
    away = np.abs(rates[:, None] - boundary) > 1e-4
    assert np.all(((q >= 1) == (rates[:, None] >= boundary))[away])  # grey begins at the dashed line
    assert q[:, 0].min() >= 0.975  # along mu = 0
    assert np.all(q >= np.sqrt(momenta)[None, :] - 1e-12)  # q >= sqrt(mu) everywhere
    j9 = int(np.argmin(np.abs(momenta - 0.9)))
    assert round(q[:, j9].min(), 2) == 0.95  # "about 0.95 at mu = 0.9"
    # where every direction spirals, q = sqrt(mu) whatever eta: the horizontal contour lines
    spiralling = np.all([(1 + momenta[None, :] - rates[:, None] * lam) ** 2 < 4 * momenta[None, :]
                         for lam in valley["eigenvalues"]], axis=0)
    assert spiralling.sum() > 500
    np.testing.assert_allclose(q[spiralling], np.broadcast_to(np.sqrt(momenta), q.shape)[spiralling], rtol=1e-9)


def test_the_map_predicts_runs(valley):
    # runs on a coarse grid: the factor each showed to the 1e-6 tolerance is close to q where q < 0.97
    rates, momenta = np.linspace(0.002, 0.028, 14), np.linspace(0.0, 0.9, 10)
    costs = heavy_ball_costs(valley["X"], valley["Y"], rates, momenta, 600)
    runs = measured_factors(costs, valley["J_star"], TOLERANCE)
    q = convergence_factor(rates[:, None], momenta[None, :], valley["eigenvalues"])
    assert np.all(np.isnan(runs[q > 1.001]))  # the runs blow up where q > 1
    fast = q < 0.97
    assert fast.sum() > 20
    assert np.abs(runs[fast] - q[fast]).max() < 0.06


def test_the_slider_suggestions(valley):
    explorer = momentum_explorer()
    rate = explorer.controls["learning_rate"]
    steps = 10 ** np.arange(rate.min, rate.max + rate.step / 2, rate.step)
    near_0_02 = float(steps[np.argmin(np.abs(steps - 0.02))])
    assert abs(near_0_02 - 0.02) < 0.001
    explorer.controls["learning_rate"].value = near_0_02
    for momentum, blows_up in ((0.0, True), (0.35, True), (0.4, False), (0.5, False)):
        explorer.controls["momentum"].value = momentum
        assert ("blew up" in explorer.figure.texts[0].get_text()) == blows_up, momentum
    lambda_max = valley["eigenvalues"][-1]
    assert 2 * 1.35 / lambda_max < 0.02 < 2 * 1.4 / lambda_max  # "from momentum 0.4 on"
    # momentum 0.9 at the default rate circles for a long time: not within 100 iterations
    explorer = momentum_explorer()
    explorer.controls["momentum"].value = 0.9
    assert "tolerance 1e-06 not within 100" in explorer.figure.texts[0].get_text()


def test_momentum_does_not_remove_the_noise_floor():
    X_raw, Y = house_prices()
    Z, _, _ = gdlib.standardize(X_raw)
    J_star = gdlib.mse_cost(Z, Y, *gdlib.least_squares(Z, Y))
    for rate in (0.0003, 0.003):
        floors = []
        for eta, mu in ((rate, 0.9), (10 * rate, 0.0)):
            run = minibatch_gradient_descent(Z, Y, eta, 20, 1, momentum=mu, rng=np.random.default_rng(0))
            floors.append(np.mean(run.costs[-5 * 200:]) - J_star)
        assert 0.85 < floors[0] / floors[1] < 1.15  # "agree within about 15%"


# --- the exercises ---------------------------------------------------------------------------


def _independent_answers():
    X_raw, _ = valley_houses()
    X = X_raw - X_raw.mean(axis=0)
    A = np.hstack([np.ones((200, 1)), X])
    valley_max = np.linalg.eigvalsh(2 / 200 * A.T @ A)[-1]
    houses, _ = house_prices()
    Z = (houses - houses.mean(axis=0)) / houses.std(axis=0)
    B = np.hstack([np.ones((200, 1)), Z])
    eigenvalues = np.linalg.eigvalsh(2 / 200 * B.T @ B)
    root = math.sqrt(eigenvalues[-1] / eigenvalues[0])
    return {
        "stable rate at 0.9": 2 * 1.9 / valley_max,
        "momentum for the houses": ((root - 1) / (root + 1)) ** 2,
    }


def test_exercises_accept_the_right_answer_and_reject_a_wrong_one():
    exercises = lesson.exercises()
    answers = _independent_answers()
    assert set(exercises) == set(answers)
    for name, answer in answers.items():
        assert exercises[name].feedback(answer)[0], name
        assert not exercises[name].feedback(answer * 1.1)[0], name


def test_no_exercise_answer_is_printed_in_the_notebook():
    notebook = json.loads(NOTEBOOK.read_text())
    text = "\n".join("".join(cell["source"]) + "".join(
        "".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))
        for output in cell.get("outputs", [])) for cell in notebook["cells"])
    for name, answer in _independent_answers().items():
        for digits in (3, 4):
            assert f"{answer:.{digits}f}" not in text, (name, digits)


def test_the_notebook_ends_by_naming_the_next_one():
    notebook = json.loads(NOTEBOOK.read_text())
    assert "Next: `11_loss_landscapes.ipynb`" in "".join(notebook["cells"][-1]["source"])
