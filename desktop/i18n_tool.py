"""Refresh the translation sources (resources/i18n/*.ts) from desktop/ and build the .qm files.

    python -m desktop.i18n_tool                  # lupdate, then lrelease
    python -m desktop.i18n_tool --release-only   # lrelease only

Qt-free on purpose: it only runs Qt's command-line tools. Translate new entries with pyside6-linguist.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "desktop"
I18N_DIR = ROOT / "resources" / "i18n"
LANGUAGES = ("en", "zh_TW")
SOURCE_LANGUAGE = "zh_CN"

# desktop/ui/labels.py translates through `_t(text)` = translate("<context>", text); lupdate cannot
# follow that, so each `_t("...")` literal is handed to it as an explicit translate() call.
_HELPER_CONTEXT = re.compile(r'def _t\(.*\n\s*return QCoreApplication\.translate\("([^"]+)"')
_HELPER_CALL = re.compile(r'\b_t\(\s*("(?:[^"\\\n]|\\.)*")\s*\)')


def ts_path(language: str) -> Path:
    return I18N_DIR / f"qundesk_{language}.ts"


def qm_path(language: str) -> Path:
    return I18N_DIR / f"qundesk_{language}.qm"


def qt_tool(name: str) -> str:
    """pyside6-<name> beside this Python, else the binary inside the PySide6 package (not imported)."""
    suffix = ".exe" if sys.platform == "win32" else ""
    candidates = [Path(sys.executable).parent / f"pyside6-{name}{suffix}"]
    spec = find_spec("PySide6")
    candidates += [Path(folder) / f"{name}{suffix}" for folder in (spec.submodule_search_locations or [])] if spec else []
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    raise SystemExit(f"{name} not found; install PySide6 into {sys.executable}")


def source_files() -> list[Path]:
    migrations = SOURCE_DIR / "store" / "migrations"
    return sorted(p for p in SOURCE_DIR.rglob("*.py") if migrations not in p.parents)


def _helper_calls(files: list[Path]) -> str:
    lines = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        context = _HELPER_CONTEXT.search(text)
        if context:
            lines += [f'QCoreApplication.translate("{context[1]}", {m[1]})' for m in _HELPER_CALL.finditer(text)]
    return "\n".join(lines) + "\n"


def update(ts_files: list[Path]) -> None:
    """Merge the strings desktop/ has now into ts_files (created if missing), dropping vanished ones."""
    files = source_files()
    with tempfile.TemporaryDirectory() as tmp:
        helpers = Path(tmp) / "helper_calls.py"
        helpers.write_text(_helper_calls(files), encoding="utf-8")
        subprocess.run(
            [qt_tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none",
             "-source-language", SOURCE_LANGUAGE, *map(str, files), str(helpers), "-ts", *map(str, ts_files)],
            check=True,
        )


def release(ts_file: Path, qm_file: Path) -> None:
    subprocess.run([qt_tool("lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.i18n_tool", description=__doc__.splitlines()[0])
    parser.add_argument("--release-only", action="store_true", help="only rebuild the .qm files")
    args = parser.parse_args(argv)
    if not args.release_only:
        update([ts_path(lang) for lang in LANGUAGES])
    for lang in LANGUAGES:
        release(ts_path(lang), qm_path(lang))
        unfinished = ts_path(lang).read_text(encoding="utf-8").count('type="unfinished"')
        print(f"{qm_path(lang).relative_to(ROOT)}" + (f"  ({unfinished} unfinished)" if unfinished else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
