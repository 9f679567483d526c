"""The slider figure of notebook 09: mini-batch descent (batch size, learning rate, epochs)."""

from __future__ import annotations

import numpy as np

from gdlib.curvature import mse_hessian
from gdlib.lessons.minibatch_descent import house_prices
from gdlib.plots.minibatch_descent import variants_view
from gdlib.scaling import standardize
from gdlib.widgets import SliderFigure, int_slider, log_slider, selection_slider

#: The batch sizes offered: stochastic, small and large mini-batches, and the whole data set.
BATCH_SIZES = (1, 5, 20, 50, 200)
#: The most epochs offered: 20 epochs of stochastic updates are 4,000 updates, still drawn quickly.
MAX_EPOCHS = 20


def variants_explorer() -> SliderFigure:
    """Sliders for the batch size, the learning rate (log scale) and the epochs, on the standardized
    houses of notebook 09, beside batch gradient descent at its best constant rate
    2 / (lambda_min + lambda_max) (dashed).

    Returns a SliderFigure (call .show() in a notebook). Defaults: batch size 20, learning rate
    0.1 and 20 epochs, where the mini-batch run is far ahead of the batch run per example seen
    at first, then levels off at its noise floor while the batch run keeps going down.
    """
    X, Y = house_prices()
    Z, _, _ = standardize(X)
    eigenvalues = np.linalg.eigvalsh(mse_hessian(Z))
    best_batch_rate = 2.0 / (eigenvalues[0] + eigenvalues[-1])
    figure, update = variants_view(Z, Y, reference_learning_rate=best_batch_rate, max_epochs=MAX_EPOCHS)
    batch_size = selection_slider("batch size", BATCH_SIZES, 20)
    controls = {
        "batch_size": batch_size,
        "learning_rate": log_slider("learning rate", 0.1, 1e-3, 1.0),
        "epochs": int_slider("epochs", 20, 1, MAX_EPOCHS),
    }
    return SliderFigure(figure, update, controls)
