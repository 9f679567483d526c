"""What every figure of the course must be, checked on the text matplotlib actually draws.

- Readable from the back of a room: every text is at least MIN_TEXT_CSS_PX high as shown
  (its font size in points at gdlib.plots.FIGURE_DPI CSS pixels per inch).
- Nothing clipped: every text lies inside the figure (and inside its clip box, if it has one).
- Nothing on top of other text: no two texts' boxes overlap by more than a sliver.

Texts are recorded while the figure is drawn (Text.draw is wrapped), so only what is on screen
counts: tick labels outside the view, invisible or empty texts are not checked.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from gdlib.plots import FIGURE_DPI, apply_style

# Figures are checked as notebooks draw them: gdlib.notebook.setup() applies the course style
# before any figure is made, so text made after new_figure (legends, notes) gets its sizes.
apply_style()

#: The smallest text allowed, in CSS pixels as shown (a 12 pt font at 80 px per inch is 13.3 px).
MIN_TEXT_CSS_PX = 13.0
#: Overlaps smaller than this, in CSS pixels on each side, are antialiasing, not collisions.
SLIVER_CSS_PX = 1.0


@dataclass(frozen=True)
class DrawnText:
    """One text as drawn: its string, font size (pt) and box in CSS pixels (x0, y0, x1, y1)."""

    text: str
    size_pt: float
    box: tuple[float, float, float, float]
    clip: tuple[float, float, float, float] | None

    @property
    def css_px(self) -> float:
        return self.size_pt * FIGURE_DPI / 72.0


@contextlib.contextmanager
def _recording_texts(into: list):
    original = Text.draw

    def draw(self, renderer):
        original(self, renderer)
        if self.get_visible() and self.get_text().strip() and renderer is not None:
            into.append((self, renderer))

    Text.draw = draw
    try:
        yield
    finally:
        Text.draw = original


def drawn_texts(figure: Figure) -> list[DrawnText]:
    """Draw figure once (as savefig does, animated artists included) and return its texts."""
    recorded: list = []
    scale = FIGURE_DPI / figure.dpi
    with _recording_texts(recorded):
        figure.savefig(io.BytesIO(), format="png", dpi=figure.dpi)
    texts = []
    # A figure may be drawn more than once in a save (a layout pass): keep each text's last drawing.
    for text, renderer in {id(text): (text, renderer) for text, renderer in recorded}.values():
        box = text.get_window_extent(renderer)
        clip = text.get_clip_box() if text.get_clip_on() else None
        texts.append(DrawnText(
            text.get_text(), float(text.get_fontsize()),
            tuple(float(v) * scale for v in box.extents),
            None if clip is None else tuple(float(v) * scale for v in clip.extents),
        ))
    return texts


def text_problems(figure: Figure) -> list[str]:
    """Every way the figure's drawn text breaks the rules above, as sentences (empty if none)."""
    texts = drawn_texts(figure)
    width, height = (float(v) * FIGURE_DPI for v in figure.get_size_inches())
    problems = []
    for drawn in texts:
        if drawn.css_px < MIN_TEXT_CSS_PX - 1e-6:
            problems.append(f"{drawn.text!r} is {drawn.css_px:.1f} CSS px high ({drawn.size_pt:g} pt), "
                            f"under {MIN_TEXT_CSS_PX:g}")
        x0, y0, x1, y1 = drawn.box
        if x0 < -SLIVER_CSS_PX or y0 < -SLIVER_CSS_PX or x1 > width + SLIVER_CSS_PX or y1 > height + SLIVER_CSS_PX:
            problems.append(f"{drawn.text!r} reaches outside the figure: box {_fmt(drawn.box)} in "
                            f"{width:.0f} x {height:.0f}")
        elif drawn.clip is not None and not _inside(drawn.box, drawn.clip):
            problems.append(f"{drawn.text!r} is cut by its axes: box {_fmt(drawn.box)}, clip {_fmt(drawn.clip)}")
    for i, first in enumerate(texts):
        for second in texts[i + 1:]:
            if _overlap(first.box, second.box):
                problems.append(f"{first.text!r} and {second.text!r} overlap: {_fmt(first.box)} and "
                                f"{_fmt(second.box)}")
    return problems


def _inside(box, clip) -> bool:
    return (box[0] >= clip[0] - SLIVER_CSS_PX and box[1] >= clip[1] - SLIVER_CSS_PX
            and box[2] <= clip[2] + SLIVER_CSS_PX and box[3] <= clip[3] + SLIVER_CSS_PX)


def _overlap(first, second) -> bool:
    shrunk = [Bbox.from_extents(b[0] + SLIVER_CSS_PX, b[1] + SLIVER_CSS_PX, b[2] - SLIVER_CSS_PX,
                                b[3] - SLIVER_CSS_PX) for b in (first, second)]
    if any(b.width <= 0 or b.height <= 0 for b in shrunk):
        return False
    return shrunk[0].overlaps(shrunk[1])


def _fmt(box) -> str:
    return "(" + ", ".join(f"{v:.0f}" for v in box) + ")"
