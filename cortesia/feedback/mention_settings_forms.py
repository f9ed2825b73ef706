"""The forms of the mention source settings pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cortesia.feedback.models import MentionSource


class SourceForm(forms.Form):
    name = forms.CharField(
        label=_("name"),
        max_length=100,
        help_text=_("How staff recognise the source, e.g. “Google reviews, Milan shop”."),
    )
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=MentionSource.Kind.choices,
        help_text=_(
            "Handles of this kind are matched against the customers' external ids of the same kind."
        ),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, with the columns external_id, text and published_at, and optionally url, "
            "author_handle, author_name, author_email, rating and rating_max."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
