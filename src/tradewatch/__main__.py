"""``python -m tradewatch``: the same as the ``tradewatch`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
