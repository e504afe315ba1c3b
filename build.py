"""Build the site: python build.py [build|check] [options]. See README.md."""

import sys

from citesite.cli import main

if __name__ == "__main__":
    sys.exit(main())
