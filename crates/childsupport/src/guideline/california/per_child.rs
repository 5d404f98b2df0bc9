//! §4055(b)(8): the support for each child. The youngest child's share is the one-child amount,
//! the next child's the difference between the two-child and one-child amounts, and so on. The
//! shares are whole cents by largest remainder over the exact marginal shares, ties to the
//! younger child (library reading R-2); a low-income-adjusted amount is split in the same
//! proportions.

use super::{CaliforniaInput, ChildShare};
use crate::catalogue::california as step;
use crate::error::Error;
use crate::exact::Exact;
use crate::money::{split_exact, Money};
use crate::worksheet::{Tracer, Value};

pub(super) fn allocate<T: Tracer>(
    input: &CaliforniaInput,
    cs1: Exact,
    multipliers: &[Exact],
    amount: (Money, &Exact),
    unadjusted: (Money, &Exact),
    trace: &mut T,
) -> Result<Vec<ChildShare>, Error> {
    let n = input.children as usize;
    // Youngest first: latest birth date first; equal dates keep input order.
    let order: Option<Vec<usize>> = (!input.birth_dates.is_empty()).then(|| {
        let mut idx: Vec<usize> = (0..n).collect();
        idx.sort_by(|&x, &y| {
            input.birth_dates[y]
                .cmp(&input.birth_dates[x])
                .then(x.cmp(&y))
        });
        idx
    });
    let mut marginal = Vec::with_capacity(n);
    let mut prev = &Exact::ZERO;
    for m in &multipliers[..n] {
        marginal.push(&cs1 * &(m - prev));
        prev = m;
    }
    let unadjusted_split = split_exact(unadjusted.0, &marginal)?;
    let split = if amount.1 == unadjusted.1 {
        None
    } else {
        // The same proportions: each part is the marginal share scaled by amount / CS, so the
        // parts sum to the exact amount. A zero CS leaves nothing to adjust.
        let scale = amount.1.checked_div(&unadjusted.1).unwrap_or(Exact::ZERO);
        let parts: Vec<Exact> = marginal.iter().map(|m| m * &scale).collect();
        Some(split_exact(amount.0, &parts)?)
    };
    let shares: Vec<ChildShare> = marginal
        .into_iter()
        .enumerate()
        .map(|(i, m)| ChildShare {
            rank: i as u32 + 1,
            input_index: order.as_ref().map(|o| o[i]),
            birth_date: order.as_ref().map(|o| input.birth_dates[o[i]]),
            amount: split.as_ref().map_or(unadjusted_split[i], |s| s[i]),
            unadjusted_amount: unadjusted_split[i],
            unadjusted_exact: m,
        })
        .collect();
    if n > 1 {
        trace.record_with(&step::PER_CHILD, || {
            Value::Moneys(shares.iter().map(|s| s.amount).collect())
        });
    }
    Ok(shares)
}
