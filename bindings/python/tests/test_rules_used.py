"""Every response names the rules it used: version, fingerprint, replaced series."""

from __future__ import annotations

from childsupport import Rules, compute

from test_california import RULES_2027

N2 = {
    "kind": "california_guideline",
    "input": {
        "calculation_date": "2025-03-01",
        "parent_a_net_income": "3000",
        "parent_b_net_income": "1000",
        "time_share": {"parent": "parent_a", "fraction": "0.20"},
        "children": 2,
    },
}


def test_the_embedded_rules_are_named_by_their_fingerprint() -> None:
    rules = Rules.default()
    used = compute(N2)["rules"]
    assert used["version"] == rules.version
    assert used["fingerprint"] == rules.fingerprint
    assert rules.fingerprint.startswith("sha256:") and len(rules.fingerprint) == 7 + 64
    assert used["replaced"] == [] and rules.replaced == []


def test_replaced_series_are_named_and_change_the_fingerprint() -> None:
    rules = Rules.from_toml(RULES_2027)
    assert rules.replaced == ["california.minimum_wage"]
    assert rules.fingerprint != Rules.default().fingerprint
    used = compute(N2, rules=rules)["rules"]
    assert used == {"version": rules.version, "fingerprint": rules.fingerprint,
                    "replaced": ["california.minimum_wage"]}
