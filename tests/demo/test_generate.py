"""The generator: deterministic, scalable, and in the documented webhook and CRM shapes."""

from __future__ import annotations

import json
from pathlib import Path

from demo.config import GenerationConfig
from demo.generate import generate
from tests.demo.landing_reader import landing_files, read_landing

INBOUND_CONTENT_KEYS = {
    "text",
    "button",
    "interactive",
    "reaction",
    "image",
    "sticker",
    "video",
    "audio",
    "document",
    "location",
    "contacts",
    "errors",
}


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    config = GenerationConfig(seed=3, scale=0.01)
    generate(config, tmp_path / "a")
    generate(config, tmp_path / "b")
    generate(config, tmp_path / "b")  # re-running into the same folder replaces, never appends
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert first.keys() == second.keys()
    assert first == second
    other = generate(GenerationConfig(seed=4, scale=0.01), tmp_path / "c")
    assert _tree(tmp_path / "c")["truths.json"] != first["truths.json"]
    assert other["counts"]["crm_contacts"] == 50


def test_scale_multiplies_contacts_messages_and_deals(tmp_path: Path, dataset: Path) -> None:
    small = generate(GenerationConfig(seed=11, scale=0.01), tmp_path / "small")["counts"]
    large = json.loads((dataset / "truths.json").read_text())["counts"]  # scale 0.03
    assert (small["crm_contacts"], large["crm_contacts"]) == (50, 150)
    for counts, scale in ((small, 0.01), (large, 0.03)):
        messages = counts["inbound_messages"] + counts["outbound_messages"]
        assert 0.7 * 200_000 * scale < messages < 1.3 * 200_000 * scale
        assert 0.6 * 4_000 * scale < counts["deals"] < 1.4 * 4_000 * scale


def test_contacts_override_keeps_the_scales_messages_and_deals(tmp_path: Path) -> None:
    """The bench's business (DESIGN §9): 10 messages per contact, not the demo's 40, at the same volumes."""
    counts = generate(GenerationConfig(seed=11, scale=0.05, contacts=1_000), tmp_path / "bench")["counts"]
    assert counts["crm_contacts"] == 1_000
    assert 0.9 * 10_000 < counts["inbound_messages"] + counts["outbound_messages"] < 1.1 * 10_000
    assert 0.6 * 200 < counts["deals"] < 1.4 * 200


def test_bodies_have_the_cloud_api_shape(dataset: Path) -> None:
    files = list(landing_files(dataset))
    assert files and all(len(p.parent.name) == 10 for p in files)
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            body = json.loads(line)
            assert body["object"] == "whatsapp_business_account"
            changes = body["entry"][0]["changes"]
            assert (
                1
                <= sum(len(c["value"].get("messages", [])) + len(c["value"].get("statuses", [])) for c in changes)
                <= 50
            )
            for change in changes:
                value = change["value"]
                assert change["field"] == "messages" and value["messaging_product"] == "whatsapp"
                assert set(value["metadata"]) == {"display_phone_number", "phone_number_id"}
                for message in value.get("messages", []):
                    contact = value["contacts"][0]
                    assert ("wa_id" in contact) != ("user_id" in contact) and "name" in contact["profile"]
                    assert message["timestamp"].isdigit() and message["id"].startswith("wamid.")
                    assert ("from" in message) != ("from_user_id" in message)
                    assert INBOUND_CONTENT_KEYS & set(message), message
                for status in value.get("statuses", []):
                    assert status["status"] in {"sent", "delivered", "read", "failed"}
                    assert isinstance(status["timestamp"], str) and status["timestamp"].isdigit()
                    assert ("recipient_id" in status) != ("recipient_user_id" in status)
                    assert ("errors" in status) == (status["status"] == "failed")


def test_pricing_is_on_sent_and_exactly_one_later_receipt(dataset: Path) -> None:
    landing = read_landing(dataset)
    for message_id, by_status in landing.statuses.items():
        assert "pricing" in by_status["sent"], message_id
        priced_later = [s for s in ("delivered", "read") if s in by_status and "pricing" in by_status[s]]
        assert len(priced_later) == (1 if {"delivered", "read"} & set(by_status) else 0)
        assert by_status["sent"]["pricing"]["pricing_model"] == "PMP"


def test_inbound_variety_and_clicks_point_at_sent_messages(dataset: Path) -> None:
    landing = read_landing(dataset)
    types = {m["type"] for m in landing.inbound.values()}
    assert {"text", "button", "interactive", "image", "audio", "reaction"} <= types
    clicks = [m for m in landing.inbound.values() if m["type"] in {"button", "interactive"}]
    assert clicks and all(m["context"]["id"] in landing.statuses for m in clicks)
    texts = " ".join(m["text"]["body"] for m in landing.inbound.values() if m["type"] == "text")
    assert any("\u0600" <= c <= "\u06ff" for c in texts) and any("\u0430" <= c <= "\u044f" for c in texts.lower())


def test_crm_records_use_hubspot_shapes(dataset: Path) -> None:
    contacts = json.loads((dataset / "crm" / "hubspot" / "contacts.json").read_text())
    deals = json.loads((dataset / "crm" / "hubspot" / "deals.json").read_text())
    contact_ids = {c["id"] for c in contacts}
    for record in contacts + deals:
        assert set(record) >= {"id", "properties", "createdAt", "updatedAt", "archived"}
        assert all(v is None or isinstance(v, str) for v in record["properties"].values())
        assert record["createdAt"].endswith("Z") and len(record["createdAt"]) == 24
    for deal in deals:
        (link,) = deal["associations"]["contacts"]["results"]
        assert link["type"] == "deal_to_contact" and link["id"] in contact_ids
        assert deal["properties"]["hs_is_closed_won"] in {"true", "false"}
    pipelines = json.loads((dataset / "crm" / "hubspot" / "pipelines.json").read_text())["results"]
    assert {p["id"] for p in pipelines} == {"default", "75823511"}
