"""Rules the chat and the referral queue keep in one place each, checked against every place
that relies on them: which messages a visitor may see, the language staff read in, how a
withdrawal code is normalised, and who holds a permission."""

from __future__ import annotations

import itertools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import translation

from wagtail.users.models import UserProfile

import pytest

from chat.access import OPERATE_PERMISSION, check_operator, operators
from chat.consent import hash_withdrawal_code, new_withdrawal_code, normalise_withdrawal_code
from chat.frames import EVENT_TEXTS
from chat.models import Conversation, Message
from chat.protocol import ChatError
from chat.referrals import withdrawal
from chat.referrals.permissions import WORK_PERMISSION, caseworkers
from lantern.staff import holders, staff_language

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_the_visitors_query_and_the_rule_for_a_message_in_hand_agree():
    conversation = Conversation.objects.create(language="en")
    seq = itertools.count(1)
    for kind in Message.Kind.values:
        for event in ["", *EVENT_TEXTS]:
            Message.objects.create(
                conversation=conversation,
                seq=next(seq),
                sender=Message.Sender.SYSTEM,
                kind=kind,
                text="x",
                event=event,
            )
    everything = Message.objects.filter(conversation=conversation)
    by_rule = {m.seq for m in everything if Message.shown_to_visitor(m.kind, m.event)}
    by_query = set(everything.for_visitor().values_list("seq", flat=True))
    assert by_rule == by_query
    # And the rule itself: no notes, no events worded for staff, everything else.
    assert not Message.shown_to_visitor(Message.Kind.NOTE, "")
    assert not Message.shown_to_visitor(Message.Kind.EVENT, "consent_granted")
    assert not Message.shown_to_visitor(Message.Kind.EVENT, "consent_declined")
    assert Message.shown_to_visitor(Message.Kind.EVENT, "consent_requested")
    assert Message.shown_to_visitor(Message.Kind.TEXT, "")


def test_staff_read_in_their_admin_language_else_the_sites_never_the_active_one():
    user = User.objects.create_user("reader")
    with translation.override("uk"):
        assert staff_language(user) == settings.LANGUAGE_CODE
        UserProfile.objects.create(user=user, preferred_language="ru")
        user.refresh_from_db()
        assert staff_language(user) == "ru"
        UserProfile.objects.filter(user=user).update(preferred_language="de")
        user.refresh_from_db()
        assert staff_language(user) == settings.LANGUAGE_CODE


@pytest.mark.parametrize("typed", ["{code}", "{lower}", " {plain} ", "{spaced}"])
def test_a_withdrawal_code_is_normalised_the_same_for_its_hash_and_its_checks(typed):
    code = new_withdrawal_code()
    plain = code.replace("-", "")
    entered = typed.format(
        code=code, lower=code.lower(), plain=plain, spaced=f"{plain[:5]} {plain[5:]}"
    )
    assert normalise_withdrawal_code(entered) == plain
    assert hash_withdrawal_code(entered) == hash_withdrawal_code(code)
    assert withdrawal.is_well_formed(entered)


def people() -> dict:
    operate = Permission.objects.get(codename="operate_chat", content_type__app_label="chat")
    work = Permission.objects.get(codename="work_lead", content_type__app_label="referrals")
    both = Group.objects.create(name="rules-both")
    both.permissions.add(operate, work)
    made = {
        "superuser": User.objects.create_superuser("rules-super", password="x"),
        "gone superuser": User.objects.create_superuser("rules-gone", password="x"),
        "direct": User.objects.create_user("rules-direct"),
        "through group": User.objects.create_user("rules-group"),
        "inactive": User.objects.create_user("rules-inactive", is_active=False),
        "nobody": User.objects.create_user("rules-nobody"),
    }
    User.objects.filter(pk=made["gone superuser"].pk).update(is_active=False)
    made["direct"].user_permissions.add(operate, work)
    made["through group"].groups.add(both)
    made["inactive"].groups.add(both)
    return {name: User.objects.get(pk=user.pk) for name, user in made.items()}


@pytest.mark.parametrize("permission", [OPERATE_PERMISSION, WORK_PERMISSION])
def test_who_holds_a_permission_agrees_with_has_perm(permission):
    everyone = people()
    expected = {u.pk for u in everyone.values() if u.is_active and u.has_perm(permission)}
    assert expected == {everyone[name].pk for name in ("superuser", "direct", "through group")}
    assert set(holders(permission).values_list("pk", flat=True)) == expected
    assert set(holders(permission, include_superusers=False).values_list("pk", flat=True)) == (
        expected - {everyone["superuser"].pk}
    )


def test_operators_and_caseworkers_are_the_holders_of_their_permissions():
    everyone = people()
    holding = {everyone[name].pk for name in ("superuser", "direct", "through group")}
    assert set(operators().values_list("pk", flat=True)) == holding
    assert set(caseworkers().values_list("pk", flat=True)) == holding
    for user in everyone.values():
        if user.pk in holding:
            assert check_operator(user.pk) == user
        else:
            with pytest.raises(ChatError):
                check_operator(user.pk)
