//! The statutory order in which a payment is applied.
//!
//! - California, CCP §695.221: from 2009-01-01 current support, principal (oldest installment
//!   first), then interest; before 2009 current support, interest, then principal in the order
//!   the installments matured.
//! - Texas, Fam. Code §157.268: from 2010-01-01 current support, non-delinquent support,
//!   unconfirmed principal, confirmed principal (judgments), interest, fees; before 2010 interest
//!   came ahead of principal.
//!
//! The orders are rules data (`arrears.california_crediting`, `arrears.texas_crediting`), chosen
//! by the date the payment is received (or by a caller-given date, to audit a payment under
//! another law). Readings (spec/README.md): current support is the installments due in the
//! payment's calendar month, even if due later in it; within each tier child support, then
//! medical (Texas: then dental), then spousal; a tax-offset payment pays arrears only (the
//! principal tiers in the state's order, then interest) and never current support or fees.

use serde::{Deserialize, Serialize};

use super::Jurisdiction;
use crate::date::Date;
use crate::error::Error;
use crate::rules::arrears::{CreditingOrder, Tier};
use crate::rules::{in_force, Rules};

/// Where a payment comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PaymentSource {
    /// Any ordinary payment (wage withholding, direct payment): the statutory order.
    #[default]
    Regular,
    /// A federal or state tax-refund offset: arrears only, principal then interest.
    TaxOffset,
}

impl PaymentSource {
    /// Parses a source named in a request.
    pub fn parse(field: &str, text: &str) -> Result<PaymentSource, Error> {
        match text {
            "regular" => Ok(PaymentSource::Regular),
            "tax_offset" => Ok(PaymentSource::TaxOffset),
            _ => Err(Error::invalid(
                field,
                text,
                "a payment source: regular or tax_offset",
            )),
        }
    }
}

/// The crediting order in force for a payment received on `date`.
pub fn order_on(rules: &Rules, state: Jurisdiction, date: Date) -> Result<&CreditingOrder, Error> {
    match state {
        Jurisdiction::California => in_force(
            &rules.arrears.california_crediting,
            "arrears.california_crediting",
            date,
        ),
        Jurisdiction::Texas => in_force(
            &rules.arrears.texas_crediting,
            "arrears.texas_crediting",
            date,
        ),
    }
}

/// The tiers a payment from `source` goes through, given the statutory `order`.
pub fn tiers(order: &CreditingOrder, source: PaymentSource) -> Vec<Tier> {
    match source {
        PaymentSource::Regular => order.order.clone(),
        PaymentSource::TaxOffset => {
            let mut out: Vec<Tier> = order
                .order
                .iter()
                .copied()
                .filter(|t| {
                    matches!(
                        t,
                        Tier::NonDelinquent
                            | Tier::Principal
                            | Tier::UnconfirmedPrincipal
                            | Tier::ConfirmedPrincipal
                    )
                })
                .collect();
            out.push(Tier::Interest);
            out
        }
    }
}

/// The citation of a tax-offset's order.
pub const TAX_OFFSET_READING: &str =
    "spec/README.md reading: a tax offset pays arrears only (principal, then interest), never current support";

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn orders_switch_on_the_statutory_dates() {
        let r = Rules::embedded();
        let ca = |s| {
            order_on(r, Jurisdiction::California, d(s))
                .unwrap()
                .order
                .clone()
        };
        assert_eq!(ca("2008-12-31")[1], Tier::Interest);
        assert_eq!(ca("2009-01-01")[1], Tier::Principal);
        let tx = |s| {
            order_on(r, Jurisdiction::Texas, d(s))
                .unwrap()
                .order
                .clone()
        };
        assert_eq!(tx("2009-12-31")[2], Tier::Interest);
        assert_eq!(tx("2010-01-01")[2], Tier::UnconfirmedPrincipal);
        assert!(order_on(r, Jurisdiction::Texas, d("2001-12-31")).is_err());
    }

    #[test]
    fn tax_offsets_skip_current_support_and_pay_interest_last() {
        let r = Rules::embedded();
        let o = order_on(r, Jurisdiction::Texas, d("2009-06-01")).unwrap();
        assert_eq!(
            tiers(o, PaymentSource::TaxOffset),
            [
                Tier::NonDelinquent,
                Tier::UnconfirmedPrincipal,
                Tier::ConfirmedPrincipal,
                Tier::Interest
            ]
        );
    }
}
