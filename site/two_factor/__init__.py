"""Two-factor sign-in for staff who can read chats or leads.

With `LANTERN_REQUIRE_2FA` on (production turns it on), a chat operator, a caseworker or a
superuser who signed in with a password reaches nothing in the admin, and no operator socket,
until they also give a time-based one-time code (TOTP, RFC 6238) from an authenticator app:

- `policy`: who needs a second factor, and whether a session has given one;
- `middleware`: sends an unverified session to the code page (or to set up an app first);
- `views`: setting up an authenticator app (QR code and key) and entering a code;
- `signin`: the admin's sign-in form and view: device cookies, and a proof of work asked
  after failed sign-ins (per account and for everybody together) of any other browser,
  without any address or name (see lantern.ratelimit, docs/privacy.md).

Devices are django-otp's TOTP devices; a wrong code slows the next attempt on that device
(django-otp's throttling: 1, 2, 4, 8 … seconds). `manage.py reset_two_factor USER` removes a
person's devices when they lose their phone.
"""
