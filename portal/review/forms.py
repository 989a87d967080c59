"""Staff forms of the review pages (WTForms): each field is normalised and checked against the one
text rule (portal.textrules: length, required, refused characters) and refused with a message tied
to it, never cut. Views turn a valid form into the services' dataclasses; services never see a form.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from wtforms import BooleanField, Form, StringField
from wtforms.validators import ValidationError

from portal.consult.forms import CommentDraft, read_draft
from portal.i18n import _
from portal.review import moderation, opening, responses
from portal.review.grouping import TEXT_MAX
from portal.review.models import CHANNELS
from portal.textrules import PlainText, normalize_text

#: Consultation IDs: they become URL parts and a dataset name (consultation-<id>).
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]{1,60}")
#: Longest consultation title, description (or channels text) and short-period reason.
TITLE_MAX, DESCRIPTION_MAX, REASON_MAX = 300, 5000, 1000
#: Longest moderator's note and redacted text.
NOTE_MAX, PUBLISHED_TEXT_MAX = 2000, 20000


def _text(limit: int, *, multiline: bool = False, required: bool = False) -> StringField:
    """A text field normalised by the text rule and checked by it."""
    return StringField(filters=[normalize_text],
                       validators=[PlainText(limit, multiline=multiline, required=required)])


def _choice() -> StringField:
    """A choice from a list (checked by the service against its vocabulary)."""
    return StringField(filters=[lambda v: (v or "").strip()])


def errors_of(form: Form) -> dict[str, str]:
    """The first problem of each refused field, by field name."""
    return {name: str(problems[0]) for name, problems in form.errors.items() if problems}


class ConsultationForm(Form):
    """Open a consultation, or change one before it opens (times are Asia/Tokyo)."""

    slug = _choice()
    revision_id = _choice()
    opens = _choice()
    closes = _choice()
    title_ja = _text(TITLE_MAX, required=True)
    title_en = _text(TITLE_MAX)
    description_ja = _text(DESCRIPTION_MAX, multiline=True)
    description_en = _text(DESCRIPTION_MAX, multiline=True)
    channels_ja = _text(DESCRIPTION_MAX, multiline=True)
    channels_en = _text(DESCRIPTION_MAX, multiline=True)
    short_period_reason_ja = _text(REASON_MAX)
    short_period_reason_en = _text(REASON_MAX)

    def validate_slug(self, field: Any) -> None:
        """The ID becomes part of URLs and of a dataset name."""
        if not SLUG_RE.fullmatch(field.data or ""):
            raise ValidationError(str(_("The ID may use a–z, 0–9 and '-' (2 to 61 characters).")))

    def validate_opens(self, field: Any) -> None:
        """A date or a date and time."""
        _local_time(field.data)

    def validate_closes(self, field: Any) -> None:
        """A date (23:59) or a date and time."""
        _local_time(field.data, end_of_day=True)

    def spec(self, slug: str, revision_id: str | None = None) -> opening.ConsultationSpec:
        """The valid form as the opening service takes it (SLUG and REVISION_ID when editing)."""
        return opening.ConsultationSpec(
            slug=slug, revision_id=revision_id or self.revision_id.data,
            opens_local=opening.parse_local(self.opens.data),
            closes_local=opening.parse_local(self.closes.data, end_of_day=True),
            title_ja=self.title_ja.data, title_en=self.title_en.data,
            description_ja=self.description_ja.data, description_en=self.description_en.data,
            channels_ja=self.channels_ja.data, channels_en=self.channels_en.data,
            short_period_reason_ja=self.short_period_reason_ja.data or None,
            short_period_reason_en=self.short_period_reason_en.data or None)


def _local_time(value: str, *, end_of_day: bool = False) -> None:
    """Refuse VALUE unless it reads as 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM'."""
    try:
        opening.parse_local(value or "", end_of_day=end_of_day)
    except ValueError:
        raise ValidationError(str(_("Give the dates as YYYY-MM-DD or YYYY-MM-DD HH:MM."))) from None


class NewGroupForm(Form):
    """Start a group on a 施策 (or on general comments) with its summary."""

    node_id = _choice()
    summary_ja = _text(TEXT_MAX, multiline=True, required=True)


class AnswerForm(Form):
    """The ward's side of a group: summary, response, category and the change link."""

    summary_ja = _text(TEXT_MAX, multiline=True, required=True)
    response_ja = _text(TEXT_MAX, multiline=True)
    category = _choice()
    change_node_id = _choice()

    def answer(self) -> responses.Answer:
        """The valid form as the responses service takes it."""
        return responses.Answer(self.summary_ja.data, self.response_ja.data, self.category.data,
                                change_node_id=self.change_node_id.data)


class DecisionForm(Form):
    """A moderator's decision on one comment."""

    exclusion = _choice()
    exclusion_note = _text(NOTE_MAX, multiline=True)
    has_personal_info = BooleanField(false_values=("", "0", "false"))
    published_text = _text(PUBLISHED_TEXT_MAX, multiline=True)

    def decision(self) -> moderation.Decision:
        """The form as the moderation service takes it."""
        return moderation.Decision(self.exclusion.data, self.exclusion_note.data,
                                   bool(self.has_personal_info.data), self.published_text.data)


def receipt_number(value: str) -> int | None:
    """A 受付番号 typed by staff (ASCII digits, at most 9), or None."""
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def read_offline(form: Any, *, limit: int) -> tuple[moderation.OfflineEntry | None, CommentDraft,
                                                     dict[str, str]]:
    """Read the paper/FAX entry form (the resident form's rules for the comment itself); return
    the entry (None when invalid), the draft and the problems per field."""
    draft = read_draft(form, limit=limit)
    errors = dict(draft.errors)
    channel = str(form.get("channel", ""))
    if channel not in CHANNELS or channel == "web":
        errors["channel"] = _("Choose how the comment arrived.")
    try:
        received = date.fromisoformat(str(form.get("received_on", "")).strip())
    except ValueError:
        received = None
        errors["received_on"] = _("Give the date of receipt as YYYY-MM-DD.")
    same = str(form.get("same_submitter_as", "")).strip()
    if same and receipt_number(same) is None:
        errors["same_submitter_as"] = _("Give a receipt number (digits only) or leave this empty.")
    if errors or received is None:
        return None, draft, errors
    return (moderation.OfflineEntry(channel, received, draft.values(), receipt_number(same)),
            draft, errors)
