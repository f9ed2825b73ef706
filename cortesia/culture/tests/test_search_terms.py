"""Search terms per language: the same analyser for both databases, stemming each served
language, Arabic normalised, accents folded after stemming, stop words left out."""

from __future__ import annotations

import pytest

from cortesia.culture.search_terms import Token, normalized, prefix_of, terms, tokens


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "How do I change my password? Passwords, changing",
            ["chang", "password", "password", "chang"],
        ),
        (
            "it",
            "Come posso cambiare l'indirizzo dell'ordine? Città città",
            ["camb", "indirizz", "ordin", "citt", "citt"],
        ),
        ("fi", "Miten vaihdan salasanani? Tilissäni tilissani", ["vaihd", "salas", "til", "til"]),
        (
            "ro",
            "Cum pot schimba parola? Facturării facturarii ştiu știu",
            ["schimb", "parol", "facturar", "facturar", "stiu", "stiu"],
        ),
        ("bg", "Как да сменя паролата си? Паролите", ["смен", "парол", "парол"]),
        (
            "ar",
            "الكِتَابُ والمكتبة مدرسة مدرسه أحمد إلى ١٢٣",
            ["كتاب", "مكتب", "مدرس", "مدرس", "احمد", "123"],
        ),
    ],
)
def test_terms_per_language(language: str, text: str, expected: list[str]) -> None:
    assert terms(text, language) == expected


def test_arabic_is_read_without_diacritics_tatweel_or_letter_variants() -> None:
    assert normalized("أَحْمَد ـكتـــاب إسلام آمن مستشفى") == "احمد كتاب اسلام امن مستشفي"
    assert terms("كِتَابٌ", "ar") == terms("كتاب", "ar") == terms("كـتـاب", "ar") == ["كتاب"]


def test_finnish_case_forms_meet() -> None:
    assert terms("salasana salasanan salasanaa salasanat", "fi") == ["salas"] * 4
    assert terms("tilaus tilauksen tilaukseni tilausta", "fi") == ["tilau"] * 4
    assert terms("unohtui unohtunut unohtuneen", "fi") == ["unoht"] * 3


def test_a_query_without_diacritics_meets_the_text_with_them() -> None:
    assert terms("facturarii livrarii", "ro") == terms("facturării livrării", "ro")
    assert terms("perche citta", "it") == terms("perché città", "it")


def test_tokens_keep_their_place_in_the_text_for_snippets() -> None:
    text = "Il pacco è arrivato"
    found = tokens(text, "it")
    assert found == [
        Token(0, 2, ""),
        Token(3, 8, "pacc"),
        Token(9, 10, ""),
        Token(11, 19, "arriv"),
    ]
    assert [text[token.start : token.end] for token in found] == ["Il", "pacco", "è", "arrivato"]
    arabic = "الكِتَابُ هنا"
    first = tokens(arabic, "ar")[0]
    assert arabic[first.start : first.end] == "الكِتَابُ"  # the marks stay inside the word


def test_a_word_being_typed_is_matched_by_its_folded_form_unstemmed() -> None:
    assert prefix_of("change my passw", "en") == "passw"
    assert prefix_of("Città", "it") == "citta"
    assert prefix_of("كِتا", "ar") == "كتا"
    assert prefix_of("   ", "en") == ""


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "How long does it take? I still want my parcel", ["take", "parcel"]),
        (
            "it",
            "dov'è il mio pacco? ho ordinato 10 giorni fa, vorrei sapere quando arriva",
            ["pacc", "ordin", "10", "giorn", "sap", "arriv"],
        ),
        ("fi", "mun tilaus ei oo tullu vieläkään, missä se on", ["tilau", "tulu"]),
        ("bg", "къде ми е пратката, искам да знам кога ще дойде", ["пратк", "знам", "доид"]),
        ("ro", "vreau sa stiu cat costa livrarea", ["stiu", "cost", "livr"]),
        ("ar", "وين طلبي وما وصل للحين", ["طلب", "وصل"]),  # وما: و + a stop word
    ],
)
def test_question_words_pronouns_and_chat_forms_are_stop_words(
    language: str, text: str, expected: list[str]
) -> None:
    assert terms(text, language) == expected


def test_romanian_without_diacritics_meets_the_text_with_them() -> None:
    assert terms(
        "platiti plătiți returneaza returnează anuleaza anulează factura factură", "ro"
    ) == [
        "plat",
        "plat",
        "retur",
        "retur",
        "anul",
        "anul",
        "factur",
        "factur",
    ]


def test_arabic_keeps_a_word_first_letter_and_drops_prefixes_and_possessives() -> None:
    text = "بطاقتي بطاقة البطاقة بريدي البريد فلوسي الفلوس للرياض الرياض وصلني رجعت"
    assert terms(text, "ar") == [
        *["بطاق"] * 3,
        *["بريد"] * 2,
        *["مبلغ"] * 2,  # فلوس, colloquial money: a synonym of the articles' مبلغ
        *["رياض"] * 2,
        "وصل",
        "ارجاع",  # رجعت, "I returned": the articles' ارجاع
    ]


def test_bulgarian_feminine_nouns_in_ica_meet_their_plural() -> None:
    assert terms("седмица седмици седмиците", "bg") == ["седмик"] * 3
