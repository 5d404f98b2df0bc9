//! Sharing an amount among claims to the cent: in proportion to weights, or in equal shares,
//! never giving a claim more than it needs. Both keep the exact share of each claim and round
//! once, by largest remainder, with the ties of library reading R-2: the larger weight, then
//! the caller's stable identifier (ascending), so the listing order never matters.

use std::cmp::Ordering;

use crate::error::Error;
use crate::exact::Exact;
use crate::money::{split_exact, Money};

/// One claim on an amount: who (the caller's stable ID), its weight for proration (and for
/// ties), and the most it may receive.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Claim<'a> {
    /// The caller's stable identifier (the last tie-break).
    pub id: &'a str,
    /// The weight: proration is in proportion to it; ties go to the larger.
    pub weight: Money,
    /// The most the claim may receive.
    pub need: Money,
}

/// `total` in proportion to the claims' weights, each capped at its need; what a capped claim
/// cannot take is shared among the others in proportion to theirs. When every claim is paid
/// in full, or the claims still unpaid have no weight, the rest is not shared: the parts then
/// sum to less than `total` (the caller passes it on).
pub(crate) fn prorate(total: Money, claims: &[Claim<'_>]) -> Result<Vec<Money>, Error> {
    share(total, claims, |left, active, claims| {
        let weight: Exact = active
            .iter()
            .map(|&i| Exact::from_money(claims[i].weight))
            .sum();
        active
            .iter()
            .map(|&i| {
                if weight.is_zero() {
                    Exact::ZERO
                } else {
                    &(left * &Exact::from_money(claims[i].weight)) / &weight
                }
            })
            .collect()
    })
}

/// `total` in equal shares, each claim capped at its need; what a capped claim cannot take is
/// shared equally among the others (Tex. Fam. Code §158.207(b); equal shares of arrears).
pub(crate) fn equal(total: Money, claims: &[Claim<'_>]) -> Result<Vec<Money>, Error> {
    share(total, claims, |left, active, _| {
        let each = left / &Exact::int(active.len() as i64);
        vec![each; active.len()]
    })
}

/// Fills claims by a sharing rule: shares that reach a claim's need are fixed at the need and
/// the rest shared again among the others, until no share reaches its need; then the exact
/// shares are rounded together by largest remainder.
fn share(
    total: Money,
    claims: &[Claim<'_>],
    rule: impl Fn(&Exact, &[usize], &[Claim<'_>]) -> Vec<Exact>,
) -> Result<Vec<Money>, Error> {
    let needed: Money = claims.iter().map(|c| c.need).sum();
    if total >= needed {
        return Ok(claims.iter().map(|c| c.need).collect());
    }
    let mut exact = vec![Exact::ZERO; claims.len()];
    let mut active: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].need.cents() > 0)
        .collect();
    let mut left = Exact::from_money(total);
    while !active.is_empty() {
        let shares = rule(&left, &active, claims);
        let mut full = vec![];
        for (k, &i) in active.iter().enumerate() {
            if shares[k] >= Exact::from_money(claims[i].need) {
                full.push(i);
            }
        }
        if full.is_empty() {
            for (k, &i) in active.iter().enumerate() {
                exact[i] = shares[k].clone().checked()?;
            }
            break;
        }
        for &i in &full {
            exact[i] = Exact::from_money(claims[i].need);
            left -= &exact[i];
        }
        active.retain(|i| !full.contains(i));
    }
    // Round together: the parts sum to the whole cents shared (every fixed part is whole cents,
    // and the others share what was left of a whole-cent total).
    let shared: Exact = exact.iter().sum();
    let shared = shared.round_cents()?;
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by(|&a, &b| tie_order(&claims[a], &claims[b]));
    let parts: Vec<Exact> = order.iter().map(|&i| exact[i].clone()).collect();
    let rounded = split_exact(shared, &parts)?;
    let mut out = vec![Money::ZERO; claims.len()];
    for (k, &i) in order.iter().enumerate() {
        out[i] = rounded[k];
    }
    Ok(out)
}

/// The order of ties (library reading R-2): the larger weight first, then the stable
/// identifier ascending.
fn tie_order(a: &Claim<'_>, b: &Claim<'_>) -> Ordering {
    b.weight.cmp(&a.weight).then_with(|| a.id.cmp(b.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    fn claims<'a>(ids: &[&'a str], weights: &[i64], needs: &[i64]) -> Vec<Claim<'a>> {
        ids.iter()
            .zip(weights)
            .zip(needs)
            .map(|((id, w), n)| Claim {
                id,
                weight: m(*w),
                need: m(*n),
            })
            .collect()
    }

    #[test]
    fn equal_shares_give_an_order_needing_less_only_what_it_needs() {
        // Texas AG, equal shares of current support with $300 to share: $100 each; the third
        // needs only $50, so $250 is shared by the first two ($125 each); the first needs only
        // $100, so the second takes the rest: $100, $150, $50.
        let c = claims(
            &["1", "2", "3"],
            &[10000, 20000, 5000],
            &[10000, 20000, 5000],
        );
        assert_eq!(
            equal(m(30000), &c).unwrap(),
            vec![m(10000), m(15000), m(5000)]
        );
    }

    #[test]
    fn an_odd_cent_goes_by_weight_then_identifier() {
        // $100.00 over three equal claims: 33.333... each; the cent to the lowest identifier,
        // wherever it is listed.
        let c = claims(&["c", "a", "b"], &[10000; 3], &[10000; 3]);
        assert_eq!(
            prorate(m(10000), &c).unwrap(),
            vec![m(3333), m(3334), m(3333)]
        );
        assert_eq!(
            equal(m(10000), &c).unwrap(),
            vec![m(3333), m(3334), m(3333)]
        );
    }

    #[test]
    fn a_capped_claim_passes_its_excess_to_the_others_in_proportion() {
        // $90 by weights 1:1:1 with the first needing $10: $10, then $80 shared 1:1: $40, $40.
        let c = claims(&["a", "b", "c"], &[100, 100, 100], &[1000, 5000, 5000]);
        assert_eq!(
            prorate(m(9000), &c).unwrap(),
            vec![m(1000), m(4000), m(4000)]
        );
    }
}
