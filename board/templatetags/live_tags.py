"""Template helpers of the live phase: whether a page updates live, the attributes it needs."""

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from home.models import EventPage

register = template.Library()


@register.simple_tag
def is_live(edition=None):
    """Whether ``edition`` (or, without one, any edition) takes place today."""
    if edition is not None:
        return edition.phase == EventPage.Phase.LIVE
    return EventPage.objects.live().filter(date=timezone.localdate()).exists()


@register.simple_tag
def live_region(interval=3000):
    """The attributes of an element that ``static/js/live.js`` keeps up to date."""
    return format_html(
        ' data-live-region data-live-interval="{}" data-live-new-one="{}" data-live-new-many="{}"',
        int(interval),
        _("Ein neuer Eintrag."),
        _("%(count)s neue Einträge."),
    )
