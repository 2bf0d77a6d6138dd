"""Export of an edition's questions for the organisers (CSV and JSON), used by the admin view.

What goes out: the public questions of the edition (any language version of its page; not
pending, hidden or merged ones), optionally of one session, each with its text, the author as
the public sees it ("anonym" for anonymous questions; never an e-mail address), phase, session,
status, votes, reply count, the accepted answer and all visible answers.

CSV: UTF-8 with a byte order mark and ``;`` as separator, because that is what Excel with German
regional settings opens correctly by double-click (it reads "," as part of numbers); quoting is
left to the ``csv`` module (``QUOTE_MINIMAL``, so line breaks inside answers stay in their cell).
Cells starting with ``= + - @`` (or a tab / carriage return) get a leading apostrophe so a
spreadsheet never runs a participant's text as a formula (CSV injection).

Both formats are generated row by row for ``StreamingHttpResponse``; threads are read in chunks
with their posts prefetched per chunk, so the number of queries does not grow with the threads.
"""

import csv
import json

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from home.site_urls import absolute_url

from .models import Post, Thread

CSV_DELIMITER = ";"
CHUNK_SIZE = 200
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def columns():
    """(key, German column title) of the CSV export, in order."""
    return [
        ("id", _("ID")),
        ("title", _("Frage")),
        ("text", _("Text")),
        ("author", _("Verfasser*in")),
        ("phase", _("Phase")),
        ("session", _("Programmpunkt")),
        ("status", _("Status")),
        ("votes", _("Stimmen")),
        ("reply_count", _("Antworten")),
        ("accepted_answer", _("Akzeptierte Antwort")),
        ("answers", _("Alle Antworten")),
        ("tags", _("Schlagwörter")),
        ("created_at", _("Gestellt am")),
        ("url", _("Link")),
    ]


def export_queryset(*, edition, user, session_id=""):
    """The edition's questions listed for ``user`` (who exports), with their published posts."""
    threads = (
        Thread.objects.listed_for(user)
        .filter(Q(edition=edition) | Q(edition__translation_key=edition.translation_key))
        .select_related("author", "accepted_post__author")
        .prefetch_related(
            "tags",
            Prefetch(
                "posts",
                queryset=Post.objects.published()
                .select_related("author")
                .order_by("created_at", "pk"),
                to_attr="visible_posts",
            ),
        )
        .order_by("-vote_count", "created_at", "pk")
    )
    if session_id:
        threads = threads.filter(session_id=session_id)
    return threads


def _absolute(path):
    return absolute_url(path)


def question_records(*, edition, user, session_id=""):
    """One dict per question, ready for JSON (and flattened for CSV)."""
    sessions = {block_id: value["title"] for block_id, value in edition.sessions()}
    phases = dict(Thread._meta.get_field("phase").choices)
    statuses = dict(Thread.Status.choices)
    for thread in export_queryset(edition=edition, user=user, session_id=session_id).iterator(
        chunk_size=CHUNK_SIZE
    ):
        posts = thread.visible_posts
        root = next((post for post in posts if post.parent_id is None), None)
        accepted = thread.accepted_post
        if accepted is not None and not accepted.is_public:
            accepted = None
        answers = [
            {
                "id": post.pk,
                "author": post.public_author_name(),
                "text": post.body,
                "votes": post.vote_count,
                "depth": post.depth,
                "reply_to": post.parent_id,
                "accepted": accepted is not None and post.pk == accepted.pk,
                "created_at": post.created_at.isoformat(),
            }
            for post in posts
            if post.parent_id is not None
        ]
        yield {
            "id": thread.pk,
            "title": thread.title,
            "text": root.body if root else "",
            "author": root.public_author_name() if root else str(_("anonym")),
            "phase": str(phases.get(thread.phase, thread.phase)),
            "session": sessions.get(thread.session_id, ""),
            "status": str(statuses.get(thread.status, thread.status)),
            "votes": thread.vote_count,
            "reply_count": thread.reply_count,
            "accepted_answer": accepted.body if accepted else "",
            "answers": answers,
            "tags": sorted(tag.name for tag in thread.tags.all()),
            "created_at": thread.created_at.isoformat(),
            "url": _absolute(thread.get_absolute_url()),
        }


def _cell(value):
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _flat(record):
    answers = "\n\n".join(f"{answer['author']}: {answer['text']}" for answer in record["answers"])
    values = {**record, "answers": answers, "tags": ", ".join(record["tags"])}
    return [
        values[key] if isinstance(values[key], int) else _cell(values[key])
        for key, _title in columns()
    ]


class _Echo:
    """A file-like object whose ``write`` returns the line, for a streaming csv.writer."""

    def write(self, value):
        return value


def csv_chunks(records):
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER, lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([title for _key, title in columns()])
    for record in records:
        yield writer.writerow(_flat(record))


def json_chunks(records, *, edition, session_id=""):
    head = {
        "edition": {"id": edition.pk, "title": edition.title, "year": edition.year},
        "session_id": session_id,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "questions": ['
    for index, record in enumerate(records):
        yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]}\n"
