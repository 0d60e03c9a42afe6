"""The parse engine's dependency frames, one English construction at a time, on sentences
written for these tests (other names and other words than any development text).

A real spaCy pipeline runs them (tests/parse_support.py: they fail in CI without a model).
Each case: the construction, a sentence, and the exact event edges (source, type, target)."""

from __future__ import annotations

import pytest

from tests.parse_support import facts, parse_extract

CASES = [
    # by-agents reached through a participle on a noun
    ("denial of allegations made by an agent",
     "Belgium denied accusations made by Austria that it had hidden the funds.",
     {("belgium", "DENIED", "austria")}),
    # coordinated noun heads share their preposition
    ("coordinated event nouns share the preposition",
     "Sudan launched rocket and artillery attacks against Chad on Monday.",
     {("sudan", "ATTACKED", "chad")}),
    # a participle on the object of a light verb is done by the light verb's subject
    ("participle on an event noun",
     "Turkey launched air strikes targeting Armenia on Tuesday.",
     {("turkey", "ATTACKED", "armenia")}),
    ("participle on a statement attacks in words",
     "Venezuela published a communique blasting Guyana over the dispute.",
     {("venezuela", "CRITICIZED", "guyana")}),
    # naming: 'described X as Y', 'called X's Z a Y', 'was regarded by X as Y'
    ("described as an accusation, the actor inside the label",
     "Japan described the launch as a grave provocation by North Korea.",
     {("japan", "ACCUSED", "north-korea")}),
    ("called a possessed act an accusation",
     "Chile called Argentina's decision a clear violation of the treaty.",
     {("chile", "ACCUSED", "argentina")}),
    ("passive regarded by, as an act orchestrated by",
     "The blast was regarded by Kenya as an act of aggression orchestrated by Uganda.",
     {("kenya", "ACCUSED", "uganda")}),
    ("a kind label is no accusation", "Brazil called Portugal a close partner.", set()),
    ("the object after the label: 'condemned as a Y X's act'",
     "Peru condemned as a clear provocation Chile's deployment of warships near the border.",
     {("peru", "ACCUSED", "chile")}),
    # the mandative subjunctive after a singular subject (the parser tags it VBP)
    ("demanded that the government do",
     "Ethiopia demanded that the Kenyan government free the detained reporters.",
     {("ethiopia", "REQUESTED", "kenya")}),
    # a threat with an object: against whom the object or the condition names
    ("threatened action against Y",
     "Mexico threatened harsh measures against Honduras over the border dispute.",
     {("mexico", "THREATENED", "honduras")}),
    ("warned of action if Y ...",
     "Iraq warned of severe consequences if Kuwait keeps the oil field.",
     {("iraq", "THREATENED", "kuwait")}),
    ("a warning with no one it is against", "Norway warned of a crisis in Yemen.", set()),
    # coordinated nationality modifiers name two actors; 'N days of war games'
    ("A and B officials agreed",
     "Senior Chilean and Bolivian diplomats agreed on Tuesday that the border should reopen.",
     {("chile", "AGREED", "bolivia"), ("bolivia", "AGREED", "chile")}),
    ("A and B ships launched N days of exercises",
     "Greek and Cypriot frigates launched five days of naval exercises on Monday.",
     {("greece", "COOPERATED", "cyprus"), ("cyprus", "COOPERATED", "greece")}),
    # coordinated modifiers of a source noun: each actor does it
    ("A and B planes bombed",
     "Saudi and Emirati warplanes bombed Yemen's capital on Sunday.",
     {("saudi-arabia", "ATTACKED", "yemen"), ("united-arab-emirates", "ATTACKED", "yemen")}),
    # a passive's agent does what the participle clause after it says; 'including X'
    ("condemned by many countries, including X, accusing ...",
     "Cuba's actions were condemned by several governments, including Mexico, accusing "
     "Havana of silencing journalists.",
     {("mexico", "CRITICIZED", "cuba"), ("mexico", "ACCUSED", "cuba")}),
    # an act asked of others is no act of the asker
    ("called on X to reject",
     "Ghana called on all member states to reject the military rulers of Mali.", set()),
    # object control beyond the listed verbs: an actor object before an infinitive
    ("prompted X to impose",
     "The border raids prompted Ghana to impose sanctions on Togo.",
     {("ghana", "SANCTIONED", "togo")}),
    # a coordinated verb with no place of its own shares the earlier conjunct's place
    ("recall X from Y and pull back Z (shared place)",
     "Canada will recall its envoy from Peru and pull back the 200 troops it has stationed "
     "there.",
     {("canada", "RECALLED_AMBASSADOR", "peru"), ("canada", "RETREATED", "peru")}),
    ("no shared place from a conjunct that is not the same act",
     "Denmark expelled two diplomats from Latvia and withdrew its peacekeepers.",
     {("denmark", "EXPELLED_DIPLOMATS", "latvia")}),
    # a wire dateline the parser reads as a second subject: the nearer subject acts
    ("dateline before the subject",
     "GENEVA (Reuters) – The leaders of Armenia and Azerbaijan agreed on Tuesday to a peace "
     "plan to end the war but more work is needed on the details, a Swiss diplomat said.",
     {("armenia", "AGREED", "azerbaijan"), ("azerbaijan", "AGREED", "armenia")}),
    ("an appositive set off by commas is no second subject",
     "Inspectors of the Andean Rights Office, a body linked to the Organization of American "
     "States, investigated conditions of about 500 Venezuelans, some of whom have been "
     "detained for months.",
     {("inspectors-of-the-andean-rights-office", "ACCUSED", "venezuela")}),
    # 'called for Y to V', 'renewed calls for Y to V': Y is urged; what Y is asked is not done
    ("called for Y to V", "Peru called for Chile to release the detained fishermen.",
     {("peru", "URGED", "chile")}),
    ("renewed calls for Y to V", "The UN renewed calls for Peru to withdraw its troops.",
     {("united-nations", "URGED", "peru")}),
    ("issued a call for Y to V",
     "Norway issued a call for Sweden to free the jailed activists and leave the talks.",
     {("norway", "URGED", "sweden")}),
    ("rejected calls for it to V: no one urged by the rejecter",
     "Chile rejected calls for it to release the detained fishermen.", set()),
    # 'repeated its demand that Y V': a request of Y; what Y is asked is not done
    ("its demand that Y V",
     "Chile repeated its demand that Peru lift the ban on Chilean fishing boats.",
     {("chile", "REQUESTED", "peru")}),
    ("insisted on its demands that Y V",
     "The Arab League insisted on its demands that Lebanon's government grant the refugees "
     "more land.",
     {("arab-league", "REQUESTED", "lebanon")}),
    # 'in response to X's request', 'at the invitation of X': X asked the clause's subject
    ("in response to X's request, Y ...",
     "In response to the Chilean government's request for assistance, Peru will send food "
     "and medicine.",
     {("chile", "REQUESTED", "peru")}),
    ("an answer to no one's request", "Peru sent aid in response to the floods.", set()),
    # what someone hopes another will do is not done
    ("hoped that Y would V", "Norway hoped that Sweden would send troops to Finland.", set()),
    ("let's hope Y Vs", "Let's hope Peru extradites him to Chile, said a former police chief.",
     set()),
    # a day after the verb is no one asked: 'threatened on Friday to V' is a threat
    ("threatened on a day to V",
     "The Bolivian senate threatened on Friday to break relations with Chile.",
     {("bolivia", "RECALLED_AMBASSADOR", "chile")}),
    ("rejected the demand that it V: no one asked by the rejecter",
     "Peru rejected the demand that it withdraw its troops.", set()),
    # the broker of a joint act of coordinated parties met each of them
    ("A and B agreed to a truce brokered by C",
     "Peru and Chile have agreed to a truce mediated by Norway.",
     {("peru", "AGREED", "chile"), ("chile", "AGREED", "peru"), ("norway", "MET_WITH", "peru"),
      ("norway", "MET_WITH", "chile")}),
    ("A and B held talks hosted by C", "Peru and Chile held talks hosted by Brazil.",
     {("peru", "MET_WITH", "chile"), ("chile", "MET_WITH", "peru"),
      ("brazil", "MET_WITH", "peru"), ("brazil", "MET_WITH", "chile")}),
    # the parties of a joint event noun: 'involving A, B and C', 'between the envoys of A
    # and B', and 'between' on the noun the event is 'of' ('the fourth round of talks')
    ("an exercise involving A, B and C",
     "The joint naval drill, Sea Shield, involving Chile, Peru and Ecuador began on Monday.",
     {(a, "COOPERATED", b) for a in ("chile", "peru", "ecuador")
      for b in ("chile", "peru", "ecuador") if a != b}),
    ("a round of talks between the envoys of A and B",
     "The fourth round of talks between the envoys of Chile and Bolivia ended without a deal.",
     {("chile", "MET_WITH", "bolivia"), ("bolivia", "MET_WITH", "chile")}),
    # putting someone behind a hostile act, when someone says so, is an accusation
    ("Y said X was behind the act",
     "Chile said Peru was behind the bombing of its embassy.",
     {("chile", "ACCUSED", "peru")}),
    ("X was responsible for the act, Y said (parenthetical speaker)",
     "Peru was responsible for the raids on the border posts, the government of Chile said.",
     {("chile", "ACCUSED", "peru")}),
    ("behind a kind act is no accusation",
     "Chile said Peru was behind the new trade agreement.", set()),
    ("behind an act, said by no one", "Peru was behind the bombing of the embassy.", set()),
    # crowd-control arms wielded against someone: coercion, not an armed assault
    ("used rubber bullets against X",
     "Chilean police used rubber bullets against Peruvian students.",
     {("chilean-police", "COERCED", "peruvian-students")}),
    ("fired tear gas at X (not ATTACKED)",
     "Chilean police fired tear gas and water cannons at Peruvian students.",
     {("chilean-police", "COERCED", "peruvian-students")}),
    ("fired missiles at X stays an attack",
     "Chilean troops fired missiles at Peru.", {("chile", "ATTACKED", "peru")}),
    # a joint event noun whose 'between' hangs on the verb of occurrence it is subject of
    ("clashes broke out between A and B forces",
     "Clashes broke out between Chilean and Peruvian troops on Monday.",
     {("chile", "ATTACKED", "peru"), ("peru", "ATTACKED", "chile")}),
    ("talks began between A and B", "Talks began between Chile and Peru in Quito.",
     {("chile", "MET_WITH", "peru"), ("peru", "MET_WITH", "chile")}),
    # aid arriving somewhere is aid its giver sent there
    ("goods donated by X landed in Y (through 'a batch of N doses of')",
     "The first batch of 20,000 doses of vaccines donated by Chile landed in Lima on Saturday.",
     {("chile", "AIDED", "peru")}),
    ("relief flights from X arrived in Y",
     "Three relief flights from Chile arrived in Peru carrying tents.",
     {("chile", "AIDED", "peru")}),
    ("planes from X are no aid", "Two planes from Chile landed in Peru on Monday.", set()),
    # the passive of a 'give N to Y' frame: its subject is the one given to
    ("Y was granted asylum by X",
     "The former president of Peru was granted asylum by Chile on Monday.",
     {("chile", "AIDED", "peru")}),
    ("Y was given aid by X", "Peru was given military aid by Chile.",
     {("chile", "AIDED", "peru")}),
    # 'Y drew / received / faced N from X': X does N's act to Y
    ("Y received aid from X", "Peru received military aid from Chile last year.",
     {("chile", "AIDED", "peru")}),
    ("Y's act sparked condemnation from X", "Peru's decision sparked condemnation from Chile.",
     {("chile", "CRITICIZED", "peru")}),
    # a request made by a participle on a message: the sender's, of the addressee
    ("sent a letter to Y requesting",
     "The president of Chile sent a letter to Peru requesting military assistance.",
     {("chile", "REQUESTED", "peru")}),
    ("wrote to Y urging (not Y's request)",
     "Chile wrote to Peru urging the release of the prisoners.",
     {("chile", "REQUESTED", "peru")}),
    ("Y faced sanctions from A and B",
     "Peru faced sanctions from Chile and Argentina.",
     {("chile", "SANCTIONED", "peru"), ("argentina", "SANCTIONED", "peru")}),
    ("Y was granted asylum in X (the country that shelters)",
     "The former president of Peru, who resigned last week, was granted asylum in Chile.",
     {("chile", "AIDED", "peru")}),
    # claiming an attack: the claimant did it
    ("claimed responsibility for an attack on Y",
     "Al-Shabaab claimed responsibility for Tuesday's raid on Kenyan troops.",
     {("al-shabaab", "ATTACKED", "kenya")}),
    ("took responsibility for the bombing of Y",
     "Boko Haram took responsibility for the bombing of a market in Niger.",
     {("boko-haram", "ATTACKED", "niger")}),
    ("claimed the act itself",
     "Boko Haram claimed the shelling of Chadian positions.",
     {("boko-haram", "ATTACKED", "chad")}),
    ("denying responsibility is no claim",
     "Al-Shabaab denied responsibility for the raid on Kenyan troops.", set()),
    # an attack still to come, said of another: the speaker accuses its attacker
    ("said that Y is preparing to attack Z",
     "Bolivia said that Paraguay was preparing to invade Brazil.",
     {("paraguay", "ATTACKED", "brazil"), ("bolivia", "ACCUSED", "paraguay")}),
    ("said of itself, an announcement and no accusation",
     "Paraguay said it would attack Bolivia.", {("paraguay", "ATTACKED", "bolivia")}),
    ("a past attack reported is the attack alone",
     "Bolivia said that Paraguay attacked Brazil.", {("paraguay", "ATTACKED", "brazil")}),
]


@pytest.mark.parametrize(("construction", "sentence", "expected"), CASES,
                         ids=[c[0] for c in CASES])
def test_construction(construction: str, sentence: str, expected: set) -> None:
    assert facts(parse_extract(sentence)) == expected, construction


def test_passive_participle_modifies_only_the_conjunct_it_follows() -> None:
    fragment = parse_extract("The rebels, backed by Rwanda, and Uganda fought for the town.")
    assert ("rwanda", "PRAISED", "uganda") not in facts(fragment)


def test_ready_to_act_is_announced() -> None:
    """'is ready/willing to V': an intention, coded as a threat when hostile."""
    fragment = parse_extract("Ghana says it is prepared to deploy soldiers into Togo if the "
                             "talks collapse.")
    assert {(r.source, r.type, r.target, r.status.value, r.category)
            for r in fragment.relations} == {
        ("ghana", "DEPLOYED", "togo", "announced", "THREATEN")}


def test_coordinated_subjects_during_talks_meet() -> None:
    """'A and B did something during talks': both took part in the talks."""
    found = facts(parse_extract("Peru and Ecuador signed several documents during talks in "
                                "Lima on Monday."))
    assert {("peru", "MET_WITH", "ecuador"), ("ecuador", "MET_WITH", "peru")} <= found


@pytest.mark.parametrize("sentence", [
    "Peru accused Chile of attacking Bolivia.",
    "Chile has been accused by Peru of attacking Bolivia.",
])
def test_the_accused_did_the_act_alleged(sentence: str) -> None:
    """'X accused Y of attacking Z' (or 'Y was accused by X of ...'): Y attacked Z, alleged,
    and X accused Y; X attacked no one."""
    found = {(r.source, r.type, r.target, r.status.value)
             for r in parse_extract(sentence).relations}
    assert found == {("peru", "ACCUSED", "chile", "asserted"),
                     ("chile", "ATTACKED", "bolivia", "alleged")}


def test_a_conjunct_with_its_own_place_keeps_it() -> None:
    fragment = parse_extract("Canada withdrew its envoy from Peru and pulled its troops out "
                             "of Bolivia.")
    assert ("canada", "RETREATED", "peru") not in facts(fragment)


def test_a_coordinated_verb_shares_the_future_auxiliary() -> None:
    fragment = parse_extract("Canada will recall its envoy from Peru and pull back the 200 "
                             "troops it has stationed there.")
    statuses = {r.type: r.status.value for r in fragment.relations}
    assert statuses == {"RECALLED_AMBASSADOR": "announced", "RETREATED": "announced"}


@pytest.mark.parametrize(("sentence", "status", "category"), [
    ("Talks between Chile and Peru would begin in Lima on Saturday.", "announced", "AGREE"),
    ("Talks between Chile and Peru began in Lima on Saturday.", "asserted", "CONSULT"),
])
def test_a_nominal_event_still_to_come_is_announced(sentence: str, status: str,
                                                    category: str) -> None:
    """'talks between A and B will begin': planned (coded AGREE, PLOVER's convention)."""
    found = {(r.source, r.type, r.target, r.status.value, r.category)
             for r in parse_extract(sentence).relations}
    assert found == {("chile", "MET_WITH", "peru", status, category),
                     ("peru", "MET_WITH", "chile", status, category)}


def test_a_probe_into_misdeeds_targets_those_who_committed_them():
    assert facts(parse_extract("Chile initiated an investigation into abuses committed by "
                               "Bolivian troops.")) == {("chile", "ACCUSED", "bolivia")}


def test_a_participle_agent_is_no_target_of_a_plain_thing():
    # the parse frames' own reading; the rules backoff (parse/backoff.py), whose nominal rule
    # reads an inquiry into anything done by X as one into X, may still code it
    fragment = parse_extract("Chile opened an investigation into contracts signed by "
                             "Bolivian firms.")
    assert not [e.rule for r in fragment.relations for e in r.evidence
                if e.rule.startswith("parse:")]


def test_a_particle_parsed_as_a_preposition_still_selects_its_frame():
    assert facts(parse_extract("Israel pulled out of Gaza.")) == {
        ("israel", "RETREATED", "gaza")}


@pytest.mark.parametrize("text", [
    "Kenya took the unusual step of expelling the Somali ambassador.",
    "Kenya made the decision to expel the Somali ambassador.",
])
def test_who_takes_the_step_does_the_act(text):
    assert facts(parse_extract(text)) == {("kenya", "EXPELLED_DIPLOMATS", "somalia")}


def test_an_expelled_person_an_appositive_names_an_envoy_is_a_diplomat():
    assert facts(parse_extract("Peru expelled Juan Ortiz, the Bolivian charge d'affaires.")) \
        == {("peru", "EXPELLED_DIPLOMATS", "juan-ortiz")}
