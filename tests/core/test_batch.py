"""Batch facts: one end user's orders add up across a batch (clustering of individually small orders)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from compliance.batch import batch_facts
from compliance.cli import cli
from compliance.model import Transaction
from tests.core.helpers import txn

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "examples" / "batch-l20-cluster-cn-2025.jsonl"


def order(number: int, name: str, quantity: int) -> Transaction:
    """An order of *quantity* H100s (TPP 15,832 each) for end user *name*."""
    base = txn(transaction_id=f"T-{number}", parties=[{"name": name, "role": "end_user", "country": "CN"}])
    base["items"] = [{**base["items"][0], "quantity": quantity}]
    return Transaction.model_validate(base)


def test_orders_of_one_end_user_add_up_whatever_the_spelling() -> None:
    orders = [
        order(1, "Example Compute Co., Ltd.", 10),
        order(2, "EXAMPLE COMPUTE CO LTD", 20),
        order(3, "Other Ltd", 5),
    ]
    facts = batch_facts(orders)
    assert facts["T-1"] == facts["T-2"] == {"batch.end_user_tpp": Decimal(15832 * 30), "batch.end_user_orders": 2}
    assert facts["T-3"] == {"batch.end_user_tpp": Decimal(15832 * 5), "batch.end_user_orders": 1}


def test_a_transaction_without_an_end_user_gets_no_batch_facts() -> None:
    lone = Transaction.model_validate(txn(parties=[{"name": "Buyer", "role": "purchaser", "country": "CN"}]))
    assert batch_facts([lone]) == {}


def test_check_with_batch_flags_orders_that_cluster_only_together() -> None:
    runner = CliRunner()
    alone = runner.invoke(cli, ["check", str(EXAMPLE), "--format", "jsonl", "--fail-on", "never"])
    together = runner.invoke(cli, ["check", str(EXAMPLE), "--format", "jsonl", "--fail-on", "never", "--batch"])
    assert alone.exit_code == together.exit_code == 0
    assert alone.stdout.count('"outcome":"clear"') == 5
    assert together.stdout.count('"rule_id":"US-EAR-CLUSTER-BATCH-REVIEW"') == 5
