"""Form-wide settings: the rating scale, action deadlines, the declaration and the readiness
levels, each with a built-in default in English, French and Swahili."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from selfassess.core.forms.types import Expression, ItemId, Severity, Text, _Model


class RatingLevel(_Model):
    """A level of the rating scale, from 0 (nothing in place) to 3 (fully in place)."""

    label: Text
    description: Text | None = None


def _default_scale() -> list[RatingLevel]:
    labels = [
        ("Not in place", "Pas en place", "Haipo"),
        ("Started", "Commencé", "Imeanzishwa"),
        ("Mostly in place", "En grande partie en place", "Ipo kwa sehemu kubwa"),
        ("Fully in place", "Entièrement en place", "Ipo kikamilifu"),
    ]
    return [RatingLevel(label=Text(en=en, fr=fr, sw=sw)) for en, fr, sw in labels]


SCORE_NAMES = (
    "critical",
    "major",
    "minor",
    "meets",
    "partially_meets",
    "does_not_meet",
    "incomplete",
    "applicable",
    "meets_share",
    "does_not_meet_share",
)
"""The score variables that readiness expressions may use, as ${name}."""


class ReadinessLevel(_Model):
    """A readiness level; the first whose `when` is true applies.

    `when` is an expression over the scores: ${critical}, ${major}, ${minor} (gaps by severity),
    ${meets}, ${partially_meets}, ${does_not_meet}, ${incomplete} (criteria by status),
    ${applicable} (criteria that apply), and ${meets_share}, ${does_not_meet_share} (0 to 1).
    """

    id: ItemId
    label: Text
    description: Text | None = None
    when: Expression


def _default_readiness() -> list[ReadinessLevel]:
    levels = [
        (
            "red_line_breached",
            "${critical} > 0",
            ("Red line breached", "Ligne rouge franchie", "Mstari mwekundu umevukwa"),
            (
                "A red-line harm was found. Buyers expect it to stop at once.",
                "Un tort relevant d'une ligne rouge a été constaté. "
                "Les acheteurs attendent qu'il cesse immédiatement.",
                "Madhara ya mstari mwekundu yamegunduliwa. Wanunuzi wanatarajia yakome mara moja.",
            ),
        ),
        (
            "not_ready",
            "${does_not_meet_share} > 0.25",
            ("Not ready", "Pas prêt", "Haijawa tayari"),
            (
                "More than a quarter of the criteria are not met.",
                "Plus d'un quart des critères ne sont pas remplis.",
                "Zaidi ya robo ya vigezo havijafikiwa.",
            ),
        ),
        (
            "progressing",
            "${does_not_meet} > 0 or ${incomplete} > 0",
            ("Progressing", "En progrès", "Inaendelea"),
            (
                "Some criteria are not met or not yet answered.",
                "Certains critères ne sont pas remplis ou pas encore renseignés.",
                "Baadhi ya vigezo havijafikiwa au bado havijajibiwa.",
            ),
        ),
        (
            "ready",
            "true",
            (
                "Ready for independent assessment",
                "Prêt pour une évaluation indépendante",
                "Tayari kwa tathmini huru",
            ),
            (
                "Every criterion that applies is met or partly met.",
                "Chaque critère applicable est rempli ou partiellement rempli.",
                "Kila kigezo kinachohusika kimefikiwa au kimefikiwa kwa sehemu.",
            ),
        ),
    ]
    return [
        ReadinessLevel(
            id=level_id,
            when=when,
            label=Text(en=label[0], fr=label[1], sw=label[2]),
            description=Text(en=text[0], fr=text[1], sw=text[2]),
        )
        for level_id, when, label, text in levels
    ]


class Settings(_Model):
    """Form-wide settings."""

    rating_scale: list[RatingLevel] = Field(default_factory=_default_scale)
    action_due_days: dict[Severity, Annotated[int, Field(ge=1, le=3650)]] = Field(
        default_factory=lambda: {Severity.CRITICAL: 30, Severity.MAJOR: 182, Severity.MINOR: 365},
        description="Default deadline of improvement actions, in days, by gap severity.",
    )
    declaration: Text | None = Field(
        default=None, description="The statement a supplier signs when finalizing."
    )
    readiness: list[ReadinessLevel] = Field(
        default_factory=_default_readiness,
        description="Readiness levels, worst first; the first whose `when` is true applies.",
    )
