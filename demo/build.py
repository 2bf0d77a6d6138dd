"""The whole demo site in one call, in the order its parts need each other: the site shell
(accounts, roles, images, home, editions, legal pages), the wiki (topic pages, their workflow,
translations), the board's questions, the English tag labels and the live edition of today.

Each builder is idempotent and writes through the apps' services and models, never through
fixtures; ``load_demo_data`` (``demo/management/commands/``) calls :func:`build_demo` and prints
:func:`logins`.
"""

from home import versions

from .live_edition import build_live_demo
from .questions import build_board_demo
from .site_shell import DEMO_USERS, build_site_shell, ensure_tag_labels
from .topics import CHIEF_EDITOR, build_wiki


def build_demo(log):
    """Build what is missing of the demo site; ``log`` takes one line of progress at a time."""
    shell = build_site_shell(log)
    build_wiki(shell, log)
    build_board_demo(shell, log)
    ensure_tag_labels(log)
    build_live_demo(shell, log)  # an edition taking place today: wall, sessions, live
    # The builders date pages and posts with QuerySet.update(), which sends no signal: cached
    # pages and fragments (home/versions.py) must not keep the undated copies.
    versions.bump(versions.SITE, versions.BOARD)
    return shell


def logins():
    """The demo's accounts as (role, e-mail, password, display name)."""
    for email, password, display_name, _institution, group, is_superuser in DEMO_USERS:
        role = "Administration" if is_superuser else (group or "Teilnahme")
        yield role, email, password, display_name
    email, password, display_name = CHIEF_EDITOR  # approves topic pages (wiki workflow)
    yield "Chefredaktion", email, password, display_name
