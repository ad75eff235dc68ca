"""The engine's prose is translated too: the worked examples and the derivation tab show no
English sentence in Chinese, and every template the engine writes is marked for lupdate.

On these pages italic is notation (formulas, the seeds' symbols such as coef_f1), so the
check reads the prose around it: the page's rich text without its italic, subscript and
superscript runs."""

from __future__ import annotations

import re
from html import unescape

import pytest
from test_translations import chinese, english_words, visible_texts  # noqa: F401 - fixture

from engine import seed000_expansion, seed003_example, seed004_c3_table
from engine.explain.seed_tables import SEED004_DIFFERENT, SEED004_SAME

NOTATION_RUN = re.compile(
    r'<span style="[^"]*(?:font-style:italic|vertical-align:(?:sub|super))[^"]*">.*?</span>',
    re.DOTALL)


def prose_of(html: str) -> str:
    """A QTextEdit's rich text as plain text, less its notation (italic, sub- and
    superscript runs: Qt writes each run as one flat span)."""
    body = re.split(r"<body[^>]*>", html, maxsplit=1)[-1]
    body = NOTATION_RUN.sub(" ", body)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def test_prose_of_keeps_the_words_and_drops_the_notation(qtbot):
    from PySide6.QtWidgets import QTextBrowser

    page = QTextBrowser()
    qtbot.addWidget(page)
    page.setHtml("<p>the seed writes <i>out<sub>C2</sub></i> here, u<sub>ij</sub></p>")
    assert prose_of(page.toHtml()) == "the seed writes here, u"


def _example_templates() -> set[str]:
    example = seed003_example()
    found = {example.title, example.source, example.description}
    found |= {s.remark.template for s in example.steps if s.remark.template}
    return found | {seed000_expansion().note.template, seed004_c3_table().note.template,
                    SEED004_SAME, SEED004_DIFFERENT}


def test_every_text_of_the_worked_examples_is_marked():
    from lenet_gui.derivation import example_texts

    assert not _example_templates() - set(example_texts.MARKED)
    assert {s.stage for s in seed003_example().steps} <= set(example_texts.STAGES)


def test_a_note_is_translated_with_the_engines_own_numbers(chinese):  # noqa: F811
    from lenet_gui.derivation import example_texts

    w1 = [s for s in seed003_example().steps if s.symbol == "w_1"][-1]  # the hidden layer's
    assert w1.remark.args and w1.remark.args[2] in w1.note  # the recomputed coef_f1
    shown = example_texts.prose(w1.remark)
    assert shown != w1.note and "讲义" in shown
    assert all(arg in shown for arg in w1.remark.args)


def test_the_chinese_worked_examples_show_no_english(chinese, qtbot):  # noqa: F811
    from lenet_gui.derivation.examples_dialog import WorkedExamplesDialog

    dialog = WorkedExamplesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    left = [(where, text) for where, text in visible_texts(dialog)
            if where != "text view" and english_words(text)]
    example = seed003_example()
    for key, page in dialog.pages.items():
        prose = prose_of(page.toHtml())
        assert "讲义" in prose, key  # the page is there, in Chinese
        left += [(key, word) for word in english_words(prose)]
    plain = dialog.pages["seed003"].toPlainText()
    assert all(s.seed_text in plain for s in example.steps if s.seed_text is not None)
    assert not left, left


def _show_every_layer(window, qtbot) -> list[tuple[str, str]]:
    """(unit, English word) for every English word of the derivation of one unit per
    layer, and of a replay stage."""
    view = window.show_view("Derivation")
    window.render_now()
    left = []
    for spec in window.net.layers:
        index = min(1, spec.out_shape[0] - 1)
        row, col = ((spec.out_shape[1] // 2, spec.out_shape[2] // 3) if spec.is_map
                    else (0, 0))
        view.show_unit(spec.name, index, row, col)
        window.render_now()
        qtbot.waitUntil(lambda: view.derivation is not None
                        and view.derivation.layer == spec.name, timeout=20000)  # noqa: B023
        assert view.derivation.unit_label in view.browser.toPlainText()
        left += [(spec.name, w) for w in english_words(prose_of(view.browser.toHtml()))]
    bar = view.replay_bar
    for _ in window.net.layers:  # the backward replay, stage by stage
        stage = bar.step(1)
        assert stage is not None and stage.layer in view.browser.toPlainText()
        left += [(f"replay {stage.layer}", w)
                 for w in english_words(prose_of(view.browser.toHtml()))]
    bar.stop()
    return left


@pytest.mark.parametrize("preset", [None, "lenet5-1998", "toolbox-cnn"])
def test_the_chinese_derivation_shows_no_english_for_any_layer_kind(chinese, make_window,  # noqa: F811
                                                                    qtbot, preset):
    window = make_window() if preset is None else make_window(preset=preset)
    for _ in range(2):
        window.trainer.train_batch()
    window.render_now()
    left = _show_every_layer(window, qtbot)
    assert not left, left


def test_qt_file_dialogs_speak_chinese(chinese, qtbot):  # noqa: F811
    from PySide6.QtWidgets import QFileDialog

    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        dialog = QFileDialog(None, "x", "/")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(mode)
        qtbot.addWidget(dialog)
        dialog.show()
        left = [(where, text) for where, text in visible_texts(dialog)
                if where != "window title" and english_words(text)]
        assert not left, left  # Qt's catalog lacks "&Look in:": ours has it
        dialog.close()


def test_the_chinese_compare_dialog_names_every_value(chinese, make_window):  # noqa: F811
    from engine import COMPARE_OPTIONS
    from lenet_gui.window.compare_dialog import CompareDialog

    window = make_window()
    dialog = CompareDialog(window.net.config, window.controls.train_config(), window)
    left = []
    for option in COMPARE_OPTIONS:
        dialog.option.setCurrentIndex(dialog.option.findData(option))
        left += [(option, text) for _where, text in visible_texts(dialog) if english_words(text)]
    assert not left, left
    dialog.select("lr", "fast")
    dialog._accept()  # what a person typing a word gets
    assert "fast" in dialog.error.text() and "学习率" in dialog.error.text()
    dialog.close()


def test_the_chinese_runs_are_named_in_words(chinese, make_window):  # noqa: F811
    """"A (activation=relu)" is the command line's; the window says 激活函数 and ReLU."""
    from engine import build_pair, parse_change
    from lenet_gui.window.compare_dialog import run_label, value_choices

    window = make_window()
    net, train = window.net.config, window.controls.train_config()
    names = set()
    for change in ("activation=sigmoid", "subsampling=mean", "c3=table", "output=sigmoid_mse",
                   "init=lecun1998", "lr=0.2", "batch_size=16", "augment=true"):
        pair = build_pair(net, train, parse_change(change), window.dataset)
        labels = (run_label(pair, "A"), run_label(pair, "B"))
        assert labels[0].startswith("A（") and labels[1].startswith("B（"), labels
        assert not [t for t in labels if english_words(t)], labels
        names.add(labels[1])
    assert "B（激活函数：sigmoid）" in names and "B（学习率：0.2）" in names
    assert dict(value_choices("augment"))["true"] in "".join(names)


def test_the_chinese_report_and_its_errors(chinese, make_window, qtbot, tmp_path):  # noqa: F811
    from PySide6.QtWidgets import QLabel

    from lenet_gui import export

    window = make_window()
    window.trainer.train_batch()
    window.render_now()
    folder = window.files.write_report(tmp_path / "report", evaluate=False)
    assert folder is not None
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "训练报告" in readme and "network_view.png" in readme
    assert not english_words(re.sub(r"\S+\.txt\b", " ", readme)), readme
    curves = export._curves_widget(window.trainer.history)  # the report's curves.png
    try:
        plot_texts = [text for _where, text in visible_texts(curves) if text]
    finally:
        export._dispose(curves)
    assert plot_texts and not [t for t in plot_texts if english_words(t)], plot_texts
    label = QLabel("x")
    qtbot.addWidget(label)
    with pytest.raises(export.ExportError) as info:
        export.export_widget_png(label, tmp_path / "missing" / "x.png")
    assert "文件夹" in str(info.value) and not english_words(str(info.value))


def test_no_plot_offers_pyqtgraphs_english_menu(chinese, make_window):  # noqa: F811
    """pyqtgraph's right-click menus (View All, Mouse Mode...) are English and mean nothing
    where the mouse cannot zoom: every plot has them off, the scene keeps "Export..."."""
    import pyqtgraph as pg

    window = make_window()
    window.trainer.train_batch()
    window.render_now()
    window.network_view.click_unit("C3", 5, 4, 6)  # the unit window's plots too
    with_menu, exports = [], []
    tops = [window, *window.network_view.dialogs]  # not other tests' English windows
    assert len(tops) == 2
    for top in tops:
        for view in top.findChildren(pg.GraphicsView):
            exports += [a.text() for a in getattr(view.scene(), "contextMenu", [])]
            with_menu += [type(view.parent()).__name__ for item in view.scene().items()
                          if isinstance(item, pg.ViewBox) and item.menuEnabled()]
    assert not with_menu, with_menu
    assert exports and not [t for t in exports if english_words(t)], exports


def test_the_chinese_gradient_check_names_its_parameters(chinese, make_window, qtbot):  # noqa: F811
    window = make_window()
    window.trainer.train_batch()
    window.render_now()
    view = window.show_view("Gradient check")
    window.render_now()
    assert view.run_check()
    qtbot.waitUntil(lambda: not view.running, timeout=60000)
    assert view.result and len(view.rows()) == len(view.result)
    left = [(where, text) for where, text in visible_texts(view) if english_words(text)]
    assert not left, left


def test_texts_passed_to_private_translate_helpers_are_marked(tmp_path):
    """lupdate sees tr(), translate() and QT_TRANSLATE_NOOP but not a helper such as
    _tr("..."): a literal given to one must be marked elsewhere, or it stays English."""
    import subprocess

    from test_translations import LUPDATE, ROOT, _messages

    files = sorted((ROOT / "lenet_gui").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(LUPDATE), *map(str, files), "-ts", str(fresh)], check=True,
                   capture_output=True, timeout=300)
    marked = {source for _ctx, source, _comment in _messages(fresh, finished_only=False)}
    helper = re.compile(r'\b_\w*tr\(\s*"((?:[^"\\]|\\.)*)"')
    unseen = []
    for path in files:
        for literal in helper.findall(path.read_text(encoding="utf-8")):
            if not any(source.startswith(literal) for source in marked):
                unseen.append((path.name, literal))
    assert not unseen, unseen


def test_the_chinese_pad_says_why_it_is_unsure(chinese, qtbot):  # noqa: F811
    from test_pad import PRETRAINED, draw
    from test_pad_unsure import scribble, three

    from engine import load_network
    from lenet_gui.pad_panel import PadPanel

    panel = PadPanel()
    qtbot.addWidget(panel)
    panel.set_pretrained(load_network(PRETRAINED))
    panel.resize(340, 720)
    panel.show()
    reasons = []
    for drawing in (three(0.12, 0.12, 0.13), scribble()):
        panel.pad.clear()
        draw(panel.pad, drawing)
        reasons.append(panel.unsure_reason())
    assert all(r and r.startswith("没把握") and not english_words(r) for r in reasons), reasons
    assert reasons[-1] in panel.confidence_label.text() and reasons[0] != reasons[-1]
