from django.apps import AppConfig


class LanternConfig(AppConfig):
    name = "lantern"
    verbose_name = "Lantern"

    def ready(self) -> None:
        # `sessions`: stamps the sign-in time of every session (its `user_logged_in` receiver);
        # `proxies`: its deployment check (lantern.W001).
        from . import proxies, script_nonce, sessions  # noqa: F401

        script_nonce.install()  # the CSP nonce for the scripts of Wagtail's chooser widgets
