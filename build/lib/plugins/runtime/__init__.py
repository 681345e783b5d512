"""Ships the browser runtime: the Pyodide core files and the pyscript_tools engine."""
