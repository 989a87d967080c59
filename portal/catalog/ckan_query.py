"""The subset of Solr query syntax CKAN clients send in `q` and `fq`, evaluated over package documents.

Supported: `field:value`, `field:"quoted value"`, `field:prefix*`, `field:*`, ranges
`field:[a TO b]` / `{a TO b}` (`*` open, `NOW`), `field:(a OR b)`, AND / OR / NOT, `+` / `-`,
parentheses, juxtaposition as AND (CKAN's Solr schema sets defaultOperator AND), and in `q` bare
words and "phrases" matched in titles, descriptions, tags and names. Anything else raises
QueryError, which the API answers with 400 (CKAN's "Search Query Error"): never a silent ignore.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

#: Fields a query may name, and whether they hold dates (compared as ISO text in UTC).
FIELDS = {"id", "name", "title", "notes", "tags", "groups", "organization", "owner_org", "res_format",
          "license_id", "version", "type", "state", "metadata_created", "metadata_modified",
          "num_resources", "num_tags", "isopen", "private", "text"}
DATE_FIELDS = {"metadata_created", "metadata_modified"}
#: Fields matched word by word (Solr text fields); the others match whole values (string fields).
TEXT_FIELDS = {"title", "notes", "text"}

TOKEN = re.compile(r'\s*(?:(?P<open>\()|(?P<close>\))|(?P<term>[+-]?(?:[A-Za-z_][\w.]*:)?'
                   r'(?:"[^"]*"|\[[^\]]*\]|\{[^}]*\}|\([^)]*\)|[^\s()"]+)))')

Doc = dict[str, list[str]]
Predicate = Callable[[Doc], bool]


class QueryError(ValueError):
    """A query the portal cannot evaluate exactly (the message says which part)."""


@dataclass
class _Parser:
    """A recursive-descent parser over the tokens of one query."""

    tokens: list[str]
    free_text: bool
    pos: int = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        self.pos += 1
        return self.tokens[self.pos - 1]

    def expression(self) -> Predicate:
        """or_expr := and_expr (OR and_expr)*"""
        parts = [self.conjunction()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else (lambda d: any(p(d) for p in parts))

    def conjunction(self) -> Predicate:
        """and_expr := unary ((AND)? unary)*"""
        parts = [self.unary()]
        while (tok := self.peek()) is not None and tok not in {"OR", ")"}:
            if tok == "AND":
                self.take()
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else (lambda d: all(p(d) for p in parts))

    def unary(self) -> Predicate:
        """unary := NOT unary | '(' or_expr ')' | term"""
        tok = self.peek()
        if tok is None:
            raise QueryError("the query ends where a term was expected")
        if tok == "NOT":
            self.take()
            inner = self.unary()
            return lambda d: not inner(d)
        if tok == "(":
            self.take()
            inner = self.expression()
            if self.peek() != ")":
                raise QueryError("a parenthesis is not closed")
            self.take()
            return inner
        if tok in {")", "AND", "OR"}:
            raise QueryError(f"unexpected {tok!r}")
        return term(self.take(), self.free_text)


def _now() -> str:
    """The current time as the documents write times (ISO, UTC, no offset)."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0).isoformat()


def _bound(raw: str, field: str) -> str | None:
    """One end of a range: None for `*`, the current time for NOW, else the value (dates without Z)."""
    if raw == "*":
        return None
    if field in DATE_FIELDS:
        if raw == "NOW":
            return _now()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?)?Z?", raw):
            raise QueryError(f"{field}: {raw!r} is not a date (ISO 8601, `*` or NOW)")
        return raw.rstrip("Z")
    return raw


def _range(field: str, body: str, inclusive: bool) -> Predicate:
    """A range term: [a TO b] includes its ends, {a TO b} excludes them."""
    parts = body.split(" TO ")
    if len(parts) != 2:
        raise QueryError(f"{field}: a range is written [from TO to]")
    low, high = (_bound(p.strip(), field) for p in parts)
    numeric = field in {"num_resources", "num_tags"}

    def key(value: str) -> Any:
        return int(value) if numeric else value

    def ok(value: str) -> bool:
        v = key(value)
        above = low is None or (v >= key(low) if inclusive else v > key(low))
        below = high is None or (v <= key(high) if inclusive else v < key(high))
        return above and below

    return lambda d: any(ok(v) for v in d.get(field, []))


def _value(field: str, raw: str) -> Predicate:
    """A single value: exact (string fields), word (text fields), prefix with a trailing `*`."""
    if raw == "*":
        return lambda d: bool(d.get(field))
    quoted = raw.startswith('"')
    value = raw[1:-1] if quoted else raw
    if "*" in value[:-1] or "?" in value or (value.endswith("*") and quoted):
        raise QueryError(f"{field}: only a trailing * is supported in {raw!r}")
    if field in TEXT_FIELDS:
        needle = value.rstrip("*").casefold()
        return lambda d: any(needle in v.casefold() for v in d.get(field, []))
    if value.endswith("*"):
        prefix = value[:-1]
        return lambda d: any(v.startswith(prefix) for v in d.get(field, []))
    return lambda d: value in d.get(field, [])


def _field_term(field: str, raw: str) -> Predicate:
    """FIELD:RAW for every kind of value the subset supports."""
    if field not in FIELDS:
        raise QueryError(f"{field!r} is not a field this catalogue can search; fields: "
                         + ", ".join(sorted(FIELDS)))
    if raw[:1] in "[{":
        if raw[-1:] not in "]}":
            raise QueryError(f"{field}: a range is not closed")
        return _range(field, raw[1:-1], raw[0] == "[")
    if raw.startswith("("):
        inner = tokenize(raw[1:-1])
        values = [t for t in inner if t != "OR"]
        if any(t in {"AND", "NOT", "(", ")"} for t in inner) or not values:
            raise QueryError(f"{field}: write a list of values as ({'a OR b'})")
        preds = [_value(field, v) for v in values]
        return lambda d: any(p(d) for p in preds)
    return _value(field, raw)


def term(token: str, free_text: bool) -> Predicate:
    """One term, with its + / - sign."""
    sign, body = (token[0], token[1:]) if token[0] in "+-" else ("", token)
    if body == "*:*":
        pred: Predicate = lambda d: True  # noqa: E731
    elif re.match(r"[A-Za-z_][\w.]*:", body):
        field, raw = body.split(":", 1)
        pred = _field_term(field, raw)
    elif free_text:
        pred = _value("text", body)
    else:
        raise QueryError(f"{body!r}: fq takes field:value terms only")
    return (lambda d: not pred(d)) if sign == "-" else pred


def tokenize(query: str) -> list[str]:
    """Split a query into parentheses and terms; raise QueryError on anything left over."""
    tokens, pos, text = [], 0, query.strip()
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise QueryError(f"cannot read the query from {text[pos:pos + 20]!r}")
        tokens.append(match.group("open") or match.group("close") or match.group("term"))
        pos = match.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return tokens


def parse(query: str, *, free_text: bool) -> Predicate:
    """Compile Q (free_text: bare words allowed, as in `q`) or FQ into a predicate over documents."""
    tokens = tokenize(query)
    if not tokens:
        return lambda d: True
    parser = _Parser(tokens, free_text)
    predicate = parser.expression()
    if parser.peek() is not None:
        raise QueryError(f"unexpected {parser.peek()!r}")
    return predicate
