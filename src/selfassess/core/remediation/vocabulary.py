"""The register's closed lists, with the words the app shows for them. Imports nothing but the
message marker, so that the command-line grammar can offer them as choices and stay instant."""

from __future__ import annotations

from selfassess.core.i18n import N_

AGE_BANDS = {"under_12": N_("Under 12"), "12_14": N_("12 to 14"), "15_17": N_("15 to 17")}
SEXES = {"female": N_("Girl"), "male": N_("Boy"), "not_said": N_("Not said")}
WORK = {
    "digging": N_("Digging"),
    "carrying": N_("Carrying loads"),
    "washing_sorting": N_("Washing or sorting"),
    "crushing": N_("Crushing"),
    "underground": N_("Underground"),
    "mercury": N_("Handling mercury"),
    "selling_food": N_("Selling food"),
    "other": N_("Other work"),
}
HAZARDOUS_WORK = frozenset(WORK) - {"selling_food", "other"}
"""Work at a mine site that is hazardous, and so a worst form of child labour for anyone under
18 (ILO C182, Article 3(d)): every kind on the list but selling food and other work, for which
the person says whether it is."""
SUPPORT = {
    "school_fees": N_("School fees"),
    "transitional_school": N_("Transition class"),
    "vocational_training": N_("Vocational training"),
    "family_income_support": N_("Family income support"),
    "health_care": N_("Health care"),
    "other": N_("Other support"),
}
SITUATIONS = {
    "in_school_or_training": N_("In school or training"),
    "back_at_a_site": N_("Back at a mine site"),
    "unknown": N_("Not known"),
}
FOLLOW_UP_MONTHS = (3, 6, 12)
