from cortesia.knowledge.models.articles import (
    Article,
    ArticleTranslation,
    ArticleVersion,
    ArticleVote,
    Category,
    Section,
)
from cortesia.knowledge.models.bot import BotReply, BotSession
from cortesia.knowledge.models.deflection import SuggestionOpen
from cortesia.knowledge.models.events import ArticleEvent
from cortesia.knowledge.models.search import (
    SearchDocument,
    SearchMiss,
    SearchPosting,
    SearchTerm,
    SearchTotal,
)

__all__ = [
    "Article",
    "ArticleEvent",
    "ArticleTranslation",
    "ArticleVersion",
    "ArticleVote",
    "BotReply",
    "BotSession",
    "Category",
    "SearchDocument",
    "SearchMiss",
    "SearchPosting",
    "SearchTerm",
    "SearchTotal",
    "Section",
    "SuggestionOpen",
]
