"""A small corpus for the suggestion tests, built through the services: five articles
in Italian and English (one staff only, one English only, one Italian draft)."""

from __future__ import annotations

from dataclasses import dataclass

from cortesia.accounts.models import Role
from cortesia.core.actor import Actor
from cortesia.knowledge.models import Article, ArticleTranslation
from cortesia.knowledge.services import (
    ArticleData,
    TranslationData,
    article_create,
    category_create,
    section_create,
    translation_publish,
    translation_save,
)
from cortesia.testing.fixtures import make_user

TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "returns": {
        "it": (
            "Come restituire un articolo",
            "Puoi restituire un articolo entro 30 giorni. Il reso è gratuito.",
        ),
        "en": ("How to return an item", "Return an item within 30 days. Returns are free."),
    },
    "shipping": {
        "it": (
            "Spedizione e tempi di consegna",
            "La spedizione arriva in 2-4 giorni lavorativi, con il numero di spedizione "
            "per seguire il pacco fino alla consegna a casa tua.",
        ),
        "en": ("Shipping and delivery times", "Shipping takes 2-4 working days."),
    },
    "payment": {
        "it": ("Pagamento con carta", "Paghi con carta di credito. Il pagamento è sicuro."),
    },
    "refunds": {  # staff only
        "it": ("Rimborsi oltre 200 euro", "Per un rimborso oltre 200 euro chiedi al responsabile."),
        "en": ("Refunds over 200 euros", "For a refund over 200 euros ask the team lead."),
    },
    "gifts": {  # English only; the Italian text is a draft
        "en": ("Gift wrapping", "We wrap every gift for free; choose gift wrapping at checkout."),
        "it": ("Confezione regalo", "Confezioniamo ogni regalo gratis."),
    },
}
INTERNAL = {"refunds"}
DRAFTS = {("gifts", "it")}


@dataclass(frozen=True)
class Corpus:
    translations: dict[tuple[str, str], ArticleTranslation]  # (key, language)

    def __getitem__(self, key: tuple[str, str]) -> ArticleTranslation:
        return self.translations[key]


def corpus_build() -> Corpus:
    editor = Actor(make_user("editor", role=Role.MANAGER))
    category = category_create(names={"en": "Orders", "it": "Ordini"}, actor=editor)
    section = section_create(category=category, names={"en": "Help", "it": "Aiuto"}, actor=editor)
    found: dict[tuple[str, str], ArticleTranslation] = {}
    for key, texts in TEXTS.items():
        languages = list(texts)
        visibility = Article.Visibility.INTERNAL if key in INTERNAL else Article.Visibility.PUBLIC
        title, body = texts[languages[0]]
        article = article_create(
            data=ArticleData(section=section, source_language=languages[0], visibility=visibility),
            first=TranslationData(languages[0], title, body),
            actor=editor,
        )
        for language in languages[1:]:
            title, body = texts[language]
            data = TranslationData(language, title, body)
            translation_save(article=article, data=data, actor=editor)
        for translation in article.translations.all():
            if (key, translation.language) not in DRAFTS:
                translation_publish(translation=translation, actor=editor)
            found[(key, translation.language)] = ArticleTranslation.objects.get(pk=translation.pk)
    return Corpus(found)
