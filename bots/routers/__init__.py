"""Routers by feature; each module offers ``router()`` (a fresh one per dispatcher)."""
