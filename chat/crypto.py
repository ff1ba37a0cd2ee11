"""Encryption of what Lantern promises to forget (docs/privacy.md, "Erasure that holds").

PostgreSQL never overwrites a deleted row: its table files, its write-ahead log and every backup
keep the bytes. So what must be forgettable is stored sealed (AES-256-GCM, authenticated), each
conversation and each lead under a random key of its own, and forgetting it is destroying the
key:

- a conversation's keys (chat/keyring.py) live in volatile memory only: the serving processes
  and Redis without persistence; closing the conversation destroys them;
- a lead's key (chat/referrals/keys.py) is kept in a table of its own, wrapped with the
  long-term key from the environment (LANTERN_DATA_KEY); withdrawal and retention delete it.

A sealed value names the key that opens it, and the column it belongs to is bound to it as
associated data, so a value copied into another column or row of another owner does not open:

    lantern1:<key ref>:<base64url(nonce ‖ ciphertext ‖ tag)>

Key refs: `c<conversation id>.<key id>` (keyring), `l<lead key id>` (lead keys). Empty values
are stored empty (an empty field says nothing about anyone), and so can be filtered on.

The fields below seal on save (`pre_save`, which also the chat's own INSERT statements call)
and open on load (`from_db_value`); a plain text handed to them any other way (a queryset's
`update()`) is refused rather than stored in the clear.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Callable
from typing import Any

from django import forms
from django.db import models

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "lantern1:"
KEY_BYTES = 32
NONCE_BYTES = 12


class KeyUnavailable(Exception):  # noqa: N818 - what it is, as the callers say it
    """The key that opens (or seals) a value is not at hand: destroyed, or (for a conversation
    while Redis is away) held by another process that has not published it yet."""


class Sealed(str):
    """A value already sealed: stored as it is."""

    __slots__ = ()


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _associated(ref: str, purpose: str) -> bytes:
    return f"{ref}|{purpose}".encode()


def seal(key: bytes, ref: str, purpose: str, plaintext: str) -> Sealed:
    nonce = os.urandom(NONCE_BYTES)
    body = nonce + AESGCM(key).encrypt(nonce, plaintext.encode(), _associated(ref, purpose))
    return Sealed(f"{PREFIX}{ref}:{base64.urlsafe_b64encode(body).decode()}")


def key_ref(value: str) -> str | None:
    """The key ref a sealed value names, or None when it is not a sealed value."""
    if not value.startswith(PREFIX):
        return None
    ref, sep, _body = value[len(PREFIX) :].partition(":")
    return ref if sep else None


def unseal(key: bytes, purpose: str, value: str) -> str:
    """The plain text of a sealed value; KeyUnavailable if `key` does not open it."""
    ref = key_ref(value)
    if ref is None:
        raise KeyUnavailable("not a sealed value")
    try:
        body = base64.urlsafe_b64decode(value[len(PREFIX) + len(ref) + 1 :])
        nonce, ciphertext = body[:NONCE_BYTES], body[NONCE_BYTES:]
        return AESGCM(key).decrypt(nonce, ciphertext, _associated(ref, purpose)).decode()
    except (InvalidTag, ValueError, binascii.Error):
        raise KeyUnavailable("the key does not open this value") from None


# Key refs by their first letter: how to find the key a ref names (registered by
# chat/keyring.py and chat/referrals/keys.py).
FINDERS: dict[str, Callable[[str], bytes]] = {}
# Sealing keys by owner (a field's `owner`): the key ref and key for a model instance.
OWNERS: dict[str, Callable[[models.Model], tuple[str, bytes]]] = {}


def open_value(purpose: str, value: str) -> str:
    ref = key_ref(value)
    if ref is None:
        return value  # stored before values were sealed (the migrations seal those)
    finder = FINDERS.get(ref[:1])
    if finder is None:
        raise KeyUnavailable("unknown kind of key")
    return unseal(finder(ref), purpose, value)


class SealedTextField(models.TextField):
    """A text column whose values are sealed with the key of their `owner` ("conversation":
    the message's conversation; "lead": the lead, or the note's lead)."""

    def __init__(self, *args, owner: str = "", **kwargs) -> None:
        self.owner = owner
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["owner"] = self.owner
        return name, path, args, kwargs

    @property
    def purpose(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def empty(self, value) -> bool:
        return value in ("", None)

    def dump(self, value) -> str:
        return str(value)

    def load(self, text: str) -> Any:
        return text

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if self.empty(value) or isinstance(value, Sealed):
            return "" if value is None and not self.null else value
        ref, key = OWNERS[self.owner](model_instance)
        return seal(key, ref, self.purpose, self.dump(value))

    def get_prep_value(self, value):
        if self.empty(value) or isinstance(value, Sealed):
            return super().get_prep_value("" if self.empty(value) and not self.null else value)
        raise ValueError(f"{self.purpose} is stored sealed: save the model to change it")

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return self.load(open_value(self.purpose, value) if value else "")


class SealedLineField(SealedTextField):
    """A sealed one-line text (a place's name): a text input in forms, its length checked
    there (the sealed value is longer than the text)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"widget": forms.TextInput, **kwargs})


class SealedJSONField(SealedTextField):
    """A sealed JSON value (a transcript: a list); empty is []."""

    # What the model's attribute holds, for django-stubs' type checking (not a text).
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def empty(self, value) -> bool:
        return value in ("", None, [])

    def dump(self, value) -> str:
        return json.dumps(value, ensure_ascii=False)

    def load(self, text: str) -> Any:
        return json.loads(text) if text else []

    def get_prep_value(self, value):
        if self.empty(value):
            return ""
        return super().get_prep_value(value)

    def formfield(self, **kwargs):
        return None  # never edited in a form
