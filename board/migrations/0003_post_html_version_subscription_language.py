from django.db import migrations, models


def render_stored_html(apps, schema_editor):
    """Render every post once with the current pipeline and stamp its version.

    Uses ``board.markdown`` as it is when the migration runs: the stored HTML is a cache of that
    pipeline, and ``manage.py refresh_board_html`` redoes this whenever its version is raised.
    """
    from board.markdown import HTML_VERSION, render_markdown

    Post = apps.get_model("board", "Post")
    batch = []
    for post in Post.objects.only("pk", "body").order_by("pk").iterator(chunk_size=500):
        post.body_html = render_markdown(post.body)
        post.html_version = HTML_VERSION
        batch.append(post)
        if len(batch) >= 500:
            Post.objects.bulk_update(batch, ["body_html", "html_version"])
            batch = []
    if batch:
        Post.objects.bulk_update(batch, ["body_html", "html_version"])


class Migration(migrations.Migration):
    dependencies = [
        ("board", "0002_post_page_link"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="html_version",
            field=models.PositiveSmallIntegerField(
                default=0,
                editable=False,
                help_text="board.markdown.HTML_VERSION, mit der body_html erzeugt wurde.",
                verbose_name="Version der HTML-Fassung",
            ),
        ),
        migrations.RunPython(render_stored_html, migrations.RunPython.noop, elidable=True),
        migrations.AddField(
            model_name="subscription",
            name="language",
            field=models.CharField(
                choices=[("de", "Deutsch"), ("en", "Englisch")],
                default="de",
                help_text=(
                    "Die Sprache, in der die Person gefolgt ist; E-Mails und Links folgen ihr."
                ),
                max_length=10,
                verbose_name="Sprache der E-Mails",
            ),
        ),
    ]
