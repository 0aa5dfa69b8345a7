"""Many documents: finding inputs, the worker pool, the combined outputs."""
