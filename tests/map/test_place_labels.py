from zones.data.gazetteer_file import Place
from zones.map.place_labels import KNOWN_TOWN_ZOOM, TOWN_ZOOM, VILLAGE_ZOOM, place_labels

PLACES = (Place("Dūmā", "Douma", "دوما", 33.5718, 36.4027, "Rif"),
          Place("Ḩarastā", "", "", 33.5587, 36.3652, "Rif"))


def test_known_towns_come_first_in_the_page_language_and_villages_later(sample_result):
    labels = place_labels(sample_result, PLACES, "ar")
    assert labels[:2] == [[33.5718, 36.4027, "دوما", KNOWN_TOWN_ZOOM],
                          [33.5587, 36.3652, "Ḩarastā", TOWN_ZOOM]]
    assert labels[2:] and {label[3] for label in labels[2:]} == {VILLAGE_ZOOM}


def test_a_record_village_named_like_a_nearby_gazetteer_town_is_named_once(shipped_result):
    rastan = Place("Ar Rastan", "Rastane", "الرستن", 34.92667, 36.73241, "Homs")  # the record: "Rastan"
    near = [label[2] for label in place_labels(shipped_result, (rastan,), "fr")
            if abs(label[0] - rastan.lat) < 0.02 and abs(label[1] - rastan.lon) < 0.02]
    assert near.count("Rastane") == 1 and "Rastan" not in near


def test_unnamed_marks_are_not_labelled(shipped_result):
    names = {label[2] for label in place_labels(shipped_result, (), "en")}
    assert not any(name.startswith("Unnamed") for name in names)
