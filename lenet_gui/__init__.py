"""lenet-gui's desktop app (PySide6 + pyqtgraph); uses the engine only via `engine`'s exports."""
