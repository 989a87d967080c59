"""Rows of a released resource: filters, sort, field selection and keyset pagination in memory.

Rows come from the release's JSON records file. A release never changes, so each table is read
once per process and kept with its row order and per-row JSON; the position of a row in the
file is a stable identity within a version, which makes cursors simple and exact.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from portal.catalog import releases
from portal.params import whole_number

#: Largest page the rows API returns; bigger needs come from the pre-built files.
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
#: Reserved query parameters (underscored so they never clash with a column name); `_lang` only
#: chooses the language of messages (read by the API before the rows are asked for).
RESERVED = ("_sort", "_fields", "_size", "_cursor", "_lang", "_facet")
#: Filter operators written as `column__op=value` (Datasette's spelling); `column=value` is equality.
OPERATORS = ("contains", "gt", "gte", "lt", "lte", "not")
#: Most values a facet lists.
FACET_LIMIT = 30


class QueryError(ValueError):
    """A bad query parameter: its name, a reason code and the offending value (for the 400 message).

    Codes: unknown_column, not_integer, not_number, not_boolean, size_range, bad_cursor,
    cursor_mismatch, empty_fields, unknown_operator.
    """

    def __init__(self, param: str, code: str, value: str = "") -> None:
        super().__init__(f"{param}: {code} {value}")
        self.param = param
        self.code = code
        self.value = value


@dataclass
class Table:
    """A resource's rows as released, with its field names and types."""

    names: list[str]
    types: dict[str, str]
    rows: list[dict[str, Any]]
    row_json: list[str]
    orders: dict[tuple[str, bool], tuple[list[tuple], list[int]]] = field(default_factory=dict)
    #: column -> value -> positions of the rows holding it (built on first filter by that column).
    indexes: dict[str, dict[Any, set[int]]] = field(default_factory=dict)


@dataclass
class Query:
    """A parsed rows query."""

    filters: dict[str, list[Any]]
    #: (column, operator, value) of every `column__op=value` filter.
    conditions: list[tuple[str, str, Any]] = field(default_factory=list)
    facets: list[str] = field(default_factory=list)
    sort: str | None = None
    desc: bool = False
    fields: list[str] | None = None
    limit: int = DEFAULT_LIMIT
    cursor: list[Any] | None = None


@lru_cache(maxsize=64)
def _load(path: str, mtime_ns: int, types: tuple[tuple[str, str], ...]) -> Table:
    """Read a JSON records file into a Table (cached: release files are immutable)."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    row_json = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows]
    return Table([n for n, _ in types], dict(types), rows, row_json)


def load_table(base: str | Path, name: str, version: str, resource: str) -> Table | None:
    """Return the rows of RESOURCE in a release, or None when there is no such resource."""
    man = releases.manifest(base, name, version)
    res = next((r for r in man["resources"] if r["name"] == resource), None) if man else None
    path = releases.file_path(base, name, version, res["files"]["json"]) if res else None
    if res is None or path is None:
        return None
    types = tuple((f["name"], f.get("type", "string")) for f in res["schema"].get("fields", []))
    return _load(str(path), path.stat().st_mtime_ns, types)


def _typed(kind: str, raw: str, param: str) -> Any:
    """Parse a filter value as the column's type; empty text matches empty cells."""
    if raw == "":
        return None
    try:
        if kind == "integer":
            return int(raw)
        if kind == "number":
            return float(raw)
    except ValueError:
        raise QueryError(param, f"not_{kind}", raw) from None
    if kind == "boolean":
        if raw.lower() not in {"true", "false"}:
            raise QueryError(param, "not_boolean", raw)
        return raw.lower() == "true"
    return raw


def parse_limit(raw: str | None) -> int:
    """Parse _size: an integer from 1 to MAX_LIMIT."""
    if raw is None:
        return DEFAULT_LIMIT
    size = whole_number(raw, 1, MAX_LIMIT)
    if size is None:
        raise QueryError("_size", "size_range", raw)
    return size


#: Longest _cursor token accepted (ours are well under 200 characters).
MAX_CURSOR = 1000


def decode_cursor(raw: str) -> list[Any]:
    """Decode a _cursor token (base64url of a JSON list); raise QueryError when malformed."""
    try:
        if len(raw) > MAX_CURSOR:
            raise ValueError(raw[:20])
        value = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except (binascii.Error, ValueError, RecursionError):
        raise QueryError("_cursor", "bad_cursor") from None
    if not isinstance(value, list) or not value or not isinstance(value[-1], int):
        raise QueryError("_cursor", "bad_cursor")
    return value


def encode_cursor(value: list[Any]) -> str:
    """Encode a keyset position as an opaque, URL-safe token."""
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _sort(table: Table, raw: str | None) -> tuple[str | None, bool]:
    """Parse _sort: a column name, with a leading '-' for descending order."""
    if raw is None:
        return None, False
    desc = raw.startswith("-")
    column = raw[1:] if desc else raw
    if column not in table.types:
        raise QueryError("_sort", "unknown_column", column)
    return column, desc


def _fields(table: Table, raw: str | None) -> list[str] | None:
    """Parse _fields: a comma-separated list of known columns."""
    if raw is None:
        return None
    wanted = [f.strip() for f in raw.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in table.types]
    if unknown or not wanted:
        raise QueryError("_fields", "unknown_column" if unknown else "empty_fields",
                         unknown[0] if unknown else "")
    return wanted


def _condition(table: Table, key: str, raw: str) -> tuple[str, str, Any]:
    """A `column__op=value` filter; `contains` takes text, the others a value of the column's type."""
    column, _, op = key.rpartition("__")
    if column not in table.types:
        raise QueryError(key, "unknown_column", column)
    if op not in OPERATORS:
        raise QueryError(key, "unknown_operator", op)
    return column, op, raw if op == "contains" else _typed(table.types[column], raw, key)


def _facets(table: Table, names: list[str]) -> list[str]:
    """`_facet` columns, each a column of the table."""
    for name in names:
        if name not in table.types:
            raise QueryError("_facet", "unknown_column", name)
    return list(dict.fromkeys(names))


def parse_query(table: Table, args: list[tuple[str, str]]) -> Query:
    """Turn query-string pairs into a Query; any unknown or malformed parameter raises QueryError."""
    filters: dict[str, list[Any]] = {}
    conditions, facets, single = [], [], {}
    for key, raw in args:
        if key == "_facet":
            facets.append(raw)
        elif key in RESERVED:
            single[key] = raw
        elif key in table.types:
            filters.setdefault(key, []).append(_typed(table.types[key], raw, key))
        elif "__" in key:
            conditions.append(_condition(table, key, raw))
        else:
            raise QueryError(key, "unknown_column", key)
    sort, desc = _sort(table, single.get("_sort"))
    cursor = decode_cursor(single["_cursor"]) if "_cursor" in single else None
    if cursor is not None and len(cursor) != (2 if sort else 1):
        raise QueryError("_cursor", "cursor_mismatch")
    return Query(filters, conditions, _facets(table, facets), sort, desc,
                 _fields(table, single.get("_fields")), parse_limit(single.get("_size")), cursor)


def _key(value: Any) -> tuple:
    """Sort key of a cell: empty cells first, then values."""
    return (0, "") if value is None else (1, value)


def _order(table: Table, sort: str | None) -> tuple[list[tuple], list[int]]:
    """Return the sorted keys and row positions for SORT (file order when None), cached."""
    cache_key = (sort or "", False)
    if cache_key not in table.orders:
        keyed = sorted(((_key(r[sort]) if sort else (), i) for i, r in enumerate(table.rows)))
        table.orders[cache_key] = ([k for k in keyed], [i for _, i in keyed])
    return table.orders[cache_key]


def _start(keys: list[tuple], query: Query) -> int:
    """Index in KEYS to resume from after the cursor (ascending), or its mirror (descending)."""
    if query.cursor is None:
        return 0 if not query.desc else len(keys) - 1
    after = ((_key(query.cursor[0]), query.cursor[-1]) if query.sort else ((), query.cursor[-1]))
    try:
        return bisect.bisect_right(keys, after) if not query.desc else bisect.bisect_left(keys, after) - 1
    except TypeError:
        raise QueryError("_cursor", "cursor_mismatch") from None


def _index(table: Table, column: str) -> dict[Any, set[int]]:
    """Return the value → row positions index of COLUMN, building it on first use."""
    if column not in table.indexes:
        index: dict[Any, set[int]] = {}
        for position, row in enumerate(table.rows):
            index.setdefault(row.get(column), set()).add(position)
        table.indexes[column] = index
    return table.indexes[column]


def _passes(value: Any, op: str, wanted: Any) -> bool:
    """True when a cell VALUE passes `op wanted` (empty cells pass only `not`)."""
    if op == "not":
        return value != wanted
    if value is None:
        return False
    if op == "contains":
        return str(wanted).casefold() in str(value).casefold()
    try:
        return {"gt": value > wanted, "gte": value >= wanted, "lt": value < wanted,
                "lte": value <= wanted}[op]
    except TypeError:
        return False


def matching(table: Table, query: Query) -> set[int] | None:
    """Positions of the rows passing every filter (one of the values per column); None: no filter."""
    found: set[int] | None = None
    for column, values in query.filters.items():
        index = _index(table, column)
        hits = set().union(*(index.get(v, set()) for v in values))
        found = hits if found is None else found & hits
    for column, op, wanted in query.conditions:
        candidates = range(len(table.rows)) if found is None else found
        found = {i for i in candidates if _passes(table.rows[i].get(column), op, wanted)}
    return found


def facet_counts(table: Table, wanted: set[int] | None, column: str,
                 limit: int = FACET_LIMIT) -> list[tuple[Any, int]]:
    """The most frequent values of COLUMN among the matching rows, with their counts."""
    index = _index(table, column)
    counts = [(value, len(rows if wanted is None else rows & wanted)) for value, rows in index.items()]
    ranked = sorted((vc for vc in counts if vc[1]), key=lambda vc: (-vc[1], _key(vc[0])))
    return ranked[:limit]


def run(table: Table, query: Query, wanted: set[int] | None | bool = False
        ) -> tuple[list[int], int, list[Any] | None]:
    """Return (positions of this page's rows, rows matching in all, next cursor or None).

    WANTED: the matching positions when the caller has them already (False: compute them).
    """
    keys, positions = _order(table, query.sort)
    if wanted is False:
        wanted = matching(table, query)
    step = -1 if query.desc else 1
    index, page = _start(keys, query), []
    while 0 <= index < len(keys) and len(page) <= query.limit:
        if wanted is None or positions[index] in wanted:
            page.append(index)
        index += step
    total = len(table.rows) if wanted is None else len(wanted)
    following = None
    if len(page) > query.limit:
        last = positions[page[query.limit - 1]]
        following = ([table.rows[last][query.sort]] if query.sort else []) + [last]
    return [positions[i] for i in page[: query.limit]], total, following


def ordered(table: Table, query: Query, wanted: set[int] | None) -> list[int]:
    """Positions of every matching row in the query's order (for downloads of a whole view)."""
    _keys, positions = _order(table, query.sort)
    found = positions if wanted is None else [p for p in positions if p in wanted]
    return found[::-1] if query.desc else found


def rows_json(table: Table, positions: list[int], fields: list[str] | None) -> str:
    """Serialize the selected rows as a JSON array (pre-serialized rows when all fields are wanted)."""
    if fields is None:
        return "[" + ",".join(table.row_json[i] for i in positions) + "]"
    return json.dumps([{f: table.rows[i].get(f) for f in fields} for i in positions],
                      ensure_ascii=False, separators=(",", ":"))
