"""The overlap policy of mentions: finders offer in rank order and the first of two
overlapping mentions is kept."""

from geokg.extract.gazetteer import load_gazetteer
from geokg.extract.mentions import Mention, MentionFinder, Offers, filter_mentions


def test_the_first_offered_of_overlapping_mentions_is_kept():
    wide = Mention(0, 20, "US President Joe Biden", "name", entity="joe-biden")
    inner = Mention(3, 12, "President", "role")
    after = Mention(25, 27, "he", "pronoun")
    assert filter_mentions([wide, inner, after]) == [wide, after]
    assert filter_mentions([inner, wide, after]) == [inner, after]
    offers = Offers()
    for mention in (wide, inner, after):
        offers(mention)
    assert offers.kept() == [wide, after] and offers.offered == [wide, inner, after]


def test_a_titled_name_wins_over_its_parts():
    finder = MentionFinder(load_gazetteer())
    found = finder.find("Colombian President Gustavo Petro met Venezuelan officials.")
    kinds = [(m.text, m.kind, m.entity) for m in found.mentions]
    assert kinds[0] == ("Colombian President Gustavo Petro", "name", "gustavo-petro")
    assert [m.text for m in found.mentions] == ["Colombian President Gustavo Petro",
                                                "Venezuelan officials"]


def test_finders_run_most_specific_first():
    finder = MentionFinder(load_gazetteer())
    names = [f.__name__ for f in finder.finders]
    assert names.index("_names") < names.index("_roles") < names.index("_references")
    assert names[-1] == "_references"  # pronouns and anaphors never take a name's place


def test_a_guessed_name_ends_before_the_full_stop_of_its_sentence():
    finder = MentionFinder(load_gazetteer())
    found = finder.find("The minister later met his visiting counterpart Mira Tanaskova Dell.")
    names = {e.id: e.name for e in found.new_entities}
    assert names.get("mira-tanaskova-dell") == "Mira Tanaskova Dell"
    assert found.mentions[-1].text == "Mira Tanaskova Dell"
    initial = finder.find("Talks were chaired by Robert Kell Jr. in the capital.")
    assert any(e.name.endswith("Jr.") for e in initial.new_entities)  # an abbreviation keeps it
