"""The online judge: sandbox, languages, checkers, scoring."""
