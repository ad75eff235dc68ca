"""Seed 003's worked example: a tiny conv / max-pool / fc / softmax network, by hand.

The network, read off the seed: the input i = (i1, 0, 0, i1) with i1 = 0.1 (what its
outputs 0.625, 0.629, 0.384, 0.380 and its kernel-update lines need); two 3-tap kernels
k1 = (0.1, 0.2, 0.3), b1 = 0.5 and k2 = (0.3, 0.2, 0.1), b2 = -0.5, each giving two
positions C1, C2 (kernel 1) and C3, C4 (kernel 2) through the sigmoid; max-pooling
P1 = max(C1, C2), P2 = max(C3, C4); a sigmoid layer f1, f2 and a softmax output o1, o2,
both with w = (0.1, 0.2, -0.1, -0.2), b = (0.3, -0.3); target (1, 0), cross-entropy,
learning rate 0.5.

`seed003_example()` walks it forward, backward and through one update exactly in the
seed's order, and says line by line where and why the seed's number differs. Every note is
a `Prose` (English template and arguments) so that a UI can translate it.
"""

from __future__ import annotations

import numpy as np

from .functions import softmax
from .worked import NO_NOTE, ExampleStep, Prose, WorkedExample

LEARNING_RATE = 0.5
TARGET = np.array([1.0, 0.0])


def seed003_params() -> dict[str, np.ndarray]:
    """The seed's starting parameters; rows of w are the units they feed."""
    w = np.array([[0.1, 0.2], [-0.1, -0.2]])  # f1 = P1 w1 + P2 w2 + b1, f2 = P1 w3 + P2 w4 + b2
    return {
        "x": np.array([0.1, 0.0, 0.0, 0.1]),
        "k": np.array([[0.1, 0.2, 0.3], [0.3, 0.2, 0.1]]),
        "kb": np.array([0.5, -0.5]),
        "wh": w.copy(),
        "bh": np.array([0.3, -0.3]),
        "wo": w.copy(),
        "bo": np.array([0.3, -0.3]),
    }


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def seed003_forward(p: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Every forward value: conv u and out (kernel, position), pooled, hidden, output, E."""
    x, k = p["x"], p["k"]
    u_c = np.array([[k[m] @ x[t : t + 3] + p["kb"][m] for t in range(2)] for m in range(2)])
    out_c = _sigmoid(u_c)
    pooled = out_c.max(axis=1)
    u_f = p["wh"] @ pooled + p["bh"]
    out_f = _sigmoid(u_f)
    u_o = p["wo"] @ out_f + p["bo"]
    out = softmax(u_o)
    loss = float(-np.sum(TARGET * np.log(out)))
    return {"u_c": u_c, "out_c": out_c, "pooled": pooled, "u_f": u_f, "out_f": out_f,
            "u_o": u_o, "out": out, "loss": np.array(loss)}


def seed003_loss(p: dict[str, np.ndarray]) -> float:
    return float(seed003_forward(p)["loss"])


def _n(v: float) -> str:
    return f"{float(v) + 0.0:.4g}"


def _p(v: float) -> str:
    """A number as a term or factor: negatives in parentheses."""
    return f"({_n(v)})" if v < 0 else _n(v)


def _forward_steps(p: dict[str, np.ndarray], fw: dict[str, np.ndarray]) -> list[ExampleStep]:
    names = ("C1", "C2", "C3", "C4")
    taps = ((1, "k_{11}", 0), (1, "k_{13}", 1), (2, "k_{21}", 0), (2, "k_{23}", 1))
    u_notes = {
        "C2": Prose(r"The seed writes $i_1 k_{12} + b_1$; its $out_{C2} = 0.629 = \sigma(0.53)$ "
                    r"needs $i_1 k_{13}$: the second position of kernel 1 sees the input's "
                    r"last $i_1$ under $k_{13}$."),
        "C3": Prose("The seed writes $i_1 k_{13} + b_2$: $C3$ is kernel 2, so "
                    "$i_1 k_{21} + b_2$."),
        "C4": Prose("The seed writes $i_1 k_{14} + b_2$ (there is no $k_{14}$): "
                    "$i_1 k_{23} + b_2$."),
    }
    out_seed = {"C1": "0.625", "C2": "0.629", "C3": "0.384", "C4": "0.380"}
    steps = []
    for name, (m, tap, t) in zip(names, taps, strict=True):
        u = fw["u_c"][m - 1, t]
        steps.append(ExampleStep("forward", f"I_{{h_{{{name}}}}}",
                                 f"i_1 {tap} + b_{m} = {_n(p['x'][0])} \\cdot "
                                 f"{_n(p['k'][m - 1, 0 if t == 0 else 2])} + "
                                 f"{_p(p['kb'][m - 1])} = {_n(u)}", float(u),
                                 remark=u_notes.get(name, NO_NOTE)))
        out = fw["out_c"][m - 1, t]
        note = (Prose(r"$\sigma(-0.47) = 0.38462$ rounds to 0.385; the seed cut the digits off "
                      "instead of rounding.") if name == "C3" else NO_NOTE)
        steps.append(ExampleStep("forward", f"out_{{{name}}}",
                                 f"\\sigma({_n(u)}) = {_n(out)}", float(out), out_seed[name],
                                 note))
    for j, (a, b) in enumerate((("C1", "C2"), ("C3", "C4"))):
        v = fw["pooled"][j]
        winner = a if fw["out_c"][j, 0] >= fw["out_c"][j, 1] else b
        steps.append(ExampleStep("forward", f"out_{{P{j + 1}}}",
                                 f"\\max(out_{{{a}}}, out_{{{b}}}) = out_{{{winner}}} = {_n(v)}",
                                 float(v)))
    return steps + _fc_forward_steps(p, fw)


def _fc_forward_steps(p: dict[str, np.ndarray], fw: dict[str, np.ndarray]) -> list[ExampleStep]:
    steps = []
    pooled, out_f = fw["pooled"], fw["out_f"]
    for j in range(2):
        w1, w2 = p["wh"][j]
        note = (Prose("The seed writes $out_{P3} w_3 + out_{P4} w_4 + b_2$; there are only "
                      "$P1$ and $P2$.") if j == 1 else NO_NOTE)
        steps.append(ExampleStep(
            "forward", f"out_{{f_{j + 1}}}",
            f"\\sigma({_n(pooled[0])} \\cdot {_p(w1)} + {_n(pooled[1])} \\cdot {_p(w2)} + "
            f"{_p(p['bh'][j])}) = \\sigma({_n(fw['u_f'][j])}) = {_n(out_f[j])}",
            float(out_f[j]), ("0.608", "0.392")[j], note))
    for j in range(2):
        w1, w2 = p["wo"][j]
        steps.append(ExampleStep(
            "forward", f"M_{{O{j + 1}}}",
            f"{_n(out_f[0])} \\cdot {_p(w1)} + {_n(out_f[1])} \\cdot {_p(w2)} + "
            f"{_p(p['bo'][j])} = {_n(fw['u_o'][j])}", float(fw["u_o"][j])))
    for j in range(2):
        steps.append(ExampleStep(
            "forward", f"out_{j + 1}",
            f"e^{{M_{{O{j + 1}}}}} / (e^{{M_{{O1}}}} + e^{{M_{{O2}}}}) = {_n(fw['out'][j])}",
            float(fw["out"][j]), ("0.706", "0.294")[j]))
    steps.append(ExampleStep("forward", "E", f"-\\ln out_1 = {_n(float(fw['loss']))}",
                             float(fw["loss"])))
    return steps


OUTPUT_NOTES = {
    1: Prose("Number right; the seed writes '+ 0.608' for '· 0.608' (the same typo in every "
             "update line of this layer, and '+ 1' for '· 1' in the bias lines)."),
    2: Prose(r"Number right, formula slip: $w_2$ joins $out_{f_2}$ to $M_{O1}$, so its "
             r"gradient is $coef_{o_1} \cdot out_{f_2}$, not the seed's "
             r"$coef_{o_2} \cdot out_{f_2}$ (which would give 0.142)."),
    3: Prose(r"Number right; the seed writes $coef_{o_3}$ (there is no $o_3$): $w_3$ joins "
             r"$out_{f_1}$ to $M_{O2}$, gradient $coef_{o_2} \cdot out_{f_1}$."),
    4: Prose(r"Wrong: $w_4$ joins $out_{f_2} = 0.392$ to $M_{O2}$, so "
             r"$w_4 = -0.2 - 0.5 \cdot 0.294 \cdot 0.392 = -0.258$; the seed printed $w_3$'s "
             r"result again."),
}


def _output_steps(p: dict[str, np.ndarray], fw: dict[str, np.ndarray]) -> list[ExampleStep]:
    """coef_o = out - target, then the output layer's update."""
    coef = fw["out"] - TARGET
    steps = [ExampleStep("backward", f"coef_{{o_{j + 1}}}",
                         f"out_{j + 1} - o_{j + 1} = {_n(fw['out'][j])} - {_n(TARGET[j])} = "
                         f"{_n(coef[j])}", float(coef[j]), ("-0.294", "0.294")[j])
             for j in range(2)]
    seeds = ("0.189", "0.258", "-0.189", "-0.189")
    for n in range(4):
        j, i = divmod(n, 2)
        old, new = p["wo"][j, i], p["wo"][j, i] - LEARNING_RATE * coef[j] * fw["out_f"][i]
        steps.append(ExampleStep(
            "update", f"w_{n + 1}",
            f"{_n(old)} - 0.5 \\cdot coef_{{o_{j + 1}}} \\cdot out_{{f_{i + 1}}} = {_n(old)} - "
            f"0.5 \\cdot ({_n(coef[j])}) \\cdot {_n(fw['out_f'][i])} = {_n(new)}", float(new),
            seeds[n], OUTPUT_NOTES[n + 1]))
    for j in range(2):
        new = p["bo"][j] - LEARNING_RATE * coef[j]
        steps.append(ExampleStep(
            "update", f"b_{j + 1}",
            f"{_n(p['bo'][j])} - 0.5 \\cdot ({_n(coef[j])}) = {_n(new)}", float(new),
            ("0.447", "-0.447")[j]))
    return steps


HIDDEN_NOTES = (
    Prose(r"Wrong: the seed back-propagates through the output weights it has just updated "
          r"(0.189, −0.189); the chain rule uses the weights of the forward pass, $w_1 = 0.1$ "
          r"and $w_3 = -0.1$ (the seed's formula also names $w_2$ where $w_3$ joins "
          r"$out_{f_1}$ to $M_{O2}$). With its updated weights: "
          r"$(-0.294 \cdot 0.189 + 0.294 \cdot (-0.189)) \cdot 0.608 \cdot 0.392 = -0.026$."),
    Prose(r"Wrong, the same way: the weights of $out_{f_2}$ are $w_2 = 0.2$ and $w_4 = -0.2$ "
          r"of the forward pass; the seed's −0.036 comes from its updated $w_2 = 0.258$ and "
          r"$w_4 = -0.258$ (its line shows $w_1, w_2 = 0.189, -0.189$, which would give "
          r"−0.026 again)."),
)
# the hidden layer's updates: {0} the seed's coef_f, {1} its value, {2} the right value
FOLLOWS_WHERE = ("Wrong. It follows from the seed's {0} = {1} (correct {2}); the seed also "
                 "writes {3} where {4} belongs.")
FOLLOWS_W2 = ("Wrong. It follows from the seed's {0} = {1} (correct {2}); the seed also "
              "writes the old value of {3} as 0.1 (it is 0.2) and {4} where {3} (joining {5} "
              "to {6}) needs {0}.")


def _hidden_steps(p: dict[str, np.ndarray], fw: dict[str, np.ndarray]) -> list[ExampleStep]:
    """coef_f = (sum of coef_o times the forward weights) f (1 - f), then f's update."""
    coef_o = fw["out"] - TARGET
    out_f = fw["out_f"]
    back = p["wo"].T @ coef_o
    coef_f = back * out_f * (1 - out_f)
    steps = []
    for i in range(2):
        wa, wb = p["wo"][0, i], p["wo"][1, i]
        steps.append(ExampleStep(
            "backward", f"coef_{{f_{i + 1}}}",
            f"({_n(coef_o[0])} \\cdot {_p(wa)} + {_n(coef_o[1])} \\cdot {_p(wb)}) \\cdot "
            f"{_n(out_f[i])} (1 - {_n(out_f[i])}) = {_n(coef_f[i])}", float(coef_f[i]),
            ("-0.026", "-0.036")[i], HIDDEN_NOTES[i]))
    seeds = ("0.108", "0.205", "-0.089", "-0.193")
    where = (("$out_{f_1} = 0.608$", "$out_{P1} = 0.629$"), None,
             ("$out_{f_1} = 0.608$", "$out_{P1} = 0.629$"),
             ("$out_{f_2} = 0.392$", "$out_{P2} = 0.385$"))
    for n in range(4):
        j, i = divmod(n, 2)
        old = p["wh"][j, i]
        new = old - LEARNING_RATE * coef_f[j] * fw["pooled"][i]
        seed_coef = (f"$coef_{{f_{j + 1}}}$", ("-0.026", "-0.036")[j], _n(coef_f[j]))
        slip = where[n]
        note = (Prose(FOLLOWS_WHERE, seed_coef + slip) if slip is not None else
                Prose(FOLLOWS_W2, (*seed_coef, "$w_2$", "$coef_{f_2}$", "$P2$", "$f_1$")))
        steps.append(ExampleStep(
            "update", f"w_{n + 1}",
            f"{_n(old)} - 0.5 \\cdot coef_{{f_{j + 1}}} \\cdot out_{{P{i + 1}}} = {_n(old)} - "
            f"0.5 \\cdot ({_n(coef_f[j])}) \\cdot {_n(fw['pooled'][i])} = {_n(new)}",
            float(new), seeds[n], note))
    for j in range(2):
        new = p["bh"][j] - LEARNING_RATE * coef_f[j]
        steps.append(ExampleStep(
            "update", f"b_{j + 1}", f"{_n(p['bh'][j])} - 0.5 \\cdot ({_n(coef_f[j])}) = "
            f"{_n(new)}", float(new), ("0.313", "-0.281")[j],
            Prose("Wrong: from the seed's {0} (see above)." + (
                " With it the seed's own line gives −0.282, not −0.281." if j else ""),
                (f"$coef_{{f_{j + 1}}}$",))))
    return steps


def _pool_steps(p: dict[str, np.ndarray], fw: dict[str, np.ndarray]) -> list[ExampleStep]:
    """coeff_p = sum of coef_f times the forward weights; coeff_c = msk coeff_p out(1 - out)."""
    coef_o = fw["out"] - TARGET
    out_f = fw["out_f"]
    coef_f = (p["wo"].T @ coef_o) * out_f * (1 - out_f)
    coef_p = p["wh"].T @ coef_f
    notes = (Prose(r"Wrong: the seed uses the hidden weights it has just updated (0.108, "
                   r"−0.089) and its own $coef_f$; with the forward weights $w_1 = 0.1$, "
                   r"$w_3 = -0.1$ it is $coef_{f_1} \cdot w_1 + coef_{f_2} \cdot w_3$."),
             Prose("Wrong, the same way (updated weights); its line also writes $w_1 = 0.105$ "
                   "where $w_2$ (0.2 in the forward pass) belongs."))
    steps = [ExampleStep(
        "backward", f"coeff_{{p{i + 1}}}",
        f"{_n(coef_f[0])} \\cdot {_n(p['wh'][0, i])} + ({_n(coef_f[1])}) \\cdot "
        f"({_n(p['wh'][1, i])}) = {_n(coef_p[i])}", float(coef_p[i]), ("0.0004", "0.002")[i],
        notes[i]) for i in range(2)]
    seeds = ("0", "0.0001", "0.0005", "0")
    c_notes = (NO_NOTE,
               Prose(r"Wrong: $C2$ feeds $P1$, so "
                     r"$coeff_{c2} = coeff_{p1} \cdot 1 \cdot out_{C2} (1 - out_{C2})$; the "
                     r"seed's formula names $coeff_{p2}$, its number 0.0001 follows from its "
                     r"$coeff_{p1} = 0.0004$."),
               Prose("Wrong: follows from the seed's $coeff_{p2} = 0.002$ (correct 0.0028)."),
               NO_NOTE)
    for n in range(4):
        m, t = divmod(n, 2)
        out = fw["out_c"][m, t]
        mask = 1.0 if out == fw["pooled"][m] else 0.0
        value = mask * coef_p[m] * out * (1 - out)
        steps.append(ExampleStep(
            "backward", f"coeff_{{c{n + 1}}}",
            f"{_n(mask)} \\cdot {_n(coef_p[m])} \\cdot {_n(out)} (1 - {_n(out)}) = {_n(value)}",
            float(value), seeds[n], c_notes[n]))
    return steps


def _conv_steps(p: dict[str, np.ndarray], fw: dict[str, np.ndarray],
                coef_c: np.ndarray) -> list[ExampleStep]:
    """k_ms = k_ms - alpha sum_t coeff_c(m, t) i_{t+s}; b_m = b_m - alpha sum_t coeff_c(m, t)."""
    x = p["x"]
    seeds = (("0.1", "0.2", "0.3", "0.5"), ("0.3", "0.2", "0.1", "0.5"))
    notes = {(0, 2): Prose("Agrees; the seed writes $i_1 = 1$ in '0.0001 · 1' ($i_1$ is 0.1)."),
             (0, 3): Prose("Agrees; the seed sums $coeff_{c1}$ and $coeff_{c4}$, but $b_1$ is "
                           "shared by $C1$ and $C2$."),
             (1, 3): Prose(r"Wrong sign: $b_2$ starts at −0.5 and moves by only "
                           r"$-0.5 \cdot 0.00066$; the seed's 0.5 drops the minus.")}
    steps = []
    for m in range(2):
        for s in range(3):
            grad = sum(coef_c[m, t] * x[t + s] for t in range(2))
            new = p["k"][m, s] - LEARNING_RATE * grad
            steps.append(ExampleStep(
                "update", f"k_{{{m + 1}{s + 1}}}",
                f"{_n(p['k'][m, s])} - 0.5 \\cdot ({_n(coef_c[m, 0])} \\cdot {_n(x[s])} + "
                f"{_n(coef_c[m, 1])} \\cdot {_n(x[s + 1])}) = {new:.6f}", float(new),
                seeds[m][s], notes.get((m, s), NO_NOTE)))
        new_b = p["kb"][m] - LEARNING_RATE * coef_c[m].sum()
        steps.append(ExampleStep(
            "update", f"b_{m + 1}", f"{_n(p['kb'][m])} - 0.5 \\cdot ({_n(coef_c[m, 0])} + "
            f"{_n(coef_c[m, 1])}) = {new_b:.6f}", float(new_b), seeds[m][3],
            notes.get((m, 3), NO_NOTE)))
    return steps


def seed003_example() -> WorkedExample:
    """The whole walk: forward, backward and one update, in the seed's order."""
    p = seed003_params()
    fw = seed003_forward(p)
    pool = _pool_steps(p, fw)
    coef_c = np.array([s.value for s in pool[2:]]).reshape(2, 2)
    steps = (_forward_steps(p, fw) + _output_steps(p, fw) + _hidden_steps(p, fw) + pool
             + _conv_steps(p, fw, coef_c))
    return WorkedExample(
        title="Seed 003: a tiny conv / max-pool / fc / softmax network by hand",
        source="seeds/003 (softmax + cross-entropy, worked example)",
        description=(
            "Input (0.1, 0, 0, 0.1); kernels (0.1, 0.2, 0.3) + 0.5 and (0.3, 0.2, 0.1) − 0.5, "
            "sigmoid; max-pool over each kernel's two positions; sigmoid layer and softmax "
            "output with $w = (0.1, 0.2, -0.1, -0.2)$, $b = (0.3, -0.3)$; target (1, 0); "
            "cross-entropy; learning rate 0.5. Back-propagation uses the forward pass's "
            "weights throughout and updates all of them at the end."),
        steps=tuple(steps),
    )
