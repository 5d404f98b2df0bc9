//! Federal income tax actually payable after credits (§4059(a)): the rate schedule by filing
//! status, the standard deduction, the QBI deduction, the child tax credit and credit for other
//! dependents with the refundable part, and the earned income credit.

use crate::catalogue::california_income as step;
use crate::date::Date;
use crate::error::Error;
use crate::exact::Exact;
use crate::worksheet::{Tracer, Value};

use super::params::Federal;
use super::FilingStatus;

/// The facts of one federal return (a joint return holds both spouses').
pub struct FederalReturn {
    pub status: FilingStatus,
    pub agi: Exact,
    pub earned: Exact,
    pub investment: Exact,
    pub itemized: Exact,
    pub other_deductions: Exact,
    pub other_credits: Exact,
    pub qbi_income: Exact,
    pub qbi_on: bool,
    pub table: bool,
    pub ctc_children: u32,
    pub other_dependents: u32,
    pub eitc_children: u32,
    pub eitc_on: bool,
    /// Social Security + Medicare + additional Medicare + half SE tax (refundable CTC, 3+ children).
    pub payroll_taxes: Exact,
}

/// The tax of the return after credits, exact (below zero when refundable credits exceed it).
pub fn tax<T: Tracer>(
    f: &Federal<'_>,
    r: &FederalReturn,
    year: i32,
    trace: &mut T,
) -> Result<Exact, Error> {
    let v = &f.rule.validity;
    trace.exact(&step::FED_AGI, &r.agi);
    let sd = f.standard_deduction.get(r.status);
    let ded = sd.max(r.itemized.clone());
    trace.exact_rule(&step::FED_DEDUCTION, &ded, v);
    if r.other_deductions.is_positive() {
        trace.exact(&step::FED_OTHER_DEDUCTIONS, &r.other_deductions);
    }
    let before_qbi = (&r.agi - &ded - &r.other_deductions).max(Exact::ZERO);
    let mut qbi = Exact::ZERO;
    if r.qbi_on && r.qbi_income.is_positive() {
        let threshold = f.qbi_threshold.as_ref().map(|t| t.get(r.status));
        match threshold {
            Some(t) if before_qbi <= t => {
                qbi = (&f.qbi_rate * &r.qbi_income)
                    .min(&f.qbi_rate * &before_qbi)
                    .max(Exact::ZERO);
                trace.exact_rule(&step::QBI, &qbi, v);
            }
            other => {
                let jan1 = Date::new(year, 1, 1)?;
                return Err(Error::NoRule {
                    rule: "california_income.federal.qbi_threshold".to_string(),
                    date: jan1,
                    covered: match other {
                        Some(t) => format!(
                            "taxable income up to {t} in tax year {year}; above it the §199A limits are not modelled: enter the federal tax from the return (tax_override_federal) or set qbi to false"
                        ),
                        None => format!(
                            "no §199A threshold is known for tax year {year}: enter the federal tax from the return (tax_override_federal) or set qbi to false"
                        ),
                    },
                });
            }
        }
    }
    let ti = (&before_qbi - &qbi).max(Exact::ZERO);
    trace.exact(&step::FED_TI, &ti);
    let regular = match table_midpoint(&ti) {
        Some(mid) if r.table => {
            let t = whole_dollars(f.schedule(r.status).tax(&mid))?;
            trace.exact_rule(&step::FED_TABLE, &t, v);
            t
        }
        _ => {
            let t = f.schedule(r.status).tax(&ti);
            trace.exact_rule(&step::FED_REGULAR, &t, v);
            t
        }
    };
    if r.other_credits.is_positive() {
        trace.exact(&step::FED_OTHER_CREDITS, &r.other_credits);
    }
    let after_other = (regular - &r.other_credits).max(Exact::ZERO);

    // §24: 50 per 1,000 or fraction of modified AGI over the threshold.
    let over = (&r.agi - f.ctc_threshold.get(r.status)).max(Exact::ZERO);
    let steps = super::ceil(&(over / Exact::int(1000))).unwrap_or(0);
    let ctc_odc = (&f.ctc * Exact::from(r.ctc_children) + &f.odc * Exact::from(r.other_dependents)
        - &f.ctc_step * Exact::ratio(steps, 1))
    .max(Exact::ZERO);
    if r.ctc_children + r.other_dependents > 0 {
        trace.exact_rule(&step::CTC, &ctc_odc, v);
    }
    let used = ctc_odc.clone().min(after_other.clone());
    if used.is_positive() {
        trace.exact(&step::CTC_USED, &used);
    }

    // §32.
    let n = r.eitc_children.min(3) as usize;
    let eitc = if !r.eitc_on {
        trace.record(&step::EITC_OFF, Value::Word("not applied"));
        Exact::ZERO
    } else if r.status == FilingStatus::Mfs
        || r.investment > f.eitc_investment_limit
        || !r.earned.is_positive()
    {
        Exact::ZERO
    } else {
        let start = if matches!(r.status, FilingStatus::Mfj | FilingStatus::Qss) {
            &f.eitc_start_mfj[n]
        } else {
            &f.eitc_start[n]
        };
        let credit = (&f.eitc_rate[n] * &r.earned).min(f.eitc_max[n].clone());
        let phase = &f.eitc_out[n] * (r.agi.clone().max(r.earned.clone()) - start).max(Exact::ZERO);
        (credit - phase).max(Exact::ZERO)
    };
    if r.eitc_on && eitc.is_positive() {
        trace.exact_rule(&step::EITC, &eitc, v);
    }

    let actc = if r.ctc_children > 0 {
        let mut t = (&f.actc_rate * (&r.earned - &f.actc_floor)).max(Exact::ZERO);
        if r.ctc_children >= 3 {
            t = t.max(&r.payroll_taxes - &eitc);
        }
        (ctc_odc - &used)
            .min(&f.actc_cap * Exact::from(r.ctc_children))
            .min(t)
            .max(Exact::ZERO)
    } else {
        Exact::ZERO
    };
    if actc.is_positive() {
        trace.exact_rule(&step::ACTC, &actc, v);
    }
    (after_other - used - actc - eitc).checked()
}

/// The IRS Tax Table row midpoint for taxable income under $100,000 (the income cut to whole
/// dollars): rows $0-5, 5-15, 15-25, then $25 wide to $3,000, then $50 wide.
pub fn table_midpoint(ti: &Exact) -> Option<Exact> {
    let t = super::floor(ti)?;
    if t >= 100_000 {
        return None;
    }
    let mid = if t < 5 {
        Exact::ratio(5, 2)
    } else if t < 15 {
        Exact::int(10)
    } else if t < 25 {
        Exact::int(20)
    } else if t < 3000 {
        Exact::ratio(t / 25 * 25, 1) + Exact::ratio(25, 2)
    } else {
        Exact::ratio(t / 50 * 50 + 25, 1)
    };
    Some(mid)
}

/// Rounds to whole dollars, half away from zero.
pub fn whole_dollars(x: Exact) -> Result<Exact, Error> {
    Ok(Exact::from((x / Exact::int(100)).round_cents()?) * Exact::int(100))
}
