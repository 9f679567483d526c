"""The slider figures of notebook 08: mini-batch descent (batch size, learning rate, epochs) and
momentum in a narrow valley (learning rate, momentum, iterations)."""

from __future__ import annotations

from gdlib.lessons.minibatch_descent import VALLEY_FEATURES, heavy_ball_theory, house_prices, valley_houses
from gdlib.plots.minibatch_descent import momentum_view, variants_view
from gdlib.scaling import standardize
from gdlib.widgets import SliderFigure, float_slider, int_slider, log_slider, selection_slider

#: The batch sizes offered: stochastic, small and large mini-batches, and the whole data set.
BATCH_SIZES = (1, 5, 20, 50, 200)
#: The most epochs offered: 20 epochs of stochastic updates are 4,000 updates, still drawn quickly.
MAX_EPOCHS = 20
#: The most iterations offered in the valley: plain gradient descent needs about 250 there.
MAX_MOMENTUM_ITERATIONS = 300


def variants_explorer() -> SliderFigure:
    """Sliders for the batch size, the learning rate (log scale) and the epochs, on the standardized
    houses of notebook 08, beside batch gradient descent at its best constant rate
    2 / (lambda_min + lambda_max) (dashed).

    Returns a SliderFigure (call .show() in a notebook). Defaults: batch size 20, learning rate
    0.1 and 20 epochs, where the mini-batch run is far ahead of the batch run per example seen
    at first, then levels off at its noise floor while the batch run keeps going down.
    """
    X, Y = house_prices()
    Z, _, _ = standardize(X)
    best_batch_rate = heavy_ball_theory(Z)["gd_learning_rate"]
    figure, update = variants_view(Z, Y, reference_learning_rate=best_batch_rate, max_epochs=MAX_EPOCHS)
    batch_size = selection_slider("batch size", BATCH_SIZES, 20)
    controls = {
        "batch_size": batch_size,
        "learning_rate": log_slider("learning rate", 0.1, 1e-3, 1.0),
        "epochs": int_slider("epochs", 20, 1, MAX_EPOCHS),
    }
    return SliderFigure(figure, update, controls)


def momentum_explorer() -> SliderFigure:
    """Sliders for the learning rate (log scale), the momentum and the iterations of batch gradient
    descent with heavy-ball momentum in the bedrooms-and-lot-size valley of notebook 08 (features
    centred, not scaled), beside plain gradient descent at its best rate (dashed).

    Returns a SliderFigure (call .show() in a notebook). Defaults: the theory's best learning rate
    and momentum (rounded to the sliders' steps) and 100 iterations, where momentum reaches the
    tolerance and plain gradient descent is still far from it.
    """
    X, Y = valley_houses()
    X = X - X.mean(axis=0)
    theory = heavy_ball_theory(X)
    learning_rate = round(theory["momentum_learning_rate"], 3)
    momentum = round(theory["momentum"] * 20) / 20
    figure, update = momentum_view(X, Y, feature_names=VALLEY_FEATURES,
                                   reference_learning_rate=theory["gd_learning_rate"],
                                   default_learning_rate=learning_rate, default_momentum=momentum,
                                   max_iterations=MAX_MOMENTUM_ITERATIONS)
    controls = {
        "learning_rate": log_slider("learning rate", learning_rate, 1e-3, 0.05),
        "momentum": float_slider("momentum μ", momentum, 0.0, 0.95, step=0.05),
        "iterations": int_slider("iterations", 100, 10, MAX_MOMENTUM_ITERATIONS, step=10),
    }
    return SliderFigure(figure, update, controls)
