"""Offices held on a date, from the gazetteer's dated offices: the `held` test of `--as-of`."""

from __future__ import annotations

import datetime as dt
from functools import cache

from geokg.extract.gazetteer import Office, load_gazetteer
from geokg.graph.timetravel import Held


def gazetteer_offices() -> Held:
    """(person, body or country entity id, day) -> whether the person held an office of it
    that day, or None when the gazetteer lists no such office. The gazetteer is read when
    the first question is asked, so passing the test costs nothing until then."""

    @cache
    def by_holder() -> dict[str, list[Office]]:  # read on the first question, not before
        offices: dict[str, list[Office]] = {}
        for office in load_gazetteer().offices:
            offices.setdefault(office.holder, []).append(office)
        return offices

    def held(person: str, target: str, day: dt.date) -> bool | None:
        gazetteer = load_gazetteer()
        offices = [o for o in by_holder().get(person, [])
                   if o.body == target
                   or (o.body is None and gazetteer.country_entity(o.country) == target)]
        return any(o.held_on(day) for o in offices) if offices else None

    return held
