import folium
from jinja2 import Template

from zones.map.literal_script import Literal, LiteralScriptElement


class _Echo(LiteralScriptElement):
    _template = Template("{% macro script(this, kwargs) %}var said = {{ this.text|tojson }};{% endmacro %}")

    def __init__(self, text: str):
        super().__init__()
        self.text = text


def test_template_syntax_from_the_data_reaches_the_page_unevaluated():
    fmap = folium.Map(tiles=None)
    _Echo("{{ 7*7 }} {% if true %}run{% endif %}").add_to(fmap)
    html = fmap.get_root().render()
    assert 'var said = "{{ 7*7 }} {% if true %}run{% endif %}";' in html  # not "49 run"


def test_a_literal_renders_exactly_its_text():
    assert Literal("<p>{{ x }}</p>").render() == "<p>{{ x }}</p>"
