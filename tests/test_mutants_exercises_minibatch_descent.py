"""gdlib.exercises.minibatch_descent (notebook 09's minibatch_epoch checker): the whole feedback a
learner reads for each classic mistake, each mistake's outputs against the same mistake written as
a learner's plain loop (values, shapes and dtype), the checker's tolerance, the reference's error
when gdlib's run blows up, and the held-out cases replayed draw by draw from their documented
recipe (a problem, a shuffled order, half the safe learning rate).

Written for the survivors of `make mutants`; the messages are written out word for word here,
because a learner reads them.
"""

import numpy as np
import pytest

from gdlib.exercises import check_minibatch_epoch
from gdlib.exercises.cases import regression_problem
from gdlib.exercises.minibatch_descent import (
    EPOCH_MISTAKES,
    EPOCH_SHAPES,
    _epoch_cases,
    minibatch_epoch,
    minibatch_epoch_exercise,
)

GRADIENT = "g_α = −(2/b) Σ_B (y − ŷ), g_β = −(2/b) (Y_B − Ŷ_B)ᵀ X_B"
STEP = "α ← α − η g_α, β ← β − η g_β"


# --- a learner's mistakes, written as plain loops -------------------------------------------

def _gradient(X_B, Y_B, alpha, beta, b, factor=2.0, bias=True):
    """A learner's batch gradient, -(factor/b) Σ (y - y_hat) and -(factor/b) (Y_B - Y_hat_B)ᵀ X_B, by loops."""
    n = X_B.shape[1]
    d_alpha, d_beta = np.zeros((1, 1)), np.zeros((1, n))
    for i in range(X_B.shape[0]):
        error = Y_B[i, 0] - ((alpha[0, 0] if bias else 0.0) + sum(X_B[i, j] * beta[0, j] for j in range(n)))
        d_alpha[0, 0] -= factor / b * error
        for j in range(n):
            d_beta[0, j] -= factor / b * error * X_B[i, j]
    return d_alpha, d_beta


def _epoch(step=-1.0, factor=2.0, b="rows", rows_from="order", whole=False, bias=True, last=True):
    """A learner's epoch with one piece changed."""
    def learner(X, Y, alpha, beta, learning_rate, batch_size, order):
        m = X.shape[0]
        visit = list(order) if rows_from == "order" else list(range(m))
        stop = m if last else m - m % batch_size
        for start in range(0, stop, batch_size):
            rows = visit[start:start + batch_size]
            X_B, Y_B = (X, Y) if whole else (X[rows], Y[rows])
            size = {"rows": len(X_B), "batch_size": batch_size, "m": m, "none": 1}[b]
            d_alpha, d_beta = _gradient(X_B, Y_B, alpha, beta, size, factor, bias)
            alpha, beta = alpha + step * learning_rate * d_alpha, beta + step * learning_rate * d_beta
        return alpha, beta
    return learner


def update_outside_the_loop(X, Y, alpha, beta, learning_rate, batch_size, order):
    for start in range(0, X.shape[0], batch_size):
        rows = order[start:start + batch_size]
        d_alpha, d_beta = _gradient(X[rows], Y[rows], alpha, beta, len(rows))
    return alpha - learning_rate * d_alpha, beta - learning_rate * d_beta


def gradients_added_up(X, Y, alpha, beta, learning_rate, batch_size, order):
    total_alpha, total_beta = np.zeros((1, 1)), np.zeros_like(beta)
    for start in range(0, X.shape[0], batch_size):
        rows = order[start:start + batch_size]
        d_alpha, d_beta = _gradient(X[rows], Y[rows], alpha, beta, len(rows))
        total_alpha, total_beta = total_alpha + d_alpha, total_beta + d_beta
    return alpha - learning_rate * total_alpha, beta - learning_rate * total_beta


#: (the learner who makes the mistake, the whole message); in the order of EPOCH_MISTAKES.
CLASSIC = [
    (_epoch(step=1.0), "`alpha` and `beta` look like each step goes uphill: the sign is flipped. Look at the minus "
                       f"in {STEP}, with {GRADIENT}."),
    (_epoch(rows_from="range"), "`alpha` and `beta` look like the batches are cut from the examples in their "
                                "original order, ignoring `order`. Look at the rows of each batch: `rows = "
                                "order[start:start + batch_size]`, positions taken from `order`."),
    (update_outside_the_loop, "`alpha` and `beta` look like only one step per epoch, from the last batch's gradient: "
                              f"the update is outside the loop. Look at the indentation of {STEP}: one step per "
                              "batch, inside the loop over the batches."),
    (gradients_added_up, "`alpha` and `beta` look like every batch gradient is computed at the starting parameters "
                         "and the sum is applied in one step at the end. Look at where each batch's gradient is "
                         "taken: at the α and β the previous step left, each batch followed at once by its own step "
                         f"{STEP}."),
    (_epoch(whole=True), "`alpha` and `beta` look like every step uses the gradient of all m examples instead of the "
                         f"batch's. Look at X_B and Y_B in {GRADIENT}: only the batch's rows, `X[rows]` and "
                         "`Y[rows]`."),
    (_epoch(b="batch_size"), "`alpha` and `beta` look like the last, shorter batch is divided by batch_size instead "
                             f"of its own size. Look at the b in {GRADIENT}: b = len(rows), which is smaller for the "
                             "last batch when batch_size does not divide m."),
    (_epoch(b="m"), "`alpha` and `beta` look like each batch gradient is divided by m, the number of all examples, "
                    f"instead of by the batch's size b. Look at the 2/b in {GRADIENT}: b = len(rows)."),
    (_epoch(last=False), "`alpha` and `beta` look like the last, shorter batch is skipped. Look at the loop over the "
                         "batches: `range(0, m, batch_size)` also reaches the examples left over at the end."),
    (_epoch(b="none"), "`alpha` and `beta` look like a sum where the batch's mean belongs (the 1/b is missing). "
                       f"Look at the 2/b in {GRADIENT}."),
    (_epoch(factor=1.0), "`alpha` and `beta` look like the factor 2 is missing (the 2 comes down from the square). "
                         f"Look at the 2 in {GRADIENT}."),
    (_epoch(bias=False), "`alpha` and `beta` look like the prediction leaves out the bias. Look at the prediction "
                         "Ŷ_B = α + X_B βᵀ: α belongs in it."),
]
IDS = [f"mistake_{k}" for k in range(len(CLASSIC))]


@pytest.mark.parametrize(("learner", "message"), CLASSIC, ids=IDS)
def test_each_classic_mistake_gets_its_whole_feedback(learner, message):
    result = check_minibatch_epoch(learner)
    assert not result.passed and result.written and result.title == "minibatch_epoch"
    assert result.message == message
    assert repr(result) == f"✘ minibatch_epoch: {message}"


def _hand_case():
    """7 examples in batches of 3 (3, 3 and a last one of 1), in a shuffled order."""
    X = np.array([[1.0, 0.5], [2.0, -1.0], [0.0, 1.5], [-1.0, 2.0], [3.0, 0.0], [0.5, 0.5], [-2.0, 1.0]])
    Y = np.array([[2.0], [1.0], [3.5], [2.5], [4.0], [1.5], [-1.0]])
    return X, Y, np.array([[0.3]]), np.array([[-0.2, 0.4]]), 0.05, 3, np.array([4, 0, 6, 2, 5, 1, 3])


@pytest.mark.parametrize("index", range(len(CLASSIC)), ids=IDS)
def test_each_mistake_returns_what_the_mistaken_code_returns(index):
    learner, message = CLASSIC[index]
    mistake = EPOCH_MISTAKES[index]
    assert message.startswith(f"`alpha` and `beta` look like {mistake.says}. Look at {mistake.look_at}.")
    for args in [case.args for case in minibatch_epoch_exercise().cases] + [_hand_case()]:
        copies = [np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args]
        got, want = mistake.gives(*copies), learner(*args)
        assert len(got) == 2
        for g, w in zip(got, want, strict=True):
            assert g.shape == w.shape and g.dtype == np.float64
            np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-12 * float(np.max(np.abs(w))))


def right_epoch(X, Y, alpha, beta, learning_rate, batch_size, order):
    return _epoch()(X, Y, alpha, beta, learning_rate, batch_size, order)


def test_the_tolerance_is_one_part_in_a_billion():
    assert check_minibatch_epoch(right_epoch).message == "correct on all 9 held-out cases. Well done."

    def off_by(relative):
        def learner(*args):
            alpha, beta = right_epoch(*args)
            return alpha * (1 + relative), beta * (1 + relative)
        return learner

    assert check_minibatch_epoch(off_by(2e-10)).passed
    assert not check_minibatch_epoch(off_by(1e-8)).passed
    assert minibatch_epoch_exercise().rtol == 1e-9


def starter(X, Y, alpha, beta, learning_rate, batch_size, order):
    ...


def raises_at_once(X, Y, alpha, beta, learning_rate, batch_size, order):
    raise ValueError("not yet")


def test_the_starter_an_exception_and_the_names_of_the_arguments():
    result = check_minibatch_epoch(starter)
    assert not result.passed and not result.written and result.title == "minibatch_epoch"
    assert result.message == ("not written yet. Replace the `...` in `minibatch_epoch` with your code, run that "
                              "cell, then run this one again.")
    X = minibatch_epoch_exercise().cases[0].args[0]
    rate = 0.5 / (1.0 + float(X[0, 0]) ** 2)
    assert check_minibatch_epoch(raises_at_once).message == (
        "your function raised ValueError: not yet at line 2 of `raises_at_once`: `raise ValueError(\"not yet\")`. "
        "It was called with X of shape (1, 1), Y of shape (1, 1), alpha of shape (1, 1), beta of shape (1, 1), "
        f"learning_rate = {rate!r}, batch_size = 1, order of shape (1,).")
    exercise = minibatch_epoch_exercise()
    assert (exercise.title, exercise.function_name, exercise.outputs) == ("minibatch_epoch", "minibatch_epoch",
                                                                          ("alpha", "beta"))


def test_the_reference_says_when_gdlibs_run_blows_up():
    X = np.array([[1.0], [2.0], [3.0]])
    with pytest.raises(ValueError) as raised:
        minibatch_epoch(X, 2 * X, np.array([[0.5]]), np.array([[0.5]]), 1e200, 1, np.array([2, 0, 1]))
    assert str(raised.value) == "this case makes gdlib's run blow up: choose a smaller learning rate"


# --- the held-out cases ---------------------------------------------------------------------

def _replay(seed):
    """The documented recipe: one generator; per shape a regression problem, then a permutation of the
    m examples (drawn again while it is the identity, m > 1), and the learning rate 0.5 / max_i (1 + |x_i|²)."""
    rng = np.random.default_rng(seed)
    cases = []
    for m, n, scale, batch_size in EPOCH_SHAPES:
        X, Y, alpha, beta = regression_problem(rng, m, n, scale)
        order = rng.permutation(m)
        while m > 1 and list(order) == list(range(m)):
            order = rng.permutation(m)
        rate = 0.5 / max(1.0 + sum(X[i, j] ** 2 for j in range(n)) for i in range(m))
        cases.append((X, Y, alpha, beta, rate, batch_size, order))
    return cases


def test_the_shapes_are_the_documented_awkward_ones():
    assert EPOCH_SHAPES == ((1, 1, 1.0, 1), (1, 3, 2.0, 1), (5, 1, 30.0, 2), (2, 5, 0.5, 1), (7, 3, 1.0, 3),
                            (6, 2, 0.01, 4), (4, 4, 100.0, 4), (8, 2, 3.0, 3), (9, 1, 1.0, 4))


@pytest.mark.parametrize("seed", [8, 3])
def test_the_cases_are_the_documented_recipe(seed):
    built = [case.args for case in (minibatch_epoch_exercise().cases if seed == 8 else _epoch_cases(seed))]
    for got, want in zip(built, _replay(seed), strict=True):
        for name, g, w in zip(("X", "Y", "alpha", "beta", "learning_rate", "batch_size", "order"), got, want,
                              strict=True):
            if name == "learning_rate":
                assert g == pytest.approx(w, rel=1e-14), name
            else:
                np.testing.assert_array_equal(g, w, err_msg=name)
    for case in _epoch_cases(seed):
        assert case.names == ("X", "Y", "alpha", "beta", "learning_rate", "batch_size", "order")
