"""A derivation as Markdown with LaTeX ($...$ inline, $$...$$ display) for a student's notes."""

from __future__ import annotations

import numpy as np

from .types import (
    ArrayCheck,
    Check,
    ConvRoute,
    DenseRoute,
    Derivation,
    ForwardStep,
    OutputRoute,
    ParamStep,
    PoolDown,
    PoolRoute,
    WeightedSum,
)


def num(v: float) -> str:
    """A number as the notes print it, in LaTeX: 6 significant digits, powers of ten written
    out."""
    text = f"{float(v) + 0.0:.6g}"  # + 0.0: no "-0"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return text


def factor(v: float) -> str:
    """A number as a factor of a product: negatives in parentheses."""
    return f"({num(v)})" if v < 0 else num(v)


def tex(label: str) -> str:
    return label.replace("delta(", r"\delta(")


def matrix(a: np.ndarray) -> str:
    """A 2-D array as a LaTeX pmatrix."""
    rows = (" & ".join(num(v) for v in row) for row in np.atleast_2d(a))
    return r"\begin{pmatrix} " + r" \\ ".join(rows) + r" \end{pmatrix}"


def weighted_sum_tex(ws: WeightedSum) -> str:
    """w x + w x + ... + (N more terms = s), the biggest products first."""
    parts = [f"{tex(t.weight_label)}\\,{tex(t.input_label)}" for t in ws.terms]
    values = [f"({num(t.weight)})({num(t.value)})" for t in ws.terms]
    if ws.rest_count:
        parts.append(r"\dots")
        more = rf"{ws.rest_count}\text{{ more terms}}"
        values.append(rf"\underbrace{{{num(ws.rest_sum)}}}_{{{more}}}")
    return " + ".join(parts) + r" \\ &= " + " + ".join(values)


def to_markdown(d: Derivation) -> str:
    """The whole derivation of one unit: forward, delta(u), delta(w) and delta(b), checks."""
    title = f"# {d.unit_label}: {d.kind}"
    if d.sample:
        title += f" (image {d.sample} of the batch)"
    lines = [title, "", *_forward_md(d.forward), "", *_delta_md(d), ""]
    if d.pool_down is not None:
        lines += [*_pool_down_md(d.pool_down, d.forward.input_name), ""]
    if d.params is not None:
        n = d.params.batch_size
        lines += [*_params_md(d.params, "the probe image" if n == 1 else f"the batch of {n}"),
                  ""]
    if d.batch_params is not None:
        lines += [*_params_md(d.batch_params,
                              f"the batch of {d.batch_params.batch_size} the optimiser used"),
                  ""]
    lines += _checks_md(d)
    return "\n".join(lines) + "\n"


def _forward_md(fw: ForwardStep) -> list[str]:
    out = ["## Forward", "", f"$${fw.formula}$$", ""]
    if fw.inputs_skipped:
        used = ", ".join(str(k) for k in fw.inputs_used)
        skipped = ", ".join(str(k) for k in fw.inputs_skipped)
        out += [f"Under the connection table this map reads {fw.input_name.upper()} maps "
                f"{used} only; maps {skipped} are not connected.", ""]
    if fw.weighted is not None:
        bias = f" + {num(fw.bias)}" if fw.bias is not None else ""
        out.append(r"$$\begin{aligned} u &= " + weighted_sum_tex(fw.weighted) + bias
                   + rf" \\ &= {num(fw.u.recomputed)} \end{{aligned}}$$")
    else:
        assert fw.window is not None
        head = {"max": r"\max", "mean": r"\tfrac{1}{4}\sum"}.get(fw.kind)
        if head is None:
            head = rf"{num(fw.coefficient or 0.0)} \cdot \sum"
            tail = f" + {num(fw.bias or 0.0)}"
        else:
            tail = ""
        out.append(f"$$u = {head} {matrix(fw.window)}{tail} = {num(fw.u.recomputed)}$$")
    if fw.activation:
        out += ["", f"$$f(u) = f({num(fw.u.recomputed)}) = {num(fw.f.recomputed)}$$"]
    if fw.output is not None:
        z = "f(u)" if "f(u)" in fw.output.label else "u"
        out += ["", rf"$$a_j = \mathrm{{softmax}}({z})_j = {num(fw.output.recomputed)}$$"]
    return out


def _delta_md(d: Derivation) -> list[str]:
    step = d.delta
    out = [r"## $\delta(u)$", "", f"$${step.formula}$$", ""]
    route = step.route
    if isinstance(route, OutputRoute):
        out.append(f"$$a = {num(route.a)}, \\quad y = {num(route.y)}, \\quad N = "
                   f"{route.batch_size}$$")
    elif isinstance(route, DenseRoute):
        out.append(rf"From {route.next_layer}:")
        out.append(r"$$\begin{aligned} \delta(f) &= " + weighted_sum_tex(route.weighted)
                   + rf" \\ &= {num(route.weighted.total)} \end{{aligned}}$$")
    elif isinstance(route, PoolRoute):
        out += _pool_md(route)
    else:
        out += _conv_md(route)
    if isinstance(route, OutputRoute):
        fp = "" if step.f_prime is None else rf" \cdot {factor(step.f_prime)}"
        out += ["", rf"$$\delta(u) = \frac{{{factor(route.a)} - {num(route.y)}}}"
                rf"{{{route.batch_size}}}{fp} = {num(step.delta_u.recomputed)}$$"]
    elif step.f_prime is not None and step.delta_f is not None:
        out += ["", f"$$\\delta(u) = \\delta(f)\\,f'(u) = {factor(step.delta_f.recomputed)}"
                f" \\cdot {factor(step.f_prime)} = {num(step.delta_u.recomputed)}$$"]
    else:
        out += ["", f"$$\\delta(u) = {num(step.delta_u.recomputed)}$$"]
    return out


def _pool_md(route: PoolRoute) -> list[str]:
    i, j = route.next_position
    share_name = {"max": "msk", "mean": r"\tfrac14", "trainable": "a"}[route.pool]
    out = [f"{route.next_layer}[{i},{j}] pools the window $f = {matrix(route.window)}$ with "
           f"$\\delta(u^S_{{{i},{j}}}) = {num(route.delta_next)}$; this unit is at "
           f"position {route.position} of the window.", "",
           f"$${share_name} = {matrix(route.share)}, \\quad \\delta(f) = "
           f"{factor(route.share[route.position])} \\cdot {factor(route.delta_next)}"
           f" = {num(route.share[route.position] * route.delta_next)}$$"]
    if route.pool == "max":
        got = "received" if route.share[route.position] else "did not receive"
        out += ["", f"This unit {got} the window's sensitivity (only the first maximum does)."]
    if route.expanded is not None and route.expanded.shape[0] <= 8:
        out += ["", r"The whole map, seed 000's picture "
                r"$\tfrac14\,\delta(u^S) \otimes \mathbf{1}_{2\times2}$:", "",
                f"$${matrix(route.expanded)}$$"]
    return out


def _pool_down_md(down: PoolDown, below: str) -> list[str]:
    name = {"max": "msk", "mean": r"\tfrac14", "trainable": "a"}[down.pool]
    out = [rf"## Down to {below.upper()}: $\delta(f_{{prev}})$", "",
           rf"$$\delta(f_{{prev}}) = {name} \cdot \delta(u) = {matrix(down.share)} \cdot "
           rf"{factor(down.delta_u)} = {matrix(down.delta_f_prev.recomputed)}$$"]
    if down.pool == "max":
        a, b = np.unravel_index(int(np.argmax(down.share)), (2, 2))
        out += ["", rf"Of the window ${matrix(down.window)}$ only the (first) maximum, "
                rf"{num(down.window[a, b])} at position ({a}, {b}), receives $\delta(u)$."]
    if down.expanded is not None and down.expanded.shape[0] <= 8:
        out += ["", r"The whole map, seed 000's picture "
                r"$\tfrac14\,\delta(u) \otimes \mathbf{1}_{2\times2}$:", "",
                f"$${matrix(down.expanded)}$$"]
    return out


def _conv_md(route: ConvRoute) -> list[str]:
    maps = ", ".join(str(c.next_map) for c in route.contributions)
    out = [f"Full convolution from {route.next_layer} maps {maps}:"]
    if route.skipped_maps:
        skipped = ", ".join(str(m) for m in route.skipped_maps)
        out.append(f"(maps {skipped} of {route.next_layer} do not read this map under the "
                   "connection table)")
    out.append("")
    for c in route.contributions:
        out.append(f"$$m = {c.next_map}: \\quad \\sum {matrix(c.window)} \\odot "
                   f"{matrix(c.rotated_kernel)} = {num(c.total)}$$")
    total = sum(c.total for c in route.contributions)
    out += ["", f"$$\\delta(f) = {num(total)}$$"]
    return out


def _params_md(p: ParamStep, source: str) -> list[str]:
    dw = p.delta_w.recomputed
    out = [r"## $\delta(w)$, $\delta(b)$ for " + source, "", f"$${p.formula_w}$$", ""]
    if dw.ndim == 3:
        for k, kernel in enumerate(dw):
            if kernel.any():
                out.append(f"$$\\delta(w^{{(k={k})}}) = {matrix(kernel)}$$")
    elif dw.ndim == 0:
        out.append(f"$$\\delta(a) = {num(float(dw))}$$")
    else:
        flat = dw.reshape(-1)
        top = np.argsort(-np.abs(flat))[:5]
        listed = ", ".join(f"\\delta(w_{{{int(i)}}}) = {num(flat[i])}" for i in top)
        out.append(f"Largest of {flat.size}: ${listed}$")
    out += ["", f"$${p.formula_b} = {num(p.delta_b.recomputed)}$$"]
    return out


def _checks_md(d: Derivation) -> list[str]:
    out = ["## Check against the engine", "", "| value | recomputed | engine | difference |",
           "|---|---|---|---|"]
    for c in d.checks:
        if isinstance(c, ArrayCheck):
            out.append(f"| {c.label} {c.recomputed.shape} | array | array | "
                       f"max {c.max_abs_difference:.2e} |")
        else:
            assert isinstance(c, Check)
            out.append(f"| {c.label} | {c.recomputed + 0.0:.6g} | {c.engine + 0.0:.6g} | "
                       f"{c.difference:.2e} |")
    return out
