"""Pages of the trajectories app, by seam.

- ``trajectories``: the trajectory list, page, create, edit and end;
- ``deployments``: deployments (inzetten) with live eligibility feedback;
- ``catalogue``: the instrument catalogue, read-only for staff;
- ``client_file``: the sections the client file shows about trajectories,
  placements and wage-cost subsidies;
- ``placements``, ``assessments``: placements, follow-up and wage-value
  assessments.

Every page is thin: the role gate (``ijmondwerkt.access``), a scoped fetch, a
form, a service through ``ijmondwerkt.web``.
"""
