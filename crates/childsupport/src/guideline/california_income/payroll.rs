//! FICA, SECA (§4059(b)) and State Disability Insurance (§4059(d)).

use crate::catalogue::california_income as step;
use crate::error::Error;
use crate::exact::Exact;
use crate::money::Money;
use crate::worksheet::{Tracer, Value};

use super::params::{Payroll, Sdi};
use super::FilingStatus;

/// A parent's FICA and self-employment tax.
#[derive(Debug, Clone)]
pub struct Fica {
    /// Social Security, rounded.
    pub social_security: Money,
    /// Medicare, rounded.
    pub medicare: Money,
    /// Net earnings from self-employment (zero under the minimum).
    pub se_earnings: Exact,
    /// Self-employment tax, rounded.
    pub se_tax: Money,
    /// One-half of the rounded self-employment tax (a half cent is kept).
    pub half_se: Exact,
    /// The §4059(b) alternative for a parent outside Social Security, rounded.
    pub alternative: Money,
    /// Wages and net earnings subject to the additional Medicare tax.
    pub additional_base: Exact,
}

/// The parent's facts the payroll taxes need.
pub struct PayrollFacts {
    pub fica_wages: Exact,
    pub se_profit: Exact,
    pub fica_covered: bool,
    pub medicare_covered: bool,
    pub substitute: Option<Exact>,
}

/// Social Security, Medicare, SECA and the §4059(b) alternative.
pub fn fica<T: Tracer>(p: &Payroll<'_>, f: &PayrollFacts, trace: &mut T) -> Result<Fica, Error> {
    let mut out = Fica {
        social_security: Money::ZERO,
        medicare: Money::ZERO,
        se_earnings: Exact::ZERO,
        se_tax: Money::ZERO,
        half_se: Exact::ZERO,
        alternative: Money::ZERO,
        additional_base: Exact::ZERO,
    };
    let capped = f.fica_wages.clone().min(p.ss_base.clone());
    if f.fica_covered {
        out.social_security = (&p.ss_rate * &capped).round_cents()?;
        trace.record_rule(
            &step::SOCIAL_SECURITY,
            Value::Money(out.social_security),
            &p.rule.validity,
        );
    }
    if f.medicare_covered {
        out.medicare = (&p.medicare_rate * &f.fica_wages).round_cents()?;
        trace.record_rule(
            &step::MEDICARE,
            Value::Money(out.medicare),
            &p.rule.validity,
        );
    }
    if let Some(sub) = &f.substitute {
        // §4059(b): no more than FICA would allow (rule 5.275(b)(1)(C)).
        let mut cap = Exact::ZERO;
        if !f.fica_covered {
            cap += &p.ss_rate * &capped;
        }
        if !f.medicare_covered {
            cap += &p.medicare_rate * &f.fica_wages;
        }
        out.alternative = sub.clone().min(cap).round_cents()?;
        trace.record_rule(
            &step::NOT_FICA,
            Value::Money(out.alternative),
            &p.rule.validity,
        );
    }
    let nese = &p.se_factor * &f.se_profit;
    out.se_earnings = if f.se_profit.is_positive() && nese >= p.se_minimum {
        nese
    } else {
        Exact::ZERO
    };
    if f.se_profit != Exact::ZERO {
        trace.exact_rule(&step::SE_EARNINGS, &out.se_earnings, &p.rule.validity);
    }
    if out.se_earnings.is_positive() {
        let room = (&p.ss_base
            - if f.fica_covered {
                &f.fica_wages
            } else {
                &Exact::ZERO
            })
        .max(Exact::ZERO);
        let se = &p.se_ss_rate * out.se_earnings.clone().min(room)
            + &p.se_medicare_rate * &out.se_earnings;
        out.se_tax = se.round_cents()?;
        out.half_se = Exact::from(out.se_tax) / Exact::int(2);
        trace.record_rule(&step::SE_TAX, Value::Money(out.se_tax), &p.rule.validity);
        trace.exact(&step::HALF_SE, &out.half_se);
    }
    out.additional_base = (if f.medicare_covered {
        &f.fica_wages
    } else {
        &Exact::ZERO
    }) + &out.se_earnings;
    Ok(out)
}

/// The additional Medicare tax of a return on its wages and net earnings, exact.
pub fn additional_medicare(p: &Payroll<'_>, status: FilingStatus, base: &Exact) -> Exact {
    &p.add_rate * (base - p.add_threshold.get(status)).max(Exact::ZERO)
}

/// SDI on `sdi_wages` at the year's rate (no ceiling from 2024), or a voluntary plan's
/// contribution, or nothing.
pub fn sdi<T: Tracer>(
    p: &Result<Sdi<'_>, Error>,
    covered: bool,
    vpdi: Option<Exact>,
    sdi_wages: Exact,
    trace: &mut T,
) -> Result<Money, Error> {
    if let Some(v) = vpdi {
        let m = v.round_cents()?;
        trace.record(&step::VPDI, Value::Money(m));
        return Ok(m);
    }
    if !covered {
        trace.record(&step::NO_SDI, Value::Money(Money::ZERO));
        return Ok(Money::ZERO);
    }
    if !sdi_wages.is_positive() {
        return Ok(Money::ZERO);
    }
    let s = p.as_ref().map_err(Clone::clone)?;
    let wages = match &s.ceiling {
        Some(c) => sdi_wages.min(c.clone()),
        None => sdi_wages,
    };
    let m = (&s.rate * &wages).round_cents()?;
    trace.record_rule(&step::SDI, Value::Money(m), &s.rule.validity);
    Ok(m)
}
