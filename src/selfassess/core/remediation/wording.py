"""The register in the words of a language, for the command line's list and the app's tab: the
labels of the closed lists (codes stay codes in JSON), the counts, the day they are as of, and
when a follow-up is due."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from selfassess.core.i18n import plural, translate
from selfassess.core.remediation.register import Counts, FollowUpDue, FollowUpState


def labels(vocabulary: Mapping[str, str], keys: Iterable[str], language: str) -> str:
    """The keys' labels in `language`, joined by commas (a key not on the list as it is)."""
    return ", ".join(
        translate(language, vocabulary[key]) if key in vocabulary else key for key in keys
    )


def counts_words(counts: Counts, language: str) -> list[tuple[str, int]]:
    """Each reported count with its words, "{count}" where the number goes."""
    return [
        (translate(language, "Identified: {count}", count="{count}"), counts.identified),
        (translate(language, "Referred to a partner: {count}", count="{count}"), counts.referred),
        (translate(language, "Supported: {count}", count="{count}"), counts.supported),
        (
            translate(
                language, "In school or training at the last follow-up: {count}", count="{count}"
            ),
            counts.in_school_at_last_follow_up,
        ),
        (
            translate(language, "Lost to follow-up: {count}", count="{count}"),
            counts.lost_to_follow_up,
        ),
    ]


def counts_line(counts: Counts, language: str) -> str:
    """The five counts on one line."""
    return " · ".join(
        words.format(count=number) for words, number in counts_words(counts, language)
    )


def signed_as_of(day: str, language: str) -> str:
    """What the counts of a finalized assessment are."""
    return translate(
        language,
        "As of {date}, the day of the declaration: the counts the assessment was signed with.",
        date=day,
    )


def counts_only(language: str) -> str:
    """A finalized register whose cases did not travel (an archive made for a buyer)."""
    return translate(
        language,
        "This copy holds the register's counts as signed, not its cases (an archive made for "
        "a buyer).",
    )


def follow_up_text(coming: FollowUpDue | None, language: str) -> str:
    """ "6 months: 2026-08-01 (overdue by 12 days)", or that every follow-up is recorded."""
    if coming is None:
        return translate(language, "All follow-ups recorded")
    text = translate(
        language, "{months} months: {date}", months=coming.month, date=coming.due.isoformat()
    )
    if coming.state is FollowUpState.OVERDUE:
        late = plural(
            language, "overdue by {count} day", "overdue by {count} days", coming.days_late
        )
        return f"{text} ({late})"
    if coming.state is FollowUpState.DUE_SOON:
        return f"{text} ({translate(language, 'due soon')})"
    return text
