"""The chat widget's texts, rendered into each (cached, per-language) page as JSON data, so
the widget's script needs no request of its own to speak the visitor's language."""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from chat import protocol
from chat.consent import CONSENT_VERSION, consent_text
from chat.models import Topic

register = template.Library()


@register.simple_tag
def chat_widget_config() -> dict:
    return {
        "maxLength": protocol.MAX_MESSAGE_CHARS,
        "heartbeatSeconds": protocol.HEARTBEAT_SECONDS,
        "topics": [{"value": value, "label": str(label)} for value, label in Topic.choices],
        # Shown with the leave-a-message form; in the chat the server sends the wording.
        "consentText": consent_text(get_language()),
        "consentVersion": CONSENT_VERSION,
        "strings": {
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
            "invalid": _("Some of the information is missing or not valid."),
            "withdrawalCode": _("Your withdrawal code:"),
            "consentGranted": _(
                "Thank you. A caseworker will look at your case. Keep this code to withdraw "
                "your consent at any time:"
            ),
            "consentDeclined": _("Nothing will be passed on. The conversation will be deleted."),
            "messageLeft": _(
                "Your message has been passed on. Keep this code to withdraw it at any time:"
            ),
        },
    }
