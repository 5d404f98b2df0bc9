//! Sharing an amount among claims to the cent: in proportion to weights, or in equal shares,
//! never giving a claim more than it needs. Both keep the exact share of each claim and round
//! once, by largest remainder, with the ties of library reading R-2: the larger weight, then
//! the caller's stable identifier (ascending), so the listing order never matters.
//!
//! # Integer cents are the exact shares
//!
//! Every amount here is a whole number of cents, so the exact rational arithmetic of the rule
//! reduces to integer arithmetic without loss:
//!
//! - **Capping.** With `L` cents left and active claims of weights `w_i` summing to `W > 0`,
//!   claim `i`'s exact share is `L·w_i/W`; it reaches its need `n_i` exactly when
//!   `L·w_i ≥ n_i·W` (multiply both sides by `W > 0`). Equal shares: `L/k ≥ n_i` exactly when
//!   `L ≥ n_i·k`. Fixed claims take `n_i` whole cents, so `L` stays whole cents (and never below
//!   zero: the fixed needs are at most the shares, which sum to `L`).
//! - **Rounding.** The exact share `L·w_i/W` is `q_i + r_i/W` with `q_i = ⌊L·w_i/W⌋` cents and
//!   remainder `0 ≤ r_i < W`; every share has the same denominator `W` (or `k`), so ranking the
//!   fractions of a cent is ranking the `r_i`. The shares sum to `L`, so the cents missing after
//!   the floors are `L − Σq_i = Σr_i/W`, fewer than the claims with `r_i > 0`; they go one each
//!   by the largest `r_i`, ties in the order of R-2. That is largest remainder on the exact
//!   shares (fixed claims have no fraction), so the parts equal those of rounding the exact
//!   rationals, which the property test `integer_split_is_the_exact_split` checks against the
//!   rational implementation kept for it.
//!
//! Products are taken in `i128`: amounts are at most 10^14 cents, so `L·w_i` and `n_i·W` stay
//! below 2^127 for any realistic number of claims.

use std::cmp::Ordering;

/// One claim on an amount: who (the caller's stable ID), its weight for proration (and for
/// ties), and the most it may receive, in cents.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Claim<'a> {
    /// The caller's stable identifier (the last tie-break).
    pub id: &'a str,
    /// The weight in cents: proration is in proportion to it; ties go to the larger.
    pub weight: i64,
    /// The most the claim may receive, in cents.
    pub need: i64,
}

/// How the amount is shared among the claims not yet paid in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    /// In proportion to the weights.
    Prorate,
    /// In equal shares (Tex. Fam. Code §158.207(b); equal shares of arrears).
    Equal,
}

/// Claims at most this many are shared without a heap allocation.
const STACK: usize = 16;

/// `total` cents in proportion to the claims' weights, each capped at its need; what a capped
/// claim cannot take is shared among the others in proportion to theirs. When every claim is
/// paid in full, or the claims still unpaid have no weight, the rest is not shared: the parts
/// then sum to less than `total` (the caller passes it on). (The callers share into their own
/// buffers with [`share_into`]; this and [`equal`] serve the tests.)
#[cfg(test)]
pub(crate) fn prorate(total: i64, claims: &[Claim<'_>]) -> Vec<i64> {
    let mut out = vec![0; claims.len()];
    share_into(total, claims, Rule::Prorate, &mut out);
    out
}

/// `total` cents in equal shares, each claim capped at its need; what a capped claim cannot
/// take is shared equally among the others.
#[cfg(test)]
pub(crate) fn equal(total: i64, claims: &[Claim<'_>]) -> Vec<i64> {
    let mut out = vec![0; claims.len()];
    share_into(total, claims, Rule::Equal, &mut out);
    out
}

/// Shares `total` cents among `claims` by `rule` into `out` (one slot per claim), without
/// allocating for up to 16 claims. A negative `total` shares nothing.
pub(crate) fn share_into(total: i64, claims: &[Claim<'_>], rule: Rule, out: &mut [i64]) {
    let n = claims.len();
    debug_assert_eq!(out.len(), n);
    let needed: i128 = claims.iter().map(|c| i128::from(c.need)).sum();
    if i128::from(total) >= needed {
        for (o, c) in out.iter_mut().zip(claims) {
            *o = c.need;
        }
        return;
    }
    let mut active_stack = [false; STACK];
    let mut rem_stack = [0i128; STACK];
    let mut order_stack = [0usize; STACK];
    let (mut active_heap, mut rem_heap, mut order_heap);
    let (active, rem, order): (&mut [bool], &mut [i128], &mut [usize]) = if n <= STACK {
        (
            &mut active_stack[..n],
            &mut rem_stack[..n],
            &mut order_stack[..n],
        )
    } else {
        active_heap = vec![false; n];
        rem_heap = vec![0i128; n];
        order_heap = vec![0usize; n];
        (&mut active_heap, &mut rem_heap, &mut order_heap)
    };
    for (i, c) in claims.iter().enumerate() {
        active[i] = c.need > 0;
        out[i] = 0;
    }
    let mut left = i128::from(total.max(0));
    // Fix the claims whose share reaches their need, all at once, until none does.
    let denominator = loop {
        let (weight, count) = claims
            .iter()
            .zip(active.iter())
            .filter(|(_, &a)| a)
            .fold((0i128, 0i128), |(w, k), (c, _)| {
                (w + i128::from(c.weight), k + 1)
            });
        if count == 0 {
            break 0;
        }
        let denominator = match rule {
            Rule::Prorate => weight,
            Rule::Equal => count,
        };
        if denominator == 0 {
            break 0;
        }
        let mut fixed = 0i128;
        for (i, c) in claims.iter().enumerate() {
            if !active[i] {
                continue;
            }
            let need = i128::from(c.need);
            let reaches = match rule {
                Rule::Prorate => left * i128::from(c.weight) >= need * denominator,
                Rule::Equal => left >= need * denominator,
            };
            if reaches {
                out[i] = c.need;
                fixed += need;
                active[i] = false;
            }
        }
        if fixed == 0 {
            break denominator;
        }
        left -= fixed;
    };
    if denominator == 0 {
        return;
    }
    // The exact shares of the claims still active: whole cents and a remainder over the common
    // denominator.
    let mut missing = left;
    let mut ranked = 0;
    for (i, c) in claims.iter().enumerate() {
        if !active[i] {
            continue;
        }
        let numerator = match rule {
            Rule::Prorate => left * i128::from(c.weight),
            Rule::Equal => left,
        };
        let (q, r) = div_rem(numerator, denominator);
        rem[i] = r;
        out[i] = i64::try_from(q).unwrap_or(i64::MAX);
        missing -= q;
        if rem[i] > 0 {
            order[ranked] = i;
            ranked += 1;
        }
    }
    // The cents the floors leave go one each by the largest remainder, ties by R-2.
    let order = &mut order[..ranked];
    order.sort_unstable_by(|&a, &b| {
        rem[b]
            .cmp(&rem[a])
            .then_with(|| tie_order(&claims[a], &claims[b]))
    });
    for &i in order.iter() {
        if missing <= 0 {
            break;
        }
        out[i] += 1;
        missing -= 1;
    }
}

/// `n / d` and `n % d` (`d > 0`), in 64-bit arithmetic when both fit (the usual amounts: a
/// 128-bit division is a library call).
fn div_rem(n: i128, d: i128) -> (i128, i128) {
    match (i64::try_from(n), i64::try_from(d)) {
        (Ok(n), Ok(d)) => (i128::from(n / d), i128::from(n % d)),
        _ => (n / d, n % d),
    }
}

/// The order of ties (library reading R-2): the larger weight first, then the stable
/// identifier ascending.
fn tie_order(a: &Claim<'_>, b: &Claim<'_>) -> Ordering {
    b.weight.cmp(&a.weight).then_with(|| a.id.cmp(b.id))
}

/// The rational implementation the integer one replaced, kept as the reference the property
/// test compares with: exact shares in [`Exact`](crate::exact::Exact), rounded together by
/// [`split_exact`](crate::money::split_exact).
#[cfg(test)]
mod exact {
    use super::{tie_order, Claim, Rule};
    use crate::exact::Exact;
    use crate::money::split_exact;

    pub(super) fn share(total: i64, claims: &[Claim<'_>], rule: Rule) -> Vec<i64> {
        let needed: i64 = claims.iter().map(|c| c.need).sum();
        if total >= needed {
            return claims.iter().map(|c| c.need).collect();
        }
        let mut exact = vec![Exact::ZERO; claims.len()];
        let mut active: Vec<usize> = (0..claims.len()).filter(|&i| claims[i].need > 0).collect();
        let mut left = Exact::cents(total);
        while !active.is_empty() {
            let shares: Vec<Exact> = match rule {
                Rule::Prorate => {
                    let weight: Exact =
                        active.iter().map(|&i| Exact::cents(claims[i].weight)).sum();
                    active
                        .iter()
                        .map(|&i| {
                            if weight.is_zero() {
                                Exact::ZERO
                            } else {
                                &(&left * &Exact::cents(claims[i].weight)) / &weight
                            }
                        })
                        .collect()
                }
                Rule::Equal => vec![&left / &Exact::int(active.len() as i64); active.len()],
            };
            let full: Vec<usize> = active
                .iter()
                .enumerate()
                .filter(|(k, &i)| shares[*k] >= Exact::cents(claims[i].need))
                .map(|(_, &i)| i)
                .collect();
            if full.is_empty() {
                for (k, &i) in active.iter().enumerate() {
                    exact[i] = shares[k].clone();
                }
                break;
            }
            for &i in &full {
                exact[i] = Exact::cents(claims[i].need);
                left -= &exact[i];
            }
            active.retain(|i| !full.contains(i));
        }
        let shared: Exact = exact.iter().sum();
        let shared = shared.round_cents().unwrap();
        let mut order: Vec<usize> = (0..claims.len()).collect();
        order.sort_by(|&a, &b| tie_order(&claims[a], &claims[b]));
        let parts: Vec<Exact> = order.iter().map(|&i| exact[i].clone()).collect();
        let rounded = split_exact(shared, &parts).unwrap();
        let mut out = vec![0; claims.len()];
        for (k, &i) in order.iter().enumerate() {
            out[i] = rounded[k].cents();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn claims<'a>(ids: &[&'a str], weights: &[i64], needs: &[i64]) -> Vec<Claim<'a>> {
        ids.iter()
            .zip(weights)
            .zip(needs)
            .map(|((id, w), n)| Claim {
                id,
                weight: *w,
                need: *n,
            })
            .collect()
    }

    #[test]
    fn amounts_past_64_bits_split_by_the_same_rule() {
        // 10^14 cents (the largest amount, 10^12 dollars) by weights 10^14 : 2 x 10^14: the
        // products (10^28) do not fit in 64 bits. 10^28 / (3 x 10^14) = 33,333,333,333,333 rem
        // 10^14; 2 x 10^28 / (3 x 10^14) = 66,666,666,666,666 rem 2 x 10^14; the one cent left
        // goes to the larger remainder, the second claim.
        const E14: i64 = 100_000_000_000_000;
        let c = claims(&["a", "b"], &[E14, 2 * E14], &[E14, 2 * E14]);
        assert_eq!(
            prorate(E14, &c),
            vec![33_333_333_333_333, 66_666_666_666_667]
        );
        // The cent to the larger remainder, not the larger share: weights 10^14 and
        // 2 x 10^14 + 7 (sum D = 3 x 10^14 + 7): 10^28 / D = 33,333,333,333,332 rem
        // 166,666,666,666,676; 10^14 (2 x 10^14 + 7) / D = 66,666,666,666,667 rem
        // 133,333,333,333,331; the one cent left goes to the first.
        let c = claims(&["a", "b"], &[E14, 2 * E14 + 7], &[E14, 2 * E14 + 7]);
        assert_eq!(
            prorate(E14, &c),
            vec![33_333_333_333_333, 66_666_666_666_667]
        );
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
        assert_eq!(equal(30000, &c), vec![10000, 15000, 5000]);
    }

    #[test]
    fn an_odd_cent_goes_by_weight_then_identifier() {
        // $100.00 over three equal claims: 33.333... each; the cent to the lowest identifier,
        // wherever it is listed.
        let c = claims(&["c", "a", "b"], &[10000; 3], &[10000; 3]);
        assert_eq!(prorate(10000, &c), vec![3333, 3334, 3333]);
        assert_eq!(equal(10000, &c), vec![3333, 3334, 3333]);
    }

    #[test]
    fn a_capped_claim_passes_its_excess_to_the_others_in_proportion() {
        // $90 by weights 1:1:1 with the first needing $10: $10, then $80 shared 1:1: $40, $40.
        let c = claims(&["a", "b", "c"], &[100, 100, 100], &[1000, 5000, 5000]);
        assert_eq!(prorate(9000, &c), vec![1000, 4000, 4000]);
    }

    #[test]
    fn more_claims_than_the_stack_holds() {
        // $1.00 over 20 equal claims of $1.00: 5 cents each, no odd cent.
        let ids: Vec<String> = (0..20).map(|i| format!("{i:02}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let c = claims(&ids, &[100; 20], &[100; 20]);
        assert_eq!(prorate(100, &c), vec![5; 20]);
        // $1.01: the odd cent to the lowest identifier, "00".
        let p = equal(101, &c);
        assert_eq!((p[0], p[1..].iter().sum::<i64>()), (6, 95));
    }

    fn arb_claims() -> impl Strategy<Value = Vec<(i64, i64)>> {
        // Weights and needs in cents, zeros included (unweighted and paid-up claims); up to 20
        // claims, past the stack size.
        prop::collection::vec(
            (
                prop_oneof![Just(0i64), 1i64..500, 1i64..2_000_000],
                prop_oneof![Just(0i64), 1i64..500, 1i64..2_000_000],
            ),
            1..20,
        )
    }

    proptest! {
        #[test]
        fn integer_split_is_the_exact_split(
            raw in arb_claims(),
            total in prop_oneof![0i64..1000, 0i64..10_000_000],
            need_is_weight in any::<bool>(),
        ) {
            // Unique IDs in an order other than the listing (7 is prime to 20).
            let ids: Vec<String> = (0..raw.len()).map(|i| format!("id{:02}", (i * 7) % 20)).collect();
            let c: Vec<Claim<'_>> = raw
                .iter()
                .zip(&ids)
                .map(|(&(w, n), id)| Claim {
                    id,
                    weight: w,
                    need: if need_is_weight { w } else { n },
                })
                .collect();
            for rule in [Rule::Prorate, Rule::Equal] {
                let mut fast = vec![0; c.len()];
                share_into(total, &c, rule, &mut fast);
                prop_assert_eq!(&fast, &exact::share(total, &c, rule), "{:?}", rule);
            }
        }
    }
}
