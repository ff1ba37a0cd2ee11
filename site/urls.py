from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.static import serve as serve_media

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from awareness import views as awareness_views
from chat import views as chat_views
from chat.referrals import views as referral_views
from lantern import sessions as staff_sessions
from lantern.two_factor import methods as two_factor_methods
from lantern.two_factor import passkeys
from lantern.two_factor import views as two_factor_views
from lantern.two_factor.signin import SignInView

handler500 = "lantern.views.server_error"

urlpatterns = [
    # Wagtail's sign-in view, under its own name, also giving the browser its device cookie.
    path("admin/login/", SignInView.as_view(), name="wagtailadmin_login"),
    path("admin/two-factor/", two_factor_views.verify, name="two_factor_verify"),
    path("admin/two-factor/setup/", two_factor_views.setup, name="two_factor_setup"),
    path("admin/two-factor/confirm/", two_factor_views.confirm, name="two_factor_confirm"),
    path("admin/two-factor/methods/", two_factor_methods.methods, name="two_factor_methods"),
    path(
        "admin/two-factor/methods/authenticator/",
        two_factor_methods.authenticator,
        name="two_factor_authenticator",
    ),
    path(
        "admin/two-factor/methods/recovery-codes/",
        two_factor_methods.recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path(
        "admin/two-factor/methods/<slug:kind>/<int:pk>/remove/",
        two_factor_methods.remove,
        name="two_factor_remove",
    ),
    path(
        "admin/two-factor/passkey/register/begin/",
        passkeys.BeginRegistration.as_view(),
        name="two_factor_passkey_register_begin",
    ),
    path(
        "admin/two-factor/passkey/register/complete/",
        passkeys.CompleteRegistration.as_view(),
        name="two_factor_passkey_register_complete",
    ),
    path(
        "admin/two-factor/passkey/authenticate/begin/",
        passkeys.BeginAuthentication.as_view(),
        name="two_factor_passkey_authenticate_begin",
    ),
    path(
        "admin/two-factor/passkey/authenticate/complete/",
        passkeys.CompleteAuthentication.as_view(),
        name="two_factor_passkey_authenticate_complete",
    ),
    # The staff session's deadlines (GET) and "stay signed in" (POST): lantern.sessions.
    path("admin/session/", staff_sessions.status, name="lantern_staff_session"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", awareness_views.robots_txt, name="robots_txt"),
    path("chat/availability/", chat_views.availability, name="chat_availability"),
]

if settings.DEBUG:
    urlpatterns += [
        path("media/<path:path>", serve_media, {"document_root": settings.MEDIA_ROOT}),
    ]

# Every public page lives under its language's prefix: /lv/, /en/, /ru/, /uk/.
urlpatterns += i18n_patterns(
    path("search/", awareness_views.search, name="search"),
    path("withdraw/", referral_views.withdraw, name="withdraw"),
    path("return/", referral_views.come_back, name="come_back"),
    path("report/", referral_views.report_concern, name="report_concern"),
    # Wagtail's own sign-in form for restricted pages would check passwords without the
    # throttle, the proof of work and the second factor: everybody signs in at the admin's.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="wagtailadmin_login", query_string=True),
        name="wagtailcore_login",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
