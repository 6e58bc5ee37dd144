"""The profile questions that open the exported form: who is assessed (organisation, site,
country, province, type of business, minerals, workers, contact, mechanisation,
certifications, source and transit countries), asked as our Profile holds them, with its closed
lists (core/profile.py) as select lists and the same limits (organisation and type of business
required, "no certification" alone, at most MAX_WORKFORCE workers).
"""

from __future__ import annotations

from selfassess.core.i18n import N_
from selfassess.core.profile import (
    CERTIFICATIONS,
    ENTITY_TYPES,
    ISO_3166_COUNTRIES,
    MAX_WORKFORCE,
    MECHANISATION,
    MINERALS,
    PROFILE_FIELDS,
    ProfileFieldKind,
)
from selfassess.core.xlsform.names import (
    CERTIFICATION_LIST,
    COUNTRY_LIST,
    ENTITY_TYPE_LIST,
    MECHANISATION_LIST,
    MINERAL_LIST,
    PROFILE_GROUP,
    PROFILE_QUESTIONS,
)
from selfassess.core.xlsform.rows import ChoiceLists, Languages, Row, Translated
from selfassess.core.xlsform.xpath import Kind, Reference

# field -> the message id of its label, in the order asked
_LABELS = {
    "organisation": N_("Organisation"),
    "site": N_("Site"),
    "country": N_("Country (ISO code)"),
    "province": N_("Province or region"),
    "entity_type": N_("Type of business"),
    "minerals": N_("Minerals"),
    "workforce_size": N_("Number of workers"),
    "contact": N_("Contact person"),
    "mechanisation": N_("Mechanisation"),
    "certifications": N_("Certifications"),
    "source_countries": N_("Source countries"),
    "transit_countries": N_("Transit countries"),
}
_REQUIRED = {"organisation", "entity_type"}
_LISTS: dict[str, tuple[str, str, dict[str, str] | None]] = {
    # field -> (select type, list name, option -> label message id; None: the codes themselves)
    "country": ("select_one", COUNTRY_LIST, None),
    "entity_type": ("select_one", ENTITY_TYPE_LIST, ENTITY_TYPES),
    "minerals": ("select_multiple", MINERAL_LIST, MINERALS),
    "mechanisation": ("select_one", MECHANISATION_LIST, MECHANISATION),
    "certifications": ("select_multiple", CERTIFICATION_LIST, CERTIFICATIONS),
    "source_countries": ("select_multiple", COUNTRY_LIST, None),
    "transit_countries": ("select_multiple", COUNTRY_LIST, None),
}
_KINDS = {ProfileFieldKind.TEXT: Kind.TEXT, ProfileFieldKind.NUMBER: Kind.NUMBER}


def profile_references() -> dict[str, Reference]:
    """What expressions may read of the profile: field -> its question in the XLSForm."""
    return {
        field: Reference(PROFILE_QUESTIONS[field], _KINDS.get(kind, Kind.LIST))
        for field, (kind, _allowed) in PROFILE_FIELDS.items()
    }


def profile_rows(languages: Languages, lists: ChoiceLists) -> list[Row]:
    """The profile group: its questions, in the order of the app's new-assessment wizard."""
    rows = [
        Row(
            {"type": "begin_group", "name": PROFILE_GROUP},
            {"label": languages.say("Supplier")},
        )
    ]
    for field, label in _LABELS.items():
        rows.append(_question(field, label, languages, lists))
    rows.append(Row({"type": "end_group", "name": PROFILE_GROUP}))
    return rows


def _question(field: str, label: str, languages: Languages, lists: ChoiceLists) -> Row:
    plain = {"name": PROFILE_QUESTIONS[field], "type": "text"}
    translated = {"label": languages.say(label)}
    if field in _REQUIRED:
        plain["required"] = "yes"
    if field in _LISTS:
        select, wanted, options = _LISTS[field]
        plain["type"] = f"{select} {lists.add(wanted, _options(options, languages))}"
        if options is None:
            plain["appearance"] = "autocomplete"  # 249 countries: type to find one
    if field == "workforce_size":
        plain |= {"type": "integer", "constraint": f". >= 0 and . <= {MAX_WORKFORCE}"}
        translated["constraint_message"] = languages.say(
            "The number of workers is at most {limit}.", limit=MAX_WORKFORCE
        )
    if field == "certifications":
        plain["constraint"] = "not(selected(., 'none') and count-selected(.) > 1)"
        none = languages.say(CERTIFICATIONS["none"])
        translated["constraint_message"] = languages.alone(none)
    return Row(plain, translated)


def _options(labels: dict[str, str] | None, languages: Languages) -> list[tuple[str, Translated]]:
    if labels is None:
        return [(code, languages.same(code)) for code in sorted(ISO_3166_COUNTRIES)]
    return [(name, languages.say(label)) for name, label in labels.items()]
