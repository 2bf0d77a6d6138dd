"""Tags in the admin: the Redaktion renames and merges them (home/tag_admin.py)."""

from django.urls import reverse

import pytest
from taggit.models import Tag

from home.models import TagTranslation


def tag_names(page):
    return sorted(tag.name for tag in page.tags.all())


@pytest.mark.django_db
def test_redaktion_lists_and_renames_tags(client, make_topic, editor):
    topic = make_topic()
    topic.tags.add("Digitalsierung")
    topic.save()
    tag = Tag.objects.get(name="Digitalsierung")
    client.force_login(editor)

    listing = client.get(reverse("tags:index"))
    response = client.post(
        reverse("tags:edit", args=[tag.pk]), {"name": "Digitalisierung", "slug": "digitalisierung"}
    )

    assert listing.status_code == 200
    assert "Digitalsierung" in listing.content.decode()
    assert response.status_code == 302
    assert tag_names(topic) == ["Digitalisierung"]


@pytest.mark.django_db
def test_redaktion_merges_a_duplicate_tag(client, make_topic, editor):
    both = make_topic(title="Beide")
    both.tags.add("Digitalisierung", "Digitalisieren")
    both.save()
    duplicate_only = make_topic(title="Nur Duplikat")
    duplicate_only.tags.add("Digitalisieren")
    duplicate_only.save()
    source = Tag.objects.get(name="Digitalisieren")
    target = Tag.objects.get(name="Digitalisierung")
    TagTranslation.objects.create(tag=source, name_en="Digitisation")
    client.force_login(editor)

    form = client.get(reverse("tags:merge", args=[source.pk]))
    response = client.post(reverse("tags:merge", args=[source.pk]), {"target": target.pk})

    assert form.status_code == 200
    assert response.status_code == 302
    assert not Tag.objects.filter(pk=source.pk).exists()
    assert tag_names(both) == ["Digitalisierung"]
    assert tag_names(duplicate_only) == ["Digitalisierung"]
    assert TagTranslation.objects.get(tag=target).name_en == "Digitisation"


@pytest.mark.django_db
def test_moderation_without_tag_rights_cannot_merge(client, make_topic):
    from ..factories import make_moderator

    topic = make_topic()
    topic.tags.add("Eins", "Zwei")
    topic.save()
    client.force_login(make_moderator())

    response = client.post(
        reverse("tags:merge", args=[Tag.objects.get(name="Eins").pk]),
        {"target": Tag.objects.get(name="Zwei").pk},
    )

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert Tag.objects.filter(name="Eins").exists()
