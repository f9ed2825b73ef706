from cortesia.knowledge.models.articles import (
    Article,
    ArticleTranslation,
    ArticleVersion,
    ArticleVote,
    Category,
    Section,
)
from cortesia.knowledge.models.search import SearchDocument, SearchMiss, SearchPosting

__all__ = [
    "Article",
    "ArticleTranslation",
    "ArticleVersion",
    "ArticleVote",
    "Category",
    "SearchDocument",
    "SearchMiss",
    "SearchPosting",
    "Section",
]
