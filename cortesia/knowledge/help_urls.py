from __future__ import annotations

from django.urls import path

from cortesia.knowledge import help_views

app_name = "help"

urlpatterns = [
    path("", help_views.help_root_view, name="root"),
    path("sitemap.xml", help_views.help_sitemap_view, name="sitemap"),
    path("<str:language>/", help_views.help_home_view, name="home"),
    path(
        "<str:language>/article/<uuid:uid>",
        help_views.help_article_link_view,
        name="article-link",
    ),
    path("<str:language>/search", help_views.help_search_view, name="search"),
    path("<str:language>/<str:slug>", help_views.help_article_view, name="article"),
    path("<str:language>/<str:slug>/vote", help_views.help_vote_view, name="vote"),
]
