"""Group-robot webhooks (WeCom / DingTalk / Feishu): payloads, signing, limits, one HTTP attempt.

Each function here does one documented thing; the dispatcher (desktop.services.dispatch) decides
what to do with an attempt's outcome. Credentials never leave this module unmasked: every message
an attempt returns is scrubbed of the robot's key, token and secret.

Outcomes, and why they are classified so:
* SENT - the platform accepted the message.
* RETRY - certainly not delivered (connection refused, connect timeout, HTTP 5xx, 429): retry later.
* RATE_LIMITED - the platform's own limit code (45009, 130101, 9499): not delivered, retry later.
* BROKEN - the robot itself is unusable (93000 bad key, 310000 bad signature/keyword, 19021,
  HTTP 404/401/403/410): stop using it and tell the operator.
* REJECTED - this message was refused (another error code); the robot may be fine.
* UNKNOWN - the request went out but no answer came (read timeout, dropped connection): it may
  have been delivered. At most once means this is never retried automatically; it is flagged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import random
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import quote_plus, urlsplit

from desktop.domain.broadcasts import mask_url, scrub, secret_fragments, split_text, utf8_len
from desktop.domain.enums import ChannelKind, MessageFormat
from desktop.domain.errors import QunDeskError, ValidationError

if TYPE_CHECKING:  # httpx is imported when a client is made: the GUI starts without it
    import httpx

log = logging.getLogger(__name__)


class _MaskUrls(logging.Filter):
    """httpx logs every request URL at INFO ("HTTP Request: POST https://...?key=..."): mask it there."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(mask_url(str(a)) if _is_url(a) else a for a in record.args)
        return True


def _is_url(arg: object) -> bool:
    """A URL string, or an httpx.URL (told by its type's name, so httpx need not be imported)."""
    if isinstance(arg, str):
        return arg.startswith(("http://", "https://"))
    return type(arg).__name__ == "URL" and str(arg).startswith(("http://", "https://"))


logging.getLogger("httpx").addFilter(_MaskUrls())


@dataclass(frozen=True, slots=True)
class RobotSpec:
    """What a platform documents (or, where it does not, a conservative bound we chose)."""

    label: str
    text_bytes: int
    markdown_bytes: int
    #: (messages, seconds) windows the platform enforces per robot
    limits: tuple[tuple[int, float], ...]
    #: error code -> outcome for the documented codes
    codes: dict[int, Outcome]


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"
    RATE_LIMITED = "rate_limited"
    BROKEN = "broken"
    REJECTED = "rejected"
    UNKNOWN = "unknown"


SPECS: dict[ChannelKind, RobotSpec] = {
    # WeCom: text 2048 bytes, markdown 4096 bytes, 20 messages a minute
    ChannelKind.WECOM: RobotSpec("企业微信", 2048, 4096, ((20, 60.0),),
                                 {45009: Outcome.RATE_LIMITED, 93000: Outcome.BROKEN}),
    # DingTalk documents 20 a minute; it does not publish a text limit, 4000 bytes is our safe bound
    ChannelKind.DINGTALK: RobotSpec("钉钉", 4000, 4000, ((20, 60.0),),
                                    {130101: Outcome.RATE_LIMITED, 310000: Outcome.BROKEN,
                                     300001: Outcome.BROKEN}),
    # Feishu: 100 a minute and 5 a second; the request body may be 20 KB, so 15000 bytes of text
    ChannelKind.FEISHU: RobotSpec("飞书", 15000, 15000, ((5, 1.0), (100, 60.0)),
                                  {9499: Outcome.RATE_LIMITED, 19021: Outcome.BROKEN,
                                   19001: Outcome.BROKEN}),
}
PERMANENT_HTTP = frozenset({401, 403, 404, 410})
WECOM_NEWS_MAX = 8
WECOM_IMAGE_MAX = 2 * 1024 * 1024


class RobotError(QunDeskError):
    """A robot could not be used; the message is already free of credentials."""


# ---------------------------------------------------------------------------------------- endpoint
@dataclass(frozen=True, slots=True)
class RobotEndpoint:
    """Where and how to post. ``repr`` and ``str`` show the masked URL only."""

    kind: ChannelKind
    url: str = field(repr=False)
    secret: str = field(default="", repr=False)

    def __repr__(self) -> str:
        return f"RobotEndpoint({self.kind.value}, {mask_url(self.url)}, secret={'***' if self.secret else ''})"

    __str__ = __repr__

    @property
    def spec(self) -> RobotSpec:
        return SPECS[self.kind]

    def scrub(self, text: str) -> str:
        return scrub(text, secret_fragments(self.url, self.secret))


def check_webhook_url(url: str) -> str:
    """The URL as pasted, trimmed; ValidationError (Chinese, key masked) when it is not a web address.

    Any scheme host and port are accepted on purpose: company proxies and the tests' loopback
    server must work. Only http(s) with a host is required.
    """
    text = (url or "").strip()
    if not text:
        raise ValidationError("请粘贴机器人的 Webhook 地址", "url")
    if any(c.isspace() for c in text):
        raise ValidationError(f"Webhook 地址里不能有空格或换行: {mask_url(text)}", "url")
    try:
        parts = urlsplit(text)
        port = parts.port  # raises on a port that is not a number
    except ValueError:
        raise ValidationError(f"Webhook 地址格式不对: {mask_url(text)}", "url") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            f"Webhook 地址应以 https:// 或 http:// 开头并包含主机名, 而不是“{mask_url(text)}”", "url")
    del port
    return text


def detect_kind(url: str) -> ChannelKind:
    """Which platform a webhook belongs to, from its host or (for proxies and test servers) its path."""
    parts = urlsplit(url)
    host, path = (parts.hostname or "").lower(), parts.path.lower()
    if "qyapi.weixin.qq.com" in host or "/cgi-bin/webhook/send" in path:
        return ChannelKind.WECOM
    if "dingtalk" in host or path.rstrip("/").endswith("/robot/send"):
        return ChannelKind.DINGTALK
    if "feishu" in host or "larksuite" in host or "/open-apis/bot/v2/hook/" in path:
        return ChannelKind.FEISHU
    raise ValidationError(
        f"看不出 {mask_url(url)} 是哪个平台的机器人, 请指定类型 (企业微信 / 钉钉 / 飞书)", "kind")


def check_credentials(kind: ChannelKind, url: str) -> None:
    """The part of the URL that identifies the robot must be there, or every send would fail."""
    parts = urlsplit(url)
    query = parts.query
    if kind is ChannelKind.WECOM and "key=" not in query:
        raise ValidationError("企业微信机器人地址应包含 ?key=... (请完整复制机器人页面上的 Webhook 地址)", "url")
    if kind is ChannelKind.DINGTALK and "access_token=" not in query:
        raise ValidationError("钉钉机器人地址应包含 ?access_token=... (请完整复制 Webhook 地址)", "url")
    if kind is ChannelKind.FEISHU and not parts.path.rstrip("/").rpartition("/hook/")[2]:
        raise ValidationError("飞书机器人地址应以 /hook/<令牌> 结尾 (请完整复制 Webhook 地址)", "url")


# ----------------------------------------------------------------------------------------- signing
def dingtalk_sign(timestamp_ms: int, secret: str) -> str:
    """URL-encoded base64 HMAC-SHA256 of "timestamp\\nsecret", keyed by the secret."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return quote_plus(base64.b64encode(digest).decode())


def feishu_sign(timestamp_s: int, secret: str) -> str:
    """Base64 HMAC-SHA256 keyed by "timestamp\\nsecret" over an empty message."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


# ---------------------------------------------------------------------------------------- payloads
def text_payload(kind: ChannelKind, text: str, fmt: MessageFormat = MessageFormat.TEXT,
                 mentions: Sequence[str] = (), mention_mobiles: Sequence[str] = ()) -> dict[str, Any]:
    """The JSON body for one text or Markdown message, exactly as each platform documents it."""
    markdown = fmt is MessageFormat.MARKDOWN
    if kind is ChannelKind.WECOM:
        if markdown:
            return {"msgtype": "markdown", "markdown": {"content": text}}
        return {"msgtype": "text", "text": {"content": text, "mentioned_list": list(mentions),
                                            "mentioned_mobile_list": list(mention_mobiles)}}
    if kind is ChannelKind.DINGTALK:
        at = {"atMobiles": list(mention_mobiles), "atUserIds": list(mentions), "isAtAll": "@all" in mentions}
        if markdown:
            title = text.strip().splitlines()[0].lstrip("# ")[:30] if text.strip() else "通知"
            return {"msgtype": "markdown", "markdown": {"title": title, "text": text}, "at": at}
        return {"msgtype": "text", "text": {"content": text}, "at": at}
    if kind is ChannelKind.FEISHU:
        if markdown:
            return {"msg_type": "interactive",
                    "card": {"elements": [{"tag": "markdown", "content": text}]}}
        return {"msg_type": "text", "content": {"text": text}}
    raise ValidationError(f"不支持的机器人类型: {kind}", "kind")


def wecom_news_payload(articles: Sequence[dict[str, str]]) -> dict[str, Any]:
    """WeCom ``news``: 1 to 8 articles, each with a title and a url."""
    if not 1 <= len(articles) <= WECOM_NEWS_MAX:
        raise ValidationError(f"图文消息需要 1 到 {WECOM_NEWS_MAX} 篇文章", "articles")
    for article in articles:
        if not article.get("title") or not article.get("url"):
            raise ValidationError("每篇图文都需要标题和链接", "articles")
    return {"msgtype": "news", "news": {"articles": [dict(a) for a in articles]}}


def wecom_image_payload(data: bytes) -> dict[str, Any]:
    """WeCom ``image``: base64 of the file and the md5 of the raw bytes, at most 2 MB."""
    if not data:
        raise ValidationError("图片是空的", "image")
    if len(data) > WECOM_IMAGE_MAX:
        raise ValidationError(f"企业微信机器人图片最大 2 MB, 这张有 {len(data) / 1024 / 1024:.1f} MB", "image")
    return {"msgtype": "image", "image": {"base64": base64.b64encode(data).decode(),
                                          "md5": hashlib.md5(data).hexdigest()}}


def signed_request(endpoint: RobotEndpoint, payload: dict[str, Any], wall_seconds: float) -> tuple[str, dict]:
    """(URL, JSON body) with the platform's signature added when the robot has a secret."""
    url, body = endpoint.url, dict(payload)
    if endpoint.secret and endpoint.kind is ChannelKind.DINGTALK:
        stamp = int(wall_seconds * 1000)
        url += ("&" if "?" in url else "?") + f"timestamp={stamp}&sign={dingtalk_sign(stamp, endpoint.secret)}"
    elif endpoint.secret and endpoint.kind is ChannelKind.FEISHU:
        stamp = int(wall_seconds)
        body = {"timestamp": str(stamp), "sign": feishu_sign(stamp, endpoint.secret), **body}
    return url, body


def message_parts(kind: ChannelKind, text: str, fmt: MessageFormat = MessageFormat.TEXT) -> list[str]:
    """The text split to the platform's byte limit (one part when it fits)."""
    spec = SPECS[kind]
    limit = spec.markdown_bytes if fmt is MessageFormat.MARKDOWN else spec.text_bytes
    if utf8_len(text) <= limit:
        return [text]
    return split_text(text, limit)


# ----------------------------------------------------------------------------------- rate limiting
class RateLimiter:
    """Per-robot token bucket whose tokens come back exactly one window after they were spent.

    That is the same rule the platforms state ("20 a minute": at most 20 in any 60 s), so sends
    never trip the platform's limit and still use all of it; several (count, window) rules can
    apply at once (Feishu: 5 a second and 100 a minute). A send is stamped when its answer
    arrives, which is no earlier than when the platform counted it, so latency cannot make two
    sends look further apart to us than to the platform.
    """

    def __init__(self, limits: Sequence[tuple[int, float]], clock: Callable[[], float] = time.monotonic) -> None:
        self._limits = tuple(limits)
        self._clock = clock
        self._stamps: deque[float] = deque(maxlen=max(n for n, _ in self._limits))
        self._blocked_until = 0.0

    def delay(self) -> float:
        """Seconds to wait before the next send is allowed (0 when a token is free)."""
        now = self._clock()
        wait = self._blocked_until - now
        for count, window in self._limits:
            if len(self._stamps) >= count:
                wait = max(wait, self._stamps[-count] + window - now)
        return max(0.0, wait)

    def record(self) -> None:
        self._stamps.append(self._clock())

    def record_at(self, stamp: float) -> None:
        """A send made earlier (by another run), oldest first."""
        self._stamps.append(min(stamp, self._clock()))

    def block_for(self, seconds: float) -> None:
        """Hold all sends back (the platform said "too many", or a retry is backing off)."""
        self._blocked_until = max(self._blocked_until, self._clock() + seconds)


@dataclass(frozen=True, slots=True)
class Backoff:
    """Capped exponential backoff with jitter: attempt n waits base*2^(n-1), at most cap, times 0.5-1."""

    base: float = 2.0
    cap: float = 120.0
    max_attempts: int = 5

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        raw = min(self.cap, self.base * 2 ** max(0, attempt - 1))
        return raw * (0.5 + 0.5 * (rng or random).random())


# -------------------------------------------------------------------------------------- one attempt
@dataclass(frozen=True, slots=True)
class Attempt:
    outcome: Outcome
    message: str
    code: int | None = None
    http_status: int | None = None

    @property
    def retryable(self) -> bool:
        return self.outcome in (Outcome.RETRY, Outcome.RATE_LIMITED)


class RobotClient:
    """Posts one message per call; owns one httpx client (connection reuse across sends)."""

    def __init__(self, *, timeout: float = 10.0, connect_timeout: float = 5.0,
                 wall_clock: Callable[[], float] = time.time, transport: httpx.BaseTransport | None = None) -> None:
        import httpx  # here, not at module level: importing it costs the GUI's start-up

        self._wall_clock = wall_clock
        self._http = httpx.Client(timeout=httpx.Timeout(timeout, connect=connect_timeout), transport=transport,
                                  follow_redirects=False, trust_env=False)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> RobotClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def post(self, endpoint: RobotEndpoint, payload: dict[str, Any]) -> Attempt:
        """One HTTP attempt, classified; never raises for network trouble and never leaks a key."""
        import httpx  # already loaded by __init__

        url, body = signed_request(endpoint, payload, self._wall_clock())
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        label = endpoint.spec.label
        try:
            response = self._http.post(url, content=data, headers={"Content-Type": "application/json; charset=utf-8"})
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            return self._attempt(endpoint, Outcome.RETRY, f"{label}机器人连接失败 ({type(exc).__name__})")
        except (httpx.ReadTimeout, httpx.WriteTimeout) as exc:
            return self._attempt(endpoint, Outcome.UNKNOWN,
                                 f"{label}机器人没有在限定时间内应答 ({type(exc).__name__}), 消息可能已发出")
        except httpx.HTTPError as exc:  # dropped connection after the request went out
            return self._attempt(endpoint, Outcome.UNKNOWN,
                                 f"{label}机器人连接中断 ({type(exc).__name__}: {exc}), 消息可能已发出")
        return self._classify(endpoint, response)

    def _classify(self, endpoint: RobotEndpoint, response: httpx.Response) -> Attempt:
        label, status = endpoint.spec.label, response.status_code
        if status >= 500 or status == 429:
            return self._attempt(endpoint, Outcome.RETRY, f"{label}服务器暂时出错 (HTTP {status})", http=status)
        if status in PERMANENT_HTTP:
            return self._attempt(endpoint, Outcome.BROKEN,
                                 f"{label}机器人地址无效或已被删除 (HTTP {status}), 请检查 Webhook 地址", http=status)
        if status >= 400:
            return self._attempt(endpoint, Outcome.REJECTED, f"{label}拒绝了这条消息 (HTTP {status})", http=status)
        try:
            answer = response.json()
        except ValueError:
            return self._attempt(endpoint, Outcome.REJECTED, f"{label}返回了无法识别的内容 (HTTP {status})", http=status)
        if not isinstance(answer, dict):
            return self._attempt(endpoint, Outcome.REJECTED, f"{label}返回了无法识别的内容", http=status)
        code = answer.get("errcode", answer.get("code", answer.get("StatusCode")))
        text = str(answer.get("errmsg", answer.get("msg", answer.get("StatusMessage", ""))))[:200]
        if code in (0, "0"):
            return Attempt(Outcome.SENT, "已发送", 0, status)
        try:
            number = int(code)
        except (TypeError, ValueError):
            return self._attempt(endpoint, Outcome.REJECTED, f"{label}返回了无法识别的结果", http=status)
        outcome = endpoint.spec.codes.get(number, Outcome.REJECTED)
        return self._attempt(endpoint, outcome, f"{label}返回错误 {number}: {_explain(number, text)}",
                             code=number, http=status)

    @staticmethod
    def _attempt(endpoint: RobotEndpoint, outcome: Outcome, message: str, *, code: int | None = None,
                 http: int | None = None) -> Attempt:
        clean = endpoint.scrub(message)
        log.info("robot %s: %s", endpoint, clean)
        return Attempt(outcome, clean, code, http)


_EXPLAIN = {
    45009: "发送太频繁, 稍后重试",
    93000: "机器人 key 无效 (机器人可能已被移出群或删除)",
    130101: "发送太快, 稍后重试",
    310000: "签名校验或关键词校验失败 (请检查加签密钥和安全设置里的关键词)",
    9499: "请求太多, 稍后重试",
    19021: "签名校验失败 (请检查加签密钥)",
    300001: "机器人 access_token 无效 (机器人可能已被删除)",
    19001: "机器人令牌无效 (机器人可能已被删除)",
}


def _explain(code: int, text: str) -> str:
    return _EXPLAIN.get(code, text or "未知错误")


def send_now(client: RobotClient, endpoint: RobotEndpoint, text: str, *,
             fmt: MessageFormat = MessageFormat.TEXT, backoff: Backoff | None = None,
             sleep: Callable[[float], None] = time.sleep, limiter: RateLimiter | None = None) -> Attempt:
    """Send a whole text (all parts) right now, retrying transient failures: the "test robot" button.

    Returns the first attempt that did not succeed after its retries, or the last success.
    """
    backoff = backoff or Backoff(base=1.0, cap=10.0, max_attempts=3)
    limiter = limiter or RateLimiter(endpoint.spec.limits)
    result = Attempt(Outcome.SENT, "已发送")
    for part in message_parts(endpoint.kind, text, fmt):
        for attempt in range(1, backoff.max_attempts + 1):
            sleep(limiter.delay())
            result = client.post(endpoint, text_payload(endpoint.kind, part, fmt))
            limiter.record()
            if not result.retryable or attempt == backoff.max_attempts:
                break
            sleep(backoff.delay(attempt))
        if result.outcome is not Outcome.SENT:
            return result
    return result


__all__ = [
    "SPECS", "Attempt", "Backoff", "Outcome", "RateLimiter", "RobotClient", "RobotEndpoint", "RobotError",
    "RobotSpec", "check_credentials", "check_webhook_url", "detect_kind", "dingtalk_sign", "feishu_sign",
    "message_parts", "send_now", "signed_request", "text_payload", "wecom_image_payload", "wecom_news_payload",
]
