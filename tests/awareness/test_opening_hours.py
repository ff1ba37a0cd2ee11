"""The hours a hotline or a service answers, in the short form the pages carry for "open now"."""

from django.core.exceptions import ValidationError

import pytest

from awareness.opening_hours import Interval, as_data, parse


def test_empty_is_no_schedule():
    assert parse("") == []
    assert parse("   ") == []


def test_round_the_clock():
    assert parse("24/7") == [Interval(day, 0, 1440) for day in range(7)]


def test_weekdays_with_a_lunch_break_and_a_saturday():
    intervals = parse("Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00")
    assert Interval(0, 540, 720) in intervals
    assert Interval(4, 780, 1020) in intervals
    assert Interval(5, 600, 840) in intervals
    assert not [i for i in intervals if i.weekday == 6]
    assert len(intervals) == 11


def test_lists_ranges_that_wrap_and_extra_spaces():
    assert {i.weekday for i in parse("Mo,We , Fr 10:00-11:00")} == {0, 2, 4}
    assert {i.weekday for i in parse("Sa-Mo 10:00-11:00")} == {5, 6, 0}
    assert parse("  Mo   09:00-10:00 ;; ") == [Interval(0, 540, 600)]


def test_past_midnight_goes_on_into_the_next_day():
    assert parse("Su 20:00-02:00") == [Interval(0, 0, 120), Interval(6, 1200, 1440)]
    assert parse("Mo 18:00-24:00") == [Interval(0, 1080, 1440)]
    assert parse("Mo 18:00-00:00") == [Interval(0, 1080, 1440)]


@pytest.mark.parametrize(
    "text",
    [
        "Monday 09:00-17:00",
        "Mo",
        "Mo 9-17",
        "Mo 09:00",
        "Mo 25:00-26:00",
        "Mo 24:30-23:00",
        "Mo 09:00-09:00",
        "Mo-Xx 09:00-10:00",
        "always",
    ],
)
def test_what_is_not_a_schedule_is_refused_with_what_to_write(text):
    with pytest.raises(ValidationError) as refused:
        parse(text)
    assert refused.value.messages[0]


def test_the_page_data_is_minutes_and_nothing_for_a_broken_schedule():
    assert as_data("Mo 09:00-17:00") == [[0, 540, 1020]]
    assert as_data("nonsense") == []
