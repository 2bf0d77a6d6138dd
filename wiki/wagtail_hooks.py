"""Admin hooks of the wiki: the guard against autosaves that race a workflow action, the
Chefredaktion's dashboard panel of topic pages due for review."""

from django.http import JsonResponse
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext

from wagtail import hooks
from wagtail.admin.ui.components import Component

from home.permissions import has_chief_rights

from . import services
from .forms import workflow_token

# Buttons and fields of the edit form that ask for more than saving a draft. A real click
# submits them as an HTML form; Wagtail's autosave (a JSON POST of the whole form) must never
# carry them. It did: the workflow buttons append hidden inputs to the form, Wagtail's
# change detection sees new form data, and about a second later the autosave posts the form
# with "approve" in it while the approval is still being processed.
ACTION_FIELDS = (
    "action-publish",
    "action-submit",
    "action-workflow-action",
    "workflow-action-name",
    "action-restart-workflow",
    "action-cancel-workflow",
)


def is_autosave(request):
    return request.method == "POST" and not request.accepts("text/html")


def refuse_autosave(message):
    # "invalid_revision" makes Wagtail's autosave stop for good and tell the editor.
    return JsonResponse(
        {"success": False, "error_code": "invalid_revision", "error_message": message},
        status=409,
    )


@hooks.register("before_edit_page")
def refuse_autosave_racing_a_workflow(request, page):
    """An autosave only ever saves a draft of the state the editor loaded.

    Refused: an autosave that carries a publish or workflow action, and one whose form was
    loaded before the page's workflow state changed (the approval ran meanwhile). Without
    this, such a late autosave saved the editor's stale form as a new draft by the approver,
    and for a page that had never been live it wrote the page row back as not live.
    """
    if not is_autosave(request):
        return None
    if any(request.POST.get(name) for name in ACTION_FIELDS):
        return refuse_autosave(
            gettext("Automatisches Speichern führt keine Veröffentlichung oder Freigabe aus.")
        )
    loaded = request.POST.get("loaded_workflow_state")
    if loaded is not None and loaded != workflow_token(page):
        return refuse_autosave(
            gettext(
                "Der Freigabestatus dieser Seite hat sich geändert. Bitte laden Sie die Seite "
                "neu, bevor Sie weiter bearbeiten."
            )
        )
    return None


@hooks.register("insert_editor_js")
def autosave_guard_js():
    return format_html('<script src="{}"></script>', static("js/admin/autosave-guard.js"))


class ReviewPanel(Component):
    """Topic pages whose "Zuletzt geprüft" is over a year old or empty (two queries)."""

    name = "topics_due_for_review"
    template_name = "wiki/admin/review_panel.html"
    order = 110
    shown = 10

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        due = services.topics_due_for_review()
        total = due.count()
        context.update(topics=list(due[: self.shown]), total=total, more=total - self.shown)
        return context


@hooks.register("construct_homepage_panels")
def add_review_panel(request, panels):
    if has_chief_rights(request.user):
        panels.append(ReviewPanel())
