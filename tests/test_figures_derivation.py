"""Notebook 01's figure (issue 12): every text is at least the course's smallest size, and the
step's label is readable above the dotted drop lines it sits between."""

from figure_checks import drawn_texts, text_problems

from gdlib.plots import SMALLEST_TEXT_PT
from gdlib.plots.derivation import one_step_downhill_figure

TARGETS = [2.0, 1.0, 4.0, 5.0, 0.0]  # the notebook's


def test_the_notebooks_picture_reads_well():
    figure = one_step_downhill_figure(TARGETS, alpha=0.5, learning_rate=0.25)
    assert text_problems(figure) == []
    assert min(text.size_pt for text in drawn_texts(figure)) >= SMALLEST_TEXT_PT


def test_the_step_label_is_on_a_white_patch_over_the_drop_lines():
    figure = one_step_downhill_figure(TARGETS, alpha=0.5, learning_rate=0.25)
    (label,) = [text for text in figure.axes[0].texts if text.get_text().startswith("step")]
    assert label.get_fontsize() >= SMALLEST_TEXT_PT
    assert label.get_text().endswith("= +0.95")  # 0.25 * 3.8
    patch = label.get_bbox_patch()
    assert patch is not None and patch.get_facecolor()[:3] == (1.0, 1.0, 1.0)
