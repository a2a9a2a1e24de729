"""Automatic school timetables (issue 11): the problem model, importers, checker, solver."""
