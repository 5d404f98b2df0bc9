//! IV-D distribution: who keeps each cent of a collection once it is on a case: the family, the
//! State, the Federal Government (42 U.S.C. 657; 45 CFR 302.51, 302.52).
//!
//! A case carries its assistance history (periods of assistance, the unreimbursed assistance
//! balance URA, and the arrears categories PA, TA, CA, UA, UP and NA as balances), the current
//! support due per month, and the month and year accumulators the law keys on (the pass-through
//! paid in a month, the support collected in a federal fiscal year for the annual fee). A
//! [`DistributionInput`] replays a list of events on one case (collections, releases of held
//! collections, reversals of dishonored payments, the custodial parent's consent to recovery)
//! and returns, for each collection, every cent's path (collection, category, payee) with its
//! citation, the totals by payee, and the case after.
//!
//! - **Order**: current support for the month of collection first (45 CFR 302.51(a)(1)), then
//!   arrears in the order the family's status and the State's election give (PRWORA or DRA
//!   family-first, 42 U.S.C. 657(a)(2)(B), 654(34)); a federal tax refund offset follows its own
//!   order (45 CFR 302.51(a)(3), 303.72(h)); anything left is held as future support (302.51(b))
//!   or, from a tax offset, refunded to the obligor (303.72(h)(4)).
//! - **Retention**: what is applied to assigned support is retained up to the URA (657(a)(3)),
//!   after the pass-through to a family on assistance up to the State's monthly amount
//!   (657(a)(6)(B)); the federal share is the retained amount times the FMAP of the federal fiscal
//!   year of distribution (657(c)(2)), rounded half away from zero once per collection, the State
//!   share the remainder (library reading R-DI-2).
//! - **Never assistance**: the annual fee after the year's threshold (654(6)(B)(ii)).
//! - **Reversals** restore what a collection moved; what was paid to the family becomes an
//!   overpayment receivable, recovered from later collections only with recorded consent at the
//!   State's rates (PIQ-02-01).
//! - **Holds** keep the date of collection (library reading R-DI-4).
//!
//! The State's elections are the caller's dated policy ([`Election`]); the federal ceilings,
//! the fee, the deadlines and the enforcement thresholds are rules data
//! ([`crate::rules::DistributionRules`]). FMAP values are the caller's, per federal fiscal year.
//!
//! JSON (`iv_d_distribution`):
//!
//! ```json
//! {"case": {"id": "A-1", "children": 1, "assistance": [],
//!           "arrears": {"NA": "1200.00"},
//!           "current_support": [{"month": "2025-03-01", "due": "500.00"}]},
//!  "policy": [{"effective_from": "2000-01-01", "former_assistance_order": "prwora"}],
//!  "events": [{"type": "collection", "id": "c1", "amount": "650.00",
//!              "source": "income_withholding", "receipt_date": "2025-03-10"}]}
//! ```

mod day;
mod engine;
mod lean;
mod thresholds;

#[cfg(test)]
mod tests;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::money::Money;

pub use day::{distribute_day, AgencyTotals, DayInput, DayResult};
pub use engine::{distribute_events, exit_reclassify};
pub use lean::Distributor;
pub use thresholds::{enforcement_thresholds, ThresholdInput, ThresholdResult};

/// An arrears category (the six PRWORA-era categories, 45 CFR 302.51; OCSE-AT-97-17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Category {
    /// Permanently assigned: accrued during assistance, assigned up to the URA.
    #[serde(rename = "PA")]
    Pa,
    /// Temporarily assigned: owed before assistance, assigned while the family receives it.
    #[serde(rename = "TA")]
    Ta,
    /// Conditionally assigned: temporarily assigned arrears left when assistance ended.
    #[serde(rename = "CA")]
    Ca,
    /// Unassigned during-assistance arrears (above the URA at exit).
    #[serde(rename = "UA")]
    Ua,
    /// Unassigned pre-assistance arrears.
    #[serde(rename = "UP")]
    Up,
    /// Never-assigned arrears.
    #[serde(rename = "NA")]
    Na,
}

impl Category {
    /// The code (`PA`).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Pa => "PA",
            Category::Ta => "TA",
            Category::Ca => "CA",
            Category::Ua => "UA",
            Category::Up => "UP",
            Category::Na => "NA",
        }
    }
}

/// The arrears of a case by category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Arrears {
    /// Permanently assigned.
    #[serde(rename = "PA", default)]
    pub pa: Money,
    /// Temporarily assigned.
    #[serde(rename = "TA", default)]
    pub ta: Money,
    /// Conditionally assigned.
    #[serde(rename = "CA", default)]
    pub ca: Money,
    /// Unassigned during-assistance.
    #[serde(rename = "UA", default)]
    pub ua: Money,
    /// Unassigned pre-assistance.
    #[serde(rename = "UP", default)]
    pub up: Money,
    /// Never assigned.
    #[serde(rename = "NA", default)]
    pub na: Money,
}

impl Arrears {
    /// The balance of `category`.
    pub fn get(&self, category: Category) -> Money {
        match category {
            Category::Pa => self.pa,
            Category::Ta => self.ta,
            Category::Ca => self.ca,
            Category::Ua => self.ua,
            Category::Up => self.up,
            Category::Na => self.na,
        }
    }

    /// The balance of `category`, to change.
    pub fn get_mut(&mut self, category: Category) -> &mut Money {
        match category {
            Category::Pa => &mut self.pa,
            Category::Ta => &mut self.ta,
            Category::Ca => &mut self.ca,
            Category::Ua => &mut self.ua,
            Category::Up => &mut self.up,
            Category::Na => &mut self.na,
        }
    }

    /// Every category with its balance, in code order.
    pub fn iter(&self) -> impl Iterator<Item = (Category, Money)> + '_ {
        ALL_CATEGORIES.iter().map(|&c| (c, self.get(c)))
    }

    /// Assigned arrears (PA, TA, CA).
    pub fn assigned(&self) -> Money {
        self.pa + self.ta + self.ca
    }

    /// Arrears owed to the family (UA, UP, NA).
    pub fn unassigned(&self) -> Money {
        self.ua + self.up + self.na
    }
}

/// The categories in code order.
pub const ALL_CATEGORIES: [Category; 6] = [
    Category::Pa,
    Category::Ta,
    Category::Ca,
    Category::Ua,
    Category::Up,
    Category::Na,
];

/// The family's status on the date of collection (42 U.S.C. 657(a)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// Never received assistance (657(a)(4)).
    NeverAssistance,
    /// Receiving assistance (657(a)(1)).
    CurrentAssistance,
    /// Formerly received assistance (657(a)(2)).
    FormerAssistance,
    /// A child for whom title IV-E foster care maintenance is paid (42 U.S.C. 657(e); 45 CFR
    /// 302.52(b)).
    FosterCare,
}

/// A period of assistance (TANF or former AFDC, or IV-E foster care), both days inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AssistancePeriod {
    /// The first day of assistance.
    pub start: Date,
    /// The last day (absent: still receiving it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
}

/// Current support for one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MonthSupport {
    /// The month (its first day).
    pub month: Date,
    /// Current support due for the month (42 U.S.C. 657(c)(5)).
    pub due: Money,
    /// What collections have already paid on it.
    #[serde(default)]
    pub paid: Money,
}

/// An amount for a month (the pass-through already paid in it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MonthAmount {
    /// The month (its first day).
    pub month: Date,
    /// The amount.
    pub amount: Money,
}

/// Support collected and disbursed to the family in a federal fiscal year, and the annual fee
/// retained in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FeeYear {
    /// The federal fiscal year (2025 runs 2024-10-01 to 2025-09-30).
    pub ffy: i32,
    /// Support collected and disbursed to the family in the year.
    #[serde(default)]
    pub collected: Money,
    /// The annual fee retained in the year.
    #[serde(default)]
    pub fee: Money,
}

/// One case's state: its history, balances and accumulators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CaseState {
    /// The case's stable identifier.
    pub id: String,
    /// Children in the assistance unit (one, or two or more, for the pass-through ceiling).
    #[serde(default)]
    pub children: u32,
    /// Periods of assistance, in date order, not overlapping.
    #[serde(default)]
    pub assistance: Vec<AssistancePeriod>,
    /// Unreimbursed assistance.
    #[serde(default)]
    pub ura: Money,
    /// Arrears by category.
    #[serde(default)]
    pub arrears: Arrears,
    /// Current support due by month.
    #[serde(default)]
    pub current_support: Vec<MonthSupport>,
    /// Pass-through already paid by month.
    #[serde(default)]
    pub pass_through_paid: Vec<MonthAmount>,
    /// Annual-fee accumulators by federal fiscal year.
    #[serde(default)]
    pub fee_years: Vec<FeeYear>,
    /// Overpayments the custodial parent owes back (a reversed payment already paid out).
    #[serde(default)]
    pub overpayment_receivable: Money,
    /// Whether the custodial parent has consented in writing to recovery from later collections.
    #[serde(default)]
    pub recovery_consent: bool,
    /// The managing agency (county) of the case, for the day's totals by agency.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub agency: String,
    /// Periods in which the family's medical support rights are assigned to the State under 42
    /// CFR 433.146 (Medicaid), both days inclusive.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub medicaid: Vec<AssistancePeriod>,
    /// The specific dollar amount the order designates for medical purposes, by month (45 CFR
    /// 302.50(e)); nothing else is medical support.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub medical_support: Vec<MonthSupport>,
    /// Unpaid specific-dollar medical support accrued under the assignment to Medicaid (it stays
    /// assigned after Medicaid ends, 45 CFR 302.51(c)(2)).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub medical_arrears: Money,
    /// Periods in which title IV-E foster care maintenance is paid for the child (the
    /// assignment under 42 U.S.C. 671(a)(17) in effect), both days inclusive.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foster_care: Vec<AssistancePeriod>,
    /// The IV-E foster care maintenance payment of each month.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foster_care_maintenance: Vec<MonthAmount>,
}

/// The order of arrears in a former-assistance case (42 U.S.C. 654(34), 657(a)(2)(B)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FormerOrder {
    /// Former 657(a)(2)(B) (PRWORA): NA, UP, CA to the family, PA to the State, then UA; a tax
    /// offset pays PA and CA first.
    Prwora,
    /// DRA family-first: all arrears owed to the family first, tax offsets included.
    FamilyFirst,
}

/// The order of assigned arrears in a current-assistance case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AssignedOrder {
    /// PA, then TA (WAC 388-14A-5003).
    #[default]
    PaFirst,
    /// TA, then PA (Arizona R6-7-704 to 2002).
    TaFirst,
}

/// How the never-assistance annual fee is collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FeeCollection {
    /// Retained from support collected for the family (45 CFR 302.51(a)(5)(i)).
    #[default]
    RetainedFromFamily,
    /// Not taken from collections (charged to the obligor or paid by the State).
    NotRetained,
}

/// The State's monthly pass-through (the excepted portion, 42 U.S.C. 657(a)(6)(B)), disregarded
/// in determining assistance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PassThrough {
    /// A family with one child (at most the federal ceiling, $100).
    pub one_child: Money,
    /// A family with two or more children (at most the federal ceiling, $200).
    pub two_or_more_children: Money,
}

/// Recovery rates of an overpayment from later collections, with consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Recovery {
    /// The fraction of the family's current support recovered (0.25).
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub current: Decimal,
    /// The fraction of the family's arrears payments recovered (1).
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub arrears: Decimal,
}

/// A State's distribution elections, for the dates they hold (both inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Election {
    /// The first date of collection the elections govern.
    pub effective_from: Date,
    /// The last (absent: until changed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_through: Option<Date>,
    /// PRWORA or DRA family-first, for former-assistance families.
    pub former_assistance_order: FormerOrder,
    /// Whether a federal tax refund offset may pay current support (only with family-first,
    /// 45 CFR 303.72(h)(3)(ii)).
    #[serde(default)]
    pub tax_offset_pays_current: bool,
    /// Whether pre-assistance assignments (TA/CA) are discontinued (42 U.S.C. 657(b)(2)): such
    /// arrears are distributed as never assigned (UP).
    #[serde(default)]
    pub discontinue_pre_assistance_assignment: bool,
    /// The order of PA and TA in a current-assistance case.
    #[serde(default)]
    pub current_assistance_order: AssignedOrder,
    /// The monthly pass-through to a family on assistance (absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_through: Option<PassThrough>,
    /// Whether a withholding's date is its date of collection (45 CFR 302.51(a)(4)(ii)).
    #[serde(default)]
    pub withholding_date_is_collection_date: bool,
    /// How the annual fee is collected.
    #[serde(default)]
    pub annual_fee: FeeCollection,
    /// Recovery rates of overpayments (absent: no recovery from collections).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery: Option<Recovery>,
    /// Where the order's specific dollar amount for medical purposes comes among the month's
    /// current support and among the arrears (library reading R-DI-7).
    #[serde(default)]
    pub medical_support_order: MedicalOrder,
    /// Whether amounts collected for a family that formerly received assistance and applied to
    /// assigned support are paid to the family instead of retained (42 U.S.C. 657(a)(6)(A);
    /// library reading R-DI-9).
    #[serde(default)]
    pub former_assistance_pass_through: bool,
    /// The State's period after which a held collection whose payee cannot be found is
    /// undistributable (its unclaimed-property law; absent: none reported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unclaimed_after: Option<UnclaimedPeriod>,
    /// The State's source for the elections (its plan page, regulation or policy manual).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub citation: String,
}

/// Where specific-dollar medical support comes in the order (library reading R-DI-7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MedicalOrder {
    /// The month's medical support after its child support, medical arrears after the child
    /// support arrears (Neb. 466 NAC 11-002).
    #[default]
    AfterChildSupport,
    /// The month's medical support before its child support, medical arrears before the child
    /// support arrears.
    BeforeChildSupport,
}

/// The period of a State's unclaimed-property law after which a collection whose payee cannot
/// be found is undistributable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct UnclaimedPeriod {
    /// Months from receipt.
    pub months: u32,
    /// The State law that sets it.
    pub citation: String,
}

/// The FMAP of a federal fiscal year (42 U.S.C. 657(c)(3)), caller data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Fmap {
    /// The federal fiscal year.
    pub ffy: i32,
    /// The FMAP (0.60 for 60%).
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub rate: Decimal,
}

/// Where a collection came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Source {
    /// Income withholding by an employer.
    IncomeWithholding,
    /// A payment by the obligor.
    Voluntary,
    /// Federal income tax refund offset.
    FederalTaxOffset,
    /// State income tax refund offset (distributed as other collections, 45 CFR 303.102(g)).
    StateTaxOffset,
    /// Any other source.
    Other,
}

/// Why a collection is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum HoldReason {
    /// A joint-return tax offset, up to six months from notification (45 CFR 303.72(h)(5)).
    JointReturn,
    /// The payee is not identified (42 U.S.C. 654b(c)(1)).
    UnidentifiedPayee,
    /// A timely appeal of the arrears (654b(c)(2)).
    ArrearsAppeal,
    /// A post-offset appeal (45 CFR 302.32(b)(3)(ii)).
    TaxOffsetAppeal,
    /// Another reason the State records.
    Other,
}

/// A hold placed on a collection when it arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Hold {
    /// Why.
    pub reason: HoldReason,
    /// For a joint return: the date of notification of the offset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notified: Option<Date>,
}

/// A collection on the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Collection {
    /// The payment's identifier (unique on the case).
    pub id: String,
    /// The amount.
    pub amount: Money,
    /// Where it came from.
    pub source: Source,
    /// Received by the State disbursement unit.
    pub receipt_date: Date,
    /// For income withholding: the date the employer withheld it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withholding_date: Option<Date>,
    /// The date it is distributed (absent: the date of collection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution_date: Option<Date>,
    /// A hold placed on arrival.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold: Option<Hold>,
    /// The case it is posted to (required in a day's distribution; on one case, its `id` if
    /// given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
}

/// An event on the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Event {
    /// A collection.
    Collection(Collection),
    /// A held collection released for distribution on `date` (its date of collection kept).
    Release {
        /// The held collection.
        collection_id: String,
        /// The date of release (the date of distribution).
        date: Date,
    },
    /// A dishonored payment: its distribution reversed.
    Reversal {
        /// The collection reversed.
        collection_id: String,
        /// The date of the reversal.
        date: Date,
        /// Whether the family's share had already been paid out (then it is an overpayment).
        #[serde(default = "yes")]
        disbursed: bool,
    },
    /// The custodial parent's written consent to recovery (or its withdrawal).
    Consent {
        /// The date recorded.
        date: Date,
        /// Given (true) or withdrawn (false).
        given: bool,
        /// The case (required in a day's distribution).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        case: Option<String>,
    },
    /// A misallocated collection moved to another case (a day's distribution only): reversed on
    /// the case it was posted to and distributed on `to_case` with its date of collection.
    Move {
        /// The collection moved.
        collection_id: String,
        /// The case it belongs on.
        to_case: String,
        /// The date of the move (the date of distribution on `to_case`).
        date: Date,
        /// Why it is moved (recorded on both cases).
        reason: String,
        /// Whether the first case's family share had already been paid out (then it is an
        /// overpayment receivable there).
        #[serde(default = "yes")]
        disbursed: bool,
    },
}

fn is_zero(m: &Money) -> bool {
    m.is_zero()
}

fn yes() -> bool {
    true
}

impl Event {
    /// The date the event takes effect.
    pub fn date(&self) -> Date {
        match self {
            Event::Collection(c) => c.receipt_date,
            Event::Release { date, .. }
            | Event::Reversal { date, .. }
            | Event::Consent { date, .. }
            | Event::Move { date, .. } => *date,
        }
    }
}

/// The input of `iv_d_distribution`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DistributionInput {
    /// The case before the events.
    pub case: CaseState,
    /// The State's elections, dated.
    pub policy: Vec<Election>,
    /// FMAP by federal fiscal year.
    #[serde(default)]
    pub fmap: Vec<Fmap>,
    /// Days the State's offices are closed besides Saturdays and Sundays.
    #[serde(default)]
    pub holidays: Vec<Date>,
    /// The events, in any order: they are taken by date, then consents, collections (by
    /// identifier), releases and reversals.
    pub events: Vec<Event>,
    /// The date as of which held collections past the State's unclaimed period are reported
    /// undistributable (absent: none reported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
}

/// Who receives (or holds) a part of a collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Payee {
    /// The family (42 U.S.C. 657(a); 45 CFR 302.38).
    Family,
    /// The State's share of retained support.
    State,
    /// The Federal share of retained support.
    Federal,
    /// The annual fee retained by the State.
    Fee,
    /// Recovery of the custodial parent's overpayment.
    Recovery,
    /// Held (future support, or a hold).
    Held,
    /// Refunded to the obligor (a tax offset above what is owed).
    Refund,
    /// The Medicaid agency (assigned medical support, 45 CFR 302.51(c)).
    Medicaid,
    /// The agency responsible for the child's placement and care (IV-E foster care, 45 CFR
    /// 302.52(b)(2), (4)).
    IvEAgency,
}

/// What a part of a collection paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Applied {
    /// Current support for the month of collection.
    Current,
    /// Arrears of a category.
    Arrears(Category),
    /// Future support (45 CFR 302.51(b)).
    Futures,
    /// Nothing owed (a tax offset's excess).
    Excess,
    /// The whole collection, held.
    Hold,
    /// The order's specific dollar amount for medical purposes for the month of collection.
    MedicalCurrent,
    /// Unpaid specific-dollar medical support assigned to Medicaid.
    MedicalArrears,
}

/// One part of a collection: what it paid, who receives it, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Path {
    /// What it paid.
    pub applied: Applied,
    /// Who receives it.
    pub payee: Payee,
    /// The amount.
    pub amount: Money,
    /// The law (or library reading) that sends it there.
    pub citation: &'static str,
    /// For the family: the last day to disburse it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disburse_by: Option<Date>,
}

/// Amounts by payee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Totals {
    /// To the family.
    pub family: Money,
    /// State share.
    pub state: Money,
    /// Federal share.
    pub federal: Money,
    /// Annual fee.
    pub fee: Money,
    /// Recovered overpayment.
    pub recovered: Money,
    /// Held.
    pub held: Money,
    /// Refunded to the obligor.
    pub refund: Money,
    /// To the Medicaid agency.
    pub medicaid: Money,
    /// To the IV-E agency.
    pub iv_e_agency: Money,
}

impl Totals {
    /// Everything accounted for.
    pub fn sum(&self) -> Money {
        self.family
            + self.state
            + self.federal
            + self.fee
            + self.recovered
            + self.held
            + self.refund
            + self.medicaid
            + self.iv_e_agency
    }

    fn add_path(&mut self, payee: Payee, amount: Money) {
        let slot = match payee {
            Payee::Family => &mut self.family,
            Payee::State => &mut self.state,
            Payee::Federal => &mut self.federal,
            Payee::Fee => &mut self.fee,
            Payee::Recovery => &mut self.recovered,
            Payee::Held => &mut self.held,
            Payee::Refund => &mut self.refund,
            Payee::Medicaid => &mut self.medicaid,
            Payee::IvEAgency => &mut self.iv_e_agency,
        };
        *slot = *slot + amount;
    }

    pub(crate) fn add(&mut self, other: &Totals, sign: i64) {
        let f = |a: Money, b: Money| if sign < 0 { a - b } else { a + b };
        self.family = f(self.family, other.family);
        self.state = f(self.state, other.state);
        self.federal = f(self.federal, other.federal);
        self.fee = f(self.fee, other.fee);
        self.recovered = f(self.recovered, other.recovered);
        self.held = f(self.held, other.held);
        self.refund = f(self.refund, other.refund);
        self.medicaid = f(self.medicaid, other.medicaid);
        self.iv_e_agency = f(self.iv_e_agency, other.iv_e_agency);
    }
}

/// A held collection, as the result reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Held {
    /// Why.
    pub reason: HoldReason,
    /// The amount.
    pub amount: Money,
    /// Its date of collection, kept for its distribution.
    pub date_of_collection: Date,
    /// The last day it may be held (a joint return: six months from notification).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release_by: Option<Date>,
}

/// What one event did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct EventResult {
    /// `collection`, `release`, `reversal`, `consent`, or for a move `move_out` (the case it
    /// leaves) and `move_in` (the case it joins).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The collection concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection_id: Option<String>,
    /// The family's status on the date of collection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The date of collection (45 CFR 302.51(a)(4)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_of_collection: Option<Date>,
    /// The date of distribution (its federal fiscal year picks the FMAP).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distribution_date: Option<Date>,
    /// The month whose current support the collection paid first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support_month: Option<Date>,
    /// The FMAP used, if anything was retained.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    pub fmap: Option<Decimal>,
    /// Each part's path.
    pub paths: Vec<Path>,
    /// By payee (negative for a reversal).
    pub totals: Totals,
    /// A hold placed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held: Option<Held>,
    /// The URA after the event.
    pub ura_after: Money,
    /// Overpayment receivable added by a reversal.
    #[serde(skip_serializing_if = "is_zero")]
    pub overpayment_added: Money,
    /// Balances moved between categories, in words with their authority.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// A move's reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// A move's other case (where it went, or where it came from).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked_case: Option<String>,
}

/// A held collection whose payee could not be found past the State's unclaimed period:
/// undistributable, reported as program income.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Undistributable {
    /// The collection.
    pub collection_id: String,
    /// The amount.
    pub amount: Money,
    /// Its date of collection.
    pub date_of_collection: Date,
    /// The first day it is undistributable (receipt plus the State's period).
    pub undistributable_from: Date,
    /// The federal law.
    pub citation: &'static str,
    /// The State law that sets the period.
    pub state_citation: String,
}

/// The result of `iv_d_distribution`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct DistributionResult {
    /// Each event, in the order taken.
    pub events: Vec<EventResult>,
    /// Totals by payee over all events (reversals subtract).
    pub totals: Totals,
    /// The case after the events.
    pub case: CaseState,
    /// Collections still held.
    pub held: Vec<Held>,
    /// Held collections whose payee could not be found past the State's period, as of `as_of`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub undistributable: Vec<Undistributable>,
}
