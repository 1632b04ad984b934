"""Open a QunDesk database: checks first, then pragmas, a backup, and pending migrations.

Nothing is written to a file until it has been shown to be ours, current or older, and
writable: a newer, foreign, damaged or locked database is refused and left byte-for-byte as it was.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from desktop.domain.errors import DatabaseOpenError
from desktop.domain.transactions import begin_immediately

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT_MS = 5000
#: PRAGMA cache_size: negative = KiB (64 MB); pages are only taken as they are read
SQLITE_CACHE_KIB = -65536
#: connection execution option asking the "begin" hook for BEGIN IMMEDIATE
IMMEDIATE_OPTION = "qundesk_begin_immediate"

#: the newest migration shipped with this release (a test checks it against the scripts). Knowing it
#: up front lets a database that is already current open without importing Alembic (0.5 s of start-up).
SCHEMA_HEAD = "0009_partial_source_key"


def alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def to_url(target: str | os.PathLike[str]) -> URL:
    """A path or a SQLAlchemy URL (``postgresql+psycopg://...``) to a URL."""
    text = os.fspath(target)
    if "://" in text:
        try:
            return make_url(text)
        except Exception as exc:
            raise DatabaseOpenError(f"无法识别的数据库地址: {text}") from exc
    return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))


def is_sqlite_file(url: URL) -> bool:
    return url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")


@dataclass
class Database:
    """An open database: the engine plus a session factory. Each service call opens one session."""

    url: URL
    engine: Engine
    backup_path: Path | None = None
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def display_name(self) -> str:
        if is_sqlite_file(self.url):
            return str(self.url.database)
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self, *, immediate: bool | None = None) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error.

        ``immediate``: on SQLite, take the write lock before the first read (``BEGIN IMMEDIATE``; see
        desktop.domain.transactions); None follows ``begin_immediately`` of the calling context."""
        if immediate is None:
            immediate = begin_immediately.get()
        with self._sessions() as session, session.begin():
            if immediate and self.is_sqlite:
                session.connection(execution_options={IMMEDIATE_OPTION: True})  # begins the transaction
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _check_sqlite_path(path: Path, *, create: bool) -> None:
    folder = path.parent
    if not folder.exists():
        if create:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseOpenError(f"无法创建数据文件夹 {folder}: {exc.strerror}") from exc
        else:
            raise DatabaseOpenError(f"文件夹不存在: {folder}")
    if path.is_dir():
        raise DatabaseOpenError(f"{path} 是一个文件夹, 不是数据库文件")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise DatabaseOpenError(f"没有写入权限: {path if path.exists() else folder}")


def _peek_sqlite(path: Path) -> tuple[bool, str | None]:
    """Read-only look at an existing file: (has tables, alembic revision). Writes nothing."""
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseOpenError(f"{path.name} 不是数据库文件, 或文件已损坏")
    # Without a -wal file there is nothing a reader must see besides the main file, so open it
    # immutable: no locks, no -wal/-shm sidecars left behind next to a file we may refuse.
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True, timeout=1)
        try:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in names:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc):
            raise DatabaseOpenError(f"数据库正被其他程序占用: {path}") from exc
        raise DatabaseOpenError(f"{path.name} 已损坏, 无法读取 ({exc})") from exc
    return bool(names - {"alembic_version"}), revision


def _refuse_unknown(revision: str | None, has_tables: bool, where: str) -> None:
    if revision is not None and revision != _head() and revision not in known_revisions():
        raise DatabaseOpenError(
            f"{where} 由更新版本的群管家创建 (结构版本 {revision}), 请升级群管家后再打开。文件未做任何改动。"
        )
    if revision is None and has_tables:
        raise DatabaseOpenError(f"{where} 不是群管家的数据库。文件未做任何改动。")


def _install_sqlite_pragmas(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        # 64 MB of page cache per connection instead of SQLite's 2 MB: the dashboard's scans over a
        # month of day stats and orders were read twice from the OS cache with the default
        cursor.execute(f"PRAGMA cache_size = {SQLITE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(IMMEDIATE_OPTION) else "BEGIN")


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy a live SQLite database with the online backup API (consistent even in WAL mode)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(destination)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return destination


def open_database(
    target: str | os.PathLike[str],
    *,
    migrate: bool = True,
    create_folder: bool = False,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
) -> Database:
    """Open (creating if need be) the database at a path or URL and bring its schema to head.

    Raises DatabaseOpenError with a message for the user; the file is untouched in that case.
    """
    url = to_url(target)
    backup_path: Path | None = None
    if url.get_backend_name() == "sqlite":
        if not is_sqlite_file(url):
            raise DatabaseOpenError("请指定数据库文件路径 (不支持内存数据库)")
        path = Path(str(url.database))
        _check_sqlite_path(path, create=create_folder)
        has_tables, revision = (False, None)
        if path.exists() and path.stat().st_size > 0:
            has_tables, revision = _peek_sqlite(path)
            _refuse_unknown(revision, has_tables, path.name)
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})
        _install_sqlite_pragmas(engine, busy_timeout_ms)
        if migrate and revision is not None and revision != _head():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            backup_path = backup_sqlite(path, path.parent / "backups" / f"{path.stem}-{revision}-{stamp}.db")
    else:
        try:
            engine = create_engine(url, poolclass=NullPool if url.get_backend_name() == "sqlite" else None)
        except Exception as exc:  # missing driver, malformed URL
            raise DatabaseOpenError(f"无法连接数据库 {url.render_as_string(hide_password=True)}: {exc}") from exc
    db = Database(url=url, engine=engine, backup_path=backup_path)
    try:
        if url.get_backend_name() != "sqlite":
            with engine.connect() as conn:
                revision = _stored_revision(conn)
                has_tables = bool(set(inspect(conn).get_table_names()) - {"alembic_version"})
                _refuse_unknown(revision, has_tables, db.display_name)
                conn.rollback()
        if db.is_sqlite:
            _probe_write_lock(engine)
        if migrate and revision != _head():
            run_migrations(db)
    except DatabaseOpenError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        message = str(exc.orig) if exc.orig is not None else str(exc)
        if "locked" in message or "busy" in message:
            raise DatabaseOpenError(f"数据库正被其他程序占用: {db.display_name}") from exc
        raise DatabaseOpenError(f"无法打开数据库 {db.display_name}: {message}") from exc
    except SADatabaseError as exc:
        engine.dispose()
        raise DatabaseOpenError(f"数据库已损坏或无法读取: {db.display_name} ({exc.orig})") from exc
    return db


def _probe_write_lock(engine: Engine) -> None:
    """Fail now, with a clear message, if another program holds the write lock."""
    raw = engine.raw_connection()
    try:
        sqlite = raw.driver_connection  # autocommit mode (isolation_level None): we say BEGIN ourselves
        try:
            sqlite.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise OperationalError("BEGIN IMMEDIATE", None, exc) from exc
        sqlite.execute("ROLLBACK")
    finally:
        raw.close()


def _head() -> str:
    """SCHEMA_HEAD for the shipped migrations; asks Alembic only if MIGRATIONS_DIR was moved (tests)."""
    return SCHEMA_HEAD if MIGRATIONS_DIR == _SHIPPED_MIGRATIONS else head_revision()


_SHIPPED_MIGRATIONS = MIGRATIONS_DIR


def _stored_revision(conn) -> str | None:  # type: ignore[no-untyped-def]
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def run_migrations(db: Database) -> None:
    from alembic import command

    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return _stored_revision(conn)
