"""gdlib.exercises.heavy_tails: the least-squares-slopes checker's held-out cases, replayed draw by
draw from their documented recipe, with the properties its design promises; the rows-as-columns
mistake, computed here with plain loops; and the feedback a learner reads, word for word.

Written for the survivors of `make mutants`.
"""

import numpy as np

from gdlib.exercises import check_least_squares_slopes
from gdlib.exercises.checking import Case
from gdlib.exercises.heavy_tails import MISTAKES, least_squares_slopes_cases, least_squares_slopes_exercise

NORMAL = np.random.Generator.standard_normal


def _draws(rng, rows, columns, draw):
    return np.array([[draw(rng) for _ in range(columns)] for _ in range(rows)])


def _replay(seed):
    """The documented designs, each Y_sim drawn one number at a time, row by row."""
    rng = np.random.default_rng(seed)
    lesson_x = np.array([float(k) for k in range(11)])
    return [
        (np.array([1.5, 4.0]), _draws(rng, 1, 2, lambda r: 3.0 + 2.0 * r.standard_normal())),
        (lesson_x, 1.0 + 0.5 * lesson_x + _draws(rng, 6, 11, lambda r: r.standard_t(2.0))),
        (np.array([50.0, 51.5, 53.0, 57.0]), 0.01 * _draws(rng, 4, 4, NORMAL) - 0.03),
        (np.array([-3.0, 0.5, 2.0, 7.0, 11.0, 12.5]), 1000.0 * _draws(rng, 3, 6, NORMAL) + 200.0),
        (np.array([0.2, 0.9, 1.1, 2.4, 3.3, 3.8, 5.0]), _draws(rng, 1, 7, lambda r: -4.0 + 1.5 * r.standard_normal())),
    ]


def test_the_cases_replay_their_documented_recipe_every_time():
    designs = _replay(5)  # seed 5, the default
    for cases in (least_squares_slopes_cases(), least_squares_slopes_cases(), least_squares_slopes_exercise().cases):
        assert len(cases) == len(designs) == 5
        for case, (x, Y_sim) in zip(cases, designs, strict=True):
            assert case.names == ("x", "Y_sim")
            got_x, got_Y = case.args
            np.testing.assert_array_equal(got_x, x)
            assert got_Y.shape == Y_sim.shape
            np.testing.assert_allclose(got_Y, Y_sim, rtol=1e-13, atol=1e-15)


def test_the_cases_have_the_promised_properties():
    cases = [case.args for case in least_squares_slopes_cases()]
    assert cases[0][0].size == 2 and cases[0][1].shape[0] == 1  # m = 2, one data set
    np.testing.assert_array_equal(cases[1][0], np.arange(11.0))  # the lesson's eleven x values
    assert any(Y.shape[0] == Y.shape[1] for _, Y in cases)  # a square Y_sim
    assert all(abs(x.mean()) > 0.5 for x, _ in cases)  # x̄ never 0
    assert max(np.abs(Y).max() for _, Y in cases) > 500 and min(np.abs(Y).max() for _, Y in cases) < 0.1


def test_rows_read_as_columns_are_recognised_only_on_a_square_y_sim():
    columns = MISTAKES[-1]
    x = np.array([1.0, 2.0, 4.0])
    square = np.array([[1.0, 2.0, 3.0], [0.0, 5.0, -1.0], [2.0, 2.0, 7.0]])
    centred = [v - sum(x) / 3 for v in x]
    denominator = sum(c * c for c in centred)
    want = [sum(square[i, k] * centred[i] for i in range(3)) / denominator for k in range(3)]  # down column k
    np.testing.assert_allclose(columns.gives(x, square), want, rtol=1e-13)
    assert columns.applies(Case((x, square), ("x", "Y_sim")))
    wide = np.array([[1.0, 2.0, 3.0], [0.0, 5.0, -1.0]])
    elsewhere = columns.gives(x, wide)
    assert elsewhere.dtype == np.float64 and elsewhere.shape == (2,) and np.all(np.isnan(elsewhere))
    assert not columns.applies(Case((x, wide), ("x", "Y_sim")))


def test_a_value_or_a_starter_is_named_with_the_functions_name():
    assert repr(check_least_squares_slopes([1.0])) == (
        "✘ least_squares_slopes: expected a function, got list: pass the function itself, "
        "`least_squares_slopes`, without calling it.")

    def starter(x, Y_sim):
        """Return the slopes."""
        ...

    result = check_least_squares_slopes(starter)
    assert repr(result) == ("… least_squares_slopes: not written yet. Replace the `...` in `least_squares_slopes` "
                            "with your code, run that cell, then run this one again.")

    def right(x, Y_sim):
        w = (x - x.mean()) / np.sum((x - x.mean()) ** 2)
        return Y_sim @ w

    assert repr(check_least_squares_slopes(right)) == ("✔ least_squares_slopes: correct on all 5 held-out cases. "
                                                       "Well done.")
