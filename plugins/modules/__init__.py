"""Module preloads: a page asks for every module its scripts import at once, not one import level at a time."""
