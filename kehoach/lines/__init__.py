"""Lines and patterns: every regular expression, the line cleaner and paragraph joiner."""
