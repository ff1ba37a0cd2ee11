"""The link to a person's sign-in methods, on their account page (Account, More actions)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks


@hooks.register("register_account_menu_item")
def sign_in_methods(request):
    return {
        "url": reverse("two_factor_methods"),
        "label": _("Sign-in methods"),
        "help_text": _(
            "Your second factor: passkeys, an authenticator app and recovery codes. Add, "
            "replace or remove them."
        ),
    }
