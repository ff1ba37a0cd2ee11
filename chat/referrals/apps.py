from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "chat.referrals"
    label = "referrals"
    verbose_name = _("Referral queue")

    def ready(self):
        from . import stats_hooks  # noqa: F401 - registers the statistics' admin hooks
