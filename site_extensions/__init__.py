"""This site's own Python-Markdown extensions, named in content/site.yaml under 'markdown: extensions'."""
