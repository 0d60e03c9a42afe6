"""The extractor's word lists are data (geokg/extract/words.yaml) that users extend."""

import json
import os
import subprocess
import sys
from pathlib import Path

from geokg.extract import dates, mentions
from geokg.extract.words import WORDS, load_words

ROOT = Path(__file__).resolve().parents[1]


def test_months_and_weekdays_are_spelled_once():
    assert dates.MONTHS["sept"] == dates.MONTHS["september"] == 9 and dates.MONTHS["may"] == 5
    assert dates.WEEKDAYS == {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
                              "friday": 4, "saturday": 5, "sunday": 6}
    assert {"May", "Sunday"} <= mentions.NOT_NAMES
    assert [t.date for t in dates.find_time_expressions(
        "on Sept. 3 and on Friday", dates.dt.date(2025, 9, 10))] == ["2025-09-03", "2025-09-05"]


def test_lower_case_titles_follow_the_capitalized_ones():
    assert "foreign minister" in mentions.OTHER_TITLES
    assert "minister" not in mentions.OTHER_TITLES  # capitalized_only
    assert "gen." not in mentions.OTHER_TITLES


def test_a_user_file_adds_words_to_lists(tmp_path):
    extra = tmp_path / "words.yaml"
    extra.write_text("titles:\n  head: [Viceroy, President]\ncues:\n  speech: [quipped]\n",
                     encoding="utf-8")
    words = load_words(str(extra))
    assert words.titles.head == [*WORDS.titles.head, "Viceroy"]  # no duplicate 'President'
    assert words.cues.speech[-1] == "quipped" and words.months == WORDS.months


def test_geokg_words_reaches_the_extractor(tmp_path):
    extra = tmp_path / "words.yaml"
    extra.write_text("titles:\n  head: [Viceroy]\n", encoding="utf-8")
    code = ("import datetime as dt, json; from geokg.extract.extractor import Extractor; "
            "from geokg.graph.model import Article; "
            "f = Extractor().extract(Article(id='a', published=dt.date(2025, 1, 2), text="
            "'Colombian Viceroy Gustavo Petro spoke on Monday.')); "
            "print(json.dumps([(r.source, r.type, r.target) for r in f.relations]))")

    def ties(env_extra: dict) -> list:
        env = {k: v for k, v in os.environ.items() if k != "GEOKG_WORDS"}
        env.update(PYTHONPATH=str(ROOT), **env_extra)
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, check=True, cwd=ROOT)
        return json.loads(out.stdout)

    assert ties({}) == []
    assert ties({"GEOKG_WORDS": str(extra)}) == [["gustavo-petro", "LEADS", "colombia"]]
