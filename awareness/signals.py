"""Publishing anything that public pages show clears the page cache."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from chat.models import ChatRules

from .cache import clear_page_cache
from .models import ChatOpeningHours, HelpService, Hotline, SafetySettings


def clear_now_and_on_commit() -> None:
    """Clear at once, and again when the change is committed: a page that another process
    renders in between still reads the old rows, and would otherwise be cached, stale, under
    the new generation until it expires."""
    clear_page_cache()
    transaction.on_commit(clear_page_cache)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def clear_on_publish(sender, **kwargs):
    clear_now_and_on_commit()


@receiver(post_delete, sender=Page)
@receiver(post_save, sender=Hotline)
@receiver(post_delete, sender=Hotline)
@receiver(post_save, sender=HelpService)
@receiver(post_delete, sender=HelpService)
@receiver(post_save, sender=SafetySettings)
@receiver(post_save, sender=ChatOpeningHours)
@receiver(post_delete, sender=ChatOpeningHours)
@receiver(post_save, sender=ChatRules)
def clear_on_change(sender, **kwargs):
    clear_now_and_on_commit()
