"""The demo site's text, in lv, en, ru and uk. See the package docstring."""

import datetime

QUICK_EXIT_URL = "https://www.google.com/search?q=weather+riga"
MAIN_HOTLINE = "lantern"

HOTLINES = {
    "lantern": {
        "number": "8000 0001",
        "is_free": True,
        "sort_order": 0,
        "name": {
            "lv": "Lantern uzticības tālrunis",
            "en": "Lantern helpline",
            "ru": "Линия доверия Lantern",
            "uk": "Лінія довіри Lantern",
        },
        "hours": {
            "lv": "P.–Pk. 9:00–20:00",
            "en": "Mon–Fri 9:00–20:00",
            "ru": "Пн–Пт 9:00–20:00",
            "uk": "Пн–Пт 9:00–20:00",
        },
        "languages": {
            "lv": "latviešu, krievu, angļu",
            "en": "Latvian, Russian, English",
            "ru": "латышский, русский, английский",
            "uk": "латиська, російська, англійська",
        },
        "description": {
            "lv": "Demonstrācijas numurs (izdomāts).",
            "en": "Demo number (fictitious).",
            "ru": "Демонстрационный номер (вымышленный).",
            "uk": "Демонстраційний номер (вигаданий).",
        },
    },
}

CHAT_HOURS = [(weekday, datetime.time(10, 0), datetime.time(20, 0)) for weekday in range(5)]

STAFF = [
    ("admin", None, True),
    ("editor", "Editors", False),
    ("moderator", "Moderators", False),
]

HOME = {
    "slug": {"lv": "sakums", "en": "home", "ru": "glavnaya", "uk": "holovna"},
    "title": {"lv": "Lantern", "en": "Lantern", "ru": "Lantern", "uk": "Lantern"},
    "introduction": {"lv": "Ievads", "en": "Introduction", "ru": "Введение", "uk": "Вступ"},
    "body": {},
}

CAMPAIGN_INDEX = {
    "slug": {"lv": "kampanas", "en": "campaigns", "ru": "kampanii", "uk": "kampanii"},
    "title": {"lv": "Kampaņas", "en": "Campaigns", "ru": "Кампании", "uk": "Кампанії"},
    "fields": {"show_in_menus": True},
}

CAMPAIGNS = [
    {
        "slug": {"lv": "darbs-arzemes", "en": "work-abroad", "ru": "rabota-za-granitsei"},
        "title": {"lv": "Darbs ārzemēs", "en": "Work abroad", "ru": "Работа за границей"},
        "introduction": {"lv": "Pirms brauc", "en": "Before you go", "ru": "Прежде чем ехать"},
        "fields": {"audience": "labour_migrants", "forms_of_exploitation": ["labour"]},
        "body": {
            "lv": [{"type": "paragraph", "value": "<p>Teksts</p>"}],
            "en": [
                {"type": "paragraph", "value": "<p>Text</p>"},
                {
                    "type": "call_to_action",
                    "value": {
                        "action": "hotline",
                        "heading": "Call",
                        "text": "",
                        "button_label": "",
                        "hotline": "lantern",
                        "page": None,
                    },
                },
            ],
            "ru": [{"type": "paragraph", "value": "<p>Текст о работе</p>"}],
        },
    },
]

HELP = {
    "slug": {"lv": "ka-darbojas-palidziba", "en": "how-help-works"},
    "title": {"lv": "Kā darbojas palīdzība", "en": "How help works"},
    "fields": {"show_in_menus": True},
}
SAFETY = {
    "slug": {"lv": "drosiba", "en": "cover-your-tracks"},
    "title": {"lv": "Drošība internetā", "en": "Cover your tracks"},
    "fields": {"show_in_menus": True},
}
NEWS_INDEX = {
    "slug": {"lv": "jaunumi", "en": "news"},
    "title": {"lv": "Jaunumi", "en": "News"},
    "fields": {"show_in_menus": True},
}
ARTICLES = [
    {
        "slug": {"lv": "plans-2021-2023", "en": "plan-2021-2023"},
        "title": {"lv": "Plāns", "en": "Plan"},
        "fields": {"date": datetime.date(2021, 9, 30)},
    },
]
