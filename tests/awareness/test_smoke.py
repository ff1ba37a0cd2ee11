import pytest

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_latvian(client):
    response = client.get("/lv/")
    assert response.status_code == 200
    assert b'<html lang="lv">' in response.content
