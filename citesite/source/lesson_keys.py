"""Front matter keys that lessons carry (The Carpentries' episodes'): unknown here, and kept under 'extra:'."""

from __future__ import annotations

LESSON_KEYS = ("teaching", "exercises", "questions", "objectives", "keypoints")
LESSON_HINTS = {  # the message for each, instead of the list of allowed keys
    key: f"unknown key '{key}' in front matter; lesson metadata goes under 'extra:' (indent '{key}:' below a line "
    f"'extra:'), where templates read it as page.extra.{key}"
    for key in LESSON_KEYS
}
