"""Tasks: the assignment finder, labelled fields, unit names and lists."""
