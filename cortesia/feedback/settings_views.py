"""The survey settings pages: the list, the definition, the texts grid, the extra
questions, the preview as a customer, switch on/off and delete; and the feedback settings
with the business's contact window. Administrators and managers (``can_manage_surveys``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cortesia.accounts.models import User
from cortesia.accounts.page_guards import page_guard
from cortesia.accounts.selectors import team_choices
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, FieldErrors, NotFound
from cortesia.core.refusals import refusal_on_form
from cortesia.customers.contact_window import contact_policy
from cortesia.customers.segments import segment_list
from cortesia.feedback.models import Survey
from cortesia.feedback.permissions import can_manage_surveys
from cortesia.feedback.settings_access import feedback_settings, feedback_settings_and_window_set
from cortesia.feedback.settings_forms import (
    FeedbackSettingsForm,
    PreviewForm,
    QuestionFormSet,
    SurveyForm,
    SurveyTextsForm,
    questions_initial,
)
from cortesia.feedback.survey_preview import survey_preview
from cortesia.feedback.survey_texts import grid_languages, site_language, survey_text_grid
from cortesia.feedback.surveys import (
    survey_create,
    survey_delete,
    survey_get,
    survey_list,
    survey_questions_save,
    survey_switch,
    survey_texts_save,
    survey_update,
)
from cortesia.feedback.texts import PLACEHOLDERS

View = Callable[..., HttpResponse]


# Refuse (403) whoever may not use these pages; a missing object is a 404.
managers_only = page_guard(can_manage_surveys)


def _form(request: HttpRequest, viewer: User, survey: Survey | None = None) -> SurveyForm:
    return SurveyForm(
        request.POST or None,
        survey=survey,
        teams=team_choices(viewer=viewer),
        segments=segment_list(viewer=viewer),
    )


@require_GET
@managers_only
def survey_list_view(request: HttpRequest) -> HttpResponse:
    surveys = survey_list(actor=Actor.from_request(request))
    return render(request, "feedback/settings/survey_list.html", {"surveys": surveys})


@require_http_methods(["GET", "POST"])
@managers_only
def survey_create_view(request: HttpRequest) -> HttpResponse:
    form = _form(request, staff_user(request))
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            survey = survey_create(data=form.data_for_service(), actor=Actor.from_request(request))
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The survey is saved. Check its texts in each language."))
            return redirect("feedback-settings:survey-texts", uid=survey.uid)
    return render(request, "feedback/settings/survey_edit.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@managers_only
def survey_edit_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    survey = survey_get(actor=actor, uid=uid)
    form = _form(request, staff_user(request), survey=survey)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            survey_update(survey=survey, data=form.data_for_service(), actor=actor)
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The survey is saved."))
            return redirect("feedback-settings:survey-edit", uid=survey.uid)
    context = {"form": form, "survey": survey}
    return render(request, "feedback/settings/survey_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@managers_only
def survey_texts_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    survey = survey_get(actor=actor, uid=uid)
    languages = grid_languages(survey)
    shown = request.GET.get("language", "")
    columns = [shown] if shown in languages else languages
    form = SurveyTextsForm(request.POST or None, grid=survey_text_grid(survey, columns))
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            survey_texts_save(survey=survey, variants=form.variants(), actor=actor)
        except DomainError as error:
            status = form.refuse(error, site_language())
        else:
            messages.success(request, _("The texts are saved."))
            return redirect(request.get_full_path())
    context = {
        "form": form,
        "survey": survey,
        "languages": languages,
        "shown": shown if shown in languages else "",
        "columns": columns,
        "placeholders": sorted(PLACEHOLDERS),
    }
    return render(request, "feedback/settings/survey_texts.html", context, status=status)


@require_http_methods(["GET", "POST"])
@managers_only
def survey_questions_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    survey = survey_get(actor=actor, uid=uid)
    formset = QuestionFormSet(
        request.POST or None, initial=questions_initial(survey, site_language())
    )
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and formset.is_valid():
        questions, texts = formset.questions(site_language())
        try:
            survey_questions_save(survey=survey, questions=questions, texts=texts, actor=actor)
        except DomainError as error:
            status = refusal_on_form(formset.forms[0], error)
        else:
            messages.success(request, _("The questions are saved."))
            return redirect("feedback-settings:survey-questions", uid=survey.uid)
    context = {"formset": formset, "survey": survey, "site_language": site_language()}
    return render(request, "feedback/settings/survey_questions.html", context, status=status)


@require_GET
@managers_only
def survey_preview_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = staff_user(request)
    survey = survey_get(actor=Actor.from_request(request), uid=uid)
    form = PreviewForm(request.GET or None)
    context: dict[str, object] = {"form": form, "survey": survey}
    if form.is_valid():
        try:
            context["preview"] = survey_preview(
                viewer=viewer, survey=survey, reference=form.cleaned_data["customer"]
            )
        except NotFound:
            form.add_error("customer", _("There is no such customer, or you may not see them."))
    return render(request, "feedback/settings/survey_preview.html", context)


@require_POST
@managers_only
def survey_switch_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    survey = survey_get(actor=actor, uid=uid)
    active = request.POST.get("active") == "1"
    try:
        survey_switch(survey=survey, active=active, actor=actor)
    except FieldErrors as error:
        for message in error.errors.values():
            messages.error(request, message)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The survey is switched on.") if active else _("The survey is switched off.")
        )
    return redirect("feedback-settings:survey-list")


@require_http_methods(["GET", "POST"])
@managers_only
def survey_delete_view(request: HttpRequest, uid: str) -> HttpResponse:
    actor = Actor.from_request(request)
    survey = survey_get(actor=actor, uid=uid)
    problem, status = "", 200
    if request.method == "POST":
        try:
            survey_delete(survey=survey, actor=actor)
        except DomainError as error:
            problem, status = error.message, error.status
        else:
            messages.success(request, _("The survey is deleted."))
            return redirect("feedback-settings:survey-list")
    context = {"survey": survey, "problem": problem}
    return render(request, "feedback/settings/survey_delete.html", context, status=status)


@require_http_methods(["GET", "POST"])
@managers_only
def feedback_settings_view(request: HttpRequest) -> HttpResponse:
    initial = FeedbackSettingsForm.initial_of(feedback_settings(), contact_policy())
    form = FeedbackSettingsForm(request.POST or None, initial=initial)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feedback_settings_and_window_set(
                data=form.feedback_data(),
                window_start=data["window_start"],
                window_end=data["window_end"],
                default_time_zone=data["default_time_zone"],
                default_country=data["default_country"],
                actor=Actor.from_request(request),
            )
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The feedback settings are saved."))
            return redirect("feedback-settings:feedback-settings")
    context = {"form": form}
    return render(request, "feedback/settings/feedback_settings.html", context, status=status)
