"""A matplotlib figure as an SVG fragment to inline in HTML: no script, no font, no file beside it.

Text stays text (`svg.fonttype: none`), so the browser shapes it with the reader's own fonts: Arabic
joins and runs right to left, Cyrillic reads as written, and a screen reader can read the labels.
Each chart gets its own id salt, so the clip-path ids of several inlined SVGs never collide.
"""

import io
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
from matplotlib.figure import Figure

STYLE = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
}
PALETTE = ["#2563eb", "#16a34a", "#f59e0b", "#dc2626", "#7c3aed", "#0891b2"]


@contextmanager
def styled_figure(width: float = 7.5, height: float = 3.2) -> Iterator[Figure]:
    """A figure of the report's style, drawn inside the style (fonts and spines are read at creation).

    pyplot is never used, so no global figure state is touched and publishing stays thread-safe.
    """
    with mpl.rc_context(STYLE):
        yield Figure(figsize=(width, height), layout="constrained")


def to_svg(figure: Figure, name: str) -> str:
    """The figure as an `<svg>` element, titled by `name` for screen readers."""
    buffer = io.StringIO()
    with mpl.rc_context({**STYLE, "svg.hashsalt": name}):
        figure.savefig(buffer, format="svg", metadata={"Title": name, "Date": None})
    text = buffer.getvalue()
    svg = text[text.index("<svg") :]
    return svg.replace("<svg ", f'<svg role="img" aria-label="{name}" class="chart" ', 1)
