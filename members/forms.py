from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from core.forms import SafeImageField, VersionedInlineFormSet, VersionedModelForm
from core.models import Province, Theme

from .models import Contact, MembershipApplication, Organization


class OrganizationProfileForm(VersionedModelForm):
    """What a representative keeps current. Status and slug stay with staff."""

    class Meta:
        model = Organization
        fields = [
            "name_en",
            "name_km",
            "acronym",
            "logo",
            "description_en",
            "description_km",
            "website",
            "email",
            "phone",
            "address",
            "head_office_province",
            "provinces",
            "themes",
            "founded_year",
            "registration_number",
        ]
        field_classes = {"logo": SafeImageField}
        labels = {
            "name_en": _("Name in English"),
            "name_km": _("Name in Khmer"),
            "description_en": _("Description in English"),
            "description_km": _("Description in Khmer"),
        }
        widgets = {
            "provinces": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "description_en": forms.Textarea(attrs={"rows": 8}),
            "description_km": forms.Textarea(attrs={"rows": 8, "lang": "km"}),
            "name_km": forms.TextInput(attrs={"lang": "km"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_en"].required = True
        self.fields["provinces"].queryset = Province.objects.all()
        self.fields["themes"].queryset = Theme.objects.all()


ContactFormSet = forms.inlineformset_factory(
    Organization,
    Contact,
    formset=VersionedInlineFormSet,
    fields=["name", "sex", "position", "phone", "email", "is_public"],
    extra=1,
    can_delete=True,
)


class MembershipApplicationForm(forms.ModelForm):
    """The public application: the organisation, its contact and an account."""

    # Never checked against existing accounts here: the answer must not tell
    # who has one (services.create_applicant_account).
    account_email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("You will sign in with it; we send a link to confirm it."),
    )
    password1 = forms.CharField(
        label=_("Choose a password"), widget=forms.PasswordInput, strip=False
    )
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput, strip=False
    )
    # A field people never see; bots fill it in.
    website_url = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = MembershipApplication
        fields = [
            "name_en",
            "name_km",
            "acronym",
            "kind",
            "website",
            "head_office_province",
            "provinces",
            "themes",
            "description",
            "founded_year",
            "registration_number",
            "contact_name",
            "contact_sex",
            "contact_position",
            "contact_phone",
            "contact_email",
        ]
        widgets = {
            "provinces": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "name_km": forms.TextInput(attrs={"lang": "km"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            c
            for c in self.fields["kind"].choices
            if c[0]
            not in (Organization.Kind.GOVERNMENT, Organization.Kind.DEVELOPMENT_PARTNER)
        ]

    ACCOUNT_FIELDS = ("account_email", "password1", "password2")

    def fieldset(self, kind):
        """The bound fields of one part of the form: organisation, contact, account."""
        names = {
            "contact": [n for n in self.fields if n.startswith("contact_")],
            "account": [n for n in self.ACCOUNT_FIELDS if n in self.fields],
        }
        names["organisation"] = [
            n
            for n in self.fields
            if n not in names["contact"] + names["account"] + ["website_url"]
        ]
        return [self[name] for name in names[kind]]

    def organisation_fields(self):
        return self.fieldset("organisation")

    def contact_fields(self):
        return self.fieldset("contact")

    def account_fields(self):
        return self.fieldset("account")

    def clean_website_url(self):
        if self.cleaned_data["website_url"]:
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            user = get_user_model()(email=cleaned.get("account_email", ""))
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SignedInApplicationForm(MembershipApplicationForm):
    """The same application for someone who already has an account."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("account_email", "password1", "password2"):
            del self.fields[name]

    def clean(self):
        return forms.ModelForm.clean(self)


class DeclineApplicationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the applicant."),
    )
