from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "chat.referrals"
    label = "referrals"
    verbose_name = _("Referral queue")

    def ready(self):
        from django.db.models.signals import post_delete

        from . import stats_hooks  # noqa: F401 - registers the statistics' admin hooks
        from .keys import destroy_with_lead
        from .models import Lead

        post_delete.connect(destroy_with_lead, sender=Lead, dispatch_uid="lantern-lead-key")
