from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import SafeImageField

from .models import CaseStudyPhoto, ProgressUpdate, RespondentGroup

NOT_NEGATIVE = {"min_value": _("Numbers of respondents cannot be negative.")}


class RespondentGroupForm(forms.ModelForm):
    """Explains a negative number in the words of the database constraint,
    rather than Django's "greater than or equal to 0"."""

    class Meta:
        model = RespondentGroup
        fields = ["method", "description", "sessions", "female", "male", "other"]
        error_messages = {
            "female": NOT_NEGATIVE,
            "male": NOT_NEGATIVE,
            "other": NOT_NEGATIVE,
            "sessions": {"min_value": _("The number of sessions cannot be negative.")},
        }


class CaseStudyPhotoForm(forms.ModelForm):
    """Photos are re-encoded without metadata by core.images."""

    class Meta:
        model = CaseStudyPhoto
        fields = ["image", "caption", "position"]
        field_classes = {"image": SafeImageField}


class ProgressUpdateForm(forms.ModelForm):
    class Meta:
        model = ProgressUpdate
        fields = ["status", "date", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
