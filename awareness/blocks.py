"""StreamField blocks for awareness content.

Every page type's body is built from `BaseBodyBlock` plus the blocks its purpose needs.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Story or quote"))
    attribution = blocks.CharBlock(
        required=False,
        label=_("Attribution"),
        help_text=_("Never a real name. For example: 'Anna, 24, worked on a farm abroad'."),
    )

    class Meta:
        icon = "openquote"
        label = _("Story or quote")
        template = "awareness/blocks/quote.html"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"))
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Answer"))


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("Heading"))
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "awareness/blocks/faq.html"


class CallToActionBlock(blocks.StructBlock):
    ACTION_CHAT = "chat"
    ACTION_HOTLINE = "hotline"
    ACTION_EMERGENCY = "emergency"
    ACTION_PAGE = "page"

    action = blocks.ChoiceBlock(
        choices=[
            (ACTION_CHAT, _("Open the anonymous chat")),
            (ACTION_HOTLINE, _("Call a hotline")),
            (ACTION_EMERGENCY, _("Call the emergency number (112)")),
            (ACTION_PAGE, _("Go to a page on this site")),
        ],
        default=ACTION_CHAT,
        label=_("Action"),
    )
    heading = blocks.CharBlock(label=_("Heading"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    button_label = blocks.CharBlock(required=False, label=_("Button label"))
    hotline = SnippetChooserBlock(
        "awareness.Hotline",
        required=False,
        label=_("Hotline"),
        help_text=_("For 'Call a hotline'. Empty: the site's main hotline."),
    )
    page = blocks.PageChooserBlock(
        required=False, label=_("Page"), help_text=_("For 'Go to a page on this site'.")
    )

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "awareness/blocks/call_to_action.html"


class WarningSignsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"))
    introduction = blocks.TextBlock(required=False, label=_("Introduction"))
    signs = blocks.ListBlock(blocks.CharBlock(label=_("Sign")), label=_("Warning signs"))
    conclusion = blocks.TextBlock(
        required=False,
        label=_("What to do"),
        help_text=_("Shown after the list, e.g. 'If two or more of these are true, talk to us.'"),
    )

    class Meta:
        icon = "warning"
        label = _("Warning-signs checklist")
        template = "awareness/blocks/warning_signs.html"


class StageBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Stage"))
    who = blocks.CharBlock(required=False, label=_("Who is involved"))
    description = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("What happens"))


class StagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"))
    stages = blocks.ListBlock(StageBlock(), label=_("Stages"))

    class Meta:
        icon = "list-ol"
        label = _("Stages of the referral mechanism")
        template = "awareness/blocks/stages.html"


class RightBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Right"))
    description = blocks.TextBlock(label=_("Explanation"))


class RightsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"))
    rights = blocks.ListBlock(RightBlock(), label=_("Rights"))

    class Meta:
        icon = "success"
        label = _("A victim's rights")
        template = "awareness/blocks/rights.html"


class SafetyTipBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"))
    steps = blocks.ListBlock(blocks.CharBlock(label=_("Step")), label=_("Steps"))

    class Meta:
        icon = "lock"
        label = _("Safety tip")
        template = "awareness/blocks/safety_tip.html"


class PlainSummaryBlock(blocks.StructBlock):
    """A few short sentences at the top of a page, for readers who read with difficulty, in a
    hurry or in a language they know a little (plain language)."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=60, help_text=_("For example: 'In short'.")
    )
    points = blocks.ListBlock(
        blocks.CharBlock(label=_("Point"), max_length=160),
        min_num=1,
        max_num=5,
        label=_("Points"),
        help_text=_(
            "Up to five short sentences in everyday words: what the page says and what the "
            "reader can do. Put this block first."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = _("Plain-language summary")
        template = "awareness/blocks/plain_summary.html"


class BaseBodyBlock(blocks.StreamBlock):
    plain_summary = PlainSummaryBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"), icon="pilcrow")
    image = ImageBlock(label=_("Image"))
    quote = QuoteBlock()
    faq = FAQBlock()
    call_to_action = CallToActionBlock()


class CampaignBodyBlock(BaseBodyBlock):
    warning_signs = WarningSignsBlock()


class HelpBodyBlock(BaseBodyBlock):
    stages = StagesBlock()
    rights = RightsBlock()


class SafetyBodyBlock(BaseBodyBlock):
    safety_tip = SafetyTipBlock()
