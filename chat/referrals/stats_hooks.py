"""The coordinators' statistics in the Wagtail admin: URLs and the menu item.

Imported from `ReferralsConfig.ready()` (not a `wagtail_hooks` module of its own, which
Wagtail would not find under this name)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.STATISTICS_PERMISSION)


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [
        path("statistics/", views.statistics, name="referrals_statistics"),
        path("statistics/csv/", views.statistics_csv, name="referrals_statistics_csv"),
    ]


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Statistics"), reverse("referrals_statistics"), icon_name="table", order=700
    )
