"""HTTP views of the chat: the widget's availability check, the operator console, and the
operator's answer to a person who came back with their return code."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from awareness import directory
from awareness.models import HelpService
from lantern.choices import ExploitationForm

from . import protocol
from .access import OPERATE_PERMISSION
from .actions.conversations import chat_availability, new_challenge
from .announce import layer_reachable
from .consumers.base import log_failure
from .db import db
from .models import CannedResponse, Topic
from .referrals import audit, thread
from .referrals.forms import ThreadAnswerForm
from .referrals.models import Lead


@require_GET
@never_cache
async def availability(request: HttpRequest) -> JsonResponse:
    """Whether the chat is open and someone can answer. Asked when the visitor opens the chat
    panel, before anything is created; it stores nothing and sets no cookie. It brings the
    challenge the visitor's next request needs.

    When the database or the channel layer is down, the chat cannot take anyone: the answer
    says so (`out_of_service`), and the widget shows the hotline instead of a start button
    that would fail."""
    try:
        answer = await db(chat_availability)()
        working = await layer_reachable()
    except Exception as error:
        log_failure("availability", "check", error)
        answer = {"type": "availability", "open": True, "operators_available": False}
        working = False
    if not working:
        answer.update(accepting=False, out_of_service=True)
    else:
        # What the widget will send next needs a solved challenge: it solves this one while
        # the visitor reads and chooses (lantern/challenge.py).
        purpose = "start" if answer.get("open") and answer.get("accepting") else "leave_message"
        try:
            answer["challenge"] = await db(new_challenge)(purpose)
        except Exception as error:  # the server answers a request without one with one
            log_failure("availability", "challenge", error)
    return JsonResponse(answer)


@permission_required(OPERATE_PERMISSION, raise_exception=True)
def console(request: HttpRequest):
    return render(
        request,
        "chat/console.html",
        {
            "console": console_config(request.user),
            # Beside the live queue: people who came back with their return code and wrote.
            "replies": list(thread.waiting()[:REPLIES_SHOWN]),
        },
    )


REPLIES_SHOWN = 50


@permission_required(OPERATE_PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, pk: int):
    """An operator answers a person who came back with their return code and wrote: the
    lead's thread only (not the lead's details, which are the caseworkers'), and only while it
    waits for an answer (the console's replies list); any other lead is not found."""
    lead = get_object_or_404(thread.waiting(), pk=pk)
    entries = thread.entries(lead)
    form = ThreadAnswerForm(
        request.POST or None, initial={"seen": entries[-1].pk if entries else 0}
    )
    if request.method == "POST" and form.is_valid():
        try:
            thread.do_staff_answers(
                request.user, lead, form.cleaned_data["text"], form.cleaned_data["seen"]
            )
        except ValueError:
            raise Http404 from None  # withdrawn or anonymised meanwhile
        messages.success(
            request, _("Your answer waits for the person: they read it when they come back.")
        )
        return redirect("chat_console")
    if request.method == "GET":
        audit.log(request.user, lead, audit.VIEW, {"page": "thread"})
    return render(
        request,
        "chat/reply.html",
        {
            "lead": lead,
            "entries": entries,
            "answer_form": form,
            "answer_url": reverse("chat_reply", args=[lead.pk]),
            "anonymised": False,
            "topic": dict(Topic.choices).get(lead.topic, lead.topic),
        },
    )


def console_config(user) -> dict:
    """Everything the console script needs besides the socket: choices, canned responses and
    help directory entries in every language. (The colleagues a conversation can be
    transferred to come with the queue: who is available changes.)"""
    languages = [code for code, _name in settings.LANGUAGES]
    return {
        "wsPath": "/ws/chat/operator/",
        "maxLength": protocol.MAX_MESSAGE_CHARS,
        # A visitor's message unanswered this long is marked urgent in the list.
        "urgentSeconds": settings.LANTERN_CHAT_URGENT_SECONDS,
        "languages": [{"code": code, "name": str(name)} for code, name in settings.LANGUAGES],
        "topics": {value: str(label) for value, label in Topic.choices},
        "forms": [{"value": v, "label": str(label)} for v, label in ExploitationForm.choices],
        "urgencies": [{"value": v, "label": str(label)} for v, label in Lead.Urgency.choices],
        "canned": [
            {
                "id": canned.pk,
                "title": canned.title,
                "texts": {code: getattr(canned, f"text_{code}") or "" for code in languages},
            }
            for canned in CannedResponse.objects.all()
        ],
        "directoryPlaces": directory_places(),
        "directory": directory_entries(languages),
        "strings": {
            "accept": _("Accept"),
            "inLanguage": _("in your language"),
            "waiting": _("waiting %(minutes)s min"),
            "visitor": _("Visitor"),
            "you": _("You"),
            "note": _("Private note"),
            "sent": _("sent"),
            "failed": _("Not sent. Press to try again."),
            "delivered": _("delivered"),
            "connected": _("Connected."),
            "reconnecting": _("Connection lost. Reconnecting…"),
            "closedHurry": _(
                "The visitor left in a hurry (quick exit). Do not contact them back through "
                "the chat."
            ),
            "closed": _("The conversation has ended."),
            "offline": _("The visitor is offline."),
            "atCapacity": _(
                "You have %(count)s conversations, your limit: end one, or raise “Chats at "
                "once”, to accept another."
            ),
            "endGranted": _(
                "End the chat? The visitor agreed: the lead keeps what they consented to "
                "(with the transcript), and the conversation's messages are deleted."
            ),
            "endGrantedNoTranscript": _(
                "End the chat? The visitor agreed to a lead without the transcript: the lead "
                "stays, and every message is deleted."
            ),
            "endDeclined": _(
                "End the chat? The visitor did not agree to pass anything on: every message is "
                "deleted and nothing is kept."
            ),
            "endUnasked": _(
                "End the chat? The visitor is asked for consent first; if they do not agree, "
                "or leave, every message is deleted and nothing is kept."
            ),
            "leadSaved": _("Lead saved."),
            "unread": _("%(count)s unread"),
            "urgent": _("Urgent"),
            "waitingForAnswer": _("waiting for an answer: %(minutes)s min"),
            "lastMessage": _("last message %(minutes)s min ago"),
            "stateTyping": _("typing…"),
            "stateConsent": _("asked for consent"),
            "stateOffline": _("visitor reconnecting"),
            "stateTransferred": _("transferred to you"),
            "stateHurry": _("left in a hurry"),
            "stateEnded": _("ended"),
            "newMessageIn": _("New message in conversation #%(id)s."),
            "notifyTitle": _("Chat console"),
            "noCanned": _("No canned response matches, in this conversation's language."),
            "nobodyToTransfer": _("No colleague is available now."),
            "colleague": _("%(name)s (%(languages)s) · free: %(free)s"),
            "leadNoteSaved": _("The note was added to the lead."),
            "leadRefused": {
                "lead_taken": _("A caseworker has taken this lead: add a note for them instead."),
                "chat_ended": _("The chat has ended: add a note for the caseworker instead."),
                "contact_not_covered": _(
                    "The visitor did not consent to contact details being kept."
                ),
                "no_consent": _("The visitor has not consented: there is no lead."),
            },
            "consentGranted": _("Consent granted: fill in the lead below."),
            "forbidden": _("You are no longer allowed to answer chats."),
            "notOperator": _("You are not allowed to answer chats."),
        },
    }


def directory_places() -> list[dict]:
    """The help directory's place filter, by planning region, in the operator's language."""
    return [
        {
            "label": str(region),
            "options": [{"value": value, "label": str(label)} for value, label in places],
        }
        for region, places in directory.filter_choices()
    ]


def directory_entries(languages: list[str]) -> list[dict]:
    """Help services as the console lists them (in the operator's language) and as they are
    sent into a chat (in each conversation language). `places`: the place filters that list
    the entry; None for a service for the whole country, listed under every place."""
    return [
        {
            "id": service.pk,
            "label": f"{service.name} — {service.area_label} ({service.get_kind_display()})",
            "places": directory.places_showing(service.area),
            "texts": {code: service.chat_text(code) for code in languages},
        }
        for service in HelpService.objects.all()
    ]
