"""Targets written outside the trigger's own object: "against" phrases, demanded clauses, recipients of aid,
the opponent of a mobilisation, pronoun subjects, stative passives, nationalities in apposition."""


def _event(code, text, event_type):
    return next(e for e in code(text) if e.event_type == event_type)


def test_against_phrase_on_the_verb_of_a_noun_trigger(code):
    event = _event(code, "Students staged rallies in the capital against Iranian President Hassan Rouhani.", "PROTEST")
    assert event.target_actor.country == "IRN"


def test_result_participle_takes_the_target_of_its_clause(code):
    event = _event(code, "Ethiopian troops launched heavy shelling against Eritrean positions, killing 30.", "ASSAULT")
    assert event.source_actor.country == "ETH"
    assert event.target_actor.country == "ERI"


def test_mobilised_forces_are_not_the_target(code):
    event = _event(code, "Turkey mobilized reservists for a possible offensive against Syria.", "MOBILIZE")
    assert event.source_actor.country == "TUR"
    assert event.target_actor.country == "SYR"


def test_mobilisation_without_opponent_has_no_foreign_target(code):
    event = _event(code, "Turkey mobilized thousands of reservists on Monday.", "MOBILIZE")
    assert event.target_actor is None or event.target_actor.country in (None, "TUR")


def test_demand_noun_with_that_clause_targets_its_subject(code):
    event = _event(code, "The European Union renewed its demand that Russia withdraw its troops.", "REQUEST")
    assert event.target_actor.country == "RUS"


def test_stative_passive_keeps_subject_as_source(code):
    event = _event(code, "Egypt is opposed to Turkish involvement in the Libyan conflict.", "REJECT")
    assert event.source_actor.country == "EGY"
    assert event.target_actor.country == "TUR"


def test_aid_recipient_follows_to(code):
    event = _event(code, "Japanese charities donated and delivered medical supplies to hospitals in Kabul.", "AID")
    assert event.target_actor.country == "AFG"


def test_meeting_counterpart_follows_with(code):
    event = _event(
        code,
        "Chinese diplomats held a meeting with Chancellor Angela Merkel at a dinner hosted by the ambassador.",
        "CONSULT",
    )
    assert event.target_actor.country == "DEU"


def test_pronoun_subject_defers_to_a_named_doer(code):
    text = "Two Chechen gunmen killed five people when they opened fire in a market, police said."
    event = _event(code, text, "ASSAULT")
    assert event.source_actor.country == "RUS" or "gunmen" in event.source_actor.text


def test_protest_target_from_its_purpose_clause(code):
    events = code("Jailed activists began a hunger strike to demand the resignation of President Bashar al-Assad.")
    protest = next(e for e in events if e.event_type == "PROTEST")
    assert protest.target_actor.country == "SYR"
    assert "REQUEST" not in {e.event_type for e in events}  # the demand is the protest's content


def test_nationality_in_apposition(code):
    event = _event(code, "The nuns, three Italians and a Kenyan, were murdered by gunmen.", "ASSAULT")
    assert event.target_actor.country == "ITA"


def test_plural_pronoun_takes_the_nearest_people_antecedent(code):
    text = (
        "The Chilean engineers were trapped in their offices; their trucks were burned, and one of them was "
        "wounded by gunmen."
    )
    event = _event(code, text, "ASSAULT")
    assert event.target_actor.country == "CHL"


def test_pronoun_is_not_bound_by_its_own_subject(code):
    event = _event(code, "Indian officials said the rebels were armed. Pakistani soldiers attacked them.", "ASSAULT")
    assert event.target_actor is None or event.target_actor.country != "PAK"


def test_nationality_introducing_a_list_of_names(code):
    event = _event(code, "Rebels kidnapped Italian engineers Marco Rossi and Luca Bianchi near the border.", "ASSAULT")
    assert event.target_actor.country == "ITA"


def test_us_keeps_its_country_in_all_caps_text(code):
    event = _event(code, "GUERRILLAS BOMBED THE U.S. EMBASSY YESTERDAY, POLICE SAID.", "ASSAULT")
    assert event.target_actor.country == "USA"


def test_minority_is_of_the_state_it_lives_in(code):
    event = _event(code, "Police attacked members of the Hungarian minority in Romania on Sunday.", "ASSAULT")
    assert event.target_actor.country == "ROU"


def test_small_states_have_names_and_demonyms(code):
    event = _event(code, "Indonesian troops attacked Timorese villagers on Sunday.", "ASSAULT")
    assert event.target_actor.country == "TLS"
    event = _event(code, "East Timor condemned the raid.", "ACCUSE")
    assert event.source_actor.country == "TLS"


def test_statement_participle_speaks_for_its_issuer(code):
    event = _event(
        code, "The Syrian government issued a statement demanding that Israel release the prisoners.", "REQUEST"
    )
    assert event.source_actor.country == "SYR"
    assert event.target_actor.country == "ISR"


def test_measure_noun_does_not_hide_the_doer(code):
    event = _event(code, "Russian and Chinese warships began ten days of joint exercises near Japan.", "COOPERATE")
    assert event.source_actor.country == "RUS"


def test_possessive_country_in_apposition(code):
    event = _event(code, "Ahmed Karim, Egypt's best-known dissident, staged a hunger strike on Monday.", "PROTEST")
    assert event.source_actor.country == "EGY"


def test_figures_of_an_elaborating_sentence_reach_the_attack(code):
    text = (
        "Rebels attacked an army post near the border on Monday, killing a soldier. "
        "During the attack, a sergeant was seriously wounded."
    )
    first = next(e for e in code(text) if e.event_type == "ASSAULT")
    assert first.fatalities == 1 and first.injuries == 1


def test_no_casualties_sums_up_the_paragraphs_attacks(code):
    text = (
        "A bus was set on fire in the town on Friday. Witnesses said the vehicle was empty. "
        "Gunmen also attacked the police station with grenades. Officials later stated that there were "
        "no casualties.\n\nIn a separate incident, rebels attacked an army patrol."
    )
    assaults = [e for e in code(text) if e.event_type == "ASSAULT"]
    assert all(e.fatalities == 0 for e in assaults[:-1]) and len(assaults) >= 2
    assert assaults[-1].fatalities is None  # another paragraph, another attack


def test_pronoun_subject_takes_the_people_named_before_it(code):
    text = "Local officials reported that Ukrainian soldiers were seen near the village. They shelled the school."
    event = _event(code, text, "ASSAULT")
    assert event.source_actor.country == "UKR"


def test_an_attack_or_weapon_is_not_its_own_source(code):
    event = _event(code, "A roadside bombing near the town killed two Kenyan soldiers.", "ASSAULT")
    assert event.source_actor is None
    event = _event(code, "A Hamas rocket killed two Israelis.", "ASSAULT")
    assert event.source_actor.name == "Hamas"


def test_the_one_made_to_act_is_the_target_of_coercion(code):
    events = code("The ministry ordered the weekly newspaper Voz Libre to suspend publication for six months.")
    (coerce,) = [e for e in events if e.event_type == "COERCE"]
    assert coerce.target_actor is not None and "newspaper" in coerce.target_actor.text


def test_a_joined_clause_or_a_reason_names_no_target(code):
    events = code("The Dorvale council condemned the shelling, and its mayor said the violence could spread to Norway.")
    accusations = [e for e in events if e.event_type in ("ACCUSE", "REJECT")]
    assert accusations and all(e.target_actor is None or e.target_actor.country != "NOR" for e in accusations)
    threats = [
        e
        for e in code("The rebel chief vowed revenge for the death of the Norwegian envoy.")
        if e.event_type == "THREATEN"
    ]
    assert threats and all(e.target_actor is None or e.target_actor.country != "NOR" for e in threats)
