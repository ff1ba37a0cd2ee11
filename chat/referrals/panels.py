"""The caseworkers' panel on the admin dashboard: new leads, and the open leads assigned to
the signed-in caseworker. It names leads by number and by codes (urgency, form, language),
never by what the visitor said."""

from __future__ import annotations

from django.urls import reverse

from wagtail.admin.ui.components import Component

from . import queue

PANEL_ROWS = 10


class ReferralQueuePanel(Component):
    name = "referral_queue"
    template_name = "referrals/home_panel.html"
    order = 50

    class Media:
        css = {"all": ["referrals/queue.css"]}

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        new = list(queue.new_leads()[: PANEL_ROWS + 1])
        context.update(
            new_leads=new[:PANEL_ROWS],
            more_new=len(new) > PANEL_ROWS,
            new_count=queue.count_new() if len(new) > PANEL_ROWS else len(new),
            my_leads=list(queue.open_leads_of(self.request.user)[:PANEL_ROWS]),
            queue_url=reverse("referral_queue:index"),
            new_url=reverse("referral_queue:index") + "?status=new",
        )
        return context
