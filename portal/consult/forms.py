"""The comment form: read the posted fields, normalise them, and say what is wrong per field.

Text gets NFC and CRLF → LF only, never NFKC: ① must stay ① and ＜ must stay ＜, as written.
Refused: NUL and other control characters (except line feed and tab), bidi overrides and
isolates (they can make the text read differently from what is stored), and U+FFFD (bytes that
were not valid UTF-8).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, fields

from portal.consult.services import NewComment, choice_problems
from portal.i18n import _, _l

#: Age groups offered on the form (stored as these keys).
AGE_GROUPS = {
    "under20": _l("Under 20"), "20s": _l("20s"), "30s": _l("30s"), "40s": _l("40s"),
    "50s": _l("50s"), "60s": _l("60s"), "70s": _l("70s"), "80plus": _l("80 or over"),
}
#: Relation to the ward (在住・在勤・在学・その他).
RELATIONS = {
    "resident": _l("Live in Setagaya"), "worker": _l("Work in Setagaya"),
    "student": _l("Study in Setagaya"), "other": _l("Other"),
}
#: Longest name and contact accepted.
NAME_MAX, CONTACT_MAX = 100, 200
#: Bidirectional formatting characters that can disguise text (Trojan Source, CVE-2021-42574).
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


@dataclass
class CommentDraft(NewComment):
    """The values of one comment form, normalised, with the problems found per field."""

    errors: dict[str, str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        """True when no field has a problem."""
        return not self.errors

    def values(self) -> NewComment:
        """The comment as the services take it (without the form's problems)."""
        return NewComment(**{f.name: getattr(self, f.name) for f in fields(NewComment)})


def normalize_text(raw: str) -> str:
    """NFC and LF line ends; surrounding blank space removed."""
    return unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n")).strip()


def text_length(text: str) -> int:
    """Length as the form's counter shows it: code points after normalize_text."""
    return len(text)


def bad_character(text: str, *, multiline: bool) -> tuple[int, str] | None:
    """Return (position from 1, U+XXXX) of the first refused character, or None."""
    for index, ch in enumerate(text, start=1):
        if ch in "\n\t" and multiline:
            continue
        if ch in BIDI or ch == "\ufffd" or unicodedata.category(ch) in {"Cc", "Cs"}:
            return index, f"U+{ord(ch):04X}"
    return None


def _check_text(errors: dict[str, str], key: str, text: str, limit: int, *, multiline: bool) -> None:
    """Record a length or character problem of TEXT under KEY."""
    if len(text) > limit:
        errors[key] = str(_("This is %(length)s characters long; the limit is %(limit)s. "
                             "Please shorten it by %(over)s characters.",
                             length=len(text), limit=limit, over=len(text) - limit))
        return
    bad = bad_character(text, multiline=multiline)
    if bad:
        errors[key] = str(_("Character %(position)s is an invisible control character (%(code)s) "
                             "that cannot be accepted. Please delete it and retype that part.",
                             position=bad[0], code=bad[1]))


def read_draft(form: dict[str, str], *, limit: int) -> CommentDraft:
    """Read and normalise the posted fields; check text rules (scope and 地区 are checked later)."""
    get = lambda key: str(form.get(key, ""))  # noqa: E731
    draft = CommentDraft(
        body=normalize_text(get("body")), node_id=get("measure").strip(),
        residence=get("residence").strip(), age_group=get("age_group").strip(),
        relation=get("relation").strip(), name=normalize_text(get("name")),
        contact=normalize_text(get("contact")),
    )
    if not draft.body:
        draft.errors["body"] = str(_("Please write your comment."))
    else:
        _check_text(draft.errors, "body", draft.body, limit, multiline=True)
    _check_text(draft.errors, "name", draft.name, NAME_MAX, multiline=False)
    _check_text(draft.errors, "contact", draft.contact, CONTACT_MAX, multiline=False)
    if draft.age_group and draft.age_group not in AGE_GROUPS:
        draft.errors["age_group"] = str(_("Please choose an age group from the list."))
    if draft.relation and draft.relation not in RELATIONS:
        draft.errors["relation"] = str(_("Please choose your relation to the ward from the list."))
    return draft


def check_choices(draft: CommentDraft, *, in_scope: bool, chiku_ids: set[str]) -> None:
    """Record problems with the 施策 (outside the scope) and the 地区 (unknown)."""
    draft.errors.update(choice_problems(draft.values(), in_scope=in_scope, chiku_ids=chiku_ids))
