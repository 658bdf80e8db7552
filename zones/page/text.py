"""Text from the data or a link, shown literally in Streamlit's markdown-rendering widgets.

Streamlit renders ``st.error``, ``st.warning`` and ``st.markdown`` as Markdown: a file name or a
property holding ``*``, ``[link](…)`` or ``<b>`` must show as those characters, not as markup.
Two more things must not happen to such text:

- auto-linking: GitHub-flavoured Markdown turns ``https://…``, ``www.…`` and ``name@host.tld``
  into links, and it does so after backslash escapes are resolved (remark-gfm rewrites the
  text nodes), so escaping cannot stop it. An invisible WORD JOINER (U+2060) breaks the three
  patterns (``https⁠://``, ``www⁠.``, ``name⁠@``) without changing what a reader sees;
- entity decoding: ``&rlm;`` or ``&amp;`` would be decoded; ``\\&`` keeps them as typed.

Links belong only where the data model says a value is a source URL (the popups' http(s)
sources), never in text shown through :func:`literal`.
"""

from __future__ import annotations

import re

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:&])")
WORD_JOINER = "\u2060"
# Where GFM's autolink literals begin: a scheme's "://", "www." and the "@" of an address.
_AUTOLINK_STARTS = re.compile(r"(?i)(?<=[a-z0-9+.\-])(?=://)|(?<=\bwww)(?=\.)|(?=@)")


def literal(text: str) -> str:
    """``text`` with every Markdown-significant character backslash-escaped, ``&`` kept from
    entity decoding, and URLs and e-mail addresses kept from becoming links."""
    unlinked = _AUTOLINK_STARTS.sub(WORD_JOINER, str(text))
    return MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)


def problems_markdown(lines: list[str]) -> str:
    """A Markdown bullet list of ``lines``, each shown literally."""
    return "\n".join(f"- {literal(line)}" for line in lines)
