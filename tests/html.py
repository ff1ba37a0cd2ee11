"""Reading HTML responses in tests."""

from bs4 import BeautifulSoup


def parse(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")
