"""``python -m simulator.service``."""

import sys

from .app import main

sys.exit(main())
