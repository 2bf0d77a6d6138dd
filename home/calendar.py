"""iCalendar export of a conference edition."""

from urllib.parse import urlsplit

from django.utils import timezone

from icalendar import Calendar, Event, vText

from .site_urls import base_url, page_url


def event_calendar(event_page, request):
    """Return the edition as an iCalendar file (bytes) with one VEVENT."""
    calendar = Calendar()
    calendar.add("prodid", "-//Kooperationsraum//Ausgaben//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")

    entry = Event()
    entry.add("uid", f"event-{event_page.translation_key}@{urlsplit(base_url()).hostname}")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event_page.starts_at)
    entry.add("dtend", event_page.ends_at)
    entry.add("summary", f"{event_page.title}: {event_page.theme}")
    address = ", ".join(
        line.strip() for line in event_page.venue_address.splitlines() if line.strip()
    )
    entry["location"] = vText(f"{event_page.venue_name}, {address}")
    entry.add("url", page_url(event_page, request))
    if event_page.summary:
        entry.add("description", event_page.summary)
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
