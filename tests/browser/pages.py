"""What the browser tests do in a page: open and run a notebook, look for problems, move sliders.

Works on Playwright's synchronous Page. JupyterLab is driven through its menus, as a person
would; sliders through the keyboard on the slider handle (noUiSlider: ArrowRight and ArrowLeft
move one step and send the new value to the kernel) and with the mouse (press the handle, drag
it along its track, release). "The figure of a cell" is every <img> in that cell's output area;
a figure changed when the src of one of them changed. Its picture is compared by a SHA-256 of
its bytes (JupyterLab shows a data: URL, Voila's Image widget a new blob: URL per value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import BrowserContext, Locator, Page

#: The notebook shown in JupyterLab's main area.
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
#: The kernel's name and state in JupyterLab's status bar, e.g. "Python 3 (ipykernel) | Idle".
KERNEL_STATUS = ".jp-StatusBar-TextItem:has-text(' | ')"
#: A slider's handle (ipywidgets draws sliders with noUiSlider); range sliders have two.
SLIDER_HANDLE = ".noUi-handle[role=slider]"
#: Outputs written to stderr: warnings, and errors with their tracebacks (JupyterLab and Voila alike).
STDERR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
#: The element that scrolls a Voila app (its 'lab' template).
VOILA_SCROLLER = "#rendered_cells"
#: What ipywidgets shows when a widget cannot be drawn.
WIDGET_ERROR = "Error displaying widget"

#: The longest a notebook may take to run in the browser, and a figure to follow a slider (ms).
RUN_TIMEOUT_MS = 180_000
FIGURE_TIMEOUT_MS = 30_000

# Arms a watch on one cell before a key press: records when the key went down, when an <img>
# src in the cell changed, and when the new figure was decoded and painted (the next frame).
_ARM_WATCH = """(cell) => {
  const sources = () => [...cell.querySelectorAll('.jp-OutputArea-output img')].map(image => image.src);
  const before = sources();
  if (window.__gdlibObserver) window.__gdlibObserver.disconnect();
  const record = {pressed: null, changed: null, shown: null};
  window.__gdlibMove = record;
  const observer = new MutationObserver(() => {
    const now = sources();
    if (record.changed !== null || now.length === 0) return;
    if (now.length === before.length && now.every((source, k) => source === before[k])) return;
    record.changed = performance.now();
    observer.disconnect();
    const images = [...cell.querySelectorAll('.jp-OutputArea-output img')];
    Promise.all(images.map(image => image.decode().catch(() => null))).then(() =>
      requestAnimationFrame(() => { record.shown = performance.now(); }));
  });
  window.__gdlibObserver = observer;
  observer.observe(cell, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
  document.addEventListener('keydown', () => { if (record.pressed === null) record.pressed = performance.now(); },
                            {capture: true, once: true});
}"""

_ALL_RAN = """(panel) => {
  const prompts = [...document.querySelectorAll(panel + ' .jp-CodeCell .jp-InputPrompt')]
    .map(prompt => prompt.textContent.trim());
  return prompts.length > 0 && /^\\[\\d+\\]:$/.test(prompts[0]) && !prompts.some(prompt => prompt.includes('*'));
}"""


#: How long the mouse drags a slider, and in how many moves.
DRAG_SECONDS = 2.0
DRAG_STEPS = 40
#: A figure is settled when no new one has come for this long after the mouse is released.
SETTLED_MS = 1500

# Counts the figures a cell shows while a slider of it is dragged: each change of the set of
# <img> sources is one new figure, with the time it came.
_WATCH_DRAG = """(cell) => {
  const sources = () => [...cell.querySelectorAll('.jp-OutputArea-output img')].map(image => image.src).join(' ');
  let last = sources();
  const record = {changes: []};
  window.__gdlibDrag = record;
  if (window.__gdlibDragObserver) window.__gdlibDragObserver.disconnect();
  const observer = new MutationObserver(() => {
    const now = sources();
    if (now === last || now === '') return;
    last = now;
    record.changes.push(performance.now());
  });
  window.__gdlibDragObserver = observer;
  observer.observe(cell, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
}"""

# The SHA-256 of the bytes of every figure in a cell, in order (fetching blob: and data: URLs alike).
_DIGEST = """async (cell) => {
  const images = [...cell.querySelectorAll('.jp-OutputArea-output img')];
  const digests = [];
  for (const image of images) {
    const bytes = await (await fetch(image.src)).arrayBuffer();
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    digests.push([...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join(''));
  }
  return digests;
}"""

# Each figure of a scope: its pixels (naturalWidth) and its size on screen (CSS px).
_IMAGE_SIZES = """(scope) => [...scope.querySelectorAll('.jp-OutputArea-output img')].map(image => ({
  natural: [image.naturalWidth, image.naturalHeight],
  shown: [image.getBoundingClientRect().width, image.getBoundingClientRect().height]}))"""


@dataclass
class Drag:
    """One mouse drag of a slider: how many new figures came while the mouse moved, how long after
    the release the last one came, and whether the figure after it is the picture of its value."""

    slider: str
    cell: int
    figures_during_drag: int
    drag_seconds: float
    settle_ms: float
    final_is_the_values_picture: bool


@dataclass
class Move:
    """One slider move: which slider (its label, and the number of its code cell), which key, and how
    long the figure took."""

    slider: str
    cell: int
    key: str
    latency_ms: float


def keep_on_this_machine(context: BrowserContext) -> None:
    """Abort every request that is not for 127.0.0.1 (fonts or scripts from a CDN, say)."""
    context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), lambda route: route.abort())


def open_lab(page: Page, base_url: str, token: str) -> None:
    """Load JupyterLab in page, with a fresh layout (no tabs restored), and wait for its file browser."""
    page.goto(f"{base_url}/lab?token={token}&reset", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-DirListing-item", timeout=RUN_TIMEOUT_MS)


def open_notebook(page: Page, name: str) -> str:
    """Open a notebook from JupyterLab's file browser (double click) and wait until its kernel is idle.

    Returns the kernel status text (e.g. "Python 3 (ipykernel) | Idle"). Raises AssertionError
    if a dialog opens instead (JupyterLab asks for a kernel when it cannot find the notebook's).
    """
    name_label = page.locator(".jp-DirListing-itemText", has_text=re.compile(f"^{re.escape(name)}$"))
    page.locator(".jp-DirListing-item", has=name_label).dblclick()
    page.wait_for_selector(f"{PANEL} .jp-Cell", timeout=RUN_TIMEOUT_MS)
    page.wait_for_selector(f"{KERNEL_STATUS}:has-text('| Idle'), .jp-Dialog", timeout=RUN_TIMEOUT_MS)
    dialogs = page.locator(".jp-Dialog").all_inner_texts()
    assert not dialogs, f"a dialog opened with the notebook: {dialogs}"
    return page.locator(KERNEL_STATUS).first.inner_text()


def close_notebook(page: Page) -> None:
    """Close the notebook's tab without saving (File menu), and wait until the tab is gone.

    Its kernel goes on running: shut it down through the server (quicker than JupyterLab's
    "Close and Shut Down", which waits for the kernel to exit).
    """
    choose_from_menu(page, "File", "Close Tab")
    page.wait_for_function("(panel) => document.querySelector('.jp-Dialog') || !document.querySelector(panel)",
                           arg=PANEL, timeout=RUN_TIMEOUT_MS)
    discard = page.locator(".jp-Dialog button", has_text=re.compile("^Discard$"))
    if discard.count():
        discard.click()
    page.wait_for_selector(PANEL, state="detached", timeout=RUN_TIMEOUT_MS)


def wait_until_idle(page: Page, timeout: float = RUN_TIMEOUT_MS) -> None:
    """Wait until JupyterLab's status bar says the kernel is idle."""
    page.wait_for_selector(f"{KERNEL_STATUS}:has-text('| Idle')", timeout=timeout)


def choose_from_menu(page: Page, menu: str, item: str) -> None:
    """Click a menu of JupyterLab's menu bar, then one of its items, by their exact labels."""
    menu_label = page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(menu)}$"))
    page.locator(".lm-MenuBar-item", has=menu_label).click()
    label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$"))
    page.locator(".lm-Menu-item", has=label).click()


def run_all_cells(page: Page) -> None:
    """Clear every output, run every cell through the Run menu, and wait until the kernel is idle again.

    Clearing first makes every execution count blank, so "every cell has a number" means "ran now".
    """
    choose_from_menu(page, "Edit", "Clear Outputs of All Cells")
    choose_from_menu(page, "Run", "Run All Cells")
    page.wait_for_function(_ALL_RAN, arg=PANEL, timeout=RUN_TIMEOUT_MS, polling=100)
    wait_until_idle(page)


def cells_not_run(page: Page) -> list[int]:
    """Indices (from 0, among code cells) of the code cells without an execution count."""
    prompts = page.locator(f"{PANEL} .jp-CodeCell .jp-InputPrompt").all_inner_texts()
    return [k for k, prompt in enumerate(prompts) if not re.fullmatch(r"\[\d+\]:", prompt.strip())]


def problems(scope: Locator) -> list[str]:
    """Every stderr or error output, and every widget that failed to display, inside scope."""
    found = [f"stderr/error output: {text.strip()[:400]}" for text in scope.locator(STDERR_OUTPUT).all_inner_texts()]
    found += [f"widget error: {text.strip()[:200]}" for text in scope.get_by_text(WIDGET_ERROR).all_inner_texts()]
    return found


def slider_handles(scope: Locator) -> list[Locator]:
    """Every slider handle inside scope, in page order."""
    return scope.locator(SLIDER_HANDLE).all()


def cell_of(element: Locator) -> Locator:
    """The code cell an element lies in (JupyterLab and Voila's lab template share the class)."""
    return element.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' jp-CodeCell ')][1]")


def cell_number(cell: Locator) -> int:
    """The number of a code cell among the page's code cells, from 1 (its execution count after Run All)."""
    return cell.evaluate("(cell) => [...document.querySelectorAll('.jp-CodeCell')].indexOf(cell) + 1")


def slider_label(handle: Locator) -> str:
    """The description written beside a slider."""
    return handle.locator("xpath=ancestor::div[contains(@class, 'widget-slider')][1]//label").first.inner_text()


def move_slider(page: Page, handle: Locator, key: str) -> tuple[str, float]:
    """Press key on a slider handle and wait until the figure of its cell changes.

    If the slider cannot move that way (it is at its end), the opposite arrow is pressed instead.
    Returns (the key that moved it, milliseconds from the key press to the new figure on screen).
    Raises AssertionError when neither arrow moves the slider or the figure does not change.
    """
    cell = cell_of(handle)
    opposite = {"ArrowRight": "ArrowLeft", "ArrowLeft": "ArrowRight"}
    for attempt in (key, opposite[key]):
        before = handle.get_attribute("aria-valuetext")
        cell.evaluate(_ARM_WATCH)
        handle.press(attempt)
        if handle.get_attribute("aria-valuetext") != before:
            break
    else:
        raise AssertionError(f"slider {slider_label(handle)!r} moves with neither arrow key")
    try:
        page.wait_for_function("() => window.__gdlibMove.shown !== null", timeout=FIGURE_TIMEOUT_MS, polling="raf")
    except Exception as error:  # Playwright's TimeoutError: say what did not happen
        raise AssertionError(f"moving slider {slider_label(handle)!r} with {attempt} did not change the figure "
                             f"of its cell within {FIGURE_TIMEOUT_MS / 1000:.0f} s") from error
    record = page.evaluate("window.__gdlibMove")
    return attempt, record["shown"] - record["pressed"]


def open_in_voila(page: Page, url: str) -> None:
    """Open a notebook as a Voila app and wait until every widget of it is drawn.

    Voila runs the notebook on the server before it sends the page; the page then draws each
    widget output. Raises AssertionError if Voila answers with an error.
    """
    response = page.goto(url, wait_until="load", timeout=RUN_TIMEOUT_MS)
    assert response is not None and response.ok, f"Voila answered {response.status if response else None} for {url}"
    expected = response.text().count('"application/vnd.jupyter.widget-view+json"')
    page.wait_for_function(
        """(expected) => document.querySelectorAll('script[type="application/vnd.voila.cell-output+json"]').length === 0
             && document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets').length >= expected""",
        arg=expected, timeout=RUN_TIMEOUT_MS, polling=100,
    )


def figure_digests(cell: Locator) -> list[str]:
    """SHA-256 (hex) of every figure shown in a cell, in page order."""
    return cell.evaluate(_DIGEST)


def figure_sizes(scope: Locator) -> list[dict]:
    """Every figure in scope: {"natural": [px, px], "shown": [CSS px, CSS px]}."""
    return scope.evaluate(_IMAGE_SIZES)


def wait_until_settled(page: Page, started: float) -> float:
    """Wait until no new figure has come for SETTLED_MS; returns the time of the last one (page clock, ms)."""
    page.wait_for_function(
        f"""(started) => {{
              const changes = window.__gdlibDrag.changes;
              const last = changes.length ? Math.max(changes[changes.length - 1], started) : started;
              return performance.now() - last > {SETTLED_MS};
           }}""", arg=started, timeout=FIGURE_TIMEOUT_MS + SETTLED_MS, polling=100)
    changes = page.evaluate("window.__gdlibDrag.changes")
    return changes[-1] if changes else started


def drag_slider(page: Page, handle: Locator, *, after_settle=None) -> Drag:
    """Drag a slider's handle with the mouse for DRAG_SECONDS, across most of its track and part way
    back, and check the final-value property.

    While the mouse moves, new figures are counted. After the release the figure must settle
    (SETTLED_MS without a new one); then one arrow-key step away and one back must show the very
    same picture again: the figure shown after a drag is the picture of the slider's value.
    """
    cell = cell_of(handle)
    name = slider_label(handle)
    track = handle.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' noUi-target ')][1]")
    box, grip = track.bounding_box(), handle.bounding_box()
    assert box and grip, f"slider {name!r} is not on screen"
    y = grip["y"] + grip["height"] / 2
    start_x = grip["x"] + grip["width"] / 2
    left, right = box["x"] + 2, box["x"] + box["width"] - 2
    far = right if start_x - left < right - start_x else left
    back = start_x + 0.6 * (far - start_x)
    path = [start_x + (far - start_x) * k / (DRAG_STEPS * 2 // 3) for k in range(1, DRAG_STEPS * 2 // 3 + 1)]
    path += [far + (back - far) * k / (DRAG_STEPS - len(path)) for k in range(1, DRAG_STEPS - len(path) + 1)]
    cell.evaluate(_WATCH_DRAG)
    page.mouse.move(start_x, y)
    page.mouse.down()
    began = page.evaluate("performance.now()")
    for x in path:
        page.mouse.move(x, y)
        page.wait_for_timeout(1000 * DRAG_SECONDS / DRAG_STEPS)
    released = page.evaluate("performance.now()")
    page.mouse.up()
    during = sum(1 for time in page.evaluate("window.__gdlibDrag.changes") if time <= released)
    last = wait_until_settled(page, released)
    if after_settle is not None:
        after_settle()
    final = figure_digests(cell)
    moved, _ = move_slider(page, handle, "ArrowRight")
    move_slider(page, handle, {"ArrowRight": "ArrowLeft", "ArrowLeft": "ArrowRight"}[moved])
    if after_settle is not None:
        after_settle()
    again = figure_digests(cell)
    return Drag(name, cell_number(cell), during, (released - began) / 1000, max(0.0, last - released),
                final == again)
