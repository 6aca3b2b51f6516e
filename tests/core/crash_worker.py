"""A process that adds and edits excerpts as fast as it can until killed (for test_excerpt_crash)."""

from __future__ import annotations

import random
import sys

from viewer.core.anchor import text_hash
from viewer.core.citation import CitationData
from viewer.core.excerpts import Excerpt, ExcerptStore


def main(path: str, seed: int) -> None:
    rng = random.Random(seed)
    store = ExcerptStore(path)
    print("READY", flush=True)
    ids: list[int] = []
    counter = 0
    while True:
        counter += 1
        roll = rng.random()
        if roll < 0.6 or not ids:
            text = f"{seed}-{counter}-" + "赤峰通辽双子星座" * rng.randint(1, 400)
            excerpt = Excerpt(
                doc_id="d",
                paragraph_ids=("d-p1",),
                start=0,
                end=len(text),
                text=text,
                text_simplified=text,
                text_traditional=text,
                citation=CitationData(doc_id="d", source="d.txt", title="标题"),
                note="",
                tags=("t",),
                text_hash=text_hash(text),
            )
            saved = store.add(excerpt)
            ids.append(saved.id)
            print(f"A {saved.id} {saved.text_hash}", flush=True)
        elif roll < 0.9:
            target = rng.choice(ids)
            store.update(target, note=f"{seed}:{counter}", tags=[f"n{counter}"])
            print(f"N {target} {seed} {counter}", flush=True)
        else:
            store.move(rng.choice(ids), rng.randint(0, len(ids)))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
