//! California net disposable income from gross (Family Code §§4058-4060, 4070-4073; Cal. Rules
//! of Court, rule 5.275(b)), with the federal and state taxes it deducts.

use crate::worksheet::StepDef;

macro_rules! steps {
    ($($name:ident = $key:literal, $label:literal, $citation:literal;)*) => {
        $(
            #[doc = concat!("`", $key, "`: ", $label)]
            pub static $name: StepDef = StepDef { key: $key, label: $label, citation: $citation };
        )*
        /// Every step of net disposable income from gross.
        pub static ALL: &[&StepDef] = &[$(&$name),*];
    };
}

steps! {
    PARENT = "california_income.parent", "Net disposable income of", "Fam. Code §§4058-4060";
    TAX_YEAR = "california_income.tax_year", "Tax year (the calendar year of the support period unless given)", "Fam. Code §4059(a); library reading R-CI-1";
    FILING_STATUS = "california_income.filing_status", "Filing status (as the parent files)", "Fam. Code §4059(a): taxes bear an accurate relationship to tax status and number of dependents";
    DEPENDENTS = "california_income.dependents", "Dependents claimed (by default: the parent with more time claims the children of the case): child tax credit / other dependents / earned income credit / California", "Fam. Code §4059(a); library reading R-CI-3";
    DEPENDENTS_GIVEN = "california_income.dependents", "Dependents claimed (as given): child tax credit / other dependents / earned income credit / California", "Fam. Code §4059(a); Rios v. Pulido (2002) 100 Cal.App.4th 359 (the court may allocate dependency exemptions)";
    SMALL_SE_EXCLUDED = "california_income.small_self_employment", "Self-employment profit under $400 a year left out of income (by request, as the DCSS calculator does)", "library reading R-CI-5";
    GROSS = "california_income.gross_income", "Annual gross income (every item, annualised)", "Fam. Code §4058(a); amounts annualised exactly (library reading R-CI-1)";
    WAGES = "california_income.wages", "Wages, salary, overtime, bonus, commission", "Fam. Code §4058(a)(1)";
    SE_PROFIT = "california_income.self_employment", "Self-employment net profit", "Fam. Code §4058(a)(2)";
    OTHER_INCOME = "california_income.other_income", "Other income (taxable and not)", "Fam. Code §4058(a)";
    FICA_WAGES = "california_income.fica_wages", "Wages subject to FICA and SDI (less cafeteria-plan premiums)", "Fam. Code §4059(b), (d); library reading R-CI-2";
    SOCIAL_SECURITY = "california_income.social_security", "Social Security (OASDI) to the year's wage base", "Fam. Code §4059(b)";
    MEDICARE = "california_income.medicare", "Medicare", "Fam. Code §4059(b)";
    ADDITIONAL_MEDICARE = "california_income.additional_medicare", "Additional Medicare tax above the threshold", "Fam. Code §4059(b); 26 U.S.C. §3101(b)(2)";
    NOT_FICA = "california_income.fica_alternative", "Not subject to FICA: retirement contribution deducted up to the FICA that would apply", "Fam. Code §4059(b), second clause; Cal. Rules of Court, rule 5.275(b)(1)(C); the rest under §4059(c) (library reading R-CI-4)";
    SE_EARNINGS = "california_income.se_earnings", "Net earnings from self-employment", "26 U.S.C. §1402(a)(12), (b)";
    SE_TAX = "california_income.se_tax", "Self-employment tax", "Fam. Code §4059(b); 26 U.S.C. §1401";
    HALF_SE = "california_income.half_se_tax", "One-half of the self-employment tax (deducted from income for tax)", "26 U.S.C. §164(f)";
    FED_AGI = "california_income.federal_agi", "Federal adjusted gross income", "26 U.S.C. §62";
    FED_DEDUCTION = "california_income.federal_deduction", "Federal standard deduction or itemized deductions, the larger", "26 U.S.C. §63";
    FED_OTHER_DEDUCTIONS = "california_income.federal_other_deductions", "Other federal deductions (as entered)", "26 U.S.C. §63";
    QBI = "california_income.qbi_deduction", "Qualified business income deduction", "26 U.S.C. §199A";
    FED_TI = "california_income.federal_taxable_income", "Federal taxable income", "26 U.S.C. §63";
    FED_REGULAR = "california_income.federal_regular_tax", "Federal tax by the rate schedule", "26 U.S.C. §1(j)";
    FED_OTHER_CREDITS = "california_income.federal_other_credits", "Other nonrefundable federal credits (as entered)", "Fam. Code §4059(a)";
    FED_TABLE = "california_income.federal_regular_tax", "Federal tax by the IRS Tax Table (tax at the row's midpoint, whole dollars; by request)", "26 U.S.C. §3; Form 1040 instructions, Tax Table";
    CTC = "california_income.child_tax_credit", "Child tax credit and credit for other dependents, after the phase-out", "26 U.S.C. §24(a), (b), (h)";
    CTC_USED = "california_income.child_tax_credit_used", "Child tax credit used against the tax (nonrefundable)", "26 U.S.C. §§24(a), 26(a)";
    ACTC = "california_income.additional_child_tax_credit", "Refundable child tax credit", "26 U.S.C. §24(d), (h)(5), (h)(6)";
    EITC = "california_income.earned_income_credit", "Earned income credit", "26 U.S.C. §32; Fam. Code §4059(a): all available credits";
    EITC_OFF = "california_income.earned_income_credit", "Earned income credit: not applied (by request)", "Fam. Code §4059(a)";
    FED_TAX = "california_income.federal_tax", "Federal income tax after credits (below zero when refundable credits exceed it)", "Fam. Code §4059(a): tax actually payable after credits; rounded half away from zero to cents (library reading R-CI-5)";
    FED_TAX_ENTERED = "california_income.federal_tax", "Federal income tax as entered from the filed return", "Fam. Code §4059(a); Cal. Rules of Court, rule 5.275(b)(1)(B)";
    TAX_FLOORED = "california_income.tax_floored", "Tax below zero taken as zero (by request)", "Fam. Code §4059(a); library reading R-CI-5";
    JOINT_SEPARATE = "california_income.joint_method", "Married: the parent's tax computed as on a separate return (by request)", "Fam. Code §4059(a); library reading R-CI-6";
    JOINT_SHARE = "california_income.joint_share", "Parent's share of the joint return: own adjusted gross income / joint", "Fam. Code §4057.5; County of Tulare v. Campbell (1996) 50 Cal.App.4th 847; library reading R-CI-6";
    JOINT_FED_TAX = "california_income.joint_federal_tax", "Federal income tax of the joint return", "Fam. Code §4059(a)";
    JOINT_CA_TAX = "california_income.joint_california_tax", "California income tax of the joint return", "Fam. Code §4059(a)";
    JOINT_ADDITIONAL_MEDICARE = "california_income.joint_additional_medicare", "Additional Medicare tax of the joint return", "26 U.S.C. §3101(b)(2)";
    CA_AGI = "california_income.california_agi", "California adjusted gross income", "Rev. & Tax. Code §17071";
    CA_DEDUCTION = "california_income.california_deduction", "California standard deduction or itemized deductions, the larger", "Rev. & Tax. Code §17073.5";
    CA_TI = "california_income.california_taxable_income", "California taxable income", "Rev. & Tax. Code §17073";
    CA_SCHEDULE = "california_income.california_schedule_tax", "California tax by the rate schedule (printed bases)", "Rev. & Tax. Code §17041; library reading R-CI-7";
    CA_TABLE = "california_income.california_schedule_tax", "California tax by the FTB Tax Table (tax at the row's midpoint, whole dollars; by request)", "Rev. & Tax. Code §17041; Form 540 Tax Table";
    CA_CREDITS = "california_income.exemption_credits", "Personal and dependent exemption credits, after the phase-out", "Rev. & Tax. Code §§17054, 17054.1";
    CA_RENTER = "california_income.renter_credit", "Renter's credit", "Rev. & Tax. Code §17053.5";
    CA_OTHER_CREDITS = "california_income.california_other_credits", "Other California credits (as entered)", "Fam. Code §4059(a)";
    MHST = "california_income.mental_health_tax", "Mental health services tax (1% above $1,000,000)", "Rev. & Tax. Code §17043";
    CA_TAX = "california_income.california_tax", "California income tax after credits", "Fam. Code §4059(a); rounded half away from zero to cents (library reading R-CI-5)";
    CA_TAX_ENTERED = "california_income.california_tax", "California income tax as entered from the filed return", "Fam. Code §4059(a); Cal. Rules of Court, rule 5.275(b)(1)(B)";
    SDI = "california_income.sdi", "State Disability Insurance (no wage ceiling)", "Fam. Code §4059(d)";
    VPDI = "california_income.sdi", "Voluntary disability plan contribution (as entered)", "Fam. Code §4059(d)";
    NO_SDI = "california_income.sdi", "State Disability Insurance: not covered", "Fam. Code §4059(d)";
    MANDATORY_RETIREMENT = "california_income.mandatory_retirement", "Retirement contributions required as a condition of employment", "Fam. Code §4059(c)";
    UNION_DUES = "california_income.union_dues", "Mandatory union dues", "Fam. Code §4059(c)";
    HEALTH = "california_income.health_insurance", "Health insurance premiums for the parent and children", "Fam. Code §4059(d)";
    OTHER_SUPPORT = "california_income.other_support_paid", "Support actually paid for other relationships", "Fam. Code §4059(e)";
    JOB_EXPENSES = "california_income.job_expenses", "Job-related expenses allowed by the court", "Fam. Code §4059(f)";
    ANNUAL_NDI = "california_income.annual_net_income", "Annual net disposable income", "Fam. Code §4059";
    MONTHLY_NDI = "california_income.monthly_net_income", "Monthly net disposable income (annual / 12, not rounded)", "Fam. Code §4060; library reading R-CI-5";
    NEGATIVE_NDI = "california_income.negative_net_income", "Net disposable income below zero: zero is used for the guideline (for the court's attention)", "Fam. Code §4059; library reading R-CI-5";
    HARDSHIP_EXTRAORDINARY = "california_income.hardship_extraordinary", "Hardship: extraordinary health expenses and uninsured catastrophic losses, per month", "Fam. Code §4071(a)(1)";
    HARDSHIP_CHILDREN = "california_income.hardship_children", "Hardship: weight of the other children living with the parent", "Fam. Code §4071(a)(2)";
    HARDSHIP_CAP = "california_income.hardship_cap", "Hardship cap per child at the solution: support ordered / children of this order, toward zero", "Fam. Code §4071(b); library reading R-3";
    HARDSHIP_CAP_BASIC = "california_income.hardship_cap", "Hardship cap per child at the solution, on the guideline amount before any low-income adjustment (by request): / children of this order, toward zero", "Fam. Code §4071(b); library reading R-3";
    HARDSHIP_CAP_BEFORE = "california_income.hardship_cap", "Hardship cap per child from the support before any hardship (one pass, by request)", "Fam. Code §4071(b); library reading R-CI-8";
    HARDSHIP_ONE_PASS = "california_income.hardship_deduction", "Hardship deduction per month, one pass (legacy, by request): it may exceed the cap at the resulting support", "Fam. Code §4071(a)(2); library reading R-CI-8";
    HARDSHIP_DEDUCTION = "california_income.hardship_deduction", "Hardship deduction per month: the largest whole-cent amount not above what the cap allows at that amount", "Fam. Code §§4059(g), 4071(a)(2), (b); Cal. Rules of Court, rule 5.275(b)(1)(E); library reading R-CI-8";
    HARDSHIP_ROUNDS = "california_income.hardship_rounds", "Hardship deductions of both parents: rounds until neither changes", "Fam. Code §4071(b); library reading R-CI-8";
    NDI_AFTER_HARDSHIP = "california_income.net_income_after_hardship", "Monthly net disposable income after hardship deductions", "Fam. Code §§4059(g), 4070-4071";
    NDI_TO_GUIDELINE = "california_income.net_income_for_guideline", "Monthly net disposable income given to the guideline", "Fam. Code §§4055, 4060; library reading R-CI-5";
}
