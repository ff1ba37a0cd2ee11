"""Vocabularies shared by the awareness content and the chat."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    LABOUR_MIGRANTS = "labour_migrants", _("Labour migrants")
    YOUNG_PEOPLE = "young_people", _("Young people")
    EVERYONE = "everyone", _("Everyone")


class ExploitationForm(models.TextChoices):
    LABOUR = "labour", _("Labour exploitation")
    SEXUAL = "sexual", _("Sexual exploitation")
    MARRIAGE = "marriage", _("Forced or sham marriage")
    CRIMINALITY = "criminality", _("Forced criminality")
    BEGGING = "begging", _("Forced begging")
    OTHER = "other", _("Other or not sure")
