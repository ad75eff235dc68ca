"""`python main.py` / `lenet-gui`: parse the command line and open the main window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from engine import DATASET_NAMES, PRESETS


def parse_args(argv: Sequence[str] | None = None) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="lenet-gui",
        description="Watch LeNet-5 learn to read handwritten digits.")
    parser.add_argument("--data", metavar="DIR",
                        help="folder holding the four MNIST (or Fashion-MNIST) IDX files")
    parser.add_argument("--dataset", choices=DATASET_NAMES,
                        help="mnist, fashion or builtin (generated digits, works offline)")
    parser.add_argument("--preset", choices=list(PRESETS), help="network preset")
    parser.add_argument("--checkpoint", metavar="FILE", help="continue from a checkpoint")
    return parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))


def main(argv: Sequence[str] | None = None) -> int:
    args, qt_args = parse_args(argv)
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow
    from .settings import APPLICATION, ORGANIZATION

    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("lenet-gui")
    pg.setConfigOptions(antialias=True, foreground="#202020")
    dataset_name = args.dataset or ("mnist" if args.data else None)
    window = MainWindow(dataset_name=dataset_name, data_dir=args.data, preset=args.preset,
                        checkpoint=args.checkpoint)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
