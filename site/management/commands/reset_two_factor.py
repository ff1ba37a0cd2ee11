"""Remove a staff member's second factors (authenticator app, passkeys, recovery codes), for
example when they lost their phone and their recovery codes.

At their next sign-in they set up a new one (see lantern.two_factor). Each device is deleted
on its own, so that Django's signals fire (the chat closes their sessions' operator sockets).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential


class Command(BaseCommand):
    help = (
        "Remove a staff member's second factors (authenticator app, passkeys, recovery codes) "
        "so that they set up a new one."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        removed = 0
        with transaction.atomic():
            for model in (TOTPDevice, WebAuthnCredential):
                for device in model.objects.filter(user=user):
                    device.delete()
                    removed += 1
            for device in StaticDevice.objects.filter(user=user):
                device.delete()
        self.stdout.write(
            f"Removed {removed} second factor(s) of {username}, and their recovery codes."
        )
