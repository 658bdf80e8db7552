"""Text from the data, shown literally in Streamlit's markdown-rendering widgets.

Streamlit renders ``st.error``, ``st.warning`` and ``st.markdown`` as Markdown: a file name or a
property holding ``*``, ``[link](…)`` or ``<b>`` must show as those characters, not as markup.
"""

from __future__ import annotations

import re

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")


def literal(text: str) -> str:
    """``text`` with every Markdown-significant character backslash-escaped."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def problems_markdown(lines: list[str]) -> str:
    """A Markdown bullet list of ``lines``, each shown literally."""
    return "\n".join(f"- {literal(line)}" for line in lines)
