"""Replay marks on the network view: which layers' maps are revealed, which one is lit.

Both are item states (visibility, a border), so they survive every new frame."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pyqtgraph as pg

from .cells import Cell, MapRow, OutputBars
from .style import SELECT_COLOR


def set_revealed(cells: Mapping[tuple[str, MapRow], Cell], output: OutputBars | None,
                 output_layer: str | None, layers: Collection[str] | None,
                 row: MapRow = "delta") -> None:
    """Show only `layers`' maps in `row` (the input column counts as "input"); None shows
    every map again."""
    for (layer, cell_row), cell in cells.items():
        shown = layers is None or cell_row != row or layer in layers
        cell.image.setVisible(shown)
    if output is not None:
        shown = layers is None or output_layer in layers
        (output.delta_bars if row == "delta" else output.bars).setVisible(shown)
        other = output.bars if row == "delta" else output.delta_bars
        other.setVisible(True)


def highlight(cells: Mapping[tuple[str, MapRow], Cell], output: OutputBars | None,
              output_layer: str | None, layer: str | None) -> None:
    """Frame `layer`'s maps (None: no frame)."""
    pen = pg.mkPen(SELECT_COLOR, width=3)
    for (name, _row), cell in cells.items():
        cell.vb.setBorder(pen if name == layer else None)
    if output is not None:
        lit = layer is not None and layer == output_layer
        for plot in (output.plot, output.delta_plot):
            plot.getViewBox().setBorder(pen if lit else None)

