from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

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
