import pytest

from zones.data.properties import CHECKERS, validate_properties

GOOD_SOURCE = {"publisher": "Reuters", "title": "A report", "date": "2017-07-07", "url": None}


@pytest.mark.parametrize(("type_name", "value"), [
    ("text", "Douma"),
    ("date", "2017-07-09"),
    ("optional_date", None),
    ("optional_date", "2017-10-17"),
    ("confidence", "medium"),
    ("boolean", False),
    ("sources", [GOOD_SOURCE]),
    ("sources", [{**GOOD_SOURCE, "url": "https://www.reuters.com/x"}]),
])
def test_accepts_good_values(type_name, value):
    assert CHECKERS[type_name](value) is None


@pytest.mark.parametrize(("type_name", "value", "phrase"), [
    ("text", "", "non-empty text"),
    ("text", 12, "non-empty text"),
    ("date", "9 July 2017", "YYYY-MM-DD"),
    ("date", "2017-7-9", "YYYY-MM-DD"),
    ("date", 20170709, "YYYY-MM-DD"),
    ("confidence", "certain", "high, medium, low"),
    ("boolean", "yes", "true or false"),
    ("sources", [], "non-empty list"),
    ("sources", "Reuters", "non-empty list"),
    ("sources", [{"title": "x", "date": "2017-01-01"}], "publisher"),
    ("sources", [{**GOOD_SOURCE, "date": "July"}], "date"),
    ("sources", [{**GOOD_SOURCE, "url": "javascript:alert(1)"}], "http"),
])
def test_refuses_bad_values_with_a_reason(type_name, value, phrase):
    assert phrase in CHECKERS[type_name](value)


def test_reports_missing_and_wrong_properties_per_feature():
    required = {"id": "text", "valid_from": "date", "confidence": "confidence"}
    problems = validate_properties(
        [{"id": "a", "valid_from": "2017-05-06", "confidence": "high"},
         {"id": "b", "confidence": "sure"}],
        required,
    )
    assert problems == ["feature 1 (b) lacks “valid_from”",
                        "feature 1 (b): “confidence” must be one of high, medium, low"]


def test_reports_repeated_ids_and_reversed_dates():
    required = {"id": "text", "valid_from": "date", "valid_to": "optional_date"}
    problems = validate_properties(
        [{"id": "a", "valid_from": "2017-08-01", "valid_to": "2017-07-01"},
         {"id": "a", "valid_from": "2017-05-06", "valid_to": None}],
        required,
    )
    assert any("before" in problem for problem in problems)
    assert any("repeated: a" in problem for problem in problems)
