from zones.page.areas import areas_table

ROWS = [
    {"layer": "idlib", "id": "zone-idlib", "name": "Idlib zone", "valid_from": "2017-05-06",
     "valid_to": "2017-09-15", "area_km2": 12345.6, "length_km": None},
    {"layer": "military_police", "id": "line-1", "name": "Ghouta line", "valid_from": "2017-07-24",
     "valid_to": None, "area_km2": None, "length_km": 99.04},
]


def test_the_table_names_zones_and_writes_sensible_numbers_in_english():
    assert areas_table(ROWS, "en") == [
        {"Zone or line": "Idlib zone", "In force": "6 May 2017 – 15 Sept 2017", "Area (km²)": "12,346",
         "Length (km)": ""},
        {"Zone or line": "Ghouta line", "In force": "24 Jul 2017 – ongoing", "Area (km²)": "",
         "Length (km)": "99.0"},
    ]


def test_the_table_speaks_french_and_arabic():
    french = areas_table(ROWS, "fr")
    assert french[0]["Superficie (km²)"] == "12\u202f346" and french[1]["Longueur (km)"] == "99,0"
    assert french[1]["En vigueur"] == "24 juil. 2017 – en cours"
    arabic = areas_table(ROWS, "ar")
    assert set(arabic[0]) == {"المنطقة أو الخط", "السريان", "المساحة (كم²)", "الطول (كم)"}
    assert "مستمر" in arabic[1]["السريان"]
