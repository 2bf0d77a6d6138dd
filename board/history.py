"""A post's edit history as its readers see it (``board:history``): every version with who made
it and when, and what changed from the version before (a word diff, like Discourse's revision
view).

Who may open it is the rule ``board.view_post_history`` (board/rules.py); what a reader learns
about the people involved follows the thread page: an anonymous post's author is "anonym" to
everyone but the moderation (which sees the name, as on the post card), and an edit by the
moderation is signed "Moderation" for participants, with the moderator's name for moderators.

What the moderation edited out stays with the moderation: a moderator edits someone else's post
to take out what must not be published (personal data, an insult), so everybody else sees the
versions from the latest edit by the moderation on, the first of them as plain text without a
diff to the version before it (``Version.earlier_withheld``).
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .markdown import render_markdown

# Words, runs of white space and single other characters: a diff of these reads like an edit.
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass
class Version:
    """One version of a post, as shown on the history page."""

    number: int
    title: str
    body: str
    made_at: object
    made_by: str
    by_moderation: bool = False
    title_diff: str = ""
    body_diff: str = ""
    changed_title: bool = False
    earlier_withheld: bool = False

    @property
    def body_html(self):
        return render_markdown(self.body)


def diff_html(old, new):
    """``new`` against ``old`` as HTML: unchanged text, ``<del>`` for removed and ``<ins>`` for
    added words, each marked for screen readers too. Every piece of text is escaped."""
    old_tokens, new_tokens = _TOKENS.findall(old), _TOKENS.findall(new)
    removed, added = _("entfernt:"), _("hinzugefügt:")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", "".join(old_tokens[a1:a2])))
            continue
        if op in ("delete", "replace"):
            parts.append(
                format_html(
                    '<del><span class="visually-hidden">[{} </span>{}<span '
                    'class="visually-hidden">] </span></del>',
                    removed,
                    "".join(old_tokens[a1:a2]),
                )
            )
        if op in ("insert", "replace"):
            parts.append(
                format_html(
                    '<ins><span class="visually-hidden">[{} </span>{}<span '
                    'class="visually-hidden">] </span></ins>',
                    added,
                    "".join(new_tokens[b1:b2]),
                )
            )
    return mark_safe("".join(parts))  # noqa: S308 - every part went through format_html


def author_label(post, *, moderator):
    """Who wrote ``post``, as ``moderator`` (or not) may learn it."""
    return _author_label(post, moderator=moderator)


def _author_label(post, *, moderator):
    name = post.author.get_full_name() if post.author is not None else _("gelöschtes Konto")
    if post.is_anonymous:
        if moderator:
            return _("anonym (Moderation sieht: %(name)s)") % {"name": name}
        return _("anonym")
    return name


def _editor_label(post, editor_id, editor, *, moderator):
    """(label, by the moderation?) of the person who made a later version."""
    if editor_id is not None and editor_id == post.author_id:
        return _author_label(post, moderator=moderator), False
    if editor is None:
        return _("gelöschtes Konto"), False
    if moderator:
        return _("%(name)s (Moderation)") % {"name": editor.get_full_name()}, True
    return _("Moderation"), True


def versions(post, *, moderator):
    """The versions of ``post``, oldest first, each with its diff against the one before.

    Version 1 was written by the author when the post was created; version n + 1 was made by
    whoever edited version n (``PostRevision.edited_by``), at the moment it replaced it.
    """
    revisions = list(post.revisions.select_related("edited_by").order_by("version"))
    current_title = post.thread.title if post.is_question else ""
    texts = [(rev.version, rev.title, rev.body) for rev in revisions]
    texts.append((post.version, current_title, post.body))
    made = [(post.created_at, _author_label(post, moderator=moderator), False)]
    for rev in revisions:
        label, by_moderation = _editor_label(
            post, rev.edited_by_id, rev.edited_by, moderator=moderator
        )
        made.append((rev.created_at, label, by_moderation))
    result = []
    previous = None
    for (number, title, body), (made_at, made_by, by_moderation) in zip(texts, made, strict=True):
        version = Version(
            number=number,
            title=title,
            body=body,
            made_at=made_at,
            made_by=made_by,
            by_moderation=by_moderation,
        )
        if previous is not None:
            version.changed_title = title != previous.title
            version.title_diff = diff_html(previous.title, title) if version.changed_title else ""
            version.body_diff = diff_html(previous.body, body)
        result.append(version)
        previous = version
    if not moderator:
        result = _withhold_before_moderation(result)
    return result


def _withhold_before_moderation(result):
    """The versions from the latest one made by the moderation on; that one without a diff."""
    latest = max((i for i, version in enumerate(result) if version.by_moderation), default=None)
    if latest is None:
        return result
    first = result[latest]
    first.earlier_withheld = True
    first.changed_title = False
    first.title_diff = first.body_diff = ""
    return result[latest:]
