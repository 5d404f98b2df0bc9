//! California guideline steps (Family Code §§4055, 4061, 4071).

use crate::worksheet::StepDef;

macro_rules! steps {
    ($($name:ident = $key:literal, $label:literal, $citation:literal;)*) => {
        $(
            #[doc = concat!("`", $key, "`: ", $label)]
            pub static $name: StepDef = StepDef { key: $key, label: $label, citation: $citation };
        )*
        /// Every California step.
        pub static ALL: &[&StepDef] = &[$(&$name),*];
    };
}

steps! {
    LAW = "california.law", "Law in force on the calculation date", "";
    NET_INCOME_A = "california.parent_a_net_income", "Parent A monthly net disposable income", "Fam. Code §§4059, 4060";
    NET_INCOME_B = "california.parent_b_net_income", "Parent B monthly net disposable income", "Fam. Code §§4059, 4060";
    HIGH_EARNER = "california.high_earner", "High earner", "Fam. Code §4055(b)(1)(C)";
    HIGH_EARNER_EQUAL = "california.high_earner", "High earner (equal incomes: parent A)", "Fam. Code §4055(b)(1)(C); library reading R-CA-1";
    HN = "california.hn", "HN (high earner's net income)", "Fam. Code §4055(b)(1)(C)";
    TN = "california.tn", "TN (total net income)", "Fam. Code §4055(b)(1)(E)";
    H = "california.h", "H% (high earner's time share)", "Fam. Code §4055(b)(1)(D)";
    H_AVERAGE = "california.h", "H% (average of the high earner's time share with each child)", "Fam. Code §4055(b)(1)(D)";
    BAND = "california.band", "K-table band", "library reading R-CA-2 (band edges)";
    FRACTION = "california.fraction", "K fraction", "";
    K_LOW = "california.k", "K = (1 + H%) x fraction", "Fam. Code §4055(b)(3)";
    K_HIGH = "california.k", "K = (2 - H%) x fraction", "Fam. Code §4055(b)(3)";
    CS_ONE = "california.cs_one_child", "CS = K x (HN - H% x TN), one child", "Fam. Code §4055(a)";
    CHILDREN = "california.children", "Children", "";
    MULTIPLIER = "california.multiplier", "Child multiplier", "";
    CS = "california.cs", "CS x multiplier", "Fam. Code §4055(b)(4)";
    PAYER = "california.payer", "Payer", "Fam. Code §4055(b)(5): a positive amount is paid by the high earner, a negative one by the low earner";
    NO_PAYER = "california.payer", "Payer: none (the formula gives zero)", "Fam. Code §4055(b)(5): the formula gives zero";
    GUIDELINE = "california.guideline_amount", "Guideline support per month (before any low-income adjustment)", "Fam. Code §4055; rounded half away from zero to cents (library reading R-1)";
    MINIMUM_WAGE = "california.minimum_wage", "State minimum wage per hour", "";
    THRESHOLD_WAGE = "california.low_income_threshold", "Low-income threshold T = wage x hours a week x 52 / 12 (unrounded)", "";
    THRESHOLD_FIXED = "california.low_income_threshold", "Low-income threshold (Judicial Council)", "";
    OBLIGOR_INCOME = "california.obligor_net_income", "Obligor's net disposable income N", "Fam. Code §4055(b)(7): the obligor is the payer after the sign rule";
    LOW_INCOME_NOT = "california.low_income", "Low-income adjustment: does not apply (N is not less than T)", "";
    MAX_REDUCTION = "california.low_income_max_reduction", "Largest reduction CS x (T - N) / T", "Fam. Code §4055(b)(7)";
    LOW_INCOME_RANGE = "california.low_income_range", "Low-income adjustment range (rebuttable presumption)", "Fam. Code §4055(b)(7), (c); lowest amount = CS x N / T, rounded half away from zero (library reading R-CA-3)";
    LOW_INCOME_PRESUMED = "california.low_income_applied", "Low-income adjustment applied: the presumptive (lowest) amount", "Fam. Code §4055(b)(7): rebuttable presumption that the obligor is entitled to the adjustment (library reading R-CA-3)";
    LOW_INCOME_CHOSEN = "california.low_income_applied", "Low-income adjustment applied: the amount found by the court, within the range", "Fam. Code §4055(b)(7)";
    LOW_INCOME_DECLINED = "california.low_income_applied", "Low-income adjustment not applied (presumption rebutted)", "Fam. Code §4055(b)(7)";
    AMOUNT = "california.amount", "Child support per month", "Fam. Code §4055";
    PER_CHILD = "california.per_child", "Per-child allocation, youngest first", "Fam. Code §4055(b)(8); largest remainder to the cent, ties to the younger child (library reading R-2)";
    PER_CHILD_NOT = "california.per_child", "Per-child allocation: does not apply (different time-sharing arrangements for different children)", "Fam. Code §4055(b)(8)";
    ORDERED = "california.ordered_basic_support", "Basic child support as ordered (the court's order)", "Fam. Code §4061(d)";
    HARDSHIP_CAP = "california.hardship_cap_per_child", "Largest §4071(a)(2) hardship deduction per other child in the home", "Fam. Code §4071(b): the support ordered divided by the number of children; rounded toward zero (library reading R-3)";
    MISSING_RULE = "california.missing_rule", "The low-income test could not be run: no threshold is known for the date", "Fam. Code §4055(b)(7)";
    ADD_ON_SPLIT_EQUAL = "california.add_on_split", "Add-on apportionment: one-half each", "";
    ADD_ON_SPLIT_PROPORTIONAL = "california.add_on_split", "Add-on apportionment: in proportion to adjusted net incomes", "";
    ADD_ON_SPLIT_ORDERED_EQUAL = "california.add_on_split", "Add-on apportionment: one-half each (on a party's request or the court's order)", "Fam. Code §4061(a)";
    ADD_ON_SPLIT_ORDERED_PROPORTIONAL = "california.add_on_split", "Add-on apportionment: in proportion to adjusted net incomes (on a party's request or the court's order)", "Fam. Code §4061(a)";
    ADD_ON_ADJUSTED_A = "california.add_on_adjusted_a", "Parent A adjusted net income", "Fam. Code §4061(c) (spousal support, applied to net income: library reading R-CA-4), (d) (less basic child support ordered)";
    ADD_ON_ADJUSTED_B = "california.add_on_adjusted_b", "Parent B adjusted net income", "Fam. Code §4061(c), (d)";
    ADD_ON_NEGATIVE = "california.add_on_negative_income", "An adjusted net income is below zero: taken as zero for the proportion (for the court's attention)", "Fam. Code §4061(c), (d)";
    ADD_ON_NO_INCOME = "california.add_on_no_income", "Adjusted incomes are both zero: one-half each", "library reading R-CA-5";
    ADD_ON_SHARE_A = "california.add_on_share_a", "Parent A share of add-ons", "Fam. Code §4061(a)";
    ADD_ON_SHARE_B = "california.add_on_share_b", "Parent B share of add-ons", "Fam. Code §4061(a)";
    ADD_ON_CHILDCARE = "california.add_on.childcare", "Childcare: parent A / parent B", "Fam. Code §4062(a)(1); the support payer's part rounded, the other parent pays the rest (library reading R-2)";
    ADD_ON_HEALTH = "california.add_on.uninsured_health", "Uninsured health care: parent A / parent B", "Fam. Code §4062(a)(2); the support payer's part rounded, the other parent pays the rest (library reading R-2)";
    ADD_ON_EDUCATION = "california.add_on.educational_needs", "Educational or special needs: parent A / parent B", "Fam. Code §4062(b)(1); the support payer's part rounded, the other parent pays the rest (library reading R-2)";
    ADD_ON_TRAVEL = "california.add_on.visitation_travel", "Visitation travel: parent A / parent B", "Fam. Code §4062(b)(2); the support payer's part rounded, the other parent pays the rest (library reading R-2)";
}
