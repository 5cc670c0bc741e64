"""Dedup quality (DESIGN §2): the merged contacts against the generator's labelled records, pair by pair.

Precision: of the record pairs the pipeline put in one contact, the share that are one person. Recall: of the
record pairs that are one person, the share the pipeline put in one contact. A record the pipeline could not key
is a contact of its own.
"""

import json
from collections import Counter
from itertools import combinations
from pathlib import Path

import duckdb

from ingestion.identity import identifier_row
from tests.pipeline.conftest import NOW, SALT

TARGET = 0.98


def pair_count(groups: Counter) -> int:
    return sum(size * (size - 1) // 2 for size in groups.values())


def whatsapp_record_id(identifier: str) -> str:
    """WhatsApp records are known by the key of their number or user id, as the pipeline keys them."""
    kind = "phone" if identifier.isdigit() else "whatsapp_user_id"
    return str(identifier_row(identifier, kind, "", SALT, NOW)[6])


def test_merged_contacts_match_the_labels_pairwise(dataset: Path, built_warehouse: Path) -> None:
    labels = json.loads((dataset / "truths.json").read_text(encoding="utf-8"))["identity"]["labels"]
    person_of = {
        (source, whatsapp_record_id(record_id) if source == "whatsapp" else record_id): person
        for source, record_id, person in labels
    }
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        mapped = connection.execute(
            "select source_system, source_record_id, contact_key from intermediate.int_contact_keys_mapped"
        ).fetchall()
    cluster_of = {(source, record_id): key or f"alone:{source}:{record_id}" for source, record_id, key in mapped}
    assert set(person_of) <= set(cluster_of), sorted(set(person_of) - set(cluster_of))[:5]
    records = list(person_of)
    by_person = Counter(person_of[r] for r in records)
    by_cluster = Counter(cluster_of[r] for r in records)
    by_both = Counter((person_of[r], cluster_of[r]) for r in records)
    true_positive = pair_count(by_both)
    precision = true_positive / pair_count(by_cluster)
    recall = true_positive / pair_count(by_person)
    print(f"dedup precision {precision:.4f} recall {recall:.4f}")
    assert precision >= TARGET and recall >= TARGET


def test_pair_counting_agrees_with_enumerating_the_pairs() -> None:
    records = {"a": (1, "k1"), "b": (1, "k1"), "c": (1, "k2"), "d": (2, "k2")}
    same_person = {p for p in combinations(records, 2) if records[p[0]][0] == records[p[1]][0]}
    same_cluster = {p for p in combinations(records, 2) if records[p[0]][1] == records[p[1]][1]}
    both = Counter(records.values())
    assert pair_count(both) == len(same_person & same_cluster) == 1
    assert pair_count(Counter(c for _, c in records.values())) == len(same_cluster) == 2
    assert pair_count(Counter(p for p, _ in records.values())) == len(same_person) == 3
