"""Deadlines: a Vietnamese deadline phrase -> kind and inclusive dates."""
