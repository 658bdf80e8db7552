"""Hostile text in the data, the catalogue or a link: markup, template syntax, quotes, control
characters and very long strings are shown as text everywhere (tooltips, popups, legend, page,
exports, link notices), kept exactly in data exports, and never evaluated."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import tomllib
import unicodedata
from html import escape
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP, layer_text, map_args, read_sample, run_page, sawtooth, write_json
from zones.data.catalogue import load_catalogue
from zones.data.layers import load_layers
from zones.data.properties import validate_properties
from zones.export.files import export_snapshot, file_name
from zones.export.formats import geojson_text, standalone_html
from zones.export.snapshot import Snapshot
from zones.map.builder import base_map
from zones.map.legend import legend_html
from zones.map.payload import feature_collection, feature_json
from zones.map.popups import popup_html, tooltip_html
from zones.page.share_link import ECHO_CHARS, parse_query
from zones.page.text import literal

# Each would run script, open a dialog or set window.pwned if it reached a page as markup.
MARKUP = (
    "<script>window.pwned=1;alert('script')</script>",
    "</script><script>window.pwned=1</script>",
    '<img src=x onerror="window.pwned=1;alert(1)">',
    "<iframe src=\"javascript:parent.pwned=1;alert('iframe')\"></iframe>",
    "<svg onload=window.pwned=1>",
    '"><b onmouseover=window.pwned=1>quote breakout</b>',
)
# JavaScript template literals and other syntax that must stay inert text.
SCRIPTISH = ("${7*7}", "`${window.pwned=1}` ` \\`", "back\\slash C:\\new\\table \\u003c \\\\",
             "\"double\" 'single' &amp; &lt;b&gt;", "\u202eRTL override\u202c", "nul\x00byte",
             "**bold** _it_ [link](javascript:alert(1)) # $x$ :smile:")
# Jinja syntax: the templates that build the map must never evaluate it.
JINJA = ("{{ 7*7 }}", "{% if true %}evaluated{% endif %}", "{# hidden #}", "{{'alert'}}")
HOSTILE = " | ".join(MARKUP + SCRIPTISH)
HOSTILE_JINJA = HOSTILE + " | " + " | ".join(JINJA)
LONG = "long " + "x" * 20_000
HOSTILE_URL = "https://example.org/?q=\"><script>window.pwned=1</script>"
HOSTILE_TITLE = "Idlib <script>window.pwned=1</script> ${7*7} **md** \u202eltr"
HOSTILE_ATTRIBUTION = "<img src=x onerror=alert(1)> ${7*7} [x](javascript:alert(1))"
HOSTILE_PLACE = "Zzyzx **bold** <b>tag</b> [x](https://example.org)"
# branca (MacroElement.render) compiles every rendered script as a Jinja template and renders it
# again: Jinja syntax in data, a catalogue title or the export title would be evaluated on the
# server (``{{ 7*7 }}`` → 49, ``{{ lipsum.__globals__.os… }}`` runs code) and unbalanced syntax
# would stop the map rendering. zones.literal_script keeps our scripts literal; these tests hold it.
TEXT_FIELDS = ("name_en", "name_fr", "name_ar", "confidence_note", "method", "description_en")
THEMATIC_FILES = ("deescalation_zones.geojson", "raqqa.geojson", "military_police.geojson",
                  "events.geojson", "control_marks.geojson", "control_areas.geojson",
                  "control_disagreements.geojson")


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes are a subset of TOML's)."""
    return json.dumps(text)


def make_hostile(folder: Path, *, text: str = HOSTILE, long_text: str = LONG,
                 title: str = HOSTILE_TITLE) -> Path:
    """Rewrite a copy of the sample data so that every text a reader sees is hostile: feature
    names, notes, methods, descriptions, sources and ids are ``text``, the first feature's method
    ``long_text``; the Idlib layer's title (``title``) and attribution in ``layers.toml``; a place
    in ``places.csv``. Returns ``folder``."""
    for name in THEMATIC_FILES:
        path = folder / name
        data = json.loads(path.read_text(encoding="utf-8"))
        for index, feature in enumerate(data["features"]):
            properties = feature["properties"]
            properties.update({field: text for field in TEXT_FIELDS if field in properties})
            properties["id"] = f"<b>{properties['id']}</b>${{7*7}}"
            properties["sources"] = [{"publisher": text, "title": text, "date": "2017-07-06",
                                      "url": HOSTILE_URL}]
            if index == 0:
                properties["method"] = long_text
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    toml = folder / "layers.toml"
    text = re.sub(r'(?m)^(title = "Idlib de-escalation zone \(provisional\)"\n)titles = \{.*\}\n',
                  r"\1", toml.read_text(encoding="utf-8"))  # the English title in every language
    for old, new in (('"Idlib de-escalation zone (provisional)"', toml_string(title)),
                     ('"Zone outline: Syria 2017 zones project, hand-drawn (CC BY 4.0), edges adapted '
                      'to town control c. July 2017: Wikipedia contributors, Module:Syrian Civil War '
                      'detailed map (CC BY-SA 3.0)"\nstyle = { color = "#ee7733"',
                      toml_string(HOSTILE_ATTRIBUTION) + '\nstyle = { color = "#ee7733"')):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    toml.write_text(text, encoding="utf-8")
    with (folder / "places.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow([HOSTILE_PLACE, 35.9, 36.6, "Idlib", "", ""])
    return folder


@pytest.fixture
def hostile_dir(sample_dir):
    return make_hostile(sample_dir)


@pytest.fixture
def hostile(hostile_dir):
    catalogue = load_catalogue(hostile_dir)
    result = load_layers(catalogue)
    assert result.errors == (), [error.message for error in result.errors]
    return catalogue, result


def hostile_properties(text: str) -> dict:
    return {"id": text, "name_en": text, "valid_from": text, "valid_to": text, "confidence": text,
            "confidence_note": text, "method": text, "description_en": text, "date": text,
            "approximate": True, "sources": [{"publisher": text, "title": text, "date": text,
                                              "url": HOSTILE_URL}]}


# ------------------------------------------------------------------ tooltips and popups


@pytest.mark.parametrize("text", MARKUP + SCRIPTISH + JINJA + (HOSTILE_JINJA, LONG))
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_tooltips_and_popups_show_any_text_as_text(text, lang):
    """The text changes nothing but the escaped text slots of the HTML."""
    placeholder = "PLACEHOLDER"
    for build in (lambda props: tooltip_html(props, lang),
                  lambda props: popup_html(props, lang, area_km2=12.0, length_km=3.0)):
        html = build(hostile_properties(text))
        assert html == build(hostile_properties(placeholder)).replace(placeholder, escape(text))
        assert escape(text) in html and "49" not in html


def test_a_basemap_source_and_a_non_http_link_stay_text():
    popup = popup_html({"name_en": MARKUP[0], "source": MARKUP[2]}, "en")
    assert escape(MARKUP[2]) in popup and "<img" not in popup
    popup = popup_html({"name_en": "x", "sources": [{"publisher": "p", "title": "t", "date": "d",
                                                      "url": "javascript:alert(1)"}]}, "en")
    assert "javascript:" not in popup and "<a " not in popup


def test_what_the_browser_receives_is_escaped_and_safe_in_a_script(sample_dir):
    catalogue = load_catalogue(make_hostile(sample_dir, text=HOSTILE_JINJA))
    result = load_layers(catalogue)
    assert result.errors == ()
    for layer in result.layers.values():
        if layer.spec.is_basemap:
            continue
        for feature in feature_collection(layer)["features"]:
            properties = feature["properties"]
            assert escape(HOSTILE_JINJA) in properties["tooltip"]
            assert escape(HOSTILE_JINJA) in properties["popup"]
            assert "<script" not in properties["popup"] and "<img" not in properties["popup"]
        text = feature_json(layer)
        assert "<" not in text and "\u2028" not in text  # nothing can close the <script>
        assert json.loads(text) == json.loads(json.dumps(feature_collection(layer)))


def test_the_long_text_is_kept_whole(hostile):
    _, result = hostile
    popup = feature_collection(result.layers["idlib"])["features"][0]["properties"]["popup"]
    assert LONG in popup


# ------------------------------------------------------------------ legend and catalogue


def test_the_legend_shows_a_hostile_layer_title_as_text(hostile):
    catalogue, _ = hostile
    for lang in ("en", "ar"):
        html = legend_html(catalogue, lang)
        assert escape(HOSTILE_TITLE) in html
        assert "<script" not in html and "${7*7}" in html


# ------------------------------------------------------------------ exports


def test_geojson_export_keeps_every_string_exactly(hostile):
    catalogue, result = hostile
    snapshot = Snapshot(layers=catalogue.ids, day=dt.date(2017, 8, 4))
    exported = json.loads(geojson_text(snapshot, catalogue, result))
    thematic = [feature for feature in exported["features"]
                if not catalogue.get(feature["properties"]["layer_id"]).is_basemap]
    assert len(thematic) >= 8
    for feature in thematic:
        properties = feature["properties"]
        assert properties["name_en"] == HOSTILE
        assert properties.get("confidence_note", HOSTILE) == HOSTILE  # town-control marks have none
        assert properties["sources"] == [{"publisher": HOSTILE, "title": HOSTILE, "date": "2017-07-06",
                                          "url": HOSTILE_URL}]
        assert properties["id"].endswith("</b>${7*7}")
    assert LONG in {feature["properties"]["method"] for feature in thematic}
    assert "\x00" in HOSTILE and "\u202e" in HOSTILE  # the exact strings include both


def test_html_export_runs_no_script_from_the_data(hostile, sample_catalogue):
    catalogue, result = hostile
    title = "<script>window.pwned=1</script>${7*7}"
    snapshot = Snapshot(layers=catalogue.ids, day=dt.date(2017, 8, 4), title=title)
    html = standalone_html(snapshot, catalogue, result)
    # The clean sample's export is the baseline: the data adds no tag, handler or evaluation.
    clean = standalone_html(Snapshot(layers=catalogue.ids, day=dt.date(2017, 8, 4)), sample_catalogue,
                            load_layers(sample_catalogue))
    for raw in ("<script", "<img", "<iframe", "<svg", "onerror=", "onload=", "onmouseover="):
        assert html.count(raw) == clean.count(raw), raw
    assert "window.pwned=1</script>" not in html
    assert f"<title>{escape(title)}</title>" in html
    assert "${7*7}" in html


# ------------------------------------------------------------------ share links


HOSTILE_QUERY = {"zoom": MARKUP[0], "lat": "{{ 7*7 }}", "lon": "${7*7}", "date": "\u202e2017-07-06",
                 "lang": "nul\x00", "layers": f"idlib,{MARKUP[2]}", MARKUP[1]: "1", "x" * 5000: LONG}


def test_link_notices_quote_little_and_no_control_character(sample_catalogue):
    state, notices = parse_query(HOSTILE_QUERY, sample_catalogue)
    assert state.layers == ("idlib",) and state.zoom == 7 and state.lang == "en"
    assert len(notices) == 7
    for notice in notices:
        assert not any(unicodedata.category(character) in ("Cc", "Cf") for character in notice)
        assert "49" not in notice
        assert len(notice) < 400
    joined = " ".join(notices)
    assert MARKUP[0][:ECHO_CHARS] in joined and "{{ 7*7 }}" in joined and "${7*7}" in joined


# ------------------------------------------------------------------ the page


def test_the_page_shows_hostile_data_as_text(monkeypatch, hostile_dir):
    page = run_page(monkeypatch, hostile_dir)
    assert not page.error, [error.value for error in page.error]
    assert page.checkbox(key="layer_idlib").label == literal(HOSTILE_TITLE)
    markdown = [element.value for element in page.markdown]
    source_line = f"- **{literal(HOSTILE_TITLE)}**: {literal(HOSTILE_ATTRIBUTION)}"
    assert any(source_line in value for value in markdown)
    assert any(literal(HOSTILE) in value for value in markdown)  # the events list
    args = map_args(page)  # the map carrier's data: base scripts, legend, layer entries and data
    base, entries = args["base"], json.dumps(args["layers"], ensure_ascii=False)
    scripts = base["core"] + base["extras"] + base["legend"] + entries
    # decoded: the JSON text itself writes every "<" as \u003c
    layers = "".join(json.dumps(json.loads(text), ensure_ascii=False) for text in args["data"].values())
    for part in (scripts, layers):
        assert "<script>window" not in part and "<img" not in part and "<iframe" not in part
    assert "${7*7}" in layers and "**bold**" in layers
    info = json.dumps(json.loads(args["data"][args["info"]]), ensure_ascii=False)  # how layers are drawn
    assert escape(HOSTILE_ATTRIBUTION) in info
    assert escape(escape(HOSTILE_ATTRIBUTION)) not in info  # escaped once, not twice


def test_the_page_shows_hostile_link_values_as_text(monkeypatch, sample_dir):
    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))
    page = AppTest.from_file(APP, default_timeout=60)
    page.query_params.update({key: value for key, value in HOSTILE_QUERY.items()
                              if "\x00" not in key + value})
    page.run()
    assert not page.exception, page.exception
    notice = " ".join(info.value for info in page.info)
    assert literal(MARKUP[0][:ECHO_CHARS]) in notice
    assert "<script>" not in notice and "\\{\\{ 7\\*7 \\}\\}" in notice


def test_a_hostile_file_name_in_an_error_is_shown_as_text(monkeypatch, sample_dir):
    toml = sample_dir / "layers.toml"
    name = "<img src=x onerror=alert(1)>${7*7}.geojson"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"events.geojson"', toml_string(name)),
                    encoding="utf-8")
    page = run_page(monkeypatch, sample_dir)
    errors = " ".join(error.value for error in page.error)
    assert literal(name) in errors
    assert "<img" not in errors.replace("\\<img", "")


def test_the_place_search_shows_hostile_names_as_text(monkeypatch, hostile_dir):
    page = run_page(monkeypatch, hostile_dir)
    page.text_input[0].input("Zzyzx").run()
    assert not page.exception
    answer = " ".join(element.value for element in page.markdown if "36.60 E" in element.value
                      or "36\\.60 E" in element.value)
    assert answer, [element.value for element in page.markdown]
    assert literal(HOSTILE_PLACE) in answer
    assert literal(HOSTILE) in answer  # the zone's name


# ------------------------------------------------------------------ Jinja syntax


def test_jinja_in_the_data_is_not_evaluated_in_an_html_export(sample_dir):
    catalogue = load_catalogue(make_hostile(sample_dir, text=HOSTILE_JINJA))
    result = load_layers(catalogue)
    html = standalone_html(Snapshot(layers=("events",), day=dt.date(2017, 8, 4)), catalogue, result)
    # The popups travel as script-safe JSON, where &, ' and < are written as \u0026, \u0027, \u003c.
    script_text = re.sub(r"\\u00(26|27|3c|3e)", lambda code: chr(int(code.group(1), 16)), html)
    for text in JINJA:
        assert escape(text) in script_text, text


def test_jinja_in_the_export_title_is_not_evaluated(sample_catalogue):
    result = load_layers(sample_catalogue)
    title = "{{ 7*7 }}"  # typed by any reader in the Export panel
    html = standalone_html(Snapshot(layers=("idlib",), title=title), sample_catalogue, result)
    assert "<title>{{ 7*7 }}</title>" in html


def test_jinja_in_a_layer_title_is_not_evaluated_in_the_legend(sample_dir):
    catalogue = load_catalogue(make_hostile(sample_dir, title="Idlib {{ 7*7 }}"))
    html = base_map(catalogue).get_root().render()
    assert "Idlib {{ 7*7 }}" in html


def test_the_page_draws_data_holding_jinja_syntax(monkeypatch, sample_dir):
    page = run_page(monkeypatch, make_hostile(sample_dir, text=HOSTILE_JINJA))
    assert "{% if true %}evaluated{% endif %}" in layer_text(map_args(page))


# ------------------------------------------------------------------ issue 14: links, exports, server

AUTOLINK = re.compile(r"(?i)(https?://|www\.)[-.\w]|[-.\w+]@[-\w]+\.", re.ASCII)


def test_a_url_in_a_link_value_is_no_link_in_the_page_notice(monkeypatch, sample_dir):
    monkeypatch.setenv("ZONES_DATA_DIR", str(sample_dir))
    page = AppTest.from_file(APP, default_timeout=60)
    page.query_params.update({"zoom": "https://evil.example/login", "lat": "www.evil.example",
                              "lon": "x@evil.example", "date": "&rlm;2017-07-06&amp;"})
    page.run()
    assert not page.exception, page.exception
    notice = " ".join(info.value for info in page.info)
    shown = re.sub(r"\\(.)", r"\1", notice)  # as Markdown shows it, escapes resolved
    assert "evil" in shown and not AUTOLINK.search(shown), shown
    assert "\\&rlm;" in notice and "\\&amp;" in notice  # shown as typed, not decoded


def test_a_url_in_an_attribution_is_no_link_on_the_page(monkeypatch, sample_dir):
    toml = sample_dir / "layers.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        '"Events: Syria 2017 zones project, from public reporting (CC BY 4.0)"',
        '"Events: see https://evil.example/login or www.evil.example, mail x@evil.example"'),
        encoding="utf-8")
    page = run_page(monkeypatch, sample_dir)
    line = next(element.value for element in page.markdown if "evil" in element.value)
    assert not AUTOLINK.search(re.sub(r"\\(.)", r"\1", line)), line


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x",
                                 "vbscript:msgbox(1)", "&#106;avascript:alert(1)",
                                 "java\tscript:alert(1)", "\thttps://example.org", " https://example.org",
                                 "//evil.example/x", "ftp://example.org/x"])
def test_a_source_url_that_is_not_http_is_refused(url):
    problems = validate_properties(
        [{"sources": [{"publisher": "P", "title": "T", "date": "2017-07-06", "url": url}]}],
        {"sources": "sources"})
    assert problems == ["feature 0: “sources” source 1 has a url that is not an http(s) address"]


def test_the_geojson_export_is_strict_json_with_null_for_non_finite_numbers(sample_dir):
    path = sample_dir / "events.geojson"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '"description_en":', '"casualties": NaN, "range_km": Infinity, "low": -Infinity, '
                             '"nested": [1.5, NaN], "description_en":', 1), encoding="utf-8")
    catalogue = load_catalogue(sample_dir)
    result = load_layers(catalogue)
    assert result.errors == ()
    text = geojson_text(Snapshot(layers=("events",), day=dt.date(2017, 6, 18)), catalogue, result)

    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")

    exported = json.loads(text, parse_constant=refuse)  # as strict as JSON.parse
    first = next(feature for feature in exported["features"] if "casualties" in feature["properties"])
    assert [first["properties"][key] for key in ("casualties", "range_km", "low", "nested")] == \
        [None, None, None, [1.5, None]]


@pytest.mark.parametrize("title", ["../../etc/passwd", "{{7*7}}", "first line\nsecond line\r\n",
                                   "..\\..\\x"])
def test_an_export_title_is_text_and_never_a_path(sample_catalogue, sample_result, out_dir, title):
    snapshot = Snapshot(layers=("idlib",), title=title)
    written = export_snapshot(snapshot, "html", sample_catalogue, sample_result, out_dir)
    assert written.parent == out_dir and written.name == file_name(snapshot, "html", sample_catalogue)
    html = written.read_bytes().decode("utf-8")
    assert f"<title>{escape(title)}</title>" in html and "<title>49</title>" not in html


def test_geometry_for_the_browser_loses_only_what_the_deepest_zoom_cannot_show(sample_dir):
    # 10,000 vertices: Leaflet's recursive simplification overflowed the stack on such a saw.
    collection = read_sample("deescalation_zones.geojson")
    collection["features"][0]["geometry"]["coordinates"] = sawtooth(10_000, tooth=2e-6)
    collection["features"][1]["geometry"]["coordinates"] = sawtooth(400, tooth=0.01)
    collection["features"][1]["geometry"]["coordinates"][0] = [
        [lon, lat - 0.3] for lon, lat in collection["features"][1]["geometry"]["coordinates"][0]]
    write_json(sample_dir / "deescalation_zones.geojson", collection)
    result = load_layers(load_catalogue(sample_dir))
    fine = feature_collection(result.layers["idlib"])["features"][0]["geometry"]
    assert len(fine["coordinates"][0]) < 100  # sub-pixel teeth at zoom 16: gone
    coarse = feature_collection(result.layers["northern_homs"])["features"][0]["geometry"]
    assert len(coarse["coordinates"][0]) == 403  # visible teeth: every one kept


def test_a_dense_feature_is_drawn_without_leaflet_s_recursive_smoothing(sample_dir):
    # Leaflet's Douglas-Peucker recurses once per vertex on a saw of visible teeth: 10,000 of
    # them overflowed the browser's stack and hid that layer and every later one.
    collection = read_sample("deescalation_zones.geojson")
    collection["features"][0]["geometry"]["coordinates"] = sawtooth(10_000, tooth=0.01)
    write_json(sample_dir / "deescalation_zones.geojson", collection)
    result = load_layers(load_catalogue(sample_dir))
    dense = feature_collection(result.layers["idlib"])["features"][0]
    assert len(dense["geometry"]["coordinates"][0]) == 10_003
    assert dense["properties"]["style"]["smoothFactor"] == 0
    plain = feature_collection(result.layers["south"])["features"][0]
    assert "smoothFactor" not in plain["properties"]["style"]


def test_the_server_listens_on_this_machine_only():
    config = tomllib.loads((Path(APP).parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "localhost"
    readme = (Path(APP).parent / "README.md").read_text(encoding="utf-8")
    assert "--server.address 0.0.0.0" in readme


# Streamlit serves static/ (enableStaticServing); none of these may leave it.
TRAVERSALS = ("../app.py", "..%2fapp.py", "%2e%2e/app.py", "..%5capp.py", "vendor/../../app.py",
              "vendor/%2e%2e/%2e%2e/app.py", "%2fetc%2fpasswd", "..\\app.py", "....//app.py",
              "%252e%252e%252fapp.py")


def static_get(raw_path: str) -> tuple[int, bytes]:
    """GET ``raw_path`` from Streamlit's own static-file routes and path filter, as the server
    would (percent-decoded path, raw path kept), without opening a socket."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import unquote

    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from streamlit.web.server.starlette.starlette_path_security_middleware import PathSecurityMiddleware
    from streamlit.web.server.starlette.starlette_routes import create_app_static_serving_routes

    app = Starlette(routes=create_app_static_serving_routes(APP, None),
                    middleware=[Middleware(PathSecurityMiddleware)])
    scope = {"type": "http", "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": unquote(raw_path), "raw_path": raw_path.encode(), "query_string": b"",
             "headers": [(b"host", b"localhost")], "server": ("localhost", 8501),
             "client": ("127.0.0.1", 1), "root_path": ""}
    response = {"status": 0, "body": b""}

    async def run() -> None:
        asked = asyncio.Event()

        async def receive():
            if not asked.is_set():
                asked.set()
                return {"type": "http.request", "body": b"", "more_body": False}
            await asyncio.Event().wait()  # the client never disconnects

        async def send(message):
            if message["type"] == "http.response.start":
                response["status"] = message["status"]
            elif message["type"] == "http.response.body":
                response["body"] += message.get("body", b"")

        await app(scope, receive, send)

    # On a thread of its own: when the browser tests have run first, Playwright's loop is
    # running on this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, run()).result()
    return response["status"], response["body"]


def test_static_serving_works():
    status, body = static_get("/app/static/zones.css")
    assert status == 200 and body == (Path(APP).parent / "static" / "zones.css").read_bytes()


@pytest.mark.parametrize("path", TRAVERSALS)
def test_a_static_path_cannot_leave_the_static_folder(path):
    status, body = static_get(f"/app/static/{path}")
    assert status in (400, 404)
    assert b"set_page_config" not in body and b"root:" not in body
