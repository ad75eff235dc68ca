"""The main window and the controllers it owns (training, data, probe, files, actions)."""

from .main_window import MainWindow

__all__ = ["MainWindow"]
