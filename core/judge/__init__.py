"""The online judge: task packages, checkers, Polygon import/export and the sandbox."""
