"""Translations that stay true: what a translated page was made from, and what changed in its original since."""
