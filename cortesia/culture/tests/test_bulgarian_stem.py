"""The Bulgarian light stemmer groups the forms of help-desk nouns (article, plural) and
leaves short words and verb forms alone."""

from __future__ import annotations

import pytest

from cortesia.culture.bulgarian_stem import bulgarian_stem


@pytest.mark.parametrize(
    ("forms", "stem"),
    [
        (("книга", "книгата", "книги", "книгите"), "книг"),
        (("профил", "профилът", "профила", "профилите"), "профил"),
        (("парола", "паролата", "пароли", "паролите"), "парол"),
        (("сметка", "сметката", "сметки"), "сметк"),
        (("поръчка", "поръчката", "поръчки", "поръчките"), "поръчк"),
        (("град", "градът", "градове", "градовете"), "град"),
        (("регистрация", "регистрацията"), "регистрак"),
        (("седмица", "седмицата", "седмици", "седмиците"), "седмик"),
        (("месец", "месеца", "месеци"), "месек"),
        (("ученик", "ученици", "учениците"), "ученик"),
        (("учител", "учители", "учителите"), "учител"),
        (("фактура", "фактурата", "фактури"), "фактур"),
    ],
)
def test_the_forms_of_a_noun_share_a_stem(forms: tuple[str, ...], stem: str) -> None:
    assert {bulgarian_stem(form) for form in forms} == {stem}


def test_words_of_three_letters_or_fewer_are_their_own_stem() -> None:
    assert [bulgarian_stem(word) for word in ("май", "ден", "те", "и")] == ["май", "ден", "те", "и"]


def test_verb_forms_stay_apart() -> None:
    assert [bulgarian_stem(word) for word in ("променям", "промених")] == ["променям", "промених"]
