"""An admin chooser for answered questions, used by the "Aus der Community" block
(``board.blocks``) and registered in ``board.wagtail_hooks``.

A ``ChooserViewSet`` rather than a snippet: threads already have their admin listing
(``ThreadViewSet``) and must not be created or edited as snippets; the chooser only offers
public, answered questions.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.chooser import ChooserViewSet

from .models import Thread


class AnsweredThreadChooserViewSet(ChooserViewSet):
    model = Thread
    icon = "help"
    choose_one_text = _("Beantwortete Frage wählen")
    choose_another_text = _("Andere Frage wählen")
    page_title = _("Beantwortete Frage wählen")
    per_page = 20
    # Not the default widget for every ForeignKey to Thread (e.g. "merged into" may be open).
    register_widget = False

    def get_object_list(self):
        return (
            Thread.objects.public()
            .filter(status=Thread.Status.ANSWERED, accepted_post__isnull=False)
            .select_related("edition")
            .order_by("-last_activity_at")
        )


answered_thread_chooser_viewset = AnsweredThreadChooserViewSet(
    "board_answered_thread_chooser", url_prefix="fragenboard/beantwortete-fragen"
)
