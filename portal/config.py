"""Every configuration key with its default and a sentence; deployments override with PORTAL_* variables."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

#: The repository root when running from a checkout (datasets/, translations/, search_index/ live here).
ROOT = Path(__file__).resolve().parent.parent


class Defaults:
    """Embedded defaults: SQLite and Whoosh under local paths, nothing to install."""

    #: Secret for sessions, CSRF tokens and form stamps. Empty: a random one is generated on the
    #: first run and kept in SECRET_KEY_FILE. `portal serve --production` refuses to start unless
    #: PORTAL_SECRET_KEY holds at least 32 bytes (e.g. `python3 -c "import secrets;
    #: print(secrets.token_urlsafe(48))"`).
    SECRET_KEY = ""
    #: Where the generated secret of a development or embedded install is kept (mode 0600).
    SECRET_KEY_FILE = str(ROOT / "instance" / "secret_key")
    #: SQLAlchemy URL of the database (SQLite file by default, postgresql+psycopg://… in production).
    DATABASE_URL = f"sqlite:///{ROOT / 'instance' / 'portal.sqlite'}"
    #: Folder holding the published Frictionless data packages, one per sub-folder.
    DATASETS_DIR = str(ROOT / "datasets")
    #: Folder of the immutable release files (CSV, Excel CSV, JSON, ZIP) per dataset and version.
    RELEASES_DIR = str(ROOT / "releases")
    #: Folder holding the Whoosh indexes, one sub-folder per language.
    SEARCH_INDEX_DIR = str(ROOT / "search_index")
    #: Folder holding the gettext catalogues (translations/<locale>/LC_MESSAGES/messages.po).
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    #: Language of the portal when none is chosen (URL code).
    DEFAULT_LANGUAGE = "ja"
    #: Languages offered in URLs, in switcher order (URL codes).
    LANGUAGES = ["ja", "en", "zh-hans", "ko"]
    #: Time zone of the ward; consultation periods and dates are shown in it.
    TIMEZONE = "Asia/Tokyo"
    #: Public base URL used in citations, DCAT and exports (no trailing slash).
    PUBLIC_BASE_URL = "http://127.0.0.1:5000"
    #: Host names the portal answers to (others get 400; Flask's TRUSTED_HOSTS); empty accepts
    #: any. Set it in production, e.g. portal.city.setagaya.example,localhost.
    TRUSTED_HOSTS = []
    #: Host the development server binds to.
    SERVE_HOST = "127.0.0.1"
    #: Port the development and production servers bind to.
    SERVE_PORT = 5000
    #: gunicorn worker processes for `portal serve --production`.
    SERVE_WORKERS = 3
    #: Threads per gunicorn worker.
    SERVE_THREADS = 4
    #: Log level of the JSON logs written in production (DEBUG, INFO, WARNING …).
    LOG_LEVEL = "INFO"
    #: Reverse proxies in front of the app whose X-Forwarded-For/-Proto are believed (0: none,
    #: so a client cannot spoof its address; 1 behind one proxy). Rate limits count per client.
    TRUSTED_PROXIES = 0
    #: Folder `portal backup` writes to when no file is named.
    BACKUP_DIR = str(ROOT / "instance" / "backups")
    #: True when running under the test suite.
    TESTING = False
    #: Seconds a CSRF token stays valid (a long draft must still submit after 24 h).
    WTF_CSRF_TIME_LIMIT = 48 * 3600
    #: Send cookies only over HTTPS (True in production).
    SESSION_COOKIE_SECURE = False
    #: Cookies are not readable from JavaScript.
    SESSION_COOKIE_HTTPONLY = True
    #: Cookies are not sent on cross-site sub-requests.
    SESSION_COOKIE_SAMESITE = "Lax"
    #: Largest request body accepted, in bytes.
    MAX_CONTENT_LENGTH = 1024 * 1024
    #: Label every page as a demonstration and load the demo consultation (off in production).
    DEMO_MODE = True
    #: Shortest consultation period in days (inclusive of the opening day); shorter needs a reason.
    CONSULT_MIN_PERIOD_DAYS = 30
    #: Longest comment accepted, in characters (Unicode code points after NFC and CRLF → LF).
    CONSULT_MAX_COMMENT_CHARS = 2000
    #: Seconds a form must be open before it can be sent (a bot trap instead of a CAPTCHA).
    CONSULT_MIN_FILL_SECONDS = 3
    #: Comment submissions allowed per client address (Flask-Limiter syntax, ';' between limits).
    CONSULT_RATE_LIMIT = "10 per minute;60 per hour"
    #: Where rate-limit counts live (a `limits` URI such as redis://…); empty = the portal database.
    CONSULT_RATELIMIT_STORAGE_URI = ""
    #: Folder of consultation-result packages published at run time (listed like DATASETS_DIR).
    PUBLISHED_DIR = str(ROOT / "instance" / "published")
    #: Days after a result is published before purge-personal-data deletes names and contacts.
    CONSULT_PERSONAL_DATA_RETENTION_DAYS = 365
    #: Minutes of inactivity after which a staff login ends.
    STAFF_SESSION_IDLE_MINUTES = 30
    #: Failed staff logins per account and address before each further attempt from there waits
    #: (2 s, 4 s, 8 s …); one address gets four times as many over all accounts. No account is
    #: ever locked for everyone.
    STAFF_LOCKOUT_ATTEMPTS = 5
    #: Longest wait between login attempts after repeated failures, in minutes.
    STAFF_LOCKOUT_MINUTES = 15
    #: IRI of the catalogue's publisher (DCAT dct:publisher); empty: <PUBLIC_BASE_URL>/#publisher.
    PUBLISHER_IRI = ""
    #: Publisher's name in Japanese. The demonstration is published by the portal's operator; the
    #: ward is named as creator of the source documents. A ward deployment sets the ward here.
    PUBLISHER_NAME_JA = "世田谷区計画進捗ポータル運営チーム"
    #: Publisher's name in English.
    PUBLISHER_NAME_EN = "Setagaya plan-progress portal team"
    #: Publisher's homepage; empty: PUBLIC_BASE_URL.
    PUBLISHER_HOMEPAGE = ""
    #: Contact e-mail of the publisher (DCAT contact point, CKAN maintainer_email); empty: homepage only.
    PUBLISHER_EMAIL = ""
    #: SMTP server of follow-by-email mails: smtp://host:port, smtp+starttls://user:password@host:587
    #: or smtps://…:465; empty: `portal notify send` refuses to run (nothing is mailed).
    SMTP_URL = ""
    #: From address of follow-by-email mails.
    NOTIFY_FROM = "portal@localhost"
    #: Follow requests allowed per client address (limits syntax, ';' between limits).
    NOTIFY_RATE_LIMIT = "10 per hour;30 per day"
    #: Largest figures upload (template .xlsx or .csv) accepted on /staff/data/, in bytes.
    PUBLISHING_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
    #: Most rows per sheet of a figures upload.
    PUBLISHING_MAX_ROWS = 100_000
    #: Several app hosts share the database: each writes versions published on another host into its
    #: own folders and redoes their search documents in the background (portal/publishing/replica.py).
    PUBLISHING_REPLICA = False
    #: Hosts an official document URL may be on (space-separated; their subdomains too; empty: any).
    PUBLISHING_DOCUMENT_URL_HOSTS = "city.setagaya.lg.jp"


def _coerce(raw: str, default: Any) -> Any:
    """Turn an environment string into the type of the default it replaces."""
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, list):
        return json.loads(raw) if raw.strip().startswith("[") else [p.strip() for p in raw.split(",")]
    return raw


def from_environ(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Read PORTAL_<KEY> variables for the keys of Defaults, typed like their defaults."""
    environ = dict(os.environ) if environ is None else environ
    values: dict[str, Any] = {}
    for key in settings():
        raw = environ.get(f"PORTAL_{key}")
        if raw is not None:
            values[key] = _coerce(raw, getattr(Defaults, key))
    return values


def settings() -> list[str]:
    """Names of every configuration key, in declaration order."""
    return [k for k in vars(Defaults) if k.isupper()]
