"""Notebook 09 (batch, mini-batch and stochastic gradient descent): its machinery (data,
helpers, figures, slider figure, exercises) and every claim its text makes, computed with gdlib
and the lesson's settings and compared with the numbers the prose states."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from slider_checks import check_slider_figure

import gdlib
from gdlib.lessons import minibatch_descent
from gdlib.lessons.minibatch_descent import (
    batch_gradient_means,
    batch_gradient_variance,
    example_gradients,
    house_prices,
    learning_rate_table,
    rate_table_text,
)
from gdlib.stochastic import epoch_batches, minibatch_gradient_descent
from gdlib.widgets.minibatch_descent import variants_explorer

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "09_minibatch_descent.ipynb"
#: The lesson's settings.
BATCH_SIZES = [1, 5, 20, 50, 200]
LEARNING_RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0]
EPOCHS = 20


@pytest.fixture(scope="module")
def houses():
    X_raw, Y = house_prices()
    X, _, _ = gdlib.standardize(X_raw)
    alpha_star, beta_star = gdlib.least_squares(X, Y)
    return X, Y, alpha_star, beta_star, gdlib.mse_cost(X, Y, alpha_star, beta_star)


@pytest.fixture(scope="module")
def rate_table(houses):
    X, Y, *_ = houses
    return learning_rate_table(X, Y, BATCH_SIZES, LEARNING_RATES, EPOCHS)


@pytest.fixture(scope="module")
def best_rates(rate_table):
    return {b: LEARNING_RATES[int(np.argmin(row))] for b, row in zip(BATCH_SIZES, rate_table, strict=True)}


@pytest.fixture(scope="module")
def variant_runs(houses, best_rates):
    X, Y, *_ = houses
    return {b: minibatch_gradient_descent(X, Y, best_rates[b], EPOCHS, b, rng=np.random.default_rng(0))
            for b in (200, 20, 1)}


# --- the machinery ---------------------------------------------------------------------------


def test_the_data_are_seeded_shaped_and_standardized(houses):
    X_raw, Y = house_prices()
    assert X_raw.shape == (200, 3) and Y.shape == (200, 1)
    np.testing.assert_array_equal(house_prices()[0], X_raw)
    X, *_ = houses
    np.testing.assert_allclose(X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(X.std(axis=0), 1.0, rtol=1e-12)


def test_least_squares_has_a_zero_gradient(houses):
    X, Y, alpha, beta, _ = houses
    d_alpha, d_beta = gdlib.mse_gradients(X, Y, alpha, beta)
    assert abs(d_alpha[0, 0]) < 1e-12 and np.abs(d_beta).max() < 1e-12
    assert alpha.shape == (1, 1) and beta.shape == (1, X.shape[1])


def test_batch_gradient_variance_by_enumerating_every_batch():
    # m = 6 examples, batches of 2: all 15 batches are equally likely; average over them exactly.
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(6, 2)), rng.normal(size=(6, 1))
    alpha, beta = np.array([[0.2]]), np.array([[0.1, -0.3]])
    G = example_gradients(X, Y, alpha, beta)
    full = np.hstack(gdlib.mse_gradients(X, Y, alpha, beta))[0]
    np.testing.assert_allclose(G.mean(axis=0), full, rtol=1e-12)
    pairs = [(i, j) for i in range(6) for j in range(i + 1, 6)]
    exact = np.mean([np.sum((G[[i, j]].mean(axis=0) - full) ** 2) for i, j in pairs])
    assert batch_gradient_variance(X, Y, alpha, beta, 2) == pytest.approx(exact, rel=1e-12)
    assert batch_gradient_variance(X, Y, alpha, beta, 6) == pytest.approx(0.0, abs=1e-15)
    with pytest.raises(ValueError, match="batch_size must be between 1 and m = 6"):
        batch_gradient_variance(X, Y, alpha, beta, 7)


def test_batch_gradient_means_are_the_means_of_the_shuffled_batches():
    G = np.arange(12.0).reshape(6, 2)
    means = batch_gradient_means(G, 2, 3, np.random.default_rng(4))
    shuffler = np.random.default_rng(4)
    expected = [G[rows].mean(axis=0) for _ in range(3) for rows in epoch_batches(6, 2, shuffler)]
    np.testing.assert_array_equal(means, expected)
    np.testing.assert_array_equal(batch_gradient_means(G, 6, 2, np.random.default_rng(0)),
                                  [G.mean(axis=0)] * 2)
    with pytest.raises(ValueError, match="batch_size must divide m = 6"):
        batch_gradient_means(G, 4, 1, np.random.default_rng(0))


def test_the_learning_rate_table_by_hand_for_two_runs(houses, rate_table):
    X, Y, _, _, J_star = houses
    assert rate_table.shape == (5, 7)
    run = minibatch_gradient_descent(X, Y, 0.1, EPOCHS, 20, rng=np.random.default_rng(0))
    assert rate_table[2, 4] == pytest.approx(np.mean(run.costs[-50:]) - J_star, rel=1e-12)
    grows = minibatch_gradient_descent(X, Y, 0.3, EPOCHS, 1, rng=np.random.default_rng(0))
    assert grows.diverged or grows.cost > grows.costs[0]
    assert np.isinf(rate_table[0, 5])
    text = rate_table_text(BATCH_SIZES, LEARNING_RATES, rate_table)
    assert text.splitlines()[1].split("|")[6].strip() == "grows"
    assert len(text.splitlines()) == 6


def test_the_variant_curves_show_each_runs_excess_cost_against_updates_and_examples(houses):
    from gdlib.plots.minibatch_descent import variant_curves_figure

    X, Y, _, _, J_star = houses
    runs = {f"b={b}": minibatch_gradient_descent(X, Y, 0.01, 2, b, rng=np.random.default_rng(0)) for b in (1, 200)}
    runs["grows"] = minibatch_gradient_descent(X, Y, 1.0, 2, 5, rng=np.random.default_rng(0))
    assert runs["grows"].diverged and runs["grows"].costs.max() - J_star > 1e2  # drawn clipped at the top
    labels = ["b=1", "b=200", "grows"]
    figure = variant_curves_figure(runs, J_star, 200)
    ax_updates, ax_examples = figure.axes
    examples_seen = {"b=1": list(range(401)), "b=200": [0, 200, 400],  # 2 epochs of m = 200
                     "grows": [5 * k for k in range(runs["grows"].costs.size)]}
    for ax in (ax_updates, ax_examples):
        assert [line.get_label() for line in ax.lines] == labels
        assert ax.get_yscale() == "log" and ax.get_ylim() == pytest.approx((0.5e-6, 200.0))
    assert ax_updates.get_xscale() == "log" and ax_examples.get_xscale() == "linear"
    assert "m = 200" in ax_examples.get_xlabel()
    assert [text.get_text() for text in ax_updates.get_legend().get_texts()] == labels
    for (label, run), line_updates, line_examples in zip(runs.items(), ax_updates.lines, ax_examples.lines,
                                                         strict=True):
        # J - J*, clipped into the drawn range [1e-6, 1e2]; a cost that is not finite is not drawn (NaN)
        excess = [min(max(cost - J_star, 1e-6), 1e2) if math.isfinite(cost) else math.nan for cost in run.costs]
        np.testing.assert_array_equal(line_updates.get_xdata(), range(1, len(excess)))  # the log axis starts at 1
        np.testing.assert_allclose(line_updates.get_ydata(), excess[1:], rtol=1e-12)
        np.testing.assert_array_equal(line_examples.get_xdata(), examples_seen[label])
        np.testing.assert_allclose(line_examples.get_ydata(), excess, rtol=1e-12)
        assert line_updates.get_color() == line_examples.get_color()
    assert len({line.get_color() for line in ax_updates.lines}) == 3


def test_the_gradient_clouds_show_every_batch_gradient_around_the_origin():
    from gdlib.plots.minibatch_descent import gradient_clouds_figure

    clouds = {"one": np.array([[1.0, 2.0], [-0.5, 0.25], [3.0, -1.0]]), "two": np.array([[0.1, 0.2]])}
    figure = gradient_clouds_figure(clouds, ("size", "age"))
    (ax,) = figure.axes
    assert len(ax.collections) == 2
    for collection, points in zip(ax.collections, clouds.values(), strict=True):
        np.testing.assert_array_equal(collection.get_offsets(), points)
    (origin,) = ax.lines
    assert list(origin.get_xdata()) == [0] and list(origin.get_ydata()) == [0] and origin.get_marker() == "+"
    assert "size" in ax.get_xlabel() and "age" in ax.get_ylabel()
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["one", "two", "full gradient (0)"]


def test_variants_explorer_at_every_extreme():
    check_slider_figure(variants_explorer())


def test_variants_explorer_warns_when_the_cost_grows():
    explorer = variants_explorer()
    explorer.controls["batch_size"].value = 1
    explorer.controls["learning_rate"].value = 1.0
    assert any("grew" in text.get_text() and text.get_visible() for text in explorer.figure.axes[1].texts)
    explorer.controls["learning_rate"].value = 0.001
    assert not any(text.get_visible() and text.get_text() for text in explorer.figure.axes[1].texts)


def test_the_sliders_dashed_reference_is_the_best_constant_rate(houses):
    X, *_ = houses
    eigenvalues = np.linalg.eigvalsh(gdlib.mse_hessian(X))
    title = variants_explorer().figure.axes[0].get_legend_handles_labels()[1][0]
    assert title == f"batch, rate {2 / (eigenvalues[0] + eigenvalues[-1]):.3g}" == "batch, rate 0.374"


# --- the claims of the text ------------------------------------------------------------------


def test_the_features_are_strongly_correlated_and_the_bowl_stretched(houses):
    X, *_ = houses
    correlations = np.corrcoef(X.T)[np.triu_indices(3, 1)]
    assert round(correlations.min(), 2) == 0.70 and round(correlations.max(), 2) == 0.92  # "0.70 to 0.92"
    eigenvalues = np.linalg.eigvalsh(gdlib.mse_hessian(X))
    assert round(eigenvalues[-1] / eigenvalues[0]) == 37  # "about 37"


def test_one_batch_gradient_by_the_formulas_is_gdlibs_and_costs_a_tenth(houses):
    X, Y, *_ = houses
    rows = np.random.default_rng(0).choice(200, size=20, replace=False)
    alpha, beta = np.zeros((1, 1)), np.zeros((1, 3))
    residuals = Y[rows] - (alpha + X[rows] @ beta.T)
    d_alpha, d_beta = gdlib.mse_gradients(X[rows], Y[rows], alpha, beta)
    np.testing.assert_allclose(-(2 / 20) * residuals.sum(axis=0, keepdims=True), d_alpha, rtol=1e-14)
    np.testing.assert_allclose(-(2 / 20) * residuals.T @ X[rows], d_beta, rtol=1e-14)
    assert d_alpha.shape == (1, 1) and d_beta.shape == (1, 3)
    assert 20 / 200 == 0.1  # "here a tenth"
    # "roughly, not exactly, where the full gradient points"
    full = np.hstack(gdlib.mse_gradients(X, Y, alpha, beta))[0]
    batch = np.hstack([d_alpha, d_beta])[0]
    cosine = batch @ full / (np.linalg.norm(batch) * np.linalg.norm(full))
    assert 0.99 < cosine < 1 and not np.allclose(batch, full, rtol=0.01)


@pytest.mark.parametrize(("batch_size", "sizes"), [(20, [20] * 10), (30, [30] * 6 + [20])])
def test_the_batch_gradients_of_an_epoch_average_to_the_full_gradient(houses, batch_size, sizes):
    X, Y, *_ = houses
    alpha, beta = np.zeros((1, 1)), np.zeros((1, 3))
    batches = epoch_batches(200, batch_size, np.random.default_rng(1))
    assert [len(rows) for rows in batches] == sizes
    assert sorted(np.concatenate(batches).tolist()) == list(range(200))  # every example exactly once
    full_alpha, full_beta = gdlib.mse_gradients(X, Y, alpha, beta)
    weighted = [len(rows) / 200 * np.hstack(gdlib.mse_gradients(X[rows], Y[rows], alpha, beta))
                for rows in batches]
    np.testing.assert_allclose(np.sum(weighted, axis=0), np.hstack([full_alpha, full_beta]), rtol=1e-12)


def test_the_full_batch_is_gradient_descent_to_the_last_bit(houses):
    X, Y, *_ = houses
    batch = gdlib.gradient_descent(X, Y, 0.3, 100)
    same = minibatch_gradient_descent(X, Y, 0.3, 100, 200, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(same.costs, batch.costs)
    np.testing.assert_array_equal(same.betas, batch.betas)
    assert same.examples_seen[-1] == 100 * 200 and same.iterations_run == 100


def test_the_epoch_of_48_is_four_batches_of_48_and_one_of_8_and_matches_gdlib(houses):
    X, Y, *_ = houses
    assert [len(rows) for rows in epoch_batches(200, 48, np.random.default_rng(3))] == [48, 48, 48, 48, 8]
    alpha, beta = np.zeros((1, 1)), np.zeros((1, 3))
    order = np.random.default_rng(3).permutation(200)
    for start in range(0, 200, 48):
        rows = order[start:start + 48]
        d_alpha, d_beta = gdlib.mse_gradients(X[rows], Y[rows], alpha, beta)
        alpha, beta = alpha - 0.1 * d_alpha, beta - 0.1 * d_beta
    run = minibatch_gradient_descent(X, Y, 0.1, 1, 48, rng=np.random.default_rng(3))
    assert run.iterations_run == 5  # "Five updates, one per batch"
    np.testing.assert_allclose(run.alpha, alpha, atol=1e-12)
    np.testing.assert_allclose(run.beta, beta, atol=1e-12)


def test_the_learning_rate_table_reads_as_the_text_says(houses, rate_table, best_rates):
    X, *_ = houses
    critical = gdlib.critical_learning_rate(X)
    assert best_rates == {1: 0.003, 5: 0.03, 20: 0.1, 50: 0.3, 200: 0.3}
    assert best_rates[200] < critical and round(critical, 4) == 0.3840  # "just under its critical rate"
    assert np.isinf(rate_table[-1, -1])  # batch descent grows at 1.0
    assert best_rates[200] / best_rates[1] == pytest.approx(100)  # "a hundred times smaller, 0.003"
    assert np.isinf(rate_table[0, LEARNING_RATES.index(0.3)])  # stochastic "grows already at 0.3"
    rates_in_order = [best_rates[b] for b in BATCH_SIZES]
    assert rates_in_order == sorted(rates_in_order)  # "never falls as the batch grows"
    assert rate_table.min(axis=1).max() < 1e-2  # "every batch size ends within 10^-2 of J*"
    largest_working = [max(rate for rate, v in zip(LEARNING_RATES, row, strict=True) if np.isfinite(v))
                       for row in rate_table]
    assert largest_working[0] < largest_working[-1] < critical


def test_one_example_is_almost_seven_times_as_curved_as_the_full_cost(houses):
    X, *_ = houses
    A = np.hstack([np.ones((200, 1)), X])
    example_curvature = 2 * np.sum(A**2, axis=1)
    # the only non-zero eigenvalue of one example's Hessian 2 [1, x_i]^T [1, x_i]
    i = int(np.argmax(example_curvature))
    assert np.linalg.eigvalsh(2 * np.outer(A[i], A[i]))[-1] == pytest.approx(example_curvature[i])
    lambda_max = np.linalg.eigvalsh(gdlib.mse_hessian(X))[-1]
    assert round(example_curvature.max(), 2) == 35.88 and round(lambda_max, 2) == 5.21
    assert 6.5 < example_curvature.max() / lambda_max < 7  # "Almost seven times larger"


def test_after_one_epoch_many_rough_steps_beat_a_few_exact_ones(houses, variant_runs):
    _, _, _, _, J_star = houses
    after_one_epoch = {b: run.costs[np.searchsorted(run.examples_seen, 200)] - J_star
                       for b, run in variant_runs.items()}
    assert after_one_epoch[20] < after_one_epoch[200] / 10  # "more than ten times closer"
    assert after_one_epoch[1] < after_one_epoch[200]  # "the stochastic run is ahead too, though less"
    assert after_one_epoch[1] > after_one_epoch[20]
    assert [run.iterations_run for run in variant_runs.values()] == [20, 200, 4000]
    assert np.searchsorted(variant_runs[20].examples_seen, 200) == 10  # "has made 10 steps"


def test_the_noise_in_the_cost(variant_runs):
    assert np.all(np.diff(variant_runs[200].costs) < 0)  # the batch run never raises the cost
    for b in (20, 1):
        tail = variant_runs[b].costs[-(5 * (variant_runs[b].iterations_run // EPOCHS)) - 1:]
        assert 0.4 < np.mean(np.diff(tail) > 0) < 0.5  # "on almost half of their updates"


def test_the_measured_gradient_noise_matches_the_formula(houses):
    X, Y, alpha_star, beta_star, _ = houses
    G = example_gradients(X, Y, alpha_star, beta_star)
    np.testing.assert_allclose(G.mean(axis=0), 0.0, atol=1e-12)  # at the minimum the full gradient is 0
    shuffler = np.random.default_rng(2)
    measured = {}
    for b in BATCH_SIZES:
        cloud = batch_gradient_means(G, b, 200, shuffler)
        measured[b] = np.mean(np.sum(cloud**2, axis=1))
        formula = batch_gradient_variance(X, Y, alpha_star, beta_star, b)
        assert abs(measured[b] - formula) <= 0.05 * formula + 1e-12  # "to the sampling error"
    assert measured[1] == pytest.approx(batch_gradient_variance(X, Y, alpha_star, beta_star, 1), rel=1e-12)
    assert measured[200] == pytest.approx(0.0, abs=1e-20)
    # "a cloud about sqrt(20 * 199 / 180) = 4.7 times narrower"
    assert round(math.sqrt(20 * 199 / 180), 1) == 4.7
    assert math.sqrt(measured[1] / measured[20]) == pytest.approx(4.7, rel=0.02)


def test_a_smaller_or_decaying_rate_lowers_the_stochastic_floor(houses):
    X, Y, _, _, J_star = houses
    floors = {}
    for label, options in {"0.03": {"learning_rate": 0.03}, "0.003": {"learning_rate": 0.003},
                           "decay": {"learning_rate": 0.03, "decay": 0.5}}.items():
        run = minibatch_gradient_descent(X, Y, epochs=EPOCHS, batch_size=1, rng=np.random.default_rng(0), **options)
        floors[label] = np.mean(run.costs[-5 * 200:]) - J_star
    assert floors["0.03"] > floors["0.003"] > floors["decay"]  # highest; sinks; the best of both


def test_the_slider_suggestions(houses, rate_table):
    X, Y, *_ = houses
    # batch size 1: the floor sinks from rate 0.1 to 0.01; at 0.001 20 epochs do not reach it
    row = dict(zip(LEARNING_RATES, rate_table[0], strict=True))
    assert row[0.1] > row[0.01] < row[0.001]
    slow = minibatch_gradient_descent(X, Y, 0.001, EPOCHS, 1, rng=np.random.default_rng(0))
    assert np.mean(slow.costs[-200:]) < np.mean(slow.costs[-400:-200])  # still going down
    # batch size 200: past 2 / lambda_max = 0.38 the cost turns around; at 0.45 it ends above its start
    for rate in (0.398, 0.447):
        run = minibatch_gradient_descent(X, Y, rate, EPOCHS, 200, rng=np.random.default_rng(0))
        assert run.cost > 5 * run.costs.min() and np.all(np.diff(run.costs[-10:]) > 0)
    assert minibatch_gradient_descent(X, Y, 0.447, EPOCHS, 200, rng=np.random.default_rng(0)).cost > 13.86
    # batch size 20 with a large rate: a high floor
    assert rate_table[2, LEARNING_RATES.index(0.3)] > 10 * rate_table[2].min()


# --- the exercises ---------------------------------------------------------------------------


def _independent_answers():
    return {
        "updates": 3 * 7,  # an epoch of 200 examples in batches of 30: six of 30 and one of 20
        # tr(S)(m - b)/(b(m - 1)) at b = 1 over the same at b = 40: 40 (m - 1)/(m - 40)
        "variance ratio": 40 * 199 / 160,
    }


def test_exercises_accept_the_right_answer_and_reject_a_wrong_one():
    exercises = minibatch_descent.exercises()
    answers = _independent_answers()
    assert set(exercises) == set(answers)
    for name, answer in answers.items():
        assert exercises[name].feedback(answer)[0], name
        assert not exercises[name].feedback(answer * 1.1 + 0.5)[0], name


def test_no_exercise_answer_is_printed_in_the_notebook():
    notebook = json.loads(NOTEBOOK.read_text())
    text = "\n".join("".join(cell["source"]) + "".join(
        "".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))
        for output in cell.get("outputs", [])) for cell in notebook["cells"])
    for digits in (2, 3, 4):
        assert f"{40 * 199 / 160:.{digits}f}" not in text
    assert "21 updates" not in text


def test_the_notebook_ends_by_naming_the_next_one():
    notebook = json.loads(NOTEBOOK.read_text())
    assert "Next: `10_momentum.ipynb`" in "".join(notebook["cells"][-1]["source"])
