"""``cortesia reindex_knowledge``: rebuild the search index and its statistics from the
translations (published ones are indexed, drafts have no documents)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cortesia.knowledge.indexing import statistics_recount, translations_index
from cortesia.knowledge.models import ArticleTranslation

BATCH = 500


class Command(BaseCommand):
    help = (
        "Rebuild the knowledge base's search index and statistics from the translations, "
        "a batch a transaction; search keeps working meanwhile."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=BATCH, help="Translations a transaction.")

    def handle(self, *args: Any, **options: Any) -> None:
        began = time.perf_counter()
        size = max(1, int(options["batch"]))
        ids = list(ArticleTranslation.objects.order_by("pk").values_list("pk", flat=True))
        documents = 0
        for start in range(0, len(ids), size):
            batch = ArticleTranslation.objects.select_related("article").filter(
                pk__in=ids[start : start + size]
            )
            documents += translations_index(batch)
            if options["verbosity"] > 1:
                self.stdout.write(f"{min(start + size, len(ids))}/{len(ids)} translations")
        statistics_recount()
        self.stdout.write(
            f"Indexed {len(ids)} translations: {documents} documents, "
            f"in {time.perf_counter() - began:.1f} s."
        )
