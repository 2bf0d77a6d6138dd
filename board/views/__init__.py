"""The board's views by area: ``threads`` (list, thread page, permalink, asking, status),
``posts`` (replies, edits, history, preview, votes, accepting, flags), ``moderation`` (public log,
admin review), ``subscriptions`` (following, unsubscribing), ``privacy`` (own data) and ``live``
(the live phase: quick join, its QR code, the moderators' live page, the wall, session lists;
``live_parts``: what a live poll adds for one reader to the rendering shared by their role).
Every mutating view is POST-only, CSRF-protected and calls a service; GET never changes anything.
Objects are fetched through ``visible_to`` (board/models.py); rules are declared by name
(board/rules.py)."""
