"""The steps of a worked example, each beside the number the seed printed for it.

The examples' English (titles, notes) is plain data a UI can translate: every sentence is
a `Prose`, a fixed English template (the key a translation is found by) and its
arguments, numbers or notation, never words.
"""

from __future__ import annotations

from dataclasses import dataclass

SEED_TOLERANCE = 0.6  # in units of the seed's last printed digit (it rounds as it goes)


@dataclass(frozen=True)
class Prose:
    """An English sentence as a template and its arguments.

    `template` is the English with {0}, {1}... where `args` go (numbers, or notation such as
    "$coef_{f_1}$"); a template without args is never formatted, so its LaTeX braces stay as
    written. A UI translates `template` and fills in the same args: `text(translated)`.
    Prose in `$...$` is LaTeX notation.
    """

    template: str
    args: tuple[str, ...] = ()

    def text(self, template: str | None = None) -> str:
        """The sentence in `template`'s words (a translation of `self.template`), or English."""
        words = self.template if template is None else template
        return words.format(*self.args) if self.args else words

    def __str__(self) -> str:
        return self.text()


NO_NOTE = Prose("")


@dataclass(frozen=True)
class ExampleStep:
    """One line of a worked example: the formula with numbers, the value computed here, and
    the seed's own number (as printed) with a note where the two differ or the seed's
    formula has a slip (`remark`, as English in `note`).

    `agrees` allows 0.6 units of the seed's last printed digit: the seed computes each line
    from the previous lines' rounded numbers.
    """

    stage: str  # "forward", "backward" or "update"
    symbol: str  # the seed's name for the value, LaTeX
    formula: str  # LaTeX, the numbers substituted
    value: float
    seed_text: str | None = None
    remark: Prose = NO_NOTE

    @property
    def note(self) -> str:
        return self.remark.text()

    @property
    def seed_value(self) -> float | None:
        return None if self.seed_text is None else float(self.seed_text)

    @property
    def decimals(self) -> int:
        text = self.seed_text or ""
        return len(text.split(".")[1]) if "." in text else 0

    @property
    def difference(self) -> float | None:
        seed = self.seed_value
        return None if seed is None else self.value - seed

    @property
    def agrees(self) -> bool | None:
        diff = self.difference
        if diff is None:
            return None
        return abs(diff) <= SEED_TOLERANCE * 10.0 ** -self.decimals


@dataclass(frozen=True)
class WorkedExample:
    """A seed's worked example recomputed line by line. `title`, `source` and
    `description` are fixed English texts (a UI translates each as a whole)."""

    title: str
    source: str
    description: str
    steps: tuple[ExampleStep, ...]

    def step(self, symbol: str) -> ExampleStep:
        """The step with this symbol (the last one, for names the seed reuses)."""
        found = [s for s in self.steps if s.symbol == symbol]
        if not found:
            raise KeyError(symbol)
        return found[-1]

    @property
    def disagreements(self) -> tuple[ExampleStep, ...]:
        return tuple(s for s in self.steps if s.agrees is False)


def example_markdown(example: WorkedExample) -> str:
    """The example as a Markdown table: formula, value, the seed's number, and why they
    differ."""
    lines = [f"# {example.title}", "", f"Source: {example.source}", "", example.description, "",
             "| step | formula | value | seed | agrees | note |", "|---|---|---|---|---|---|"]
    for s in example.steps:
        seed = s.seed_text if s.seed_text is not None else ""
        agrees = {None: "", True: "yes", False: "**no**"}[s.agrees]
        lines.append(f"| {s.stage} | ${s.symbol} = {s.formula}$ | {s.value:.6g} | {seed} | "
                     f"{agrees} | {s.note} |")
    return "\n".join(lines) + "\n"
