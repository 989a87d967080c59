"""Staff forms of the publishing back office (Flask-WTF: CSRF token, typed fields)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from portal.i18n import _l


class UploadForm(FlaskForm):
    """Upload a filled template (xlsx or csv) for one plan package."""

    package = SelectField(_l("Plan package"))
    file = FileField(_l("Filled template (.xlsx or .csv)"), validators=[FileRequired()])
    correction = BooleanField(
        _l("This corrects published figures (a correction, published as a patch version)")
    )
    note = TextAreaField(_l("Reason for the correction"), validators=[Optional(), Length(max=2000)])
    source_title = StringField(
        _l("Source document title (if not on the source sheet)"), validators=[Optional(), Length(max=300)]
    )
    source_publisher = StringField(_l("Publisher"), validators=[Optional(), Length(max=200)])
    source_date = StringField(_l("Date published (YYYY-MM-DD)"), validators=[Optional(), Length(max=10)])

    def source(self) -> dict[str, str]:
        """Source fields typed on the form (they override the source sheet)."""
        given = {
            "title_ja": self.source_title.data,
            "publisher": self.source_publisher.data,
            "published": self.source_date.data,
        }
        return {k: v.strip() for k, v in given.items() if v and v.strip()}


class DecisionForm(FlaskForm):
    """An administrator's decision on a draft: approve, or send back with a comment."""

    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])


class DocumentUrlForm(FlaskForm):
    """Propose the official URL of a registered ward document (empty: remove the URL)."""

    document = SelectField(_l("Document"))
    url = StringField(_l("Official URL (https://…; empty to remove the URL)"),
                      validators=[Optional(), Length(max=4000)])
    note = TextAreaField(_l("Where the URL comes from (public, in the registry's changelog)"),
                         validators=[Optional(), Length(max=1000)])
