"""A `Derivation` as the derivation tab's rich text: the seeds' formulas, the probe's numbers,
small matrices as tables and every check beside the engine's value."""

from __future__ import annotations

from typing import Any

import numpy as np

from engine import (
    ConvRoute,
    DenseRoute,
    Derivation,
    ForwardStep,
    OutputRoute,
    ParamStep,
    PoolDown,
    PoolRoute,
)

from .. import engine_texts
from .html_parts import check_table, formula, grid, matrix, notation, num, section, tr

BIG_MAP = 8  # larger expansions (seed 000's picture) are not drawn as tables
KERNELS_PER_ROW = 2  # delta(w) kernels side by side (wider pages scroll sideways)
KERNELS_SHOWN = 4  # more (C5 reads 16 maps) would make the page slow to lay out
SHOWN_MAPS = 2  # a full convolution's largest contributions drawn as tables; the rest listed
QUIET = "color: #555;"  # asides (italic is kept for notation)


def derivation_html(d: Derivation, batch: dict[str, np.ndarray] | None = None,
                    header: str = "") -> str:
    """The whole derivation of one unit; `batch` the optimiser's last batch gradients of the
    unit's kernel or row (engine values), `header` a line above (the replay stage)."""
    kind = engine_texts.kind(d.kind)
    parts = [header, f"<h2>{d.unit_label} — {kind}</h2>", forward_html(d.forward),
             delta_html(d)]
    if d.pool_down is not None:
        parts.append(pool_down_html(d.pool_down, d.forward.input_name))
    if d.params is not None:
        parts.append(params_html(d.params, tr("for the probe image")))
    parts.append(batch_html(batch))
    parts += [section(tr("Check: recomputed here beside the engine's own value")),
              check_table(d.checks)]
    return "".join(parts)


def _terms_table(ws_terms: list[tuple[str, float, str, float]], rest: tuple[int, float],
                 total: float) -> str:
    head = "".join(f"<th>{h}</th>" for h in (tr("weight"), "", tr("input"), "", tr("product")))
    rows = [f"<tr>{head}</tr>"]
    for wl, w, xl, x in ws_terms:
        rows.append(f"<tr><td>{notation(wl)}</td><td align='right'>{num(w)}</td>"
                    f"<td>{notation(xl)}</td><td align='right'>{num(x)}</td>"
                    f"<td align='right'>{num(w * x)}</td></tr>")
    count, rest_sum = rest
    if count:
        more = tr("+ {0} more terms").format(count)
        rows.append(f"<tr><td colspan='4' style='{QUIET}'>{more}</td>"
                    f"<td align='right'>{num(rest_sum)}</td></tr>")
    rows.append(f"<tr><td colspan='4'><b>Σ</b></td><td align='right'><b>{num(total)}</b></td>"
                "</tr>")
    return ('<table border="1" cellspacing="0" cellpadding="3" style="border-color: #999;">'
            + "".join(rows) + "</table>")


def _weighted(ws: Any) -> str:
    """A WeightedSum (engine.explain; not exported by `engine`) as a table of its terms."""
    terms = [(t.weight_label, t.weight, t.input_label, t.value) for t in ws.terms]
    return _terms_table(terms, (ws.rest_count, ws.rest_sum), ws.total)


def forward_html(fw: ForwardStep) -> str:
    out = [section(tr("Forward: u and f(u)")), formula(fw.formula)]
    if fw.inputs_skipped:
        used = ", ".join(str(k) for k in fw.inputs_used)
        skipped = ", ".join(str(k) for k in fw.inputs_skipped)
        out.append("<p>" + tr("Under the connection table this map reads {0} maps {1} only; "
                              "maps {2} are not connected.").format(
            fw.input_name.upper(), used, skipped) + "</p>")
    if fw.weighted is not None:
        out.append(_weighted(fw.weighted))
        bias = "" if fw.bias is None else f" + b = {num(fw.weighted.total)} + {num(fw.bias)}"
        out.append(f"<p>u = Σ{bias} = <b>{num(fw.u.recomputed)}</b></p>")
    elif fw.window is not None:
        head = {"max": "max", "mean": "¼ Σ"}.get(fw.kind, f"{num(fw.coefficient or 0.0)} · Σ")
        tail = f" + {num(fw.bias or 0.0)}" if fw.kind not in ("max", "mean") else ""
        out.append(grid(f"u = {head}", matrix(fw.window),
                                f"{tail} = <b>{num(fw.u.recomputed)}</b>"))
    if fw.activation:
        out.append(f"<p>f(u) = f({num(fw.u.recomputed)}) = <b>{num(fw.f.recomputed)}</b></p>")
    if fw.output is not None:
        out.append("<p>a = softmax(...)<sub>j</sub> = <b>"
                   f"{num(fw.output.recomputed)}</b></p>")
    return "".join(out)


def delta_html(d: Derivation) -> str:
    step = d.delta
    route = step.route
    out = [section(tr("Backward: δ(u)")), formula(step.formula)]
    if isinstance(route, OutputRoute):
        out.append(f"<p>a = {num(route.a)}, y = {num(route.y)}, N = {route.batch_size}</p>")
    elif isinstance(route, DenseRoute):
        out.append("<p>" + tr("From {0}: δ(f) = Σ<sub>j</sub> w<sub>j,i</sub> δ(u<sub>j</sub>)"
                              ).format(route.next_layer) + "</p>")
        out.append(_weighted(route.weighted))
    elif isinstance(route, PoolRoute):
        out.append(pool_route_html(route))
    else:
        out.append(conv_route_html(route))
    if isinstance(route, OutputRoute):
        fp = "" if step.f_prime is None else f" · {num(step.f_prime)}"
        out.append(f"<p>δ(u) = ({num(route.a)} − {num(route.y)}) / {route.batch_size}{fp} = "
                   f"<b>{num(step.delta_u.recomputed)}</b></p>")
    elif step.f_prime is not None and step.delta_f is not None:
        out.append(f"<p>δ(u) = δ(f) f′(u) = {num(step.delta_f.recomputed)} · "
                   f"{num(step.f_prime)} = <b>{num(step.delta_u.recomputed)}</b></p>")
    else:
        out.append(f"<p>δ(u) = <b>{num(step.delta_u.recomputed)}</b></p>")
    return "".join(out)


def _share_name(pool: str) -> str:
    return {"max": tr("the mask msk"), "mean": "¼", "trainable": tr("the coefficient a")}[pool]


def pool_route_html(route: PoolRoute) -> str:
    i, j = route.next_position
    pos = (int(route.position[0]), int(route.position[1]))
    out = ["<p>" + tr("{0}[{1},{2}] pools this window of f, δ(u<sup>S</sup>) = {3}; this unit "
                      "is at position {4} (highlighted).").format(
        route.next_layer, i, j, num(route.delta_next), pos) + "</p>",
        grid(matrix(route.window, pos, signs=False, title=tr("f under the window")),
                     matrix(route.share, pos, signs=False, title=_share_name(route.pool)),
                     ops=("",)),
        f"<p>δ(f) = {num(route.share[pos])} · {num(route.delta_next)} = "
        f"<b>{num(route.share[pos] * route.delta_next)}</b></p>"]
    if route.pool == "max":
        got = tr("received") if route.share[pos] else tr("did not receive")
        out.append("<p>" + tr("This unit {0} the window's sensitivity (only the first maximum "
                              "does).").format(got) + "</p>")
    out.append(_kron(route.expanded))
    return "".join(out)


def _kron(expanded: np.ndarray | None) -> str:
    if expanded is None or expanded.shape[0] > BIG_MAP:
        return ""
    return ("<p>" + tr("The whole map, seed 000's picture ¼ δ(u<sup>S</sup>) ⊗ "
                       "<b>1</b><sub>2×2</sub>:") + "</p>" + grid(matrix(expanded)))


def pool_down_html(down: PoolDown, below: str) -> str:
    out = [section(tr("Down to {0}: δ(f<sub>prev</sub>) = {1} · δ(u)").format(
        below.upper(), _share_name(down.pool)))]
    mark = None
    if down.pool == "max":
        a, b = np.unravel_index(int(np.argmax(down.share)), (2, 2))
        mark = (int(a), int(b))
    out.append(grid(matrix(down.window, mark, signs=False, title=tr("window")),
                            matrix(down.share, mark, signs=False, title=_share_name(down.pool)),
                            f"· {num(down.delta_u)}",
                      matrix(down.delta_f_prev.recomputed, mark, title="δ(f<sub>prev</sub>)"),
                            ops=("", "", "=")))
    if mark is not None:
        out.append("<p>" + tr("Only the (first) maximum, {0} at position {1}, receives "
                              "δ(u).").format(num(down.window[mark]), mark) + "</p>")
    out.append(_kron(down.expanded))
    return "".join(out)


def conv_route_html(route: ConvRoute) -> str:
    maps = ", ".join(str(c.next_map) for c in route.contributions)
    out = ["<p>" + tr("Full convolution from {0} maps {1}: the window of their δ(u) times "
                      "the 180°-rotated kernel, summed.").format(route.next_layer, maps)
           + "</p>"]
    if route.skipped_maps:
        skipped = ", ".join(str(m) for m in route.skipped_maps)
        out.append("<p>" + tr("Maps {0} of {1} do not read this map under the connection "
                              "table.").format(skipped, route.next_layer) + "</p>")
    ranked = sorted(route.contributions, key=lambda c: -abs(c.total))
    for c in ranked[:SHOWN_MAPS]:
        out.append(f"<p><b>m = {c.next_map}</b></p>" + grid(
            matrix(c.window, title=tr("δ(u) window")),
            matrix(c.rotated_kernel, title=tr("rot180(w)")),
            matrix(c.products, title=tr("products")), f"Σ = <b>{num(c.total)}</b>",
            ops=("⊙", "=", "→")))
    if len(ranked) > SHOWN_MAPS:
        rest = ", ".join(f"m = {c.next_map}: {num(c.total)}" for c in ranked[SHOWN_MAPS:])
        out.append("<p>" + tr("The other {0} maps (smaller sums): {1}").format(
            len(ranked) - SHOWN_MAPS, rest) + "</p>")
    total = sum(c.total for c in route.contributions)
    out.append(f"<p>δ(f) = Σ<sub>m</sub> = <b>{num(total)}</b></p>")
    return "".join(out)


def params_html(p: ParamStep, source: str) -> str:
    dw = p.delta_w.recomputed
    out = [section(tr("δ(w), δ(b) {0}").format(source)), formula(p.formula_w)]
    if dw.ndim == 3:
        out.append(_kernels(dw))
    elif dw.ndim == 0:
        out.append(f"<p>δ(a) = <b>{num(float(dw))}</b></p>")
    else:
        out.append(_largest(dw.reshape(-1)))
    out += [formula(p.formula_b), f"<p>δ(b) = <b>{num(p.delta_b.recomputed)}</b></p>"]
    return "".join(out)


def _kernels(dw: np.ndarray) -> str:
    """A map's delta(w) kernels (the connected ones), the largest few drawn as tables."""
    used = [i for i, k in enumerate(dw) if k.any()]
    shown = sorted(sorted(used, key=lambda i: -float(np.max(np.abs(dw[i]))))[:KERNELS_SHOWN])
    kernels = [matrix(dw[i], title=f"δ(w<sup>(k={i})</sup>)") for i in shown]
    out = [grid(*kernels[s:s + KERNELS_PER_ROW]) for s in range(0, len(kernels),
                                                                 KERNELS_PER_ROW)]
    rest = [i for i in used if i not in shown]
    if rest:
        out.append("<p>" + tr("{0} smaller kernels not drawn (k = {1}).").format(
            len(rest), ", ".join(str(i) for i in rest)) + "</p>")
    return "".join(out)


def _largest(flat: np.ndarray) -> str:
    top = np.argsort(-np.abs(flat))[:5]
    listed = ", ".join(f"δ(w<sub>{int(i)}</sub>) = {num(flat[i])}" for i in top)
    return "<p>" + tr("Largest of {0}: {1}").format(flat.size, listed) + "</p>"


def batch_html(batch: dict[str, np.ndarray] | None) -> str:
    """The optimiser's gradients of the unit's kernel or row over its last batch."""
    if not batch:
        return ""
    out = [section(tr("δ(w), δ(b) for the batch the optimiser used")),
           f"<p style='{QUIET}'>" + tr("The engine's values from the last training batch (the "
                                       "mean over its images); this is what the update used.")
           + "</p>"]
    w = batch.get("weight", batch.get("coef"))
    if w is not None and w.ndim == 3:
        out.append(_kernels(w))
    elif w is not None and w.ndim == 0:
        out.append(f"<p>δ(a) = <b>{num(float(w))}</b></p>")
    elif w is not None:
        out.append(_largest(w.reshape(-1)))
    if "bias" in batch:
        out.append(f"<p>δ(b) = <b>{num(float(batch['bias']))}</b></p>")
    return "".join(out)
