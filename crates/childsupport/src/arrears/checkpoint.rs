//! Checkpoints you can trust: a saved state carries a version, a fingerprint of everything
//! before its date (the case, the orders, each kind of event and the rules), and a seal over
//! its own contents. Resuming checks all three and every field, and refuses a checkpoint that
//! differs from the request, naming what differs: a corrected payment before the saved date, an
//! edited balance, a changed rule set. A ledger resumed from a checkpoint is therefore the
//! ledger computed from the start (a property test checks it).
//!
//! The fingerprint is one SHA-256 digest per part, over a canonical text of that part's
//! entries dated before the checkpoint (amounts normalised, so `"500"` and `"500.00"` agree;
//! entries sorted, so the order they are listed in does not matter). Its `rules` part is the
//! rule set's own fingerprint ([`Rules::fingerprint`]), shared with every result's envelope.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::input::LedgerInput;
use super::schedule::Segment;
use super::state::{Item, ItemKind, SavedState};
use crate::date::Date;
use crate::digest::sha256_hex;
use crate::error::Error;
use crate::rules::Rules;

/// The version of the checkpoint format; a checkpoint of another version is refused.
pub const CHECKPOINT_VERSION: u32 = 2;

/// The parts a fingerprint names, in the order they are checked.
pub const PARTS: [&str; 11] = [
    "rules",
    "case",
    "orders",
    "opening_balances",
    "payments",
    "fees",
    "judgments",
    "renewals",
    "lump_sums",
    "reversals",
    "corrections",
];

/// The canonical text of a value: its JSON, which for the request types is deterministic.
fn canonical<T: Serialize>(value: &T) -> String {
    // Serialising plain request data cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

/// An amount in its shortest exact form (`500`, `500.5`), so equal amounts agree.
fn amount(v: Decimal) -> String {
    v.normalize().to_string()
}

/// The digest of a part's entries, sorted.
fn part(mut entries: Vec<String>) -> String {
    entries.sort();
    sha256_hex(&entries.join("\n"))
}

/// The fingerprint of everything in `input` before `date`: one digest per part of [`PARTS`].
/// `installments` are the schedule's installments (every one; those due before `date` count).
pub(crate) fn fingerprint(
    rules: &Rules,
    input: &LedgerInput,
    segments: &[Segment],
    installments: &[Item],
    date: Date,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    out.insert("rules".to_string(), rules.fingerprint().to_string());
    out.insert(
        "case".to_string(),
        sha256_hex(&canonical(&(input.state, input.iv_d, &input.options))),
    );
    // Orders: what governs the past, as the orders resolve (each installment due before the
    // date, the terms in force before it), so that an order written with or without its
    // defaults is the same order. An order ending after the date, or a change taking effect
    // from it, may be added later without touching the past.
    let mut orders = Vec::new();
    for it in installments
        .iter()
        .filter(|it| it.kind == ItemKind::Installment && it.due < date)
    {
        orders.push(format!(
            "installment {} {} {} {}",
            it.id,
            it.obligation_type.as_str(),
            it.due,
            it.amount
        ));
    }
    for seg in segments.iter().filter(|g| g.from < date) {
        orders.push(format!(
            "terms {} {} {} {} {} {}",
            seg.order,
            seg.obligation_type.as_str(),
            seg.from,
            seg.through
                .filter(|t| *t < date)
                .map_or("-".to_string(), |t| t.to_string()),
            seg.frequency.as_str(),
            seg.amount
        ));
    }
    out.insert("orders".to_string(), part(orders));
    let before = |d: Date| d < date;
    out.insert(
        "opening_balances".to_string(),
        part(
            input
                .opening_balances
                .iter()
                .filter(|b| before(b.date))
                .map(|b| {
                    let mut b = b.clone();
                    b.principal = b.principal.normalize();
                    b.interest = b.interest.normalize();
                    b.interest_free = b.interest_free.map(|v| v.normalize());
                    canonical(&b)
                })
                .collect(),
        ),
    );
    out.insert(
        "payments".to_string(),
        part(
            input
                .payments
                .iter()
                .filter(|p| before(p.withheld.unwrap_or(p.date).min(p.date)))
                .map(|p| {
                    canonical(&(
                        p.date,
                        p.withheld,
                        amount(p.amount),
                        p.source.as_deref().unwrap_or("regular"),
                        p.receipt,
                        &p.id,
                    ))
                })
                .collect(),
        ),
    );
    out.insert(
        "fees".to_string(),
        part(
            input
                .fees
                .iter()
                .filter(|f| before(f.date))
                .map(|f| canonical(&(f.date, amount(f.amount), &f.description)))
                .collect(),
        ),
    );
    out.insert(
        "judgments".to_string(),
        part(
            input
                .judgments
                .iter()
                .filter(|j| before(j.date))
                .map(|j| {
                    let mut j = j.clone();
                    for c in &mut j.confirmed {
                        c.amount = c.amount.normalize();
                    }
                    canonical(&j)
                })
                .collect(),
        ),
    );
    out.insert(
        "renewals".to_string(),
        part(
            input
                .renewals
                .iter()
                .filter(|r| before(r.date))
                .map(canonical)
                .collect(),
        ),
    );
    out.insert(
        "reversals".to_string(),
        part(
            input
                .reversals
                .iter()
                .filter(|r| before(r.date))
                .map(canonical)
                .collect(),
        ),
    );
    out.insert(
        "lump_sums".to_string(),
        part(
            input
                .lump_sums
                .iter()
                .filter(|l| before(l.date))
                .map(|l| {
                    let mut l = l.clone();
                    l.amount = l.amount.normalize();
                    canonical(&l)
                })
                .collect(),
        ),
    );
    out.insert(
        "corrections".to_string(),
        part(
            input
                .moves
                .iter()
                .filter(|m| before(m.date))
                .map(canonical)
                .collect(),
        ),
    );
    out
}

/// The seal of a saved state: the digest of its canonical JSON with the seal left empty.
pub(crate) fn seal(state: &SavedState) -> String {
    let mut bare = state.clone();
    bare.seal = String::new();
    sha256_hex(&canonical(&bare))
}

/// Seals `state` for `input` under `rules`: version, fingerprint and seal.
pub(crate) fn seal_state(
    rules: &Rules,
    input: &LedgerInput,
    segments: &[Segment],
    installments: &[Item],
    state: &mut SavedState,
) {
    state.version = CHECKPOINT_VERSION;
    state.fingerprint = fingerprint(rules, input, segments, installments, state.as_of);
    state.seal = seal(state);
}

fn refused(field: impl Into<String>, value: impl std::fmt::Display, why: &str) -> Error {
    Error::invalid(
        format!("resume_from.{}", field.into()),
        value,
        format!("a checkpoint saved from this case and not changed since: {why}"),
    )
}

/// Checks a checkpoint against the request it is resumed with: its version, its seal, and each
/// part of its fingerprint, naming the first that differs.
pub(crate) fn verify(
    rules: &Rules,
    input: &LedgerInput,
    segments: &[Segment],
    installments: &[Item],
    saved: &SavedState,
) -> Result<(), Error> {
    if saved.version != CHECKPOINT_VERSION {
        return Err(refused(
            "version",
            saved.version,
            &format!(
                "checkpoint version {CHECKPOINT_VERSION} (a checkpoint saved by another version of the library cannot be resumed: compute the ledger from the start)"
            ),
        ));
    }
    if seal(saved) != saved.seal {
        return Err(refused(
            "seal",
            &saved.seal,
            "its contents were changed after it was saved (its seal does not match them)",
        ));
    }
    let now = fingerprint(rules, input, segments, installments, saved.as_of);
    for name in PARTS {
        let then = saved.fingerprint.get(name);
        if then != now.get(name) {
            let what = match name {
                "rules" => "the rules differ from those it was computed with (a changed rule can change past interest: compute the ledger from the start)".to_string(),
                "case" => "the state, the IV-D status or the options differ".to_string(),
                "orders" => format!("the orders in force before {} differ", saved.as_of),
                "corrections" => format!("the corrections (moved payments) dated before {} differ", saved.as_of),
                other => format!(
                    "the {} dated before {} differ (an earlier record was added, changed or removed: compute the ledger from the start)",
                    other.replace('_', " "),
                    saved.as_of
                ),
            };
            return Err(refused(
                format!("fingerprint.{name}"),
                then.map(String::as_str).unwrap_or("missing"),
                &what,
            ));
        }
    }
    if let Some(extra) = saved
        .fingerprint
        .keys()
        .find(|k| !PARTS.contains(&k.as_str()))
    {
        return Err(refused(
            format!("fingerprint.{extra}"),
            "present",
            &format!("a fingerprint of the parts {}", PARTS.join(", ")),
        ));
    }
    Ok(())
}
