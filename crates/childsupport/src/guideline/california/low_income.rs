//! §4055(b)(7), (c): the low-income adjustment.
//!
//! When the obligor's net disposable income N is below the threshold T, the law presumes the
//! adjustment and requires the range to be shown: from `CS x N / T` (the exact CS, rounded half
//! away from zero; never below zero) up to CS. The presumptive amount is the lowest; the court may
//! find another within the range, or none (library reading R-CA-3).

use super::{CaliforniaParams, LowIncomeAdjustment, LowIncomeChoice};
use crate::catalogue::california as step;
use crate::error::Error;
use crate::exact::Exact;
use crate::guideline::california::params::Threshold;
use crate::money::{require_amount, Money};
use crate::worksheet::{Tracer, Value};

/// The adjustment, when the obligor qualifies; `None` when N is not below T or T is unknown.
pub(super) fn adjust<T: Tracer>(
    params: &CaliforniaParams<'_>,
    obligor_income: Exact,
    cs: Exact,
    guideline: Money,
    choice: Option<LowIncomeChoice>,
    trace: &mut T,
) -> Result<Option<LowIncomeAdjustment>, Error> {
    let method = params.threshold.method();
    let t = match &params.threshold {
        Threshold::MinimumWage { wage, t, .. } => {
            trace.exact_rule(
                &step::MINIMUM_WAGE,
                &Exact::from(wage.hourly),
                &wage.validity,
            );
            trace.exact_rule(&step::THRESHOLD_WAGE, t, &method.validity);
            t
        }
        Threshold::Fixed { validity, t, .. } => {
            trace.exact_rule(&step::THRESHOLD_FIXED, t, validity);
            t
        }
        Threshold::Missing { .. } => {
            refuse_unused_amount(choice)?;
            return Ok(None);
        }
    };
    trace.exact(&step::OBLIGOR_INCOME, &obligor_income);
    if &obligor_income >= t {
        trace.record_rule(
            &step::LOW_INCOME_NOT,
            Value::Word("does not apply"),
            &method.validity,
        );
        refuse_unused_amount(choice)?;
        return Ok(None);
    }
    // T > N >= 0, so T is positive.
    let lowest_exact = (&cs * &obligor_income / t).max(Exact::ZERO).checked()?;
    let lowest = lowest_exact.round_cents()?;
    trace.record_with(&step::MAX_REDUCTION, || Value::Exact(&cs - &lowest_exact));
    trace.record(&step::LOW_INCOME_RANGE, Value::Range(lowest, guideline));
    let applied = choice.unwrap_or_default();
    match applied {
        LowIncomeChoice::Presumptive => {
            trace.record(&step::LOW_INCOME_PRESUMED, Value::Money(lowest))
        }
        LowIncomeChoice::NotApplied => {
            trace.record(&step::LOW_INCOME_DECLINED, Value::Money(guideline))
        }
        LowIncomeChoice::Amount(x) => {
            let field = "low_income_adjustment.amount";
            let x = require_amount(field, x)?;
            let m = Money::from_exact_cents(field, x)?;
            if m < lowest || m > guideline {
                return Err(Error::invalid(
                    field,
                    x,
                    format!("an amount within the low-income range, {lowest} to {guideline}"),
                ));
            }
            trace.record(&step::LOW_INCOME_CHOSEN, Value::Money(m));
        }
    }
    Ok(Some(LowIncomeAdjustment {
        threshold: t.clone(),
        obligor_net_income: obligor_income,
        max_reduction: guideline - lowest,
        lowest_amount: lowest,
        lowest_amount_exact: lowest_exact,
        highest_amount: guideline,
        applied,
    }))
}

/// A court amount given where no adjustment applies is an error: the amount would be ignored.
pub(super) fn refuse_unused_amount(choice: Option<LowIncomeChoice>) -> Result<(), Error> {
    match choice {
        Some(LowIncomeChoice::Amount(x)) => Err(Error::invalid(
            "low_income_adjustment.amount",
            x,
            "no amount: the obligor does not qualify for a low-income adjustment (\"presumptive\" or \"none\" are accepted)",
        )),
        _ => Ok(()),
    }
}
