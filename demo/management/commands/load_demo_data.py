"""Build the demo site (demo/build.py). Idempotent: running it again adds only what is missing."""

import random

from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo.build import build_demo, logins


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
            build_demo(self.stdout.write)
            if not skip_index:
                self.stdout.write("Suchindex wird aufgebaut …")
                call_command("update_index", verbosity=0)
            self.stdout.write(self.style.SUCCESS("Demo-Daten sind vollständig."))
        if not no_logins:
            self.print_logins()

    def print_logins(self):
        self.stdout.write("Demo-Zugänge (E-Mail / Passwort):")
        rows = list(logins())
        width = max(len(email) for _role, email, _password, _name in rows)
        for role, email, password, display_name in rows:
            self.stdout.write(f"  {role:<15} {email:<{width}} {password:<18} ({display_name})")
