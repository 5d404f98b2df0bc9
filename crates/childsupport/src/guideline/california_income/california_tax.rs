//! California personal income tax actually payable (§4059(a)): Schedules X, Y, Z by their
//! printed bases, the standard deduction, exemption credits with the §17054.1 phase-out, the
//! renter's credit (when the parent qualifies), other credits as entered, and the mental health
//! services tax.

use crate::catalogue::california_income as step;
use crate::error::Error;
use crate::exact::Exact;
use crate::worksheet::Tracer;

use super::params::California;
use super::FilingStatus;

/// The facts of one California return.
pub struct CaliforniaReturn {
    pub status: FilingStatus,
    pub agi: Exact,
    pub federal_agi: Exact,
    pub itemized: Exact,
    pub dependents: u32,
    pub renter: bool,
    pub other_credits: Exact,
    pub refundable_credits: Exact,
    pub table: bool,
}

/// The return's tax after credits, exact.
pub fn tax<T: Tracer>(
    c: &California<'_>,
    r: &CaliforniaReturn,
    trace: &mut T,
) -> Result<Exact, Error> {
    let v = &c.rule.validity;
    trace.exact(&step::CA_AGI, &r.agi);
    let ded = c.standard_deduction.get(r.status).max(r.itemized.clone());
    trace.exact_rule(&step::CA_DEDUCTION, &ded, v);
    let ti = (&r.agi - &ded).max(Exact::ZERO);
    trace.exact(&step::CA_TI, &ti);
    let schedule = match table_row(&ti) {
        Some(x) if r.table => {
            let t = super::federal_tax::whole_dollars(c.schedule(r.status).tax(&x))?;
            trace.exact_rule(&step::CA_TABLE, &t, v);
            t
        }
        _ => {
            let t = c.schedule(r.status).tax(&ti);
            trace.exact_rule(&step::CA_SCHEDULE, &t, v);
            t
        }
    };

    // §17054.1: $6 per credit for each $2,500 ($1,250 MFS) or fraction over the threshold.
    let step_size = if r.status == FilingStatus::Mfs {
        &c.step_mfs
    } else {
        &c.step
    };
    let over = (&r.federal_agi - c.threshold.get(r.status)).max(Exact::ZERO);
    let k = super::ceil(&(over / step_size)).unwrap_or(0);
    let cut = &c.reduction * Exact::ratio(k, 1);
    let np = if matches!(r.status, FilingStatus::Mfj | FilingStatus::Qss) {
        2
    } else {
        1
    };
    let personal = (&c.personal_credit - &cut).max(Exact::ZERO) * Exact::int(np);
    let dependents = (&c.dependent_credit - &cut).max(Exact::ZERO) * Exact::from(r.dependents);
    let credits = personal + dependents;
    trace.exact_rule(&step::CA_CREDITS, &credits, v);
    let renter = if r.renter && r.agi <= c.renter_limit.get(r.status) {
        let x = c.renter_credit.get(r.status);
        trace.exact_rule(&step::CA_RENTER, &x, v);
        x
    } else {
        Exact::ZERO
    };
    if r.other_credits.is_positive() || r.refundable_credits.is_positive() {
        trace.exact(
            &step::CA_OTHER_CREDITS,
            &(&r.other_credits + &r.refundable_credits),
        );
    }
    let mhst = &c.mhst_rate * (&ti - &c.mhst_threshold).max(Exact::ZERO);
    if mhst.is_positive() {
        trace.exact_rule(&step::MHST, &mhst, v);
    }
    ((schedule - credits - renter - &r.other_credits).max(Exact::ZERO) + mhst
        - &r.refundable_credits)
        .checked()
}

/// The FTB Tax Table row for taxable income of $100,000 or less (cut to whole dollars): rows
/// $100 wide centred on multiples of $100; the last row, 99,951-100,000, at 99,975.
pub fn table_row(ti: &Exact) -> Option<Exact> {
    let t = super::floor(ti)?;
    if t > 100_000 {
        return None;
    }
    if t >= 99_951 {
        return Some(Exact::int(99_975));
    }
    Some(Exact::ratio((t + 49) / 100 * 100, 1))
}
