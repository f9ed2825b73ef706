"""The words and phrases the frustration signal looks for, per language (data only; the
rules are in :mod:`cortesia.feedback.frustration`).

Patterns are written as people write them; they are folded like the text they are matched
against (lower case, diacritics removed, Arabic letters unified), so "rușine", "rusine" and
"ruşine" are one pattern. A pattern is one or more words separated by spaces:

- ``word`` matches that word only;
- ``stem*`` matches every word that starts with ``stem`` (inflections: "rimbors*" matches
  rimborso, rimborsi, rimborsare; "palautu*" matches palautus, palautuksen);
- ``*ending`` matches every word that ends with it ("*n't").

In a phrase, each word may be separated from the previous one by at most one other word
("nessuno rispond*" matches "nessuno mi risponde").

Each entry of ``entries`` belongs to a category whose weight it adds to the score;
``satisfaction`` entries count only when negated ("not happy", "non sono soddisfatto",
"en ole tyytyväinen"), as a complaint. ``negators`` cancel an entry (or turn a
satisfaction entry into a complaint) when one of them stands within the three words before
it; ``intensifiers`` near a counted entry add a little.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    ANGER = "anger"  # insults, "worst", "scam", "disgusting"
    COMPLAINT = "complaint"  # "broken", "doesn't work", "disappointed"
    WAITING = "waiting"  # "still waiting", "nobody answers", "no reply"
    REFUND = "refund"  # "refund", "money back", "cancel"
    LEAVING = "leaving"  # "never again", "lawyer", consumer protection


WEIGHTS: dict[Category, int] = {
    Category.ANGER: 25,
    Category.COMPLAINT: 20,
    Category.WAITING: 25,
    Category.REFUND: 20,
    Category.LEAVING: 30,
}


@dataclass(frozen=True)
class Entry:
    key: str  # the name in signals: "lexicon:<language>:<key>"
    category: Category
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class LexiconSource:
    language: str
    entries: tuple[Entry, ...]
    satisfaction: tuple[Entry, ...]
    negators: tuple[str, ...]
    intensifiers: tuple[str, ...]


def _e(key: str, category: Category, *patterns: str) -> Entry:
    return Entry(key, category, patterns)


def _s(key: str, *patterns: str) -> Entry:
    return Entry(key, Category.COMPLAINT, patterns)


A, C, W, R, L = (
    Category.ANGER,
    Category.COMPLAINT,
    Category.WAITING,
    Category.REFUND,
    Category.LEAVING,
)

ENGLISH = LexiconSource(
    language="en",
    entries=(
        _e("terrible", A, "terribl*", "awful*", "horribl*", "dreadful*"),
        _e("disgusting", A, "disgust*", "disgrace*", "shameful*"),
        _e("worst", A, "worst"),
        _e("pathetic", A, "pathetic*", "incompetent*"),
        _e("scam", A, "scam*", "fraud*", "ripoff*", "rip-off*", "rip off"),
        _e("angry", A, "furious*", "angry", "angrier", "livid", "outrag*"),
        _e("bad", C, "bad"),
        _e("disappointed", C, "disappoint*"),
        _e("complaint", C, "complain*"),
        _e("broken", C, "broken"),
        _e(
            "not-working",
            C,
            "not working",
            "doesn't work*",
            "does not work*",
            "doesnt work*",
            "didn't work*",
            "did not work*",
            "didnt work*",
            "stopped working",
        ),
        _e("useless", C, "useless*", "unacceptabl*", "ridiculous*"),
        _e("frustrating", C, "frustrat*", "annoy*"),
        _e("still-waiting", W, "still wait*", "still haven't", "still have not", "still no"),
        _e(
            "nobody-answers",
            W,
            "nobody answer*",
            "no one answer*",
            "nobody repl*",
            "no one repl*",
            "nobody respond*",
            "no one respond*",
        ),
        _e("no-reply", W, "no reply", "no answer", "no response", "never heard back"),
        _e("ignored", W, "ignor*"),
        _e("refund", R, "refund*", "money back", "chargeback*"),
        _e("cancel", R, "cancel*"),
        _e("never-again", L, "never again", "never buy*", "never order*", "never use*"),
        _e("lawyer", L, "lawyer*", "attorney*", "legal action", "sue", "suing"),
        _e("consumer-protection", L, "trading standards", "consumer protection"),
        _e("switching", L, "switching to", "taking my business"),
    ),
    satisfaction=(
        _s("happy", "happy"),
        _s("satisfied", "satisf*", "pleased"),
        _s("recommend", "recommend*"),
        _s("good", "good", "helpful"),
    ),
    negators=(
        "not",
        "no",
        "never",
        "nobody",
        "nothing",
        "none",
        "neither",
        "nor",
        "without",
        "hardly",
        "cannot",
        "*n't",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "wasnt",
        "arent",
        "werent",
        "cant",
        "wont",
        "couldnt",
        "wouldnt",
        "havent",
        "hasnt",
    ),
    intensifiers=(
        "very",
        "so",
        "really",
        "extremely",
        "absolutely",
        "totally",
        "completely",
        "utterly",
        "incredibly",
        "seriously",
        "truly",
    ),
)

ITALIAN = LexiconSource(
    language="it",
    entries=(
        _e("pessimo", A, "pessim*", "orribil*", "indecent*"),
        _e("schifo", A, "schif*"),
        _e("vergogna", A, "vergogn*", "scandal*"),
        _e("truffa", A, "truff*", "ladr*"),
        _e("incompetenti", A, "incompetent*"),
        _e("peggiore", A, "peggior*", "il peggio"),
        _e("incazzato", A, "incazz*"),
        _e("male", C, "male"),
        _e("deluso", C, "delus*"),
        _e("reclamo", C, "reclam*", "lamentel*"),
        _e("non-funziona", C, "non funzion*"),
        _e("rotto", C, "rotto", "rotta", "rotti", "rotte", "guast*"),
        _e("inaccettabile", C, "inaccettabil*", "assurd*", "ridicol*", "inutil*"),
        _e("sconsiglio", C, "sconsigli*"),
        _e(
            "ancora-in-attesa",
            W,
            "ancora in attesa",
            "ancora aspett*",
            "aspett* ancora",
            "attendo ancora",
        ),
        _e("nessuno-risponde", W, "nessuno rispond*", "non rispond*"),
        _e("nessuna-risposta", W, "nessuna risposta", "senza risposta", "zero risposte"),
        _e("ignorato", W, "ignorat*"),
        _e("rimborso", R, "rimbors*", "soldi indietro", "i miei soldi"),
        _e("disdetta", R, "disdett*", "disdic*", "disdir*", "annull*", "recess*"),
        _e("mai-piu", L, "mai piu"),
        _e("avvocato", L, "avvocat*", "vie legali", "azione legale", "denunc*"),
        _e("consumatori", L, "associazione consumatori", "altroconsumo", "codacons"),
        _e("cambio-fornitore", L, "cambio operatore", "cambio fornitore", "alla concorrenza"),
    ),
    satisfaction=(
        _s("soddisfatto", "soddisfatt*", "contento", "contenta", "contenti", "contente"),
        _s("consiglio", "consigli*"),
        _s("buono", "buono", "buona", "bene"),
    ),
    negators=(
        "non",
        "mai",
        "nessun",
        "nessuno",
        "nessuna",
        "niente",
        "nulla",
        "senza",
        "neanche",
        "nemmeno",
        "neppure",
    ),
    intensifiers=(
        "molto",
        "davvero",
        "proprio",
        "veramente",
        "assolutamente",
        "troppo",
        "tanto",
        "estremamente",
        "totalmente",
        "completamente",
        "decisamente",
    ),
)

FINNISH = LexiconSource(
    language="fi",
    entries=(
        _e("surkea", A, "surke*", "kamal*", "kauhe*"),
        _e("paska", A, "paska*", "paskin*", "perseest*", "syvalta"),
        _e("pahin", A, "pahin*"),
        _e("huijaus", A, "huija*"),
        _e("arsyttaa", A, "ärsyt*", "vitut*", "raivo*"),
        _e("huono", C, "huono*"),
        _e("pettynyt", C, "petty*"),
        _e("ei-toimi", C, "ei toimi*", "ei toiminut", "rikki"),
        _e("valitus", C, "valitus*", "valitan", "valitta*", "reklamaat*"),
        _e("turhautunut", C, "turhaut*", "kelvoton", "kelvottom*"),
        _e(
            "odotan-edelleen",
            W,
            "odot* edelleen",
            "edelleen odot*",
            "vieläkin odot*",
            "yhä odot*",
            "odot* vieläkin",
        ),
        _e("kukaan-ei-vastaa", W, "kukaan ei vasta*", "ei vasta*", "ei kuulu* mitään"),
        _e("palautus", R, "palautu*", "hyvity*", "raha* takaisin"),
        _e("peruutus", R, "peruu*", "perun", "irtisano*"),
        _e("en-enaa", L, "en enää", "ei enää ikinä", "viimeinen kerta"),
        _e("kuluttaja", L, "kuluttajariit*", "kuluttajaneuvo*", "asianajaj*"),
    ),
    satisfaction=(
        _s("tyytyvainen", "tyytyväi*"),
        _s("suosittelen", "suosittel*"),
        _s("hyva", "hyvä", "hyvää"),
    ),
    negators=("ei", "en", "et", "emme", "ette", "eivät", "eikä", "enkä", "ilman"),
    intensifiers=("todella", "tosi", "erittäin", "aivan", "ihan", "niin", "täysin", "hyvin"),
)

BULGARIAN = LexiconSource(
    language="bg",
    entries=(
        _e("uzhasno", A, "ужасн*", "ужасен", "кошмар*"),
        _e("otvratitelno", A, "отвратител*", "безобраз*", "позор*", "скандал*"),
        _e("izmama", A, "измам*", "мошени*", "крадци", "крадат"),
        _e("nai-loshoto", A, "най-лош*"),
        _e("nekadarni", A, "некадърн*", "бесен", "бясн*"),
        _e("losho", C, "лош*"),
        _e("razocharovan", C, "разочаров*"),
        _e("oplakvane", C, "оплак*", "рекламаци*"),
        _e("ne-raboti", C, "не работи", "счупен*", "развален*"),
        _e("nepriemlivo", C, "неприемлив*", "безполез*"),
        _e("oshte-chakam", W, "още чака*", "все още няма"),
        _e("nikoi-ne-otgovarya", W, "никой не отговар*", "не отговар*"),
        _e("bez-otgovor", W, "без отговор", "няма отговор", "игнорира*"),
        _e("varnete-parite", R, "върн* парите", "възстановя* сумата"),
        _e("anulirane", R, "анулира*", "отказвам"),
        _e("nikoga-poveche", L, "никога повече", "повече никога", "за последен път"),
        _e("advokat", L, "адвокат*", "кзп", "защита на потребителите", "съдя"),
    ),
    satisfaction=(
        _s("dovolen", "довол*"),
        _s("preporachvam", "препоръч*"),
        _s("dobre", "добр*"),
    ),
    negators=("не", "няма", "нито", "никога", "никой", "без", "нищо"),
    intensifiers=(
        "много",
        "изключително",
        "адски",
        "наистина",
        "абсолютно",
        "страшно",
        "толкова",
        "изобщо",
    ),
)

ROMANIAN = LexiconSource(
    language="ro",
    entries=(
        _e("ingrozitor", A, "îngrozito*", "oribil*", "groaznic*", "jalnic*", "penibil*"),
        _e("teapa", A, "țeap*", "țepe", "țepar*", "escroc*", "hoți", "hoții"),
        _e("bataie-de-joc", A, "bătaie de joc", "bătaia de joc", "nesimțit*"),
        _e("rusine", A, "rușin*", "mizeri*"),
        _e("cel-mai-prost", A, "cel mai prost*", "cea mai proastă", "cea mai slabă"),
        _e("prost", C, "prost", "proastă", "proaste", "proști", "slab", "slabă", "rău"),
        _e("dezamagit", C, "dezamăg*", "nemulțumit*"),
        _e("reclamatie", C, "reclamați*", "plânger*"),
        _e("nu-functioneaza", C, "nu funcțione*", "nu merge", "stricat*"),
        _e("inacceptabil", C, "inacceptabil*", "inutil*"),
        _e("inca-astept", W, "încă aștept*", "tot aștept*"),
        _e("nimeni-nu-raspunde", W, "nimeni nu răspun*", "nu răspun*"),
        _e("niciun-raspuns", W, "niciun răspuns", "fără răspuns", "ignor*"),
        _e("rambursare", R, "ramburs*", "banii înapoi", "vreau banii"),
        _e("anulare", R, "anula*", "anulez"),
        _e("nu-mai-cumpar", L, "nu mai cumpăr*", "nu mai comand*", "pentru ultima dată"),
        _e("avocat", L, "avocat*", "anpc", "protecția consumatorului"),
    ),
    satisfaction=(
        _s("multumit", "mulțumit*"),
        _s("recomand", "recomand*"),
        _s("bun", "bun", "bine"),
    ),
    negators=("nu", "nici", "niciodată", "fără", "nimeni", "nimic", "deloc", "n-*"),
    intensifiers=("foarte", "extrem", "chiar", "absolut", "total", "atât", "prea", "complet"),
)

ARABIC = LexiconSource(
    language="ar",
    entries=(
        _e("aswa", A, "أسوأ"),
        _e("fazi", A, "فظيع*", "مقرف*", "زفت", "مهزل*"),
        _e("nasb", A, "نصب", "نصاب*", "احتيال", "حرامي*"),
        _e("sayyi", C, "سيء*", "سيئ*"),
        _e("shakwa", C, "شكوى", "اشتك*"),
        _e("la-yamal", C, "لا يعمل", "ما يشتغل", "خربان*", "معطل*"),
        _e("khaybat-amal", C, "خيبة أمل", "مخيب*", "غير مقبول"),
        _e("ma-zilt-antazir", W, "ما زلت أنتظر", "لا زلت أنتظر", "لازلت أنتظر", "أنتظر منذ"),
        _e("la-ahad-yarud", W, "لا أحد يرد*", "ما أحد يرد*", "لم يرد*", "بدون رد", "لا رد"),
        _e("istirdad", R, "استرداد*", "استرجاع*", "فلوسي"),
        _e("ilgha", R, "إلغاء*", "ألغي*"),
        _e("akhir-marra", L, "آخر مرة", "لن أتعامل", "مقاطعة"),
        _e("muhami", L, "محامي*", "حماية المستهلك"),
    ),
    satisfaction=(
        _s("radi", "راض*"),
        _s("saeed", "سعيد*"),
        _s("ansah", "أنصح*"),
        _s("jayyid", "جيد*"),
    ),
    negators=("لا", "لم", "لن", "ليس", "ليست", "غير", "بدون", "مش", "مو"),
    intensifiers=("جدا", "للغاية", "كثير", "مرة", "حقا", "تماما"),
)

LEXICONS: tuple[LexiconSource, ...] = (ENGLISH, ITALIAN, FINNISH, BULGARIAN, ROMANIAN, ARABIC)
