"""The page frame: the header has the same structure logged in and out, checkboxes sit before
their labels."""

import re

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

import pytest

from tests.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER_PARTS = re.compile(r'class="(site-logo|meta-nav|main-nav|header-search)"')


def header(html):
    return html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]


def test_header_has_the_same_parts_in_the_same_order_logged_in_and_out(client, home_page):
    logged_out = header(client.get(home_page.url).content.decode())
    client.force_login(UserFactory(display_name="Charlotte Chefredaktion von Beispielstadt"))
    logged_in = header(client.get(home_page.url).content.decode())

    # Visual order (CSS grid rows: logo + account/language, menu + search) = reading order.
    expected = ["site-logo", "meta-nav", "main-nav", "header-search"]
    assert HEADER_PARTS.findall(logged_out) == expected
    assert HEADER_PARTS.findall(logged_in) == expected
    assert "Anmelden" in logged_out and "Abmelden" not in logged_out
    # A long name is cut by CSS, the link still holds all of it.
    assert re.search(
        r'<a class="meta-nav__user" href="[^"]+"[^>]*>'
        r"Charlotte Chefredaktion von Beispielstadt</a>",
        logged_in,
    )


def test_header_search_has_a_label_and_a_short_placeholder(client, home_page):
    html = header(client.get(home_page.url).content.decode())

    assert '<label class="visually-hidden" for="header-search-input">Suchbegriff</label>' in html
    placeholder = re.search(r'id="header-search-input"[^>]* placeholder="([^"]+)"', html).group(1)
    assert placeholder == "Themen, Fragen, Ausgaben"


class ConsentForm(forms.Form):
    name = forms.CharField(label="Name")
    anonymous = forms.BooleanField(label="Anonym fragen", help_text="Niemand sieht Ihren Namen.")


def test_shared_form_fields_put_the_checkbox_before_its_label_and_help():
    html = render_to_string("components/form_fields.html", {"form": ConsentForm()})

    field = re.search(r'<div class="field field--check">(.*?)</div>', html, re.S).group(1)
    box = field.index('type="checkbox"')
    label = field.index('<label for="id_anonymous">Anonym fragen')
    help_text = field.index('<p class="field__help" id="id_anonymous_helptext">')
    assert box < label < help_text
    assert 'aria-describedby="id_anonymous_helptext"' in field
    # Other fields keep label, then input.
    text_field = re.search(r'<div class="field">(.*?)</div>', html, re.S).group(1)
    assert text_field.index("<label") < text_field.index("<input")


def test_signup_consent_checkbox_comes_before_its_label_and_help(client, home_page):
    from wagtail.models import Site

    from home.models import SiteSettings

    privacy = StandardPageFactory(parent=home_page, title="Datenschutz", slug="datenschutz")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.privacy_page = privacy
    site_settings.save()

    html = client.get(reverse("account_signup")).content.decode()

    start = html.index('<div class="field field--check">')
    field = html[start : html.index("</div>", html.index('id="id_privacy_accepted_help"'))]
    box = field.index('id="id_privacy_accepted"')
    label = field.index('<label for="id_privacy_accepted">')
    help_text = field.index('id="id_privacy_accepted_help"')
    assert box < label < help_text
    assert 'aria-describedby="id_privacy_accepted_help"' in field
    assert 'href="/datenschutz/"' in field
