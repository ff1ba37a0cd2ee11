"""The benchmark's URL conf (`chat.bench.settings`' ROOT_URLCONF): the site's, plus the
trivial view the page benchmark compares the pages with. Production's URL conf
(`lantern.urls`) never has it (tests/bench/test_loadtest.py checks)."""

from django.urls import path

from lantern import urls as site_urls

from .views import TRIVIAL_PATH, trivial

handler500 = site_urls.handler500

urlpatterns = [path(TRIVIAL_PATH, trivial), *site_urls.urlpatterns]
