"""`python -m pyscript_tools`: the command line (see :mod:`pyscript_tools.authoring.cli`)."""
import sys

from .authoring.cli import main

sys.exit(main())
