"""The online judge: task packages, checkers, Polygon import/export, the sandbox and
scoring."""
