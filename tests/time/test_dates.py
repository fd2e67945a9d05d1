from datetime import date

import pytest

from eventwire.time import find_publication_date, resolve_date_text, resolve_event_date

PUB = date(2021, 6, 12)  # a Saturday


@pytest.mark.parametrize(
    "text,expected",
    [
        ("LIMA, 4 MAY 90 (EFE) -- [TEXT] THE POLICE", date(1990, 5, 4)),
        ("By Jane Roe | The Courier | October 7, 2011\nCity council", date(2011, 10, 7)),
        ("Posted 2019-11-30 by staff", date(2019, 11, 30)),
        ("Kabul (Reuters) - No date here.", None),
        ("", None),
    ],
)
def test_publication_date(text, expected):
    assert find_publication_date(text) == expected


@pytest.mark.parametrize(
    "text,expected,precision",
    [
        ("The attack happened early Friday.", date(2021, 6, 11), "day"),
        ("Rebels struck on Saturday.", date(2021, 6, 12), "day"),
        ("Troops moved in last Saturday.", date(2021, 6, 5), "day"),
        ("The talks ended yesterday.", date(2021, 6, 11), "day"),
        ("The plant was bombed two days ago.", date(2021, 6, 10), "day"),
        ("Clashes broke out last week.", date(2021, 6, 5), "week"),
        ("Talks were held on June 3.", date(2021, 6, 3), "day"),
        ("The truce was signed 28 DEC 90.", date(1990, 12, 28), "day"),
        ("The offensive began in March 2019.", date(2019, 3, 1), "month"),
        ("No time expression at all.", None, None),
    ],
)
def test_relative_and_explicit(text, expected, precision):
    assert resolve_date_text(text, PUB) == (expected, precision)


def test_month_day_later_than_publication_means_last_year():
    assert resolve_date_text("on December 30", date(2021, 1, 2)) == (date(2020, 12, 30), "day")


def test_relative_without_publication_date_is_unknown():
    assert resolve_date_text("It happened on Friday.", None) == (None, None)


def test_resolve_event_date_takes_a_span():
    import spacy

    nlp = spacy.blank("en")
    doc = nlp("Militants attacked the convoy early Friday.")
    assert resolve_event_date(doc[:], PUB) == (date(2021, 6, 11), "day")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The strike, starting on Sunday, will close the port.", date(2021, 6, 13)),
        ("Ministers will meet on Monday in Brussels.", date(2021, 6, 14)),
        ("The talks, due to open next Tuesday, were postponed.", date(2021, 6, 15)),
        ("Rebels attacked the town on Monday.", date(2021, 6, 7)),
        ("Police said on Thursday they will investigate.", date(2021, 6, 10)),
    ],
)
def test_weekday_direction(text, expected):
    assert resolve_date_text(text, PUB)[0] == expected


def test_possessive_weekday_after_from_is_past():
    # "the toll from Friday's bombing" names a past happening; "from Friday" opens a period still to come
    assert resolve_date_text("The death toll from Friday's bombing rose", PUB)[0] == date(2021, 6, 11)
    assert resolve_date_text("Schools stay shut from Friday", PUB)[0] == date(2021, 6, 18)


def test_would_looks_ahead():
    # "would" is the future seen from the past: Saturday's report of a vote that "would" fall on Sunday
    assert resolve_date_text("The deadline would coincide with a council vote on Sunday.", PUB)[0] == date(2021, 6, 13)
