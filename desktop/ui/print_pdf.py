"""HTML to a PDF file through Qt's own print engine (QTextDocument + QPrinter), A4.

The only Qt in the pickup-list path: the HTML is built Qt-free in desktop.io.order_sheets, and the CLI
imports this module lazily. Headless use (the CLI, tests) needs an application object for fonts; a
QApplication (not a bare QGuiApplication, which would stop the GUI from making its own later in the
same process) is made on the offscreen platform when none exists.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.domain.errors import ValidationError


def _application() -> object:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    return app


def html_to_pdf(html: str, out_path: Path | str, *, landscape: bool = False) -> Path:
    """Print ``html`` to ``out_path`` (.pdf); the file appears only when complete."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
    from PySide6.QtPrintSupport import QPrinter

    path = Path(out_path)
    if path.suffix.lower() != ".pdf":
        raise ValidationError(f"只能保存为 .pdf：{path.name}", "out_path")
    if not path.parent.is_dir():
        raise ValidationError(f"文件夹不存在：{path.parent}", "out_path")
    _app = _application()  # kept in a name: the application must outlive the printing below
    tmp = path.with_name(f".{path.stem}-printing.pdf")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp))
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(12, 12, 12, 12),
                                      QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    document.setHtml(html)
    try:
        document.print_(printer)
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise ValidationError(f"无法写入 PDF：{path.name}", "out_path")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
