"""Questionnaire pages: validate the YAML, render the forms, publish the definitions for the browser."""
