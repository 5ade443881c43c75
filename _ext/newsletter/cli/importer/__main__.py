"""``python -m newsletter.cli.importer``: the importer's command."""

import sys

from . import main

sys.exit(main())
