"""Committing imports: messy workbooks written here with openpyxl, matched, written, reported, undone."""

from __future__ import annotations

import csv
import io
import itertools
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop.domain.enums import GroupStatus, ImportStatus, InteractionKind, Platform, Tier
from desktop.domain.errors import ImportFileError, ValidationError
from desktop.domain.imports import BatchKind, ImportKind, ImportPolicy
from desktop.domain.progress import Cancelled, CancelToken
from desktop.io.chat_export import MEMOTRACE_COLUMNS
from desktop.io.import_report import write_import_report
from desktop.io.normalize import FORMULA_STARTS
from desktop.io.rows import load_sheet
from desktop.services import imports as imports_module
from desktop.services.imports import ImportService
from desktop.services.interactions import InteractionService
from desktop.store.engine import open_database
from desktop.store.models import (
    ENTITY_TABLES,
    AuditLog,
    Group,
    GroupDayStat,
    GroupLabel,
    ImportBatch,
    ImportChange,
    Interaction,
    Label,
    Member,
)

DATA_TABLES = [t for t in ENTITY_TABLES if t not in (ImportBatch, ImportChange, AuditLog)]


def dump(db) -> dict[str, list[tuple]]:
    """Every row of every data table, in primary-key order."""
    with db.transaction() as session:
        out = {}
        for model in DATA_TABLES:
            table = model.__table__
            out[table.name] = [tuple(row) for row in session.execute(
                select(table).order_by(*table.primary_key.columns))]
        return out


def write_messy_workbook(path: Path) -> None:
    """Title rows above merged headers, Traditional headers, ¥ amounts, numeric phones, four date
    styles, blank rows, totals rows and duplicated rows, on three sheets."""
    book = openpyxl.Workbook()
    groups = book.active
    groups.title = "群列表"
    groups["A1"] = "2026年11月 社群名單"
    groups.merge_cells("A1:G1")
    groups.append([])
    groups.append(["群名稱", "平台", "群ID", "群主", "人數", "建群日期", "標籤"])
    groups.append(["夜跑群", "微信", None, "王芳", 356, datetime(2026, 1, 5), "新客群，兴趣群"])
    groups.append(["VIP客户群", "企業微信", "wrm001", "李雷", "120人", 46346, "VIP群"])
    groups.append([None] * 7)
    groups.append(["團購3群", "企微", None, "韓梅梅", 80.0, "2026年11月20日", ""])
    groups.append(["抖音粉絲群", "抖音", None, "", "1,234", "2026/11/21", ""])
    groups.append(["夜跑群", "微信", None, "王芳", 356, datetime(2026, 1, 5), "新客群，兴趣群"])
    groups.append(["火星群", "火星", None, "", 1, "2026-11-22", ""])
    groups.append(["合計", "", "", "", 1791])

    members = book.create_sheet("成員")
    members["A1"] = "客戶名單"
    members.merge_cells("A1:F1")
    members.append(["暱稱", "微信號", "手機號碼", "客戶等級", "種子用戶", "推薦人"])
    members.append(["王芳", "wangfang88", 13800138000.0, "會員", "是", None])
    members.append(["李雷", None, "+86 139 0013 9000", "粉絲", "否", "王芳"])
    members.append([])
    members.append(["韓梅梅", None, 13700137000, "合夥人", None, "李雷"])
    members.append(["王芳", "wangfang88", 13800138000, "會員", "是", None])
    members.append(["總計", "", "", "", "", ""])

    acts = book.create_sheet("互動")
    acts["A1"] = "互動記錄"
    acts.merge_cells("A1:F1")
    acts.append(["時間", "群名稱", "暱稱", "類型", "內容", "金額"])
    acts.append([datetime(2026, 11, 20, 9, 30), "夜跑群", "王芳", "發言", "早上好", None])
    acts.append(["2026/11/20 10:15", "夜跑群", "李雷", "購買", "脐橙两箱", "¥1,234.50"])
    acts.append([46346.5, "夜跑群", "韓梅梅", "發言", "", None])
    acts.append([])
    acts.append(["2026年11月21日 8:05", "VIP客户群", "王芳", "購買", "大米", 99.9])
    acts.append(["2026/11/20 10:15", "夜跑群", "李雷", "購買", "脐橙两箱", "¥1,234.50"])
    acts.append(["2026-11-21 09:00", "不存在的群", "王芳", "發言", "", None])
    acts.append(["合計", "", "", "", "", "¥1,334.40"])
    book.save(path)


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    path = tmp_path / "社群数据.xlsx"
    write_messy_workbook(path)
    return path


def import_all(db, path: Path, policy: ImportPolicy = ImportPolicy.SKIP) -> list:
    service = ImportService(db)
    return [service.commit(path, kind, policy, sheet=sheet) for kind, sheet in
            ((BatchKind.GROUPS, "群列表"), (BatchKind.MEMBERS, "成員"), (BatchKind.INTERACTIONS, "互動"))]


def outcomes(report) -> list[tuple[int, str, str]]:
    return [(r.row, r.outcome.value, r.reason) for r in report.results]


def test_messy_workbook_imports_exactly_the_expected_rows(db, messy: Path) -> None:
    groups, members, acts = import_all(db, messy)
    assert outcomes(groups) == [
        (4, "inserted", ""), (5, "inserted", ""), (7, "inserted", ""), (8, "inserted", ""),
        (9, "skipped", "与第 4 行重复"), (10, "failed", "B 列“平台”：无法识别的平台：火星"),
    ]
    with db.transaction() as session:
        rows = session.execute(select(Group.name, Group.platform, Group.external_id, Group.owner, Group.member_count,
                                      Group.start_date, Group.status, Group.import_batch_id).order_by(Group.id)).all()
        labels = session.execute(select(Group.name, Label.name).join(GroupLabel, GroupLabel.group_id == Group.id)
                                 .join(Label, Label.id == GroupLabel.label_id).order_by(Group.id, Label.id)).all()
    assert [tuple(r) for r in rows] == [
        ("夜跑群", Platform.WECHAT, None, "王芳", 356, date(2026, 1, 5), GroupStatus.ACTIVE, groups.batch_id),
        ("VIP客户群", Platform.WECOM, "wrm001", "李雷", 120, date(2026, 11, 20), GroupStatus.ACTIVE, groups.batch_id),
        ("團購3群", Platform.WECOM, None, "韓梅梅", 80, date(2026, 11, 20), GroupStatus.ACTIVE, groups.batch_id),
        ("抖音粉絲群", Platform.DOUYIN, None, "", 1234, date(2026, 11, 21), GroupStatus.ACTIVE, groups.batch_id),
    ]
    assert groups.new_group_ids == (1, 2, 3, 4)
    assert [tuple(r) for r in labels] == [("夜跑群", "新客群"), ("夜跑群", "兴趣群"), ("VIP客户群", "VIP群")]

    assert outcomes(members) == [(3, "inserted", ""), (4, "inserted", ""), (6, "inserted", ""),
                                 (7, "skipped", "与第 3 行重复")]
    with db.transaction() as session:
        people = session.execute(select(Member.id, Member.nickname, Member.wechat_id, Member.phone, Member.tier,
                                        Member.seed_user, Member.referrer_id, Member.import_batch_id)
                                 .order_by(Member.id)).all()
    assert [tuple(p) for p in people] == [
        (1, "王芳", "wangfang88", "13800138000", Tier.MEMBER, True, None, members.batch_id),
        (2, "李雷", None, "13900139000", Tier.FAN, False, 1, members.batch_id),
        (3, "韓梅梅", None, "13700137000", Tier.PARTNER, False, 2, members.batch_id),
    ]

    assert outcomes(acts) == [(3, "inserted", ""), (4, "inserted", ""), (5, "inserted", ""), (7, "inserted", ""),
                              (8, "skipped", "与第 4 行重复"), (9, "failed", "找不到群“不存在的群”")]
    with db.transaction() as session:
        logged = session.execute(select(Interaction.occurred_at, Interaction.group_id, Interaction.member_id,
                                        Interaction.kind, Interaction.summary, Interaction.amount_cents)
                                 .order_by(Interaction.id)).all()
        stats = session.execute(select(GroupDayStat.group_id, GroupDayStat.day, GroupDayStat.messages,
                                       GroupDayStat.active_members).order_by(GroupDayStat.group_id)).all()
    assert [tuple(x) for x in logged] == [
        (datetime(2026, 11, 20, 9, 30), 1, 1, InteractionKind.MESSAGE, "早上好", None),
        (datetime(2026, 11, 20, 10, 15), 1, 2, InteractionKind.PURCHASE, "脐橙两箱", 123450),
        (datetime(2026, 11, 20, 12, 0), 1, 3, InteractionKind.MESSAGE, "", None),
        (datetime(2026, 11, 21, 8, 5), 2, 1, InteractionKind.PURCHASE, "大米", 9990),
    ]
    assert [tuple(s) for s in stats] == [(1, date(2026, 11, 20), 3, 3), (2, date(2026, 11, 21), 1, 1)]
    recount = InteractionService(db).recount_day_stats()
    assert {cell: (c.messages, c.active_members) for cell, c in recount.items()} == {
        (1, date(2026, 11, 20)): (3, 3), (2, date(2026, 11, 21)): (1, 1)}


def test_second_import_of_the_same_file_adds_nothing(db, messy: Path) -> None:
    import_all(db, messy)
    before = dump(db)
    for policy in ImportPolicy:
        again = import_all(db, messy, policy)
        assert all(r.inserted == 0 and r.updated == 0 for r in again), policy
        assert dump(db) == before
    # the same rows in another file are matched by natural key
    copy = messy.with_name("副本.xlsx")
    book = openpyxl.load_workbook(messy)
    book["群列表"]["H3"] = "多余的列"
    book.save(copy)
    report = ImportService(db).commit(copy, BatchKind.GROUPS, ImportPolicy.INSERT)
    assert report.inserted == 0 and [r.reason for r in report.results if r.row == 4] == ["已存在"]
    report = ImportService(db).commit(copy, BatchKind.GROUPS, ImportPolicy.SKIP)
    assert report.inserted == 0 and report.skipped == 6 and "已于" in report.results[0].reason
    assert dump(db) == before


def test_update_policy_changes_exactly_the_matched_rows(db, messy: Path, tmp_path: Path) -> None:
    import_all(db, messy)
    before = dump(db)
    edited = tmp_path / "edited.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["群名称", "平台", "群ID", "群主", "群人数"])
    sheet.append(["夜跑群", "微信", None, "王芳", 400])          # changed count
    sheet.append(["改名了", "企微", "wrm001", "", None])         # matched by id: renamed, owner blank kept
    sheet.append(["團購3群", "企微", None, "韓梅梅", 80])         # unchanged
    sheet.append(["新群", "QQ", None, "小明", 10])                # new
    book.save(edited)
    report = ImportService(db).commit(edited, BatchKind.GROUPS, ImportPolicy.UPDATE)
    assert outcomes(report) == [(2, "updated", "更新：member_count"), (3, "updated", "更新：name"),
                                (4, "skipped", "无变化"), (5, "inserted", "")]
    after = dump(db)
    changed = {row[0] for row in after["groups"]} - {row[0] for row in before["groups"]}
    assert changed == {5}
    old = {row[0]: row for row in before["groups"]}
    new = {row[0]: row for row in after["groups"]}
    assert [gid for gid in old if old[gid] != new[gid]] == [1, 2]
    with db.transaction() as session:
        g2 = session.get(Group, 2)
        assert (g2.name, g2.owner, g2.external_id) == ("改名了", "李雷", "wrm001")
        assert "gaimingle" in g2.search_key
        assert session.get(Group, 1).member_count == 400
    for table in ("members", "interactions", "group_day_stats", "group_labels"):
        assert after[table] == before[table]


def test_undo_restores_the_previous_state_exactly(db, messy: Path, tmp_path: Path) -> None:
    import_all(db, messy)
    before = dump(db)
    edited = tmp_path / "members.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["昵称", "微信号", "手机号", "等级", "备注"])
    sheet.append(["芳芳", "wangfang88", None, "合伙人", "改了"])
    sheet.append(["新人", None, "13900000000", None, None])
    book.save(edited)
    service = ImportService(db)
    report = service.commit(edited, BatchKind.MEMBERS, ImportPolicy.UPDATE)
    assert (report.inserted, report.updated) == (1, 1)
    assert dump(db) != before
    undone = service.undo(report.batch_id)
    assert undone.status == ImportStatus.UNDONE.value
    assert dump(db) == before
    with pytest.raises(ValidationError, match="已经撤销过了"):
        service.undo(report.batch_id)
    assert service.history()[0].status == "undone"
    # undoing every batch, newest first, leaves the empty workspace (day stats included)
    empty = None
    for batch in service.history():
        if batch.status == "done":
            service.undo(batch.id)
    empty = dump(db)
    assert all(not empty[t] for t in ("groups", "members", "interactions", "group_day_stats", "group_labels"))


def test_undo_of_interactions_keeps_later_entries_in_the_day_stats(db, messy: Path) -> None:
    _, _, acts = import_all(db, messy)
    from desktop.domain.members import InteractionDraft

    InteractionService(db).log(InteractionDraft(InteractionKind.MESSAGE, group_id=1, member_id=1,
                                                occurred_at=datetime(2026, 11, 20, 20, 0)))
    ImportService(db).undo(acts.batch_id)
    with db.transaction() as session:
        stats = session.execute(select(GroupDayStat.group_id, GroupDayStat.day, GroupDayStat.messages,
                                       GroupDayStat.active_members)).all()
    assert [tuple(s) for s in stats] == [(1, date(2026, 11, 20), 1, 1)]


def test_cancel_mid_way_leaves_the_database_unchanged(db, messy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ImportService(db).commit(messy, BatchKind.GROUPS, sheet="群列表")
    before = dump(db)
    monkeypatch.setattr(imports_module, "WRITE_CHUNK", 1)
    token = CancelToken()
    calls = []

    def progress(done: int, total: int, message: str) -> None:
        calls.append(message)
        if len([m for m in calls if m.startswith("正在写入")]) == 2:
            token.cancel()  # one member is already written in the transaction

    with pytest.raises(Cancelled):
        ImportService(db).commit(messy, BatchKind.MEMBERS, sheet="成員", progress=progress, cancel=token)
    assert dump(db) == before
    assert [b.kind for b in ImportService(db).history()] == [BatchKind.GROUPS]


def test_missing_required_column_names_file_and_column(db, tmp_path: Path) -> None:
    path = tmp_path / "没有昵称.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "名单"
    book.active.append(["微信号", "手机号"])
    book.active.append(["wx1", "13800138000"])
    book.save(path)
    before = dump(db)
    with pytest.raises(ImportFileError) as caught:
        ImportService(db).commit(path, BatchKind.MEMBERS)
    assert "没有昵称.xlsx" in str(caught.value) and "“名单”" in str(caught.value) and "昵称" in str(caught.value)
    assert dump(db) == before and ImportService(db).history() == []


def test_strict_mode_refuses_a_bad_cell_naming_row_and_column(db, messy: Path) -> None:
    with pytest.raises(ImportFileError, match=r"社群数据.xlsx 的工作表“群列表”第 10 行 B 列“平台”：无法识别的平台：火星"):
        ImportService(db).commit(messy, BatchKind.GROUPS, strict=True)
    assert ImportService(db).history() == []


def test_corrupt_file_is_a_clear_error(db, tmp_path: Path) -> None:
    path = tmp_path / "坏文件.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFileError, match=r"坏文件\.xlsx"):
        ImportService(db).commit(path, BatchKind.GROUPS)
    with pytest.raises(ValidationError, match="暂不支持"):
        ImportService(db).preview(path, BatchKind.JIELONG)  # a paste, never a file


def test_preview_says_what_commit_does_and_writes_nothing(db, messy: Path) -> None:
    service = ImportService(db)
    preview = service.preview(messy, ImportKind.GROUPS)
    assert dump(db)["groups"] == [] and service.history() == []
    report = service.commit(preview, ImportKind.GROUPS)
    assert report.results == preview.results
    assert (preview.inserted, preview.skipped, preview.failed) == (4, 1, 1)
    again = service.preview(messy, ImportKind.GROUPS, policy=ImportPolicy.UPDATE)
    assert again.already_imported == report.batch_id and again.inserted == 0


def test_new_groups_get_auto_classification_rules(db, messy: Path) -> None:
    from desktop.domain.rules import RuleConditions
    from desktop.services.rules import RuleService

    with db.transaction() as session:
        sales = session.scalar(select(Label.id).where(Label.name == "销售群"))
    RuleService(db).create("团购", RuleConditions(name_contains="團購"), sales, apply_to_new=True)
    ImportService(db).commit(messy, BatchKind.GROUPS)
    with db.transaction() as session:
        tagged = session.scalars(select(GroupLabel.group_id).where(GroupLabel.label_id == sales)).all()
    assert tagged == [3]


def test_report_workbook_reads_back(db, messy: Path, tmp_path: Path) -> None:
    report = ImportService(db).commit(messy, BatchKind.GROUPS)
    out = write_import_report(report, tmp_path / "报告.xlsx")
    frame = pd.read_excel(out, sheet_name="导入明细", dtype=object, engine="calamine")
    assert list(frame.columns) == ["行号", "结果", "对象", "记录", "原因"]
    assert list(frame["结果"]) == ["新增", "新增", "新增", "新增", "跳过", "失败"]
    book = openpyxl.load_workbook(out)
    sheet = book["导入明细"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:E7" and sheet["A1"].font.b
    assert sheet.column_dimensions["E"].width >= len("B 列“平台”：无法识别的平台：火星") * 1.5


# ---------------------------------------------------------------- chat exports


def unix(*parts: int) -> str:
    return str(int(datetime(*parts, tzinfo=timezone(timedelta(hours=8))).timestamp()))


def test_chat_export_creates_groups_stats_members_and_messages_on_request(db, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    import time as time_module

    time_module.tzset()
    rows = [
        ["1", "7@chatroom", "1", "0", "0", unix(2026, 11, 20, 9, 0), "2", "早", "", "", "王芳", "wxid_wf"],
        ["2", "7@chatroom", "1", "0", "0", unix(2026, 11, 20, 9, 5), "2", "好", "", "", "李雷", "wxid_ll"],
        ["3", "7@chatroom", "1", "0", "1", unix(2026, 11, 20, 9, 6), "2", "在", "", "", "我", "wxid_me"],
        ["4", "7@chatroom", "1", "0", "0", unix(2026, 11, 21, 9, 0), "2", "嗯", "", "", "王芳", "wxid_wf"],
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(MEMOTRACE_COLUMNS)
    writer.writerows(rows)
    path = tmp_path / "夜跑群_utf8.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    service = ImportService(db)
    preview = service.preview(path, BatchKind.CHAT_EXPORT, include_messages=True)
    assert (preview.inserted, preview.failed) == (1 + 2 + 2 + 3, 0)
    before = dump(db)
    report = service.commit(path, BatchKind.CHAT_EXPORT, include_messages=True)
    assert report.inserted == preview.inserted
    with db.transaction() as session:
        group = session.scalars(select(Group)).one()
        assert (group.name, group.external_id) == ("夜跑群", "7@chatroom")
        stats = session.execute(select(GroupDayStat.day, GroupDayStat.messages, GroupDayStat.active_members)
                                .order_by(GroupDayStat.day)).all()
        assert [tuple(s) for s in stats] == [(date(2026, 11, 20), 3, 3), (date(2026, 11, 21), 1, 1)]
        assert session.scalars(select(Member.wechat_id).order_by(Member.id)).all() == ["wxid_ll", "wxid_wf"]
        assert len(session.scalars(select(Interaction.id)).all()) == 3
    assert service.commit(path, BatchKind.CHAT_EXPORT, include_messages=True).inserted == 0
    service.undo(report.batch_id)
    assert dump(db) == before


# ---------------------------------------------------------------- round trip

_SERIAL = itertools.count()
NICK_CHARS = st.sampled_from(list("王芳李雷abcXYZ019=+-@ \t\n😀👍🏻🇨🇳·_()."))


def _usable(nick: str) -> bool:
    """What a sheet can carry: no trailing blanks (Excel users cannot see them either), no leading
    blank unless it is one the quote prefix protects, not a word that marks a totals row."""
    return (nick == nick.rstrip() and (nick == nick.lstrip() or nick[0] in FORMULA_STARTS)
            and nick.strip() != "" and not any(w in nick.casefold() for w in ("合计", "total")))


NICKNAMES = st.text(NICK_CHARS, min_size=1, max_size=30).filter(_usable)
PHONES = st.one_of(st.from_regex(r"\+861[3-9][0-9]{9}", fullmatch=True), st.from_regex(r"0[1-9][0-9]{8,10}", fullmatch=True))


def _cell(text: str) -> str:
    """As our exports write it: text that could run as a formula gets the quote prefix."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


@pytest.fixture(scope="module")
def shared_db():
    """One database for every Hypothesis example (opening one per example took minutes)."""
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "round-trip.db")
        yield database, Path(folder)
        database.dispose()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(st.tuples(NICKNAMES, PHONES), min_size=1, max_size=8))
def test_round_trip_of_awkward_text_through_a_sheet(shared_db, people: list[tuple[str, str]]) -> None:
    db, folder = shared_db
    serial = next(_SERIAL)
    # unique ids per example: each example's rows are new members in the shared database
    rows = [(nick, f"wx_{serial}_{i}", phone) for i, (nick, phone) in enumerate(people)]
    path = folder / f"people-{serial}.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["昵称", "微信号", "手机号"])
    for nick, wechat, phone in rows:
        book.active.append([_cell(nick), wechat, _cell(phone)])
    book.save(path)
    assert load_sheet(path, ImportKind.MEMBERS).ok
    report = ImportService(db).commit(path, BatchKind.MEMBERS)
    assert report.inserted == len(rows), report.results
    with db.transaction() as session:
        stored = session.execute(select(Member.nickname, Member.wechat_id, Member.phone)
                                 .where(Member.import_batch_id == report.batch_id).order_by(Member.id)).all()
    # a mainland mobile is stored without its country code (desktop.domain.members.normalise_phone)
    assert [tuple(s) for s in stored] == [(nick, wechat, phone.removeprefix("+86") if len(phone) == 14 else phone)
                                          for nick, wechat, phone in rows]


# ------------------------------------------------------------------------------------------ memberships

MEMBER_LIST_HEADER = ["群名称", "昵称", "微信号", "群身份", "群昵称", "入群时间", "名单日期"]


def write_member_lists(path: Path, rows: list[list]) -> None:
    """A member-list export: a merged title row above the header, real dates."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "群成员"
    sheet["A1"] = "群成员名单导出"
    sheet.merge_cells("A1:G1")
    sheet.append(MEMBER_LIST_HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)


def memberships_of(db) -> dict[tuple[str, str], tuple]:
    """(group, nickname) -> (joined_on, left_on, is_admin, group nickname)."""
    from desktop.store.models import Membership

    with db.transaction() as session:
        rows = session.execute(select(Group.name, Member.nickname, Membership.joined_on, Membership.left_on,
                                      Membership.is_admin, Membership.group_nickname)
                               .join(Membership, Membership.group_id == Group.id)
                               .join(Member, Member.id == Membership.member_id)).all()
    return {(r[0], r[1]): tuple(r[2:]) for r in rows}


def day_stats_match_recount(db) -> dict[tuple[int, date], tuple[int, int]]:
    with db.transaction() as session:
        stats = {(g, d): (j, lv) for g, d, j, lv in session.execute(
            select(GroupDayStat.group_id, GroupDayStat.day, GroupDayStat.joins, GroupDayStat.leaves))}
    recount = InteractionService(db).recount_day_stats()
    assert stats == {cell: (c.joins, c.leaves) for cell, c in recount.items()}
    return stats


def test_member_lists_record_joins_and_leaves_and_undo_exactly(db, tmp_path: Path) -> None:
    from desktop.domain.groups import GroupDraft
    from desktop.services.groups import GroupService

    groups = GroupService(db)
    run_id = groups.create(GroupDraft(name="夜跑群")).id
    buy_id = groups.create(GroupDraft(name="团购1群")).id
    today = date.today()
    first_day, second_day = today - timedelta(days=20), today - timedelta(days=10)
    joined_early = today - timedelta(days=14)

    first = tmp_path / "名单1.xlsx"
    write_member_lists(first, [
        ["夜跑群", "王芳", "wangfang88", "群主", "跑团团长", None, first_day],
        ["夜跑群", "李雷", "lilei_1", "成员", "", None, first_day],
        ["夜跑群", "韩梅梅", None, "成员", "", None, first_day],
        ["团购1群", "王芳", "wangfang88", "成员", "", None, first_day],
        ["团购1群", "小明", None, "成员", "", None, first_day],
    ])
    service = ImportService(db)
    report = service.commit(first, BatchKind.MEMBERSHIPS)
    assert (report.inserted, report.updated, report.skipped, report.failed) == (5, 0, 0, 0)
    assert [r.reason for r in report.results] == ["新成员，进群", "新成员，进群", "新成员，进群", "进群", "新成员，进群"]
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == 4
        assert (session.get(Group, run_id).member_count, session.get(Group, buy_id).member_count) == (3, 2)
    assert day_stats_match_recount(db) == {(run_id, first_day): (3, 0), (buy_id, first_day): (2, 0)}
    assert memberships_of(db)[("夜跑群", "王芳")] == (first_day, None, True, "跑团团长")

    before = dump(db)
    second = tmp_path / "名单2.xlsx"
    write_member_lists(second, [
        ["夜跑群", "王芳", "wangfang88", "群主", "跑团团长", None, second_day],
        ["夜跑群", "韩梅梅", None, "成员", "梅梅", None, second_day],            # new in-group nickname
        ["夜跑群", "赵敏", "zhaomin", "成员", "", joined_early, second_day],     # joined, with a join date
        ["不存在的群", "路人", None, "成员", "", None, second_day],               # unknown group
        ["团购1群", "小明", None, "成员", "", None, second_day],
        ["团购1群", "李雷", "lilei_1", "成员", "", None, second_day],           # moved over from 夜跑群
        ["团购1群", "李雷", "lilei_1", "成员", "", None, second_day],           # listed twice (namesakes
    ])                                                                        # without an id are two people)
    report = service.commit(second, BatchKind.MEMBERSHIPS)
    assert outcomes(report) == [
        (0, "updated", f"不在 {second_day:%Y-%m-%d} 的名单上：记为退群"),
        (0, "updated", f"不在 {second_day:%Y-%m-%d} 的名单上：记为退群"),
        (3, "skipped", "已在群中"), (4, "updated", "更新群内资料"), (5, "inserted", "新成员，进群"),
        (6, "failed", "找不到群“不存在的群”"), (7, "skipped", "已在群中"), (8, "inserted", "进群"),
        (9, "skipped", "与第 8 行是同一人"),
    ]
    assert sorted(r.key for r in report.results if r.row == 0) == ["团购1群 王芳", "夜跑群 李雷"]
    assert day_stats_match_recount(db) == {
        (run_id, first_day): (3, 0), (buy_id, first_day): (2, 0),
        (run_id, joined_early): (1, 0), (run_id, second_day): (0, 1), (buy_id, second_day): (1, 1)}
    lists = memberships_of(db)
    assert lists[("夜跑群", "李雷")][:2] == (first_day, second_day)
    assert lists[("团购1群", "王芳")][:2] == (first_day, second_day)
    assert lists[("团购1群", "李雷")][:2] == (second_day, None)
    assert lists[("夜跑群", "赵敏")][:2] == (joined_early, None)
    assert lists[("夜跑群", "韩梅梅")][3] == "梅梅"
    with db.transaction() as session:
        assert (session.get(Group, run_id).member_count, session.get(Group, buy_id).member_count) == (3, 2)
        stamped = session.scalars(select(Interaction.import_batch_id).where(Interaction.day >= joined_early)).all()
    assert stamped == [report.batch_id] * 4

    # the same file again (any policy) and the same lists in another file: nothing changes
    after = dump(db)
    for policy in ImportPolicy:
        again = service.commit(second, BatchKind.MEMBERSHIPS, policy)
        assert again.inserted == 0 and again.updated == 0, policy
        assert dump(db) == after, policy
    copy = tmp_path / "名单2副本.xlsx"
    write_member_lists(copy, [["夜跑群", "王芳", "wangfang88", "群主", "跑团团长", None, second_day],
                              ["夜跑群", "韩梅梅", None, "成员", "梅梅", None, second_day],
                              ["夜跑群", "赵敏", "zhaomin", "成员", "", joined_early, second_day],
                              ["团购1群", "小明", None, "成员", "", None, second_day],
                              ["团购1群", "李雷", "lilei_1", "成员", "", None, second_day]])
    again = service.commit(copy, BatchKind.MEMBERSHIPS)
    assert (again.inserted, again.updated, again.skipped) == (0, 0, 5)
    assert dump(db) == after

    # undo puts back the state before the second list exactly: memberships re-opened, nickname, counts, stats
    service.undo(report.batch_id)
    assert dump(db) == before
    day_stats_match_recount(db)
    service.undo(service.history()[-1].id)
    empty = dump(db)
    assert all(not empty[t] for t in ("members", "memberships", "interactions", "group_day_stats"))
    with db.transaction() as session:
        assert (session.get(Group, run_id).member_count, session.get(Group, buy_id).member_count) == (0, 0)


def test_member_list_with_a_bad_row_is_not_applied_and_preview_writes_nothing(db, tmp_path: Path) -> None:
    from desktop.domain.groups import GroupDraft
    from desktop.services.groups import GroupService

    GroupService(db).create(GroupDraft(name="夜跑群"))
    GroupService(db).create(GroupDraft(name="团购1群"))
    path = tmp_path / "名单.xlsx"
    write_member_lists(path, [
        ["夜跑群", "王芳", "wang fang!", "成员", "", None, None],      # a malformed WeChat id
        ["夜跑群", "李雷", None, "成员", "", None, None],
        ["团购1群", "小明", None, "成员", "", None, date.today() + timedelta(days=1)],
        ["团购1群", "小红", None, "成员", "", None, None],
    ])
    service = ImportService(db)
    before = dump(db)
    preview = service.preview(path, BatchKind.MEMBERSHIPS)
    assert dump(db) == before
    report = service.commit(preview, BatchKind.MEMBERSHIPS)
    assert report.results == preview.results
    reasons = [(r.row, r.outcome.value, r.reason) for r in report.results]
    assert reasons[0][:2] == (3, "failed") and "微信号" in reasons[0][2]
    assert reasons[1] == (4, "failed", "同一份名单的第 3 行有问题，这份名单整份未导入（少一个人会被误记为退群）")
    assert reasons[2][:2] == (5, "failed") and "晚于今天" in reasons[2][2]
    assert reasons[3] == (6, "inserted", "新成员，进群")
    assert memberships_of(db).keys() == {("团购1群", "小红")}
