"""The engine: scores answers and writes reports (the build validates the questionnaires beforehand,
with :mod:`pyscript_tools.authoring.validate`).

This folder is exactly what the browser receives (``pyscript_tools.zip``): standard library only, no
import from outside it. The browser talks to it through :mod:`.bridge`; the build and the command line
call the same functions directly.
"""

ENGINE_VERSION = "2.0.0"
ANSWERS_FORMAT = "rai-toolkit-answers"
ANSWERS_FORMAT_VERSION = 1
