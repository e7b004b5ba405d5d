"""Pages for the employer pool, by seam.

- ``employers``: the employer list and page, create, edit, archive, contact persons;
- ``contacts``: the contact log and the werkmakelaar's follow-ups;
- ``vacancies``: the vacancy list and page, create, edit, close;
- ``proposals``: proposing a client, moving a proposal, a client's vacancies.

Every page is thin: the role gate (``ijmondwerkt.access``), a scoped read
(``employers.selectors`` or ``for_user``), a form, a service through
``ijmondwerkt.web``.
"""
