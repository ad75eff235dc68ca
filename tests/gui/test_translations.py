"""Every visible string is translated: the committed .ts is complete and up to date with the
source (lupdate run afresh finds nothing it lacks), and the Chinese window shows no English
word outside a short allow-list (layer names, formulas, units, numbers, names of things)."""

from __future__ import annotations

import re
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QMenu,
    QTabBar,
    QTableWidget,
    QTextEdit,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "lenet_gui_zh_CN.ts"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")

# English that stays in the Chinese UI: names, units, formulas, keys, file names
ALLOWED = {
    "MNIST", "Fashion-MNIST", "LeNet-5", "lenet-gui", "ReLU", "tanh", "softmax", "sigmoid",
    "SGD", "EMA", "He", "LeCun", "fan_in", "sum", "float64", "MB", "MD5", "IDX", "CSV", "PNG",
    "npz", "gz", "ubyte", "png", "csv", "resources", "lenet5_mnist", "DIR", "data",
    "lenet5", "lenet5-1998", "toolbox-cnn", "simple-cnn", "c5-mean2-12c5-mean2",
    "Page", "Up", "Down", "Ctrl", "Shift", "Space", "Return", "Enter", "Right", "Backspace",
    "Esc", "PgUp", "PgDown", "Del", "Delete", "Alt", "max", "log", "RBF", "L2", "Markdown",
    "msk",  # the seeds' name of the max-pool mask
    "English",  # the language menu names each language in its own script
    "MATLAB",  # the seeds' code
}
LAYER = re.compile(r"^[CSFcsf]\d$")  # C1..F7, and s2 for S2's output in formulas
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*[A-Za-z0-9]|[A-Za-z]{2,}")


def _messages(ts: Path, finished_only: bool) -> dict[tuple[str, str, str], str]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            text = (tr.text or "") if tr is not None else ""
            done = tr is not None and tr.get("type") is None and text.strip() != ""
            if done or not finished_only:
                key = (name, message.findtext("source") or "", message.findtext("comment") or "")
                found[key] = text
    return found


@pytest.mark.skipif(not LUPDATE.is_file(), reason="pyside6-lupdate is not installed")
def test_the_committed_translation_is_complete_and_up_to_date(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "lenet_gui").rglob("*.py"))
    subprocess.run([str(LUPDATE), *sources, "-ts", str(fresh)], check=True,
                   capture_output=True, timeout=300)
    wanted = _messages(fresh, finished_only=False)
    assert len(wanted) > 300  # lupdate saw the source
    done = _messages(TS, finished_only=True)
    missing = sorted(set(wanted) - set(done))
    assert not missing, ("untranslated (run python scripts/update_translations.py, then "
                         f"translate): {missing}")


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text)
            if name is not None}


def test_every_translation_keeps_the_placeholders_of_its_source():
    for (context, source, _comment), text in _messages(TS, finished_only=True).items():
        if "{" in source:
            assert _fields(source) == _fields(text), (context, source, text)
        for tag in re.findall(r"</?[a-z]+[^>]*>", source):
            assert tag in text, (context, source, text, tag)


def english_words(text: str) -> list[str]:
    """The English words of a UI text, less the allowed names, layer names and formulas."""
    plain = unescape(re.sub(r"<[^>]+>", " ", text))
    plain = re.sub(r"(?<![\w/])/[^\s，。：；（）()]*|[\w.-]+\.(?:npz|png|csv|gz)\b", " ",
                   plain)  # paths and file names
    plain = re.sub(r"(?<=[A-Za-z])\([^()]*\)", "", plain)  # formulas: f(u), tanh(2u/3)
    plain = re.sub(r"\b[CSF]\d\.(?:weight|bias|coef)\b", " ", plain)  # parameter names
    plain = re.sub(r"\d+x\d+|\(x[\d.e+-]+\)", " ", plain)  # sizes 5x5, 6@28x28; axis (x0.001)
    words = []
    for word in WORD.findall(plain):
        if word in ALLOWED or LAYER.match(word) or re.fullmatch(r"\d*e-?\d*", word):
            continue
        words.append(word)
    return words


def _items(w: QWidget) -> Iterator[tuple[str, str]]:
    """The texts of a widget's items: tabs, combo entries, plot labels."""
    if isinstance(w, QTabBar):
        for i in range(w.count()):
            yield "tab", w.tabText(i)
            yield "tab tooltip", w.tabToolTip(i)
    elif isinstance(w, QComboBox):
        for i in range(w.count()):
            yield "combo item", w.itemText(i)
            yield "combo tooltip", str(w.itemData(i, Qt.ItemDataRole.ToolTipRole) or "")
    elif isinstance(w, QTableWidget):
        cells = [w.horizontalHeaderItem(c) for c in range(w.columnCount())]
        cells += [w.item(r, c) for r in range(w.rowCount()) for c in range(w.columnCount())]
        for cell in cells:
            if cell is not None:
                yield "table cell", cell.text()
    elif isinstance(w, QGraphicsView) and w.scene() is not None:
        for item in w.scene().items():
            if isinstance(item, QGraphicsTextItem):
                yield "plot text", item.toPlainText()


def _own_text(w: QWidget) -> tuple[str, str] | None:
    if isinstance(w, QLabel):
        return "QLabel", w.text()
    if isinstance(w, QAbstractButton):
        return f"{type(w).__name__} text", w.text()
    if isinstance(w, QGroupBox):
        return "QGroupBox", w.title()
    if isinstance(w, QDockWidget):
        return "dock title", w.windowTitle()
    if isinstance(w, QMenu):
        return "menu", w.title()
    if isinstance(w, QTextEdit):
        return "text view", _formula_free(w.toHtml())
    return None


def _formula_free(html: str) -> str:
    """A rich text's body without its subscripts and superscripts (formulas: u_{i,j})."""
    body = re.split(r"<body[^>]*>", html, maxsplit=1)[-1]
    body = re.sub(r'<span style="[^"]*vertical-align:(?:sub|super)[^"]*">.*?</span>', "",
                  body, flags=re.DOTALL)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def visible_texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text the window can show."""
    yield "window title", window.windowTitle()
    for w in [window, *window.findChildren(QWidget)]:
        if w.toolTip():
            yield f"{type(w).__name__} tooltip", w.toolTip()
        own = _own_text(w)
        if own is not None:
            yield own
        yield from _items(w)
    for action in window.findChildren(QAction):
        yield "action", action.text()
        if action.toolTip() != action.text().replace("&", ""):
            yield "action tooltip", action.toolTip()


@pytest.fixture
def chinese():
    from lenet_gui.i18n import CHINESE, ENGLISH, install_language

    note = install_language(CHINESE)
    assert note is None, note
    yield CHINESE
    install_language(ENGLISH)


def test_the_chinese_window_shows_no_english(chinese, make_window, qtbot):
    from engine import load_dataset
    from lenet_gui.data_dialog import DataDialog

    window = make_window()
    window.trainer.train_batch()
    window.render_now()
    dialog = window.network_view.click_unit("C3", 5, 4, 6)  # the unit window, unit details
    qtbot.wait(50)
    assert window.windowTitle().startswith("lenet-gui — 观看")
    try:
        load_dataset("mnist", "/nonexistent/mnist")
    except Exception as exc:  # noqa: BLE001 - the message the data dialog shows
        reason = str(exc)
    data_dialog = DataDialog("mnist", reason, "", window)
    qtbot.addWidget(data_dialog)
    shown = [*visible_texts(dialog), *visible_texts(data_dialog)]
    for i in range(window.tabs.count()):  # only the visible tab renders: show each in turn
        window.tabs.setCurrentIndex(i)
        window.render_now()
        qtbot.wait(20)
        shown += visible_texts(window)
    left = sorted({(where, text) for where, text in shown if english_words(text)})
    assert not left, "\n".join(f"{where}: {text!r}" for where, text in left)
    assert window.view("Kernels") is window.view("卷积核") is not None  # scripts' English names


def test_the_language_menu_rebuilds_the_window_in_chinese_keeps_the_run_and_remembers(
        make_window, qtbot, settings_dir):
    from lenet_gui.i18n import ENGLISH, current_language, install_language
    from lenet_gui.settings import load_preferences, make_settings
    from lenet_gui.window.language import choose_language

    window = make_window()
    for _ in range(3):
        window.trainer.train_batch()
    menu = next(m for m in window.findChildren(QMenu) if m.title() == "&Language")
    assert [a.text() for a in menu.actions()] == ["English", "简体中文"]
    try:
        chinese_window = choose_language(window, "zh_CN")
        qtbot.addWidget(chinese_window)
        assert chinese_window is not window and current_language() == "zh_CN"
        assert chinese_window.dataset is window.dataset
        assert chinese_window.trainer.step_count == 3  # the run goes over
        assert chinese_window.windowTitle().startswith("lenet-gui — 观看")
        assert load_preferences(make_settings())["language"] == "zh_CN"
        back = choose_language(chinese_window, ENGLISH)
        qtbot.addWidget(back)
        assert back.windowTitle() == "lenet-gui — watch LeNet-5 learn"
        back.close()
    finally:
        install_language(ENGLISH)


def test_qt_dialogs_are_translated_too(chinese):
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def _title_at_start(tmp_path: Path, locale: str) -> str:
    """The window title of `lenet-gui --dataset builtin` started under this locale."""
    import os

    code = ("from lenet_gui.app import create_window, parse_args\n"
            "app, window = create_window(*parse_args(['--dataset', 'builtin']))\n"
            "print(window.windowTitle())\n"
            "window.close()\n")
    env = {**os.environ, "LANG": locale, "LC_ALL": locale, "QT_QPA_PLATFORM": "offscreen",
           "LENET_GUI_SETTINGS_DIR": str(tmp_path / "settings"),
           "LENET_GUI_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=300, env=env, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip().splitlines()[-1]


def test_the_app_starts_in_the_system_language_or_the_remembered_one(tmp_path):
    assert _title_at_start(tmp_path, "zh_CN.UTF-8") == "lenet-gui — 观看 LeNet-5 学习"
    assert _title_at_start(tmp_path, "en_US.UTF-8") == "lenet-gui — watch LeNet-5 learn"
    (tmp_path / "settings").mkdir(exist_ok=True)
    (tmp_path / "settings" / "lenet-gui.ini").write_text("[prefs]\nlanguage=en\n")
    assert _title_at_start(tmp_path, "zh_CN.UTF-8") == "lenet-gui — watch LeNet-5 learn"


def test_the_language_follows_the_system_unless_chosen():
    from lenet_gui.i18n import CHINESE, ENGLISH, resolve_language, system_language

    assert resolve_language("") == system_language() in (ENGLISH, CHINESE)
    assert resolve_language("zh_CN") == CHINESE
    assert resolve_language("tlh") == system_language()


def test_every_engine_text_the_gui_shows_is_marked():
    from engine import OPTION_LABELS, PRESET_DESCRIPTIONS, PRESETS, RunState, get_config
    from engine.data.datasets import FASHION_CLASSES
    from engine.nn.specs import layer_specs
    from lenet_gui.engine_texts import MARKED

    shown = {label for labels in OPTION_LABELS.values() for label in labels.values()}
    shown |= set(PRESET_DESCRIPTIONS.values()) | set(FASHION_CLASSES)
    shown |= {state.value for state in RunState}
    shown |= {spec.description for name in PRESETS for spec in layer_specs(get_config(name))}
    unmarked = {t for t in shown - set(MARKED) if english_words(t)}
    assert not unmarked


def test_engine_errors_are_translated_by_pattern(chinese, tmp_path):
    from engine import LenetError, load_checkpoint, load_dataset
    from lenet_gui import engine_texts

    for attempt in (lambda: load_dataset("mnist", str(tmp_path / "nowhere")),
                    lambda: load_checkpoint(tmp_path / "missing.npz")):
        with pytest.raises(LenetError) as info:
            attempt()
        translated = engine_texts.error(str(info.value))
        assert translated != str(info.value)
        assert not english_words(translated), translated
    from engine.training.divergence import divergence_message

    for message in (divergence_message(5, 0, "the loss became huge", 1000.0),
                    divergence_message(5, 0, "one step changed C1.weight by 12x its own size",
                                       0.5),
                    "Training stopped: the training process ended unexpectedly "
                    "(exit code -9)."):
        translated = engine_texts.error(message)
        assert not english_words(translated), translated
