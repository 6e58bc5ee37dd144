"""Our expressions in ODK's XPath: what a form author reads in the XLSForm's relevant,
constraint and required columns, and what is refused with its reason."""

from __future__ import annotations

import pytest
from tests.xlsform.scope import checker_scope, xpath_scope
from tests.xlsform.xpath_grammar import references_of

from selfassess.core.expr import check, parse
from selfassess.core.xlsform.xpath import Untranslatable, string_literal, to_xpath

TRANSLATIONS = [
    # answers and the profile
    ("${r} >= 2", "${r} >= 2"),
    ("${yn} = true", "${yn} = 'yes'"),
    ("${yn} != false", "${yn} != 'no'"),
    ("${yn}", "${yn} = 'yes'"),
    ("not ${yn}", "not(${yn} = 'yes')"),
    ("${s} in ['valid', 'expired']", "${s} = 'valid' or ${s} = 'expired'"),
    ("'gold' in profile.minerals", "selected(${profile_minerals}, 'gold')"),
    ("profile.entity_type = 'asm'", "${profile_entity_type} = 'asm'"),
    ("profile.workforce_size >= 50", "${profile_workforce_size} >= 50"),
    # empty answers: "not applicable" and "don't know" are empty in our language
    ("${r} = null", "${r} = '' or ${r} = 'na'"),
    ("${yn} != null", "${yn} != '' and ${yn} != 'unknown' and ${yn} != 'na'"),
    ("${t} = null", "${t} = ''"),
    ("answered(${yn})", "${yn} != '' and ${yn} != 'unknown'"),
    ("answered(${r})", "${r} != ''"),
    ("is_na(${r})", "${r} = 'na'"),
    ("is_na(${yn})", "${yn} = 'na'"),
    ("coalesce(${r}, 0) > 1", "coalesce(if(${r} = 'na', '', ${r}), 0) > 1"),
    ("coalesce(${n}, ${r}, 0) = 0", "coalesce(${n}, coalesce(if(${r} = 'na', '', ${r}), 0)) = 0"),
    # choices
    ("selected(${m}, 'none')", "selected(${m}, 'none')"),
    ("count_selected(${m}) > 1", "if(${m} = '', '', count-selected(${m})) > 1"),
    (
        "not (selected(., 'none') and count_selected(.) > 1)",
        "not(selected(., 'none') and count-selected(.) > 1)",
    ),
    ("evidence_count(${e}) >= 1", "if(${e} = '', 0, 1) >= 1"),
    # operators, numbers and text
    ("${n} / 2 + 1 > 3 mod 2", "${n} div 2 + 1 > 3 mod 2"),
    ("(${n} + 1) * 2 = - -3", "(${n} + 1) * 2 = - -3"),
    ("${n} > 1e-7", "${n} > 0.0000001"),
    ("${n} > 1e3", "${n} > 1000"),
    ("true or false and ${yn}", "true() or (false() and ${yn} = 'yes')"),
    ("if(${n} > 0, ${t} != null, true)", "if(${n} > 0, ${t} != '', true())"),
    ('${t} = "it\'s"', '${t} = "it\'s"'),
    ("length(${t}) <= 5", "if(${t} = '', '', string-length(${t})) <= 5"),
    ("regex(., '[A-Z]{2}-[0-9]{3,8}')", "regex(., '^(?:[A-Z]{2}-[0-9]{3,8})$')"),
    ("regex(${t}, 'CD|RW')", "${t} != '' and regex(${t}, '^(?:CD|RW)$')"),
    ("round(${n}) = 2", "round(${n}, 0) = 2"),
    # dates
    (". <= today()", ". <= today()"),
    (". >= @2000-01-01", ". >= date('2000-01-01')"),
    ("${d} + 30 > today()", "date(decimal-date-time(${d}) + 30) > today()"),
    ("add_days(${d}, -7) < today()", "date(decimal-date-time(${d}) + -7) < today()"),
    (
        "days_between(${d}, today()) <= 365 * 3",
        "round(decimal-date-time(today()) - decimal-date-time(${d}), 0) <= 365 * 3",
    ),
    ("today() - ${d} > 10", "round(decimal-date-time(today()) - decimal-date-time(${d}), 0) > 10"),
    ("year(${d}) >= 2020", "int(format-date(${d}, '%Y')) >= 2020"),
    ("max(${n}, 1) = min(2, ${n}, 3)", "max(${n}, 1) = min(2, ${n}, 3)"),
]


@pytest.mark.parametrize(("source", "expected"), TRANSLATIONS)
def test_expressions_read_in_odk_as_they_mean_in_selfassess(source: str, expected: str) -> None:
    current = "m" if "selected(." in source else "t" if "regex(." in source else "d"
    tree = parse(source)
    check(tree, checker_scope(current))  # each example is a valid expression of ours
    xpath = to_xpath(tree, xpath_scope(current))
    assert xpath == expected
    references_of(xpath)  # well formed, with ODK's functions only


UNTRANSLATABLE = [
    ("edd_required()", "risk data"),
    ("add_months(today(), 12) > ${d}", "cannot add months"),
    ("${t} > 'b'", "orders only numbers and dates"),
    ("regex(${t}, '\\\\p{L}+')", "Unicode classes"),
    ("regex(${t}, '(?i)abc')", "flags"),
    ("regex(${t}, 'a\\\\z')", "\\z"),
    ("regex(${t}, '[[:alpha:]]+')", "[[:alpha:]]"),
    ("${s} = 'x' or edd_required()", "risk data"),
]


@pytest.mark.parametrize(("source", "reason"), UNTRANSLATABLE)
def test_what_xpath_cannot_say_is_refused_with_its_reason(source: str, reason: str) -> None:
    with pytest.raises(Untranslatable) as raised:
        to_xpath(parse(source), xpath_scope())
    assert reason in raised.value.reason


def test_not_applicable_where_the_xlsform_offers_no_choice_for_it_is_never_chosen() -> None:
    """A text question allowing N/A has no "not applicable" choice on a phone."""
    assert to_xpath(parse("is_na(${t}) or ${n} > 1"), xpath_scope()) == "false() or ${n} > 1"


def test_unknown_names_are_refused_not_guessed() -> None:
    with pytest.raises(Untranslatable, match="no question 'zz'"):
        to_xpath(parse("${zz} > 1"), xpath_scope())
    with pytest.raises(Untranslatable, match="'.' means no question"):
        to_xpath(parse(". > 1"), xpath_scope())


@pytest.mark.parametrize(
    ("text", "xpath"),
    [
        ("plain", "'plain'"),
        ("it's", '"it\'s"'),
        ('say "hi"', "'say \"hi\"'"),
        ('it\'s "so"', "concat('it', \"'\", 's \"so\"')"),
        ("${A1.1}", "concat('$', '{A1.1}')"),
    ],
)
def test_text_is_quoted_so_that_xpath_and_xlsform_read_it_as_written(text: str, xpath: str) -> None:
    assert string_literal(text) == xpath


def test_a_control_character_cannot_go_into_an_xform() -> None:
    with pytest.raises(Untranslatable, match="control character"):
        string_literal("bell\x07")
