//! Posting a collection: allocate it across the obligor's cases, then post each case's share as
//! a payment into that case's open ledger (see [`crate::arrears::open`]), where the state's
//! crediting order takes it (current support, then arrears principal and interest in the
//! statutory order; a tax offset to arrears only). One call returns the allocation and each
//! case's resulting balances.
//!
//! The allocation uses the amounts the caller gives per case (current support due, arrears);
//! inside each case the ledger credits the share by its own installments, so the cent's path
//! continues there: collection → case (the allocation) → obligation and installment (the
//! ledger's lines). A share of future support is posted too: the ledger carries it forward as a
//! credit applied to installments as they fall due. A refund is not posted.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{allocate, Allocation, CollectionInput};
use crate::arrears::input::{LedgerInput, PaymentInput};
use crate::arrears::open::{post_json, PostInput, PostResult, Posting};
use crate::arrears::state::SavedState;
use crate::date::Date;
use crate::error::Error;
use crate::rules::Rules;

/// One case's open ledger, as the caller keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CaseLedger {
    /// The case and the events posted so far.
    pub case: LedgerInput,
    /// The checkpoint of the last answer (none: computed from the start).
    #[serde(default)]
    pub checkpoint: Option<SavedState>,
}

/// The request `collection_post`.
///
/// ```json
/// {"collection": {"date": "2025-03-10", "amount": "650", "state": "missouri", "cases": [...]},
///  "payment_id": "SDU-2025-0001", "ledgers": {"A": {"case": {...}, "checkpoint": null}},
///  "advance_to": "2025-03-11"}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PostCollectionInput {
    /// The collection and the cases' amounts.
    pub collection: CollectionInput,
    /// The collection's ID: each case's payment is `ID/case ID`.
    pub payment_id: String,
    /// `regular` (default) or `tax_offset`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The day an employer withheld it, for income withholding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withheld: Option<Date>,
    /// Each case's ledger, by case ID.
    pub ledgers: BTreeMap<String, CaseLedger>,
    /// The date to advance each ledger to (default: the day after the collection, so the
    /// payment is applied).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advance_to: Option<Date>,
}

/// One case's ledger after the posting.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CasePosted {
    /// The case ID.
    pub id: String,
    /// The ledger's answer: what the posting did, the lines, what is owed, the case and the new
    /// checkpoint to store.
    pub ledger: PostResult,
}

/// The answer to `collection_post`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PostCollectionResult {
    /// The allocation.
    pub allocation: Allocation,
    /// Each case's ledger, in the order the cases were given.
    pub cases: Vec<CasePosted>,
}

/// Allocates a collection and posts each case's share into its ledger.
pub fn post_collection(
    rules: &Rules,
    input: &PostCollectionInput,
) -> Result<PostCollectionResult, Error> {
    if input.payment_id.trim().is_empty() {
        return Err(Error::invalid(
            "payment_id",
            &input.payment_id,
            "the collection's ID (each case's payment is named by it)",
        ));
    }
    // A tax offset pays arrears only, in the allocation as in each ledger.
    let mut collection = input.collection.clone();
    collection.tax_offset |= input.source.as_deref() == Some("tax_offset");
    let allocation = allocate(rules, &collection).map_err(|e| e.within("collection"))?;
    for id in input.ledgers.keys() {
        if !allocation.cases.iter().any(|c| &c.id == id) {
            return Err(Error::invalid(
                format!("ledgers.{id}"),
                id,
                "the ID of one of the collection's cases",
            ));
        }
    }
    let advance = match input.advance_to {
        Some(d) => d,
        None => input.collection.date.add_days(1)?,
    };
    let mut cases = Vec::with_capacity(allocation.cases.len());
    for (i, share) in allocation.cases.iter().enumerate() {
        let Some(ledger) = input.ledgers.get(&share.id) else {
            return Err(Error::invalid(
                format!("ledgers.{}", share.id),
                "",
                format!("the ledger of case {} (collection.cases[{i}])", share.id),
            ));
        };
        let mut post = vec![];
        if share.total.cents() > 0 {
            post.push(Posting::Payment(PaymentInput {
                date: input.collection.date,
                amount: share.total.as_decimal(),
                source: input.source.clone(),
                receipt: None,
                id: Some(format!("{}/{}", input.payment_id, share.id)),
                withheld: input.withheld,
            }));
        }
        let result = post_json(
            rules,
            &PostInput {
                case: ledger.case.clone(),
                checkpoint: ledger.checkpoint.clone(),
                post,
                advance_to: Some(advance),
            },
        )
        .map_err(|e| e.within(&format!("ledgers.{}", share.id)))?;
        cases.push(CasePosted {
            id: share.id.clone(),
            ledger: result,
        });
    }
    Ok(PostCollectionResult { allocation, cases })
}
