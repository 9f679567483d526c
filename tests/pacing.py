"""How long a notebook takes a learner: a reading-pace model, so that a notebook's stated time is
checked rather than guessed.

    python tests/pacing.py notebooks/02_worked_example.ipynb   # prints the estimate and its parts

The model, at a learner's pace (reading carefully, running every cell, trying the sliders and doing
the exercises):
- prose and formulas (markdown, worked solutions left out): 120 words a minute;
- each code cell: half a minute to read, run and look at its output;
- each slider panel: 3 minutes to try the suggestions around it;
- each number exercise: 3 minutes; each coding exercise: 10 minutes.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

WORDS_PER_MINUTE = 120
MINUTES_PER_CODE_CELL = 0.5
MINUTES_PER_SLIDER_PANEL = 3
MINUTES_PER_NUMBER_EXERCISE = 3
MINUTES_PER_CODING_EXERCISE = 10
#: The longest class a notebook may take.
CLASS_MINUTES = 50

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STATED = re.compile(r"takes about (\d+) minutes")


@dataclass(frozen=True)
class Pace:
    words: int
    code_cells: int
    slider_panels: int
    number_exercises: int
    coding_exercises: int

    @property
    def minutes(self) -> float:
        return (self.words / WORDS_PER_MINUTE + MINUTES_PER_CODE_CELL * self.code_cells
                + MINUTES_PER_SLIDER_PANEL * self.slider_panels
                + MINUTES_PER_NUMBER_EXERCISE * self.number_exercises
                + MINUTES_PER_CODING_EXERCISE * self.coding_exercises)


def pace(path: Path) -> Pace:
    """The counts the model needs, from a saved notebook."""
    cells = json.loads(Path(path).read_text())["cells"]
    words = code = sliders = numbers = coding = 0
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            words += len(re.findall(r"\w+", re.sub(r"<details>.*?</details>", "", source, flags=re.DOTALL)))
            continue
        if cell["cell_type"] != "code":
            continue
        code += 1
        sliders += any(WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", []))
        numbers += len(re.findall(r"\.check\(answer\)", source))
        coding += bool(re.search(r"^check_\w+\(\w+\)\s*$", source.strip().splitlines()[-1] if source.strip() else ""))
    return Pace(words, code, sliders, numbers, coding)


def stated_minutes(path: Path) -> int | None:
    """The time a notebook's opening cell states ("It takes about N minutes"), or None."""
    first = "".join(json.loads(Path(path).read_text())["cells"][0]["source"])
    match = STATED.search(first.replace("\n", " "))
    return int(match.group(1)) if match else None


if __name__ == "__main__":
    for name in sys.argv[1:]:
        counts = pace(Path(name))
        print(f"{Path(name).name}: about {counts.minutes:.0f} minutes by the model ({counts}); "
              f"it states {stated_minutes(Path(name))}")
