"""pyscript_tools: the questionnaire engine of the Responsible AI Toolkit site.

Pure Python, standard library only at run time: the same code validates,
scores and reports in CPython (build, command line, tests) and in Pyodide
(the browser).  Build-time only modules (never shipped to the browser):
``yaml_source``, ``loading``, ``anchors``, ``cli`` and ``__main__``.
"""

__version__ = "1.0.0"

ANSWERS_FORMAT = "rai-toolkit-answers"
ANSWERS_FORMAT_VERSION = 1

__all__ = ["__version__", "ANSWERS_FORMAT", "ANSWERS_FORMAT_VERSION"]
