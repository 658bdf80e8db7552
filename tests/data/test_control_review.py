"""The zone-edge review on a made-up zone: which marks are judged, and how."""

from __future__ import annotations

import pytest

from zones.data.control_review import WIKIPEDIA_SOURCE, camp, disagreement_features, held_inside, review_edges

# A box of about 22 × 18 km around 35.0 N, 37.0 E.
ZONE = {"type": "Feature",
        "properties": {"zone_id": "box", "valid_from": "2017-05-06", "valid_to": None},
        "geometry": {"type": "Polygon",
                     "coordinates": [[[36.9, 34.9], [37.1, 34.9], [37.1, 35.1], [36.9, 35.1], [36.9, 34.9]]]}}


def mark(mark_id: str, lon: float, lat: float, sides: list[str], symbol: str = "settlement") -> dict:
    status = "held" if len(sides) == 1 else "contested"
    return {"type": "Feature",
            "properties": {"id": mark_id, "name_en": mark_id, "side": sides[0], "sides": sides,
                           "status": status, "symbol": symbol, "mark": "_".join(sides)},
            "geometry": {"type": "Point", "coordinates": [lon, lat]}}


MARKS = [
    mark("opp-inside", 37.0, 35.0, ["opp"]),
    mark("gov-inside", 36.92, 35.0, ["gov"]),
    mark("hts-outside", 37.15, 35.0, ["JaN"]),
    mark("gov-outside", 36.85, 35.0, ["gov"]),
    mark("far-opp", 38.0, 35.0, ["opp"]),  # about 80 km away: not judged
    mark("front", 37.1, 35.05, ["gov", "opp"]),  # both camps: not judged
    mark("crossing", 37.0, 35.0, ["opp"], symbol="pass"),  # its spot's mark is judged
    mark("turkish", 37.05, 35.12, ["Trk"]),  # not a party to the line
]


@pytest.mark.parametrize("sides,symbol,expected", [
    (["opp"], "settlement", "zone"), (["JaN"], "base", "zone"), (["opp", "JaN"], "settlement", "zone"),
    (["gov"], "hill", "outside"), (["SDF"], "settlement", "outside"),
    (["gov", "SDF"], "settlement", "outside"),
    (["IS"], "oil", "outside"), (["gov", "opp"], "settlement", None), (["Trk"], "base", None),
    (["opp"], "pass", None),
])
def test_camp(sides, symbol, expected):
    assert camp({"sides": sides, "symbol": symbol}) == expected


def test_review_judges_one_camp_marks_near_the_edge():
    review = review_edges(MARKS, [ZONE])
    judged = {mark.id: mark for mark in review.judged}
    assert set(judged) == {"opp-inside", "gov-inside", "hts-outside", "gov-outside"}
    assert review.unjudged == 2  # the front-line mark and the Turkish one; the crossing is not counted
    assert {mark.id for mark in review.disagreements} == {"gov-inside", "hts-outside"}
    assert review.agreement == 0.5
    assert judged["gov-inside"].inside and not judged["hts-outside"].inside
    assert judged["gov-inside"].distance_m == pytest.approx(1_830, rel=0.05)  # 0.02° of longitude


def test_held_inside_counts_by_primary_side():
    assert held_inside(MARKS, [ZONE]) == {"box": {"gov": 1, "opp": 1}}


def test_every_disagreement_needs_a_decision():
    review = review_edges(MARKS, [ZONE])
    with pytest.raises(ValueError, match="gov-inside"):
        disagreement_features(review, {"hts-outside": {"reason": "because"}}, [ZONE])


def test_disagreement_features_carry_provenance():
    review = review_edges(MARKS, [ZONE])
    kept = {"gov-inside": {"reason": "A reason.", "confidence": "medium"},
            "hts-outside": {"reason": "Another reason."}}
    features = {f["properties"]["mark_id"]: f["properties"]
                for f in disagreement_features(review, kept, [ZONE])}
    inside = features["gov-inside"]
    assert inside["position"] == "inside" and inside["zone_id"] == "box" and inside["decision"] == "kept"
    assert inside["confidence"] == "medium" and features["hts-outside"]["confidence"] == "low"
    assert inside["valid_from"] == "2017-05-06" and inside["valid_to"] is None
    assert inside["sources"] == [WIKIPEDIA_SOURCE] and inside["approximate"] is True
    assert inside["licence"] == "CC BY-SA 3.0" and inside["reason"] == "A reason."
