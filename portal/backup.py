"""Back up and restore the database: SQLite's online backup API, or pg_dump/pg_restore."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url


def _pg_env(url: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment (password) for the PostgreSQL client tools."""
    parsed = make_url(url)
    args = ["-h", parsed.host or "127.0.0.1", "-p", str(parsed.port or 5432),
            "-U", parsed.username or "postgres", "-d", parsed.database or "postgres"]
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    return args, env


def backup(url: str, target: str | Path) -> Path:
    """Write a consistent copy of the database at URL to TARGET while it keeps serving."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        with sqlite3.connect(parsed.database) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        dst.close()
        src.close()
        return target
    args, env = _pg_env(url)
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", "-f", str(target), *args],
                   check=True, env=env)
    return target


def restore(url: str, source: str | Path) -> None:
    """Replace the database at URL with the backup in SOURCE (stop the portal first)."""
    source = Path(source)
    if not source.is_file():
        raise FileNotFoundError(f"no backup at {source}")
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        with sqlite3.connect(source) as src, sqlite3.connect(parsed.database) as dst:
            src.backup(dst)
        dst.close()
        src.close()
        return
    args, env = _pg_env(url)
    subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                    *args, str(source)], check=True, env=env)
