"""Career guidance (issue 9), the deterministic core: the interest inventory
(``inventory``), occupations matched to a profile (``matching``) and ENT feasibility
(``ent``). Pure functions over the data in ``core/data/career/`` (see its ``NOTICE.md``);
no database, no LLM."""
