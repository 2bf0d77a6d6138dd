"""The credited image in the Wagtail admin: the form (kind with suggestions, data for the
credit-line preview) and the listing with a licence filter.

`WAGTAILIMAGES_IMAGE_FORM_BASE` names `CreditedImageForm`; `config/urls.py` routes the image
listing to `CreditedImageIndexView` (before Wagtail's admin URLs, under the same paths).
The listing and the chooser show licence and credit line through template overrides in
`templates/wagtailimages/`. The live preview is `static/js/admin/credit-preview.js`.
"""

import json

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm
from wagtail.images.views.images import ImagesFilterSet, IndexView

import django_filters

from .licences import Licence
from .models import CreditedImage


class SuggestionsInput(forms.TextInput):
    """A text input with a `<datalist>` of suggestions (any other text is allowed)."""

    def __init__(self, suggestions, attrs=None):
        super().__init__(attrs)
        self.suggestions = list(suggestions)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or name}-vorschlaege"
        attrs["list"] = list_id
        options = format_html_join(
            "", '<option value="{}"></option>', ((item,) for item in self.suggestions)
        )
        return format_html(
            '{}<datalist id="{}">{}</datalist>',
            super().render(name, value, attrs, renderer),
            list_id,
            options,
        )


def licence_names():
    return {value: CreditedImage(licence=value).licence_name for value in Licence.values}


class CreditedImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            self.fields["kind"].widget = SuggestionsInput(
                CreditedImage.KIND_LABELS, attrs={"autocomplete": "off"}
            )
        if "licence" in self.fields:
            # Read by credit-preview.js, which shows the credit line as it will appear.
            self.fields["licence"].widget.attrs.update(
                {
                    "data-credit-names": json.dumps(licence_names(), ensure_ascii=False),
                    "data-credit-partner": gettext("Datenpartner: %(holder)s"),
                    "data-credit-heading": gettext("So erscheint die Bildangabe:"),
                    "data-credit-empty": gettext("(noch keine Angaben)"),
                }
            )


class CreditedImagesFilterSet(ImagesFilterSet):
    licence = django_filters.ChoiceFilter(label=_("Lizenz"), choices=Licence.choices)

    class Meta(ImagesFilterSet.Meta):
        fields = []


class CreditedImageIndexView(IndexView):
    filterset_class = CreditedImagesFilterSet
