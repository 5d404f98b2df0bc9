//! The payoff method California's county child support agencies publish in their payoff
//! estimators (Humboldt County Department of Child Support Services gives a worked example):
//! a monthly rate of 0.008333, interest rounded half up to the cent each month on the
//! principal owed at the start of the month, no interest in the month the principal is paid
//! off, and each payment applied to principal first (interest first where the crediting order
//! in force on the payment's date puts interest first, as before 2009).
//!
//! It is offered beside the statutory projection ([`super::payoff`], on the ledger engine) as
//! the counties' own method, named as theirs: it is how a county's published estimate was
//! computed, not the interest the law accrues day by day (CCP §685.010).

use rust_decimal::Decimal;

use super::crediting;
use super::payoff::{payment_date, Params, Projection, ScheduleRow};
use crate::date::Date;
use crate::error::Error;
use crate::money::Money;
use crate::rules::arrears::Tier;

/// The estimators' monthly rate (10% a year divided by 12, to six places, as published).
pub const MONTHLY_RATE: Decimal = Decimal::from_parts(8333, 0, 0, false, 6);

/// How the method is named in results and worksheets.
pub const NAME: &str = "county payoff estimator method (California county child support agencies; Humboldt County Department of Child Support Services' published example)";

/// Whether the crediting order in force on `date` applies interest before principal.
fn interest_first(p: &Params, date: Date) -> Result<bool, Error> {
    let order = crediting::order_on(p.rules, p.state, date)?;
    let pos = |f: fn(&Tier) -> bool| order.order.iter().position(f);
    let interest = pos(|t| *t == Tier::Interest);
    let principal = pos(|t| {
        matches!(
            t,
            Tier::Principal | Tier::UnconfirmedPrincipal | Tier::ConfirmedPrincipal
        )
    });
    Ok(interest < principal)
}

/// Projects `payment` a month for up to `max` payments by the county method.
pub(super) fn project(
    p: &Params,
    payment: Money,
    max: u32,
    keep: bool,
) -> Result<Projection, Error> {
    let mut principal = p.principal;
    let mut owed_interest = p.interest;
    let mut out = Projection {
        payment,
        paid_off: principal.is_zero() && owed_interest.is_zero(),
        payments: 0,
        payoff_date: None,
        last_payment: Money::ZERO,
        interest_paid: Money::ZERO,
        total_paid: Money::ZERO,
        schedule: vec![],
    };
    if out.paid_off {
        out.payoff_date = Some(p.start);
        return Ok(out);
    }
    for k in 0..max {
        let date = payment_date(p.first_payment, k)?;
        let first = interest_first(p, date)?;
        // No interest in the month the principal is paid off.
        let pays_off = if first {
            payment >= owed_interest + principal
        } else {
            payment >= principal
        };
        let month = if pays_off {
            Money::ZERO
        } else {
            Money::round(principal.as_decimal() * MONTHLY_RATE)
        };
        owed_interest = owed_interest + month;
        let paid = payment.min(principal + owed_interest);
        let (to_principal, to_interest) = if first {
            let i = paid.min(owed_interest);
            (paid - i, i)
        } else {
            let pr = paid.min(principal);
            (pr, paid - pr)
        };
        principal = principal - to_principal;
        owed_interest = owed_interest - to_interest;
        out.interest_paid = out.interest_paid + to_interest;
        out.total_paid = out.total_paid + paid;
        out.last_payment = paid;
        out.payments = k + 1;
        if keep {
            out.schedule.push(ScheduleRow {
                number: k + 1,
                date,
                interest_posted: month,
                payment: paid,
                to_principal,
                to_interest,
                principal,
                interest: owed_interest,
            });
        }
        if principal.is_zero() && owed_interest.is_zero() {
            out.paid_off = true;
            out.payoff_date = Some(date);
            return Ok(out);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::payoff::{compute_payoff, PayoffInput, PayoffMethod};
    use super::super::Jurisdiction;
    use crate::rules::Rules;
    use rust_decimal::Decimal;

    fn humboldt(payment: i64) -> PayoffInput {
        PayoffInput {
            state: Jurisdiction::California,
            start: "2025-01-01".parse().unwrap(),
            principal: Decimal::from(5000),
            interest: Decimal::from(1250),
            payment: Some(Decimal::new(payment, 2)),
            within_months: None,
            first_payment: None,
            day_count: None,
            rate: None,
            interest_free: None,
            schedule: true,
            method: PayoffMethod::CountyEstimator,
        }
    }

    #[test]
    fn humboldt_countys_example_at_500_a_month() {
        // Principal first; interest on the principal at the start of each month, rounded half
        // up: 41.67 (5,000 x 0.008333 = 41.665), 37.50 (4,500: 37.4985), 33.33, 29.17
        // (29.1655), 25.00 (24.999), 20.83, 16.67, 12.50 (12.4995), 8.33 = 225.00 over nine
        // months; none in the tenth, when the last 500 of principal is paid. Interest
        // 1,250 + 225 = 1,475.00, paid by 500, 500 and 475 in months 11-13: 13 months,
        // 6,475.00 in all.
        let r = compute_payoff(Rules::embedded(), &humboldt(50_000)).unwrap();
        let w = r.with_payment.unwrap();
        assert_eq!(w.payments, 13);
        assert_eq!(w.total_paid.to_string(), "6475.00");
        assert_eq!(w.interest_paid.to_string(), "1475.00");
        assert_eq!(w.last_payment.to_string(), "475.00");
        let months: Vec<String> = w.schedule[..10]
            .iter()
            .map(|r| r.interest_posted.to_string())
            .collect();
        assert_eq!(
            months,
            [
                "41.67", "37.50", "33.33", "29.17", "25.00", "20.83", "16.67", "12.50", "8.33",
                "0.00"
            ]
        );
    }

    #[test]
    fn humboldt_countys_example_at_542_54_a_month() {
        // 41.67, 37.14 (4,457.46 x 0.008333 = 37.144), 32.62, 28.10, 23.58, 19.06, 14.54,
        // 10.02, 5.50 = 212.23; none in month 10 (117.14 of principal left). Interest
        // 1,462.23; 6,462.23 in all: 11 payments of 542.54 and a last of 494.29 (12 months).
        let r = compute_payoff(Rules::embedded(), &humboldt(54_254)).unwrap();
        let w = r.with_payment.unwrap();
        assert_eq!(w.payments, 12);
        assert_eq!(w.total_paid.to_string(), "6462.23");
        assert_eq!(w.interest_paid.to_string(), "1462.23");
        assert_eq!(w.last_payment.to_string(), "494.29");
    }
}
