"""Exact greetings, closings and names per language; the test ids name the language."""

from __future__ import annotations

import pytest

from cortesia.culture.address_forms import (
    AddressForms,
    Register,
    UnsupportedLanguage,
    address_forms,
    resolve_register,
)
from cortesia.culture.names import PersonName, Title, full_name

F, INF = Register.FORMAL, Register.INFORMAL

CASES = [
    (
        "en_mr",
        "en",
        F,
        PersonName("John", "", "Smith", title=Title.MR),
        AddressForms("Dear Mr Smith,", "Kind regards,", "Mr Smith"),
    ),
    (
        "en_mx",
        "en",
        F,
        PersonName("Alex", "", "Smith", title=Title.MX),
        AddressForms("Dear Mx Smith,", "Kind regards,", "Mx Smith"),
    ),
    (
        "en_no_title_is_neutral",
        "en",
        F,
        PersonName("Alex", "", "Smith"),
        AddressForms("Dear Alex Smith,", "Kind regards,", "Alex Smith"),
    ),
    (
        "en_informal",
        "en",
        INF,
        PersonName("Anna", "", "Smith", title=Title.MS),
        AddressForms("Hi Anna,", "Best,", "Anna"),
    ),
    (
        "it_signora",
        "it",
        F,
        PersonName("Giulia", "", "Bianchi", title=Title.MS),
        AddressForms("Gentile Signora Bianchi,", "Cordiali saluti,", "Sig.ra Bianchi"),
    ),
    (
        "it_no_title_gentile_fits_any_gender",
        "it",
        F,
        PersonName("Andrea", "", "Rossi"),
        AddressForms("Gentile Andrea Rossi,", "Cordiali saluti,", "Andrea Rossi"),
    ),
    (
        "it_dr_is_gendered_so_neutral",
        "it",
        F,
        PersonName("Andrea", "", "Rossi", title=Title.DR),
        AddressForms("Gentile Andrea Rossi,", "Cordiali saluti,", "Andrea Rossi"),
    ),
    (
        "it_informal",
        "it",
        INF,
        PersonName("Marco", "", "Rossi"),
        AddressForms("Ciao Marco,", "A presto,", "Marco"),
    ),
    (
        "fi_default_is_informal",
        "fi",
        None,
        PersonName("Matti", "", "Virtanen", title=Title.MR),
        AddressForms("Hei Matti,", "Terveisin", "Matti"),
    ),
    (
        "fi_formal_uses_full_name",
        "fi",
        F,
        PersonName("Matti", "", "Virtanen", title=Title.MR),
        AddressForms("Hei Matti Virtanen,", "Ystävällisin terveisin", "Matti Virtanen"),
    ),
    (
        "bg_gospodin_vocative",
        "bg",
        F,
        PersonName("Иван", "", "Петров", title=Title.MR),
        AddressForms("Уважаеми господин Петров,", "С уважение,", "г-н Петров"),
    ),
    (
        "bg_gospozho_vocative",
        "bg",
        F,
        PersonName("Мария", "", "Иванова", title=Title.MS),
        AddressForms("Уважаема госпожо Иванова,", "С уважение,", "г-жа Иванова"),
    ),
    (
        "bg_no_title",
        "bg",
        F,
        PersonName("Мария", "", "Иванова"),
        AddressForms("Здравейте, Мария Иванова,", "С уважение,", "Мария Иванова"),
    ),
    (
        "bg_informal",
        "bg",
        INF,
        PersonName("Мария", "", "Иванова"),
        AddressForms("Здравей, Мария,", "Поздрави,", "Мария"),
    ),
    (
        "ro_domnule",
        "ro",
        F,
        PersonName("Ion", "", "Popescu", title=Title.MR),
        AddressForms("Stimate domnule Popescu,", "Cu stimă,", "domnul Popescu"),
    ),
    (
        "ro_doamna",
        "ro",
        F,
        PersonName("Ana", "", "Popescu", title=Title.MRS),
        AddressForms("Stimată doamnă Popescu,", "Cu stimă,", "doamna Popescu"),
    ),
    (
        "ro_no_title",
        "ro",
        F,
        PersonName("Ana", "", "Popescu"),
        AddressForms("Bună ziua, Ana Popescu,", "Cu stimă,", "Ana Popescu"),
    ),
    (
        "ar_sayyid_with_plural_of_respect",
        "ar",
        F,
        PersonName("محمد", "", "العتيبي", title=Title.MR),
        AddressForms(
            "السيد محمد العتيبي المحترم، تحية طيبة وبعد،",
            "وتفضلوا بقبول فائق الاحترام والتقدير،",
            "السيد محمد العتيبي",
        ),
    ),
    (
        "ar_sayyida",
        "ar",
        F,
        PersonName("فاطمة", "", "الزهراني", title=Title.MS),
        AddressForms(
            "السيدة فاطمة الزهراني المحترمة، تحية طيبة وبعد،",
            "وتفضلوا بقبول فائق الاحترام والتقدير،",
            "السيدة فاطمة الزهراني",
        ),
    ),
    (
        "ar_no_title",
        "ar",
        F,
        PersonName("محمد", "", "العتيبي"),
        AddressForms(
            "محمد العتيبي، تحية طيبة وبعد،", "وتفضلوا بقبول فائق الاحترام والتقدير،", "محمد العتيبي"
        ),
    ),
    (
        "de_herr",
        "de",
        F,
        PersonName("Hans", "", "Müller", title=Title.MR),
        AddressForms("Sehr geehrter Herr Müller,", "Mit freundlichen Grüßen", "Herr Müller"),
    ),
    (
        "de_frau_never_fraeulein",
        "de",
        F,
        PersonName("Anna", "", "Müller", title=Title.MISS),
        AddressForms("Sehr geehrte Frau Müller,", "Mit freundlichen Grüßen", "Frau Müller"),
    ),
    (
        "de_dr_without_gender",
        "de",
        F,
        PersonName("Anna", "", "Müller", title=Title.DR),
        AddressForms("Guten Tag Dr. Müller,", "Mit freundlichen Grüßen", "Dr. Müller"),
    ),
    (
        "de_informal",
        "de",
        INF,
        PersonName("Anna", "", "Müller"),
        AddressForms("Hallo Anna,", "Viele Grüße", "Anna"),
    ),
    (
        "fr_madame_not_mademoiselle",
        "fr",
        F,
        PersonName("Marie", "", "Dupont", title=Title.MISS),
        AddressForms("Bonjour Madame Dupont,", "Cordialement,", "Mme Dupont"),
    ),
    (
        "fr_monsieur",
        "fr",
        F,
        PersonName("Jean", "", "Dupont", title=Title.MR),
        AddressForms("Bonjour Monsieur Dupont,", "Cordialement,", "M. Dupont"),
    ),
    (
        "es_first_surname_and_colon",
        "es",
        F,
        PersonName("Juan", "", "García", "López", title=Title.MR),
        AddressForms("Estimado Sr. García:", "Atentamente,", "Sr. García"),
    ),
    (
        "es_estimada_sra",
        "es",
        F,
        PersonName("Ana", "", "García", "López", title=Title.MS),
        AddressForms("Estimada Sra. García:", "Atentamente,", "Sra. García"),
    ),
    (
        "es_no_title_full_name",
        "es",
        F,
        PersonName("Ana", "", "García", "López"),
        AddressForms("Buenos días, Ana García López:", "Atentamente,", "Ana García López"),
    ),
    (
        "pt_last_surname",
        "pt",
        F,
        PersonName("Ana", "Maria", "Souza", "Silva", title=Title.MS),
        AddressForms("Prezada Sra. Silva,", "Atenciosamente,", "Sra. Silva"),
    ),
    (
        "ja_sama_without_space",
        "ja",
        F,
        PersonName("太郎", "", "山田"),
        AddressForms("山田太郎様", "何卒よろしくお願い申し上げます。", "山田様"),
    ),
    (
        "ja_title_is_not_gendered",
        "ja",
        F,
        PersonName("花子", "", "山田", title=Title.MS),
        AddressForms("山田花子様", "何卒よろしくお願い申し上げます。", "山田様"),
    ),
    (
        "ja_informal_san",
        "ja",
        INF,
        PersonName("太郎", "", "山田"),
        AddressForms("山田さん、こんにちは", "よろしくお願いします。", "山田さん"),
    ),
    (
        "zh_xiansheng",
        "zh",
        F,
        PersonName("伟", "", "王", title=Title.MR),
        AddressForms("尊敬的王先生：", "顺祝商祺", "王先生"),
    ),
    (
        "zh_nvshi",
        "zh",
        F,
        PersonName("娜", "", "李", title=Title.MS),
        AddressForms("尊敬的李女士：", "顺祝商祺", "李女士"),
    ),
    (
        "zh_no_title_full_name",
        "zh",
        F,
        PersonName("伟", "", "王"),
        AddressForms("尊敬的王伟：", "顺祝商祺", "王伟"),
    ),
]


@pytest.mark.parametrize(
    ("_case", "language", "register", "name", "expected"), CASES, ids=[case[0] for case in CASES]
)
def test_address_forms(
    _case: str,
    language: str,
    register: Register | None,
    name: PersonName,
    expected: AddressForms,
) -> None:
    assert address_forms(name, language, register) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("hu", "Kovács Ádám"),
        ("en", "Ádám Kovács"),
        ("ja", "Kovács Ádám"),
        ("vi", "Kovács Ádám"),
    ],
)
def test_name_order_by_language(language: str, expected: str) -> None:
    assert full_name(PersonName("Ádám", "", "Kovács"), language) == expected


def test_region_tags_use_the_language() -> None:
    name = PersonName("Ana", "", "Popescu", title=Title.MRS)
    assert address_forms(name, "ro-RO").greeting == "Stimată doamnă Popescu,"


def test_unknown_language_names_the_supported_ones() -> None:
    with pytest.raises(UnsupportedLanguage) as error:
        address_forms(PersonName("A", "", "B"), "tlh")
    assert str(error.value) == (
        "Forms of address are not available for 'tlh'. Supported languages: "
        "ar, bg, de, en, es, fi, fr, it, ja, pt, ro, zh."
    )


def test_a_name_needs_a_part() -> None:
    with pytest.raises(ValueError, match="at least a given name or a surname"):
        PersonName(" ", "", "  ")


def test_register_precedence_customer_then_business_then_language() -> None:
    business = {"it": Register.INFORMAL}
    assert resolve_register("it", business=business) is Register.INFORMAL
    assert resolve_register("it-IT", customer=Register.FORMAL, business=business) is F
    assert resolve_register("fi") is Register.INFORMAL
    assert resolve_register("de", business=business) is F
    assert resolve_register("sw") is F  # unknown language: formal
