"""Broadcast rules that need no database: templates, quiet hours, splitting, drafts, masking."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from desktop.domain.broadcasts import (
    ATTACHMENTS_MAX,
    Attachment,
    BroadcastDraft,
    SopStep,
    TemplateDraft,
    attachments_from_json,
    clean_attachments,
    effective_attachments,
    format_day,
    is_image,
    mask_secret,
    mask_url,
    number_parts,
    render_template,
    scrub,
    secret_fragments,
    shift_out_of_quiet,
    split_text,
    template_variables,
    utf8_len,
)
from desktop.domain.enums import ScheduleKind
from desktop.domain.errors import ValidationError

VALUES = {"name": "宝妈1群", "owner": "王姐", "leader": "李团长", "cutoff": "11月25日 18:00",
          "date": format_day(date(2026, 11, 24)), "area": "", "member_count": "321"}


def test_variables_render_chinese_and_field_names() -> None:
    body = "{群名} 的朋友们: {团长}开团啦, {截单时间}截单 ({日期}); 本群 {member_count} 人, 群主{群主}"
    assert template_variables(body) == ["群名", "团长", "截单时间", "日期", "member_count", "群主"]
    assert render_template(body, VALUES) == (
        "宝妈1群 的朋友们: 李团长开团啦, 11月25日 18:00截单 (11月24日 (周二)); 本群 321 人, 群主王姐")


def test_unknown_variable_is_named_with_the_known_ones() -> None:
    with pytest.raises(ValidationError, match=r"不认识的变量 \{群主人\}.*\{群名\}"):
        template_variables("你好 {群主人}")


def test_missing_value_is_an_error_naming_the_group_and_braces_can_be_escaped() -> None:
    with pytest.raises(ValidationError, match=r"群“宝妈1群”没有 \{地区\} 的值"):
        render_template("{地区} 的邻居", VALUES, "宝妈1群")
    assert render_template("价格 {{限时}} {群名}", VALUES) == "价格 {限时} 宝妈1群"
    with pytest.raises(ValidationError, match="不成对的花括号"):
        template_variables("第一行\n半个 { 括号")


@pytest.mark.parametrize(("moment", "expected"), [
    (datetime(2026, 11, 24, 21, 59), datetime(2026, 11, 24, 21, 59)),
    (datetime(2026, 11, 24, 22, 0), datetime(2026, 11, 25, 8, 0)),
    (datetime(2026, 11, 24, 23, 30), datetime(2026, 11, 25, 8, 0)),
    (datetime(2026, 11, 25, 3, 0), datetime(2026, 11, 25, 8, 0)),
    (datetime(2026, 11, 25, 8, 0), datetime(2026, 11, 25, 8, 0)),
])
def test_quiet_hours_wrap_midnight(moment: datetime, expected: datetime) -> None:
    assert shift_out_of_quiet(moment, time(22, 0), time(8, 0)) == expected


def test_quiet_hours_within_a_day_and_disabled() -> None:
    assert shift_out_of_quiet(datetime(2026, 1, 1, 12, 30), time(12, 0), time(14, 0)) == datetime(2026, 1, 1, 14, 0)
    assert shift_out_of_quiet(datetime(2026, 1, 1, 23, 0), None, None) == datetime(2026, 1, 1, 23, 0)


def test_split_prefers_paragraphs_then_lines_then_sentences() -> None:
    para = "第一段。" * 58  # 696 bytes: two paragraphs fit in 2048, three do not
    text = f"{para}\n\n{para}\n\n{para}"
    assert split_text(text, 2048) == [f"{para}\n\n{para}", para]
    lines = "\n".join(["一行商品说明。" * 10] * 12)  # 210 bytes a line
    assert all(not p.startswith("\n") and p.endswith("。") for p in split_text(lines, 1000))
    sentences = "今天上新。" * 300  # one long line of sentences
    parts = split_text(sentences, 2048)
    assert all(p.endswith("。") and utf8_len(p) <= 2048 for p in parts)
    assert "".join(parts) == sentences


def test_split_never_cuts_a_character_and_loses_nothing() -> None:
    text = "团" * 5000  # no boundary at all: cut between characters
    parts = split_text(text, 100)
    assert all(utf8_len(p) <= 100 for p in parts)
    assert "".join(parts) == text
    emoji = "🍎" * 100
    assert "".join(split_text(emoji, 10)) == emoji
    assert split_text("short", 2048) == ["short"]


def test_numbered_parts_stay_within_the_limit() -> None:
    text = "\n".join(f"第{i}行: 商品说明文字" for i in range(400))
    parts = number_parts(split_text(text, 2048), 2048)
    assert len(parts) > 1 and all(utf8_len(p) <= 2048 for p in parts)
    assert parts[0].endswith(f"(1/{len(parts)})")


def test_draft_validation_messages() -> None:
    with pytest.raises(ValidationError, match="不能为空"):
        BroadcastDraft(title="x", body="  ", group_ids=(1,)).validated()
    with pytest.raises(ValidationError, match="至少选择一个目标群"):
        BroadcastDraft(title="x", body="hi").validated()
    with pytest.raises(ValidationError, match="RRULE"):
        BroadcastDraft(title="x", body="hi", group_ids=(1,), schedule_kind=ScheduleKind.RRULE).validated()
    with pytest.raises(ValidationError, match="同一天同一时间"):
        BroadcastDraft(title="x", group_ids=(1,), schedule_kind=ScheduleKind.SOP,
                       sop_steps=(SopStep(0, time(9), "a"), SopStep(0, time(9), "b"))).validated()
    clean = BroadcastDraft(title="", body="新品到了\n详情见群公告", group_ids=(3, 3, 5)).validated()
    assert clean.title == "新品到了" and clean.group_ids == (3, 5)


def test_masking_secrets_everywhere() -> None:
    key = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
    url = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={key}"
    assert key not in mask_url(url) and "qyapi.weixin.qq.com" in mask_url(url)
    feishu = "https://open.feishu.cn/open-apis/bot/v2/hook/0a1b2c3d-4e5f"
    assert "0a1b2c3d-4e5f" not in mask_url(feishu) and mask_url(feishu).endswith("/hook/0a1***5f")
    assert mask_secret("SECabcdef123456") == "SEC***56" and mask_secret("abc") == "***" and mask_secret("") == ""
    fragments = secret_fragments(url, "SECabcdef123456")
    text = scrub(f"POST {url} failed, secret SECabcdef123456", fragments)
    assert key not in text and "SECabcdef123456" not in text


def test_attachments_are_existing_files_checked_when_saved(tmp_path: Path, monkeypatch) -> None:
    photo, menu = tmp_path / "脐橙.JPG", tmp_path / "价目表.pdf"
    photo.write_bytes(b"x")
    menu.write_bytes(b"x")
    monkeypatch.chdir(tmp_path)
    # relative paths become absolute, repeats and blanks go, the order stays
    assert clean_attachments(["脐橙.JPG", str(menu), str(photo), " "]) == (str(photo), str(menu))
    with pytest.raises(ValidationError, match="附件文件不存在") as missing:
        clean_attachments([str(tmp_path / "gone.png")])
    assert missing.value.field == "attachments"
    with pytest.raises(ValidationError, match="是文件夹"):
        clean_attachments([str(tmp_path)])
    with pytest.raises(ValidationError, match="列表"):
        clean_attachments(str(photo))
    many = []
    for i in range(ATTACHMENTS_MAX + 1):
        (tmp_path / f"{i}.png").write_bytes(b"x")
        many.append(str(tmp_path / f"{i}.png"))
    assert len(clean_attachments(many[:ATTACHMENTS_MAX])) == 9
    with pytest.raises(ValidationError, match="最多 9 个"):
        clean_attachments(many)
    # stored drafts are re-read without looking at the files (a file gone later is the queue's concern)
    assert clean_attachments([str(tmp_path / "gone.png")], check_files=False) == (str(tmp_path / "gone.png"),)

    draft = BroadcastDraft(title="上新", body="今天上新", group_ids=(1,), attachments=(str(photo),)).validated()
    assert draft.attachments == (str(photo),)
    with pytest.raises(ValidationError, match="不存在"):
        BroadcastDraft(title="上新", body="今天上新", group_ids=(1,), attachments=("gone.png",)).validated()
    assert TemplateDraft("上新", "今天上新", attachments=(str(menu),)).validated().attachments == (str(menu),)
    with pytest.raises(ValidationError, match="不存在"):
        TemplateDraft("上新", "今天上新", attachments=("gone.png",)).validated()


def test_images_by_extension_and_effective_attachments(tmp_path: Path) -> None:
    assert [is_image(n) for n in ("a.PNG", "b.jpeg", "c.webp", "d.pdf", "e", "png")] == [
        True, True, True, False, False, False]
    (tmp_path / "a.png").write_bytes(b"x")
    assert Attachment.probe(str(tmp_path / "a.png")) == Attachment(str(tmp_path / "a.png"), True, False)
    gone = Attachment.probe(str(tmp_path / "gone.xlsx"))
    assert gone.missing and not gone.is_image and gone.name == "gone.xlsx"
    assert effective_attachments(("own.png",), ("tpl.png",)) == ("own.png",)
    assert effective_attachments((), ("tpl.png",)) == ("tpl.png",)
    assert attachments_from_json('["a.png", 3, ""]') == ("a.png",)
    assert attachments_from_json("not json") == () and attachments_from_json(None) == ()
    assert attachments_from_json('{"a": 1}') == ()


def test_dispatch_summary_reports_only_what_a_run_counts() -> None:
    from desktop.domain.broadcasts import DispatchSummary

    summary = DispatchSummary(sent=2, failed=1, flagged=1, retried=3, manual_due=4)
    assert summary.lines() == ["已发送 2 条, 失败 1 条, 待确认 1 条, 重试 3 次; 待手动发送 4 条"]
