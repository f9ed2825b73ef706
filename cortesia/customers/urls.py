from __future__ import annotations

from django.urls import path

from cortesia.customers.views import customers, imports, organizations, segments

app_name = "customers"

urlpatterns = [
    path("", customers.customer_list_view, name="customer-list"),
    path("imports/", imports.import_list_view, name="import-list"),
    path("imports/<str:uid>/", imports.import_detail_view, name="import-detail"),
    path("segments/", segments.segment_list_view, name="segment-list"),
    path("segments/new/", segments.segment_edit_view, name="segment-new"),
    path("segments/preview/", segments.segment_preview_view, name="segment-preview"),
    path("segments/<str:uid>/", segments.segment_edit_view, name="segment-edit"),
    path("segments/<str:uid>/delete/", segments.segment_delete_view, name="segment-delete"),
    path("organizations/", organizations.organization_list_view, name="organization-list"),
    path("organizations/new/", organizations.organization_edit_view, name="organization-new"),
    path(
        "organizations/<str:uid>/",
        organizations.organization_detail_view,
        name="organization-detail",
    ),
    path(
        "organizations/<str:uid>/edit/",
        organizations.organization_edit_view,
        name="organization-edit",
    ),
    path("<str:uid>/", customers.customer_detail_view, name="customer-detail"),
    path("<str:uid>/edit/", customers.customer_edit_view, name="customer-edit"),
    path("<str:uid>/merge/", customers.customer_merge_view, name="customer-merge"),
]
