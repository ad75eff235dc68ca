"""The English of the seeds' worked examples (engine.explain), translated where shown.

The engine cannot import Qt, so its worked examples arrive as English: fixed titles and
`Prose` notes (an English template and its arguments, numbers or notation). Every template
is marked here for lupdate (context "WorkedExamples"); `text()` translates a fixed text and
`prose()` a note, filling in the engine's own arguments. `tests/gui` fails when the engine
writes a template that is not marked here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine import Prose

CONTEXT = "WorkedExamples"

STAGES: dict[str, str] = {  # ExampleStep.stage
    "forward": str(QT_TRANSLATE_NOOP("WorkedExamples", "forward")),
    "backward": str(QT_TRANSLATE_NOOP("WorkedExamples", "backward")),
    "update": str(QT_TRANSLATE_NOOP("WorkedExamples", "update")),
}

# every text below is the engine's English, verbatim (seed003.py, seed_tables.py)
MARKED: tuple[str, ...] = (
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Seed 003: a tiny conv / max-pool / fc / softmax network by hand")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "seeds/003 (softmax + cross-entropy, worked example)")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Input (0.1, 0, 0, 0.1); kernels (0.1, 0.2, 0.3) + 0.5 and (0.3, "
                          "0.2, 0.1) − 0.5, sigmoid; max-pool over each kernel's two "
                          "positions; sigmoid layer and softmax output with $w = (0.1, 0.2, "
                          "-0.1, -0.2)$, $b = (0.3, -0.3)$; target (1, 0); cross-entropy; "
                          "learning rate 0.5. Back-propagation uses the forward pass's "
                          "weights throughout and updates all of them at the end.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          r"The seed writes $i_1 k_{12} + b_1$; its $out_{C2} = 0.629 = "
                          r"\sigma(0.53)$ needs $i_1 k_{13}$: the second position of kernel 1 "
                          r"sees the input's last $i_1$ under $k_{13}$.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "The seed writes $i_1 k_{13} + b_2$: $C3$ is kernel 2, so $i_1 "
                          "k_{21} + b_2$.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          r"$\sigma(-0.47) = 0.38462$ rounds to 0.385; the seed cut the digits"
                          r" off instead of rounding.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "The seed writes $i_1 k_{14} + b_2$ (there is no $k_{14}$): $i_1 "
                          "k_{23} + b_2$.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "The seed writes $out_{P3} w_3 + out_{P4} w_4 + b_2$; there are "
                          "only $P1$ and $P2$.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Number right; the seed writes '+ 0.608' for '· 0.608' (the same "
                          "typo in every update line of this layer, and '+ 1' for '· 1' in "
                          "the bias lines).")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          r"Number right, formula slip: $w_2$ joins $out_{f_2}$ to $M_{O1}$, "
                          r"so its gradient is $coef_{o_1} \cdot out_{f_2}$, not the seed's "
                          r"$coef_{o_2} \cdot out_{f_2}$ (which would give 0.142).")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          r"Number right; the seed writes $coef_{o_3}$ (there is no $o_3$): "
                          r"$w_3$ joins $out_{f_1}$ to $M_{O2}$, gradient $coef_{o_2} \cdot "
                          r"out_{f_1}$.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          r"Wrong: $w_4$ joins $out_{f_2} = 0.392$ to $M_{O2}$, so $w_4 = -0.2"
                          r" - 0.5 \cdot 0.294 \cdot 0.392 = -0.258$; the seed printed $w_3$'s"
                          r" result again.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          r"Wrong: the seed back-propagates through the output weights it has "
                          r"just updated (0.189, −0.189); the chain rule uses the weights of "
                          r"the forward pass, $w_1 = 0.1$ and $w_3 = -0.1$ (the seed's formula"
                          r" also names $w_2$ where $w_3$ joins $out_{f_1}$ to $M_{O2}$). With"
                          r" its updated weights: $(-0.294 \cdot 0.189 + 0.294 \cdot (-0.189))"
                          r" \cdot 0.608 \cdot 0.392 = -0.026$.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Wrong, the same way: the weights of $out_{f_2}$ are $w_2 = 0.2$ "
                          "and $w_4 = -0.2$ of the forward pass; the seed's −0.036 comes from"
                          " its updated $w_2 = 0.258$ and $w_4 = -0.258$ (its line shows "
                          "$w_1, w_2 = 0.189, -0.189$, which would give −0.026 again).")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Wrong. It follows from the seed's {0} = {1} (correct {2}); the "
                          "seed also writes {3} where {4} belongs.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Wrong. It follows from the seed's {0} = {1} (correct {2}); the "
                          "seed also writes the old value of {3} as 0.1 (it is 0.2) and {4} "
                          "where {3} (joining {5} to {6}) needs {0}.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Wrong: from the seed's {0} (see above).")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Wrong: from the seed's {0} (see above). With it the seed's own "
                          "line gives −0.282, not −0.281.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          r"Wrong: the seed uses the hidden weights it has just updated "
                          r"(0.108, −0.089) and its own $coef_f$; with the forward weights "
                          r"$w_1 = 0.1$, $w_3 = -0.1$ it is $coef_{f_1} \cdot w_1 + coef_{f_2}"
                          r" \cdot w_3$.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Wrong, the same way (updated weights); its line also writes $w_1 ="
                          " 0.105$ where $w_2$ (0.2 in the forward pass) belongs.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          r"Wrong: $C2$ feeds $P1$, so $coeff_{c2} = coeff_{p1} \cdot 1 \cdot "
                          r"out_{C2} (1 - out_{C2})$; the seed's formula names $coeff_{p2}$, "
                          r"its number 0.0001 follows from its $coeff_{p1} = 0.0004$.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Wrong: follows from the seed's $coeff_{p2} = 0.002$ (correct "
                          "0.0028).")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Agrees; the seed writes $i_1 = 1$ in '0.0001 · 1' ($i_1$ is 0.1).")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Agrees; the seed sums $coeff_{c1}$ and $coeff_{c4}$, but $b_1$ is "
                          "shared by $C1$ and $C2$.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          r"Wrong sign: $b_2$ starts at −0.5 and moves by only $-0.5 \cdot "
                          r"0.00066$; the seed's 0.5 drops the minus.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Seed 000 expands the 4x4 sensitivity of a mean-pooled map to 8x8 "
                          "with MATLAB's {0}: every value covers the 2x2 window it was pooled"
                          " from. The mean took 1/4 of each input, so each input's "
                          "sensitivity is a quarter of that: the engine's mean-pooling "
                          "backward gives {0} / 4 (largest difference {1}). The seed's "
                          "printed {2} is the expansion before that division.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Found by nudging each S2 map and watching which C3 maps move; it "
                          "equals the paper's Table I ({0} kernels). Seed 004's list $Cbn$ "
                          "writes (5,14) twice in its last row, where column 13 needs (5,13):"
                          " C3 map 13 reads S2 maps 1, 2, 4, 5.")),
    str(QT_TRANSLATE_NOOP("WorkedExamples",
                          "Found by nudging each S2 map and watching which C3 maps move; it "
                          "DIFFERS FROM the paper's Table I ({0} kernels). Seed 004's list "
                          "$Cbn$ writes (5,14) twice in its last row, where column 13 needs "
                          "(5,13): C3 map 13 reads S2 maps 1, 2, 4, 5.")),
)


def text(english: str) -> str:
    """A fixed text of the examples in the UI's language (unchanged when not marked)."""
    return QCoreApplication.translate(CONTEXT, english)


def prose(note: Prose) -> str:
    """An engine note in the UI's language, with the engine's arguments filled in."""
    return note.text(text(note.template)) if note.template else ""


def stage(name: str) -> str:
    return text(STAGES.get(name, name))
