"""The answer bot's retrieval rule: the passage that best answers a question, and whether
we are sure enough to show it.

A question is searched among the published articles the asker may read, like the help
centre's search; of each article found, the passage (a heading and the text under it)
holding most of the question's words is what the bot shows. The first article's passage
is offered only when all of these hold:

    strength = score₁ / best_possible       (``search.Found``: the article's BM25 score
                                            against the bound any document could reach)
    coverage = |terms of q in the article| / |terms of q|
    margin   = (score₁ − score₂) / score₁   (how far ahead of the second article)

    strength ≥ S  and  coverage ≥ C  and  margin ≥ M     (per language)

``THRESHOLDS`` holds (S, C, M) per language, chosen on the labelled questions of
``knowledge/tests/evaluation_set.py`` so that at most 5 % of the questions get a wrong
article or an answer where the knowledge base has none (their measurement is in
docs/knowledge.md and ``tests/test_answer_evaluation.py``). Below them the bot says it has
no answer and hands over: it never offers a passage it is not sure of, and never writes
an answer of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from cortesia.knowledge.models import ArticleTranslation, SearchDocument, SearchPosting
from cortesia.knowledge.search import search

CANDIDATES = 3  # articles ranked: the first is offered, the second gives the margin
EXCERPT = 420  # characters of a passage shown in a chat

# (S, C, M) per language, the least strict on the evaluation set's grid (S 0–0.4 by 0.1,
# C 0.3–0.8 by 0.1, M 0–0.3 by 0.05) that answers most questions right with at most 5 %
# answered wrong; a language not named uses DEFAULT_THRESHOLD, the strictest of them
THRESHOLDS: dict[str, tuple[float, float, float]] = {
    "en": (0.3, 0.6, 0.0),
    "it": (0.3, 0.6, 0.0),
    "fi": (0.0, 0.3, 0.25),
    "bg": (0.3, 0.6, 0.25),
    "ro": (0.0, 0.5, 0.1),
    "ar": (0.2, 0.3, 0.05),
}
DEFAULT_THRESHOLD = (0.3, 0.6, 0.25)


@dataclass(frozen=True)
class Passage:
    translation: ArticleTranslation
    number: int  # 1 for the first passage of the article
    heading: str
    text: str
    strength: float
    coverage: float
    margin: float  # over the next article (1.0 when there is none)

    @property
    def url(self) -> str:
        """The article in the help centre, absolute (a messaging app shows it as a link)."""
        path = reverse("help:article", args=[self.translation.language, self.translation.slug])
        return settings.BASE_URL + path

    @property
    def excerpt(self) -> str:
        """The passage's first sentences, cut at a sentence's or a word's end."""
        if len(self.text) <= EXCERPT:
            return self.text
        cut = self.text[:EXCERPT]
        end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "), cut.rfind("。"))
        if end > EXCERPT // 2:
            return cut[: end + 1]
        return cut[: cut.rfind(" ")].rstrip(",;:") + " …"


@dataclass(frozen=True)
class Judged:
    passages: list[Passage]  # best first, one per article
    confident: bool  # the first may be offered

    @property
    def best(self) -> Passage | None:
        return self.passages[0] if self.passages else None


def threshold(language: str) -> tuple[float, float, float]:
    return THRESHOLDS.get(language.split("-")[0], DEFAULT_THRESHOLD)


def passages_for(question: str, language: str, scopes: tuple[str, ...]) -> Judged:
    """The best passage of each of the best articles for ``question`` in ``language``,
    among the documents in ``scopes``, and whether the first is sure enough to offer."""
    found = search(
        query=question, language=language, scopes=scopes, limit=CANDIDATES, correct=False
    )
    if not found.scored or found.best_possible <= 0:
        return Judged([], confident=False)
    ids = [hit.document_id for hit in found.scored]
    documents = SearchDocument.objects.select_related("translation__article").in_bulk(ids)
    matched = _matched_terms(ids, found.terms)
    passages: list[Passage] = []
    scores = [hit.score for hit in found.scored]
    for place, hit in enumerate(found.scored):
        document = documents.get(hit.document_id)
        if document is None:
            continue
        number, heading, text = _best_passage(document, found.terms)
        passages.append(
            Passage(
                translation=document.translation,
                number=number,
                heading=heading,
                text=text,
                strength=hit.score / found.best_possible,
                coverage=len(matched.get(hit.document_id, ())) / len(found.terms),
                margin=_margin(scores, place),
            )
        )
    if not passages:
        return Judged([], confident=False)
    least_strength, least_coverage, least_margin = threshold(language)
    best = passages[0]
    confident = (
        best.strength >= least_strength
        and best.coverage >= least_coverage
        and best.margin >= least_margin
    )
    return Judged(passages, confident=confident)


def _margin(scores: list[float], place: int) -> float:
    score = scores[place]
    following = scores[place + 1] if place + 1 < len(scores) else 0.0
    return (score - following) / score if score > 0 else 0.0


def _matched_terms(ids: list[int], wanted: tuple[str, ...]) -> dict[int, dict[str, int]]:
    matched: dict[int, dict[str, int]] = {}
    rows = SearchPosting.objects.filter(document_id__in=ids, term__in=wanted)
    for document_id, term, frequency in rows.values_list("document_id", "term", "frequency"):
        matched.setdefault(document_id, {})[term] = frequency
    return matched


def _best_passage(document: SearchDocument, wanted: tuple[str, ...]) -> tuple[int, str, str]:
    """The passage of the document's translation holding most of the question's terms
    (the first of equals); the whole text when it has no passages."""
    parts = {
        part.pk: part
        for part in SearchDocument.objects.filter(
            translation_id=document.translation_id, passage__gt=0
        ).only("pk", "passage", "heading", "text")
    }
    if not parts:
        return 0, "", document.text
    matched = _matched_terms(list(parts), wanted)

    def rank(part: SearchDocument) -> tuple[int, int, int]:
        terms = matched.get(part.pk, {})
        return (-len(terms), -sum(terms.values()), part.passage)

    best = min(parts.values(), key=rank)
    return best.passage, best.heading, best.text
