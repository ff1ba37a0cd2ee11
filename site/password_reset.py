"""The admin's password reset (Wagtail's views, with this form:
WAGTAILADMIN_USER_PASSWORD_RESET_FORM), throttled, and the same to everybody who asks.

- Throttled without storing addresses: requests are counted per window in the cache under a
  keyed hash of the normalised address (`lantern.ratelimit.keyed`), at most
  LANTERN_PASSWORD_RESET_PER_ACCOUNT for one address and LANTERN_PASSWORD_RESET_TOTAL for
  everybody together. Past either, nothing is sent; the answer is the same.
- The same answer and the same work in the request whether the address belongs to an account
  or not: the request only counts and hands the address on. Looking the account up, making
  the link and sending the mail happen after the response, on a thread of this process
  (`DeferredJobs`), so neither the response nor its timing tells whether a mail went out.
  A mail still waiting when the process stops is lost; whoever asked can ask again.
- The links are good for an hour (PASSWORD_RESET_TIMEOUT).

Nothing is logged about who asked; a mail that could not be sent is logged by its error's
type alone (an SMTP error's text may quote the address).
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
import unicodedata
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.db import connections
from django.template import loader
from django.utils import translation

from wagtail.admin.forms.auth import PasswordResetForm

from . import ratelimit

logger = logging.getLogger(__name__)

CACHE_PREFIX = "lantern:password-reset"
# Mails waiting at most; past this (a flood that the total cap would stop anyway) a request
# is dropped, as a throttled one is.
MAX_WAITING = 1000


def normalised(email: str) -> str:
    """One spelling per address, as Django matches them (case and Unicode forms aside)."""
    return unicodedata.normalize("NFKC", email.strip()).casefold()


def admit(email: str, now: float | None = None) -> bool:
    """Count a request for `email` in this window; whether it may send a mail. Everybody's
    count goes up only for requests within their address's allowance, so that one address
    asked for again and again does not use up everybody's."""
    seconds = settings.LANTERN_PASSWORD_RESET_WINDOW_SECONDS
    current = ratelimit.window(seconds, now)
    account = ratelimit.keyed("password-reset.account", normalised(email))
    if ratelimit.bump(f"{CACHE_PREFIX}:account:{current}:{account}", seconds) > (
        settings.LANTERN_PASSWORD_RESET_PER_ACCOUNT
    ):
        return False
    total = ratelimit.bump(f"{CACHE_PREFIX}:total:{current}", seconds)
    return total <= settings.LANTERN_PASSWORD_RESET_TOTAL


class DeferredJobs:
    """Jobs run one after another on a daemon thread of this process, started with the first.
    `threaded=False` keeps them until `run_pending()` runs them in the caller's thread (tests)."""

    def __init__(self, *, threaded: bool = True, max_waiting: int = MAX_WAITING) -> None:
        self.threaded = threaded
        self.jobs: queue.Queue[Callable[[], None]] = queue.Queue(maxsize=max_waiting)
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def put(self, job: Callable[[], None]) -> bool:
        """Queue `job`; False (and dropped) when too many are waiting."""
        try:
            self.jobs.put_nowait(job)
        except queue.Full:
            return False
        if self.threaded:
            self._ensure_thread()
        return True

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._work, name="lantern-deferred-mail", daemon=True
                )
                self._thread.start()

    def _work(self) -> None:
        while True:
            self._run(self.jobs.get())

    def _run(self, job: Callable[[], None]) -> None:
        try:
            job()
        except Exception as error:  # a job's fault must not stop the ones after it
            logger.error("deferred job failed (%s)", type(error).__name__)  # noqa: TRY400
        finally:
            if self.threaded:
                # Out of a request, nothing else closes this thread's connections.
                connections.close_all()
            self.jobs.task_done()

    def run_pending(self) -> int:
        """Run, in this thread, the jobs waiting now; how many ran."""
        ran = 0
        while True:
            try:
                job = self.jobs.get_nowait()
            except queue.Empty:
                return ran
            self._run(job)
            ran += 1

    def wait_idle(self, timeout: float) -> bool:
        """Until every job queued so far has run (or `timeout` seconds passed)."""
        with self.jobs.all_tasks_done:
            return self.jobs.all_tasks_done.wait_for(
                lambda: not self.jobs.unfinished_tasks, timeout
            )


deferred = DeferredJobs()


class ResetMailer(DjangoPasswordResetForm):
    """Django's lookup of the accounts with this address and its reset mail, run after the
    response (`send_reset_mails`)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            html = loader.render_to_string(html_email_template_name, context)
            message.attach_alternative(html, "text/html")
        try:
            message.send()
        except Exception as error:
            logger.error("password reset mail not sent (%s)", type(error).__name__)  # noqa: TRY400


def send_reset_mails(email: str, language: str | None, **options) -> None:
    """A reset link to each active account with this address and a usable password (none for
    an address no account has), in the language the form was shown in."""
    mailer = ResetMailer(data={"email": email})
    if not mailer.is_valid():
        return
    with translation.override(language):
        mailer.save(**options)


class ThrottledPasswordResetForm(PasswordResetForm):
    def save(
        self,
        domain_override=None,
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.html",
        use_https=False,
        token_generator=default_token_generator,
        from_email=None,
        request=None,
        html_email_template_name=None,
        extra_email_context=None,
    ) -> None:
        """Count the request and, within the allowance, leave the mail to `deferred`. Does
        the same whether an account has the address or not; never looks one up."""
        email = self.cleaned_data["email"]
        if not domain_override:
            site = get_current_site(request)
            domain_override = site.domain
        job = functools.partial(
            send_reset_mails,
            email,
            translation.get_language(),
            domain_override=domain_override,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            use_https=use_https,
            token_generator=token_generator,
            from_email=from_email,
            html_email_template_name=html_email_template_name,
            extra_email_context=extra_email_context,
        )
        if admit(email):
            deferred.put(job)
