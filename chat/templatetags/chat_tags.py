"""The chat widget's texts, rendered into each (cached, per-language) page, so the widget's
script needs no request of its own to speak the visitor's language.

Every public page carries them, so they are kept small: what only the markup needs (topics,
the consent wording of the leave-a-message form) is rendered as HTML, and the script's part
is JSON with the letters as they are (Latvian, Russian and Ukrainian text would take up to six
times the bytes as \\u escapes)."""

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import json_script
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from chat import protocol
from chat.consent import consent_text
from chat.models import ChatRules, Topic

register = template.Library()


class _LettersEncoder(DjangoJSONEncoder):
    """JSON that keeps non-ASCII letters as UTF-8. `json_script` still escapes <, > and &."""

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


@register.filter
def chat_json_script(value, element_id: str):
    return json_script(value, element_id, encoder=_LettersEncoder)


@register.simple_tag
def chat_protocol():
    """The protocol's codes and limits for static/js/chat-socket.js (`protocol.for_clients`),
    on every page that loads the widget or the console."""
    return json_script(protocol.for_clients(), "lantern-chat-protocol")


@register.simple_tag
def chat_widget_config() -> dict:
    rules = ChatRules.objects.current()
    return {
        "topics": [{"value": value, "label": str(label)} for value, label in Topic.choices],
        # The wording the leave-a-message form shows; in a chat the server sends it.
        "consent_paragraphs": consent_text(get_language()).split("\n\n"),
        # The chat rules, said before the first word (the start and leave-a-message views);
        # the consent step shows the version the server sends with its question.
        "rules_paragraphs": rules.paragraphs(get_language()) if rules else [],
        "max_length": protocol.MAX_MESSAGE_CHARS,
        "client": {
            "strings": widget_strings(),
            "rulesVersion": rules.version if rules else None,
            # Where a visitor comes back with their return code, in the page's language.
            "returnUrl": reverse("come_back"),
        },
    }


def widget_strings() -> dict:
    return {
        "queue": _("You are number %(position)s in the queue."),
        "wait": _("Estimated wait: about %(minutes)s min."),
        "waitSoon": _("Estimated wait: less than a minute."),
        "sending": _("Sending…"),
        "sent": _("Sent"),
        "delivered": _("Delivered"),
        "failed": _("Not sent. Press to try again."),
        "typing": _("The adviser is typing…"),
        "you": _("You"),
        "adviser": _("Adviser"),
        "reconnecting": _("Connection lost. Reconnecting…"),
        "connected": _("Connected."),
        "ended": _("The conversation has ended."),
        "endedHurry": _("You left the conversation."),
        "tooLong": _("The message is too long (at most %(max)s characters)."),
        "closed": _("The chat is closed now."),
        "noOperators": _("Nobody can answer the chat at the moment."),
        "error": _("Something went wrong. Please try again, or call the hotline."),
        "outOfService": _(
            "The chat is not working right now. Please call the hotline, or try again later."
        ),
        "unreachable": _(
            "We could not reconnect you to the chat. If you are in danger, call the emergency "
            "number. You can call the hotline, or leave a message."
        ),
        # A left message's fields, each saying what to do (the error summary lists them).
        "leaveTextMissing": _("Write what happened, in a few words."),
        "leaveConsentMissing": _(
            "Tick the box if you agree that your message is passed on: without it, we cannot "
            "pass it on."
        ),
        # While the browser finishes the proof of work before a start (lantern/challenge.py).
        "preparing": _("Connecting securely…"),
        "replaced": _("This chat continues in another window or tab."),
        "withdrawalCode": _("Your withdrawal code:"),
        "consentGranted": _(
            "Thank you. A caseworker will look at your case. Keep this code to withdraw "
            "your consent at any time:"
        ),
        "consentDeclined": _("Nothing will be passed on. The conversation will be deleted."),
        "messageLeft": _(
            "Your message has been passed on. Keep this code to withdraw it at any time:"
        ),
        # The return code (chat.referrals.thread), shown with the withdrawal code.
        "returnCode": _("Your return code:"),
        "returnHow": _(
            "Keep it too: with it you can read our answer later and write to us again, from "
            "any device, on the page “%(link)s”."
        ),
        "returnLink": _("Come back to your conversation"),
    }
