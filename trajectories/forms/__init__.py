"""Forms of the trajectories app: they parse input; the rules are in the services."""
