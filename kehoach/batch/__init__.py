"""Many documents: finding inputs, the worker pool, the combined outputs.

Converted in parallel, streamed in input order; one bad file stops nothing. Three layers, each
usable alone, one module each:

- ``find_inputs(paths)`` (inputs.py) walks folders (recursively, sorted) and keeps the files that
  match ``INPUT_PATTERNS`` (or your include/exclude globs);
- ``convert(inputs, jobs=N)`` (pool.py) parses them in worker processes and yields one plain dict
  per document, in input order, as they complete (a bounded window: memory stays flat);
- ``Batch(outdir=..., combined=...).run(inputs)`` (outputs.py) writes the outputs (a mirrored tree
  of JSON records, one combined JSONL, CSV, workbook or calendar file, the list of failures) and
  keeps a ``Summary``. ``kehoach batch`` is a thin shell over it.

    >>> from kehoach import batch
    >>> inputs = batch.find_inputs(["inbox"])                       # doctest: +SKIP
    >>> for result in batch.convert(inputs, jobs=2):                # doctest: +SKIP
    ...     print(result["path"], result["error"] or result["tasks"])
"""
from kehoach.batch.inputs import COMBINED_FORMATS, INPUT_PATTERNS, Input, combined_format, find_inputs, output_path
from kehoach.batch.outputs import Batch, Summary, failure_text
from kehoach.batch.pool import convert, convert_one, default_jobs

__all__ = [
    "COMBINED_FORMATS", "INPUT_PATTERNS", "Batch", "Input", "Summary", "combined_format", "convert",
    "convert_one", "default_jobs", "failure_text", "find_inputs", "output_path",
]
