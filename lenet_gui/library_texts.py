"""pyqtgraph's own texts that the app can show, marked for lupdate under pyqtgraph's
contexts: the scene's right-click "Export..." and its export dialog (the plots' other menus
are switched off). pyqtgraph looks them up with QCoreApplication.translate itself.

Also the few texts of Qt's own file dialog that Qt's bundled Chinese catalog lacks (it
translates "Look in:", Qt 6 asks for "&Look in:").
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

MARKED: tuple[str, ...] = (
    str(QT_TRANSLATE_NOOP("GraphicsScene", "Export...")),
    str(QT_TRANSLATE_NOOP("Form", "Export")),
    str(QT_TRANSLATE_NOOP("Form", "Item to export:")),
    str(QT_TRANSLATE_NOOP("Form", "Export format")),
    str(QT_TRANSLATE_NOOP("Form", "Close")),
    str(QT_TRANSLATE_NOOP("Form", "Export options")),
    str(QT_TRANSLATE_NOOP("Form", "Copy")),
    str(QT_TRANSLATE_NOOP("Exporter", "Image File (PNG, TIF, JPG, ...)")),
    str(QT_TRANSLATE_NOOP("Exporter", "Scalable Vector Graphics (SVG)")),
    str(QT_TRANSLATE_NOOP("Exporter", "CSV of original plot data")),
    str(QT_TRANSLATE_NOOP("Exporter", "HDF5 Export: plot (x,y)")),
    str(QT_TRANSLATE_NOOP("Exporter", "Matplotlib Window")),
    str(QT_TRANSLATE_NOOP("Exporter", "Printer")),
    str(QT_TRANSLATE_NOOP("Exporter", "width")),
    str(QT_TRANSLATE_NOOP("Exporter", "height")),
    str(QT_TRANSLATE_NOOP("Exporter", "antialias")),
    str(QT_TRANSLATE_NOOP("Exporter", "background")),
    str(QT_TRANSLATE_NOOP("Exporter", "invertValue")),
    str(QT_TRANSLATE_NOOP("Exporter", "scaling stroke")),
    str(QT_TRANSLATE_NOOP("Exporter", "separator")),
    str(QT_TRANSLATE_NOOP("Exporter", "precision")),
    str(QT_TRANSLATE_NOOP("Exporter", "columnMode")),
    str(QT_TRANSLATE_NOOP("QFileDialog", "&Look in:")),
    str(QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:")),
)
