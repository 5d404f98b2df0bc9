//! The California printout (Fam. Code §§4055, 4061, 4071).

use super::format::{exact_money, factor, money, percent_of_fraction};
use super::page::{row, Page, Row};
use super::{Party, PrintOptions};
use crate::catalogue::california as step;
use crate::exact::Exact;
use crate::guideline::california::{AddOnKind, CaliforniaResult, LowIncomeChoice};
use crate::guideline::Parent;
use crate::rules::california::AddOnSplit;
use crate::rules::Rules;
use crate::worksheet::{StepDef, Value, Worksheet};

/// Whether the worksheet recorded this catalogue step (the same key and words).
pub(super) fn recorded<'w>(ws: &'w Worksheet, def: &StepDef) -> Option<&'w Value> {
    ws.steps()
        .iter()
        .find(|s| s.key == def.key && s.label == def.label)
        .map(|s| &s.value)
}

/// "Parent A", with the name and court role given for them.
fn parent(page: &Page<'_>, p: Parent) -> String {
    let parties = &page.options().parties;
    let (word, party): (&str, &Party) = match p {
        Parent::A => ("Parent A", &parties.parent_a),
        Parent::B => ("Parent B", &parties.parent_b),
    };
    page.party(word, party)
}

/// The printout of a California guideline result, as one HTML page.
pub fn california(r: &CaliforniaResult, rules: &Rules, options: &PrintOptions) -> String {
    let title = "California guideline child support worksheet";
    let mut page = Page::new(title, options);
    let ws = &r.worksheet;

    // The headline: who pays whom, and what the court starts from.
    let lia = r.low_income_adjustment.as_ref();
    match (r.payer, r.recipient) {
        (Some(payer), Some(recipient)) => {
            let who = format!("{} pays {}", parent(&page, payer), parent(&page, recipient));
            let head = match lia.map(|l| l.applied) {
                Some(LowIncomeChoice::Presumptive) => format!(
                    "Presumptive amount: {who} {} per month (low-income adjustment, Fam. Code §4055(b)(7)).",
                    money(r.amount)
                ),
                Some(LowIncomeChoice::Amount(_)) => format!(
                    "{who} {} per month, the amount the court found within the low-income range.",
                    money(r.amount)
                ),
                Some(LowIncomeChoice::NotApplied) => format!(
                    "{who} {} per month: the guideline amount; the low-income adjustment is not applied (presumption rebutted).",
                    money(r.amount)
                ),
                None if !r.missing_rules.is_empty() => format!(
                    "{who} {} per month: the guideline amount, before a low-income test that could not be run (below).",
                    money(r.amount)
                ),
                None => format!("{who} {} per month: guideline child support.", money(r.amount)),
            };
            page.para("headline", &head);
            if let Some(l) = lia {
                page.para(
                    "subhead",
                    &format!(
                        "The obligor's income is below the low-income threshold: the amount may be set anywhere from {} to {} (Fam. Code §4055(b)(7), (c)); the law presumes the lowest. The guideline amount before the adjustment is {}.",
                        money(l.lowest_amount),
                        money(l.highest_amount),
                        money(r.unadjusted_amount)
                    ),
                );
            }
        }
        _ => page.para(
            "headline",
            "No one pays: the guideline formula gives zero (Fam. Code §4055(b)(5)).",
        ),
    }
    for m in &r.missing_rules {
        page.attention(&format!(
            "Not complete: {}. No figure is known for {} (figures are known for {}).",
            capital(m.effect.trim_end_matches('.')),
            m.date,
            m.covered
        ));
    }

    // The parties.
    let mut parties: Vec<(String, String)> = Vec::new();
    for p in [Parent::A, Parent::B] {
        let role = if r.payer == Some(p) {
            "obligor, pays support"
        } else if r.recipient == Some(p) {
            "obligee, receives support"
        } else {
            "parent"
        };
        parties.push((parent(&page, p), role.to_string()));
    }
    page.parties(&parties);

    // The guideline formula.
    page.heading(&format!(
        "Guideline formula, as of {} (CS = K [HN - (H%)(TN)])",
        r.calculation_date
    ));
    let mut rows: Vec<Row> = Vec::new();
    let law = match r.law.as_ref() {
        "sb343" => "Fam. Code §4055 as amended by SB 343 (Stats. 2023)",
        "former" => "Fam. Code §4055 before SB 343",
        _ => "The K table loaded for the date",
    };
    let c = page.cite_step(ws, &step::LAW);
    rows.push(row(
        format!("Law in force on the calculation date: {law}"),
        "",
        c,
    ));
    for (p, def) in [
        (Parent::A, &step::NET_INCOME_A),
        (Parent::B, &step::NET_INCOME_B),
    ] {
        let income = if r.high_earner == p {
            r.high_earner_net_income.clone()
        } else {
            &r.total_net_income - &r.high_earner_net_income
        };
        let shown = page.shown(exact_money(&income));
        let c = page.cite_step(ws, def);
        rows.push(row(
            format!("{} monthly net disposable income", parent(&page, p)),
            shown,
            c,
        ));
    }
    let equal = recorded(ws, &step::HIGH_EARNER_EQUAL).is_some();
    let def = if equal {
        &step::HIGH_EARNER_EQUAL
    } else {
        &step::HIGH_EARNER
    };
    let c = page.cite_step(ws, def);
    rows.push(row(
        if equal {
            "High earner (equal incomes)"
        } else {
            "High earner"
        },
        parent(&page, r.high_earner),
        c,
    ));
    let hn = page.shown(exact_money(&r.high_earner_net_income));
    let c = page.cite_step(ws, &step::HN);
    rows.push(row("HN: high earner's net disposable income", hn, c));
    let tn = page.shown(exact_money(&r.total_net_income));
    let c = page.cite_step(ws, &step::TN);
    rows.push(row("TN: total net disposable income", tn, c));
    let averaged = recorded(ws, &step::H_AVERAGE).is_some();
    let mut h_label = if averaged {
        "H%: high earner's time share (average over the children)".to_string()
    } else {
        "H%: high earner's time share with the children".to_string()
    };
    if let Some(m) = &options.time_measure {
        let measured = match super::time_share(m) {
            Ok(share) => format!(", {}", page.shown(percent_of_fraction(&share))),
            Err(_) => String::new(),
        };
        h_label.push_str(&format!(
            " (measured: {} has {}{measured})",
            parent(&page, m.parent),
            m.words()
        ));
    }
    let h = page.shown(percent_of_fraction(&r.high_earner_time_share));
    let c = page.cite_step(ws, if averaged { &step::H_AVERAGE } else { &step::H });
    rows.push(row(h_label, h, c));
    let fraction = page.shown(factor(&r.fraction));
    let c = page.cite_step(ws, &step::FRACTION);
    let band_cite = page.cite_step(ws, &step::BAND);
    rows.push(row(
        format!("K fraction for TN (band {} of the table)", r.band),
        fraction,
        join(&c, &band_cite),
    ));
    let high = r.high_earner_time_share > Exact::HALF;
    let k_def = if high { &step::K_HIGH } else { &step::K_LOW };
    let k = page.shown(factor(&r.k));
    let c = page.cite_step(ws, k_def);
    rows.push(row(k_def.label, k, c));
    let cs = page.shown(exact_money(&r.one_child_amount_exact));
    let c = page.cite_step(ws, &step::CS_ONE);
    rows.push(row(
        "CS for one child = K x (HN - H% x TN) (a negative figure: the low earner pays)",
        cs,
        c,
    ));
    let children = match recorded(ws, &step::CHILDREN) {
        Some(Value::Count(n)) => *n,
        _ => r.per_child.len() as u32,
    };
    let mult = page.shown(factor(&r.multiplier));
    let c = page.cite_step(ws, &step::MULTIPLIER);
    rows.push(row(
        format!(
            "Multiplier for {children} {}",
            plural(children, "child", "children")
        ),
        mult,
        join("Fam. Code §4055(b)(4)", &c),
    ));
    let gl = page.shown(exact_money(&r.unadjusted_amount_exact.abs()));
    let c = page.cite_step(ws, &step::CS);
    rows.push(row("CS x multiplier (exact)", gl, c));
    let c = page.cite_step(ws, &step::GUIDELINE);
    rows.push(Row {
        total: true,
        ..row(
            "Guideline support per month, before any low-income adjustment",
            money(r.unadjusted_amount),
            c,
        )
    });
    page.lines(&rows);

    // The low-income adjustment, when the test was run.
    let mut rows: Vec<Row> = Vec::new();
    if let Some(Value::Exact(w)) = recorded(ws, &step::MINIMUM_WAGE) {
        let wage = page.shown(exact_money(w));
        let c = page.cite_step(ws, &step::MINIMUM_WAGE);
        rows.push(row("State minimum wage per hour", wage, c));
    }
    if let Some(l) = lia {
        let by_wage = recorded(ws, &step::THRESHOLD_WAGE).is_some();
        let def = if by_wage {
            &step::THRESHOLD_WAGE
        } else {
            &step::THRESHOLD_FIXED
        };
        let t = page.shown(exact_money(&l.threshold));
        let c = page.cite_step(ws, def);
        rows.push(row(
            if by_wage {
                "Low-income threshold T = minimum wage x 40 hours x 52 weeks / 12"
            } else {
                "Low-income threshold T (published by the Judicial Council)"
            },
            t,
            c,
        ));
        let n = page.shown(exact_money(&l.obligor_net_income));
        let c = page.cite_step(ws, &step::OBLIGOR_INCOME);
        rows.push(row("Obligor's net disposable income N (below T)", n, c));
        let c = page.cite_step(ws, &step::MAX_REDUCTION);
        rows.push(row(
            "Largest reduction = CS x (T - N) / T",
            money(l.max_reduction),
            c,
        ));
        let c = page.cite_step(ws, &step::LOW_INCOME_RANGE);
        rows.push(row(
            "Low-income range: lowest (CS x N / T) to highest (CS)",
            format!("{} to {}", money(l.lowest_amount), money(l.highest_amount)),
            c,
        ));
        let (def, words) = match l.applied {
            LowIncomeChoice::Presumptive => (
                &step::LOW_INCOME_PRESUMED,
                "Amount applied: the presumptive (lowest) amount",
            ),
            LowIncomeChoice::Amount(_) => (
                &step::LOW_INCOME_CHOSEN,
                "Amount applied: the amount the court found, within the range",
            ),
            LowIncomeChoice::NotApplied => (
                &step::LOW_INCOME_DECLINED,
                "Adjustment not applied: the presumption rebutted",
            ),
        };
        let c = page.cite_step(ws, def);
        rows.push(row(words, money(r.amount), c));
    } else if recorded(ws, &step::LOW_INCOME_NOT).is_some() {
        let c = page.cite_step(ws, &step::LOW_INCOME_NOT);
        rows.push(row(
            "Low-income adjustment: does not apply (the obligor's income is not below the threshold)",
            "",
            join("Fam. Code §4055(b)(7)", &c),
        ));
    }
    if !rows.is_empty() {
        page.heading("Low-income adjustment (Fam. Code §4055(b)(7))");
        page.lines(&rows);
    }

    // The amount, per child, add-ons, hardship.
    page.heading("Child support");
    let c = page.cite_step(ws, &step::AMOUNT);
    let mut rows = vec![Row {
        total: true,
        ..row("Child support per month", money(r.amount), c)
    }];
    if let Some(ordered) = recorded(ws, &step::ORDERED) {
        let c = page.cite_step(ws, &step::ORDERED);
        rows.push(row(
            "Basic child support as ordered by the court",
            value_money(&mut page, ordered),
            c,
        ));
    }
    if options.hardship_claimed {
        let c = page.cite_step(ws, &step::HARDSHIP_CAP);
        rows.push(row(
            "Most a §4071(a)(2) hardship deduction may be, for each other child in the home",
            money(r.hardship_cap_per_child),
            c,
        ));
    }
    page.lines(&rows);
    if r.per_child.len() > 1 {
        let c = page.cite_step(ws, &step::PER_CHILD);
        page.para("", &format!("Allocation per child, youngest first ({c}):"));
        let adjusted = r.per_child.iter().any(|s| s.amount != s.unadjusted_amount);
        let dated = r.per_child.iter().any(|s| s.birth_date.is_some());
        let mut header = vec!["Child"];
        let mut numeric = vec![false];
        if dated {
            header.push("Born");
            numeric.push(false);
        }
        header.push("Per month");
        numeric.push(true);
        if adjusted {
            header.push("Before the low-income adjustment");
            numeric.push(true);
        }
        let body: Vec<Vec<String>> = r
            .per_child
            .iter()
            .map(|s| {
                let mut row = vec![if s.rank == 1 {
                    "1 (youngest)".to_string()
                } else {
                    s.rank.to_string()
                }];
                if dated {
                    row.push(s.birth_date.map(|d| d.to_string()).unwrap_or_default());
                }
                row.push(money(s.amount));
                if adjusted {
                    row.push(money(s.unadjusted_amount));
                }
                row
            })
            .collect();
        page.grid(&header, &numeric, &body);
    }

    if let Some(a) = &r.add_ons {
        page.heading("Additional child support: add-on expenses (Fam. Code §§4061, 4062)");
        let mut rows: Vec<Row> = Vec::new();
        let proportional = matches!(a.split, AddOnSplit::Proportional);
        let def = match (proportional, a.is_default) {
            (true, true) => &step::ADD_ON_SPLIT_PROPORTIONAL,
            (false, true) => &step::ADD_ON_SPLIT_EQUAL,
            (true, false) => &step::ADD_ON_SPLIT_ORDERED_PROPORTIONAL,
            (false, false) => &step::ADD_ON_SPLIT_ORDERED_EQUAL,
        };
        let c = page.cite_step(ws, def);
        let how = if proportional {
            "in proportion to the parents' adjusted net incomes"
        } else {
            "one-half each"
        };
        let who = if a.is_default {
            "the law in force"
        } else {
            "a party's request or the court's order"
        };
        rows.push(row(format!("Apportioned {how} ({who})"), "", c));
        if proportional {
            for (p, income, def) in [
                (
                    Parent::A,
                    &a.parent_a_adjusted_income,
                    &step::ADD_ON_ADJUSTED_A,
                ),
                (
                    Parent::B,
                    &a.parent_b_adjusted_income,
                    &step::ADD_ON_ADJUSTED_B,
                ),
            ] {
                let v = page.shown(exact_money(income));
                let c = page.cite_step(ws, def);
                let negative = income.is_negative();
                rows.push(Row {
                    flag: negative,
                    ..row(
                        format!(
                            "{} adjusted net income{}",
                            parent(&page, p),
                            if negative {
                                ": BELOW ZERO, taken as zero for the proportion (for the court's attention)"
                            } else {
                                ""
                            }
                        ),
                        v,
                        c,
                    )
                });
            }
            if recorded(ws, &step::ADD_ON_NO_INCOME).is_some() {
                let c = page.cite_step(ws, &step::ADD_ON_NO_INCOME);
                rows.push(row(step::ADD_ON_NO_INCOME.label, "", c));
            }
            for (p, share, def) in [
                (Parent::A, &a.parent_a_share, &step::ADD_ON_SHARE_A),
                (Parent::B, &a.parent_b_share, &step::ADD_ON_SHARE_B),
            ] {
                let v = page.shown(percent_of_fraction(share));
                let c = page.cite_step(ws, def);
                rows.push(row(format!("{} share", parent(&page, p)), v, c));
            }
        }
        page.lines(&rows);
        let mut body: Vec<Vec<String>> = Vec::new();
        for item in &a.items {
            let def = match item.kind {
                AddOnKind::Childcare => &step::ADD_ON_CHILDCARE,
                AddOnKind::UninsuredHealth => &step::ADD_ON_HEALTH,
                AddOnKind::EducationalNeeds => &step::ADD_ON_EDUCATION,
                AddOnKind::VisitationTravel => &step::ADD_ON_TRAVEL,
            };
            let c = page.cite_step(ws, def);
            let what = match item.kind {
                AddOnKind::Childcare => "Childcare for employment or education",
                AddOnKind::UninsuredHealth => "Uninsured health care costs",
                AddOnKind::EducationalNeeds => "Educational or other special needs",
                AddOnKind::VisitationTravel => "Travel for visitation",
            };
            body.push(vec![
                what.to_string(),
                money(item.amount),
                money(item.parent_a),
                money(item.parent_b),
                c,
            ]);
        }
        body.push(vec![
            "Total per month".to_string(),
            String::new(),
            money(a.parent_a_total),
            money(a.parent_b_total),
            String::new(),
        ]);
        page.grid(
            &["Expense", "Per month", "Parent A", "Parent B", "Authority"],
            &[false, true, true, true, false],
            &body,
        );
    }

    page.finish(title, rules)
}

fn value_money(page: &mut Page<'_>, v: &Value) -> String {
    match v {
        Value::Money(m) => money(*m),
        Value::Exact(x) => page.shown(exact_money(x)),
        other => other.to_string(),
    }
}

/// Two citations, without repeating one that the other already holds.
pub(super) fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ if a.contains(b) => a.to_string(),
        _ if b.contains(a) => b.to_string(),
        _ => format!("{a}; {b}"),
    }
}

pub(super) fn plural<'a>(n: u32, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

pub(super) fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
