"""Form-wide settings: the rating scale, action deadlines, the declaration and the readiness
levels, each with a built-in default in English, French and Swahili."""

from __future__ import annotations

from collections.abc import Sequence
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
    "red_lines_breached",
    "red_lines_not_verified",
    "annex_ii_major",
)
"""The score variables that readiness expressions may use, as ${name}."""


class ReadinessLevel(_Model):
    """A readiness level; the first whose `when` is true applies.

    `when` is an expression over the scores: ${critical}, ${major}, ${minor} (gaps by severity),
    ${meets}, ${partially_meets}, ${does_not_meet}, ${incomplete} (criteria by status),
    ${applicable} (criteria that apply), ${meets_share}, ${does_not_meet_share} (0 to 1),
    ${red_lines_breached}, ${red_lines_not_verified} (red lines so judged) and
    ${annex_ii_major} (major or critical gaps in criteria that reference OECD Annex II).
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
    return _levels(levels)


Level = tuple[str, str, tuple[str, str, str], tuple[str, str, str]]  # id, when, labels, texts


def _levels(levels: Sequence[Level]) -> list[ReadinessLevel]:
    return [
        ReadinessLevel(
            id=level_id,
            when=when,
            label=Text(en=label[0], fr=label[1], sw=label[2]),
            description=Text(en=text[0], fr=text[1], sw=text[2]),
        )
        for level_id, when, label, text in levels
    ]


def red_line_readiness() -> list[ReadinessLevel]:
    """The default levels of a format-2 form: red lines first, breached then unverified (OECD
    Guidance, Annex II, paragraphs 1-5: serious abuses and support to armed groups mean an
    immediate suspension, so a red line left unverified is treated as a risk, not as clear);
    then not ready (a red-line criterion not met, a major gap in an Annex II risk, or over a
    quarter not met); then progressing; and ready for an independent assessment only with no
    major gap and at least half of the applicable criteria met (RMI Risk Readiness Assessment:
    independent assessment follows the closing of major gaps)."""
    return _levels(
        [
            (
                "red_line_breached",
                "${red_lines_breached} > 0",
                ("Red line breached", "Ligne rouge franchie", "Mstari mwekundu umevukwa"),
                (
                    "A red-line harm was found. Buyers expect it to stop at once, with the "
                    "response the standard sets (suspension, or remediation for children).",
                    "Une atteinte relevant d'une ligne rouge a été constatée. Les acheteurs "
                    "attendent qu'elle cesse immédiatement, avec la réponse prévue par la norme "
                    "(suspension, ou remédiation pour les enfants).",
                    "Madhara ya mstari mwekundu yamegunduliwa. Wanunuzi wanatarajia yakome mara "
                    "moja, kwa hatua ambayo kiwango kinaweka (kusimamisha, au kurekebisha hali "
                    "ya watoto).",
                ),
            ),
            (
                "red_line_not_verified",
                "${red_lines_not_verified} > 0",
                (
                    "Red line not verified",
                    "Ligne rouge non vérifiée",
                    "Mstari mwekundu haujathibitishwa",
                ),
                (
                    'A red line is unanswered, answered "don\'t know", or lacks its evidence. '
                    "Until it is verified, buyers treat it as a risk.",
                    "Une ligne rouge est sans réponse, a reçu la réponse « je ne sais pas » ou "
                    "manque de preuves. Tant qu'elle n'est pas vérifiée, les acheteurs la "
                    "traitent comme un risque.",
                    'Mstari mwekundu haujajibiwa, umejibiwa "sijui", au hauna ushahidi wake. '
                    "Hadi uthibitishwe, wanunuzi wanauchukulia kama hatari.",
                ),
            ),
            (
                "not_ready",
                "${critical} > 0 or ${annex_ii_major} > 0 or ${does_not_meet_share} > 0.25",
                ("Not ready", "Pas prêt", "Haijawa tayari"),
                (
                    "A red-line criterion is not met, an Annex II risk has a major gap, or more "
                    "than a quarter of the criteria are not met.",
                    "Un critère de ligne rouge n'est pas rempli, un risque de l'annexe II a un "
                    "écart majeur, ou plus d'un quart des critères ne sont pas remplis.",
                    "Kigezo cha mstari mwekundu hakijafikiwa, hatari ya Kiambatisho II ina pengo "
                    "kubwa, au zaidi ya robo ya vigezo havijafikiwa.",
                ),
            ),
            (
                "progressing",
                "${major} > 0 or ${incomplete} > 0 or ${meets_share} < 0.5",
                ("Progressing", "En progrès", "Inaendelea"),
                (
                    "Major gaps remain, answers are missing, or fewer than half of the criteria "
                    "are met.",
                    "Des écarts majeurs demeurent, des réponses manquent, ou moins de la moitié "
                    "des critères sont remplis.",
                    "Mapengo makubwa bado yapo, majibu yanakosekana, au chini ya nusu ya vigezo "
                    "vimefikiwa.",
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
                    "No red line breached or unverified, no major gap, and at least half of the "
                    "criteria that apply are met.",
                    "Aucune ligne rouge franchie ni non vérifiée, aucun écart majeur, et au moins "
                    "la moitié des critères applicables sont remplis.",
                    "Hakuna mstari mwekundu uliovukwa wala usiothibitishwa, hakuna pengo kubwa, "
                    "na angalau nusu ya vigezo vinavyohusika vimefikiwa.",
                ),
            ),
        ]
    )


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
        description="Readiness levels, worst first; the first whose `when` is true applies. "
        "When not given: format 1's four levels, or format 2's red-line levels (docs/gaps.md).",
    )

    def readiness_levels(self, form_format: int) -> list[ReadinessLevel]:
        """The levels in force: the form's own, else the defaults of its format."""
        if "readiness" in self.model_fields_set or form_format < 2:
            return self.readiness
        return red_line_readiness()
