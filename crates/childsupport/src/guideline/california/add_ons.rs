//! §4061: add-on expenses split between the parents: one-half each, or in proportion to their
//! net disposable incomes as adjusted by §4061(c) (spousal support) and (d) (the basic child
//! support ordered), by the default in force on the date or as a party requests or the court
//! orders. The support payer's part of each add-on is rounded and the other parent pays the rest
//! (library reading R-2).

use super::{AddOnApportionment, AddOnItem, CaliforniaInput, CaliforniaParams};
use crate::catalogue::california as step;
use crate::error::Error;
use crate::exact::Exact;
use crate::guideline::Parent;
use crate::money::{require_amount, Money};
use crate::rules::california::AddOnSplit;
use crate::worksheet::{Tracer, Value};

pub(super) fn apportion<T: Tracer>(
    params: &CaliforniaParams<'_>,
    input: &CaliforniaInput,
    a: &Exact,
    b: &Exact,
    payer: Option<Parent>,
    ordered: Money,
    trace: &mut T,
) -> Result<AddOnApportionment, Error> {
    let rule = params.add_on_rule;
    let split = input.add_on_split.unwrap_or(rule.default);
    let is_default = split == rule.default;
    let word = match split {
        AddOnSplit::Equal => "one-half each",
        AddOnSplit::Proportional => "in proportion to adjusted net incomes",
    };
    match (split, is_default) {
        (AddOnSplit::Equal, true) => {
            trace.record_rule(&step::ADD_ON_SPLIT_EQUAL, Value::Word(word), &rule.validity)
        }
        (AddOnSplit::Proportional, true) => trace.record_rule(
            &step::ADD_ON_SPLIT_PROPORTIONAL,
            Value::Word(word),
            &rule.validity,
        ),
        (AddOnSplit::Equal, false) => {
            trace.record(&step::ADD_ON_SPLIT_ORDERED_EQUAL, Value::Word(word))
        }
        (AddOnSplit::Proportional, false) => {
            trace.record(&step::ADD_ON_SPLIT_ORDERED_PROPORTIONAL, Value::Word(word))
        }
    }
    let mut adj_a = a.clone();
    let mut adj_b = b.clone();
    if let Some(ss) = &input.spousal_support {
        let amt = Exact::from(require_amount("spousal_support.amount", ss.amount)?);
        match ss.paid_by {
            Parent::A => {
                adj_a -= &amt;
                adj_b += &amt;
            }
            Parent::B => {
                adj_b -= &amt;
                adj_a += &amt;
            }
        }
    }
    match payer {
        Some(Parent::A) => adj_a -= Exact::from(ordered),
        Some(Parent::B) => adj_b -= Exact::from(ordered),
        None => {}
    }
    let negative = adj_a.is_negative() || adj_b.is_negative();
    let (share_a, share_b) = match split {
        AddOnSplit::Equal => (Exact::HALF, Exact::HALF),
        AddOnSplit::Proportional => {
            trace.exact(&step::ADD_ON_ADJUSTED_A, &adj_a);
            trace.exact(&step::ADD_ON_ADJUSTED_B, &adj_b);
            if negative {
                trace.record(&step::ADD_ON_NEGATIVE, Value::Word("taken as zero"));
            }
            let (pa, pb) = (
                adj_a.clone().max(Exact::ZERO),
                adj_b.clone().max(Exact::ZERO),
            );
            let total = &pa + &pb;
            match pa.checked_div(&total) {
                Some(share) => {
                    let other = Exact::ONE - &share;
                    (share, other)
                }
                None => {
                    trace.record(&step::ADD_ON_NO_INCOME, Value::Word("one-half each"));
                    (Exact::HALF, Exact::HALF)
                }
            }
        }
    };
    trace.exact(&step::ADD_ON_SHARE_A, &share_a);
    trace.exact(&step::ADD_ON_SHARE_B, &share_b);
    let rounded_party = payer.unwrap_or(Parent::A);
    let mut items = Vec::with_capacity(input.add_ons.len());
    for (i, add_on) in input.add_ons.iter().enumerate() {
        let amt = Exact::from(require_amount(
            &format!("add_ons[{i}].amount"),
            add_on.amount,
        )?);
        let total = amt.round_cents()?;
        let (pa, pb) = if rounded_party == Parent::A {
            let pa = (&amt * &share_a).round_cents()?;
            (pa, total - pa)
        } else {
            let pb = (&amt * &share_b).round_cents()?;
            (total - pb, pb)
        };
        trace.record_with(add_on.kind.step(), || Value::Text(format!("{pa} / {pb}")));
        items.push(AddOnItem {
            kind: add_on.kind,
            amount: total,
            parent_a: pa,
            parent_b: pb,
        });
    }
    Ok(AddOnApportionment {
        split,
        is_default,
        parent_a_adjusted_income: adj_a.checked()?,
        parent_b_adjusted_income: adj_b.checked()?,
        negative_adjusted_income: negative && split == AddOnSplit::Proportional,
        parent_a_share: share_a.checked()?,
        parent_b_share: share_b.checked()?,
        parent_a_total: items.iter().map(|i| i.parent_a).sum(),
        parent_b_total: items.iter().map(|i| i.parent_b).sum(),
        items,
    })
}
