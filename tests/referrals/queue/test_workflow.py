"""The status workflow, assignment, notes and edits: every allowed move, every refused one,
and that a refusal reaches the caseworker as a message (never an error page), changing
nothing and writing no audit entry."""

from __future__ import annotations

import itertools

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import ModelLogEntry

import pytest

from chat.referrals import actions
from chat.referrals.actions import LeadError, Transition
from chat.referrals.models import Lead

from .factories import make_lead, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The refusals below are matched by their English wording."""
    with translation.override("en"):
        yield


S = Lead.Status
ALLOWED = {
    (S.NEW, S.ASSESSING),
    (S.ASSESSING, S.REFERRED),
    (S.ASSESSING, S.CLOSED),
    (S.REFERRED, S.CLOSED),
    (S.REFERRED, S.ASSESSING),
    (S.CLOSED, S.ASSESSING),
}
REFUSED = sorted(set(itertools.product(S.values, S.values)) - ALLOWED)


def transition_to(to: str, **extra) -> Transition:
    """A complete transition: what each target needs."""
    if to == S.REFERRED:
        extra.setdefault("referred_to", Lead.ReferralTarget.MANDATED_NGO)
    if to == S.CLOSED:
        extra.setdefault("closing_reason", Lead.ClosingReason.NOT_TRAFFICKING)
    return Transition(to, **extra)


def entries(lead: Lead):
    return ModelLogEntry.objects.filter(object_id=str(lead.pk), action="lantern.lead.status")


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m).strip()) for m in get_messages(response.wsgi_request)]


def test_the_workflow_is_in_one_table():
    assert {(a, b) for a, targets in actions.TRANSITIONS.items() for b in targets} == ALLOWED


# --- Allowed moves --------------------------------------------------------------------------


def test_new_to_assessing(caseworker):
    lead = make_lead()
    lead = actions.do_transition(caseworker, lead, transition_to(S.ASSESSING))
    assert Lead.objects.get(pk=lead.pk).status == S.ASSESSING
    entry = entries(lead).get()
    assert entry.user == caseworker
    assert entry.data == {"from": "new", "to": "assessing"}


def test_referring_records_to_whom_and_when(caseworker):
    lead = make_lead(status=S.ASSESSING)
    before = timezone.now()
    actions.do_transition(
        caseworker,
        lead,
        Transition(S.REFERRED, referred_to="other", referred_to_detail="  Shelter “Marta”  "),
    )
    lead.refresh_from_db()
    assert lead.status == S.REFERRED
    assert lead.referred_to == "other"
    assert lead.referred_to_detail == "Shelter “Marta”"
    assert lead.referred_at >= before
    # The free-text detail stays out of the log.
    assert entries(lead).get().data == {
        "from": "assessing",
        "to": "referred",
        "referred_to": "other",
    }


@pytest.mark.parametrize("start", [S.ASSESSING, S.REFERRED])
def test_closing_records_the_reason_and_when(caseworker, start):
    lead = make_lead(status=start)
    before = timezone.now()
    actions.do_transition(caseworker, lead, Transition(S.CLOSED, closing_reason="no_contact"))
    lead.refresh_from_db()
    assert (lead.status, lead.closing_reason) == (S.CLOSED, "no_contact")
    assert lead.closed_at >= before
    assert entries(lead).get().data["closing_reason"] == "no_contact"


def test_closing_as_supported_after_a_referral(caseworker):
    lead = make_lead(status=S.REFERRED, referred_to="state_police")
    actions.do_transition(caseworker, lead, Transition(S.CLOSED, closing_reason="supported"))
    assert Lead.objects.get(pk=lead.pk).closing_reason == "supported"


def test_back_to_assessing_from_referred_keeps_the_last_referral(caseworker):
    referred_at = timezone.now()
    lead = make_lead(status=S.REFERRED, referred_to="state_police", referred_at=referred_at)
    actions.do_transition(caseworker, lead, Transition(S.ASSESSING))
    lead.refresh_from_db()
    assert lead.status == S.ASSESSING
    assert (lead.referred_to, lead.referred_at) == ("state_police", referred_at)


def test_reopening_a_closed_lead_stops_the_retention_clock(caseworker):
    lead = make_lead(status=S.CLOSED, closing_reason="no_contact", closed_at=timezone.now())
    actions.do_transition(caseworker, lead, Transition(S.ASSESSING))
    lead.refresh_from_db()
    assert lead.status == S.ASSESSING
    assert (lead.closing_reason, lead.closed_at) == ("", None)


def test_fields_of_another_move_are_dropped(caseworker):
    lead = make_lead()
    actions.do_transition(
        caseworker, lead, Transition(S.ASSESSING, referred_to="other", closing_reason="other")
    )
    lead.refresh_from_db()
    assert (lead.referred_to, lead.closing_reason) == ("", "")


@pytest.mark.parametrize(("start", "to"), sorted(ALLOWED))
def test_every_allowed_move(caseworker, start, to):
    lead = make_lead(status=start, referred_to="state_police" if start == S.REFERRED else "")
    actions.do_transition(caseworker, lead, transition_to(to))
    assert Lead.objects.get(pk=lead.pk).status == to
    assert entries(lead).count() == 1


# --- Refused moves --------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "to"), REFUSED)
def test_every_impossible_move_is_refused(caseworker, start, to):
    lead = make_lead(status=start)
    with pytest.raises(LeadError) as refused:
        actions.do_transition(caseworker, lead, transition_to(to))
    assert refused.value.message
    assert Lead.objects.get(pk=lead.pk).status == start
    assert not entries(lead).exists()


@pytest.mark.parametrize(
    ("start", "transition", "says"),
    [
        (S.ASSESSING, Transition(S.REFERRED), "whom"),
        (S.ASSESSING, Transition(S.REFERRED, referred_to="nobody-we-know"), "whom"),
        (S.ASSESSING, Transition(S.REFERRED, referred_to="other"), "Name the organisation"),
        (
            S.ASSESSING,
            Transition(S.REFERRED, referred_to="state_police", referred_to_detail="x" * 201),
            "at most 200",
        ),
        (S.ASSESSING, Transition(S.CLOSED), "why"),
        (S.ASSESSING, Transition(S.CLOSED, closing_reason="because"), "why"),
        (S.ASSESSING, Transition(S.CLOSED, closing_reason="supported"), "needs a referral"),
        (S.NEW, Transition("archived"), "Choose a status"),
        (S.NEW, Transition(""), "Choose a status"),
    ],
)
def test_incomplete_moves_are_refused(caseworker, start, transition, says):
    lead = make_lead(status=start)
    with pytest.raises(LeadError, match=says):
        actions.do_transition(caseworker, lead, transition)
    assert Lead.objects.get(pk=lead.pk).status == start
    assert not entries(lead).exists()


def test_an_anonymised_lead_does_not_move(caseworker):
    lead = make_lead(status=S.CLOSED, anonymised_at=timezone.now(), closing_reason="no_contact")
    assert actions.allowed_moves(lead) == ()
    with pytest.raises(LeadError, match="anonymised"):
        actions.do_transition(caseworker, lead, Transition(S.ASSESSING))


def test_the_move_is_checked_on_the_current_row(caseworker):
    """A page shown before another caseworker moved the lead cannot repeat the move."""
    lead = make_lead()
    stale = Lead.objects.get(pk=lead.pk)
    actions.do_transition(caseworker, lead, Transition(S.ASSESSING))
    with pytest.raises(LeadError, match="already"):
        actions.do_transition(caseworker, stale, Transition(S.ASSESSING))
    assert entries(lead).count() == 1


# --- Through the lead's page ----------------------------------------------------------------


def test_a_refused_move_comes_back_as_a_message(caseworker_client):
    lead = make_lead()
    url = reverse("referral_queue:status", args=[lead.pk])
    response = caseworker_client.post(url, {"to": "closed", "close-closing_reason": "other"})
    assert response.status_code == 302
    assert response["Location"] == reverse("referral_queue:lead", args=[lead.pk])
    assert messages_of(response) == [("error", "A lead cannot move from “New” to “Closed”.")]
    assert Lead.objects.get(pk=lead.pk).status == S.NEW


@pytest.mark.parametrize(
    "data",
    [{}, {"to": ""}, {"to": "<script>"}, {"to": "referred"}, {"to": ["new", "closed"]}],
)
def test_nonsense_posts_never_fail(caseworker_client, data):
    lead = make_lead()
    response = caseworker_client.post(reverse("referral_queue:status", args=[lead.pk]), data)
    assert response.status_code == 302
    assert messages_of(response)[0][0] == "error"


def test_the_page_offers_exactly_the_allowed_moves(caseworker_client):
    for status, offered in [
        (S.NEW, {"assessing"}),
        (S.ASSESSING, {"referred", "closed"}),
        (S.REFERRED, {"closed", "assessing"}),
        (S.CLOSED, {"assessing"}),
    ]:
        lead = make_lead(status=status)
        html = caseworker_client.get(reverse("referral_queue:lead", args=[lead.pk])).content
        shown = {value for value in S.values if f'name="to" value="{value}"'.encode() in html}
        assert shown == offered, status


def test_referring_through_the_page(caseworker_client):
    lead = make_lead(status=S.ASSESSING)
    response = caseworker_client.post(
        reverse("referral_queue:status", args=[lead.pk]),
        {
            "to": "referred",
            "refer-referred_to": "labour_inspectorate",
            "refer-referred_to_detail": "Riga office",
        },
    )
    assert messages_of(response) == [("success", "The lead is now “Referred”.")]
    lead.refresh_from_db()
    assert (lead.status, lead.referred_to, lead.referred_to_detail) == (
        "referred",
        "labour_inspectorate",
        "Riga office",
    )


# --- Assignment -----------------------------------------------------------------------------


def test_assigning_to_a_caseworker_and_to_nobody(caseworker):
    lead = make_lead()
    other = user_in("caseworker", "t-other")
    actions.do_assign(caseworker, lead, actions.check_assignee(other.pk))
    assert Lead.objects.get(pk=lead.pk).assigned_to == other
    actions.do_assign(caseworker, lead, actions.check_assignee(""))
    assert Lead.objects.get(pk=lead.pk).assigned_to is None
    log = ModelLogEntry.objects.filter(object_id=str(lead.pk), action="lantern.lead.assign")
    assert [entry.data["to"] for entry in log.order_by("pk")] == [
        {"id": other.pk, "name": "t-other"},
        None,
    ]


def test_assigning_again_to_the_same_person_changes_nothing(caseworker):
    lead = make_lead(assigned_to=caseworker)
    actions.do_assign(caseworker, lead, caseworker)
    assert not ModelLogEntry.objects.filter(object_id=str(lead.pk)).exists()


@pytest.mark.parametrize("role", ["operator", "coordinator", "editor", "moderator", "outsider"])
def test_only_caseworkers_can_be_assigned(role):
    with pytest.raises(LeadError, match="caseworker"):
        actions.check_assignee(user_in(role).pk)


def test_inactive_or_unknown_users_cannot_be_assigned():
    former = user_in("caseworker", "t-former")
    former.is_active = False
    former.save()
    for value in (former.pk, 99999, "abc", "1; DROP TABLE"):
        with pytest.raises(LeadError):
            actions.check_assignee(value)


def test_superusers_can_be_assigned():
    superuser = user_in("superuser")
    assert actions.check_assignee(superuser.pk) == superuser


def test_the_page_offers_only_caseworkers(caseworker_client, caseworker):
    operator = user_in("operator")
    coordinator = user_in("coordinator")
    lead = make_lead()
    html = caseworker_client.get(reverse("referral_queue:lead", args=[lead.pk])).content.decode()
    assert f'<option value="{caseworker.pk}"' in html
    assert f'<option value="{operator.pk}"' not in html
    assert f'<option value="{coordinator.pk}"' not in html


def test_assign_to_me_and_refusals_through_the_page(caseworker_client, caseworker):
    lead = make_lead()
    url = reverse("referral_queue:assign", args=[lead.pk])
    response = caseworker_client.post(url, {"assigned_to": caseworker.pk})
    assert messages_of(response) == [("success", "The lead is assigned to t-caseworker.")]
    response = caseworker_client.post(url, {"assigned_to": user_in("operator").pk})
    assert messages_of(response)[-1] == ("error", "A lead can only be assigned to a caseworker.")
    assert Lead.objects.get(pk=lead.pk).assigned_to == caseworker


# --- Notes ----------------------------------------------------------------------------------


def test_notes_form_a_timeline(caseworker):
    lead = make_lead()
    first = actions.do_add_note(caseworker, lead, actions.check_note("  Called the NGO.  "))
    second = actions.do_add_note(caseworker, lead, actions.check_note("They call back tomorrow."))
    assert list(lead.notes.all()) == [first, second]
    assert (first.text, first.author) == ("Called the NGO.", caseworker)


@pytest.mark.parametrize("text", ["", "   ", None, "x" * (actions.NOTE_MAX_CHARS + 1)])
def test_empty_or_overlong_notes_are_refused(text):
    with pytest.raises(LeadError):
        actions.check_note(text)


def test_a_refused_note_through_the_page(caseworker_client):
    lead = make_lead()
    response = caseworker_client.post(reverse("referral_queue:note", args=[lead.pk]), {"text": " "})
    assert messages_of(response) == [("error", "Write the note first.")]
    assert not lead.notes.exists()


def test_no_notes_on_an_anonymised_lead(caseworker):
    lead = make_lead(status=S.CLOSED, anonymised_at=timezone.now())
    with pytest.raises(LeadError, match="anonymised"):
        actions.do_add_note(caseworker, lead, "late")


# --- Editing the details --------------------------------------------------------------------


def edit_data(lead: Lead, **changes) -> dict:
    data = {
        "urgency": lead.urgency,
        "form_of_exploitation": lead.form_of_exploitation,
        "location": lead.location,
        "summary": lead.summary,
        "what_happened": lead.what_happened,
        "safe_contact": lead.safe_contact,
    }
    if lead.do_not_contact:
        data["do_not_contact"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_editing_saves_and_logs_the_names_of_the_changed_fields(caseworker_client, lead):
    url = reverse("referral_queue:edit", args=[lead.pk])
    response = caseworker_client.post(
        url, edit_data(lead, urgency="immediate", summary="A new summary", do_not_contact="on")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("referral_queue:lead", args=[lead.pk])
    lead.refresh_from_db()
    assert (lead.urgency, lead.summary, lead.do_not_contact) == ("immediate", "A new summary", True)
    entry = ModelLogEntry.objects.get(object_id=str(lead.pk), action="lantern.lead.edit")
    assert entry.data == {"fields": ["urgency", "summary", "do_not_contact"]}


def test_saving_without_changes_logs_no_edit(caseworker_client, lead):
    caseworker_client.post(reverse("referral_queue:edit", args=[lead.pk]), edit_data(lead))
    assert not ModelLogEntry.objects.filter(action="lantern.lead.edit").exists()


def test_no_contact_details_without_consent_to_them(caseworker_client, caseworker):
    lead = make_lead(contact_consent=False)
    url = reverse("referral_queue:edit", args=[lead.pk])
    page = caseworker_client.get(url).content.decode()
    assert (
        'name="safe_contact"' in page and "disabled" in page.split('name="safe_contact"')[1][:200]
    )
    caseworker_client.post(url, edit_data(lead, safe_contact="+371 2000 0000"))
    assert Lead.objects.get(pk=lead.pk).safe_contact == ""
    with translation.override("en"), pytest.raises(LeadError, match="did not consent"):
        actions.do_edit_lead(caseworker, lead, {"safe_contact": "+371 2000 0000"})


def test_an_invalid_edit_shows_the_form_again(caseworker_client, lead):
    url = reverse("referral_queue:edit", args=[lead.pk])
    response = caseworker_client.post(url, edit_data(lead, urgency="whenever"))
    assert response.status_code == 200
    assert Lead.objects.get(pk=lead.pk).urgency == "high"


def test_an_anonymised_lead_cannot_be_edited(caseworker_client):
    lead = make_lead(status=S.CLOSED, anonymised_at=timezone.now(), summary="")
    url = reverse("referral_queue:edit", args=[lead.pk])
    response = caseworker_client.post(url, edit_data(lead, summary="Something new"))
    assert response.status_code == 200
    assert "anonymised" in response.content.decode()
    assert Lead.objects.get(pk=lead.pk).summary == ""
