from __future__ import annotations

from django.urls import path

from cortesia.customers import views

app_name = "customers"

urlpatterns = [
    path("", views.customer_list_view, name="customer-list"),
    path("<str:uid>/", views.customer_detail_view, name="customer-detail"),
]
