"""XLSForm workbooks made in the tests with openpyxl: a small builder, and a realistic ASM
baseline survey of the kind a programme runs on KoboToolbox (groups, selects with or_other,
relevance, constraints, a calculate, French and Swahili, a repeat, photos, Kobo's own columns).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

Rows = list[dict[str, object]]


def write_xlsform(
    path: Path,
    survey: Rows,
    choices: Rows | None = None,
    settings: dict[str, object] | None = None,
    extra_sheets: dict[str, Rows] | None = None,
) -> Path:
    """An .xlsx with a `survey` sheet (and `choices`, `settings` when given), each sheet's
    headings the keys of its rows in the order they first appear."""
    book = openpyxl.Workbook()
    sheets: dict[str, Rows] = {"survey": survey}
    if choices is not None:
        sheets["choices"] = choices
    if settings is not None:
        sheets["settings"] = [settings]
    sheets.update(extra_sheets or {})
    first = True
    for name, rows in sheets.items():
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        sheet.title = name
        first = False
        headings: list[str] = []
        for row in rows:
            headings += [key for key in row if key not in headings]
        sheet.append(headings)
        for row in rows:
            sheet.append([row.get(heading) for heading in headings])
    book.save(path)
    return path


def _t(en: str, fr: str, sw: str | None = None, key: str = "label") -> dict[str, object]:
    texts: dict[str, object] = {f"{key}::English (en)": en, f"{key}::French (fr)": fr}
    if sw is not None:
        texts[f"{key}::Swahili (sw)"] = sw
    return texts


def _row(kind: str, name: str | None = None, **columns: object) -> dict[str, object]:
    row: dict[str, object] = {"type": kind}
    if name is not None:
        row["name"] = name
    row.update(columns)
    return row


# The survey sheet's row numbers (1 is the headings) that the tests name.
ROW_START, ROW_REPEAT_BEGIN, ROW_REPEAT_END = 2, 31, 34
ROW_TERRITORY, ROW_BUYER_LABEL, ROW_BUYER_NAME, ROW_LOCATION = 11, 37, 38, 40


def asm_baseline_survey() -> Rows:
    """An ASM baseline survey: rows 2 to 42 of the survey sheet, in order."""
    yes = {"required": "yes"}
    return [
        _row("start", "start"),  # 2
        _row("end", "end"),
        _row("today", "today"),
        _row("deviceid", "deviceid"),  # 5
        _row(
            "note",
            "intro",
            **_t(
                "This baseline survey describes the mine site and its workforce.",
                "Cette enquête de base décrit le site minier et ses travailleurs.",
                "Utafiti huu wa msingi unaeleza eneo la mgodi na wafanyakazi wake.",
            ),
        ),
        _row(
            "select_one yes_no",
            "consent",
            **_t(
                "Does the site manager agree to answer?",
                "Le responsable du site accepte-t-il de répondre ?",
                "Je, msimamizi wa eneo anakubali kujibu?",
            ),
            **yes,
        ),
        _row(
            "begin group",
            "site",
            **_t("Site identification", "Identification du site", "Utambulisho wa eneo"),
            relevant="${consent} = 'yes'",
        ),
        _row("text", "site_name", **_t("Name of the mine site", "Nom du site minier"), **yes),
        _row("select_one province", "province", **_t("Province", "Province", "Mkoa"), **yes),  # 10
        _row(
            "select_one territory",
            "territory",
            **_t("Territory", "Territoire", "Wilaya"),
            choice_filter="province=${province}",
        ),
        _row(
            "select_multiple minerals or_other",
            "minerals",
            **_t("Minerals mined at the site", "Minerais exploités sur le site", "Madini"),
            **_t("Tick all that apply", "Cochez tout ce qui s'applique", key="hint"),
            constraint="not(selected(., 'none') and count-selected(.) > 1)",
            **_t("'None' goes alone", "« Aucun » va seul", key="constraint_message"),
            **yes,
        ),
        _row(
            "date",
            "visit_date",
            **_t("Date of the visit", "Date de la visite", "Tarehe ya ziara"),
            constraint=". <= today()",
        ),
        _row(
            "image",
            "site_photo",
            **_t("Photo of the site entrance", "Photo de l'entrée du site", "Picha ya mlango"),
        ),
        _row("begin group", "workforce", **_t("Workforce", "Main-d'œuvre", "Wafanyakazi")),  # 15
        _row(
            "integer",
            "workers_total",
            **_t("How many people work at the site?", "Combien de personnes travaillent ici ?"),
            constraint=". >= 0 and . <= 5000",
            **_t("Between 0 and 5000", "Entre 0 et 5000", key="constraint_message"),
            **yes,
        ),
        _row(
            "integer",
            "workers_women",
            **_t("How many of them are women?", "Combien sont des femmes ?"),
            constraint=". <= ${workers_total}",
        ),
        _row(
            "integer",
            "workers_under18",
            **_t("How many are under 18?", "Combien ont moins de 18 ans ?"),
            constraint=". >= 0",
        ),
        _row("calculate", "share_women", calculation="${workers_women} div ${workers_total}"),
        _row(
            "note",
            "women_note",
            **_t("Most workers are women.", "La plupart des travailleurs sont des femmes."),
            relevant="${share_women} > 0.5",
        ),  # 20
        _row(
            "select_one yes_no",
            "children_seen",
            **_t("Were children seen working in the pits?", "Des enfants travaillent-ils ?"),
            relevant="${workers_under18} > 0",
        ),
        _row("end group"),
        _row("begin group", "safety", **_t("Health and safety", "Santé et sécurité")),
        _row(
            "select_one yes_no_dk",
            "helmets",
            **_t("Do the diggers wear helmets?", "Les creuseurs portent-ils un casque ?"),
        ),
        _row(
            "decimal",
            "pit_depth",
            **_t("Depth of the deepest pit (metres)", "Profondeur du puits le plus profond (m)"),
            constraint=". > 0 and . < 200",
        ),  # 25
        _row(
            "text",
            "accidents",
            **_t("Describe the accidents of the last 12 months", "Décrivez les accidents"),
            appearance="multiline",
            relevant="${helmets} != 'yes'",
        ),
        _row("file", "first_aid", **_t("First-aid register", "Registre des premiers soins")),
        _row("end group"),
        _row("end group"),
        _row("note", "pits_intro", **_t("Now each pit.", "Maintenant chaque puits.")),  # 30
        _row("begin repeat", "pits", **_t("Pit", "Puits")),
        _row("text", "pit_id", **_t("Pit number", "Numéro du puits")),
        _row("integer", "pit_workers", **_t("Workers in this pit", "Travailleurs du puits")),
        _row("end repeat"),
        _row("begin group", "trade", **_t("Trade", "Commerce", "Biashara")),  # 35
        _row("select_one buyer_type", "buyer", **_t("Who buys the minerals?", "Qui achète ?")),
        _row("calculate", "buyer_label", calculation="jr:choice-name(${buyer}, '${buyer}')"),
        _row("select_one_from_file buyers.csv", "buyer_name", **_t("Buyer", "Acheteur")),
        _row(
            "decimal",
            "price",
            **_t("Price per kilogram (USD)", "Prix par kilogramme (USD)"),
            relevant="${buyer} != '' and ${buyer} != 'none'",
        ),
        _row("geopoint", "location", **_t("Location", "Emplacement")),  # 40
        _row("end group"),
        _row("calculate", "__version__", calculation="'vGq7aPxD2Lq3'"),
    ]


def _choice(list_name: str, name: str, en: str, fr: str, **extra: object) -> dict[str, object]:
    return {"list_name": list_name, "name": name, **_t(en, fr), **extra}


def asm_baseline_choices() -> Rows:
    return [
        _choice("yes_no", "yes", "Yes", "Oui"),
        _choice("yes_no", "no", "No", "Non"),
        _choice("yes_no_dk", "yes", "Yes", "Oui"),
        _choice("yes_no_dk", "no", "No", "Non"),
        _choice("yes_no_dk", "dk", "Don't know", "Ne sait pas"),
        _choice("province", "south_kivu", "South Kivu", "Sud-Kivu"),
        _choice("province", "north_kivu", "North Kivu", "Nord-Kivu"),
        _choice("province", "maniema", "Maniema", "Maniema"),
        _choice("territory", "walungu", "Walungu", "Walungu", province="south_kivu"),
        _choice("territory", "masisi", "Masisi", "Masisi", province="north_kivu"),
        _choice("minerals", "gold", "Gold", "Or"),
        _choice("minerals", "tin", "Tin (cassiterite)", "Étain (cassitérite)"),
        _choice("minerals", "coltan", "Coltan", "Coltan"),
        _choice("minerals", "none", "None", "Aucun"),
        _choice("buyer_type", "trader", "Trader", "Négociant"),
        _choice("buyer_type", "cooperative", "Cooperative", "Coopérative"),
        _choice("buyer_type", "none", "Nobody yet", "Personne encore"),
    ]


def asm_baseline(path: Path) -> Path:
    """The ASM baseline survey as Kobo exports it: with `$kuid` and `$autoname` columns."""
    survey = asm_baseline_survey()
    for number, row in enumerate(survey, start=2):
        row["$kuid"] = f"k{number:04d}"
        if "name" in row:
            row["$autoname"] = row["name"]
    settings: dict[str, object] = {
        "form_title": "ASM site baseline 2024",
        "form_id": "asm_baseline_2024",
        "version": "2024061201",
        "default_language": "English (en)",
        "style": "pages",
    }
    return write_xlsform(path, survey, asm_baseline_choices(), settings)
