"""The shipped translations: complete, built, loadable, and covering every string the code has now."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from desktop import i18n_tool

FIX = "run `python -m desktop.i18n_tool`, translate the new entries (pyside6-linguist) and commit the .ts and .qm"
PLACEHOLDER = re.compile(r"\{\d+\}")
TAG = re.compile(r"<[^>]+>")
MNEMONIC = re.compile(r"&(?=\w)")


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


@pytest.mark.parametrize("language", i18n_tool.LANGUAGES)
def test_committed_qm_is_built_from_the_committed_ts(language: str, tmp_path: Path) -> None:
    committed = i18n_tool.qm_path(language)
    assert committed.is_file(), FIX
    fresh = tmp_path / committed.name
    i18n_tool.release(i18n_tool.ts_path(language), fresh)
    assert fresh.read_bytes() == committed.read_bytes(), f"{committed.name} is stale: {FIX}"


@pytest.mark.parametrize("language", i18n_tool.LANGUAGES)
def test_every_message_is_translated_and_keeps_its_markup(language: str) -> None:
    found = messages(i18n_tool.ts_path(language))
    assert len(found) > 50
    for context, source, translation in found:
        where = f"{language} {context}: {source!r}"
        assert translation is not None and translation.get("type") is None, f"unfinished {where}: {FIX}"
        text = translation.text or ""
        assert text.strip(), f"empty translation {where}"
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), where
        assert TAG.findall(text) == TAG.findall(source), where
        assert len(MNEMONIC.findall(text)) == len(MNEMONIC.findall(source)), where


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", {("MainWindow", "群组"): "Groups", ("Vocabulary", "沉默"): "Dormant", ("MainWindow", "文件(&F)"): "&File"}),
        ("zh_TW", {("MainWindow", "群组"): "群組", ("Vocabulary", "沉默"): "沉默", ("GroupsPage", "保存"): "儲存"}),
    ],
)
def test_translator_loads_the_qm(qapp, language: str, expected: dict[tuple[str, str], str]) -> None:
    translator = QTranslator()
    assert translator.load(str(i18n_tool.qm_path(language)))
    QCoreApplication.installTranslator(translator)
    try:
        for (context, source), text in expected.items():
            assert QCoreApplication.translate(context, source) == text
    finally:
        QCoreApplication.removeTranslator(translator)


def test_ts_files_cover_exactly_the_strings_in_the_code(tmp_path: Path) -> None:
    scratch = tmp_path / "qundesk_en.ts"
    started = time.perf_counter()
    i18n_tool.update([scratch])
    assert time.perf_counter() - started < 10
    in_code = {(context, source) for context, source, _ in messages(scratch)}
    for language in i18n_tool.LANGUAGES:
        committed = {(context, source) for context, source, _ in messages(i18n_tool.ts_path(language))}
        assert in_code - committed == set(), f"strings not in qundesk_{language}.ts yet: {FIX}"
        assert committed - in_code == set(), f"strings gone from the code still in qundesk_{language}.ts: {FIX}"
