"""`python main.py` / `lenet-gui`: parse the command line and open the main window.

A bad option ends in one line on stderr and exit status 2, before Qt is even imported. Qt's
own single-dash options (`-platform offscreen`, `-style fusion`, ...) are passed on to Qt;
anything else unknown is an error. A missing or damaged `--checkpoint` or `--data` does not
stop the app: the window opens and says what is wrong (and falls back to the built-in
digits for data).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from engine import DATASET_NAMES, PRESETS

if TYPE_CHECKING:  # Qt is imported only once the options are known to be good
    from PySide6.QtWidgets import QApplication, QMainWindow

PROG = "lenet-gui"

# Qt's command-line options (QGuiApplication / QApplication), passed through to Qt
QT_OPTIONS_WITH_VALUE = frozenset({
    "-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-qmljsdebugger",
    "-qwindowgeometry", "-qwindowicon", "-qwindowtitle", "-session", "-style", "-stylesheet",
    "-display", "-geometry", "-name", "-title", "-visual", "-font", "-fn", "-bg",
    "-background", "-fg", "-foreground", "-btn", "-button",
})
QT_FLAGS = frozenset({"-reverse", "-widgetcount", "-nograb", "-dograb", "-sync"})


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad option in one line, with status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Watch LeNet-5 learn to read handwritten digits.",
        epilog="Qt's own options (-platform NAME, -style NAME, ...) are passed on to Qt.")
    parser.add_argument("--data", metavar="DIR",
                        help="folder holding the four MNIST (or Fashion-MNIST) IDX files")
    parser.add_argument("--dataset", choices=DATASET_NAMES,
                        help="mnist, fashion or builtin (generated digits, works offline)")
    parser.add_argument("--preset", choices=list(PRESETS), help="network preset")
    parser.add_argument("--checkpoint", metavar="FILE", help="continue from a checkpoint")
    return parser


def _qt_arguments(parser: argparse.ArgumentParser, extra: list[str]) -> list[str]:
    """The arguments argparse did not know: Qt's options are kept, anything else is an
    error (one line, status 2)."""
    qt_args: list[str] = []
    i = 0
    while i < len(extra):
        arg = extra[i]
        name = arg.split("=", 1)[0]
        if name in QT_FLAGS:
            qt_args.append(arg)
        elif name in QT_OPTIONS_WITH_VALUE:
            if "=" in arg:
                qt_args.append(arg)
            elif i + 1 < len(extra):
                qt_args += [arg, extra[i + 1]]
                i += 1
            else:
                parser.error(f"argument {arg}: expected one argument")
        else:
            parser.error(f"unrecognized arguments: {' '.join(extra[i:])}")
        i += 1
    return qt_args


def parse_args(argv: Sequence[str] | None = None) -> tuple[argparse.Namespace, list[str]]:
    """-> (the app's options, Qt's options). Exits with status 2 on a bad option."""
    parser = build_parser()
    args, extra = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    return args, _qt_arguments(parser, extra)


def create_window(args: argparse.Namespace,
                  qt_args: Sequence[str] = ()) -> tuple[QApplication, QMainWindow]:
    """The QApplication (created if needed) and the main window for these options, not yet
    shown."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from .i18n import install_language, resolve_language
    from .settings import APPLICATION, ORGANIZATION, load_preferences, make_settings
    from .window import MainWindow
    from .window.language import language_note

    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    if not isinstance(app, QApplication):
        raise RuntimeError("lenet-gui needs a QApplication, not a bare QCoreApplication")
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("lenet-gui")
    pg.setConfigOptions(antialias=True, foreground="#202020")
    language = resolve_language(load_preferences(make_settings()).get("language"))
    note = install_language(language)  # before any widget writes its texts
    dataset_name = args.dataset or ("mnist" if args.data else None)
    window = MainWindow(dataset_name=dataset_name, data_dir=args.data, preset=args.preset,
                        checkpoint=args.checkpoint)
    if note:
        window.statusBar().showMessage(language_note(note), 15000)
    return app, window


def main(argv: Sequence[str] | None = None) -> int:
    args, qt_args = parse_args(argv)
    from .display_check import display_problem

    problem = display_problem(qt_args)  # Qt would abort without a word worth reading
    if problem is not None:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
        return 2
    app, window = create_window(args, qt_args)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
