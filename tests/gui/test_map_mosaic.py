"""Tiling maps into one mosaic and finding them again."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lenet_gui.network_view.mosaic import (
    MosaicLayout,
    grid_shape,
    layer_levels,
    layout_for_shape,
    normalise_per_map,
)


@pytest.mark.parametrize("shape", [(6, 28, 28), (6, 14, 14), (16, 10, 10), (16, 5, 5),
                                   (12, 8, 8), (120,), (84,), (10,)])
def test_every_value_lands_in_its_tile_and_is_found_again(shape):
    layout = layout_for_shape(shape)
    rng = np.random.default_rng(0)
    maps = rng.standard_normal(shape).astype(np.float32)
    mosaic = layout.tile(maps)
    assert mosaic.dtype == np.float32 and mosaic.flags.c_contiguous
    assert mosaic.shape == layout.shape
    flat = maps.reshape(layout.n, layout.h, layout.w)
    for index in (0, layout.n // 2, layout.n - 1):
        y0, x0 = layout.tile_origin(index)
        for r, c in ((0, 0), (layout.h - 1, layout.w - 1)):
            y, x = y0 + r * layout.cell, x0 + c * layout.cell
            assert mosaic[y, x] == flat[index, r, c]
            assert layout.locate(y + 0.5, x + 0.5) == (index, r, c)
    # gaps are NaN, and exactly the number of values is finite
    assert np.count_nonzero(np.isfinite(mosaic)) == maps.size * layout.cell**2


def test_gap_and_outside_locate_to_none():
    layout = MosaicLayout(4, 3, 3, 2, 2, gap=1)
    assert layout.locate(1, 3) is None  # the vertical gap
    assert layout.locate(-1, 0) is None
    assert layout.locate(100, 0) is None


def test_f6_is_the_papers_7x12_bitmap():
    layout = layout_for_shape((84,))
    assert (layout.rows, layout.cols) == (12, 7)


@given(st.integers(1, 200), st.integers(1, 30), st.floats(0.3, 4))
@settings(max_examples=60, deadline=None)
def test_grid_holds_all_maps_without_an_empty_row(n, size, aspect):
    rows, cols = grid_shape(n, size, size, aspect)
    assert rows * cols >= n
    assert (rows - 1) * cols < n


def test_per_map_normalisation():
    maps = np.stack([np.full((2, 2), 5.0), np.arange(4.0).reshape(2, 2) - 1])
    seq = normalise_per_map(maps, diverging=False)
    assert np.all(seq[0] == 0) and seq[1].min() == 0 and seq[1].max() == 1
    div = normalise_per_map(maps, diverging=True)
    assert np.all(div[0] == 1) and np.abs(div[1]).max() == 1


def test_levels_are_symmetric_for_sensitivities_and_never_empty():
    assert layer_levels(np.array([-2.0, 1.0]), diverging=True) == (-2.0, 2.0)
    lo, hi = layer_levels(np.zeros(3), diverging=False)
    assert hi > lo
    assert layer_levels(np.array([np.nan]), diverging=True) == (-1.0, 1.0)
