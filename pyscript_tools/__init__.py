"""pyscript_tools: the questionnaire engine of the Responsible AI Toolkit site, and its build tools.

Two subpackages, split by where the code runs:

- ``pyscript_tools.engine`` ships to the browser as it is (the site's ``pyscript_tools.zip`` holds
  exactly that folder) and runs unchanged in CPython and in Pyodide: standard library only.
- ``pyscript_tools.authoring`` runs at build time and on the command line: YAML with line numbers,
  content loading, anchors, the static form, ``python -m pyscript_tools``.
"""
