"""Export: widget PNGs, history CSVs and the report folder, written atomically."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from engine import History, TrainConfig, Trainer, build_network, builtin_dataset, preprocess
from lenet_gui.export import (
    ExportError,
    export_history_csv,
    export_widget_png,
    write_report,
)

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def trained():
    ds = builtin_dataset(n_train=320, n_test=100)
    t = Trainer(build_network("lenet5"), ds, TrainConfig(epochs=2, batch_size=32))
    for _ in range(t.batches_per_epoch + 3):
        t.train_batch()
    return t, t.snapshot(preprocess(ds.test_images[0]), int(ds.test_labels[0]))


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _rows(path: Path) -> list[list[str]]:
    with path.open(newline="") as f:
        return list(csv.reader(f))


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_widget_png(qtbot, tmp_path):
    label = QLabel("hello")
    qtbot.addWidget(label)
    label.resize(120, 40)
    path = export_widget_png(label, tmp_path / "w.png")
    assert _png_size(path) == (120, 40)
    assert _no_temp_files(tmp_path)


def test_history_csv(trained, tmp_path):
    t, snap = trained
    batch_path, epoch_path = export_history_csv(snap.history, tmp_path / "hist.csv")
    assert epoch_path.name == "hist_epochs.csv"
    rows = _rows(batch_path)
    assert rows[0] == ["step", "epoch", "loss"]
    assert len(rows) - 1 == t.step_count
    assert rows[1][0] == "1" and float(rows[-1][1]) == pytest.approx(t.epoch_float, rel=1e-5)
    assert float(rows[1][2]) == pytest.approx(float(snap.history.batch_loss[0]), rel=1e-5)
    epochs = _rows(epoch_path)
    assert epochs[0][:4] == ["epoch", "train_acc", "train_loss", "test_acc"]
    assert len(epochs) - 1 == 1
    assert float(epochs[1][3]) == pytest.approx(snap.history.epoch_test_acc[0], rel=1e-5)


def test_empty_history_csv(tmp_path):
    a, b = export_history_csv(History.empty(), tmp_path / "h.csv")
    assert len(_rows(a)) == 1 and len(_rows(b)) == 1


def test_report(qtbot, trained, tmp_path):
    _, snap = trained
    maps = QLabel("maps")
    qtbot.addWidget(maps)
    maps.resize(200, 100)
    folder = write_report(tmp_path / "report", snap, {"Network maps": maps})
    names = {p.name for p in folder.iterdir()}
    assert names == {"curves.png", "confusion_matrix.png", "confusion_matrix.csv",
                     "network_maps.png", "history.csv", "history_epochs.csv", "README.txt"}
    w, h = _png_size(folder / "curves.png")
    assert w > 300 and h > 200
    assert _png_size(folder / "network_maps.png") == (200, 100)
    cm = _rows(folder / "confusion_matrix.csv")
    counts = snap.evaluation.confusion()
    assert [[int(v) for v in r[1:]] for r in cm[1:]] == counts.tolist()
    readme = (folder / "README.txt").read_text()
    assert all(n in readme for n in names)


def test_report_into_a_file_fails_cleanly(trained, tmp_path):
    _, snap = trained
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OSError, match="report folder"):
        write_report(blocker / "sub", snap)
    with pytest.raises(ExportError, match="does not exist"):
        export_widget_png(QLabel("x"), tmp_path / "missing" / "x.png")


def test_unwritable_folder(trained, tmp_path, monkeypatch):
    # chmod does not stop root (CI runs as root), so the OS refusal is simulated where the
    # export asks for its staging folder
    _, snap = trained
    ro = tmp_path / "ro"
    ro.mkdir()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("lenet_gui.export.tempfile.mkdtemp", refuse)
    with pytest.raises(OSError, match="not writable"):
        write_report(ro, snap)
    assert list(ro.iterdir()) == []


def test_failed_report_leaves_nothing(qtbot, trained, tmp_path, monkeypatch):
    _, snap = trained
    import lenet_gui.export as export

    calls = {"n": 0}
    real = export._atomic_write

    def failing(path, data):
        calls["n"] += 1
        if calls["n"] == 3:
            raise ExportError(f"cannot write {path}: disk full")
        return real(path, data)

    monkeypatch.setattr(export, "_atomic_write", failing)
    folder = tmp_path / "r"
    with pytest.raises(ExportError, match="disk full"):
        write_report(folder, snap)
    assert list(folder.iterdir()) == []


def _pixels(path: Path):
    from PySide6.QtGui import QImage

    img = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    import numpy as np

    bpl = img.bytesPerLine()
    raw = np.frombuffer(img.constBits(), np.uint8, count=img.height() * bpl)
    return raw.reshape(img.height(), bpl)[:, : 3 * img.width()].reshape(
        img.height(), img.width(), 3).copy()  # the QImage's buffer dies with it


def _has_colour(pixels, hex_colour: str, tolerance: int = 12) -> bool:
    import numpy as np

    rgb = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)])
    return bool((np.abs(pixels.astype(int) - rgb).max(axis=2) <= tolerance).any())


def test_report_curves_use_the_app_colours(qtbot, trained, tmp_path):
    from lenet_gui.plot_style import EMA, LR, TEST, TRAIN

    _, snap = trained
    folder = write_report(tmp_path / "new" / "deeper", snap)
    pixels = _pixels(folder / "curves.png")
    missing = [c for c in (TRAIN, TEST, EMA, LR) if not _has_colour(pixels, c)]
    assert not missing
    assert not _has_colour(pixels, "#0072B2", 4)  # the old report's own blue


def test_window_report_into_a_new_folder_leaves_out_the_hover_text(qtbot, window, tmp_path):
    window.step()
    qtbot.waitUntil(lambda: window.trainer.step_count >= 1, timeout=30000)
    qtbot.waitUntil(lambda: window.worker is None or window.trainer.paused, timeout=30000)
    readout = window.network_view.readout
    readout.setText("C3 map 4 (2, 3) · activation 0.25 · HOVER")
    folder = tmp_path / "not" / "there" / "yet"
    window.files.write_report(folder)  # evaluates the test set first, then writes
    qtbot.waitUntil(lambda: (folder / "README.txt").exists(), timeout=30000)
    names = {p.name for p in folder.iterdir()}
    assert "curves.png" in names and "network_view.png" in names
    assert "training_curves.png" not in names  # one curves image, not two alike
    assert readout.text().endswith("HOVER")  # the label itself is left as it was
    pixels = _pixels(folder / "network_view.png")
    g = readout.geometry()
    strip = pixels[g.top():g.bottom() + 1, g.left():g.right() + 1].reshape(-1, 3)
    assert len(strip) and (strip == strip[0]).all()  # blank: no text was drawn there
