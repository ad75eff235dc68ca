"""Shared pieces of the insight views: the base class, colours, captions and the gallery."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import QLabel, QListView, QWidget

from engine import Dataset, NetworkConfig, Snapshot

from .. import engine_texts
from .runs import RunPair

# weights and gradients: two different diverging maps, both white at 0
WEIGHT_CMAP = "CET-D1"  # blue - white - red
GRAD_CMAP = "CET-D2"  # green - white - purple
HEAT_CMAP = "inferno"  # magnitudes (saliency)
THUMB = 56  # gallery thumbnail size in pixels (2x a 28x28 digit)

_Index = QModelIndex | QPersistentModelIndex


@dataclass
class InsightContext:
    """What the views need from the application besides snapshots."""

    dataset: Dataset | None  # test images for galleries, class names
    network_config: NetworkConfig | None  # of the trained network
    set_probe_index: Callable[[int], None]  # make test image i the network view's probe
    request_evaluation: Callable[[], None]  # evaluate the test set now


def class_names(ctx: InsightContext) -> tuple[str, ...]:
    """The dataset's class names ("0".."9" before any data is loaded)."""
    ds = ctx.dataset
    return engine_texts.texts(ds.class_names) if ds is not None else tuple(map(str, range(10)))


class InsightView(QWidget):
    """Base of every insight tab.

    `update_snapshot` only remembers the snapshot while the view is hidden; the work happens
    in `_render`, right away when visible or at the next show. `render_count` counts renders.
    `title` is the tab's title: untranslated on the class (each subclass marks its own with
    QT_TRANSLATE_NOOP in its own context), translated on the instance.
    """

    title = "Insight"
    draws_both_runs = False  # while comparing, draws runs A and B at once (`set_runs`)

    def __init__(self, ctx: InsightContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QCoreApplication.translate(type(self).__name__, type(self).title)
        self.ctx = ctx
        self.snapshot: Snapshot | None = None
        self.runs: RunPair | None = None  # a comparison's runs (views that draw both)
        self.render_count = 0
        self._stale = False

    def update_snapshot(self, snap: Snapshot | None) -> None:
        self.snapshot = snap
        if snap is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.render_count += 1
        self._render(snap)

    def set_context(self, ctx: InsightContext) -> None:
        self.ctx = ctx
        self._context_changed()
        if self.snapshot is not None:
            self._stale = True
            if self.isVisible():
                self.update_snapshot(self.snapshot)

    def set_runs(self, runs: RunPair | None) -> None:
        """A comparison began (its runs) or ended (None): a view that draws both runs
        forgets what it drew and draws again."""
        self.runs = runs
        self._context_changed()
        self.runs_changed()

    def runs_changed(self) -> None:
        """One of the compared runs has news: redraw now if shown, else when next shown."""
        snap = self.snapshot
        if snap is None and self.runs is not None:
            snap = next((s for s in self.runs.snapshots() if s is not None), None)
        self.update_snapshot(snap)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._stale and self.snapshot is not None:
            self.update_snapshot(self.snapshot)

    # subclasses
    def _render(self, snap: Snapshot) -> None:
        raise NotImplementedError

    def _context_changed(self) -> None:
        """Forget anything derived from the old context (dataset, network)."""


def heading(text: str) -> QLabel:
    """A view's title line, wrapped where the view is narrow: a long one (the confusion
    matrix's, with its accuracy and step) must not make the window wider than a 1024 px
    screen."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("font-size: 15px; font-weight: bold;")
    return label


def caption(text: str = "", *, muted: bool = False) -> QLabel:
    """A word-wrapped explanatory label."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    if muted:
        label.setStyleSheet("color: #555;")
    return label


def message(text: str) -> QLabel:
    """A large centred note for empty states."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("font-size: 15px; color: #666; padding: 24px;")
    return label


@cache
def colormap(name: str) -> pg.ColorMap:
    return pg.colormap.get(name)


@cache
def lut(name: str, n: int = 256) -> np.ndarray:
    """(n, 3) uint8 lookup table of a colormap."""
    return np.ascontiguousarray(colormap(name).getLookupTable(0.0, 1.0, n, alpha=False))


def to_rgb(values: np.ndarray, name: str, lo: float, hi: float) -> np.ndarray:
    """Map values in [lo, hi] through a colormap: (..., 3) uint8."""
    table = lut(name)
    span = hi - lo if hi > lo else 1.0
    idx = np.clip((np.asarray(values, np.float32) - lo) / span * 255.0, 0, 255).astype(np.intp)
    return table[idx]


def symmetric_limit(*arrays: np.ndarray) -> float:
    """max |a| over the arrays (1e-12 if everything is zero): levels (-m, m) centre 0."""
    m = max((float(np.max(np.abs(a))) for a in arrays if a.size), default=0.0)
    return m if np.isfinite(m) and m > 0 else 1e-12


def gray_qimage(img: np.ndarray) -> QImage:
    """uint8 (H, W) -> a QImage that owns its pixels."""
    a = np.ascontiguousarray(img, dtype=np.uint8)
    h, w = a.shape
    return QImage(a.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


def fmt(v: float) -> str:
    """A number for a student: 4 significant digits, scientific when tiny or huge."""
    v = float(v) + 0.0  # -0.0 -> 0.0
    if v == 0 or 1e-3 <= abs(v) < 1e4:
        return f"{v:.4g}"
    return f"{v:.3e}"


class ThumbnailModel(QAbstractListModel):
    """Test images by dataset index, with captions; pixmaps made lazily and cached."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images: np.ndarray | None = None
        self.indices = np.zeros(0, np.int64)
        self._caption: Callable[[int], str] = str
        self._tooltip: Callable[[int], str] = lambda i: QCoreApplication.translate(
            "Gallery", "test image #{0}").format(i)
        self._cache: dict[int, QPixmap] = {}

    def set_images(self, images: np.ndarray | None) -> None:
        self.beginResetModel()
        self.images = images
        self.indices = np.zeros(0, np.int64)
        self._cache.clear()
        self.endResetModel()

    def set_items(
        self,
        indices: Sequence[int] | np.ndarray,
        caption: Callable[[int], str] = str,
        tooltip: Callable[[int], str] | None = None,
    ) -> None:
        self.beginResetModel()
        self.indices = np.asarray(indices, dtype=np.int64)
        self._caption = caption
        if tooltip is not None:
            self._tooltip = tooltip
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else int(self.indices.size)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.images is None:
            return None
        i = int(self.indices[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            return self._caption(i)
        if role == Qt.ItemDataRole.DecorationRole:
            pix = self._cache.get(i)
            if pix is None:
                if len(self._cache) > 4000:
                    self._cache.clear()
                img = gray_qimage(self.images[i]).scaled(
                    THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.FastTransformation)
                pix = self._cache[i] = QPixmap.fromImage(img)
            return pix
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(i)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignHCenter
        return None


class Gallery(QListView):
    """A scrollable grid of test-image thumbnails; clicking one emits its dataset index.

    One list view with lazily drawn icons, so thousands of images cost no widgets.
    """

    imageClicked = Signal(int)  # noqa: N815 (Qt style)

    def __init__(self, lines: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = ThumbnailModel(self)
        self.setModel(self.model_)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setWordWrap(True)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 30, THUMB + 8 + 16 * lines))
        self.setSpacing(2)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        # the thumbnails wrap to the width: never a horizontal scroll bar
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        pal = self.palette()
        pal.setColor(pal.ColorRole.Base, QColor(250, 250, 250))
        self.setPalette(pal)
        self.clicked.connect(self._on_clicked)

    @property
    def indices(self) -> np.ndarray:
        """Dataset indices shown, in order."""
        return self.model_.indices

    def set_images(self, images: np.ndarray | None) -> None:
        self.model_.set_images(images)

    def set_items(self, indices: Sequence[int] | np.ndarray, caption: Callable[[int], str] = str,
                  tooltip: Callable[[int], str] | None = None) -> None:
        self.model_.set_items(indices, caption, tooltip)
        self.scrollToTop()

    def activate(self, row: int) -> None:
        """Act as if the user clicked the thumbnail at `row`."""
        self._on_clicked(self.model_.index(row))

    def _on_clicked(self, index: _Index) -> None:
        if index.isValid():
            self.imageClicked.emit(int(self.model_.indices[index.row()]))
