from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import SafeImageField

from .models import ActivityPhoto, NewsPost, Project, Registration


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["participant_name", "sex", "position", "phone", "email"]
        widgets = {
            "participant_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }


class BaseParticipantFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        names = [
            form.cleaned_data["participant_name"].strip().casefold()
            for form in self.forms
            if form.has_changed() and form.cleaned_data.get("participant_name")
        ]
        if not names:
            raise forms.ValidationError(
                _("Enter at least one participant."), code="empty"
            )
        if len(names) != len(set(names)):
            raise forms.ValidationError(
                _("The same person is listed twice."), code="duplicate"
            )

    @property
    def participants(self):
        """The filled-in rows as dicts, for services.register_participants."""
        return [
            {name: form.cleaned_data[name] for name in ParticipantForm.Meta.fields}
            for form in self.forms
            if form.has_changed()
        ]


ParticipantFormSet = forms.modelformset_factory(
    Registration,
    form=ParticipantForm,
    formset=BaseParticipantFormSet,
    extra=3,
    max_num=20,
    validate_max=True,
)


class OrganizationChoiceForm(forms.Form):
    """Which of the representative's organisations registers (when several)."""

    organization = forms.ModelChoiceField(
        queryset=None, label=_("Registering for"), empty_label=None
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class DonorReportForm(forms.Form):
    project = forms.ModelChoiceField(
        queryset=Project.objects.all(),
        required=False,
        empty_label=_("All projects"),
        label=_("Project"),
        to_field_name="slug",
    )
    start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    @classmethod
    def initial_period(cls):
        today = timezone.localdate()
        return {"start": today.replace(month=1, day=1), "end": today}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must be on or after the start."))
        return cleaned


class ActivityPhotoAdminForm(forms.ModelForm):
    """Photos are re-encoded without metadata by core.images."""

    class Meta:
        model = ActivityPhoto
        fields = ["image", "caption", "position"]
        field_classes = {"image": SafeImageField}


class NewsPostAdminForm(forms.ModelForm):
    class Meta:
        model = NewsPost
        fields = ["title", "slug", "summary", "body", "cover_image", "status"]
        field_classes = {"cover_image": SafeImageField}
