//! Reports for `texas_guideline` and `texas_net_resources`, built from the response alone.

use std::fmt::Write as _;

use serde_json::Value;

use crate::report::{
    amount_rows, at, dollars, dollars_at, has, humanize, percent, percent_of_fraction, table, text,
    Cents,
};

/// An exact value as the engine wrote it, or, for a fraction `n/d` that does not terminate,
/// its decimal to 6 places followed by "…" (the JSON keeps the exact value).
fn shown(value: &str) -> String {
    let Some((n, d)) = value.split_once('/') else {
        return value.to_string();
    };
    let (Ok(n), Ok(d)) = (n.parse::<i128>(), d.parse::<i128>()) else {
        return value.to_string();
    };
    if d <= 0 {
        return value.to_string();
    }
    let neg = n < 0;
    let n = n.unsigned_abs();
    let d = d.unsigned_abs();
    let Some(scaled) = n
        .checked_mul(2_000_000)
        .and_then(|x| x.checked_add(d))
        .map(|x| x / (2 * d))
    else {
        return value.to_string();
    };
    let (int, frac) = (scaled / 1_000_000, scaled % 1_000_000);
    let frac = format!("{frac:06}");
    let frac = frac.trim_end_matches('0');
    format!(
        "{}{int}{}{frac}…",
        if neg { "-" } else { "" },
        if frac.is_empty() { "" } else { "." }
    )
}

/// An exact amount in dollars: whole cents with two decimals (`2087.5` as `2087.50`), else as
/// [`shown`].
fn exact_dollars(value: &str) -> String {
    if Cents::parse(value).is_some() {
        let (int, frac) = value.split_once('.').unwrap_or((value, ""));
        dollars(&format!("{int}.{frac:0<2}"))
    } else {
        dollars(&shown(value))
    }
}

fn is_zero(v: &Value, pointer: &str) -> bool {
    Cents::parse(&at(v, pointer)).is_some_and(|c| c.is_zero())
}

/// How the net resources were found, then the figures (shared by both kinds).
fn net_resources_rows(out: &mut String, n: &Value) {
    let method = match at(n, "/method").as_str() {
        "given" => "given by the caller".to_string(),
        "tax_chart" => "the Attorney General's tax-chart method".to_string(),
        "minimum_wage_presumption" => {
            "the §154.068 minimum-wage presumption, through the tax chart".to_string()
        }
        other => other.replace('_', " "),
    };
    let mut figures = vec![("Method".to_string(), String::new(), method)];
    if has(n, "/tax_year") {
        figures.push((
            "Tax year".to_string(),
            String::new(),
            format!(
                "{} (parameter set {})",
                at(n, "/tax_year"),
                at(n, "/tax_parameter_set")
            ),
        ));
    }
    if has(n, "/monthly_gross") {
        figures.push((
            "Gross resources per month".to_string(),
            exact_dollars(&at(n, "/monthly_gross")),
            format!("annual {}", dollars_at(n, "/annual_gross")),
        ));
        figures.push((
            "Social Security".to_string(),
            format!("-{}", dollars_at(n, "/social_security")),
            String::new(),
        ));
        figures.push((
            "Medicare".to_string(),
            format!("-{}", dollars_at(n, "/medicare")),
            if n.get("additional_medicare_applies")
                .and_then(Value::as_bool)
                == Some(true)
            {
                "with the additional Medicare tax".to_string()
            } else {
                String::new()
            },
        ));
        figures.push((
            "Federal income tax".to_string(),
            format!("-{}", dollars_at(n, "/federal_income_tax")),
            String::new(),
        ));
        if has(n, "/self_employment") {
            figures.push((
                "Self-employment tax (year)".to_string(),
                dollars_at(n, "/self_employment/annual_se_tax"),
                if n.pointer("/self_employment/unverified")
                    .and_then(Value::as_bool)
                    == Some(true)
                {
                    "UNVERIFIED method".to_string()
                } else {
                    String::new()
                },
            ));
        }
        if !is_zero(n, "/deductions") {
            figures.push((
                "Other deductions".to_string(),
                format!("-{}", dollars_at(n, "/deductions")),
                "§154.062(d)(4)-(5) and others given".to_string(),
            ));
        }
    }
    figures.push((
        "Net resources per month".to_string(),
        dollars_at(n, "/net_resources"),
        if n.get("below_zero").and_then(Value::as_bool) == Some(true) {
            "computed below zero, taken as zero".to_string()
        } else {
            match (
                Cents::parse(&at(n, "/net_resources_exact")),
                Cents::parse(&at(n, "/net_resources")),
            ) {
                (Some(a), Some(b)) if a == b => String::new(),
                _ => format!(
                    "before rounding to cents {}",
                    shown(&at(n, "/net_resources_exact"))
                ),
            }
        },
    ));
    amount_rows(out, &figures);
}

fn flags(out: &mut String, r: &Value) {
    let flags: Vec<String> = r
        .get("flags")
        .and_then(Value::as_array)
        .map(|f| f.iter().map(|x| humanize(&text(x))).collect())
        .unwrap_or_default();
    if !flags.is_empty() {
        let _ = writeln!(out, "\nFlags");
        for f in flags {
            let _ = writeln!(out, "  ! {f}");
        }
    }
}

/// `texas_net_resources`.
pub fn net_resources(out: &mut String, r: &Value) {
    let _ = writeln!(
        out,
        "\n  Monthly net resources: {}.\n",
        dollars_at(r, "/net_resources")
    );
    net_resources_rows(out, r);
    flags(out, r);
}

/// `texas_guideline`: who pays what, net resources, cap, schedule and percentage, multiple
/// households, §154.126, medical and dental, step-downs, findings.
pub fn guideline(out: &mut String, r: &Value) {
    let _ = writeln!(
        out,
        "Order date {} · Rules {}",
        at(r, "/order_date"),
        at(r, "/rules_version")
    );
    let floor = r.get("is_floor").and_then(Value::as_bool) == Some(true);
    let child = dollars_at(r, "/total_child_support");
    let mut headline = if floor {
        format!("The obligor pays at least {child} per month in child support")
    } else {
        format!("The obligor pays {child} per month in child support")
    };
    let medical = has(r, "/medical") && !is_zero(r, "/medical/total");
    if medical {
        headline += &format!(
            ",\n  plus {} medical and dental support: {} per month in all",
            dollars_at(r, "/medical/total"),
            dollars_at(r, "/total_monthly")
        );
    }
    let _ = writeln!(out, "\n  {headline}.\n");

    let _ = writeln!(out, "Net resources (Tex. Fam. Code §§154.061-154.062)");
    net_resources_rows(out, &r["net_resources"]);
    if !is_zero(r, "/child_support_received") {
        amount_rows(
            out,
            &[(
                "Child support received".into(),
                dollars_at(r, "/child_support_received"),
                "added in a multiple-household case (§154.070)".into(),
            )],
        );
    }

    let above = r.get("above_cap").and_then(Value::as_bool) == Some(true);
    let schedule = match at(r, "/schedule").as_str() {
        "low_income" => "low-income (§154.125(c))".to_string(),
        "standard" => "standard (§154.125(b))".to_string(),
        other => other.replace('_', " "),
    };
    let method = match at(r, "/method").as_str() {
        "single_household" => "one household (§154.125)".to_string(),
        "formula_154_128" => "multiple households, §154.128 computation".to_string(),
        "table_154_129" => "multiple households, §154.129 table".to_string(),
        other => other.replace('_', " "),
    };
    let other_children = at(r, "/other_children");
    let _ = writeln!(out, "\nGuideline (Tex. Fam. Code §§154.125-154.129)");
    let mut figures = vec![
        (
            "Cap on net resources".to_string(),
            dollars_at(r, "/cap"),
            if above {
                "net resources are above it (§154.126)".to_string()
            } else {
                "net resources are within it (§154.125(a))".to_string()
            },
        ),
        (
            "Net resources applied".to_string(),
            exact_dollars(&at(r, "/capped_net_resources")),
            "min(net resources, cap)".to_string(),
        ),
        (
            "Guideline amount".to_string(),
            dollars_at(r, "/amount"),
            format!(
                "{} of net resources applied; exact {}{}",
                percent(&shown(&at(r, "/percentage"))),
                shown(&at(r, "/amount_exact")),
                if floor {
                    "; a floor: 6 or more children (the 5-child percentage)"
                } else {
                    ""
                }
            ),
        ),
    ];
    if has(r, "/above_cap_support") {
        let a = &r["above_cap_support"];
        figures.push((
            "Proven needs".to_string(),
            dollars_at(a, "/proven_needs"),
            format!(
                "above the presumptive amount by {}",
                dollars_at(a, "/needs_gap")
            ),
        ));
        figures.push((
            "Obligor's maximum".to_string(),
            dollars_at(a, "/obligor_maximum"),
            "the larger of the presumptive amount and proven needs (§154.126(b))".to_string(),
        ));
        figures.push((
            "Court's allocation".to_string(),
            dollars_at(a, "/court_allocated_extra"),
            if a.get("limited_by_maximum").and_then(Value::as_bool) == Some(true) {
                "limited by the maximum".to_string()
            } else {
                String::new()
            },
        ));
        figures.push((
            "Child support".to_string(),
            dollars_at(a, "/total"),
            "presumptive + allocation (§154.126)".to_string(),
        ));
    }
    figures.extend([
        ("Schedule".to_string(), String::new(), schedule),
        (
            "Children".to_string(),
            String::new(),
            format!(
                "{} before the court, {other_children} other{}",
                at(r, "/children"),
                if other_children == "1" { "" } else { "s" }
            ),
        ),
        ("Method".to_string(), String::new(), method),
    ]);
    amount_rows(out, &figures);

    if has(r, "/multiple_household") {
        multiple_households(out, &r["multiple_household"]);
    }
    if has(r, "/medical") {
        medical_section(out, &r["medical"]);
    }
    step_downs(out, r);
    findings(out, &r["findings"]);
    flags(out, r);
}

fn multiple_households(out: &mut String, m: &Value) {
    let used = at(m, "/method_used");
    let differ = m.get("methods_differ").and_then(Value::as_bool) == Some(true);
    let _ = writeln!(
        out,
        "\nMultiple households (§§154.128, 154.129){}",
        if differ {
            ": the two methods give different amounts"
        } else {
            ""
        }
    );
    let f = &m["formula"];
    let total = at(f, "/total_children");
    amount_rows(
        out,
        &[
            (
                format!(
                    "(1) All {total} children, one household: {}",
                    percent_of_fraction(&at(f, "/one_household_percentage"))
                ),
                shown(&at(f, "/one_household_amount")),
                String::new(),
            ),
            (
                format!("(2) Credit: (1) / {total} x other children"),
                shown(&at(f, "/credit")),
                String::new(),
            ),
            (
                "(3) Adjusted net resources".to_string(),
                shown(&at(f, "/adjusted_net_resources")),
                String::new(),
            ),
            (
                format!(
                    "(4) {} x adjusted net resources",
                    percent_of_fraction(&shown(&at(f, "/percentage")))
                ),
                shown(&at(f, "/amount_exact")),
                String::new(),
            ),
        ],
    );
    let mut body = vec![vec![
        format!(
            "§154.128 computation{}",
            if used == "formula_154_128" {
                " (used)"
            } else {
                ""
            }
        ),
        format!(
            "{} of adjusted net resources",
            percent_of_fraction(&shown(&at(f, "/percentage")))
        ),
        dollars_at(f, "/amount"),
    ]];
    if has(m, "/table") {
        body.push(vec![
            format!(
                "§154.129 table{}",
                if used == "table_154_129" {
                    " (used)"
                } else {
                    ""
                }
            ),
            format!("{} of net resources", percent(&at(m, "/table/percent"))),
            dollars_at(m, "/table/amount"),
        ]);
    } else {
        body.push(vec![
            "§154.129 table".into(),
            "does not apply".into(),
            String::new(),
        ]);
    }
    out.push('\n');
    table(
        out,
        &["Method", "Percentage", "Amount"],
        &body,
        &[false, false, true],
    );
    if has(m, "/non_statutory") {
        let _ = writeln!(
            out,
            "  ! Not the statute's amount: {}",
            at(m, "/non_statutory")
        );
    }
}

fn medical_section(out: &mut String, m: &Value) {
    let _ = writeln!(
        out,
        "\nMedical and dental support (§§154.181-154.1825), in addition to child support"
    );
    let mut figures = Vec::new();
    let item = |label: &str, key: &str, cap_key: &str| {
        let limited = m
            .pointer(&format!("/{key}/limited_by_cap"))
            .and_then(Value::as_bool)
            == Some(true);
        (
            label.to_string(),
            dollars_at(m, &format!("/{key}/amount")),
            format!(
                "cost {}, reasonable-cost cap {}{}",
                dollars_at(m, &format!("/{key}/cost")),
                dollars_at(m, cap_key),
                if limited { ": limited by the cap" } else { "" }
            ),
        )
    };
    if has(m, "/health") {
        let kind = match at(m, "/health_kind").as_str() {
            "obligee_coverage" => "Health (obligee's coverage)".to_string(),
            "cash_medical_support" => "Cash medical support".to_string(),
            other => format!("Health ({})", other.replace('_', " ")),
        };
        figures.push(item(&kind, "health", "/health_cap"));
    }
    if has(m, "/dental") {
        figures.push(item("Dental", "dental", "/dental_cap"));
    }
    figures.push((
        "Total".to_string(),
        dollars_at(m, "/total"),
        format!("annual resources {}", dollars(&at(m, "/annual_resources"))),
    ));
    amount_rows(out, &figures);
}

fn step_downs(out: &mut String, r: &Value) {
    let Some(steps) = r.get("step_downs").and_then(Value::as_array) else {
        return;
    };
    if steps.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nStep-downs as children's support ends (§154.127)");
    let mut body = vec![vec![
        at(r, "/order_date"),
        at(r, "/children"),
        String::new(),
        percent(&shown(&at(r, "/percentage"))),
        dollars_at(r, "/amount"),
    ]];
    for s in steps {
        let ends: Vec<String> = s
            .get("support_ends")
            .and_then(Value::as_array)
            .map(|e| e.iter().map(text).collect())
            .unwrap_or_default();
        let floor = s.get("is_floor").and_then(Value::as_bool) == Some(true);
        body.push(vec![
            at(s, "/effective_date"),
            at(s, "/children_remaining"),
            ends.join(", "),
            percent(&shown(&at(s, "/percentage"))),
            format!(
                "{}{}",
                dollars_at(s, "/amount"),
                if floor { " (at least)" } else { "" }
            ),
        ]);
    }
    table(
        out,
        &[
            "From",
            "Children",
            "Support ends",
            "Percentage",
            "Per month",
        ],
        &body,
        &[false, true, false, true, true],
    );
}

fn findings(out: &mut String, f: &Value) {
    let _ = writeln!(out, "\nFindings (§154.130)");
    let mut figures = vec![
        (
            "Obligor's net resources".to_string(),
            dollars_at(f, "/obligor_net_resources"),
            String::new(),
        ),
        (
            "Obligee's net resources".to_string(),
            if has(f, "/obligee_net_resources") {
                dollars_at(f, "/obligee_net_resources")
            } else {
                "not given".to_string()
            },
            String::new(),
        ),
        (
            "Percentage applied".to_string(),
            percent(&at(f, "/percentage_applied")),
            String::new(),
        ),
        (
            "Guideline amount".to_string(),
            dollars_at(f, "/guideline_amount"),
            String::new(),
        ),
    ];
    if has(f, "/ordered_amount") {
        let deviation = f.get("deviation").and_then(Value::as_bool) == Some(true);
        figures.push((
            "Amount ordered".to_string(),
            dollars_at(f, "/ordered_amount"),
            if deviation {
                format!(
                    "varies from the guideline by {}: findings required",
                    dollars_at(f, "/deviation_amount")
                )
            } else {
                "the guideline amount".to_string()
            },
        ));
    }
    amount_rows(out, &figures);
}
