"""Screening instruments for psychologists (issue 9): pure data and scoring."""
