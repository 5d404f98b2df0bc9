//! The tax parameters of one tax year, resolved once (exact numbers) and reused for every parent
//! and every case of that year.

use crate::error::Error;
use crate::exact::Exact;
use crate::rules::california_income::{
    for_year, ByStatus, CaliforniaYear, FederalYear, PayrollYear, SdiYear,
};
use crate::rules::Rules;

use super::FilingStatus;

/// Four exact amounts, one per filing status.
#[derive(Debug, Clone)]
pub struct Statuses {
    single: Exact,
    mfj: Exact,
    mfs: Exact,
    hoh: Exact,
}

impl Statuses {
    fn from(b: &ByStatus) -> Statuses {
        Statuses {
            single: b.single.into(),
            mfj: b.mfj.into(),
            mfs: b.mfs.into(),
            hoh: b.hoh.into(),
        }
    }

    /// The amount for `status` (a qualifying surviving spouse uses the joint amount).
    pub fn get(&self, status: FilingStatus) -> Exact {
        match status {
            FilingStatus::Single => self.single.clone(),
            FilingStatus::Mfj | FilingStatus::Qss => self.mfj.clone(),
            FilingStatus::Mfs => self.mfs.clone(),
            FilingStatus::Hoh => self.hoh.clone(),
        }
    }
}

/// A rate schedule: upper edges and rates (one more rate than edges).
#[derive(Debug, Clone)]
pub struct Schedule {
    /// Upper edges, increasing.
    pub edges: Vec<Exact>,
    /// Rates, lowest first.
    pub rates: Vec<Exact>,
    /// The tax at each band's lower edge (the printed bases), when the schedule chains them
    /// rounded to cents (the California schedules); empty for plain marginal arithmetic.
    pub bases: Vec<Exact>,
}

impl Schedule {
    fn new(
        edges: &[rust_decimal::Decimal],
        rates: &[rust_decimal::Decimal],
        printed: bool,
    ) -> Result<Schedule, Error> {
        let edges: Vec<Exact> = edges.iter().map(|&e| e.into()).collect();
        let rates: Vec<Exact> = rates.iter().map(|&r| r.into()).collect();
        let mut bases = Vec::new();
        if printed {
            // base[0] = 0; base[k+1] = round2(base[k] + rate[k] x (edge[k] - edge[k-1])).
            let mut base = Exact::ZERO;
            let mut lower = Exact::ZERO;
            bases.push(base.clone());
            for (k, e) in edges.iter().enumerate() {
                base = Exact::from((&base + &rates[k] * &(e - &lower)).round_cents()?);
                bases.push(base.clone());
                lower = e.clone();
            }
        }
        Ok(Schedule {
            edges,
            rates,
            bases,
        })
    }

    /// The tax on `ti` (below zero counts as zero), exact: marginal, or from the printed base
    /// of the band when the schedule has bases.
    pub fn tax(&self, ti: &Exact) -> Exact {
        if !ti.is_positive() {
            return Exact::ZERO;
        }
        if !self.bases.is_empty() {
            let k = self
                .edges
                .iter()
                .position(|e| ti <= e)
                .unwrap_or(self.edges.len());
            let lower = if k == 0 {
                &Exact::ZERO
            } else {
                &self.edges[k - 1]
            };
            return &self.bases[k] + &self.rates[k] * &(ti - lower);
        }
        let mut tax = Exact::ZERO;
        let mut lower = Exact::ZERO;
        for (k, rate) in self.rates.iter().enumerate() {
            let top = match self.edges.get(k) {
                Some(e) if e < ti => e,
                _ => ti,
            };
            if *top <= lower {
                break;
            }
            tax += rate * &(top - &lower);
            match self.edges.get(k) {
                Some(e) => lower = e.clone(),
                None => break,
            }
        }
        tax
    }
}

/// Federal income tax parameters, exact.
#[derive(Debug, Clone)]
pub struct Federal<'r> {
    /// The rules entry.
    pub rule: &'r FederalYear,
    /// Schedules: single, mfj, mfs, hoh.
    pub schedules: [Schedule; 4],
    /// Standard deduction.
    pub standard_deduction: Statuses,
    /// CTC per qualifying child.
    pub ctc: Exact,
    /// ODC per other dependent.
    pub odc: Exact,
    /// CTC phase-out threshold.
    pub ctc_threshold: Statuses,
    /// Reduction per 1,000 or fraction.
    pub ctc_step: Exact,
    /// ACTC cap per child.
    pub actc_cap: Exact,
    /// ACTC rate.
    pub actc_rate: Exact,
    /// ACTC earned income floor.
    pub actc_floor: Exact,
    /// EITC credit rates, 0..3+ children.
    pub eitc_rate: [Exact; 4],
    /// EITC phase-out rates.
    pub eitc_out: [Exact; 4],
    /// EITC maximum credits.
    pub eitc_max: [Exact; 4],
    /// EITC phase-out start, other than joint.
    pub eitc_start: [Exact; 4],
    /// EITC phase-out start, joint.
    pub eitc_start_mfj: [Exact; 4],
    /// EITC investment income limit.
    pub eitc_investment_limit: Exact,
    /// QBI rate.
    pub qbi_rate: Exact,
    /// QBI threshold, when known.
    pub qbi_threshold: Option<Statuses>,
}

impl Federal<'_> {
    /// The schedule for `status`.
    pub fn schedule(&self, status: FilingStatus) -> &Schedule {
        &self.schedules[match status {
            FilingStatus::Single => 0,
            FilingStatus::Mfj | FilingStatus::Qss => 1,
            FilingStatus::Mfs => 2,
            FilingStatus::Hoh => 3,
        }]
    }
}

fn four(v: &[rust_decimal::Decimal]) -> [Exact; 4] {
    [v[0].into(), v[1].into(), v[2].into(), v[3].into()]
}

/// FICA/SECA parameters, exact.
#[derive(Debug, Clone)]
pub struct Payroll<'r> {
    /// The rules entry.
    pub rule: &'r PayrollYear,
    /// OASDI employee rate.
    pub ss_rate: Exact,
    /// OASDI wage base.
    pub ss_base: Exact,
    /// Medicare employee rate.
    pub medicare_rate: Exact,
    /// Additional Medicare rate.
    pub add_rate: Exact,
    /// Additional Medicare threshold.
    pub add_threshold: Statuses,
    /// SE OASDI rate.
    pub se_ss_rate: Exact,
    /// SE Medicare rate.
    pub se_medicare_rate: Exact,
    /// Net earnings factor.
    pub se_factor: Exact,
    /// Net earnings minimum.
    pub se_minimum: Exact,
}

/// SDI parameters, exact.
#[derive(Debug, Clone)]
pub struct Sdi<'r> {
    /// The rules entry.
    pub rule: &'r SdiYear,
    /// The employee rate.
    pub rate: Exact,
    /// The wage ceiling, if any.
    pub ceiling: Option<Exact>,
}

/// California income tax parameters, exact.
#[derive(Debug, Clone)]
pub struct California<'r> {
    /// The rules entry.
    pub rule: &'r CaliforniaYear,
    /// Schedules X, Y, Z with printed bases.
    pub schedules: [Schedule; 3],
    /// Standard deduction.
    pub standard_deduction: Statuses,
    /// Personal exemption credit.
    pub personal_credit: Exact,
    /// Dependent exemption credit.
    pub dependent_credit: Exact,
    /// Phase-out threshold (federal AGI).
    pub threshold: Statuses,
    /// Reduction per step.
    pub reduction: Exact,
    /// Step.
    pub step: Exact,
    /// Step, MFS.
    pub step_mfs: Exact,
    /// MHST rate.
    pub mhst_rate: Exact,
    /// MHST threshold.
    pub mhst_threshold: Exact,
    /// Renter's credit.
    pub renter_credit: Statuses,
    /// Renter's credit AGI limit.
    pub renter_limit: Statuses,
}

impl California<'_> {
    /// The schedule for `status` (X single and MFS, Y joint, Z head of household).
    pub fn schedule(&self, status: FilingStatus) -> &Schedule {
        &self.schedules[match status {
            FilingStatus::Single | FilingStatus::Mfs => 0,
            FilingStatus::Mfj | FilingStatus::Qss => 1,
            FilingStatus::Hoh => 2,
        }]
    }
}

/// The parameters of one tax year. A series with no entry for the year is kept as its error,
/// raised only when a parent needs it (a tax figure from a filed return needs no schedule).
#[derive(Debug, Clone)]
pub struct IncomeParams<'r> {
    /// The tax year.
    pub year: i32,
    /// The rules.
    pub rules: &'r Rules,
    /// Federal income tax.
    pub federal: Result<Federal<'r>, Error>,
    /// FICA and SECA.
    pub payroll: Result<Payroll<'r>, Error>,
    /// SDI.
    pub sdi: Result<Sdi<'r>, Error>,
    /// California income tax.
    pub california: Result<California<'r>, Error>,
}

impl<'r> IncomeParams<'r> {
    /// Resolves the parameters of tax `year`.
    pub fn resolve(rules: &'r Rules, year: i32) -> Result<IncomeParams<'r>, Error> {
        let r = &rules.california_income;
        let federal = for_year(&r.federal, "california_income.federal", year).and_then(|f| {
            Ok(Federal {
                rule: f,
                schedules: [
                    Schedule::new(&f.single, &f.rates, false)?,
                    Schedule::new(&f.mfj, &f.rates, false)?,
                    Schedule::new(&f.mfs, &f.rates, false)?,
                    Schedule::new(&f.hoh, &f.rates, false)?,
                ],
                standard_deduction: Statuses::from(&f.standard_deduction),
                ctc: f.ctc_per_child.into(),
                odc: f.odc_per_dependent.into(),
                ctc_threshold: Statuses::from(&f.ctc_phaseout_threshold),
                ctc_step: f.ctc_phaseout_per_1000.into(),
                actc_cap: f.actc_cap_per_child.into(),
                actc_rate: f.actc_rate.into(),
                actc_floor: f.actc_earned_floor.into(),
                eitc_rate: four(&f.eitc_credit_rate),
                eitc_out: four(&f.eitc_phaseout_rate),
                eitc_max: four(&f.eitc_max_credit),
                eitc_start: four(&f.eitc_phaseout_start),
                eitc_start_mfj: four(&f.eitc_phaseout_start_mfj),
                eitc_investment_limit: f.eitc_investment_limit.into(),
                qbi_rate: f.qbi_rate.into(),
                qbi_threshold: f.qbi_threshold.as_ref().map(Statuses::from),
            })
        });
        let payroll = for_year(&r.payroll, "california_income.payroll", year).map(|p| Payroll {
            rule: p,
            ss_rate: p.social_security_rate.into(),
            ss_base: p.social_security_wage_base.into(),
            medicare_rate: p.medicare_rate.into(),
            add_rate: p.additional_medicare_rate.into(),
            add_threshold: Statuses::from(&p.additional_medicare_threshold),
            se_ss_rate: p.se_social_security_rate.into(),
            se_medicare_rate: p.se_medicare_rate.into(),
            se_factor: p.se_earnings_factor.into(),
            se_minimum: p.se_minimum.into(),
        });
        let sdi = for_year(&r.sdi, "california_income.sdi", year).map(|s| Sdi {
            rule: s,
            rate: s.rate.into(),
            ceiling: s.wage_ceiling.map(Exact::from),
        });
        let california =
            for_year(&r.california, "california_income.california", year).and_then(|c| {
                Ok(California {
                    rule: c,
                    schedules: [
                        Schedule::new(&c.single, &c.rates, true)?,
                        Schedule::new(&c.mfj, &c.rates, true)?,
                        Schedule::new(&c.hoh, &c.rates, true)?,
                    ],
                    standard_deduction: Statuses::from(&c.standard_deduction),
                    personal_credit: c.personal_credit.into(),
                    dependent_credit: c.dependent_credit.into(),
                    threshold: Statuses::from(&c.credit_phaseout_threshold),
                    reduction: c.credit_phaseout_reduction.into(),
                    step: c.credit_phaseout_step.into(),
                    step_mfs: c.credit_phaseout_step_mfs.into(),
                    mhst_rate: c.mental_health_rate.into(),
                    mhst_threshold: c.mental_health_threshold.into(),
                    renter_credit: Statuses::from(&c.renter_credit),
                    renter_limit: Statuses::from(&c.renter_agi_limit),
                })
            });
        // Payroll taxes apply to every wage earner: a year without them is an error at once.
        if let Err(e) = &payroll {
            return Err(e.clone());
        }
        Ok(IncomeParams {
            year,
            rules,
            federal,
            payroll,
            sdi,
            california,
        })
    }

    /// The validity of a series entry, for citing.
    pub fn payroll(&self) -> &Payroll<'r> {
        self.payroll.as_ref().expect("checked in resolve")
    }
}
