//! The Texas printout (Family Code ch. 154), with the §154.130 findings.

use super::california::{capital, join, plural, recorded};
use super::format::{exact_money, money, percent, percent_of_fraction};
use super::page::{row, Page, Row};
use super::PrintOptions;
use crate::catalogue::texas as step;
use crate::guideline::texas::medical::HealthKind;
use crate::guideline::texas::net_resources::NetResourcesMethod;
use crate::guideline::texas::{Method, TexasResult};
use crate::rules::Rules;

/// The printout of a Texas guideline result, as one HTML page.
pub fn texas(r: &TexasResult, rules: &Rules, options: &PrintOptions) -> String {
    let title = "Texas guideline child support worksheet";
    let mut page = Page::new(title, options);
    let ws = &r.worksheet;
    let obligor = page.party("Obligor", &options.parties.obligor);
    let obligee = page.party("Obligee", &options.parties.obligee);

    let medical = r.medical.as_ref().map(|m| m.total).filter(|t| !t.is_zero());
    let head = match medical {
        Some(m) => format!(
            "{obligor} pays {obligee} {} per month: child support {} and medical and dental support {}.",
            money(r.total_monthly),
            money(r.total_child_support),
            money(m)
        ),
        None => format!(
            "{obligor} pays {obligee} {} per month: guideline child support.",
            money(r.total_child_support)
        ),
    };
    page.para("headline", &head);
    page.para(
        "subhead",
        &format!(
            "Order date {}; {} {} before the court{}.",
            r.order_date,
            r.children,
            plural(r.children, "child", "children"),
            if r.other_children > 0 {
                format!(
                    "; {} other {} the obligor must support (multiple households, Tex. Fam. Code §154.128)",
                    r.other_children,
                    plural(r.other_children, "child", "children")
                )
            } else {
                String::new()
            }
        ),
    );
    for m in &r.missing_rules {
        page.attention(&format!(
            "Not complete: {}. No figure is known for {} (figures are known for {}).",
            capital(m.effect.trim_end_matches('.')),
            m.date,
            m.covered
        ));
    }
    page.parties(&[
        (obligor.clone(), "obligor, pays support".into()),
        (obligee.clone(), "obligee, receives support".into()),
    ]);

    // Net resources: the worksheet's steps up to the rounded figure.
    let how = match r.net_resources.method {
        NetResourcesMethod::Given => "as found",
        NetResourcesMethod::TaxChart => "computed from gross resources by the tax-chart method",
        NetResourcesMethod::MinimumWagePresumption => {
            "presumed from the federal minimum wage (no evidence of resources)"
        }
    };
    page.heading(&format!(
        "Obligor's monthly net resources, {how} (Tex. Fam. Code §154.062)"
    ));
    let end = ws
        .steps()
        .iter()
        .rposition(|s| s.key == "texas.net_resources" || s.key == "texas.net_resources_below_zero")
        .map_or(0, |i| i + 1);
    let mut rows: Vec<Row> = ws.steps()[..end].iter().map(|s| page.step_row(s)).collect();
    if let Some(last) = rows.last_mut() {
        last.total = true;
    }
    if r.net_resources.below_zero {
        for row in rows.iter_mut().filter(|r| r.label.contains("below zero")) {
            row.flag = true;
        }
    }
    page.lines(&rows);

    // The guideline.
    page.heading("Guideline child support (Tex. Fam. Code §§154.125-154.129)");
    let mut rows: Vec<Row> = Vec::new();
    if !r.child_support_received.is_zero() {
        let c = page.cite_step(ws, &step::CHILD_SUPPORT_RECEIVED);
        rows.push(row(
            step::CHILD_SUPPORT_RECEIVED.label,
            money(r.child_support_received),
            c,
        ));
    }
    let c = page.cite_step(ws, &step::CAP);
    rows.push(row(step::CAP.label, money(r.cap), c));
    if r.above_cap {
        let v = page.shown(exact_money(&r.capped_net_resources));
        let c = page.cite_step(ws, &step::CAPPED_NET_RESOURCES);
        rows.push(row(
            "Net resources above the cap: the percentages apply to the cap",
            v,
            c,
        ));
    }
    let low = r.schedule == "low_income";
    let def = if low {
        &step::SCHEDULE_LOW_INCOME
    } else {
        &step::SCHEDULE_STANDARD
    };
    let c = page.cite_step(ws, def);
    rows.push(row(
        if low {
            "Percentage schedule: low income (net resources below $1,000)"
        } else {
            "Percentage schedule: standard"
        },
        "",
        c,
    ));
    let capped = page.shown(exact_money(&r.capped_net_resources));
    match &r.multiple_household {
        None => {
            let def = if recorded(ws, &step::PERCENTAGE_COURT).is_some() {
                &step::PERCENTAGE_COURT
            } else if r.is_floor {
                &step::PERCENTAGE_FLOOR
            } else {
                &step::PERCENTAGE
            };
            let pct = page.shown(percent(&r.percentage));
            let c = page.cite_step(ws, def);
            rows.push(row(
                format!(
                    "Percentage for {} {}{}",
                    r.children,
                    plural(r.children, "child", "children"),
                    if r.is_floor {
                        " (a floor: at least the 5-child amount)"
                    } else {
                        ""
                    }
                ),
                pct.clone(),
                c,
            ));
            let exact = page.shown(exact_money(&r.amount_exact));
            let c = page.cite_step(ws, &step::AMOUNT_EXACT);
            rows.push(row(
                format!("{pct} x {capped} (net resources the percentages apply to)"),
                exact,
                c,
            ));
        }
        Some(mh) => {
            let f = &mh.formula;
            let c = page.cite_step(ws, &step::OTHER_CHILDREN);
            rows.push(row(
                step::OTHER_CHILDREN.label,
                r.other_children.to_string(),
                c,
            ));
            let p1 = page.shown(percent_of_fraction(&f.one_household_percentage));
            let v1 = page.shown(exact_money(&f.one_household_amount));
            let c = page.cite_step(ws, &step::MH_ONE_HOUSEHOLD);
            rows.push(row(
                format!(
                    "(1) All {} children as if in one household: {p1} x {capped}",
                    f.total_children
                ),
                v1.clone(),
                c,
            ));
            let v2 = page.shown(exact_money(&f.credit));
            let c = page.cite_step(ws, &step::MH_CREDIT);
            rows.push(row(
                format!(
                    "(2) Credit for the other children: {v1} / {} x {}",
                    f.total_children, r.other_children
                ),
                v2.clone(),
                c,
            ));
            let v3 = page.shown(exact_money(&f.adjusted_net_resources));
            let c = page.cite_step(ws, &step::MH_ADJUSTED);
            rows.push(row(
                format!("(3) Adjusted net resources: {capped} - {v2}"),
                v3.clone(),
                c,
            ));
            let p4 = page.shown(percent_of_fraction(&f.percentage));
            let v4 = page.shown(exact_money(&f.amount_exact));
            let c = page.cite_step(ws, &step::MH_FORMULA_AMOUNT);
            rows.push(row(
                format!(
                    "(4) Percentage for the {} {} before the court x adjusted net resources: {p4} x {v3}",
                    r.children,
                    plural(r.children, "child", "children")
                ),
                v4,
                c,
            ));
            let c = page.cite_step(ws, &step::MH_FORMULA_AMOUNT);
            rows.push(row(
                "§154.128 computation, rounded to cents",
                money(f.amount),
                c,
            ));
            if let Some(t) = &mh.table {
                let tp = page.shown(percent(&t.percent));
                let c = page.cite_step(ws, &step::MH_TABLE);
                rows.push(row(
                    format!("§154.129 multiple-family table: {tp} x {capped}"),
                    money(t.amount),
                    c,
                ));
            }
            let def = match mh.method_used {
                Method::Table154129 => &step::MH_METHOD_TABLE,
                _ => &step::MH_METHOD_FORMULA,
            };
            let c = page.cite_step(ws, def);
            rows.push(row(def.label, "", c));
            for def in [
                &step::MH_NON_STATUTORY_LOW_INCOME,
                &step::MH_NON_STATUTORY_BEYOND_TABLE,
                &step::MH_NON_STATUTORY_NO_TABLE,
                &step::MH_NON_STATUTORY_COURT,
            ] {
                if recorded(ws, def).is_some() {
                    let c = page.cite_step(ws, def);
                    rows.push(Row {
                        flag: true,
                        ..row(def.label, "", c)
                    });
                }
            }
        }
    }
    let c = page.cite_step(ws, &step::AMOUNT);
    rows.push(Row {
        total: true,
        ..row("Guideline child support per month", money(r.amount), c)
    });
    if let Some(a) = &r.above_cap_support {
        for (def, value) in [
            (&step::PROVEN_NEEDS, a.proven_needs),
            (&step::NEEDS_GAP, a.needs_gap),
            (&step::OBLIGOR_MAXIMUM, a.obligor_maximum),
            (&step::COURT_ALLOCATED_EXTRA, a.court_allocated_extra),
            (&step::ABOVE_CAP_TOTAL, a.total),
        ] {
            let c = page.cite_step(ws, def);
            rows.push(row(def.label, money(value), c));
        }
    }
    if let Some(m) = &r.medical {
        let cite_health = page.cite(
            "Health support",
            "Tex. Fam. Code §§154.181(e), 154.182(b)(3), (b-1), 154.183",
        );
        if let (Some(h), Some(kind)) = (&m.health, m.health_kind) {
            let (label, def) = match kind {
                HealthKind::ObligeeCoverage => (
                    "Health support: the obligee's coverage for the child, at most the reasonable cost",
                    &step::HEALTH_COVERAGE,
                ),
                HealthKind::CashMedicalSupport => (
                    "Cash medical support, at most the reasonable cost",
                    &step::HEALTH_CASH,
                ),
            };
            let c = page.cite_step(ws, def);
            let cap = m.health_cap.map(money).unwrap_or_default();
            rows.push(row(
                format!("{label} (cost {}, cap {cap})", money(h.cost)),
                money(h.amount),
                join(&c, &cite_health),
            ));
        }
        if let Some(d) = &m.dental {
            let c = page.cite_step(ws, &step::DENTAL);
            let cap = m.dental_cap.map(money).unwrap_or_default();
            rows.push(row(
                format!(
                    "Dental support: the obligee's dental insurance for the child, at most the reasonable cost (cost {}, cap {cap})",
                    money(d.cost)
                ),
                money(d.amount),
                c,
            ));
        }
        if medical.is_some() {
            rows.push(Row {
                total: true,
                ..row(
                    "Child, medical and dental support per month",
                    money(r.total_monthly),
                    "Tex. Fam. Code §154.183 (in addition to guideline support)".to_string(),
                )
            });
        }
    }
    page.lines(&rows);

    if !r.step_downs.is_empty() {
        let c = page.cite_step(ws, &step::STEP_DOWN);
        page.para("", &format!("As each child's support ends ({c}):"));
        let body: Vec<Vec<String>> = r
            .step_downs
            .iter()
            .map(|s| {
                let pct = page.shown(percent(&s.percentage));
                vec![
                    s.effective_date.to_string(),
                    s.support_ends
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                    s.children_remaining.to_string(),
                    pct,
                    money(s.amount),
                ]
            })
            .collect();
        page.grid(
            &[
                "From",
                "Support ends",
                "Children remaining",
                "Percentage",
                "Per month",
            ],
            &[false, false, true, true, true],
            &body,
        );
    }

    // §154.130 findings.
    page.heading("Findings (Tex. Fam. Code §154.130(b))");
    let f = &r.findings;
    let c = page.cite_step(ws, &step::FINDINGS);
    let pct = page.shown(percent(&r.percentage));
    let mut rows = vec![
        row(
            "(1) The obligor's monthly net resources",
            money(f.obligor_net_resources),
            c.clone(),
        ),
        row(
            "(2) The obligee's monthly net resources",
            f.obligee_net_resources
                .map(money)
                .unwrap_or_else(|| "not given".to_string()),
            c.clone(),
        ),
        row(
            format!(
                "(3) The percentage applied to the obligor's net resources{}",
                if r.above_cap { " (to the cap)" } else { "" }
            ),
            pct,
            c.clone(),
        ),
        row(
            "The guideline amount per month",
            money(f.guideline_amount),
            c,
        ),
    ];
    if let Some(o) = f.ordered_amount {
        let def = if f.deviation {
            &step::DEVIATION_YES
        } else {
            &step::DEVIATION_NO
        };
        let c = page.cite_step(ws, def);
        rows.push(row("The amount ordered per month", money(o), c.clone()));
        if let (true, Some(d)) = (f.deviation, f.deviation_amount) {
            rows.push(Row {
                flag: true,
                ..row(
                    "(4) The amount ordered varies from the guideline amount by",
                    money(d),
                    c,
                )
            });
        } else {
            rows.push(row(
                "(4) The amount ordered does not vary from the guideline amount",
                "",
                c,
            ));
        }
    }
    page.lines(&rows);

    page.finish(title, rules)
}
