"""Build the site: python build.py [build|check] [options]. See README.md."""

import sys

try:
    from citesite.cli import main
except ModuleNotFoundError as missing:  # run before the generator's packages were installed
    sys.stderr.write(
        f"build.py: the module '{missing.name}' is not installed, so the generator cannot start; "
        'install it and its dependencies first: pip install -e ".[test]" (or pip install -e .)\n'
    )
    sys.exit(2)

if __name__ == "__main__":
    sys.exit(main())
