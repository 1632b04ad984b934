"""A loopback stand-in for the WeCom, DingTalk and Feishu group-robot webhooks.

It is deliberately independent of desktop.services.robots (its own constants, its own signature
code) so it checks the client against the documented protocol rather than against itself:

* payload shapes per platform (text / markdown / news / image; Feishu text and card),
* byte limits (WeCom text 2048, markdown 4096; DingTalk 20000; Feishu request body 20 KB),
* signatures (DingTalk timestamp+sign in the query, Feishu timestamp+sign in the body, both
  within an hour of the server's time) and the DingTalk keyword check,
* rate limits as sliding windows (20 per 60 s; Feishu 5 per 1 s and 100 per 60 s), answering
  45009 / 130101 / 9499 when a sender goes over,
* and it fails on purpose: HTTP 500, 404, WeCom 93000, a hang (no answer) or a dropped connection,
  for the next N requests or for requests whose text contains a marker.

Everything it accepted is kept per robot, so tests can count deliveries and duplicates.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

WECOM_TEXT_BYTES = 2048
WECOM_MARKDOWN_BYTES = 4096
DINGTALK_TEXT_BYTES = 20000
FEISHU_BODY_BYTES = 20 * 1024
SIGN_WINDOW_S = 3600
LIMITS = {"wecom": ((20, 60.0),), "dingtalk": ((20, 60.0),), "feishu": ((5, 1.0), (100, 60.0))}
RATE_CODES = {"wecom": 45009, "dingtalk": 130101, "feishu": 9499}


@dataclass
class Robot:
    kind: str
    token: str
    secret: str = ""
    keyword: str = ""
    limits: tuple[tuple[int, float], ...] = ()
    stamps: deque = field(default_factory=lambda: deque(maxlen=200))
    accepted: list[dict] = field(default_factory=list)


@dataclass
class FailRule:
    """Fail matching requests: ``mode`` is "500", "404", "93000", "hang" or "drop"."""

    mode: str
    token: str | None = None
    contains: str | None = None
    times: int = 1
    #: hang: record the message as delivered before hanging (the worst case for duplicates)
    deliver: bool = True


class RobotServer:
    def __init__(self, clock: Callable[[], float] = time.monotonic, wall: Callable[[], float] = time.time,
                 hang_seconds: float = 30.0) -> None:
        self.clock = clock
        self.wall = wall
        self.hang_seconds = hang_seconds
        self.robots: dict[str, Robot] = {}
        self.rules: list[FailRule] = []
        self.rejections: Counter[str] = Counter()
        self.requests = 0
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> RobotServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> RobotServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # ------------------------------------------------------------------ set-up
    def add_robot(self, kind: str, token: str, *, secret: str = "", keyword: str = "",
                  limits: tuple[tuple[int, float], ...] | None = None) -> str:
        """Register a robot and return its webhook URL, shaped like the real platform's."""
        self.robots[token] = Robot(kind, token, secret, keyword, limits if limits is not None else LIMITS[kind])
        return self.url_for(kind, token)

    def url_for(self, kind: str, token: str) -> str:
        if kind == "wecom":
            return f"{self.base}/cgi-bin/webhook/send?key={token}"
        if kind == "dingtalk":
            return f"{self.base}/robot/send?access_token={token}"
        return f"{self.base}/open-apis/bot/v2/hook/{token}"

    def fail(self, mode: str, *, token: str | None = None, contains: str | None = None, times: int = 1,
             deliver: bool = True) -> None:
        with self._lock:
            self.rules.append(FailRule(mode, token, contains, times, deliver))

    # ------------------------------------------------------------------ results
    def texts(self, token: str) -> list[str]:
        return [m["_text"] for m in self.robots[token].accepted]

    def delivered(self) -> int:
        return sum(len(r.accepted) for r in self.robots.values())

    def duplicates(self) -> int:
        """Messages accepted more than once by the same robot (same text)."""
        total = 0
        for robot in self.robots.values():
            counts = Counter(m["_text"] for m in robot.accepted)
            total += sum(n - 1 for n in counts.values() if n > 1)
        return total

    @property
    def rate_rejections(self) -> int:
        return self.rejections["rate"]

    # ------------------------------------------------------------------ handling
    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms delayed-ACK stall

            def log_message(self, format: str, *args: object) -> None:  # silence
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                status, answer = server._handle(self.path, raw, self)
                if status == 0:  # hang or drop: no answer at all
                    self.close_connection = True
                    return
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def _handle(self, path: str, raw: bytes, handler: BaseHTTPRequestHandler) -> tuple[int, dict]:
        arrived = self.clock()
        with self._lock:
            self.requests += 1
        parts = urlsplit(path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        kind, token = self._route(parts.path, query)
        if kind is None:
            self.rejections["404"] += 1
            return 404, {"error": "not found"}
        robot = self.robots.get(token or "")
        if robot is None or robot.kind != kind:
            self.rejections["bad_key"] += 1
            return 200, _error(kind, {"wecom": 93000, "dingtalk": 300001, "feishu": 19001}[kind], "invalid token")
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            self.rejections["json"] += 1
            return 400, {"errcode": 40000, "errmsg": "invalid json"}
        text = _text_of(kind, body)
        rule = self._matching_rule(token, text)
        if rule is not None:
            return self._fail(rule, robot, body, text, handler)
        problem = self._check(robot, body, raw, query)
        if problem is not None:
            self.rejections[problem[0]] += 1
            return 200, _error(kind, problem[1], problem[0])
        with self._lock:  # the sliding-window rate limit, counted when the request arrived
            for count, window in robot.limits:
                recent = [s for s in robot.stamps if s > arrived - window]
                if len(recent) >= count:
                    self.rejections["rate"] += 1
                    return 200, _error(kind, RATE_CODES[kind], "too many requests")
            robot.stamps.append(arrived)
            robot.accepted.append({**body, "_text": text, "_at": arrived})
        return 200, _ok(kind)

    @staticmethod
    def _route(path: str, query: dict[str, str]) -> tuple[str | None, str | None]:
        if path == "/cgi-bin/webhook/send":
            return "wecom", query.get("key")
        if path == "/robot/send":
            return "dingtalk", query.get("access_token")
        if path.startswith("/open-apis/bot/v2/hook/"):
            return "feishu", path.rpartition("/")[2]
        return None, None

    def _matching_rule(self, token: str | None, text: str) -> FailRule | None:
        with self._lock:
            for rule in self.rules:
                if rule.times <= 0:
                    continue
                if rule.token is not None and rule.token != token:
                    continue
                if rule.contains is not None and rule.contains not in text:
                    continue
                rule.times -= 1
                return rule
        return None

    def _fail(self, rule: FailRule, robot: Robot, body: dict, text: str,
              handler: BaseHTTPRequestHandler) -> tuple[int, dict]:
        self.rejections[f"fail_{rule.mode}"] += 1
        if rule.mode == "500":
            return 500, {"error": "internal"}
        if rule.mode == "404":
            return 404, {"error": "not found"}
        if rule.mode == "93000":
            return 200, _error(robot.kind, 93000, "invalid webhook url")
        if rule.deliver:
            with self._lock:
                robot.accepted.append({**body, "_text": text, "_at": self.clock()})
        if rule.mode == "hang":
            self._release.wait(self.hang_seconds)
        return 0, {}

    def _check(self, robot: Robot, body: dict, raw: bytes, query: dict[str, str]) -> tuple[str, int] | None:
        """(reason, error code) when the request breaks the documented protocol."""
        if robot.kind == "wecom":
            return _check_wecom(body)
        if robot.kind == "dingtalk":
            if robot.secret:
                stamp, sign = query.get("timestamp", ""), query.get("sign", "")
                if not stamp.isdigit() or abs(int(stamp) / 1000 - self.wall()) > SIGN_WINDOW_S:
                    return ("sign", 310000)
                expected = base64.b64encode(hmac.new(robot.secret.encode(), f"{stamp}\n{robot.secret}".encode(),
                                                     hashlib.sha256).digest()).decode()
                if not hmac.compare_digest(sign, expected):
                    return ("sign", 310000)
            problem = _check_dingtalk(body)
            if problem is None and robot.keyword and robot.keyword not in _text_of("dingtalk", body):
                return ("keyword", 310000)
            return problem
        if len(raw) > FEISHU_BODY_BYTES:
            return ("too_long", 19002)
        if robot.secret:
            stamp, sign = str(body.get("timestamp", "")), str(body.get("sign", ""))
            if not stamp.isdigit() or abs(int(stamp) - self.wall()) > SIGN_WINDOW_S:
                return ("sign", 19021)
            expected = base64.b64encode(hmac.new(f"{stamp}\n{robot.secret}".encode(), b"",
                                                 hashlib.sha256).digest()).decode()
            if not hmac.compare_digest(sign, expected):
                return ("sign", 19021)
        return _check_feishu(body)


def _ok(kind: str) -> dict:
    if kind == "feishu":
        return {"code": 0, "msg": "success", "data": {}}
    return {"errcode": 0, "errmsg": "ok"}


def _error(kind: str, code: int, message: str) -> dict:
    if kind == "feishu":
        return {"code": code, "msg": message, "data": {}}
    return {"errcode": code, "errmsg": message}


def _blen(text: object) -> int:
    return len(str(text).encode("utf-8"))


def _text_of(kind: str, body: dict) -> str:
    try:
        if kind == "wecom":
            kind_key = body.get("msgtype")
            if kind_key in ("text", "markdown"):
                return str(body[kind_key]["content"])
            return json.dumps(body.get(kind_key), sort_keys=True)[:200]
        if kind == "dingtalk":
            if body.get("msgtype") == "markdown":
                return str(body["markdown"]["text"])
            return str(body["text"]["content"])
        if body.get("msg_type") == "interactive":
            return str(body["card"]["elements"][0]["content"])
        return str(body["content"]["text"])
    except (KeyError, TypeError, IndexError):
        return ""


def _check_wecom(body: dict) -> tuple[str, int] | None:
    msgtype = body.get("msgtype")
    if msgtype == "text":
        text = body.get("text")
        if not isinstance(text, dict) or not isinstance(text.get("content"), str) or not text["content"]:
            return ("payload", 40008)
        for key in ("mentioned_list", "mentioned_mobile_list"):
            if key in text and not isinstance(text[key], list):
                return ("payload", 40008)
        if _blen(text["content"]) > WECOM_TEXT_BYTES:
            return ("too_long", 40058)
        return None
    if msgtype == "markdown":
        md = body.get("markdown")
        if not isinstance(md, dict) or not isinstance(md.get("content"), str):
            return ("payload", 40008)
        return ("too_long", 40058) if _blen(md["content"]) > WECOM_MARKDOWN_BYTES else None
    if msgtype == "news":
        articles = (body.get("news") or {}).get("articles")
        if not isinstance(articles, list) or not 1 <= len(articles) <= 8:
            return ("payload", 40008)
        return None if all(a.get("title") and a.get("url") for a in articles) else ("payload", 40008)
    if msgtype == "image":
        image = body.get("image") or {}
        try:
            data = base64.b64decode(image.get("base64", ""), validate=True)
        except ValueError:
            return ("payload", 40008)
        if len(data) > 2 * 1024 * 1024:
            return ("too_long", 40058)
        return None if hashlib.md5(data).hexdigest() == image.get("md5") else ("payload", 40008)
    return ("payload", 40008)


def _check_dingtalk(body: dict) -> tuple[str, int] | None:
    msgtype = body.get("msgtype")
    if msgtype == "text":
        content = (body.get("text") or {}).get("content")
    elif msgtype == "markdown":
        md = body.get("markdown") or {}
        if not md.get("title"):
            return ("payload", 40035)
        content = md.get("text")
    else:
        return ("payload", 40035)
    if not isinstance(content, str) or not content:
        return ("payload", 40035)
    if "at" in body and not isinstance(body["at"], dict):
        return ("payload", 40035)
    return ("too_long", 460101) if _blen(content) > DINGTALK_TEXT_BYTES else None


def _check_feishu(body: dict) -> tuple[str, int] | None:
    if body.get("msg_type") == "text":
        content = body.get("content")
        if not isinstance(content, dict) or not isinstance(content.get("text"), str) or not content["text"]:
            return ("payload", 19002)
        return None
    if body.get("msg_type") == "interactive":
        card = body.get("card")
        if not isinstance(card, dict) or not isinstance(card.get("elements"), list):
            return ("payload", 19002)
        return None
    return ("payload", 19002)


def by_kind_counts(server: RobotServer) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for robot in server.robots.values():
        out[robot.kind] += len(robot.accepted)
    return dict(out)
