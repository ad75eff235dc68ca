"""Compare beside the run under way: "Compare with…" leaves run A training where it is and
starts run B from A's initial weights; the timeline scrubs both (a step B has not reached is
a note); gradient health overlays both runs and the confusion matrices sit side by side."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint

from engine import Change, RunState, comparable_history, parse_change
from lenet_gui.insights.confusion import cell_colour
from lenet_gui.insights.runs import RUN_COLOURS
from lenet_gui.window import compare_start
from lenet_gui.window.compare_dialog import CompareDialog

WAIT_MS = 30000


def _train_a(qtbot, window, steps: int) -> None:
    """Run A trains `steps` batches, then stays paused (its worker alive)."""
    window.training._launch(steps=steps)
    qtbot.waitUntil(lambda: window.trainer.step_count >= steps
                    and window.trainer.state == RunState.PAUSED, timeout=WAIT_MS)


def _b_paused_at(qtbot, window, steps: int):
    b = window.compare.trainer_b()
    qtbot.waitUntil(lambda: b.step_count >= steps and b.state == RunState.PAUSED
                    and window.compare.latest.get("B") is not None
                    and window.compare.latest["B"].step >= steps, timeout=WAIT_MS)
    return b


def _batches(history, n: int) -> dict[str, np.ndarray]:
    return {k: v[:n] for k, v in comparable_history(history).items() if k.startswith("batch_")}


def _same_params(a, b) -> bool:
    return set(a) == set(b) and all(np.array_equal(a[k], b[k]) for k in b)


def test_b_starts_beside_a_from_a_s_initial_weights(qtbot, window):
    initial = {k: v.copy() for k, v in window.net.params.items()}  # A before its first step
    _train_a(qtbot, window, 12)
    worker_a = window.worker
    history_a = _batches(window.trainer.history, 12)
    assert window.compare.start(Change("lr", window.trainer.config.lr), steps=4)
    # A is not restarted: the same worker, its steps, history and timeline go on
    assert window.worker is worker_a and window.trainer.step_count == 12
    assert all(np.array_equal(v, history_a[k])
               for k, v in _batches(window.trainer.history, 12).items())
    assert window.trainer.timeline.steps[0] == 0 and 12 in window.trainer.timeline.steps
    assert "initial weights at step 0" in window.compare.start_note
    # B's first recorded weights are A's initial weights
    b = window.compare.trainer_b()
    assert b.timeline.steps[0] == 0
    assert _same_params(b.timeline.params_at(0), initial)
    b = _b_paused_at(qtbot, window, 4)
    # equal options: B's history is A's, bit for bit, over the steps both have
    mine, theirs = _batches(b.history, 4), _batches(window.trainer.history, 4)
    assert mine.keys() == theirs.keys() and len(mine["batch_loss"]) == 4
    for k in mine:
        np.testing.assert_array_equal(mine[k], theirs[k], err_msg=k)
    assert window.trainer.step_count == 12  # A never went back

    # the timeline covers both runs and scrubs the one shown
    window.timeline.poll()
    assert 12 in window.timeline.bar.steps
    window.compare.set_showing("B")
    view, note = window.network_view, window.compare.note
    window.timeline.bar.scrub_to(12)
    qtbot.waitUntil(lambda: note.isVisible(), timeout=WAIT_MS)
    assert "has not reached step 12" in note.text() and "step 4" in note.text()
    assert window.timeline.shown is None  # no network of another step instead
    page = view.geometry().translated(view.parentWidget().mapTo(window.tabs, QPoint(0, 0)))
    assert note.geometry().contains(page)  # the note covers the view
    window.timeline.bar.scrub_to(2)
    qtbot.waitUntil(lambda: view.snapshot is not None and view.snapshot.step == 2
                    and not note.isVisible(), timeout=WAIT_MS)
    assert _same_params(view.snapshot.params, b.timeline.params_at(2))
    # the window's own curves keep drawing A's history while B is shown (B's are its own)
    window.render_now()
    assert len(window.curves.raw_curve.getData()[1]) == 12  # A's steps, not B's 4
    window.compare.set_showing("A")  # the same step, A's network
    qtbot.waitUntil(lambda: _same_params(view.snapshot.params,
                                         window.trainer.timeline.params_at(2)),
                    timeout=WAIT_MS)
    window.timeline.bar.scrub_to(12)  # A has reached it
    qtbot.waitUntil(lambda: view.snapshot.step == 12, timeout=WAIT_MS)
    assert not note.isVisible()

    # Reset B: B again from A's initial weights; A keeps its steps
    bar = window.compare.bar
    bar.apply_to.setCurrentIndex(bar.apply_to.findData("B"))
    window.reset()
    assert window.trainer.step_count == 12 and window.worker is worker_a
    assert window.compare.trainer_b().step_count == 0
    assert _same_params(window.compare.pair.b.net.params, initial)
    # Reset both: fresh runs at step 0, B from the fresh A's initial weights
    bar.apply_to.setCurrentIndex(bar.apply_to.findData("both"))
    window.reset()
    assert window.trainer.step_count == 0 and window.compare.trainer_b().step_count == 0
    assert _same_params(window.compare.pair.b.net.params, window.trainer.net.params)
    assert not note.isVisible()
    window.compare.end()


def test_without_a_s_beginning_b_starts_from_a_s_weights_now(qtbot, window, tmp_path):
    _train_a(qtbot, window, 5)
    window.stop()
    path = window.save_checkpoint(tmp_path / "mid.npz")  # no timeline in it
    assert path is not None and window.load_checkpoint(path)
    assert window.trainer.step_count == 5 and not compare_start.a_beginning_known(window)
    dialog = CompareDialog(window.trainer.net.config, window.trainer.config,
                           note=compare_start.dialog_note(window))
    assert "not known" in dialog.note.text()
    dialog.deleteLater()
    assert window.compare.start(Change("lr", window.trainer.config.lr), steps=2)
    assert "not known" in window.compare.start_note
    assert "not known" in window.statusBar().currentMessage()
    b = window.compare.trainer_b()
    assert b.step_count >= 5 and b.timeline.steps[0] == 5
    assert _same_params(b.timeline.params_at(5), window.training.local.net.params)
    b = _b_paused_at(qtbot, window, 7)
    assert len(b.history.batch_loss) == 7  # A's five steps, then B's own two
    window.compare.end()


def test_health_overlays_both_runs_and_confusion_sits_side_by_side(qtbot, window):
    _train_a(qtbot, window, 12)
    assert window.compare.start(parse_change("activation=sigmoid"), steps=11)
    b = _b_paused_at(qtbot, window, 11)
    qtbot.waitUntil(lambda: window.compare.latest.get("A") is not None
                    and window.compare.latest["A"].step >= 12, timeout=WAIT_MS)
    labels = (window.compare.label("A"), window.compare.label("B"))
    assert labels == ("A (Activation: ReLU)", "B (Activation: sigmoid)")
    snaps = (window.compare.latest["A"], window.compare.latest["B"])

    # gradient health: every layer of both runs, each run in its colour on the curves
    health = window.show_view("Gradient health")
    layers = [k.split("/")[1] for k in snaps[0].history.health if k.startswith("delta_u/")]
    want = {(label, n) for label in labels for n in layers}
    qtbot.waitUntil(lambda: set(health.curves["delta_u"]) == want, timeout=WAIT_MS)
    for run, (label, snap) in enumerate(zip(labels, snaps, strict=True)):
        h = snap.history.health
        for n in layers:
            x, y = health.curves["delta_u"][(label, n)].getOriginalDataset()
            np.testing.assert_array_equal(x, h["step"])
            np.testing.assert_allclose(y, h[f"delta_u/{n}"])
            pen = health.curves["delta_u"][(label, n)].opts["pen"].color()
            hue = health.legends["delta_u"].items[run][0].item.opts["pen"].color().hue()
            assert abs(pen.hue() - hue) <= 3  # the run's hue, lighter towards the input
    legend = [lab.text for _, lab in health.legends["delta_u"].items]
    assert legend == list(labels)  # the curves' labels of the runs
    a_pen = health.legends["delta_u"].items[0][0].item.opts["pen"].color()
    b_pen = health.legends["delta_u"].items[1][0].item.opts["pen"].color()
    assert (a_pen.name(), b_pen.name()) == tuple(RUN_COLOURS)
    assert len(snaps[1].history.health["step"]) == 2 and b.step_count == 11

    # the confusion matrices: A's beside B's, each under its run's label
    confusion = window.show_view("Confusion matrix")
    confusion.refresh_button.click()  # both runs evaluate their test sets
    qtbot.waitUntil(lambda: all(s is not None and s.evaluation is not None
                                for s in (window.compare.latest.get("A"),
                                          window.compare.latest.get("B")))
                    and confusion.stack.currentIndex() == 1
                    and confusion.counts(1).sum() == len(window.dataset.test_labels)
                    and confusion.counts(0).sum() == len(window.dataset.test_labels),
                    timeout=WAIT_MS)
    evs = [window.compare.latest[w].evaluation for w in "AB"]
    for run in (0, 1):
        np.testing.assert_array_equal(confusion.counts(run), evs[run].confusion())
        assert labels[run] in confusion.run_titles[run].text()
    a, bm = confusion.matrix, confusion.matrix_b
    assert bm.isVisible() and bm.geometry().left() >= a.geometry().right()
    assert abs(bm.geometry().top() - a.geometry().top()) <= 2  # one row
    # one colour scale: each cell's colour is its row share, whichever run it shows
    for m, ev in zip((a, bm), evs, strict=True):
        counts = ev.confusion()
        image = m.grab().toImage()
        for r, c in ((0, 0), (1, 2)):
            share = counts[r, c] / max(1, counts[r].sum())
            corner = m.cell_rect(r, c).topLeft().toPoint() + QPoint(3, 3)
            assert image.pixelColor(corner) == cell_colour(share, r == c)
    # a cell of B's matrix lists B's images
    t = int(evs[1].labels[0])
    confusion.select_cell(t, t, 1)
    np.testing.assert_array_equal(
        confusion.gallery.indices,
        np.flatnonzero((evs[1].labels == t) & (evs[1].predictions == t)))
    assert labels[1] in confusion.gallery_caption.text()

    window.compare.end()  # one run again
    assert not confusion.matrix_b.isVisible()
    health_view = window.show_view("Gradient health")
    qtbot.waitUntil(lambda: set(health_view.curves["delta_u"]) == set(layers),
                    timeout=WAIT_MS)
