"""The comment form: read the posted fields, normalise them, and say what is wrong per field.

Every text follows the portal's one text rule (portal.textrules: NFC and LF, never NFKC; control,
bidi, tag characters and U+FFFD refused), the same rule staff forms apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from portal.consult.services import NewComment, choice_problems
from portal.i18n import _, _l
from portal.textrules import character_problem, length_problem, normalize_text

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


def _check_text(errors: dict[str, str], key: str, text: str, limit: int, *, multiline: bool) -> None:
    """Record a length or character problem of TEXT under KEY."""
    problem = length_problem(text, limit) or character_problem(text, multiline=multiline)
    if problem:
        errors[key] = problem


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
