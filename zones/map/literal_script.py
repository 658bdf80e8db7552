"""Map elements whose rendered script is never read again as a template.

branca renders an element's script macro, then wraps the result in a new ``Element``, which
compiles it as a Jinja template and renders it a second time. Any ``{{ … }}`` or ``{% … %}`` that
came from the data (a feature's name, a layer title, an export title) would then be evaluated on
the server: wrong text at best, template injection at worst. Our elements hand the script over
as literal text instead.
"""

from __future__ import annotations

from branca.element import Element, MacroElement


class Literal(Element):
    """Text placed in a figure exactly as given."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class LiteralScriptElement(MacroElement):
    """A MacroElement whose ``script`` macro output reaches the page unparsed."""

    def render(self, **kwargs) -> None:
        script = self._template.module.__dict__.get("script")
        if script is not None:
            self.get_root().script.add_child(Literal(script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)
