"""The read-only row table every list of the app uses: whole-row selection, no editing, fixed row
height, sortable from the header, columns the operator can resize (their widths are the caller's)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.ui.models.rows_model import RowsModel

ROW_HEIGHT = 26


def read_only_table(model: QAbstractItemModel, name: str = "", *, multi: bool = False,
                    sortable: bool = True, stretch_last: bool = True, alternating: bool = False) -> QTableView:
    """A QTableView over ``model``; ``multi`` allows Ctrl/Shift multi-selection for bulk actions."""
    view = QTableView()
    if name:
        view.setObjectName(name)
    view.setModel(model)
    view.setSortingEnabled(sortable)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(alternating)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_last)
    return view


def selected_row(view: QTableView, model: RowsModel) -> Any | None:
    """The row object of the first selected row, or None."""
    rows = view.selectionModel().selectedRows()
    return model.row_at(rows[0].row()) if rows else None
