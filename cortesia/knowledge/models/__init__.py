from cortesia.knowledge.models.articles import (
    Article,
    ArticleTranslation,
    ArticleVersion,
    Category,
    Section,
)
from cortesia.knowledge.models.search import SearchDocument, SearchMiss, SearchPosting

__all__ = [
    "Article",
    "ArticleTranslation",
    "ArticleVersion",
    "Category",
    "SearchDocument",
    "SearchMiss",
    "SearchPosting",
    "Section",
]
