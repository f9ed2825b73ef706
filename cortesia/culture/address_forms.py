"""Greeting line, closing line and name in running text, per language and register.

The forms follow the editorial table of the project's culture research (titles by gender,
T–V defaults, greetings and closings). A title is used only when the person chose one; with
no title, or a title whose grammatical gender is unknown in the language (Mx; Dr or Prof
where the title word is gendered), the neutral form is used: never a guessed gender.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from cortesia.culture.local_formats import language_of
from cortesia.culture.names import (
    GIVEN_NAME_ADDRESS,
    PersonName,
    Title,
    addressing_surname,
    familiar_name,
    full_name,
    name_order_language,
)


class Register(StrEnum):
    FORMAL = "formal"
    INFORMAL = "informal"


class Gender(StrEnum):
    MASCULINE = "m"
    FEMININE = "f"
    NEUTRAL = "n"


# Grammatical gender a chosen title implies. Dr, Prof and Mx imply none.
TITLE_GENDER = {
    Title.MR: Gender.MASCULINE,
    Title.MS: Gender.FEMININE,
    Title.MRS: Gender.FEMININE,
    Title.MISS: Gender.FEMININE,
}

DEFAULT_REGISTER: dict[str, Register] = {
    "en": Register.FORMAL,
    "it": Register.FORMAL,
    "fi": Register.INFORMAL,
    "bg": Register.FORMAL,
    "ro": Register.FORMAL,
    "ar": Register.FORMAL,
    "de": Register.FORMAL,
    "fr": Register.FORMAL,
    "es": Register.FORMAL,
    "pt": Register.FORMAL,
    "ja": Register.FORMAL,
    "zh": Register.FORMAL,
}
SUPPORTED_LANGUAGES = tuple(sorted(DEFAULT_REGISTER))


@dataclass(frozen=True)
class AddressForms:
    greeting: str
    closing: str
    name: str


@dataclass(frozen=True)
class LanguageForms:
    """The patterns of one language. ``{t}`` title, ``{s}`` surname, ``{n}`` full name,
    ``{g}`` given (familiar) name."""

    titles: dict[Title, str]  # title word as used in the greeting
    formal_titled: dict[Gender, str]  # greeting with a title, by its gender
    formal_plain: str  # greeting with no usable title
    informal: str
    formal_closing: str
    informal_closing: str
    text_titled: str = "{t} {s}"
    # Title word in running text, where it differs from the greeting's (it: Signora → Sig.ra).
    text_titles: dict[Title, str] | None = None

    def text_title(self, title: Title) -> str:
        return (self.text_titles or self.titles)[title]


FORMS: dict[str, LanguageForms] = {
    "en": LanguageForms(
        titles={
            Title.MR: "Mr",
            Title.MS: "Ms",
            Title.MRS: "Mrs",
            Title.MISS: "Miss",
            Title.MX: "Mx",
            Title.DR: "Dr",
            Title.PROF: "Professor",
        },
        formal_titled={
            Gender.MASCULINE: "Dear {t} {s},",
            Gender.FEMININE: "Dear {t} {s},",
            Gender.NEUTRAL: "Dear {t} {s},",
        },
        formal_plain="Dear {n},",
        informal="Hi {g},",
        formal_closing="Kind regards,",
        informal_closing="Best,",
    ),
    "it": LanguageForms(
        titles={
            Title.MR: "Signor",
            Title.MS: "Signora",
            Title.MRS: "Signora",
            Title.MISS: "Signorina",
        },
        text_titles={
            Title.MR: "Sig.",
            Title.MS: "Sig.ra",
            Title.MRS: "Sig.ra",
            Title.MISS: "Sig.na",
        },
        formal_titled={Gender.MASCULINE: "Gentile {t} {s},", Gender.FEMININE: "Gentile {t} {s},"},
        formal_plain="Gentile {n},",
        informal="Ciao {g},",
        formal_closing="Cordiali saluti,",
        informal_closing="A presto,",
    ),
    "fi": LanguageForms(
        # Titles are rarely used in Finnish service; the full name is polite.
        titles={},
        formal_titled={},
        formal_plain="Hei {n},",
        informal="Hei {g},",
        formal_closing="Ystävällisin terveisin",
        informal_closing="Terveisin",
    ),
    "bg": LanguageForms(
        # Vocative forms in the greeting: господин → господин, госпожа → госпожо.
        titles={
            Title.MR: "господин",
            Title.MS: "госпожо",
            Title.MRS: "госпожо",
            Title.MISS: "госпожице",
        },
        text_titles={Title.MR: "г-н", Title.MS: "г-жа", Title.MRS: "г-жа", Title.MISS: "г-ца"},
        formal_titled={Gender.MASCULINE: "Уважаеми {t} {s},", Gender.FEMININE: "Уважаема {t} {s},"},
        formal_plain="Здравейте, {n},",
        informal="Здравей, {g},",
        formal_closing="С уважение,",
        informal_closing="Поздрави,",
    ),
    "ro": LanguageForms(
        titles={
            Title.MR: "domnule",
            Title.MS: "doamnă",
            Title.MRS: "doamnă",
            Title.MISS: "domnișoară",
        },
        text_titles={
            Title.MR: "domnul",
            Title.MS: "doamna",
            Title.MRS: "doamna",
            Title.MISS: "domnișoara",
        },
        formal_titled={Gender.MASCULINE: "Stimate {t} {s},", Gender.FEMININE: "Stimată {t} {s},"},
        formal_plain="Bună ziua, {n},",
        informal="Bună, {g},",
        formal_closing="Cu stimă,",
        informal_closing="Numai bine,",
    ),
    "ar": LanguageForms(
        # Title + full name + المحترم/المحترمة; the closing uses the plural of respect.
        titles={Title.MR: "السيد", Title.MS: "السيدة", Title.MRS: "السيدة", Title.MISS: "الآنسة"},
        text_titles={
            Title.MR: "السيد",
            Title.MS: "السيدة",
            Title.MRS: "السيدة",
            Title.MISS: "الآنسة",
        },
        formal_titled={
            Gender.MASCULINE: "{t} {n} المحترم، تحية طيبة وبعد،",
            Gender.FEMININE: "{t} {n} المحترمة، تحية طيبة وبعد،",
        },
        formal_plain="{n}، تحية طيبة وبعد،",
        informal="مرحبًا {g}،",
        formal_closing="وتفضلوا بقبول فائق الاحترام والتقدير،",
        informal_closing="تحياتي،",
        text_titled="{t} {n}",
    ),
    "de": LanguageForms(
        # Never "Fräulein": Miss becomes Frau. Dr goes with the neutral "Guten Tag".
        titles={
            Title.MR: "Herr",
            Title.MS: "Frau",
            Title.MRS: "Frau",
            Title.MISS: "Frau",
            Title.DR: "Dr.",
            Title.PROF: "Prof.",
        },
        formal_titled={
            Gender.MASCULINE: "Sehr geehrter {t} {s},",
            Gender.FEMININE: "Sehr geehrte {t} {s},",
            Gender.NEUTRAL: "Guten Tag {t} {s},",
        },
        formal_plain="Guten Tag {n},",
        informal="Hallo {g},",
        formal_closing="Mit freundlichen Grüßen",
        informal_closing="Viele Grüße",
    ),
    "fr": LanguageForms(
        # Mademoiselle is discouraged: Miss becomes Madame.
        titles={
            Title.MR: "Monsieur",
            Title.MS: "Madame",
            Title.MRS: "Madame",
            Title.MISS: "Madame",
        },
        text_titles={Title.MR: "M.", Title.MS: "Mme", Title.MRS: "Mme", Title.MISS: "Mme"},
        formal_titled={Gender.MASCULINE: "Bonjour {t} {s},", Gender.FEMININE: "Bonjour {t} {s},"},
        formal_plain="Bonjour {n},",
        informal="Salut {g},",
        formal_closing="Cordialement,",
        informal_closing="À bientôt,",
    ),
    "es": LanguageForms(
        titles={Title.MR: "Sr.", Title.MS: "Sra.", Title.MRS: "Sra.", Title.MISS: "Srta."},
        formal_titled={Gender.MASCULINE: "Estimado {t} {s}:", Gender.FEMININE: "Estimada {t} {s}:"},
        formal_plain="Buenos días, {n}:",
        informal="Hola, {g}:",
        formal_closing="Atentamente,",
        informal_closing="Un saludo,",
    ),
    "pt": LanguageForms(
        titles={Title.MR: "Sr.", Title.MS: "Sra.", Title.MRS: "Sra.", Title.MISS: "Srta."},
        formal_titled={Gender.MASCULINE: "Prezado {t} {s},", Gender.FEMININE: "Prezada {t} {s},"},
        formal_plain="Bom dia, {n},",
        informal="Olá, {g},",
        formal_closing="Atenciosamente,",
        informal_closing="Abraço,",
    ),
    "ja": LanguageForms(
        # 様 is not gendered and follows the name with no space.
        titles={},
        formal_titled={},
        formal_plain="{n}様",
        informal="{s}さん、こんにちは",
        formal_closing="何卒よろしくお願い申し上げます。",
        informal_closing="よろしくお願いします。",
    ),
    "zh": LanguageForms(
        # 先生 / 女士 follow the surname; 博士 and 教授 are not gendered.
        titles={
            Title.MR: "先生",
            Title.MS: "女士",
            Title.MRS: "女士",
            Title.MISS: "女士",
            Title.DR: "博士",
            Title.PROF: "教授",
        },
        formal_titled={
            Gender.MASCULINE: "尊敬的{s}{t}：",
            Gender.FEMININE: "尊敬的{s}{t}：",
            Gender.NEUTRAL: "尊敬的{s}{t}：",
        },
        formal_plain="尊敬的{n}：",
        informal="{g}，你好！",
        formal_closing="顺祝商祺",
        informal_closing="祝好",
        text_titled="{s}{t}",
    ),
}


def resolve_register(
    language: str,
    *,
    customer: Register | None = None,
    business: Mapping[str, Register] | None = None,
) -> Register:
    """Return the register to use: the customer's choice, else the business's default for
    the language, else the language's own default (formal when the language is unknown)."""
    if customer is not None:
        return customer
    base = language_of(language)
    if business and base in business:
        return business[base]
    return DEFAULT_REGISTER.get(base, Register.FORMAL)


class UnsupportedLanguage(ValueError):
    def __init__(self, language: str) -> None:
        super().__init__(
            f"Forms of address are not available for {language!r}. "
            f"Supported languages: {', '.join(SUPPORTED_LANGUAGES)}."
        )
        self.language = language


@dataclass(frozen=True)
class _UsableTitle:
    greeting_word: str
    text_word: str
    gender: Gender


def _usable_title(forms: LanguageForms, title: Title | None) -> _UsableTitle | None:
    """Return the title's words if the language can use it without guessing a gender."""
    if title is None or title not in forms.titles:
        return None
    gender = TITLE_GENDER.get(title, Gender.NEUTRAL)
    if gender not in forms.formal_titled:
        return None
    return _UsableTitle(forms.titles[title], forms.text_title(title), gender)


def address_forms(
    name: PersonName,
    language: str,
    register: Register | None = None,
    *,
    name_language: str | None = None,
) -> AddressForms:
    """Return greeting, closing and running-text name for ``name`` in ``language``.

    ``register`` defaults to the language's default. ``name_language`` is the language
    the name comes from when the text is in another one (a Korean customer greeted in
    English): see :func:`name_order_language` for when it decides the order of the parts
    and the part a title goes with (김민준 stays 김민준, Nguyễn Văn An is "Mr An").
    Raises UnsupportedLanguage.
    """
    base = language_of(language)
    forms = FORMS.get(base)
    if forms is None:
        raise UnsupportedLanguage(language)
    register = register or resolve_register(base)
    origin = name_order_language(
        name, name_language=language_of(name_language or base), text_language=base
    )
    whole = full_name(name, origin)
    surname = addressing_surname(name, origin)
    if origin in GIVEN_NAME_ADDRESS:
        surname = name.given or surname
    values = {"n": whole, "s": surname, "g": familiar_name(name, origin)}
    if register is Register.INFORMAL:
        greeting = forms.informal.format(**values)
        closing = forms.informal_closing
        text_name = f"{surname}さん" if base == "ja" else values["g"]
        return AddressForms(greeting=greeting, closing=closing, name=text_name)
    titled = _usable_title(forms, name.title)
    if titled is None:
        greeting = forms.formal_plain.format(**values)
        text_name = f"{surname}様" if base == "ja" else whole
    else:
        greeting = forms.formal_titled[titled.gender].format(t=titled.greeting_word, **values)
        text_name = forms.text_titled.format(t=titled.text_word, **values)
    return AddressForms(greeting=greeting, closing=forms.formal_closing, name=text_name)
