"""Offices held on a date, from the gazetteer's dated offices: the `held` test of `--as-of`."""

from __future__ import annotations

import datetime as dt

from geokg.extract.gazetteer import Office, load_gazetteer
from geokg.graph.timetravel import Held


def gazetteer_offices() -> Held:
    """(person, body or country entity id, day) -> whether the person held an office of it
    that day, or None when the gazetteer lists no such office."""
    gazetteer = load_gazetteer()
    by_holder: dict[str, list[Office]] = {}
    for office in gazetteer.offices:
        by_holder.setdefault(office.holder, []).append(office)

    def held(person: str, target: str, day: dt.date) -> bool | None:
        offices = [o for o in by_holder.get(person, [])
                   if o.body == target
                   or (o.body is None and gazetteer.country_entity(o.country) == target)]
        return any(o.held_on(day) for o in offices) if offices else None

    return held
