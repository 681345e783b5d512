"""What editors and the build do with the content, in CPython only: read the YAML with line numbers, check
it, apply translations, render the static form, and the command line. The engine (`pyscript_tools.engine`)
is what also runs in the browser; nothing here ships to it."""
