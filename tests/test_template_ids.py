"""A heading's id never takes one the site's templates give an element: the list the engine keeps is complete."""

import re
from pathlib import Path

from citesite.markdown import TEMPLATE_IDS, heading_slug

ROOT = Path(__file__).resolve().parents[1]


def test_every_fixed_id_in_the_templates_is_kept_clear_of_headings():
    written = set()
    # the site's own templates and the default theme's, which the site's override file by file
    for template in [*(ROOT / "templates").rglob("*.html"), *(ROOT / "citesite/theme/templates").rglob("*.html")]:
        written.update(re.findall(r'\bid="([a-z][a-z0-9-]*)"', template.read_text(encoding="utf-8")))
    assert written - TEMPLATE_IDS == set()


def test_a_heading_named_like_a_template_id_gets_another():
    assert heading_slug("Cite heading", "-") == "section-cite-heading"
    assert heading_slug("Checker", "-") == "section-checker"
    assert heading_slug("How much", "-") == "how-much"
