"""The one background-task API: results on the UI thread, progress, cancel, errors as messages."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from desktop.domain.errors import ValidationError
from desktop.workers.tasks import TaskRunner


@pytest.fixture
def runner(qtbot) -> TaskRunner:
    parent = QWidget()
    qtbot.addWidget(parent)
    task_runner = TaskRunner(parent)
    yield task_runner
    qtbot.waitUntil(lambda: task_runner.active_count == 0, timeout=10_000)
    assert task_runner.wait_for_done(10_000)


def test_result_arrives_on_the_ui_thread_then_data_changed(qtbot, runner: TaskRunner) -> None:
    seen: list = []
    ui_thread = threading.current_thread()
    with qtbot.waitSignal(runner.data_changed, timeout=5000) as changed:
        runner.run(lambda ctx: threading.current_thread() is not ui_thread and 41 + 1,
                   on_done=lambda value: seen.append((value, threading.current_thread() is ui_thread)),
                   changes="groups", changed_ids=lambda _v: [3, 4])
    assert seen == [(42, True)]
    assert changed.args == ["groups", [3, 4]]


def test_reads_do_not_announce_changes(qtbot, runner: TaskRunner) -> None:
    emitted: list = []
    runner.data_changed.connect(lambda *args: emitted.append(args))
    done: list = []
    runner.run(lambda ctx: "rows", on_done=done.append)
    qtbot.waitUntil(lambda: done == ["rows"])
    assert emitted == []


def test_errors_become_messages_not_tracebacks(qtbot, runner: TaskRunner, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))

    def broken(_ctx):  # type: ignore[no-untyped-def]
        raise ValidationError("群名称不能为空", "name")

    runner.run(broken)
    qtbot.waitUntil(lambda: runner.active_count == 0)
    assert shown == ["群名称不能为空"]

    def crash(_ctx):  # type: ignore[no-untyped-def]
        raise KeyError("surprise")

    runner.run(crash)
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert "操作没有完成" in shown[1] and "Traceback" not in shown[1]


def test_long_job_shows_progress_and_can_be_cancelled(qtbot, runner: TaskRunner, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    steps: list[int] = []

    def long_job(ctx):  # type: ignore[no-untyped-def]
        for step in range(200):
            ctx.cancel.raise_if_cancelled()
            ctx.progress(step, 200, f"第 {step} 步")
            steps.append(step)
            time.sleep(0.02)
        return "finished"

    results: list = []
    runner.run(long_job, on_done=results.append, title="正在处理…", parent=runner.parent())
    dialog = None

    def dialog_visible() -> bool:
        nonlocal dialog
        dialog = next((d for d in runner.parent().findChildren(QProgressDialog) if d.isVisible()), None)
        return dialog is not None

    qtbot.waitUntil(dialog_visible, timeout=5000)  # appears after ~600 ms, not at once
    assert dialog is not None and dialog.maximum() == 200 and "步" in dialog.labelText()
    cancel_button = dialog.findChild(QPushButton)
    assert cancel_button is not None and cancel_button.text() == "取消"
    qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)
    assert results == [] and shown == []  # cancelled quietly, never "finished"
    assert len(steps) < 200


def test_writes_run_one_at_a_time_in_order(qtbot, runner: TaskRunner) -> None:
    log: list[str] = []
    lock = threading.Lock()
    active = [0]

    def write(name: str):  # type: ignore[no-untyped-def]
        def job(_ctx):  # type: ignore[no-untyped-def]
            with lock:
                active[0] += 1
                assert active[0] == 1, "two writers at once"
            time.sleep(0.01)
            log.append(name)
            with lock:
                active[0] -= 1
        return job

    for name in "abcdef":
        runner.run(write(name), changes="groups")
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)
    assert log == list("abcdef")


def test_callbacks_of_a_closed_owner_are_dropped(qtbot) -> None:
    """A dialog closed (and deleted) while its job runs: the job finishes, nothing reaches it."""
    import shiboken6
    from PySide6.QtWidgets import QDialog, QLabel

    runner = TaskRunner()
    dialog = QDialog()
    label = QLabel(dialog)
    release = threading.Event()
    called: list[str] = []

    def slow(_ctx):  # type: ignore[no-untyped-def]
        release.wait(5)
        raise ValueError("late")

    runner.run(slow, on_error=lambda exc: (called.append("error"), label.setText(str(exc))), owner=dialog)
    runner.run(lambda _ctx: (release.wait(5), 1)[1], on_done=lambda _r: called.append("done"), owner=dialog)
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(label), timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5_000)
    assert called == []
    assert runner.wait_for_done()


def test_writer_jobs_begin_their_transactions_immediately(qtbot, runner: TaskRunner) -> None:
    """Jobs on the single writer take SQLite's write lock before reading (desktop.domain.transactions);
    reads, and writes a job runs off the writer on purpose, ask for it themselves."""
    from desktop.domain.transactions import begin_immediately

    seen: dict[str, bool] = {}
    runner.run(lambda _ctx: seen.setdefault("write", begin_immediately.get()), changes="groups")
    runner.run(lambda _ctx: seen.setdefault("read", begin_immediately.get()))
    runner.run(lambda _ctx: seen.setdefault("off the writer", begin_immediately.get()), changes="members", write=False)
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)
    assert seen == {"write": True, "read": False, "off the writer": False}
    assert begin_immediately.get() is False  # the UI thread's own context is untouched
