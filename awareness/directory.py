"""The help directory's vocabulary: kinds of service, Latvia's planning regions and local
governments, and which services a place's filter shows.

Local governments as they are since 1 July 2025 (the Law on Administrative Territories and
Populated Areas): the 2021 reform made 43 — 7 state cities with their own government and 36
municipalities (novadi) — and Varakļāni municipality joined Madona municipality after the 2025
local elections, which leaves 42. The other three state cities (Jēkabpils, Ogre, Valmiera) are
part of the municipality of the same name. Planning regions as in Cabinet Regulation No. 418
(2021): Tukums belongs to Kurzeme; Limbaži, Ogre and Saulkrasti to Vidzeme.

A service is for one local government, a whole planning region, or the whole country. A person
narrows by region first; a place's listing also shows the services for its whole region and for
the whole country.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

COUNTRY = "country"
REGION_PREFIX = "region-"


class ServiceKind(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    SOCIAL_SERVICE = "social_service", _("Social service")
    LEGAL_AID = "legal_aid", _("Legal aid")
    MEDICAL = "medical", _("Medical help")
    POLICE = "police", _("Police")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour inspectorate")
    EMPLOYMENT_AGENCY = "employment_agency", _("Employment agency")
    NGO = "ngo", _("Non-governmental organisation")
    CONSULATE = "consulate", _("Consulate")


class Region(models.TextChoices):
    RIGA = "riga", _("Rīga region")
    VIDZEME = "vidzeme", _("Vidzeme")
    KURZEME = "kurzeme", _("Kurzeme")
    ZEMGALE = "zemgale", _("Zemgale")
    LATGALE = "latgale", _("Latgale")


# (code, name) by planning region; state cities first, then municipalities, alphabetically.
MUNICIPALITIES: dict[str, list[tuple[str, str]]] = {
    Region.RIGA: [
        ("riga", _("Rīga")),
        ("jurmala", _("Jūrmala")),
        ("adazi", _("Ādaži municipality")),
        ("kekava", _("Ķekava municipality")),
        ("marupe", _("Mārupe municipality")),
        ("olaine", _("Olaine municipality")),
        ("ropazi", _("Ropaži municipality")),
        ("salaspils", _("Salaspils municipality")),
        ("sigulda", _("Sigulda municipality")),
    ],
    Region.VIDZEME: [
        ("aluksne", _("Alūksne municipality")),
        ("cesis", _("Cēsis municipality")),
        ("gulbene", _("Gulbene municipality")),
        ("limbazi", _("Limbaži municipality")),
        ("madona", _("Madona municipality")),
        ("ogre", _("Ogre municipality")),
        ("saulkrasti", _("Saulkrasti municipality")),
        ("smiltene", _("Smiltene municipality")),
        ("valka", _("Valka municipality")),
        ("valmiera", _("Valmiera municipality")),
    ],
    Region.KURZEME: [
        ("liepaja", _("Liepāja")),
        ("ventspils", _("Ventspils")),
        ("dienvidkurzeme", _("South Kurzeme municipality")),
        ("kuldiga", _("Kuldīga municipality")),
        ("saldus", _("Saldus municipality")),
        ("talsi", _("Talsi municipality")),
        ("tukums", _("Tukums municipality")),
        ("ventspils-municipality", _("Ventspils municipality")),
    ],
    Region.ZEMGALE: [
        ("jelgava", _("Jelgava")),
        ("aizkraukle", _("Aizkraukle municipality")),
        ("bauska", _("Bauska municipality")),
        ("dobele", _("Dobele municipality")),
        ("jelgava-municipality", _("Jelgava municipality")),
        ("jekabpils", _("Jēkabpils municipality")),
    ],
    Region.LATGALE: [
        ("daugavpils", _("Daugavpils")),
        ("rezekne", _("Rēzekne")),
        ("augsdaugava", _("Augšdaugava municipality")),
        ("balvi", _("Balvi municipality")),
        ("kraslava", _("Krāslava municipality")),
        ("livani", _("Līvāni municipality")),
        ("ludza", _("Ludza municipality")),
        ("preili", _("Preiļi municipality")),
        ("rezekne-municipality", _("Rēzekne municipality")),
    ],
}

REGION_OF: dict[str, str] = {
    code: region for region, places in MUNICIPALITIES.items() for code, _name in places
}
MUNICIPALITY_NAMES = {code: name for places in MUNICIPALITIES.values() for code, name in places}


def region_area(region: str) -> str:
    return REGION_PREFIX + region


def _whole_region_label(region: str) -> str:
    return _("%(region)s: whole region") % {"region": Region(region).label}


whole_region_label = lazy(_whole_region_label, str)


def area_choices() -> list:
    """For a service's `area`: the whole country, then each planning region (the region as a
    whole, then its local governments)."""
    return [
        (COUNTRY, _("Whole country")),
        *(
            (
                region.label,
                [(region_area(region), whole_region_label(region)), *MUNICIPALITIES[region]],
            )
            for region in Region
        ),
    ]


def filter_choices() -> list:
    """For the directory's place filter: the same regions and places, without "whole country"
    (services for the whole country show under every place)."""
    return area_choices()[1:]


AREA_CODES = frozenset([COUNTRY, *(region_area(r) for r in Region), *REGION_OF])
FILTER_CODES = AREA_CODES - {COUNTRY}


def area_label(area: str) -> str:
    if area == COUNTRY:
        return str(_("Whole country"))
    if area.startswith(REGION_PREFIX):
        return str(whole_region_label(area.removeprefix(REGION_PREFIX)))
    return str(MUNICIPALITY_NAMES[area])


def region_of_area(area: str) -> str | None:
    """The planning region an area lies in (None for the whole country)."""
    if area.startswith(REGION_PREFIX):
        return area.removeprefix(REGION_PREFIX)
    return REGION_OF.get(area)


def areas_shown_for(place: str) -> set[str]:
    """The service areas a place's listing shows: for a local government, itself, its region
    as a whole and the whole country; for a region, all of its local governments too."""
    region = region_of_area(place)
    if region is None:
        raise ValueError(f"not a place to filter by: {place!r}")
    areas = {COUNTRY, region_area(region)}
    if place.startswith(REGION_PREFIX):
        areas.update(code for code, _name in MUNICIPALITIES[region])
    else:
        areas.add(place)
    return areas


def places_showing(area: str) -> list[str] | None:
    """The filter values under which a service for `area` is listed; None: under every one
    (a service for the whole country)."""
    region = region_of_area(area)
    if region is None:
        return None
    if area.startswith(REGION_PREFIX):
        return [area, *(code for code, _name in MUNICIPALITIES[region])]
    return [area, region_area(region)]
