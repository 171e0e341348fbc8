from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse

from core import mail
from members.models import RepresentativeInvitation

PENDING_INVITATION = "pending_invitation"


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        """Back to a representative invitation opened before signing in.

        Sign-up, email confirmation and sign-in may take several visits; the
        token waits in the session so the invitee lands where they started.
        """
        token = request.session.get(PENDING_INVITATION)
        if (
            token
            and RepresentativeInvitation.objects.usable().filter(token=token).exists()
        ):
            return reverse("members:invitation-accept", kwargs={"token": token})
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        """Verification, password reset, two-factor notices: queued like every
        email the portal sends (core.mail), never sent inside the request."""
        request = allauth_context.request
        ctx = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        }
        ctx.update(context)
        mail.send_message(self.render_mail(template_prefix, email, ctx))
