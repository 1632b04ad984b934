"""Robot protocols against the loopback server: payloads, signatures, limits, outcomes, masking."""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator

import pytest

from desktop.domain.enums import ChannelKind, MessageFormat
from desktop.domain.errors import ValidationError
from desktop.services.robots import (
    Backoff,
    Outcome,
    RateLimiter,
    RobotClient,
    RobotEndpoint,
    check_credentials,
    check_webhook_url,
    detect_kind,
    dingtalk_sign,
    feishu_sign,
    message_parts,
    send_now,
    text_payload,
    wecom_image_payload,
    wecom_news_payload,
)
from tests.support.robot_server import RobotServer


@pytest.fixture
def server() -> Iterator[RobotServer]:
    with RobotServer(hang_seconds=5) as srv:
        yield srv


@pytest.fixture
def client() -> Iterator[RobotClient]:
    with RobotClient(timeout=0.5, connect_timeout=0.5) as c:
        yield c


def test_each_platform_accepts_our_text_and_markdown(server: RobotServer, client: RobotClient) -> None:
    robots = [
        RobotEndpoint(ChannelKind.WECOM, server.add_robot("wecom", "wk")),
        RobotEndpoint(ChannelKind.DINGTALK, server.add_robot("dingtalk", "dt", secret="SECdd123"), "SECdd123"),
        RobotEndpoint(ChannelKind.FEISHU, server.add_robot("feishu", "fs", secret="fsecret"), "fsecret"),
        RobotEndpoint(ChannelKind.DINGTALK, server.add_robot("dingtalk", "plain")),
    ]
    for endpoint in robots:
        for fmt in MessageFormat:
            attempt = client.post(endpoint, text_payload(endpoint.kind, "## 上新\n今天 18:00 截单", fmt))
            assert attempt.outcome is Outcome.SENT, attempt.message
    assert server.delivered() == 8 and not server.rejections


def test_payload_shapes_are_the_documented_ones() -> None:
    assert text_payload(ChannelKind.WECOM, "hi", mention_mobiles=["138"]) == {
        "msgtype": "text", "text": {"content": "hi", "mentioned_list": [], "mentioned_mobile_list": ["138"]}}
    assert text_payload(ChannelKind.DINGTALK, "hi")["at"] == {"atMobiles": [], "atUserIds": [], "isAtAll": False}
    assert text_payload(ChannelKind.FEISHU, "hi") == {"msg_type": "text", "content": {"text": "hi"}}
    news = wecom_news_payload([{"title": "上新", "url": "https://example.com"}])
    assert news["msgtype"] == "news"
    with pytest.raises(ValidationError, match="1 到 8"):
        wecom_news_payload([{"title": "t", "url": "u"}] * 9)
    with pytest.raises(ValidationError, match="2 MB"):
        wecom_image_payload(b"x" * (2 * 1024 * 1024 + 1))


def test_news_and_image_pass_the_server(server: RobotServer, client: RobotClient) -> None:
    endpoint = RobotEndpoint(ChannelKind.WECOM, server.add_robot("wecom", "media"))
    assert client.post(endpoint, wecom_image_payload(b"\x89PNG fake image")).outcome is Outcome.SENT
    assert client.post(endpoint, wecom_news_payload([{"title": "t", "url": "https://x"}] * 8)).outcome is Outcome.SENT


def test_signatures_match_the_documented_algorithms() -> None:
    # Computed with openssl: printf '1700000000000\nSECxyz' | openssl dgst -sha256 -hmac SECxyz -binary | base64
    assert dingtalk_sign(1700000000000, "SECxyz") == "0PUR1j8g85Xg3vlFV%2FUrEcxXfF5HpCAGzcjrNfyJoyg%3D"
    # printf '' | openssl dgst -sha256 -hmac "$(printf '1700000000\nabc')" -binary | base64
    assert feishu_sign(1700000000, "abc") == "VIS10b0EBvzzSdFnuk4tznEmK5wHaruvf/WnViv2yR4="


def test_wrong_secret_is_a_broken_robot(server: RobotServer, client: RobotClient) -> None:
    ding = RobotEndpoint(ChannelKind.DINGTALK, server.add_robot("dingtalk", "d1", secret="right"), "wrong")
    fei = RobotEndpoint(ChannelKind.FEISHU, server.add_robot("feishu", "f1", secret="right"), "wrong")
    a, b = client.post(ding, text_payload(ding.kind, "x")), client.post(fei, text_payload(fei.kind, "x"))
    assert (a.outcome, a.code) == (Outcome.BROKEN, 310000) and (b.outcome, b.code) == (Outcome.BROKEN, 19021)
    assert "签名" in a.message and "wrong" not in a.message


def test_dingtalk_keyword_failure_is_310000(server: RobotServer, client: RobotClient) -> None:
    endpoint = RobotEndpoint(ChannelKind.DINGTALK, server.add_robot("dingtalk", "kw", keyword="通知"))
    assert client.post(endpoint, text_payload(endpoint.kind, "没有关键词")).code == 310000
    assert client.post(endpoint, text_payload(endpoint.kind, "通知: 有关键词")).outcome is Outcome.SENT


@pytest.mark.parametrize(("mode", "outcome"), [
    ("500", Outcome.RETRY), ("404", Outcome.BROKEN), ("93000", Outcome.BROKEN),
    ("hang", Outcome.UNKNOWN), ("drop", Outcome.UNKNOWN),
])
def test_failures_are_classified(server: RobotServer, client: RobotClient, mode: str, outcome: Outcome) -> None:
    endpoint = RobotEndpoint(ChannelKind.WECOM, server.add_robot("wecom", "k1"))
    server.fail(mode, token="k1")
    assert client.post(endpoint, text_payload(endpoint.kind, "hello")).outcome is outcome


def test_unknown_key_and_refused_connection(server: RobotServer, client: RobotClient) -> None:
    bad = RobotEndpoint(ChannelKind.WECOM, server.url_for("wecom", "nope"))
    attempt = client.post(bad, text_payload(bad.kind, "x"))
    assert (attempt.outcome, attempt.code) == (Outcome.BROKEN, 93000)
    closed = RobotEndpoint(ChannelKind.WECOM, "http://127.0.0.1:9/cgi-bin/webhook/send?key=abc123")
    assert client.post(closed, text_payload(closed.kind, "x")).outcome is Outcome.RETRY


def test_rate_limit_codes_are_retryable(server: RobotServer, client: RobotClient) -> None:
    endpoint = RobotEndpoint(ChannelKind.FEISHU, server.add_robot("feishu", "burst"))
    outcomes = [client.post(endpoint, text_payload(endpoint.kind, f"m{i}")).outcome for i in range(7)]
    assert outcomes[:5] == [Outcome.SENT] * 5 and Outcome.RATE_LIMITED in outcomes[5:]


def test_limiter_keeps_a_sliding_window() -> None:
    t = [0.0]
    limiter = RateLimiter(((20, 60.0),), clock=lambda: t[0])
    for _ in range(20):
        assert limiter.delay() == 0
        limiter.record()
    assert limiter.delay() == pytest.approx(60.0)
    t[0] = 30.0
    assert limiter.delay() == pytest.approx(30.0)
    t[0] = 60.0
    assert limiter.delay() == 0
    feishu = RateLimiter(((5, 1.0), (100, 60.0)), clock=lambda: t[0])
    for _ in range(5):
        feishu.record()
    assert feishu.delay() == pytest.approx(1.0)


def test_backoff_is_capped_exponential_with_jitter() -> None:
    backoff = Backoff(base=2, cap=30, max_attempts=6)
    rng = random.Random(1)
    delays = [backoff.delay(n, rng) for n in range(1, 8)]
    assert all(1 <= d <= 2 for d in delays[:1]) and all(d <= 30 for d in delays)
    assert delays[5] >= 15  # capped at 30, jitter keeps at least half
    assert len({round(d, 3) for d in delays}) == len(delays)


def test_urls_are_checked_and_kinds_detected_by_host_or_path() -> None:
    assert detect_kind("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1") is ChannelKind.WECOM
    assert detect_kind("https://oapi.dingtalk.com/robot/send?access_token=1") is ChannelKind.DINGTALK
    assert detect_kind("https://open.feishu.cn/open-apis/bot/v2/hook/abc") is ChannelKind.FEISHU
    assert detect_kind("http://127.0.0.1:8080/robot/send?access_token=1") is ChannelKind.DINGTALK
    assert detect_kind("http://localhost/open-apis/bot/v2/hook/abc") is ChannelKind.FEISHU
    with pytest.raises(ValidationError, match="看不出"):
        detect_kind("https://example.com/hook")
    for bad in ("", "qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1", "ftp://x/y", "https://",
                "https://host:notaport/x", "https://a b.com/x"):
        with pytest.raises(ValidationError):
            check_webhook_url(bad)
    with pytest.raises(ValidationError, match="key="):
        check_credentials(ChannelKind.WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send")


def test_long_text_is_split_to_the_platform_limit(server: RobotServer, client: RobotClient) -> None:
    text = "\n".join(f"{i}. 新鲜到货的本地草莓, 每盒 500 克, 团购价 29.9 元。" for i in range(120))
    endpoint = RobotEndpoint(ChannelKind.WECOM, server.add_robot("wecom", "long"))
    assert client.post(endpoint, text_payload(endpoint.kind, text)).code == 40058  # the server enforces 2048 bytes
    parts = message_parts(ChannelKind.WECOM, text)
    assert len(parts) > 1
    attempt = send_now(client, endpoint, text, sleep=lambda s: None)
    assert attempt.outcome is Outcome.SENT
    assert "\n".join(server.texts("long")) == text


def test_secrets_never_appear_in_messages_or_logs(server: RobotServer, client: RobotClient,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    key = "4f1c2d3e-secret-key-9999"
    endpoint = RobotEndpoint(ChannelKind.WECOM, server.add_robot("wecom", key))
    server.fail("drop", token=key)
    caplog.set_level(logging.DEBUG)
    attempt = client.post(endpoint, text_payload(endpoint.kind, "x"))
    assert key not in attempt.message and key not in caplog.text
    assert key not in repr(endpoint) and key not in str(endpoint)
    secret_ep = RobotEndpoint(ChannelKind.DINGTALK, "http://127.0.0.1:9/robot/send?access_token=tok123456", "SECsupersecret")
    attempt = client.post(secret_ep, text_payload(secret_ep.kind, "x"))
    assert "tok123456" not in attempt.message + caplog.text and "SECsupersecret" not in caplog.text


def test_loading_the_broadcast_services_does_not_import_httpx() -> None:
    """The GUI imports these at start-up; the HTTP library is loaded only when a robot sends."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, desktop.services.broadcasts, desktop.services.channels, desktop.services.dispatch; "
            "print('httpx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"


def test_httpx_request_log_lines_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    import httpx

    url = httpx.URL("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET-KEY-123456")
    with caplog.at_level(logging.INFO, logger="httpx"):
        RobotClient().close()  # the filter is in place once a client exists
        logging.getLogger("httpx").info("HTTP Request: %s %s", "POST", url)
    assert "SECRET-KEY-123456" not in caplog.text and "qyapi.weixin.qq.com" in caplog.text
