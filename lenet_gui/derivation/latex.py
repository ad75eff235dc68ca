"""The engine's LaTeX formulas as rich text a QTextBrowser shows (it renders no LaTeX).

Only the handful of commands the derivation writes are translated; the exported Markdown keeps
the LaTeX itself.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

_SYMBOLS = {
    r"\delta": "δ", r"\sum": "Σ", r"\max": "max", r"\cdot": "·", r"\odot": "⊙",
    r"\otimes": "⊗", r"\times": "×", r"\in": "∈", r"\dots": "…", r"\quad": "&emsp;",
    r"\;": " ", r"\,": " ", r"\{": "⦃", r"\}": "⦄", r"\tfrac14": "¼", r"\tfrac{1}{4}": "¼",
    r"\sigma": "σ", r"\ln": "ln", r"\eta": "η", r"\partial": "∂", r"\underbrace": "",
    r"\frac{1}{N}": "(1/N)", r"\mathbf{1}": "<b>1</b>", r"\tanh": "tanh", r"\exp": "exp",
    r"\\": "<br>", r"\left": "", r"\right": "", r"\begin{aligned}": "",
    r"\end{aligned}": "",
}
_WRAPPERS = re.compile(r"\\(?:mathrm|text|operatorname)\{([^{}]*)\}")
_FRAC = re.compile(r"\\t?frac\{([^{}]*)\}\{([^{}]*)\}")
_SCRIPT = re.compile(r"([_^])\{([^{}]*)\}")  # innermost braces only
_SHORT_SCRIPT = re.compile(r"([_^])([A-Za-z0-9])")


@lru_cache(maxsize=1024)  # the same formulas and labels come back with every snapshot
def tex_to_html(tex: str) -> str:
    """A LaTeX formula as HTML: Greek letters, sums, sub- and superscripts."""
    text = html.escape(tex, quote=False).replace("&amp;", "")  # aligned's column marks
    for command in sorted(_SYMBOLS, key=len, reverse=True):
        text = text.replace(command, _SYMBOLS[command])
    text = _WRAPPERS.sub(r"\1", text)
    for _ in range(4):  # nested scripts: innermost first
        new = _FRAC.sub(r"(\1)/(\2)", text)
        new = _SCRIPT.sub(lambda m: _script(m.group(1), m.group(2)), new)
        if new == text:
            break
        text = new
    text = _SHORT_SCRIPT.sub(lambda m: _script(m.group(1), m.group(2)), text)
    return text.replace("{", "").replace("}", "").replace("⦃", "{").replace("⦄", "}")


_INLINE = re.compile(r"\$([^$]+)\$")


def inline_tex(text: str) -> str:
    """Prose with $...$ formulas (the seeds' notes): each formula as italic HTML (italic is
    notation, as in print; prose is never italic on these pages)."""
    parts = _INLINE.split(text)  # odd entries are the formulas
    return "".join(f"<i>{tex_to_html(p)}</i>" if i % 2 else html.escape(p, quote=False)
                   for i, p in enumerate(parts))


def _script(kind: str, body: str) -> str:
    tag = "sub" if kind == "_" else "sup"
    return f"<{tag}>{body}</{tag}>"
