"""The map's contested-claims check asks SQLite for the deniers' ties by the denier alone."""

from __future__ import annotations

import sqlite3

from geokg.exports.mapcap import TIES_QUERY
from geokg.graph.embedded import EmbeddedStore


def test_ties_are_looked_up_per_denier_not_per_denier_type_and_drawn_entity(tmp_path):
    path = tmp_path / "store.db"
    EmbeddedStore(path).close()
    conn = sqlite3.connect(path)
    for table in ("geokg_shown (id TEXT PRIMARY KEY)", "geokg_shown_rels (id INTEGER PRIMARY KEY)",
                  "geokg_closure (id INTEGER PRIMARY KEY)"):
        conn.execute(f"CREATE TEMP TABLE {table}")
    plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {TIES_QUERY}")]
    conn.close()
    searches = [step for step in plan if step.startswith("SEARCH t ")]
    assert len(searches) == 2, plan
    # one index probe per denier: by source on one side, by target on the other
    assert any("(source=?)" in step for step in searches), plan
    assert any("(target=?)" in step for step in searches), plan
    assert not any("type=?" in step for step in plan), plan
