"""Pages for klantmanagers, by seam.

- ``lists``: the dashboard, the client list, the BSN search and reassignment;
- ``files``: register, edit and the client file itself;
- ``casework``: the casework forms on a file, one table-driven view.

Every page is thin: the role gate (``ijmondwerkt.access``), a scoped fetch
(``ijmondwerkt.scoping``), a form, a service through ``ijmondwerkt.web``.
"""
