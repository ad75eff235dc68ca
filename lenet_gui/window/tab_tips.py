"""The tooltip of each tab (the first line of its view's docstring, translated), and a tab
found by its shown or its English title.

Docstrings are not seen by lupdate, so each one is marked here (context "TabTips"); a view
whose line is missing shows it in English (tests/gui/test_translations.py notices).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QTabWidget, QWidget

from ..network_view import NetworkView

MARKED: tuple[str, ...] = (
    str(QT_TRANSLATE_NOOP("TabTips",
                          "Confusion matrix of the test set; click a cell to see its images.")),
    str(QT_TRANSLATE_NOOP("TabTips", "Run the engine's gradient check for the probe image and "
                          "tabulate the errors.")),
    str(QT_TRANSLATE_NOOP("TabTips", "Two log-scale plots of per-layer gradient statistics "
                          "against training step.")),
    str(QT_TRANSLATE_NOOP("TabTips", "Every small conv layer's kernels (weights above, delta_w "
                          "below, in each cell).")),
    str(QT_TRANSLATE_NOOP("TabTips", "A gallery of misclassified test images with true label, "
                          "answer and confidence.")),
    str(QT_TRANSLATE_NOOP("TabTips", "Input, saliency heatmap and overlay, side by side.")),
    str(QT_TRANSLATE_NOOP("TabTips", "Details of the unit last clicked in the network view, "
                          "kept live across snapshots.")),
    str(QT_TRANSLATE_NOOP("TabTips", "The seeds' derivation of the selected unit, every value "
                          "checked against the engine.")),
)


def tab_tip(widget: QWidget) -> str:
    """The first line of the widget class's docstring in the UI's language ("" without)."""
    doc = (type(widget).__doc__ or "").strip().splitlines()
    return QCoreApplication.translate("TabTips", doc[0].strip()) if doc else ""


def find_tab(tabs: QTabWidget, title: str) -> QWidget | None:
    """The tab titled `title` as shown or in English (a view class's untranslated `title`),
    so that scripts and tests name tabs the same in every language."""
    for i in range(tabs.count()):
        widget = tabs.widget(i)
        english = "Network" if isinstance(widget, NetworkView) else getattr(
            type(widget), "title", None)
        if title in (tabs.tabText(i), english):
            return widget
    return None
