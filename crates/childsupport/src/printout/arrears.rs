//! The arrears printout: totals, a chart of principal and interest over time, and the ledger
//! line by line.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::california::capital;
use super::format::money;
use super::page::{esc, Page, Row};
use super::PrintOptions;
use crate::arrears::crediting::PaymentSource;
use crate::arrears::report::{LedgerResult, LineEvent};
use crate::arrears::Jurisdiction;
use crate::money::Money;
use crate::rules::arrears::{AccrualStart, DayCount};
use crate::rules::Rules;

fn event_words(e: LineEvent) -> &'static str {
    match e {
        LineEvent::Installment => "Installment due",
        LineEvent::OrderChange => "Order changed",
        LineEvent::Fee => "Fee assessed",
        LineEvent::Payment => "Payment received",
        LineEvent::Interest => "Interest posted",
        LineEvent::Judgment => "Judgment confirming arrears",
        LineEvent::Renewal => "Renewal: interest added to principal",
        LineEvent::Reversal => "Payment reversed",
        LineEvent::Move => "Misapplied payment moved",
        LineEvent::OpeningBalance => "Balance carried over",
        LineEvent::LumpSum => "Lump-sum judgment",
    }
}

/// A party's name and role for the settings table, or a note that none was given.
fn named(party: &super::Party, shown: &str) -> String {
    if party.name.is_none() && party.role.is_none() {
        "not named on this printout".to_string()
    } else {
        shown.to_string()
    }
}

fn source_words(s: PaymentSource) -> &'static str {
    match s {
        PaymentSource::Regular => "regular payment",
        PaymentSource::TaxOffset => "tax refund offset",
    }
}

/// The printout of an arrears ledger, as one HTML page (several printed pages for a long
/// ledger).
pub fn arrears(r: &LedgerResult, rules: &Rules, options: &PrintOptions) -> String {
    let state = match r.state {
        Jurisdiction::California => "California",
        Jurisdiction::Texas => "Texas",
    };
    let title = format!("{state} child support arrears: audit as of {}", r.as_of);
    let mut page = Page::new(&title, options);
    let obligor = page.party("Obligor", &options.parties.obligor);
    let obligee = page.party("Obligee", &options.parties.obligee);
    let t = &r.totals;
    let b = &t.balances;
    page.para(
        "headline",
        &format!(
            "{obligor} owes {} as of {}: principal {}, interest {}{}.",
            money(b.total_owed),
            t.as_of,
            money(b.principal),
            money(b.interest),
            if b.fees.is_zero() {
                String::new()
            } else {
                format!(", fees {}", money(b.fees))
            }
        ),
    );
    let mut sub = Vec::new();
    if let Some(since) = t.owed_since {
        sub.push(format!("Owed since {since}"));
    }
    sub.push(format!(
        "total due {}, total paid {}",
        money(t.due),
        money(t.paid)
    ));
    if !b.credit.is_zero() {
        sub.push(format!(
            "credit carried forward {} (not counted against the debt)",
            money(b.credit)
        ));
    }
    page.para("subhead", &format!("{}.", sub.join("; ")));

    page.heading("Parties and settings");
    let s = &r.settings;
    let start = match s.interest_start {
        Some(AccrualStart::DueDate) => "on the day each installment falls due",
        Some(AccrualStart::FirstOfNextMonth) => "on the first day of the month after it falls due",
        None => "as the state's law provides",
    };
    let days = match s.day_count {
        DayCount::Monthly => "by calendar month (one-twelfth of the annual rate a month)",
        DayCount::Actual365 => "by the day (annual rate x days / 365)",
    };
    page.grid(
        &["", ""],
        &[false, false],
        &[
            vec!["Obligor".into(), named(&options.parties.obligor, &obligor)],
            vec!["Obligee".into(), named(&options.parties.obligee, &obligee)],
            vec![
                "Enforcement".into(),
                if s.iv_d {
                    "by the child support agency (Title IV-D)".into()
                } else {
                    "not by the child support agency".into()
                },
            ],
            vec!["Interest accrues".into(), start.into()],
            vec!["Interest counted".into(), days.into()],
        ],
    );

    page.heading("Principal and interest over time");
    page.raw(&chart(r));

    // The ledger. Each distinct authority is numbered once, and the lines refer to it.
    page.heading("Ledger");
    let mut authorities: BTreeMap<String, usize> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut body: Vec<Vec<String>> = Vec::new();
    for line in &r.lines {
        let (citation, from) = machine_free(&line.citation);
        let cite = page.cite(event_words(line.event), &citation);
        let n = *authorities.entry(cite.clone()).or_insert_with(|| {
            order.push(cite.clone());
            order.len()
        });
        let payment = match (&line.payment_id, line.source) {
            (Some(id), Some(src)) => format!("{id} ({})", source_words(src)),
            (Some(id), None) => id.clone(),
            (None, Some(src)) => source_words(src).to_string(),
            (None, None) => String::new(),
        };
        let (amount, what) = match line.event {
            // An order change charges nothing: it changes the installment.
            LineEvent::OrderChange => (
                String::new(),
                match line.installment_amount {
                    Some(a) => format!("{} (new installment {})", line.description, money(a)),
                    None => line.description.clone(),
                },
            ),
            _ => (money(line.amount), without_exact(&line.description)),
        };
        let what = match from {
            Some(date) => format!("{what}; interest accrues from {date}"),
            None => what,
        };
        body.push(vec![
            line.date.to_string(),
            event_words(line.event).to_string(),
            payment,
            capital(&what),
            amount,
            money(line.balances.principal),
            money(line.balances.interest),
            money(line.balances.total_owed),
            format!("[{n}]"),
        ]);
    }
    page.grid(
        &[
            "Date",
            "Event",
            "Payment (ID, source)",
            "Description",
            "Amount",
            "Principal after",
            "Interest after",
            "Total owed after",
            "Law",
        ],
        &[false, false, false, false, true, true, true, true, false],
        &body,
    );
    let rows: Vec<Row> = order
        .iter()
        .enumerate()
        .map(|(i, c)| Row {
            label: format!("[{}]", i + 1),
            value: String::new(),
            cite: c.clone(),
            flag: false,
            total: false,
        })
        .collect();
    page.para("", "Authorities for the ledger lines:");
    let mut html = String::from("<table class=\"lines\"><tbody>\n");
    for r in &rows {
        let _ = writeln!(
            html,
            "<tr><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&r.label),
            esc(&r.cite)
        );
    }
    html.push_str("</tbody></table>\n");
    page.raw(&html);

    page.finish(&title, rules)
}

/// A ledger line's citation without request references (`orders[0] (installment)`), and the
/// date interest runs from, which the line states instead, so that lines under one law share
/// one authority.
fn machine_free(citation: &str) -> (String, Option<String>) {
    let mut from = None;
    let parts: Vec<String> = citation
        .split("; ")
        .filter(|part| {
            // `orders[0]`, `payments[3] ...`: a place in the request, not law.
            let head = part.split([' ', '#']).next().unwrap_or("");
            !(head.contains('[') && head.ends_with(']'))
        })
        .map(|part| {
            let Some(i) = part.find(" from ") else {
                return part.to_string();
            };
            let date = &part[i + 6..];
            let is_date = date.len() >= 10
                && date.as_bytes()[..10].iter().enumerate().all(|(k, b)| {
                    if k == 4 || k == 7 {
                        *b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                });
            if !is_date {
                return part.to_string();
            }
            from = Some(date[..10].to_string());
            let rest = &date[10..];
            let before = part[..i].trim_end_matches(": interest").trim_end();
            format!("{before}{rest}")
        })
        .collect();
    (parts.join("; "), from)
}

/// A description without the exact cumulative figure (`(cumulative exact 4.1666666667)`): the
/// JSON result keeps it; the page shows the posted cents.
fn without_exact(description: &str) -> String {
    match description.find(" (cumulative exact ") {
        Some(i) => {
            let rest = &description[i..];
            let end = rest.find(')').map_or(rest.len(), |j| j + 1);
            format!("{}{}", &description[..i], &rest[end..])
        }
        None => description.to_string(),
    }
}

/// A nice round step (whole dollars) for an axis from 0 to `max` cents with about 4 ticks.
fn tick_step(max: i64) -> i64 {
    round_step(max).max(100)
}

fn round_step(max: i64) -> i64 {
    let raw = (max / 4).max(1);
    let mut mag = 1i64;
    while mag.saturating_mul(10) <= raw {
        mag *= 10;
    }
    for m in [1, 2, 5, 10] {
        if mag.saturating_mul(m) >= raw {
            return mag.saturating_mul(m);
        }
    }
    mag.saturating_mul(10)
}

/// Whole dollars with thousands grouped, for axis labels (`$12,000`).
fn axis_dollars(cents: i64) -> String {
    let d = Money::from_cents(cents - cents % 100);
    let s = money(d);
    s.trim_end_matches(".00").to_string()
}

/// An inline SVG chart of principal and interest owed at the end of each month.
fn chart(r: &LedgerResult) -> String {
    let points: Vec<(&str, i64, i64)> = r
        .periods
        .iter()
        .map(|p| {
            (
                p.month.as_str(),
                p.closing.principal.cents(),
                p.closing.interest.cents(),
            )
        })
        .collect();
    if points.is_empty() {
        return "<p>No months to chart.</p>\n".to_string();
    }
    let (w, h) = (700.0_f64, 210.0_f64);
    let (left, right, top, bottom) = (70.0, 10.0, 10.0, 40.0);
    let max = points
        .iter()
        .map(|p| p.1.max(p.2))
        .max()
        .unwrap_or(0)
        .max(100);
    let step = tick_step(max);
    let top_value = (max + step - 1) / step * step;
    let n = points.len();
    // Positions on the page only: the figures themselves are the ledger's.
    let x = |i: usize| {
        if n == 1 {
            left + (w - left - right) / 2.0
        } else {
            left + (w - left - right) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: i64| top + (h - top - bottom) * (1.0 - v as f64 / top_value as f64);
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" aria-label=\"Principal and interest owed at the end of each month\" font-family=\"Liberation Sans, Arial, sans-serif\" font-size=\"10\">"
    );
    let mut v = 0;
    while v <= top_value {
        let yy = y(v);
        let _ = writeln!(
            svg,
            "<line x1=\"{left}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"#ccc\" stroke-width=\"0.5\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            w - right,
            left - 4.0,
            yy + 3.5,
            axis_dollars(v)
        );
        v += step;
    }
    let every = n.div_ceil(8).max(1);
    for (i, p) in points.iter().enumerate() {
        // Every `every`-th month and the last, without one crowding the last.
        if (i % every == 0 && (n - 1 - i >= every || n == 1)) || i + 1 == n {
            // The ends are anchored inward so that no label runs off the chart.
            let anchor = match (i, n) {
                (_, 1) => "middle",
                (0, _) => "start",
                (i, n) if i + 1 == n => "end",
                _ => "middle",
            };
            let _ = writeln!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
                x(i),
                h - bottom + 14.0,
                esc(p.0)
            );
        }
    }
    for (series, color, dash, label) in [
        (1usize, "#000", "", "Principal"),
        (2usize, "#000", " stroke-dasharray=\"4 3\"", "Interest"),
    ] {
        let pts: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let v = if series == 1 { p.1 } else { p.2 };
                format!("{:.1},{:.1}", x(i), y(v))
            })
            .collect();
        let _ = writeln!(
            svg,
            "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\"{dash} points=\"{}\"><title>{label}</title></polyline>",
            pts.join(" ")
        );
    }
    let ly = h - 8.0;
    let _ = writeln!(
        svg,
        "<line x1=\"{left}\" y1=\"{ly}\" x2=\"{:.1}\" y2=\"{ly}\" stroke=\"#000\" stroke-width=\"1.5\"/><text x=\"{:.1}\" y=\"{:.1}\">Principal</text><line x1=\"{:.1}\" y1=\"{ly}\" x2=\"{:.1}\" y2=\"{ly}\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/><text x=\"{:.1}\" y=\"{:.1}\">Interest</text>",
        left + 24.0,
        left + 28.0,
        ly + 3.5,
        left + 100.0,
        left + 124.0,
        left + 128.0,
        ly + 3.5
    );
    svg.push_str("</svg>\n");
    let last = points[n - 1];
    let _ = writeln!(
        svg,
        "<p class=\"notes\">Owed at the end of each month, {} to {}. At the end of {}: principal {}, interest {}.</p>",
        esc(points[0].0),
        esc(last.0),
        esc(last.0),
        money(Money::from_cents(last.1)),
        money(Money::from_cents(last.2))
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ledger_citations_lose_request_references_and_keep_the_law() {
        let (c, from) = machine_free("orders[0] (installment); Code Civ. Proc. §685.020(b): interest from 2025-02-01 (Fam. Code §17433.5)");
        assert_eq!(c, "Code Civ. Proc. §685.020(b) (Fam. Code §17433.5)");
        assert_eq!(from.as_deref(), Some("2025-02-01"));
        let (c, from) = machine_free("orders[0] (installment); Tex. Fam. Code §157.261(a), §157.266(a): delinquent (interest-bearing above one month's obligation, §157.265(a)) from 2025-03-04");
        assert_eq!(c, "Tex. Fam. Code §157.261(a), §157.266(a): delinquent (interest-bearing above one month's obligation, §157.265(a))");
        assert_eq!(from.as_deref(), Some("2025-03-04"));
        assert_eq!(
            without_exact("Interest for the month: child support interest posted (cumulative exact 4.1666666667)"),
            "Interest for the month: child support interest posted"
        );
    }

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(tick_step(120_000), 50_000);
        assert_eq!(tick_step(100), 100);
        assert_eq!(tick_step(1_000_000), 500_000);
        assert_eq!(axis_dollars(150_000), "$1,500");
    }
}
