"""Where a unit's window goes: clear of the maps it explains (pure geometry, tested)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QWidget

MIN_DIALOG = QSize(420, 300)  # smaller than this and the two enlarged maps are unreadable


def _overlap(a: QRect, b: QRect) -> int:
    r = a.intersected(b)
    return 0 if r.isEmpty() else r.width() * r.height()


def _fit(rect: QRect, screen: QRect) -> QRect:
    """`rect` moved (not resized) to lie inside `screen` where it can."""
    x = min(max(rect.left(), screen.left()), screen.right() - rect.width() + 1)
    y = min(max(rect.top(), screen.top()), screen.bottom() - rect.height() + 1)
    return QRect(x, y, rect.width(), rect.height())


def candidates(size: QSize, avoid: QRect, window: QRect, screen: QRect) -> list[QRect]:
    """Places for a dialog of `size`: beside the window (right, left), below the maps (over
    the curves), and over the window's left and right columns; each shrunk to the room it
    has (never below MIN_DIALOG) and kept on the screen."""
    w, h = size.width(), size.height()
    out: list[QRect] = []

    def add(x: int, y: int, room_w: int, room_h: int) -> None:
        cw = max(MIN_DIALOG.width(), min(w, room_w))
        ch = max(MIN_DIALOG.height(), min(h, room_h))
        out.append(_fit(QRect(x, y, cw, ch), screen))

    add(window.right() + 1, window.top(), screen.right() - window.right(), screen.height())
    room_left = window.left() - screen.left()
    add(window.left() - min(w, room_left), window.top(), room_left, screen.height())
    add(avoid.left(), avoid.bottom() + 1, avoid.width(), screen.bottom() - avoid.bottom())
    add(window.left(), window.top() + 40, avoid.left() - window.left(), window.height())
    room_right = window.right() - avoid.right()
    add(avoid.right() + 1, window.top() + 40, room_right, window.height())
    return out


def place_clear(size: QSize, avoid: QRect, window: QRect, screen: QRect) -> QRect:
    """The candidate that covers least of `avoid` (the maps and the Unit details tab), the
    larger one on a tie."""
    return min(candidates(size, avoid, window, screen),
               key=lambda r: (_overlap(r, avoid), -r.width() * r.height()))


def place_clear_of(area: QWidget, dlg: QWidget) -> None:
    """Put a new window where it does not cover `area` (the maps, with the receptive field
    outlined on the input, and the Unit details tab, which share that place)."""
    screen = area.screen()
    if screen is None:
        return
    avoid = QRect(area.mapToGlobal(QPoint(0, 0)), area.size())
    window = area.window().frameGeometry()
    dlg.setGeometry(place_clear(dlg.size(), avoid, window, screen.availableGeometry()))
