"""Admin forms of the site shell's pages."""

from django.utils.text import slugify

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


class EventPageForm(WagtailAdminPageForm):
    """A new edition's address is its year ("/ausgaben/2026/"), like the editions before.

    Wagtail fills the slug from the title ("konferenz-2026"); for a new edition whose slug is
    still that default, the year of its date is taken instead, unless a sibling has it.
    """

    def clean(self):
        data = self.cleaned_data
        date, slug, title = data.get("date"), data.get("slug"), data.get("title") or ""
        if self.instance.pk is None and date and slug and slug == slugify(title):
            year = str(date.year)
            if self.parent_page is None or Page._slug_is_available(
                year, self.parent_page, self.instance
            ):
                data["slug"] = year
        return super().clean()
