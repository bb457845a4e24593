"""Password reset by mail, throttled, with the mail sent in the background.

The request only records itself and enqueues a task: looking the account up, making the link
and talking to the mail server happen in the worker, so the answer takes as long and reads the
same whether or not the address belongs to an account. A client address may ask
PASSWORD_RESET_PER_ADDRESS times an hour (then it is told to wait), an account receives at most
PASSWORD_RESET_PER_ACCOUNT mails an hour (further requests get the usual answer, and no mail,
so the limit tells nothing about the account).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django_tasks import task

from .clients import client_address
from .models import PasswordResetRequest

WINDOW = timedelta(hours=1)


@task()
def send_password_reset(*, email: str, domain: str, use_https: bool) -> None:
    """Django's reset mail to every active account with this address (none if there is none)."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https)


@transaction.atomic
def password_reset_request(*, email: str, address: str, domain: str, use_https: bool) -> bool:
    """Record a request and enqueue its mail; False if the address has asked too often.

    Counted in the database, so the limits hold across gunicorn's processes; SQLite's
    immediate transactions make the count and the insert one step there.
    """
    since = timezone.now() - WINDOW
    PasswordResetRequest.objects.filter(requested_at__lt=since).delete()
    if (
        PasswordResetRequest.objects.filter(address=address).count()
        >= settings.PASSWORD_RESET_PER_ADDRESS
    ):
        return False
    email = email.strip().lower()
    mails_left = (
        PasswordResetRequest.objects.filter(email=email).count()
        < settings.PASSWORD_RESET_PER_ACCOUNT
    )
    PasswordResetRequest.objects.create(address=address, email=email)
    if mails_left:
        send_password_reset.enqueue(email=email, domain=domain, use_https=use_https)
    return True


class ThrottledPasswordResetView(PasswordResetView):
    def form_valid(self, form):
        accepted = password_reset_request(
            email=form.cleaned_data["email"],
            address=client_address(self.request),
            domain=self.request.get_host(),
            use_https=self.request.is_secure(),
        )
        if not accepted:
            return render(self.request, "registration/password_reset_throttled.html", status=429)
        return HttpResponseRedirect(self.get_success_url())
