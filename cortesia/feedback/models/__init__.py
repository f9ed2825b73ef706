"""The feedback app's tables: surveys and their texts, invitations and responses, social
mentions and their sources, and the business's feedback settings."""

from cortesia.feedback.models.invitations import (
    InvitationState,
    SuppressedReason,
    SurveyInvitation,
    SurveyResponse,
)
from cortesia.feedback.models.mentions import (
    FrustrationLevel,
    Mention,
    MentionDelivery,
    MentionSource,
)
from cortesia.feedback.models.settings import FeedbackSettings
from cortesia.feedback.models.surveys import (
    QuestionKind,
    Survey,
    SurveyChannel,
    SurveyKind,
    SurveyQuestion,
    SurveyText,
    SurveyTrigger,
)

__all__ = [
    "FeedbackSettings",
    "FrustrationLevel",
    "InvitationState",
    "Mention",
    "MentionDelivery",
    "MentionSource",
    "QuestionKind",
    "SuppressedReason",
    "Survey",
    "SurveyChannel",
    "SurveyInvitation",
    "SurveyKind",
    "SurveyQuestion",
    "SurveyResponse",
    "SurveyText",
    "SurveyTrigger",
]
