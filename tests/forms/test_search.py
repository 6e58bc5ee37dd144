"""Finding questions by their words: in every language of the form, whatever the case or the
accents, every word searched for in the question's label, help, options or levels."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import Form
from selfassess.core.forms.search import Found, SearchIndex, folded, search_words
from selfassess.core.paths import builtin_forms_dir


@pytest.fixture(scope="module")
def form() -> Form:
    loaded = load_form(builtin_forms_dir() / "self-assessment.yaml").form
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def index(form: Form) -> SearchIndex:
    return SearchIndex(form)


def test_a_word_finds_the_questions_holding_it_in_the_forms_order(index: SearchIndex) -> None:
    found = index.find("children")
    assert Found("B1", "B1.1") in found
    order = [entry.question_id for entry, _text in index.entries]
    assert [f.question_id for f in found] == sorted((f.question_id for f in found), key=order.index)


def test_every_language_of_the_form_is_searched(index: SearchIndex) -> None:
    """A French or Swahili reader finds the question whatever language the form is shown in."""
    english, french, swahili = index.find("children"), index.find("enfants"), index.find("watoto")
    assert Found("B1", "B1.1") in english
    assert Found("B1", "B1.1") in french
    assert Found("B1", "B1.1") in swahili


def test_case_and_accents_do_not_matter(index: SearchIndex) -> None:
    assert index.find("ÉCARTS") == index.find("ecarts")
    assert index.find("sécurité") == index.find("SECURITE") != []


def test_every_word_must_appear(index: SearchIndex) -> None:
    both = index.find("enfants armés")
    assert set(both) <= set(index.find("enfants")) & set(index.find("armés"))
    assert index.find("enfants zzzqqq") == []


def test_options_and_ids_are_searched(form: Form, index: SearchIndex) -> None:
    assert Found("A1", "A1.1") in index.find("a1.1")
    # "Dust masks" is an option of the protective-equipment questions, in none of their labels
    found = [f.question_id for f in index.find("dust masks")]
    labels = [q.label["en"].lower() for q in form.questions() if q.id in found]
    assert found
    assert not [label for label in labels if "dust mask" in label]


def test_a_blank_search_finds_nothing(index: SearchIndex) -> None:
    assert index.find("") == index.find("   ") == []


@given(st.text(max_size=30))
def test_folding_is_stable_and_never_grows_a_search(text: str) -> None:
    assert folded(folded(text)) == folded(text)
    assert all(word == folded(word) for word in search_words(text))
