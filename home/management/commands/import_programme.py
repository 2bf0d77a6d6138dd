"""Import an edition's programme from a pretalx schedule export (``schedule.json``).

    manage.py import_programme 2026 schedule.json

Idempotent by the talks' guids (``home/programme.py``); a bad file changes nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from home.models import EventPage
from home.programme import ProgrammeImportError, import_schedule


class Command(BaseCommand):
    help = "Importiert das Programm einer Ausgabe aus einem pretalx-Fahrplan (schedule.json)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="Jahr der Ausgabe")
        parser.add_argument("path", help="Pfad zur Datei schedule.json (pretalx/frab)")

    def handle(self, *args, **options):
        edition = (
            EventPage.objects.filter(
                date__year=options["year"], locale__language_code=settings.LANGUAGE_CODE
            )
            .order_by("date")
            .first()
        )
        if edition is None:
            raise CommandError(_("Es gibt keine Ausgabe %(year)d.") % {"year": options["year"]})
        try:
            with open(options["path"], "rb") as file:
                data = file.read()
        except OSError as error:
            raise CommandError(
                _("Die Datei %(path)s lässt sich nicht lesen.") % {"path": options["path"]}
            ) from error
        try:
            result = import_schedule(edition=edition, data=data)
        except ProgrammeImportError as error:
            raise CommandError(error.message) from error
        self.stdout.write(result.summary())
