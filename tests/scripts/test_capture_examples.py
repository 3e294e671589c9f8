"""scripts/capture_examples.py reaches every documented operation on a fresh demo, secrets cut."""

from __future__ import annotations

import json

from scripts import capture_examples


def test_the_capture_reaches_every_operation_and_hides_token_secrets(tmp_path, capsys):
    output = tmp_path / "examples.json"

    assert capture_examples.main(["--output", str(output)]) == 0, capsys.readouterr().out

    examples = json.loads(output.read_text(encoding="utf-8"))
    assert examples["post_my_tokens"]["status"] == 201
    assert examples["post_my_tokens"]["response"]["token"] == "bgn_EXAMPLE"
    assert "bgn_" not in output.read_text(encoding="utf-8").replace("bgn_EXAMPLE", "")
    assert examples["get_table_item"]["response"]["title"] == "Riverbend 2026 contract renewal"
    assert examples["get_status_board"]["response"]["articles"]
    assert examples["post_pass_proposal"]["response"]["label"] == "U-1"
