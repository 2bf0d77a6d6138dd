"""StreamField blocks the board offers to other apps' pages (the wiki's topic pages use them)."""

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from .choosers import answered_thread_chooser_viewset
from .models import Thread

EXCERPT_WORDS = 60

AnsweredThreadChooserBlock = answered_thread_chooser_viewset.get_block_class(
    name="AnsweredThreadChooserBlock", module_path="board.blocks"
)


def quotable(thread):
    """The thread and its accepted answer if both may be shown to everyone, else None."""
    if thread is None or not thread.is_public or thread.merged_into_id:
        return None
    if thread.status != Thread.Status.ANSWERED or thread.accepted_post_id is None:
        return None
    answer = thread.accepted_post
    if answer is None or not answer.is_public:
        return None
    return answer


class CommunityAnswerBlock(blocks.StructBlock):
    """ "Aus der Community": quotes an answered question of the board with an excerpt of its
    accepted answer and a link back to the discussion.

    Rendering always reads the thread's current state: if the question was hidden, merged or
    is no longer answered, the block shows a neutral note and nothing of its content.
    """

    thread = AnsweredThreadChooserBlock(label=_("Beantwortete Frage"))
    intro = blocks.CharBlock(
        label=_("Einleitung"),
        required=False,
        max_length=200,
        help_text=_("Optional, z. B. warum die Frage hier zitiert wird."),
    )

    class Meta:
        icon = "openquote"
        label = _("Aus der Community")
        template = "board/blocks/community_answer_block.html"
        description = _(
            "Zitiert eine beantwortete Frage aus dem Fragenboard mit einem Auszug der "
            "akzeptierten Antwort und einem Link zur Diskussion."
        )
        preview_value = {"thread": None, "intro": "Aus dem Fragenboard der letzten Ausgabe"}

    def get_preview_value(self):
        value = super().get_preview_value()
        example = (
            Thread.objects.public()
            .filter(status=Thread.Status.ANSWERED, accepted_post__isnull=False)
            .order_by("-last_activity_at")
            .first()
        )
        if example is not None:
            value["thread"] = example
        return value

    def clean(self, value):
        value = super().clean(value)
        if value.get("thread") is not None and quotable(value["thread"]) is None:
            raise StructBlockValidationError(
                block_errors={
                    "thread": ValidationError(
                        _("Bitte wählen Sie eine öffentliche, beantwortete Frage.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        thread = value.get("thread")
        answer = quotable(thread)
        context["quoted_thread"] = thread if answer is not None else None
        if answer is not None:
            text = " ".join(strip_tags(answer.current_body_html()).split())
            context["answer"] = answer
            context["excerpt"] = Truncator(text).words(EXCERPT_WORDS, truncate=" …")
        return context
