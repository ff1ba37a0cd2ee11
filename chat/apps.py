from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "chat"
    verbose_name = _("Chat")

    def ready(self) -> None:
        # The conversations' keys (registered with chat.crypto); consoles learn of permission
        # changes at once.
        from . import keyring, signals  # noqa: F401
