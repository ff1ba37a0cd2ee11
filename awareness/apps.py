from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwarenessConfig(AppConfig):
    name = "awareness"
    verbose_name = _("Awareness")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the page-cache invalidation)
