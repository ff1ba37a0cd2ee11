from django.test import Client
from django.urls import path

import pytest

from lantern import urls as site_urls


def broken(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken), *site_urls.urlpatterns]
handler500 = site_urls.handler500


@pytest.mark.urls("tests.lantern.test_errors")
def test_server_error_page_keeps_quick_exit_and_112(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    body = response.content.decode()
    assert 'href="tel:112"' in body
    assert f'href="{settings.LANTERN_DEFAULT_QUICK_EXIT_URL}"' in body
    assert "data-quick-exit" in body
