"""Publishing static files: CSS and JS made smaller, what they mean unchanged (finding them: source/assets.py)."""

from __future__ import annotations

import re

from citesite.source.assets import Asset as Asset  # render/context.py imports it from here too

# Strings are kept as they are; comments go; whitespace collapses, and disappears around { } ; , and after ':';
# the ';' before a '}' goes too. Never before ':' ('a :hover' is not 'a:hover') nor
# around '+' (calc() needs those spaces).
_CSS_TOKENS = re.compile(
    r"(\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*')|/\*.*?\*/|\s*;\s*(?=})|\s*([{};,])\s*|(:)\s+|\s+", re.DOTALL
)


def minify_css(text: str) -> str:
    """The stylesheet without comments and needless whitespace; what it means is unchanged."""

    def keep(match: re.Match[str]) -> str:
        string, punctuation, colon = match.groups()
        if string:
            return string
        if punctuation:
            return punctuation
        if colon:
            return colon
        if match.group(0).startswith("/*") or ";" in match.group(0):
            return ""
        return " "

    # A removed comment can leave a space beside a brace ('} @media'); a second pass takes it away.
    return _CSS_TOKENS.sub(keep, _CSS_TOKENS.sub(keep, text)).strip() + "\n"


def _is_one_comment(code: str) -> bool:
    """Whether a stripped line is one /* … */ comment and nothing else."""
    return code.startswith("/*") and code.endswith("*/") and code.count("*/") == 1


def strip_js(text: str) -> str:
    """The script without indentation, blank lines and comments that fill whole lines; what it means is unchanged.

    Only whole lines go, and outside a comment a line starting with '//' or '/*' is always a comment. When that
    cannot be told line by line (a template literal, a string continued over lines, a comment that closes
    before code, a line that opens a comment it does not close) the script is published as it is.
    """
    if "`" in text or re.search(r"\\\r?\n", text):
        return text
    kept: list[str] = []
    in_comment = False
    for line in text.splitlines():
        code = line.strip()
        if in_comment:
            if "*/" in code:
                if code[code.index("*/") + 2 :].strip():
                    return text
                in_comment = False
        elif code.startswith("/*") and "*/" not in code[2:]:
            in_comment = True
        elif not code or code.startswith("//") or _is_one_comment(code):
            continue
        elif code.count("/*") != code.count("*/"):
            return text
        else:
            kept.append(code)
    return "\n".join(kept) + "\n"


def published_bytes(asset: Asset) -> bytes | None:
    """What to publish for an asset when it is not a plain copy (stylesheets and scripts are made smaller)."""
    if asset.source.suffix == ".css":
        return minify_css(asset.source.read_text(encoding="utf-8")).encode("utf-8")
    if asset.source.suffix == ".js":
        return strip_js(asset.source.read_text(encoding="utf-8")).encode("utf-8")
    return None
