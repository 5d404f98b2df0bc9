//! Arrears rule data: interest rates, when interest starts and how days are counted, the
//! statutory crediting orders, and Texas §158.003 withholding (section `arrears` of the rules).
//!
//! Interest rates are an effective-dated series by the date the interest **accrues** (CCP
//! §685.010(b): a change of rate applies "only to the interest that accrues after the operative
//! date"); an entry may also be limited to support falling due (or judgments rendered) within a
//! range (`due_from`, `due_through`), which is how a law like Texas H.B. 4213 (89th Leg., 2025,
//! UNVERIFIED as enacted: a published index rate for support due from 2026-01-01) is written as
//! an alternative rule set. Crediting orders are looked up by the date a payment is received.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{validate_series, Validity};
use crate::date::Date;
use crate::error::Error;

/// The arrears series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArrearsRules {
    /// California interest rate (CCP §685.010).
    pub california_interest: Vec<InterestRate>,
    /// California start of accrual and day count (CCP §685.020, FC §17433.5).
    pub california_accrual: Vec<CaliforniaAccrual>,
    /// California crediting order (CCP §695.221), by payment date.
    pub california_crediting: Vec<CreditingOrder>,
    /// Texas interest rate (Fam. Code §157.265).
    pub texas_interest: Vec<InterestRate>,
    /// Texas delinquency and interest base (Fam. Code §157.265(a), §157.266).
    pub texas_accrual: Vec<TexasAccrual>,
    /// Texas crediting order (Fam. Code §157.268), by payment date.
    pub texas_crediting: Vec<CreditingOrder>,
    /// Texas additional withholding for arrears (Fam. Code §158.003).
    pub texas_withholding: Vec<TexasWithholding>,
    /// Texas maximum withholding (Fam. Code §158.009).
    pub texas_withholding_limit: Vec<WithholdingLimit>,
}

/// A simple annual interest rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterestRate {
    /// When the rate holds, by the date the interest accrues.
    #[serde(flatten)]
    pub validity: Validity,
    /// The rate per year (0.10 for 10%), simple.
    #[serde(with = "crate::money::exact")]
    pub rate: Decimal,
    /// Only for support falling due (a judgment: rendered) on or after this date (absent: any).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_from: Option<Date>,
    /// Only for support falling due (a judgment: rendered) on or before this date (absent: any).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_through: Option<Date>,
}

impl InterestRate {
    /// Whether the entry applies to an amount falling due (or rendered) on `due`.
    pub fn admits(&self, due: Date) -> bool {
        self.due_from.is_none_or(|f| f <= due) && self.due_through.is_none_or(|t| due <= t)
    }

    fn same_due_range(&self, other: &InterestRate) -> bool {
        self.due_from == other.due_from && self.due_through == other.due_through
    }

    fn due_ranges_overlap(&self, other: &InterestRate) -> bool {
        let lo = match (self.due_from, other.due_from) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let hi = match (self.due_through, other.due_through) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match (lo, hi) {
            (Some(l), Some(h)) => l <= h,
            _ => true,
        }
    }
}

/// The entry of a rate series for interest accruing on `accrual` on an amount falling due (or a
/// judgment rendered) on `due`, or an error naming `rule`.
pub fn rate_at<'a>(
    series: &'a [InterestRate],
    rule: &str,
    accrual: Date,
    due: Date,
) -> Result<&'a InterestRate, Error> {
    series
        .iter()
        .find(|r| r.admits(due) && r.validity.covers(accrual))
        .ok_or_else(|| {
            let admitted: Vec<InterestRate> =
                series.iter().filter(|r| r.admits(due)).cloned().collect();
            Error::NoRule {
                rule: rule.to_string(),
                date: accrual,
                covered: format!("{} (for amounts due {due})", super::coverage(&admitted)),
            }
        })
}

/// The days on which a rate of `series` may start or stop (for splitting accrual spans).
pub fn rate_boundaries(series: &[InterestRate]) -> Vec<Date> {
    let mut out = Vec::new();
    for r in series {
        out.push(r.validity.effective_from);
        if let Some(t) = r.validity.effective_through {
            if let Ok(d) = t.add_days(1) {
                out.push(d);
            }
        }
    }
    out
}

/// When an installment starts to bear interest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccrualStart {
    /// On the day it falls due (CCP §685.020(b)).
    DueDate,
    /// On the first day of the month after it falls due (FC §17433.5).
    FirstOfNextMonth,
}

/// How interest is counted over days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DayCount {
    /// rate/12 per whole calendar month; rate/12 x days/days-in-month for part of a month.
    Monthly,
    /// rate x days / 365, leap years included.
    #[serde(rename = "actual_365")]
    Actual365,
}

/// California accrual rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaliforniaAccrual {
    /// When the rules hold.
    #[serde(flatten)]
    pub validity: Validity,
    /// Start of accrual outside IV-D enforcement.
    pub start: AccrualStart,
    /// Start of accrual in IV-D cases (the default for them; overridable).
    pub iv_d_start: AccrualStart,
    /// The default day count.
    pub day_count: DayCount,
}

/// Texas accrual rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TexasAccrual {
    /// When the rules hold.
    #[serde(flatten)]
    pub validity: Validity,
    /// A payment is delinquent if not received within this many days after its due date
    /// (30: delinquent from the 31st day, §157.266(a)).
    pub delinquent_after_days: u32,
    /// Whether interest bears only on the delinquent amount above one month's obligation.
    pub exclude_one_month: bool,
    /// The default day count.
    pub day_count: DayCount,
}

/// A tier of a statutory crediting order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Installments due in the calendar month of the payment.
    Current,
    /// Texas: support past due but not yet delinquent (within 30 days).
    NonDelinquent,
    /// All unpaid past-due principal, oldest installment first (California).
    Principal,
    /// Texas: principal not confirmed and reduced to money judgment, oldest first.
    UnconfirmedPrincipal,
    /// Texas: the unpaid balance of judgments (confirmed arrears with their capitalised
    /// interest), oldest first.
    ConfirmedPrincipal,
    /// Accrued interest.
    Interest,
    /// Ordered fees and costs.
    Fees,
}

impl Tier {
    /// The name used in data and results.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Current => "current",
            Tier::NonDelinquent => "non_delinquent",
            Tier::Principal => "principal",
            Tier::UnconfirmedPrincipal => "unconfirmed_principal",
            Tier::ConfirmedPrincipal => "confirmed_principal",
            Tier::Interest => "interest",
            Tier::Fees => "fees",
        }
    }
}

/// A statutory crediting order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditingOrder {
    /// When the order holds (by the date the payment is received).
    #[serde(flatten)]
    pub validity: Validity,
    /// The tiers, first paid first.
    pub order: Vec<Tier>,
}

/// Texas §158.003 additional withholding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TexasWithholding {
    /// When the rule holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// The months within which the arrears must be discharged (24).
    pub months: u32,
    /// The fraction of current support added (0.20).
    #[serde(with = "crate::money::exact")]
    pub current_fraction: Decimal,
}

/// A limit on total withholding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithholdingLimit {
    /// When the limit holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// The largest fraction of disposable earnings withheld (0.50).
    #[serde(with = "crate::money::exact")]
    pub max_fraction_of_disposable: Decimal,
}

dated!(
    InterestRate,
    CaliforniaAccrual,
    TexasAccrual,
    CreditingOrder,
    TexasWithholding,
    WithholdingLimit
);

/// A rate series: each entry's dates in order; entries whose due ranges overlap have the same
/// due range and accrual dates that do not overlap (so at most one rate applies to an amount on
/// a day).
fn check_rates(series: &[InterestRate], name: &str) -> Result<(), Error> {
    for (i, r) in series.iter().enumerate() {
        super::check_citation(&r.validity, || format!("{name}[{i}]"))?;
        if r.rate < Decimal::ZERO || r.rate > Decimal::ONE {
            return Err(Error::rules(
                format!("{name}[{i}].rate"),
                "must be a yearly rate from 0 to 1 (0.10 for 10%)",
            ));
        }
        let v = &r.validity;
        if v.effective_through.is_some_and(|t| t < v.effective_from) {
            return Err(Error::rules(
                format!("{name}[{i}]"),
                "effective_through is before effective_from",
            ));
        }
        if let (Some(f), Some(t)) = (r.due_from, r.due_through) {
            if t < f {
                return Err(Error::rules(
                    format!("{name}[{i}].due_through"),
                    "is before due_from",
                ));
            }
        }
        for (j, q) in series[..i].iter().enumerate() {
            if !r.due_ranges_overlap(q) {
                continue;
            }
            if !r.same_due_range(q) {
                return Err(Error::rules(
                    format!("{name}[{i}]"),
                    format!("its due_from/due_through overlap those of {name}[{j}] without being the same range"),
                ));
            }
            let w = &q.validity;
            let overlap = w.effective_through.is_none_or(|t| v.effective_from <= t)
                && v.effective_through.is_none_or(|t| w.effective_from <= t);
            if overlap {
                return Err(Error::rules(
                    format!("{name}[{i}]"),
                    format!("its dates overlap those of {name}[{j}] for the same amounts"),
                ));
            }
        }
    }
    Ok(())
}

fn check_order(series: &[CreditingOrder], name: &str, allowed: &[Tier]) -> Result<(), Error> {
    for (i, c) in series.iter().enumerate() {
        let at = format!("{name}[{i}].order");
        if c.order.first() != Some(&Tier::Current) {
            return Err(Error::rules(at, "must start with current support"));
        }
        for (j, t) in c.order.iter().enumerate() {
            if !allowed.contains(t) {
                return Err(Error::rules(
                    format!("{at}[{j}]"),
                    format!(
                        "{} is not a tier of this state; the tiers are {}",
                        t.as_str(),
                        allowed
                            .iter()
                            .map(|t| t.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            if c.order[..j].contains(t) {
                return Err(Error::rules(
                    format!("{at}[{j}]"),
                    format!("{} appears twice", t.as_str()),
                ));
            }
        }
        for t in allowed {
            if !c.order.contains(t) {
                return Err(Error::rules(
                    at.clone(),
                    format!("is missing the tier {}", t.as_str()),
                ));
            }
        }
    }
    Ok(())
}

/// The California crediting tiers.
pub const CALIFORNIA_TIERS: &[Tier] = &[Tier::Current, Tier::Principal, Tier::Interest, Tier::Fees];

/// The Texas crediting tiers.
pub const TEXAS_TIERS: &[Tier] = &[
    Tier::Current,
    Tier::NonDelinquent,
    Tier::UnconfirmedPrincipal,
    Tier::ConfirmedPrincipal,
    Tier::Interest,
    Tier::Fees,
];

impl ArrearsRules {
    /// Checks each series and the shape of each entry.
    pub fn validate(&self) -> Result<(), Error> {
        validate_series(&self.california_accrual, "arrears.california_accrual")?;
        validate_series(&self.california_crediting, "arrears.california_crediting")?;
        validate_series(&self.texas_accrual, "arrears.texas_accrual")?;
        validate_series(&self.texas_crediting, "arrears.texas_crediting")?;
        validate_series(&self.texas_withholding, "arrears.texas_withholding")?;
        validate_series(
            &self.texas_withholding_limit,
            "arrears.texas_withholding_limit",
        )?;
        check_rates(&self.california_interest, "arrears.california_interest")?;
        check_rates(&self.texas_interest, "arrears.texas_interest")?;
        check_order(
            &self.california_crediting,
            "arrears.california_crediting",
            CALIFORNIA_TIERS,
        )?;
        check_order(
            &self.texas_crediting,
            "arrears.texas_crediting",
            TEXAS_TIERS,
        )?;
        for (i, a) in self.texas_accrual.iter().enumerate() {
            if a.delinquent_after_days > 366 {
                return Err(Error::rules(
                    format!("arrears.texas_accrual[{i}].delinquent_after_days"),
                    "must be at most 366",
                ));
            }
        }
        for (i, w) in self.texas_withholding.iter().enumerate() {
            if w.months == 0 || w.months > 600 {
                return Err(Error::rules(
                    format!("arrears.texas_withholding[{i}].months"),
                    "must be from 1 to 600",
                ));
            }
            if w.current_fraction < Decimal::ZERO || w.current_fraction > Decimal::ONE {
                return Err(Error::rules(
                    format!("arrears.texas_withholding[{i}].current_fraction"),
                    "must be a fraction from 0 to 1",
                ));
            }
        }
        for (i, w) in self.texas_withholding_limit.iter().enumerate() {
            if w.max_fraction_of_disposable <= Decimal::ZERO
                || w.max_fraction_of_disposable > Decimal::ONE
            {
                return Err(Error::rules(
                    format!("arrears.texas_withholding_limit[{i}].max_fraction_of_disposable"),
                    "must be a fraction above 0 and at most 1",
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::error::Error;
    use crate::rules::Rules;

    #[test]
    fn embedded_arrears_rules_hold_the_spec_numbers() {
        let a = &Rules::embedded().arrears;
        assert_eq!(a.california_interest[0].rate.to_string(), "0.10");
        assert_eq!(a.texas_interest[0].rate.to_string(), "0.06");
        assert!(a
            .texas_interest
            .last()
            .unwrap()
            .validity
            .effective_through
            .is_none());
    }

    #[test]
    fn a_crediting_order_missing_a_tier_is_rejected() {
        let doc = r#"
            [[arrears.texas_crediting]]
            effective_from = "2010-01-01"
            order = ["current", "interest"]
            citation = "x"
            status = "UNVERIFIED"
        "#;
        let err = Rules::from_toml_str(doc).unwrap_err();
        assert!(matches!(err, Error::Rules { .. }), "{err}");
        assert_eq!(err.field(), Some("arrears.texas_crediting[0].order"));
    }

    #[test]
    fn a_county_can_load_a_later_texas_rate() {
        let doc = r#"
            [[arrears.texas_interest]]
            effective_from = "2002-01-01"
            effective_through = "2025-12-31"
            rate = "0.06"
            citation = "Tex. Fam. Code §157.265"
            status = "VERIFIED"
            [[arrears.texas_interest]]
            effective_from = "2026-01-01"
            rate = "0.075"
            citation = "county-loaded post-judgment rate"
            status = "UNVERIFIED"
        "#;
        let rules = Rules::from_toml_str(doc).unwrap();
        assert_eq!(rules.arrears.texas_interest.len(), 2);
    }

    /// Texas H.B. 4213 (UNVERIFIED as enacted) written as an alternative rule set: 6% for
    /// support due before 2026 for as long as it accrues, and a published index rate per period
    /// for support due from 2026-01-01.
    pub(crate) const HB_4213: &str = r#"
        [[arrears.texas_interest]]
        effective_from = "2002-01-01"
        due_through = "2025-12-31"
        rate = "0.06"
        citation = "Tex. Fam. Code §157.265 (support due before 2026)"
        status = "VERIFIED"
        [[arrears.texas_interest]]
        effective_from = "2026-01-01"
        effective_through = "2026-06-30"
        due_from = "2026-01-01"
        rate = "0.075"
        citation = "H.B. 4213 (89th Leg.): Fin. Code §304.003 rate published for the period (illustrative)"
        status = "UNVERIFIED"
        [[arrears.texas_interest]]
        effective_from = "2026-07-01"
        due_from = "2026-01-01"
        rate = "0.0725"
        citation = "H.B. 4213 (89th Leg.): Fin. Code §304.003 rate published for the period (illustrative)"
        status = "UNVERIFIED"
    "#;

    #[test]
    fn hb_4213_can_be_written_as_an_alternative_rule_set() {
        use crate::date::Date;
        let rules = Rules::from_toml_str(HB_4213).unwrap();
        let s = &rules.arrears.texas_interest;
        let d = |t: &str| t.parse::<Date>().unwrap();
        let at = |a: &str, due: &str| {
            super::rate_at(s, "arrears.texas_interest", d(a), d(due))
                .unwrap()
                .rate
                .to_string()
        };
        // Support due in 2025 keeps 6% while it accrues in 2026; support due in 2026 takes the
        // index rate of the period in which its interest accrues.
        assert_eq!(at("2026-03-01", "2025-12-01"), "0.06");
        assert_eq!(at("2026-03-01", "2026-01-01"), "0.075");
        assert_eq!(at("2026-08-01", "2026-01-01"), "0.0725");
        // The default has one open-ended rate for every due date.
        let e = &Rules::embedded().arrears.texas_interest;
        assert_eq!(
            super::rate_at(
                e,
                "arrears.texas_interest",
                d("2026-08-01"),
                d("2026-01-01")
            )
            .unwrap()
            .rate
            .to_string(),
            "0.06"
        );
    }

    #[test]
    fn overlapping_rates_for_the_same_amounts_are_rejected() {
        let doc = r#"
            [[arrears.california_interest]]
            effective_from = "1983-07-01"
            rate = "0.10"
            citation = "x"
            status = "VERIFIED"
            [[arrears.california_interest]]
            effective_from = "2020-01-01"
            due_from = "2020-01-01"
            rate = "0.05"
            citation = "y"
            status = "UNVERIFIED"
        "#;
        let err = Rules::from_toml_str(doc).unwrap_err();
        assert_eq!(err.field(), Some("arrears.california_interest[1]"));
        assert!(
            err.to_string().contains("without being the same range"),
            "{err}"
        );
        let doc = r#"
            [[arrears.california_interest]]
            effective_from = "1983-07-01"
            rate = "0.10"
            citation = "x"
            status = "VERIFIED"
            [[arrears.california_interest]]
            effective_from = "2020-01-01"
            rate = "0.05"
            citation = "y"
            status = "UNVERIFIED"
        "#;
        let err = Rules::from_toml_str(doc).unwrap_err();
        assert_eq!(err.field(), Some("arrears.california_interest[1]"));
        assert!(err.to_string().contains("its dates overlap"), "{err}");
    }

    #[test]
    fn texas_accrual_and_withholding_limits_hold_on_their_edges() {
        let load = |doc: String| {
            Rules::from_toml_str(&doc)
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        let accrual = |days: u32| {
            format!("[[arrears.texas_accrual]]\neffective_from = \"2002-01-01\"\ndelinquent_after_days = {days}\nexclude_one_month = true\nday_count = \"actual_365\"\ncitation = \"Tex. Fam. Code §157.266(a)\"\nstatus = \"DERIVED\"\n")
        };
        load(accrual(366)).unwrap();
        assert!(load(accrual(367))
            .unwrap_err()
            .contains("delinquent_after_days"));
        let withholding = |months: u32, fraction: &str| {
            format!("[[arrears.texas_withholding]]\neffective_from = \"2002-01-01\"\nmonths = {months}\ncurrent_fraction = \"{fraction}\"\ncitation = \"Tex. Fam. Code §158.003(b)\"\nstatus = \"VERIFIED\"\n")
        };
        for (months, fraction) in [(1, "0"), (600, "1")] {
            load(withholding(months, fraction)).unwrap();
        }
        for (months, fraction, field) in [
            (0, "0.20", "months"),
            (601, "0.20", "months"),
            (24, "-0.01", "current_fraction"),
            (24, "1.01", "current_fraction"),
        ] {
            let e = load(withholding(months, fraction)).unwrap_err();
            assert!(
                e.contains(&format!("arrears.texas_withholding[0].{field}")),
                "{e}"
            );
        }
        let limit = |fraction: &str| {
            format!("[[arrears.texas_withholding_limit]]\neffective_from = \"2002-01-01\"\nmax_fraction_of_disposable = \"{fraction}\"\ncitation = \"Tex. Fam. Code §158.009\"\nstatus = \"CORROBORATED\"\n")
        };
        for ok in ["0.01", "1"] {
            load(limit(ok)).unwrap();
        }
        for bad in ["0", "1.01"] {
            let e = load(limit(bad)).unwrap_err();
            assert!(e.contains("max_fraction_of_disposable"), "{e}");
        }
    }

    #[test]
    fn rates_for_the_same_amounts_may_be_listed_in_any_order_when_their_dates_do_not_meet() {
        let doc = r#"
            [[arrears.california_interest]]
            effective_from = "2020-01-01"
            rate = "0.05"
            citation = "y"
            status = "UNVERIFIED"
            [[arrears.california_interest]]
            effective_from = "1983-07-01"
            effective_through = "2019-12-31"
            rate = "0.10"
            citation = "CCP §685.010"
            status = "VERIFIED"
        "#;
        Rules::from_toml_str(doc).unwrap();
    }

    #[test]
    fn a_rate_is_from_0_to_1_and_its_dates_and_due_range_in_order() {
        let rate = |rate: &str, from: &str, through: &str, due: &str| {
            format!(
                "[[arrears.california_interest]]\neffective_from = \"{from}\"\n{through}rate = \"{rate}\"\n{due}citation = \"CCP §685.010\"\nstatus = \"VERIFIED\"\n"
            )
        };
        let load = |doc: String| {
            Rules::from_toml_str(&doc)
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        // The edges: 0 and 1, a one-day entry followed by an open one, a one-day due range.
        load(rate("0", "1983-07-01", "", "")).unwrap();
        load(rate("1", "1983-07-01", "", "")).unwrap();
        load(
            rate(
                "0.10",
                "1983-07-01",
                "effective_through = \"1983-07-01\"\n",
                "",
            ) + &rate("0.10", "1983-07-02", "", ""),
        )
        .unwrap();
        load(rate(
            "0.10",
            "1983-07-01",
            "",
            "due_from = \"2020-01-01\"\ndue_through = \"2020-01-01\"\n",
        ))
        .unwrap();
        // Outside them.
        for bad in ["-0.01", "1.01"] {
            let e = load(rate(bad, "1983-07-01", "", "")).unwrap_err();
            assert!(e.contains("arrears.california_interest[0].rate"), "{e}");
        }
        let e = load(rate(
            "0.10",
            "1983-07-02",
            "effective_through = \"1983-07-01\"\n",
            "",
        ))
        .unwrap_err();
        assert!(
            e.contains("effective_through is before effective_from"),
            "{e}"
        );
        let e = load(rate(
            "0.10",
            "1983-07-01",
            "",
            "due_from = \"2020-01-02\"\ndue_through = \"2020-01-01\"\n",
        ))
        .unwrap_err();
        assert!(e.contains("due_through"), "{e}");
    }
}
