//! Texas guideline steps (Family Code ch. 154: net resources §§154.061-154.070, percentages and
//! cap §§154.125-154.126, step-downs §154.127, multiple households §§154.128-154.129, findings
//! §154.130, medical and dental support §§154.181-154.1825).
//!
//! A step whose authority is a rules entry (a tax year's parameters, the cap in force, a
//! schedule) carries that entry's citation as well (`record_rule`).

use crate::worksheet::StepDef;

macro_rules! steps {
    ($($name:ident = $key:literal, $label:literal, $citation:literal;)*) => {
        $(
            #[doc = concat!("`", $key, "`: ", $label)]
            pub static $name: StepDef = StepDef { key: $key, label: $label, citation: $citation };
        )*
        /// Every Texas step.
        pub static ALL: &[&StepDef] = &[$(&$name),*];
    };
}

steps! {
    // Net resources (§§154.061-154.070).
    NET_RESOURCES_GIVEN_EXACT = "texas.net_resources_exact", "Monthly net resources as found", "Tex. Fam. Code §154.062 (the court's finding)";
    NET_RESOURCES_GIVEN = "texas.net_resources", "Monthly net resources as found, rounded to cents", "Tex. Fam. Code §§154.062, 154.130(b)(1); rounded half away from zero to cents (library reading R-TX-1)";
    PRESUMED_WAGE = "texas.presumed_wage", "No evidence of resources: federal minimum wage x hours a week x weeks a year, per year", "Tex. Fam. Code §154.068(a)";
    TAX_YEAR = "texas.tax_year", "Tax year of the chart (parameter set)", "Tex. Fam. Code §154.061(b); the calendar year of the calculation date unless another is named (library reading R-TX-2)";
    INCOME_WAGES = "texas.income", "Wages, per year (amount x periods a year)", "Tex. Fam. Code §§154.061(a), 154.062(b)(1)";
    INCOME_SELF_EMPLOYMENT = "texas.income", "Self-employment income, per year (amount x periods a year)", "Tex. Fam. Code §§154.061(a), 154.065(a)";
    INCOME_OTHER = "texas.income", "Other resource, per year (amount x periods a year)", "Tex. Fam. Code §§154.061(a), 154.062(b)(2)-(5)";
    INCOME_NOT_TAXABLE = "texas.income", "Resource not federally taxable, per year (amount x periods a year): outside the income tax base", "Tex. Fam. Code §§154.061(a), 154.062(b), (d)(2) (library reading R-TX-5)";
    ANNUAL_GROSS = "texas.annual_gross", "Annual gross resources", "Tex. Fam. Code §§154.061(a), 154.062(b); a self-employment loss offsets other resources (§154.065(a); library reading R-TX-4)";
    MONTHLY_GROSS = "texas.monthly_gross", "Monthly gross resources (annual / 12, exact)", "Tex. Fam. Code §154.061(a) (library reading R-1)";
    SOCIAL_SECURITY = "texas.social_security", "Social Security taxes: rate x min(annual wages, wage base) / 12, rounded", "Tex. Fam. Code §§154.061(b), 154.062(d)(1); each tax on the annual figure, divided by 12 and rounded (library reading R-TX-1)";
    SOCIAL_SECURITY_WITH_SE = "texas.social_security", "Social Security taxes (wages and self-employment) / 12, rounded", "Tex. Fam. Code §§154.061(b), 154.062(d)(1) (library readings R-TX-1, R-TX-4)";
    SOCIAL_SECURITY_NONE = "texas.social_security", "Social Security taxes on wages: none (the party pays no Social Security taxes)", "Tex. Fam. Code §154.062(d)(1), (d)(6)";
    MEDICARE = "texas.medicare", "Medicare taxes: rate x annual wages / 12, rounded", "Tex. Fam. Code §§154.061(b), 154.062(d)(1) (library reading R-TX-1)";
    MEDICARE_WITH_SE = "texas.medicare", "Medicare taxes (wages and self-employment) / 12, rounded", "Tex. Fam. Code §§154.061(b), 154.062(d)(1) (library readings R-TX-1, R-TX-4)";
    ADDITIONAL_MEDICARE = "texas.additional_medicare", "Additional Medicare tax included: rate x (wages + self-employment base - threshold), per year", "26 U.S.C. §3101(b)(2), included as federal law has it (library reading R-TX-3)";
    TAXABLE_INCOME = "texas.taxable_income", "Taxable income: taxable resources - standard deduction - exemption", "Tex. Fam. Code §154.062(d)(2): a single person claiming one personal exemption and the standard deduction (library reading R-TX-5)";
    TAXABLE_INCOME_HALF_SE = "texas.taxable_income", "Taxable income: taxable resources - half the SE tax - standard deduction - exemption", "Tex. Fam. Code §154.062(d)(2) (library readings R-TX-4, R-TX-5)";
    FEDERAL_INCOME_TAX = "texas.federal_income_tax", "Federal income tax: single brackets on taxable income / 12, rounded to cents", "Tex. Fam. Code §§154.061(b), 154.062(d)(2) (library reading R-TX-1)";
    SELF_EMPLOYED_METHOD = "texas.self_employed_method", "Self-employment base (earnings fraction of net self-employment income)", "Tex. Fam. Code §154.065 (library reading R-TX-4)";
    DEDUCTION_UNION_DUES = "texas.deduction.union_dues", "Deduction: union dues", "Tex. Fam. Code §154.062(d)(4)";
    DEDUCTION_CHILD_HEALTH = "texas.deduction.child_health_insurance", "Deduction: the child's health insurance", "Tex. Fam. Code §154.062(d)(5) (the figure entered for the child's share, library reading R-TX-5)";
    DEDUCTION_CHILD_DENTAL = "texas.deduction.child_dental_insurance", "Deduction: the child's dental insurance", "Tex. Fam. Code §154.062(d)(5) (the figure entered for the child's share, library reading R-TX-5)";
    DEDUCTION_CASH_MEDICAL = "texas.deduction.cash_medical_support", "Deduction: cash medical support ordered", "Tex. Fam. Code §§154.062(d)(5), 154.182";
    DEDUCTION_RETIREMENT = "texas.deduction.nondiscretionary_retirement", "Deduction: nondiscretionary retirement contributions", "Tex. Fam. Code §154.062(d)(6), (f)";
    DEDUCTION_STATE_TAX = "texas.deduction.state_income_tax", "Deduction: state income tax", "Tex. Fam. Code §154.062(d)(3)";
    NET_RESOURCES_EXACT = "texas.net_resources_exact", "Monthly net resources before rounding: gross - taxes - deductions", "Tex. Fam. Code §154.062(d); the Attorney General's tax-chart method (library reading R-TX-1)";
    NET_RESOURCES_BELOW_ZERO = "texas.net_resources_below_zero", "Computed net resources below zero: taken as zero", "library reading R-TX-4";
    NET_RESOURCES = "texas.net_resources", "Monthly net resources, rounded to cents", "Tex. Fam. Code §§154.062(d), 154.130(b)(1); rounded half away from zero to cents (library reading R-TX-1)";

    // Guideline (§§154.125-154.130).
    CHILD_SUPPORT_RECEIVED = "texas.child_support_received", "Child support received by the obligor, added", "Tex. Fam. Code §154.070";
    GUIDELINE_NET_RESOURCES = "texas.guideline_net_resources", "Net resources for the multiple-household computation", "Tex. Fam. Code §154.070";
    CAP = "texas.cap", "Cap on monthly net resources in force on the order date", "Tex. Fam. Code §154.125(a), (a-1) (library reading R-TX-6)";
    CAPPED_NET_RESOURCES = "texas.capped_net_resources", "Net resources the percentages apply to: min(net resources, cap)", "Tex. Fam. Code §§154.125(a), 154.126(a)";
    SCHEDULE_STANDARD = "texas.schedule", "Percentage schedule: standard (net resources of $1,000 or more)", "Tex. Fam. Code §154.125(b) (library reading R-TX-6)";
    SCHEDULE_LOW_INCOME = "texas.schedule", "Percentage schedule: low income (net resources below the threshold, strictly)", "Tex. Fam. Code §154.125(c) (library reading R-TX-6)";
    CHILDREN = "texas.children", "Children before the court", "Tex. Fam. Code §154.125(b)";
    OTHER_CHILDREN = "texas.other_children", "Other children the obligor must support", "Tex. Fam. Code §154.128(b)";
    PERCENTAGE = "texas.percentage", "Percentage for the children before the court (percent)", "Tex. Fam. Code §154.125(b), (c)";
    PERCENTAGE_FLOOR = "texas.percentage", "Percentage for 6 or more children (percent): not less than the 5-child amount, a floor", "Tex. Fam. Code §154.125(b), (c) (library reading R-TX-8)";
    PERCENTAGE_COURT = "texas.percentage", "Percentage for 6 or more children (percent): the court's", "Tex. Fam. Code §154.125(b): not less than the 5-child amount (library reading R-TX-8)";
    AMOUNT_EXACT = "texas.amount_exact", "Percentage x capped net resources", "Tex. Fam. Code §154.125";
    MH_ONE_HOUSEHOLD = "texas.mh.one_household", "(1) All children in one household: one-household percentage x capped net resources", "Tex. Fam. Code §154.128(a)(1)";
    MH_CREDIT = "texas.mh.credit", "(2) Credit for the other children: (1) / all children x other children", "Tex. Fam. Code §154.128(a)(2), (c)";
    MH_ADJUSTED = "texas.mh.adjusted", "(3) Adjusted net resources: capped net resources - credit", "Tex. Fam. Code §154.128(a)(3); above the cap, of the capped net resources (library reading R-TX-7)";
    MH_FORMULA_AMOUNT = "texas.mh.formula_amount", "(4) Percentage for the children before the court x adjusted net resources", "Tex. Fam. Code §154.128(a)(4)";
    MH_TABLE = "texas.mh.table", "Multiple-family table: percent x capped net resources, rounded", "Tex. Fam. Code §154.129(a)";
    MH_METHODS_DIFFER = "texas.mh.methods_differ", "The §154.128 and §154.129 amounts differ: computation / table", "Tex. Fam. Code §§154.128, 154.129 (both reported)";
    MH_METHOD_FORMULA = "texas.mh.method", "Multiple-household method used: the §154.128 computation", "Tex. Fam. Code §154.128; the table is an alternative \"in lieu of\" it (§154.129)";
    MH_METHOD_TABLE = "texas.mh.method", "Multiple-household method used: the §154.129 table", "Tex. Fam. Code §154.129(a) (as chosen for this calculation)";
    MH_NON_STATUTORY_LOW_INCOME = "texas.mh.non_statutory", "Not the statute's amount: low income, §154.128 with the low-income schedule in both steps", "Tex. Fam. Code §§154.128, 154.129(b) (library reading R-TX-7)";
    MH_NON_STATUTORY_BEYOND_TABLE = "texas.mh.non_statutory", "Not the statute's amount: past the §154.129 table, the §154.128 computation used", "Tex. Fam. Code §§154.128, 154.129(a) (library reading R-TX-7)";
    MH_NON_STATUTORY_NO_TABLE = "texas.mh.non_statutory", "No §154.129 table for the date: the §154.128 computation used", "Tex. Fam. Code §§154.128, 154.129(a) (library reading R-TX-7)";
    MH_NON_STATUTORY_COURT = "texas.mh.non_statutory", "No §154.129 table cell for the court's percentage: the §154.128 computation used", "Tex. Fam. Code §§154.125(b), 154.128 (library reading R-TX-8)";
    AMOUNT = "texas.amount", "Guideline support per month", "Tex. Fam. Code §§154.125, 154.128, 154.129; rounded half away from zero to cents (library reading R-1)";
    PROVEN_NEEDS = "texas.proven_needs", "Proven needs of the child", "Tex. Fam. Code §154.126(b)";
    NEEDS_GAP = "texas.needs_gap", "Needs above the presumptive amount", "Tex. Fam. Code §154.126(b)";
    OBLIGOR_MAXIMUM = "texas.obligor_maximum", "Most the obligor may pay: the greater of the presumptive amount and 100% of proven needs", "Tex. Fam. Code §154.126(b)";
    COURT_ALLOCATED_EXTRA = "texas.court_allocated_extra", "The court's allocation of the additional needs to the obligor", "Tex. Fam. Code §154.126(b) (the court's, an input; library reading R-TX-10)";
    ABOVE_CAP_TOTAL = "texas.above_cap_total", "Presumptive amount + the court's allocation, at most the maximum", "Tex. Fam. Code §154.126(a), (b)";
    STEP_DOWN = "texas.step_down", "Reduced support as a child's support ends", "Tex. Fam. Code §154.127; 18th birthday (29 February: 1 March in common years) or the end date given (library reading R-TX-9)";
    FINDINGS = "texas.findings", "Findings: obligor NR / obligee NR / percentage / guideline amount", "Tex. Fam. Code §154.130(b)";
    DEVIATION_NO = "texas.deviation", "The amount ordered does not vary from the guideline amount", "Tex. Fam. Code §154.130(a)(3) (library reading R-TX-10)";
    DEVIATION_YES = "texas.deviation", "The amount ordered varies from the guideline amount (ordered - guideline)", "Tex. Fam. Code §154.130(a)(3), (b)(4) (library reading R-TX-10)";
    MISSING_RULE = "texas.missing_rule", "A rule is not known for the date: not applied", "library reading R-TX-6";

    // Medical and dental support (§§154.064, 154.181-154.1825, 154.183).
    MEDICAL_ANNUAL_RESOURCES = "texas.medical.annual_resources", "Obligor's annual resources (gross) for reasonable cost", "Tex. Fam. Code §154.062(b) as referenced by §§154.181(e), 154.1815(a)";
    HEALTH_CAP = "texas.health_reasonable_cost_cap", "Health reasonable-cost cap: rate x annual resources / 12, rounded toward zero", "Tex. Fam. Code §§154.181(e), 154.182(b)(3): \"not to exceed\" (library reading R-3)";
    DENTAL_CAP = "texas.dental_reasonable_cost_cap", "Dental reasonable-cost cap: rate x annual resources / 12, rounded toward zero", "Tex. Fam. Code §154.1815(a): \"does not exceed\" (library reading R-3)";
    HEALTH_COVERAGE = "texas.medical.health", "Health support paid by the obligor: the lesser of the cost and the cap", "Tex. Fam. Code §154.182(b-1): actual cost of the obligee's coverage for the child, not to exceed reasonable cost; in addition to guideline support (§154.183)";
    HEALTH_CASH = "texas.medical.health", "Cash medical support paid by the obligor: the lesser of the amount and the cap", "Tex. Fam. Code §154.182(b)(3): not to exceed 9% of annual resources; in addition to guideline support (§154.183)";
    DENTAL = "texas.medical.dental", "Dental support paid by the obligor: the lesser of the cost and the cap", "Tex. Fam. Code §154.1825(d): actual cost of the obligee's dental insurance for the child, not to exceed reasonable cost; in addition to guideline support (§154.183)";
}
