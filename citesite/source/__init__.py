"""Reading the sources: the walk over content/, front matter, YAML with line numbers, schemas, site.yaml, data tables."""
