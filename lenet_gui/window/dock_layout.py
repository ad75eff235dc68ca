"""Where the docks go and how big they are: on first run (sized to the screen), after
View > Reset layout, and what the window may shrink to (1024x700 with a title bar)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QWidget

if TYPE_CHECKING:
    from .main_window import MainWindow

WIDE_FROM = 1366  # from this screen width the pad gets its own column on the right
TITLE_BAR = 32  # the window manager's frame, which the window's size does not include
DEFAULT_SIZE = QSize(1680, 980)  # on a big screen: no larger than this
MIN_SIZE = QSize(1000, 640)  # fits 1024x700 with the title bar and a panel or two
CURVES_SHARE = 0.22  # of the window's height, at least
CURVES_ROOM = 12  # pixels beyond what the curves need unscrolled (their plots' minimum)
PAD_WIDTH = {True: 340, False: 280}  # wide screen, narrower one


def first_run_size(available: QRect | None) -> QSize:
    """The window's size on a screen with this available area, leaving room for the frame."""
    if available is None:
        return DEFAULT_SIZE
    if available.width() >= 2 * DEFAULT_SIZE.width():  # a very large screen: not all of it
        return DEFAULT_SIZE
    return QSize(max(MIN_SIZE.width(), available.width()),
                 max(MIN_SIZE.height(), available.height() - TITLE_BAR))


def is_wide(width: int) -> bool:
    return width >= WIDE_FROM


def arrange_docks(window: MainWindow, wide: bool) -> None:
    """Wide screens: controls left, pad right (over the whole right edge: its canvas wants
    height). Narrow ones: the pad shares the left column with the controls, as tabs, so
    the network view keeps its width."""
    left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    for dock, area in ((window.controls_dock, left), (window.curves_dock, bottom),
                       (window.pad_dock, right)):
        dock.setFloating(False)
        window.addDockWidget(area, dock)
        dock.show()
    if wide:
        window.setCorner(Qt.Corner.BottomRightCorner, right)
    else:
        window.setCorner(Qt.Corner.BottomRightCorner, bottom)
        window.tabifyDockWidget(window.controls_dock, window.pad_dock)
        window.controls_dock.raise_()


def size_docks(window: MainWindow, width: int | None = None,
               height: int | None = None) -> None:
    """The curves at least CURVES_SHARE of the height, the pad a readable column."""
    width = width or window.width()
    height = height or window.height()
    curves = max(unscrolled_height(window.curves_dock) + CURVES_ROOM,
                 int(CURVES_SHARE * height) + 10)
    window.resizeDocks([window.curves_dock], [curves], Qt.Orientation.Vertical)
    if not window.pad_dock.isFloating() and \
            window.dockWidgetArea(window.pad_dock) == Qt.DockWidgetArea.RightDockWidgetArea:
        window.resizeDocks([window.pad_dock], [PAD_WIDTH[width >= 1700]],
                           Qt.Orientation.Horizontal)


def unscrolled_height(dock: QDockWidget) -> int:
    """The height at which a dock shows all of its scrolling widget: the widget's minimum
    and the dock's title bar (measured once laid out; before that, an estimate)."""
    scroll = dock.widget()
    inner = scroll.widget() if isinstance(scroll, QScrollArea) else scroll
    if inner is None:
        return 0
    chrome = dock.height() - scroll.height()
    if not 0 < chrome <= 3 * dock.fontMetrics().height():  # not laid out yet
        chrome = dock.fontMetrics().height() + 6
    return inner.minimumSizeHint().height() + chrome


def reset_layout(window: MainWindow) -> None:
    """View > Reset layout: the docks where a first run puts them, sized for the window."""
    arrange_docks(window, is_wide(window.width()))
    size_docks(window)


def scrolling(widget: QWidget) -> QScrollArea:
    """A dock's widget in a scroll area: on a small screen (1024x700) the dock may be
    shorter than the widget would like; it scrolls rather than pushing the window taller."""
    scroll = QScrollArea()
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setMinimumHeight(120)
    return scroll
