from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    """Installed only so that Wagtail finds its hooks (wagtail_hooks.py); it has no models."""

    name = "lantern.two_factor"
    label = "lantern_two_factor"
    verbose_name = "Lantern two-factor sign-in"
