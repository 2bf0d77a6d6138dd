"""Build the demo site. Idempotent: running it again adds only what is missing."""

import random

from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo.live_edition import build_live_demo
from demo.questions import build_board_demo
from demo.site_shell import DEMO_USERS, build_site_shell, ensure_tag_labels
from demo.topics import CHIEF_EDITOR, build_wiki
from home import versions


class Command(BaseCommand):
    help = "Baut die Demo-Website auf (idempotent) und aktualisiert danach den Suchindex."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=2025, help="Zufallsstartwert (Standard 2025)."
        )
        parser.add_argument(
            "--print-logins", action="store_true", help="Nur die Demo-Zugänge ausgeben."
        )
        parser.add_argument(
            "--skip-index", action="store_true", help="Den Suchindex nicht neu aufbauen."
        )
        parser.add_argument(
            "--no-logins", action="store_true", help="Die Demo-Zugänge nicht ausgeben."
        )

    def handle(self, *args, seed, print_logins, skip_index, no_logins, **options):
        if not print_logins:
            random.seed(seed)
            log = self.stdout.write
            shell = build_site_shell(log)
            build_wiki(shell, log)
            build_board_demo(shell, log)
            ensure_tag_labels(log)
            build_live_demo(shell, log)  # an edition taking place today: wall, sessions, live
            # The builders date pages and posts with QuerySet.update(), which sends no signal:
            # cached pages and fragments (home/versions.py) must not keep the undated copies.
            versions.bump(versions.SITE, versions.BOARD)
            # Content of the other apps is added here as they provide demo builders.
            if not skip_index:
                self.stdout.write("Suchindex wird aufgebaut …")
                call_command("update_index", verbosity=0)
            self.stdout.write(self.style.SUCCESS("Demo-Daten sind vollständig."))
        if not no_logins:
            self.print_logins()

    def print_logins(self):
        self.stdout.write("Demo-Zugänge (E-Mail / Passwort):")
        for email, password, display_name, _institution, group, is_superuser in DEMO_USERS:
            role = "Administration" if is_superuser else (group or "Teilnahme")
            self.stdout.write(f"  {role:<15} {email:<26} {password}   ({display_name})")
        email, password, display_name = CHIEF_EDITOR  # approves topic pages (wiki workflow)
        self.stdout.write(f"  {'Chefredaktion':<15} {email:<26} {password}   ({display_name})")
