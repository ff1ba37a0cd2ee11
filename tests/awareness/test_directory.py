"""The help directory: Latvia's local governments by planning region, the public page's filters
(by place and by kind, in every language, with a plain GET form), bad filter values, and the
page cache (filtered listings are never served from it; editing a service clears it)."""

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext

from wagtail.models import Page

import pytest

from awareness import directory, models
from tests.awareness.factories import LANGUAGES, make_page, make_service
from tests.html import parse

pytestmark = pytest.mark.django_db

STATE_CITIES = {"riga", "jurmala", "liepaja", "ventspils", "jelgava", "daugavpils", "rezekne"}


@pytest.fixture
def services(db):
    """The tests' own services, instead of the demo's."""
    models.HelpService.objects.all().delete()
    return {
        "tukums": make_service("ttuk", area="tukums", kind="shelter", phone="8000 0090"),
        "kurzeme": make_service("tkur", area="region-kurzeme", kind="medical", phone="8000 0091"),
        "country": make_service("tcty", kind="legal_aid", phone="8000 0092", anonymous=True),
        "riga": make_service("trig", area="riga", kind="shelter", phone="8000 0093"),
        "talsi": make_service("ttal", area="talsi", kind="police", phone="8000 0094"),
        "latgale": make_service("tlat", area="region-latgale", kind="ngo", phone="+371 8000 0095"),
    }


@pytest.fixture
def directory_page(tree):
    return make_page(tree.home, models.HelpDirectoryPage, "tdir")


def path(page: Page, language: str, query: str = "") -> str:
    with translation.override(language):
        return page.url + (f"?{query}" if query else "")


def names(html) -> list[str]:
    return [h3.get_text(strip=True) for h3 in html.select("main .service__name")]


def groups(html) -> list[tuple[str, list[str]]]:
    """(heading, service names) for each group of results, in order."""
    return [
        (
            heading.get_text(strip=True),
            [h3.get_text(strip=True) for h3 in heading.find_next_sibling("ul").select("h3")],
        )
        for heading in html.select("main h2.directory-results__group")
    ]


def label(language: str, text) -> str:
    """`text` (a lazy label, or a msgid) as `language` shows it."""
    with translation.override(language):
        return str(text) if isinstance(text, Promise) else gettext(text)


# --- Latvia's local governments -----------------------------------------------------------


def test_forty_two_local_governments_in_five_planning_regions():
    """Since 1 July 2025: 7 state cities and 35 municipalities (Varakļāni joined Madona)."""
    assert len(directory.REGION_OF) == 42
    assert set(directory.REGION_OF) >= STATE_CITIES
    assert "varaklani" not in directory.REGION_OF
    assert {r.value for r in directory.Region} == {
        "riga",
        "vidzeme",
        "kurzeme",
        "zemgale",
        "latgale",
    }
    counts = {region: len(places) for region, places in directory.MUNICIPALITIES.items()}
    assert counts == {"riga": 9, "vidzeme": 10, "kurzeme": 8, "zemgale": 6, "latgale": 9}
    # Regulation No. 418: Tukums is in Kurzeme; Limbaži, Ogre and Saulkrasti in Vidzeme.
    assert directory.REGION_OF["tukums"] == "kurzeme"
    for code in ("limbazi", "ogre", "saulkrasti"):
        assert directory.REGION_OF[code] == "vidzeme"


def test_a_place_lists_exactly_the_services_that_say_they_are_listed_there():
    """The public filter (areas_shown_for) and the console's (places_showing) agree."""
    for place in directory.FILTER_CODES:
        shown = directory.areas_shown_for(place)
        for area in directory.AREA_CODES:
            places = directory.places_showing(area)
            assert (area in shown) == (places is None or place in places), (place, area)


def test_every_area_has_a_label_in_every_language():
    for language in LANGUAGES:
        with translation.override(language):
            labels = [directory.area_label(area) for area in directory.AREA_CODES]
        assert all(labels)
        assert len(set(labels)) == len(labels), language


# --- Filters --------------------------------------------------------------------------------


def test_a_municipality_shows_its_own_then_its_regions_then_the_whole_countrys(
    client, services, directory_page
):
    html = parse(client.get(path(directory_page, "lv", "area=tukums")))

    assert groups(html) == [
        (label("lv", directory.MUNICIPALITY_NAMES["tukums"]), ["ttuk LV service"]),
        (label("lv", directory.Region.KURZEME.label), ["tkur LV service"]),
        (label("lv", "Across Latvia"), ["tcty LV service"]),
    ]
    assert html.select_one("#directory-area option[selected]")["value"] == "tukums"


def test_a_region_shows_all_of_its_municipalities_in_russian(client, services, directory_page):
    html = parse(client.get(path(directory_page, "ru", "area=region-kurzeme")))

    assert sorted(names(html)) == [
        "tcty RU service",
        "tkur RU service",
        "ttal RU service",
        "ttuk RU service",
    ]
    assert html.find("html")["lang"] == "ru"


def test_filter_by_kind_in_russian(client, services, directory_page):
    html = parse(client.get(path(directory_page, "ru", "kind=shelter")))

    assert sorted(names(html)) == ["trig RU service", "ttuk RU service"]


def test_place_and_kind_together_in_latvian(client, services, directory_page):
    html = parse(client.get(path(directory_page, "lv", "area=region-kurzeme&kind=police")))

    assert names(html) == ["ttal LV service"]


def test_no_filter_lists_every_service_by_region_then_the_whole_country(
    client, services, directory_page
):
    html = parse(client.get(path(directory_page, "en")))

    assert groups(html) == [
        ("Rīga region", ["trig EN service"]),
        ("Kurzeme", ["tkur EN service", "ttal EN service", "ttuk EN service"]),
        ("Latgale", ["tlat EN service"]),
        ("Across Latvia", ["tcty EN service"]),
    ]


def test_whole_country_services_show_under_every_place(client, services, directory_page):
    for place in ("riga", "region-vidzeme", "augsdaugava", "jelgava-municipality"):
        assert "tcty UK service" in names(
            parse(client.get(path(directory_page, "uk", f"area={place}")))
        )


def test_each_service_has_a_call_link_and_its_hours(client, services, directory_page):
    html = parse(client.get(path(directory_page, "uk")))

    cards = html.select("main li.service")
    assert len(cards) == len(services)
    for card in cards:
        key = card.select_one(".service__name").get_text(strip=True).split()[0]
        phone = card.select_one("a.service__phone")
        assert phone["href"].startswith("tel:")
        assert phone["href"].removeprefix("tel:").lstrip("+").isdigit()
        assert f"{key} UK hours" in card.get_text()
    latgale = next(c for c in cards if "tlat" in c.get_text())
    assert latgale.select_one("a.service__phone")["href"] == "tel:+37180000095"
    anonymous = [c for c in cards if c.select_one(".service__anonymous")]
    assert [c.select_one(".service__name").get_text(strip=True) for c in anonymous] == [
        "tcty UK service"
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_filter_is_a_plain_get_form_in_every_language(client, directory_page, language):
    page_path = path(directory_page, language)
    html = parse(client.get(page_path))

    form = html.select_one("main form.directory-filter")
    assert form["method"] == "get"
    assert form["action"] == page_path
    assert form.select_one("button[type=submit]") is not None
    area = form.select_one("select[name=area]")
    with translation.override(language):
        regions = [str(region.label) for region in directory.Region]
    assert [group["label"] for group in area.select("optgroup")] == regions
    values = [option["value"] for option in area.select("option")]
    assert set(values) == {"", *directory.FILTER_CODES}
    assert len(values) == 1 + 5 + 42
    kinds = [option["value"] for option in form.select("select[name=kind] option")]
    assert kinds == ["", *directory.ServiceKind.values]
    for select in form.select("select"):
        assert html.select_one(f"label[for={select['id']}]") is not None


def test_unknown_filter_values_are_reported_and_everything_is_listed(
    client, services, directory_page
):
    response = client.get(path(directory_page, "lv", "area=atlantis&kind=<script>x</script>"))

    html = parse(response)
    errors = html.select("main .directory-filter__error")
    assert len(errors) == 2
    assert html.select_one("#directory-area")["aria-invalid"] == "true"
    assert html.select_one("#directory-area")["aria-describedby"] == errors[0]["id"]
    assert len(names(html)) == len(services)
    assert "<script>x" not in response.content.decode()


def test_one_bad_value_keeps_the_other_filter(client, services, directory_page):
    html = parse(client.get(path(directory_page, "en", "area=nowhere&kind=police")))

    assert names(html) == ["ttal EN service"]
    assert len(html.select("main .directory-filter__error")) == 1


@pytest.mark.parametrize(
    "query",
    [
        "area=",
        "area=riga&area=tukums",
        "kind=" + "x" * 5000,
        "area=%00",
        "page=abc",
        "area=country",
    ],
)
def test_odd_queries_never_fail(client, services, directory_page, query):
    assert client.get(path(directory_page, "en", query)).status_code == 200


def test_no_match_says_what_to_do(client, services, directory_page):
    html = parse(client.get(path(directory_page, "en", "area=riga&kind=consulate")))

    assert names(html) == []
    assert "call the hotline" in html.select_one("main .directory-results .notice").get_text()


# --- Page cache -----------------------------------------------------------------------------


def test_filtered_listings_are_never_served_from_the_cache(client, services, directory_page):
    filtered = path(directory_page, "en", "area=tukums")
    first = client.get(filtered)
    # A new service written without signals (as another process might): a cached copy would
    # not show it.
    models.HelpService.objects.bulk_create(
        [
            models.HelpService(
                name_lv="tnew",
                name_en="tnew EN service",
                kind="ngo",
                area="tukums",
                phone="8000 0089",
                hours_lv="h",
            )
        ]
    )
    second = client.get(filtered)

    assert "X-Cache" not in first and "X-Cache" not in second
    assert "tnew EN service" in names(parse(second))


def test_the_unfiltered_listing_is_cached_and_a_saved_service_clears_it(
    client, services, directory_page
):
    plain = path(directory_page, "en")
    assert client.get(plain)["X-Cache"] == "miss"
    assert client.get(plain)["X-Cache"] == "hit"

    service = services["riga"]
    service.name_en = "Renamed EN service"
    service.save()

    response = client.get(plain)
    assert response["X-Cache"] == "miss"
    assert "Renamed EN service" in names(parse(response))


def test_a_deleted_service_clears_the_cache(client, services, directory_page):
    plain = path(directory_page, "ru")
    client.get(plain)
    assert client.get(plain)["X-Cache"] == "hit"

    services["talsi"].delete()

    assert "ttal RU service" not in names(parse(client.get(plain)))
