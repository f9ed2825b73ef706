from __future__ import annotations

import pytest

from cortesia.culture.address_forms import AddressForms, Register, address_forms
from cortesia.culture.names import PersonName, Title, full_name, name_order_language

KIM = PersonName("민준", "", "김")
NGUYEN = PersonName("An", "Văn", "Nguyễn", title=Title.MR)
FORMAL = Register.FORMAL


FULL_NAMES = [
    ("ko_hangul_without_space", KIM, "ko", "김민준"),
    ("ko_latin_keeps_spaces", PersonName("Min-jun", "", "Kim"), "ko", "Kim Min-jun"),
    ("ja_kanji_without_space", PersonName("太郎", "", "山田"), "ja", "山田太郎"),
    ("zh_han_without_space", PersonName("伟", "", "王"), "zh", "王伟"),
    ("vi_family_middle_given", NGUYEN, "vi", "Nguyễn Văn An"),
    ("vi_without_middle_name", PersonName("An", "", "Nguyễn"), "vi", "Nguyễn An"),
    (
        "hu_given_names_keep_order",
        PersonName("Ádám", "Péter", "Kovács"),
        "hu",
        "Kovács Ádám Péter",
    ),
    ("en_middle_name_after_given", PersonName("Mary", "Ann", "Smith"), "en", "Mary Ann Smith"),
]


@pytest.mark.parametrize(
    ("_case", "name", "language", "expected"), FULL_NAMES, ids=[case[0] for case in FULL_NAMES]
)
def test_full_name(_case: str, name: PersonName, language: str, expected: str) -> None:
    assert full_name(name, language) == expected


@pytest.mark.parametrize(
    ("_case", "name", "name_language", "expected"),
    [
        ("ko_name_in_english_text", PersonName("Min-jun", "", "Kim"), "ko", "ko"),
        ("vi_name_in_english_text", NGUYEN, "vi", "vi"),
        ("hu_latin_name_in_english_text", PersonName("Ádám", "", "Kovács"), "hu", "en"),
        ("ja_kanji_name_in_english_text", PersonName("太郎", "", "山田"), "ja", "ja"),
        ("ja_latin_name_in_english_text", PersonName("Taro", "", "Yamada"), "ja", "en"),
        ("same_language", PersonName("Ana", "", "Pop"), "en", "en"),
    ],
)
def test_name_order_language(
    _case: str, name: PersonName, name_language: str, expected: str
) -> None:
    assert name_order_language(name, name_language=name_language, text_language="en") == expected


@pytest.mark.parametrize(
    ("_case", "name", "name_language", "register", "expected"),
    [
        (
            "ko_plain",
            KIM,
            "ko",
            FORMAL,
            AddressForms("Dear 김민준,", "Kind regards,", "김민준"),
        ),
        (
            "vi_titled_by_given_name",
            NGUYEN,
            "vi",
            FORMAL,
            AddressForms("Dear Mr An,", "Kind regards,", "Mr An"),
        ),
        (
            "vi_plain_full_name",
            PersonName("An", "Văn", "Nguyễn"),
            "vi",
            FORMAL,
            AddressForms("Dear Nguyễn Văn An,", "Kind regards,", "Nguyễn Văn An"),
        ),
        (
            "vi_informal_given_name",
            NGUYEN,
            "vi",
            Register.INFORMAL,
            AddressForms("Hi An,", "Best,", "An"),
        ),
    ],
)
def test_english_greetings_keep_the_names_own_form(
    _case: str, name: PersonName, name_language: str, register: Register, expected: AddressForms
) -> None:
    assert address_forms(name, "en", register, name_language=name_language) == expected
