//! §4055(b)(8): the support for each child. The youngest child's share is the one-child amount,
//! the next child's the difference between the two-child and one-child amounts, and so on. The
//! shares are whole cents by largest remainder over the exact marginal shares, ties to the
//! younger child (library reading R-2); a low-income-adjusted amount is split in the same
//! proportions.

use super::{CaliforniaInput, ChildShare};
use crate::catalogue::california as step;
use crate::error::Error;
use crate::exact::Exact;
use crate::money::{split_exact, split_exact_into, Money};
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
    // Up to 16 children on the stack (the statute's table stops at 10; replaced rules may go on).
    const STACK: usize = 16;
    let mut marginal_stack: [Exact; STACK] = [const { Exact::ZERO }; STACK];
    let mut marginal_heap = Vec::new();
    let marginal: &mut [Exact] = if n <= STACK {
        &mut marginal_stack[..n]
    } else {
        marginal_heap.resize(n, Exact::ZERO);
        &mut marginal_heap
    };
    let mut prev = &Exact::ZERO;
    for (slot, m) in marginal.iter_mut().zip(&multipliers[..n]) {
        *slot = &cs1 * &(m - prev);
        prev = m;
    }
    let mut unadjusted_split = [Money::ZERO; STACK];
    let mut unadjusted_heap = Vec::new();
    let unadjusted_split: &mut [Money] = if n <= STACK {
        &mut unadjusted_split[..n]
    } else {
        unadjusted_heap.resize(n, Money::ZERO);
        &mut unadjusted_heap
    };
    split_exact_into(unadjusted.0, marginal, unadjusted_split)?;
    let mut shares: Vec<ChildShare> = Vec::with_capacity(n);
    for (i, m) in marginal.iter_mut().enumerate() {
        shares.push(ChildShare {
            rank: i as u32 + 1,
            input_index: order.as_ref().map(|o| o[i]),
            birth_date: order.as_ref().map(|o| input.birth_dates[o[i]]),
            amount: unadjusted_split[i],
            unadjusted_amount: unadjusted_split[i],
            unadjusted_exact: std::mem::replace(m, Exact::ZERO),
        });
    }
    if amount.1 != unadjusted.1 {
        // The same proportions: each part is the marginal share scaled by amount / CS, so the
        // parts sum to the exact amount. A zero CS leaves nothing to adjust.
        let scale = amount.1.checked_div(unadjusted.1).unwrap_or(Exact::ZERO);
        let parts: Vec<Exact> = shares
            .iter()
            .map(|c| &c.unadjusted_exact * &scale)
            .collect();
        let split = split_exact(amount.0, &parts)?;
        for (c, m) in shares.iter_mut().zip(split) {
            c.amount = m;
        }
    }
    if n > 1 {
        trace.record_with(&step::PER_CHILD, || {
            Value::Moneys(shares.iter().map(|s| s.amount).collect())
        });
    }
    Ok(shares)
}
