"""StreamField blocks shared by the site's page types (the wiki builds on these)."""

import datetime

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .compare import ChoiceLabelComparison, TableComparison, comparable


class HeadingBlock(blocks.StructBlock):
    """A section heading; its text gives the anchor that the table of contents links to."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = comparable(
        blocks.ChoiceBlock(
            label=_("Ebene"),
            choices=[("h2", _("Überschrift 2")), ("h3", _("Überschrift 3"))],
            default="h2",
        ),
        ChoiceLabelComparison,
    )

    class Meta:
        icon = "title"
        label = _("Überschrift")
        template = "components/streamfield/blocks/heading_block.html"
        preview_value = {"text": "Geteilte Infrastrukturen", "level": "h2"}
        description = _("Eine Zwischenüberschrift; erscheint im Inhaltsverzeichnis.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["anchor"] = slugify(value["text"]) or "abschnitt"
        return context

    def get_searchable_content(self, value):
        # Only the heading's text: the level's label ("Überschrift 2") is no content.
        return [value["text"]] if value.get("text") else []


class CreditedImageBlock(blocks.StructBlock):
    """An image with caption; the credit line comes from the image's rights metadata."""

    image = ImageChooserBlock(label=_("Bild"))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False, max_length=300)
    alt_text = blocks.CharBlock(
        label=_("Alternativtext"),
        required=False,
        max_length=300,
        help_text=_("Leer lassen, um die Beschreibung des Bildes zu verwenden."),
    )

    class Meta:
        icon = "image"
        label = _("Bild mit Nachweis")
        template = "components/streamfield/blocks/image_block.html"
        description = _("Ein Bild mit Bildunterschrift und Rechtenachweis.")
        preview_value = {"caption": "Digitalisierungswerkstatt"}


class QuoteBlock(blocks.StructBlock):
    """A quotation with its source."""

    quote = blocks.TextBlock(label=_("Zitat"))
    attribution = blocks.CharBlock(label=_("Quelle"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Zitat")
        template = "components/streamfield/blocks/quote_block.html"
        preview_value = {
            "quote": "Kooperation heißt, Infrastruktur gemeinsam zu denken.",
            "attribution": "Teilnehmerin 2024",
        }
        description = _("Ein hervorgehobenes Zitat mit Quellenangabe.")


class CalloutBlock(blocks.StructBlock):
    """A highlighted box for a hint, a warning or a key fact."""

    kind = comparable(
        blocks.ChoiceBlock(
            label=_("Art"),
            choices=[("info", _("Hinweis")), ("tip", _("Tipp")), ("warning", _("Achtung"))],
            default="info",
        ),
        ChoiceLabelComparison,
    )
    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("Hinweiskasten")
        template = "components/streamfield/blocks/callout_block.html"
        preview_value = {"kind": "tip", "title": "Tipp", "text": "<p>Früh Partner suchen.</p>"}
        description = _("Ein hervorgehobener Kasten für Hinweise, Tipps oder Warnungen.")


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document from the media library."""

    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(
        label=_("Linktext"), required=False, help_text=_("Leer lassen für den Dokumenttitel.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Dokument")
        template = "components/streamfield/blocks/document_block.html"
        description = _("Ein Link auf ein Dokument (PDF, Folien, Tabelle).")
        preview_value = {"title": "Folien zum Vortrag"}


def content_blocks():
    """The general content blocks every page body offers, in the order editors see them."""
    return [
        ("heading", HeadingBlock()),
        (
            "paragraph",
            blocks.RichTextBlock(
                label=_("Text"),
                features=["h3", "bold", "italic", "link", "document-link", "ol", "ul", "hr"],
            ),
        ),
        ("image", CreditedImageBlock()),
        ("quote", QuoteBlock()),
        ("callout", CalloutBlock()),
        (
            "table",
            comparable(
                TableBlock(
                    label=_("Tabelle"),
                    template="components/streamfield/blocks/table_block.html",
                    table_options={"contextMenu": True, "startRows": 3, "startCols": 3},
                ),
                TableComparison,
            ),
        ),
        ("document", DocumentLinkBlock()),
    ]


class SessionBlock(blocks.StructBlock):
    """One session of an edition's programme."""

    start_time = blocks.TimeBlock(label=_("Beginn"))
    end_time = blocks.TimeBlock(label=_("Ende"), required=False)
    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    speakers = blocks.CharBlock(
        label=_("Mitwirkende"), required=False, max_length=300, help_text=_("Kommagetrennt.")
    )
    room = blocks.CharBlock(label=_("Raum"), required=False, max_length=100)
    description = blocks.TextBlock(label=_("Beschreibung"), required=False)
    topic = blocks.PageChooserBlock(
        label=_("Themenseite"), page_type="wiki.TopicPage", required=False
    )

    class Meta:
        icon = "time"
        label = _("Programmpunkt")
        template = "components/streamfield/blocks/session_block.html"
        description = _("Ein Programmpunkt mit Zeit, Titel, Mitwirkenden und Raum.")
        preview_value = {
            "start_time": datetime.time(10, 0),
            "end_time": datetime.time(10, 45),
            "title": "Geteilte Dienste für kleine Häuser",
            "speakers": "Dr. Anna Beispiel",
            "room": "Hörsaal",
        }


class SaveTheDateBlock(blocks.StructBlock):
    """The announcement text that goes out before an edition."""

    heading = blocks.CharBlock(label=_("Überschrift"), default="Save the Date", max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "date"
        label = _("Save the Date")
        template = "components/streamfield/blocks/save_the_date_block.html"
        description = _("Ankündigungstext mit Datum, Ort und Kalenderdatei.")
        preview_value = {
            "heading": "Save the Date",
            "text": "<p>Die nächste Ausgabe findet am 13. November statt.</p>",
        }
