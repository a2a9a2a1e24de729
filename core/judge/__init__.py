"""The online judge: sandbox, languages, task packages, checkers, Polygon, scoring."""
