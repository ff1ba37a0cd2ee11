"""Two-factor sign-in for staff.

With `LANTERN_REQUIRE_2FA` on (production turns it on), every staff account (whoever reaches
the Wagtail admin, in any group, superusers, and whoever may read chats or leads) reaches
nothing in the admin, and no operator socket, until it gives a second factor after its
password; whatever the setting, a person who has set up a factor must give it. The factors:
passkeys (WebAuthn, django-otp-webauthn), an authenticator app (TOTP, RFC 6238) and single-use
recovery codes (django-otp's static tokens, stored as keyed hashes).

- `policy`: who needs a second factor, whether a session has given one, and how recently;
- `middleware`: sends a session without its factor to give it (or to set up a first one);
- `views`: the second step of signing in, confirming it is you, and the first set-up;
- `methods`: the "Sign-in methods" page (linked from the account page by `wagtail_hooks`):
  adding and removing factors, each with a fresh proof, a new session key, and never the
  last one while one is required;
- `passkeys`: the WebAuthn ceremonies (static/js/two-factor-passkey.js is the browser's side);
- `recovery`: the recovery codes; `proof`: what a session holds as its factors change;
- `signin`: the admin's sign-in form and view: device cookies, and a proof of work asked
  after failed sign-ins (per account and for everybody together) of any other browser,
  without any address or name (see lantern.ratelimit, docs/privacy.md).

A wrong code slows the next attempt on that device (django-otp's throttling: 1, 2, 4, 8 …
seconds). `manage.py reset_two_factor USER` removes a person's factors when they lost them all.
"""
