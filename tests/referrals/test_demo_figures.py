"""A demo site's statistics show a year of generated, anonymous figures (`load_demo_content
--figures`), and say everywhere that they are demo data: on the page and in the CSV."""

import csv
import datetime
import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from chat.models import Conversation
from chat.referrals import demo
from chat.referrals.models import DemoFigures, Lead, LeadKey, Withdrawal
from tests.referrals.test_stats import staff

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 3)


def test_a_year_of_anonymous_figures_once():
    keys, open_leads = LeadKey.objects.count(), Lead.objects.exclude(status="closed").count()

    figures = demo.generate(TODAY)

    assert figures is not None
    assert (figures.first_day, figures.last_day) == (
        TODAY - datetime.timedelta(days=365),
        TODAY - datetime.timedelta(days=1),
    )
    conversations = Conversation.objects.filter(created_at__date__gte=figures.first_day)
    assert conversations.count() == figures.conversations > 1000
    assert not conversations.exclude(status=Conversation.Status.CLOSED).exists()
    assert not conversations.filter(token_hash__isnull=False).exists()
    assert not any(c.messages.exists() for c in conversations[:50])
    # Every month has some, every language and outcome occurs.
    months = {c.created_at.astimezone().strftime("%Y-%m") for c in conversations}
    assert len(months) >= 12
    assert set(conversations.values_list("language", flat=True)) == {"lv", "en", "ru", "uk"}
    leads = Lead.objects.filter(created_at__date__gte=figures.first_day)
    assert leads.count() == figures.leads > 50
    assert set(leads.values_list("source", flat=True)) == {"chat", "message", "third_party"}
    # As retention leaves a lead: closed, anonymised, no key and no text; the queue's open
    # work is untouched.
    assert not leads.exclude(status=Lead.Status.CLOSED).exists()
    assert not leads.filter(anonymised_at__isnull=True).exists()
    assert not leads.filter(key__isnull=False).exists() and LeadKey.objects.count() == keys
    for lead in leads[:50]:
        assert (lead.summary, lead.what_happened, lead.location, lead.transcript) == (
            "",
            "",
            "",
            [],
        )
    assert Lead.objects.exclude(status="closed").count() == open_leads
    end = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time.min))
    for lead in leads:
        assert lead.created_at <= lead.closed_at <= end
        assert lead.anonymised_at == lead.closed_at
        assert bool(lead.referred_to) == (lead.referred_at is not None)
        if lead.referred_at:
            assert lead.created_at <= lead.referred_at <= lead.closed_at
        # Its consent record, as retention keeps it, with a withdrawal code nobody holds.
        assert lead.consent.language == lead.language
        methods = {"chat": "chat", "message": "message", "third_party": "report"}
        assert lead.consent.method == methods[lead.source]
        assert bool(lead.consent.sharing) == (lead.source == "third_party")
    for conversation in conversations:
        assert conversation.created_at <= conversation.closed_at
        assert conversation.do_not_contact == (conversation.outcome == "quick_exit")
    # A withdrawal deletes its lead: counted instead of one, before today.
    withdrawn = Withdrawal.objects.filter(date__gte=figures.first_day)
    assert withdrawn.exists() and not withdrawn.filter(date__gte=TODAY).exists()

    # Once: a second run generates nothing more.
    assert demo.generate(TODAY) is None
    assert Conversation.objects.count() >= figures.conversations
    assert DemoFigures.objects.count() == 1


def test_the_demo_loader_generates_them_when_asked():
    call_command("load_demo_content", "--no-staff", stdout=io.StringIO())
    assert not DemoFigures.objects.exists()
    out = io.StringIO()
    call_command("load_demo_content", "--no-staff", "--figures", stdout=out)
    assert DemoFigures.objects.count() == 1
    assert "demo figures" in out.getvalue()


def test_never_where_the_settings_allow_no_demo_accounts(settings):
    # Invented rows in the real tables: not on a production site.
    settings.LANTERN_DEMO_ACCOUNTS = False
    out = io.StringIO()
    call_command("load_demo_content", "--no-staff", "--figures", stdout=out)
    assert not DemoFigures.objects.exists()
    assert "Demo figures: none generated" in out.getvalue()


def test_the_statistics_say_they_hold_demo_data():
    figures = demo.generate(TODAY)
    client = staff("view_statistics")
    period = {"start": figures.first_day.isoformat(), "end": figures.last_day.isoformat()}

    page = client.get(reverse("referrals_statistics"), period)

    main = BeautifulSoup(page.content.decode(), "html.parser").select_one("main")
    note = main.select_one("[role=note]")
    assert note is not None and "Demo data." in note.get_text()
    assert f"{figures.conversations} conversations and {figures.leads} leads" in note.get_text()
    # Real charts: every breakdown is shown, none withheld for want of figures.
    assert len(main.select("svg.referral-chart")) == 8
    assert "Too few to break down" not in main.get_text()

    exported = client.get(reverse("referrals_statistics_csv"), period)
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert rows[1] == ["note", "demo_data", "Includes generated demo figures", "1"]


def test_no_demo_note_without_demo_figures():
    page = staff("view_statistics").get(reverse("referrals_statistics"))
    main = BeautifulSoup(page.content.decode(), "html.parser").select_one("main")
    assert "Demo data." not in main.get_text()
