"""The knowledge-base editor, under /knowledge/ (namespace ``knowledge``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.knowledge import staff_category_views, staff_translation_views, staff_views

app_name = "knowledge"

urlpatterns: list[URLPattern] = [
    path("", staff_views.article_list_view, name="article-list"),
    path("new/", staff_views.article_create_view, name="article-create"),
    path("categories/", staff_category_views.category_list_view, name="category-list"),
    path("categories/new/", staff_category_views.category_edit_view, name="category-create"),
    path("categories/<str:uid>/", staff_category_views.category_edit_view, name="category-edit"),
    path("sections/new/", staff_category_views.section_edit_view, name="section-create"),
    path("sections/<str:uid>/", staff_category_views.section_edit_view, name="section-edit"),
    path("<str:uid>/", staff_views.article_detail_view, name="article-detail"),
    path("<str:uid>/history/", staff_views.article_history_view, name="article-history"),
    path(
        "<str:uid>/<str:language>/",
        staff_translation_views.translation_edit_view,
        name="translation-edit",
    ),
    path(
        "<str:uid>/<str:language>/publish/",
        staff_translation_views.translation_publish_view,
        name="translation-publish",
    ),
    path(
        "<str:uid>/<str:language>/versions/",
        staff_translation_views.translation_versions_view,
        name="translation-versions",
    ),
    path(
        "<str:uid>/<str:language>/versions/<int:number>/restore/",
        staff_translation_views.translation_restore_view,
        name="translation-restore",
    ),
]
