"""`python -m pyscript_tools`: the command line (see :mod:`pyscript_tools.build.cli`)."""
import sys

from .build.cli import main

sys.exit(main())
