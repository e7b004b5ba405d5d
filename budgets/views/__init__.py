"""The budgets pages: the overview with its drill-down and savings, and entry (budgets, import)."""
