"""Reports of a scored result: HTML fragments and SVG charts for the page and the printed report,
Markdown, CSV, comparisons. Every renderer is written once, against the rows each kind provides."""
