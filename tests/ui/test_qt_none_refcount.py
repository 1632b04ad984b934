"""Regression: PySide6-Essentials 6.12.0 on Python 3.11 dropped a reference to None on every Qt call
returning nothing, and the process aborted with "Fatal Python error: none_dealloc" after a few
thousand calls. pyproject excludes that release; this test catches any release that does it again."""

from __future__ import annotations

import gc
import sys

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel

CALLS = 100_000


def test_void_qt_calls_keep_none_alive(qapp) -> None:
    label = QLabel()
    model = QStandardItemModel(1, 1)
    item = QStandardItem()
    gc.collect()
    gc.disable()  # garbage from earlier tests must not release None references mid-count
    try:
        before = sys.getrefcount(None)
        for i in range(CALLS // 4):
            label.setText("群")
            item.setData(i)
            model.setItem(0, 0, QStandardItem("x"))
            label.setToolTip("")
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    # a leak of one reference per call would show as tens of thousands
    assert after >= before - 100, (before, after)
