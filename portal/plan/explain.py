"""The portal's short explanation at the top of a 施策 page: what the page shows and how its
indicators stand, in words, generated from the same status counts as the roll-up (never written
by hand per 施策, never presented as the ward's text)."""

from __future__ import annotations

from portal.i18n import _, ngettext
from portal.plan.progress import ACHIEVED, BEHIND, NO_DATA, NOT_MEASURABLE, ON_TRACK


def _status_sentence(status: str, num: int) -> str:
    """One sentence saying that NUM indicators are in STATUS."""
    if status == ACHIEVED:
        return ngettext("%(num)d indicator has reached its target.",
                        "%(num)d indicators have reached their target.", num)
    if status == ON_TRACK:
        return ngettext("%(num)d indicator is going as planned or better.",
                        "%(num)d indicators are going as planned or better.", num)
    if status == BEHIND:
        return ngettext("%(num)d indicator is behind the plan.",
                        "%(num)d indicators are behind the plan.", num)
    if status == NO_DATA:
        return ngettext("%(num)d indicator has no result yet.",
                        "%(num)d indicators have no result yet.", num)
    return ngettext("%(num)d indicator cannot be measured with numbers.",
                    "%(num)d indicators cannot be measured with numbers.", num)


def explanation(counts: dict[str, int], projects: int) -> list[str]:
    """Sentences explaining a 施策 page from its status COUNTS and its number of PROJECTS."""
    total = sum(counts.values())
    sentences = [_("This page shows one 施策 of the ward's plan: a group of the ward's work."),
                 _("The plan's own words are shown as the ward wrote them.")]
    if projects:
        sentences.append(ngettext("It has %(num)d project.", "It has %(num)d projects.", projects))
    if not total:
        sentences.append(_("It has no indicator, so its progress is not shown in numbers."))
        return sentences
    sentences.append(ngettext("Its progress is measured with %(num)d indicator.",
                              "Its progress is measured with %(num)d indicators.", total))
    sentences += [_status_sentence(status, counts[status])
                  for status in (ACHIEVED, ON_TRACK, BEHIND, NO_DATA, NOT_MEASURABLE)
                  if counts.get(status)]
    return sentences
