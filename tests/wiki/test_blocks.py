"""The consent embed block: allowed providers only, and no third-party request before a click."""

from django.core.exceptions import ValidationError

import pytest

from wiki.blocks import ConsentEmbedBlock, match_embed_provider


@pytest.mark.parametrize(
    ("url", "provider", "embed_url"),
    [
        (
            "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
        ),
        (
            "https://youtu.be/aqz-KE-bpKQ?t=10",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
        ),
        (
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
        ),
        ("https://vimeo.com/76979871", "Vimeo", "https://player.vimeo.com/video/76979871?dnt=1"),
    ],
)
def test_allowed_providers_are_recognised_without_network(url, provider, embed_url):
    found, found_url = match_embed_provider(url)

    assert (found.name, found_url) == (provider, embed_url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/video/123",
        "http://www.youtube.com/watch?v=aqz-KE-bpKQ",  # not https
        "https://www.youtube.com.evil.example/watch?v=aqz-KE-bpKQ",
        "https://evil.example/?u=https://youtu.be/aqz-KE-bpKQ",
        "https://www.youtube.com/watch?x=1&notv=aqz-KE-bpKQ",
    ],
)
def test_other_urls_are_refused_with_a_german_message(url):
    block = ConsentEmbedBlock()
    value = block.to_python({"url": url, "title": "Video", "caption": ""})

    with pytest.raises(ValidationError) as error:
        block.clean(value)

    assert str(error.value.block_errors["url"].messages[0]) == (
        "Diese Adresse kann nicht eingebettet werden. Erlaubt sind nur Inhalte von: "
        "YouTube, Vimeo. Verlinken Sie andere Inhalte im Text."
    )


@pytest.mark.parametrize("url", ["javascript:alert(1)", ""])
def test_invalid_or_missing_urls_are_refused(url):
    block = ConsentEmbedBlock()
    value = block.to_python({"url": url, "title": "Video", "caption": ""})

    with pytest.raises(ValidationError):
        block.clean(value)


def test_allowed_url_passes_clean():
    block = ConsentEmbedBlock()
    value = block.to_python(
        {"url": "https://vimeo.com/76979871", "title": "Vortrag", "caption": ""}
    )

    assert block.clean(value)["url"] == "https://vimeo.com/76979871"


def test_embed_renders_a_placeholder_without_iframe():
    block = ConsentEmbedBlock()
    value = block.to_python(
        {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": 'Vortrag "KI" <b>',
            "caption": "Mitschnitt",
        }
    )

    html = block.render(value)

    assert "<iframe" not in html
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"' in html
    assert "Inhalt von YouTube laden" in html
    assert '<a href="https://www.youtube.com/watch?v=aqz-KE-bpKQ"' in html
    assert "Vortrag &quot;KI&quot; &lt;b&gt;" in html


@pytest.mark.django_db
def test_editor_gets_a_message_for_a_foreign_embed_url(client, topic_index, make_topic, editor):
    """The admin refuses to save the page and shows the block's error next to the field."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    topic = make_topic(title="Mit Video")
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": "Mit Video",
            "slug": topic.slug,
            "summary": "Kurz.",
            "body": streamfield(
                [
                    (
                        "embed",
                        {"url": "https://tracker.example/v/1", "title": "Fremd", "caption": ""},
                    ),
                    ("paragraph", rich_text("<p>Text</p>")),
                ]
            ),
            "tags": "",
            "related_topic_links": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        }
    )

    response = client.post(f"/admin/pages/{topic.pk}/edit/", data)

    assert response.status_code == 200
    assert "Diese Adresse kann nicht eingebettet werden." in response.content.decode()
    topic.refresh_from_db()
    assert topic.latest_revision is None or "tracker.example" not in str(
        topic.latest_revision.content
    )
