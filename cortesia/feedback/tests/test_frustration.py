"""The frustration signal: labelled cases per language with their exact score, level and
signals (pure functions, no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cortesia.feedback.frustration import Frustration, fold, frustration_of, is_low_rating


def case(
    case_id: str,
    language: str,
    text: str,
    score: int,
    level: str,
    signals: tuple[str, ...] = (),
    rating: int | None = None,
    rating_max: int | None = None,
) -> object:
    expected = Frustration(score=score, level=level, signals=signals)
    return pytest.param(language, text, rating, rating_max, expected, id=case_id)


CASES = [
    # English
    case(
        "en-frustrated",
        "en",
        "The app is terrible and I want a refund.",
        45,
        "some",
        ("lexicon:en:terrible", "lexicon:en:refund"),
    ),
    case(
        "en-neutral",
        "en",
        "I changed my delivery address yesterday and the parcel came today.",
        0,
        "none",
    ),
    case("en-praise", "en", "Lovely staff, fast delivery, thank you!", 0, "none"),
    case("en-negated", "en", "Not bad at all, and the courier was kind.", 0, "none"),
    case(
        "en-no-apostrophe",
        "en",
        "The coffee machine doesnt work and nobody answers my emails",
        45,
        "some",
        ("lexicon:en:not-working", "lexicon:en:nobody-answers"),
    ),
    case(
        "en-inflected",
        "en",
        "I cancelled the order and was refunded twice?",
        40,
        "some",
        ("lexicon:en:cancel", "lexicon:en:refund"),
    ),
    case(
        "en-caps-and-exclamations",
        "en",
        "WORST SERVICE EVER!!!",
        50,
        "high",
        ("lexicon:en:worst", "caps", "exclamations"),
    ),
    case(
        "en-negated-satisfaction",
        "en",
        "I am not happy with the repair.",
        20,
        "some",
        ("negated:en:happy",),
    ),
    case(
        "en-intensifier",
        "en",
        "Still waiting for my order, very disappointed.",
        55,
        "high",
        ("lexicon:en:still-waiting", "lexicon:en:disappointed", "intensifier"),
    ),
    case("en-shouted-praise-counts-nothing", "en", "GREAT SERVICE!!!", 0, "none"),
    case("en-low-rating-alone", "en", "Two stars.", 30, "some", ("rating",), 2, 5),
    case(
        "en-questions-with-rating",
        "en",
        "Where is my parcel???",
        40,
        "some",
        ("questions", "rating"),
        1,
        5,
    ),
    # Italian
    case(
        "it-frustrated",
        "it",
        "Servizio pessimo, voglio il rimborso.",
        45,
        "some",
        ("lexicon:it:pessimo", "lexicon:it:rimborso"),
    ),
    case(
        "it-neutral",
        "it",
        "Ho cambiato l'indirizzo di consegna e il pacco è arrivato oggi.",
        0,
        "none",
    ),
    case("it-praise", "it", "Personale gentilissimo, consegna veloce, grazie!", 0, "none"),
    case("it-negated", "it", "Non male, il corriere è stato gentile.", 0, "none"),
    case(
        "it-no-diacritics",
        "it",
        "Mai piu da voi, nessuno mi risponde",
        55,
        "high",
        ("lexicon:it:mai-piu", "lexicon:it:nessuno-risponde"),
    ),
    case(
        "it-inflected-and-elided",
        "it",
        "Ho chiesto due rimborsi e l'annullamento dell'ordine.",
        40,
        "some",
        ("lexicon:it:rimborso", "lexicon:it:disdetta"),
    ),
    case(
        "it-negated-satisfaction",
        "it",
        "Non sono per niente soddisfatta del servizio.",
        20,
        "some",
        ("negated:it:soddisfatto",),
    ),
    # Finnish
    case(
        "fi-frustrated",
        "fi",
        "Tosi huono palvelu ja haluan rahat takaisin.",
        50,
        "high",
        ("lexicon:fi:huono", "lexicon:fi:palautus", "intensifier"),
    ),
    case(
        "fi-neutral",
        "fi",
        "Vaihdoin toimitusosoitteen eilen ja paketti tuli tänään.",
        0,
        "none",
    ),
    case("fi-praise", "fi", "Ihana henkilökunta ja nopea toimitus, kiitos!", 0, "none"),
    case("fi-negated", "fi", "Ei huono ollenkaan, kuriiri oli ystävällinen.", 0, "none"),
    case(
        "fi-colloquial-no-diacritics",
        "fi",
        "Taa on ihan syvalta, arsyttaa niin paljon",
        60,
        "high",
        ("lexicon:fi:paska", "lexicon:fi:arsyttaa", "intensifier"),
    ),
    case(
        "fi-inflected",
        "fi",
        "Odotan edelleen palautuksen käsittelyä, kukaan ei vastannut.",
        70,
        "high",
        ("lexicon:fi:odotan-edelleen", "lexicon:fi:palautus", "lexicon:fi:kukaan-ei-vastaa"),
    ),
    case(
        "fi-negated-satisfaction",
        "fi",
        "En ole tyytyväinen korjaukseen.",
        20,
        "some",
        ("negated:fi:tyytyvainen",),
    ),
    # Bulgarian
    case(
        "bg-frustrated",
        "bg",
        "Ужасно обслужване, искам да ми върнете парите.",
        45,
        "some",
        ("lexicon:bg:uzhasno", "lexicon:bg:varnete-parite"),
    ),
    case(
        "bg-neutral",
        "bg",
        "Смених адреса за доставка вчера и пратката пристигна днес.",
        0,
        "none",
    ),
    case("bg-praise", "bg", "Чудесен персонал и бърза доставка, благодаря!", 0, "none"),
    case("bg-negated", "bg", "Не е лошо, куриерът беше любезен.", 0, "none"),
    case(
        "bg-stress-mark",
        "bg",
        "Ужа\u0300сно отношение, никой не отговаря.",
        50,
        "high",
        ("lexicon:bg:uzhasno", "lexicon:bg:nikoi-ne-otgovarya"),
    ),
    case(
        "bg-inflected",
        "bg",
        "Това е най-лошото обслужване, още чакам отговор.",
        50,
        "high",
        ("lexicon:bg:nai-loshoto", "lexicon:bg:oshte-chakam"),
    ),
    case(
        "bg-negated-satisfaction",
        "bg",
        "Не съм доволен от ремонта.",
        20,
        "some",
        ("negated:bg:dovolen",),
    ),
    # Romanian
    case(
        "ro-frustrated",
        "ro",
        "Servicii îngrozitoare, vreau banii înapoi.",
        45,
        "some",
        ("lexicon:ro:ingrozitor", "lexicon:ro:rambursare"),
    ),
    case(
        "ro-neutral",
        "ro",
        "Am schimbat adresa de livrare ieri și coletul a ajuns azi.",
        0,
        "none",
    ),
    case("ro-praise", "ro", "Personal minunat și livrare rapidă, mulțumesc!", 0, "none"),
    case("ro-negated", "ro", "Nu e rău deloc, curierul a fost amabil.", 0, "none"),
    case(
        "ro-no-diacritics",
        "ro",
        "E o bataie de joc, inca astept rambursarea, nimeni nu raspunde",
        95,
        "high",
        (
            "lexicon:ro:bataie-de-joc",
            "lexicon:ro:inca-astept",
            "lexicon:ro:rambursare",
            "lexicon:ro:nimeni-nu-raspunde",
        ),
    ),
    case(
        "ro-cedilla-letters",
        "ro",
        "Ruşine, nu funcţionează nimic.",
        45,
        "some",
        ("lexicon:ro:rusine", "lexicon:ro:nu-functioneaza"),
    ),
    case(
        "ro-inflected",
        "ro",
        "Rambursarea și anularea comenzii nu au venit.",
        40,
        "some",
        ("lexicon:ro:rambursare", "lexicon:ro:anulare"),
    ),
    case(
        "ro-negated-satisfaction",
        "ro",
        "Nu sunt mulțumit de reparație.",
        20,
        "some",
        ("negated:ro:multumit",),
    ),
    # Arabic
    case(
        "ar-frustrated",
        "ar",
        "خدمة سيئة جدا وأريد استرداد المبلغ",
        50,
        "high",
        ("lexicon:ar:sayyi", "lexicon:ar:istirdad", "intensifier"),
    ),
    case("ar-neutral", "ar", "غيرت عنوان التوصيل أمس ووصل الطرد اليوم", 0, "none"),
    case("ar-praise", "ar", "موظفون رائعون وتوصيل سريع، شكرا لكم!", 0, "none"),
    case("ar-negated", "ar", "الخدمة ليست سيئة والمندوب كان لطيفا", 0, "none"),
    case(
        "ar-diacritics-and-tatweel",
        "ar",
        "خِدْمَةٌ سَيِّئَةٌ جِدًّا، لا أحد يـــرد",
        55,
        "high",
        ("lexicon:ar:sayyi", "lexicon:ar:la-ahad-yarud", "intensifier"),
    ),
    case(
        "ar-proclitics",
        "ar",
        "طلبت الإلغاء والاسترداد منذ أسبوع",
        40,
        "some",
        ("lexicon:ar:ilgha", "lexicon:ar:istirdad"),
    ),
    case("ar-hamza-on-the-line", "ar", "المنتج سيء", 20, "some", ("lexicon:ar:sayyi",)),
    case(
        "ar-negated-satisfaction",
        "ar",
        "أنا غير راضٍ عن الإصلاح",
        20,
        "some",
        ("negated:ar:radi",),
    ),
    # Language unknown: every lexicon is tried.
    case(
        "unknown-language-short-post",
        "",
        "RIMBORSO SUBITO!!!",
        45,
        "some",
        ("lexicon:it:rimborso", "caps", "exclamations"),
    ),
]


@pytest.mark.parametrize(("language", "text", "rating", "rating_max", "expected"), CASES)
def test_frustration_of_labelled_texts(
    language: str, text: str, rating: int | None, rating_max: int | None, expected: Frustration
) -> None:
    assert frustration_of(text, language=language, rating=rating, rating_max=rating_max) == (
        expected
    )


@pytest.mark.parametrize(
    ("rating", "rating_max", "expected"),
    [
        pytest.param(2, 5, True, id="2-of-5"),
        pytest.param(3, 5, False, id="3-of-5"),
        pytest.param(Decimal("2.5"), 5, False, id="2.5-of-5"),
        pytest.param(4, 10, True, id="4-of-10"),
        pytest.param(5, 10, False, id="5-of-10"),
        pytest.param(40, 100, True, id="40-of-100"),
        pytest.param(2, None, True, id="2-without-maximum-is-of-5"),
        pytest.param(None, 5, False, id="no-rating"),
    ],
)
def test_low_rating_is_scaled_to_its_maximum(
    rating: Decimal | int | None, rating_max: int | None, expected: bool
) -> None:
    assert is_low_rating(rating, rating_max) is expected


def test_folding_unifies_the_spellings_people_use() -> None:
    assert fold("Ruşine") == fold("Rușine") == fold("RUSINE") == "rusine"
    assert fold("ärsyttää") == "arsyttaa"
    assert fold("أإآٱ ى ة ؤئ") == "اااا ي ه ءء"
    assert fold("سَيِّئَةٌ") == fold("سيئة") == fold("سيءه")
    assert fold("doesn’t") == "doesn't"


def test_the_score_is_capped_at_100() -> None:
    text = "WORST SCAM EVER, terrible, disgusting, still waiting, refund, never again!!!"
    result = frustration_of(text, language="en", rating=1, rating_max=5)
    assert (result.score, result.level) == (100, "high")
