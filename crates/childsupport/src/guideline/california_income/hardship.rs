//! Hardship deductions (Fam. Code §§4070-4073) and the §4071(b) circularity.
//!
//! The §4071(a)(2) deduction for other children living with a parent lowers that parent's
//! income, which changes the support in this case, which sets the cap (support ordered ÷
//! children of this order, toward zero). The deduction is the largest whole-cent h, from 0 to
//! the parent's monthly income, with h <= allowed(h) = Σ min(expenses_j, weight_j × cap(h))
//! (and at most the court's amount): bisection on cents, then an upward check while a larger h
//! still satisfies it (a receiving parent's allowed(h) rises with h and the cent truncation
//! can make the test flip near the answer). Both parents with hardship children: the payer
//! first, then the other, until neither changes (at most 100 rounds).

use rust_decimal::Decimal;

use crate::error::Error;
use crate::exact::Exact;
use crate::guideline::california::CaliforniaParams;
use crate::guideline::Parent;
use crate::money::{require_amount, Money};
use crate::worksheet::NoTrace;

use super::{guideline, CaliforniaFromGrossInput, Hardship, HardshipBasis, HardshipResult};

struct Side {
    ndi: Exact,
    extraordinary: Exact,
    children: Vec<(Exact, Option<Exact>)>,
    amount: Option<Exact>,
    weight: Exact,
    basis: HardshipBasis,
    one_pass: bool,
}

impl Side {
    fn new(ndi: Exact, h: &Hardship, field: &str) -> Result<Side, Error> {
        let extraordinary = match h.extraordinary_expenses {
            Some(e) => Exact::from(require_amount(
                &format!("{field}.extraordinary_expenses"),
                e,
            )?),
            None => Exact::ZERO,
        };
        let mut children = Vec::new();
        let mut weight = Exact::ZERO;
        for (i, c) in h.children.iter().enumerate() {
            if c.weight <= Decimal::ZERO || c.weight > Decimal::ONE {
                return Err(Error::invalid(
                    format!("{field}.children[{i}].weight"),
                    c.weight,
                    "above 0 and at most 1 (1: full credit; 0.5: half credit)",
                ));
            }
            let r = match c.expenses {
                Some(r) => Some(Exact::from(require_amount(
                    &format!("{field}.children[{i}].expenses"),
                    r,
                )?)),
                None => None,
            };
            weight += Exact::from(c.weight);
            children.push((Exact::from(c.weight), r));
        }
        let amount = match h.amount {
            Some(a) => {
                if children.is_empty() {
                    return Err(Error::invalid(
                        format!("{field}.children"),
                        "none",
                        "the children the amount is for (§4071(a)(2)), so the §4071(b) cap can be applied",
                    ));
                }
                Some(Exact::from(require_amount(&format!("{field}.amount"), a)?))
            }
            None => None,
        };
        Ok(Side {
            ndi,
            extraordinary,
            children,
            amount,
            weight,
            basis: h.basis,
            one_pass: h.one_pass,
        })
    }

    /// Income before the children's deduction (after §4071(a)(1)), never below zero.
    fn base(&self) -> Exact {
        (&self.ndi - &self.extraordinary).max(Exact::ZERO)
    }

    fn allowed(&self, cap: Money) -> Exact {
        let cap = Exact::from(cap);
        let mut sum = Exact::ZERO;
        for (w, r) in &self.children {
            let x = w * &cap;
            sum += match r {
                Some(r) => x.min(r.clone()),
                None => x,
            };
        }
        match &self.amount {
            Some(a) => sum.min(a.clone()),
            None => sum,
        }
    }
}

/// The guideline's §4071(b) cap per child with each parent's income reduced by `h`.
fn cap(
    params: &CaliforniaParams<'_>,
    base: &CaliforniaFromGrossInput,
    a: Exact,
    b: Exact,
    basis: HardshipBasis,
) -> Result<(Money, Option<Parent>), Error> {
    let r = guideline(
        params,
        base,
        a.max(Exact::ZERO),
        b.max(Exact::ZERO),
        &mut NoTrace,
    )?;
    let c = match basis {
        HardshipBasis::Presumed => r.hardship_cap_per_child,
        HardshipBasis::Basic => (Exact::from(r.unadjusted_amount) / Exact::from(base.children))
            .round_cents_toward_zero()?,
    };
    Ok((c, r.payer))
}

/// Solves the hardship deductions of both parents: (parent A, parent B, rounds).
pub fn solve(
    params: &CaliforniaParams<'_>,
    base: &CaliforniaFromGrossInput,
    parents: [(Exact, Option<&Hardship>); 2],
) -> Result<(Option<HardshipResult>, Option<HardshipResult>, u32), Error> {
    let sides = [
        parents[0]
            .1
            .map(|h| Side::new(parents[0].0.clone(), h, "parent_a.hardship"))
            .transpose()?,
        parents[1]
            .1
            .map(|h| Side::new(parents[1].0.clone(), h, "parent_b.hardship"))
            .transpose()?,
    ];
    let income = |i: usize| match &sides[i] {
        Some(s) => s.base(),
        None => parents[i].0.clone(),
    };
    // h in cents, per parent.
    let mut h = [0i64; 2];
    let solving: Vec<usize> = (0..2)
        .filter(|&i| sides[i].as_ref().is_some_and(|s| !s.children.is_empty()))
        .collect();
    let mut rounds = 0;
    if !solving.is_empty() {
        // The payer first (before any hardship).
        let (_, payer) = cap(params, base, income(0), income(1), HardshipBasis::Presumed)?;
        let mut order = solving.clone();
        if payer == Some(Parent::B) {
            order.reverse();
        }
        loop {
            rounds += 1;
            let mut changed = false;
            for &i in &order {
                let side = sides[i]
                    .as_ref()
                    .expect("solving only parents with children");
                let eval = |hc: i64| -> Result<(bool, Exact), Error> {
                    let mut inc = [income(0) - cents(h[0]), income(1) - cents(h[1])];
                    inc[i] = income(i) - cents(hc);
                    let [a, b] = inc;
                    let (c, _) = cap(params, base, a, b, side.basis)?;
                    let allowed = side.allowed(c);
                    Ok((cents(hc) <= allowed, allowed))
                };
                let new = if side.one_pass {
                    // Legacy: the cap from the support before any hardship, once.
                    let (c, _) = cap(params, base, income(0), income(1), side.basis)?;
                    let allowed = side.allowed(c).min(side.base());
                    allowed.round_cents_toward_zero()?.cents()
                } else {
                    largest(side, eval)?
                };
                if new != h[i] {
                    h[i] = new;
                    changed = true;
                }
            }
            if !changed || solving.len() == 1 {
                break;
            }
            if rounds >= 100 {
                return Err(Error::invalid(
                    "parent_a.hardship",
                    "both parents",
                    "hardship deductions that settle within 100 rounds; enter the court's amounts instead",
                ));
            }
        }
    }
    let mut out = [None, None];
    for i in 0..2 {
        if let Some(s) = &sides[i] {
            let (c, _) = if s.one_pass {
                cap(params, base, income(0), income(1), s.basis)?
            } else {
                cap(
                    params,
                    base,
                    income(0) - cents(h[0]),
                    income(1) - cents(h[1]),
                    s.basis,
                )?
            };
            out[i] = Some(HardshipResult {
                extraordinary_expenses: s.extraordinary.clone(),
                children_deduction: Money::from_cents(h[i]),
                cap_per_child: c,
                children_weight: s.weight.clone(),
                basis: s.basis,
                one_pass: s.one_pass,
            });
        }
    }
    let [a, b] = out;
    Ok((a, b, rounds))
}

fn cents(c: i64) -> Exact {
    Exact::cents(c)
}

/// The largest whole-cent h in [0, income] with h <= allowed(h).
fn largest(side: &Side, eval: impl Fn(i64) -> Result<(bool, Exact), Error>) -> Result<i64, Error> {
    // base() is never below zero: its cents toward zero are its whole cents, floored.
    let top = side.base().round_cents_toward_zero()?.cents().max(0);
    if eval(top)?.0 {
        return Ok(top);
    }
    // eval(0) holds: allowed is never below zero.
    let (mut lo, mut hi) = (0i64, top);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if eval(mid)?.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    // Upward check: stop once h - allowed(h) exceeds 0.02 x the children's weight.
    let tolerance = Exact::ratio(2, 100) * &side.weight;
    let mut best = lo;
    let mut hc = lo + 1;
    let mut steps = 0;
    while hc <= top {
        let (ok, allowed) = eval(hc)?;
        if ok {
            best = hc;
        } else if cents(hc) - allowed > tolerance {
            break;
        }
        hc += 1;
        steps += 1;
        if steps > 100_000 {
            return Err(Error::invalid(
                "hardship",
                "no solution",
                "a deduction the search settles on; enter the court's amount",
            ));
        }
    }
    if !eval(best)?.0 {
        return Err(Error::invalid(
            "hardship",
            "no solution",
            "a deduction the search settles on; enter the court's amount",
        ));
    }
    Ok(best)
}
