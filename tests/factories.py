"""Factories for the project's models (factory_boy and wagtail-factories)."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

import factory
import wagtail_factories

from home.licences import Licence
from home.models import CreditedImage, EventIndexPage, EventPage, HomePage, StandardPage
from wiki.models import TopicIndexPage, TopicPage


class UserFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    institution = "Stadtmuseum Beispielstadt"
    password = factory.django.Password("geheim-und-lang-genug")
    # Established accounts by default; accounts younger than a day have fewer rights
    # (board/limits.py): pass ``date_joined=timezone.now()`` to test those.
    date_joined = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


class CreditedImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Bild {n}")
    creator = "Kurt Schwarz"
    rights_holder = "Industriesalon Schöneweide e.V."
    licence = Licence.CC_BY_NC_SA
    modification_note = "farbige Ecken ergänzt durch Xenia Kitaeva"

    class Meta:
        model = CreditedImage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Kooperationsraum"
    slug = "start"

    class Meta:
        model = HomePage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Ausgaben"
    slug = "ausgaben"
    show_in_menus = True
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Konferenz {2000 + n}")
    slug = factory.Sequence(lambda n: f"{2000 + n}")
    theme = "Kooperationen"
    date = datetime.date(2025, 11, 13)
    start_time = datetime.time(9, 30)
    end_time = datetime.time(17, 30)
    venue_name = "Zuse-Institut Berlin"
    venue_address = "Takustraße 7\n14195 Berlin"
    parent = factory.SubFactory(EventIndexPageFactory)

    class Meta:
        model = EventPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "Impressum"
    slug = factory.LazyAttribute(lambda obj: obj.title.lower())
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = StandardPage


class TopicIndexPageFactory(wagtail_factories.PageFactory):
    title = "Themen"
    slug = "themen"
    show_in_menus = True
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = TopicIndexPage


class TopicPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Thema {n}")
    summary = "Worum es geht, in zwei Sätzen."
    parent = factory.SubFactory(TopicIndexPageFactory)

    class Meta:
        model = TopicPage


def make_site_home(**kwargs):
    """A HomePage as the default site's root (replacing Wagtail's placeholder page)."""
    from wagtail.models import Locale, Page, Site

    Locale.objects.get_or_create(language_code="de")
    Locale.objects.get_or_create(language_code="en")
    home = HomePageFactory(parent=Page.get_first_root_node(), **kwargs)
    site = Site.objects.get(is_default_site=True)
    placeholder = site.root_page
    site.root_page = home
    site.save()
    if placeholder.depth == 2 and placeholder.specific_class is Page:
        placeholder.delete()
    return home


def ask(edition, author, title="Wie teilen kleine Häuser ihre Scanner?", body="Text", **kwargs):
    """A question through the service, as participants ask them."""
    from board import services

    return services.ask_question(edition=edition, author=author, title=title, body=body, **kwargs)


def reply(thread, author, body="Eine Antwort.", parent=None):
    from board import services

    return services.post_reply(thread=thread, author=author, body=body, parent=parent)


def make_moderator(**kwargs):
    """A user in the Moderation group (with its board permissions)."""
    from home.roles import MODERATORS, ensure_roles

    user = UserFactory(**kwargs)
    user.groups.add(ensure_roles()[MODERATORS])
    return user
