//! Every data table in the embedded rules checked against its source (issue 16).
//!
//! The figures below are written literally from the statute text quoted in the spec
//! (`spec/california.md` §1.2, §1.3, §2.1; `spec/texas.md` §2.1, §2.2, §2.5, §2.6, §4.2), never
//! read back from the rules files: a digit changed in a rules file fails one of these tests.

use std::str::FromStr;

use childsupport::{Date, Decimal, Rules};

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn date(s: &str) -> Date {
    serde_json::from_value(serde_json::Value::String(s.to_string())).unwrap()
}

fn decs(v: &[&str]) -> Vec<Decimal> {
    v.iter().map(|s| dec(s)).collect()
}

// ---------------------------------------------------------------------------------------------
// Texas §154.129(a) table against the §154.128 computation.
//
// texas.md §2.6: the table's values are "the §154.128 formula rounded to 2 decimals". With n
// children before the court, m other children, T = n + m and P(k) the §154.125(b) percentage
// (20, 25, 30, 35, 40 for 1..5 children, 40 for 6 or more: the 5-child floor), §154.128(a)(1)-(4)
// gives support = NR x P(n) x (1 - P(T) x m / T), so the cell is
//     P(n) x (100 T - P(T) m) / (100 T)   percent, exactly.
// Rounding: to two decimals, half away from zero (half-up: every cell is positive). Two cells
// are exact halves and decide the rule: m = 1, n = 3 is 27.375 -> 27.38 and m = 2, n = 2 is
// 20.625 -> 20.63. Half-to-even would print 20.62 and truncation 27.37 and 20.62, so the
// statute's table was built half-up; every one of the 56 cells then matches (checked below), so
// no cell disagrees with its source.

/// §154.125(b) percentages, literally (1..5 children; 6 or more: not less than 5 children).
const SCHEDULE_B: [i128; 5] = [20, 25, 30, 35, 40];

fn p(k: u32) -> i128 {
    SCHEDULE_B[(k.min(5) - 1) as usize]
}

/// The §154.128 percentage in hundredths of a percent, exact, as (numerator, denominator).
fn formula_hundredths(m: u32, n: u32) -> (i128, i128) {
    let t = (n + m) as i128;
    // P(n) x (100T - P(T) m) / (100 T) percent = P(n) x (100T - P(T) m) / T hundredths.
    (p(n) * (100 * t - p(n + m) * m as i128), t)
}

fn round_half_up(num: i128, den: i128) -> i128 {
    (2 * num + den).div_euclid(2 * den)
}

#[test]
fn multiple_household_table_is_the_154_128_formula_rounded_half_up() {
    let rules = Rules::embedded();
    assert_eq!(rules.texas.multiple_household_table.len(), 1);
    let table = &rules.texas.multiple_household_table[0];
    assert_eq!(table.percent_rows.len(), 8, "rows: 0..7 other children");
    let mut wrong = Vec::new();
    for (m, row) in table.percent_rows.iter().enumerate() {
        assert_eq!(
            row.0.len(),
            7,
            "row {m}: columns 1..7 children before the court"
        );
        for (j, cell) in row.0.iter().enumerate() {
            let n = j as u32 + 1;
            let (num, den) = formula_hundredths(m as u32, n);
            let expected = Decimal::from_i128_with_scale(round_half_up(num, den), 2);
            if *cell != expected {
                wrong.push(format!("m={m} n={n}: table {cell}, formula {expected}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "§154.129 cells that differ from §154.128:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_table_rounds_exact_halves_up() {
    // The two exact halves in the table: the rounding rule is visible in the statute itself.
    assert_eq!(formula_hundredths(1, 3), (30 * (400 - 35), 4)); // 2737.5 hundredths
    assert_eq!(formula_hundredths(2, 2), (25 * (400 - 35 * 2), 4)); // 2062.5 hundredths
    let t = &Rules::embedded().texas.multiple_household_table[0].percent_rows;
    assert_eq!(t[1].0[2], dec("27.38"));
    assert_eq!(t[2].0[1], dec("20.63"));
}

#[test]
fn multiple_household_table_literal_cells() {
    // The statute's printed table (texas.md §2.6), literally: a check independent of the
    // formula, so that a cell and the formula cannot drift together.
    let printed = [
        [
            "20.00", "25.00", "30.00", "35.00", "40.00", "40.00", "40.00",
        ],
        [
            "17.50", "22.50", "27.38", "32.20", "37.33", "37.71", "38.00",
        ],
        [
            "16.00", "20.63", "25.20", "30.33", "35.43", "36.00", "36.44",
        ],
        [
            "14.75", "19.00", "24.00", "29.00", "34.00", "34.67", "35.20",
        ],
        [
            "13.60", "18.33", "23.14", "28.00", "32.89", "33.60", "34.18",
        ],
        [
            "13.33", "17.86", "22.50", "27.22", "32.00", "32.73", "33.33",
        ],
        [
            "13.14", "17.50", "22.00", "26.60", "31.27", "32.00", "32.62",
        ],
        [
            "13.00", "17.22", "21.60", "26.09", "30.67", "31.38", "32.00",
        ],
    ];
    let t = &Rules::embedded().texas.multiple_household_table[0].percent_rows;
    for (m, row) in printed.iter().enumerate() {
        assert_eq!(t[m].0, decs(row), "row m = {m}");
    }
}

// ---------------------------------------------------------------------------------------------
// Texas §154.125 schedules and the cap.

#[test]
fn texas_schedules_are_154_125() {
    let tx = &Rules::embedded().texas;
    // (b) standard schedule, VERIFIED verbatim: 20/25/30/35/40 percent for 1..5 children.
    assert_eq!(tx.schedule.len(), 1);
    assert_eq!(
        tx.schedule[0].percentages,
        decs(&["0.20", "0.25", "0.30", "0.35", "0.40"])
    );
    assert_eq!(tx.schedule[0].validity.effective_from, date("1993-09-01"));
    assert_eq!(tx.schedule[0].validity.effective_through, None);
    // (c) low-income schedule (SB 286, from 2021-09-01): 15/20/25/30/35 below $1,000.
    assert_eq!(tx.low_income_schedule.len(), 1);
    let low = &tx.low_income_schedule[0];
    assert_eq!(
        low.percentages,
        decs(&["0.15", "0.20", "0.25", "0.30", "0.35"])
    );
    assert_eq!(low.below, dec("1000"));
    assert_eq!(low.validity.effective_from, date("2021-09-01"));
}

#[test]
fn texas_caps_are_154_125_a() {
    // texas.md §2.2: each figure to the day before the next; 11,700 to the day before the next
    // scheduled adjustment (2031-09-01, spec README "How far a rule is known to hold").
    let expected = [
        ("1993-09-01", "2007-08-31", "6000"),
        ("2007-09-01", "2013-08-31", "7500"),
        ("2013-09-01", "2019-08-31", "8550"),
        ("2019-09-01", "2025-08-31", "9200"),
        ("2025-09-01", "2031-08-31", "11700"),
    ];
    let caps = &Rules::embedded().texas.net_resources_cap;
    assert_eq!(caps.len(), expected.len());
    for (c, (from, through, monthly)) in caps.iter().zip(expected) {
        assert_eq!(c.validity.effective_from, date(from));
        assert_eq!(c.validity.effective_through, Some(date(through)));
        assert_eq!(c.monthly, dec(monthly), "cap from {from}");
    }
}

#[test]
fn texas_medical_dental_and_minimum_wage() {
    let tx = &Rules::embedded().texas;
    // §154.181(e)/§154.182(b)(3) 9 percent; §154.1815(a) 1.5 percent.
    assert_eq!(tx.health_reasonable_cost[0].rate, dec("0.09"));
    assert_eq!(tx.dental_reasonable_cost[0].rate, dec("0.015"));
    // §154.068(a): federal minimum wage x 40 hours; $6.55 from 2008-07-24, $7.25 from 2009-07-24.
    let mw = &tx.minimum_wage_presumption;
    assert_eq!(mw.len(), 2);
    assert_eq!(mw[0].hourly, dec("6.55"));
    assert_eq!(mw[0].validity.effective_from, date("2008-07-24"));
    assert_eq!(mw[1].hourly, dec("7.25"));
    assert_eq!(mw[1].validity.effective_from, date("2009-07-24"));
    for e in mw {
        assert_eq!((e.hours_per_week, e.weeks_per_year), (dec("40"), dec("52")));
    }
    assert_eq!(tx.age_of_majority[0].years, 18);
}

// ---------------------------------------------------------------------------------------------
// California K tables and multipliers, the statute's figures literally (california.md §1.2,
// §2.1, §1.3). A band is (up to TN, constant, TN divisor, numerator over TN).

type Band = (
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

fn check_k(id: &str, from: &str, through: Option<&str>, bands: &[Band]) {
    let k = Rules::embedded()
        .california
        .k_tables
        .iter()
        .find(|k| k.id == id)
        .unwrap_or_else(|| panic!("no K table {id}"));
    assert_eq!(k.validity.effective_from, date(from), "{id}");
    assert_eq!(k.validity.effective_through, through.map(date), "{id}");
    assert_eq!(k.bands.len(), bands.len(), "{id}: number of bands");
    for (i, (b, (up_to, constant, divisor, over))) in k.bands.iter().zip(bands).enumerate() {
        assert_eq!(b.up_to, up_to.map(dec), "{id} band {i} up_to");
        assert_eq!(b.constant, dec(constant), "{id} band {i} constant");
        assert_eq!(b.tn_divisor, divisor.map(dec), "{id} band {i} TN divisor");
        assert_eq!(
            b.numerator_over_tn,
            over.map(dec),
            "{id} band {i} numerator over TN"
        );
    }
}

#[test]
fn california_k_table_sb343_is_4055_b_3() {
    // "$0-2,900: 0.165 + TN/82,857; $2,901-5,000: 0.131 + TN/42,149; $5,001-10,000: 0.250;
    //  $10,001-15,000: 0.10 + 1,499/TN; Over $15,000: 0.12 + 1,200/TN" (operative 2024-09-01).
    check_k(
        "sb343",
        "2024-09-01",
        None,
        &[
            (Some("2900"), "0.165", Some("82857"), None),
            (Some("5000"), "0.131", Some("42149"), None),
            (Some("10000"), "0.250", None, None),
            (Some("15000"), "0.10", None, Some("1499")),
            (None, "0.12", None, Some("1200")),
        ],
    );
}

#[test]
fn california_k_table_former_is_4055_b_3() {
    // "$0-800: 0.20 + TN/16,000; $801-6,666: 0.25; $6,667-10,000: 0.10 + 1,000/TN;
    //  Over $10,000: 0.12 + 800/TN" (from 2004-01-01, the earliest copy verified, to 2024-08-31).
    check_k(
        "former",
        "2004-01-01",
        Some("2024-08-31"),
        &[
            (Some("800"), "0.20", Some("16000"), None),
            (Some("6666"), "0.25", None, None),
            (Some("10000"), "0.10", None, Some("1000")),
            (None, "0.12", None, Some("800")),
        ],
    );
}

#[test]
fn california_multipliers_are_4055_b_4() {
    // "(4) For more than one child, multiply CS by: 2 children 1.6; 3 2; 4 2.3; 5 2.5; 6 2.625;
    //  7 2.75; 8 2.813; 9 2.844; 10 2.86" (1 child: 1).
    let m = &Rules::embedded().california.child_multipliers;
    assert_eq!(m.len(), 1);
    assert_eq!(
        m[0].multipliers,
        decs(&["1", "1.6", "2", "2.3", "2.5", "2.625", "2.75", "2.813", "2.844", "2.86"])
    );
    assert_eq!(m[0].validity.effective_from, date("2004-01-01"));
}

// ---------------------------------------------------------------------------------------------
// Federal tax parameters against texas.md §4.2 ("Year | Std. deduction | Personal exemption |
// SS wage base | Brackets ... upper bounds for 10/12/22/24/32/35%; 37% above") and the payroll
// rates of 26 U.S.C. §3101 (6.2%, 1.45%, 0.9% above $200,000 single).

fn check_tax(
    name: &str,
    from: &str,
    sd: &str,
    ss_base: &str,
    edges: [&str; 6],
    p: &childsupport::rules::federal_tax::TaxParameters,
) {
    assert_eq!(p.name, name);
    assert_eq!(p.validity.effective_from, date(from), "{name}");
    let year = &from[..4];
    assert_eq!(
        p.validity.effective_through,
        Some(date(&format!("{year}-12-31"))),
        "{name}"
    );
    assert_eq!(p.standard_deduction, dec(sd), "{name} standard deduction");
    assert_eq!(p.personal_exemption, dec("0"), "{name} personal exemption");
    assert_eq!(
        p.social_security_wage_base,
        dec(ss_base),
        "{name} SS wage base"
    );
    let rates = ["0.10", "0.12", "0.22", "0.24", "0.32", "0.35", "0.37"];
    assert_eq!(p.brackets.len(), 7, "{name} brackets");
    for (i, b) in p.brackets.iter().enumerate() {
        assert_eq!(b.rate, dec(rates[i]), "{name} bracket {i} rate");
        assert_eq!(
            b.up_to,
            edges.get(i).map(|e| dec(e)),
            "{name} bracket {i} edge"
        );
    }
    assert_eq!(p.social_security_rate, dec("0.062"));
    assert_eq!(p.medicare_rate, dec("0.0145"));
    assert_eq!(p.additional_medicare_rate, dec("0.009"));
    assert_eq!(p.additional_medicare_threshold, dec("200000"));
}

#[test]
fn federal_tax_parameters_are_the_published_figures() {
    let f = &Rules::embedded().federal_tax;
    assert_eq!(f.parameters.len(), 3, "tax years 2024, 2025, 2026");
    check_tax(
        "2024",
        "2024-01-01",
        "14600",
        "168600",
        ["11600", "47150", "100525", "191950", "243725", "609350"],
        &f.parameters[0],
    );
    // 2025: the January 2025 chart (standard deduction 15,000) is the default (README).
    check_tax(
        "2025",
        "2025-01-01",
        "15000",
        "176100",
        ["11925", "48475", "103350", "197300", "250525", "626350"],
        &f.parameters[1],
    );
    check_tax(
        "2026",
        "2026-01-01",
        "16100",
        "184500",
        ["12400", "50400", "105700", "201775", "256225", "640600"],
        &f.parameters[2],
    );
    // The alternative 2025 set: standard deduction 15,750 (OBBBA), otherwise the 2025 figures.
    assert_eq!(f.alternative_parameters.len(), 1);
    check_tax(
        "2025_sd_15750",
        "2025-01-01",
        "15750",
        "176100",
        ["11925", "48475", "103350", "197300", "250525", "626350"],
        &f.alternative_parameters[0],
    );
}

// ---------------------------------------------------------------------------------------------
// Citations and date coverage of every series.

/// Every series of the embedded rules: (jurisdiction.series, entries), read generically from
/// the rules' own serialisation so that a series added later is checked too.
fn all_series() -> Vec<(String, Vec<serde_json::Value>)> {
    let v = serde_json::to_value(Rules::embedded()).unwrap();
    let mut out = Vec::new();
    for (jurisdiction, series) in v.as_object().unwrap() {
        if jurisdiction == "meta" {
            continue;
        }
        for (name, entries) in series.as_object().unwrap() {
            let entries = entries
                .as_array()
                .unwrap_or_else(|| panic!("{jurisdiction}.{name} is not a series"));
            // A per-state series (entries naming their `state`) is one series per state.
            let mut states: Vec<Option<&str>> = entries
                .iter()
                .map(|e| e.get("state").and_then(|s| s.as_str()))
                .collect();
            states.sort_unstable();
            states.dedup();
            for state in states {
                let mine: Vec<serde_json::Value> = entries
                    .iter()
                    .filter(|e| e.get("state").and_then(|s| s.as_str()) == state)
                    .cloned()
                    .collect();
                let label = match state {
                    Some(s) => format!("{jurisdiction}.{name} ({s})"),
                    None => format!("{jurisdiction}.{name}"),
                };
                out.push((label, mine));
            }
        }
    }
    out
}

#[test]
fn every_rules_entry_has_a_citation_and_a_status() {
    let series = all_series();
    assert!(series.len() >= 29, "found only {} series", series.len());
    let mut missing = Vec::new();
    for (name, entries) in &series {
        assert!(!entries.is_empty(), "{name} is empty");
        for (i, e) in entries.iter().enumerate() {
            let cite = e.get("citation").and_then(|c| c.as_str()).unwrap_or("");
            if cite.trim().is_empty() {
                missing.push(format!("{name}[{i}]"));
            }
            assert!(
                e.get("status").and_then(|s| s.as_str()).is_some(),
                "{name}[{i}] has no status"
            );
            assert!(
                e.get("effective_from").is_some(),
                "{name}[{i}] has no effective_from"
            );
        }
    }
    assert!(
        missing.is_empty(),
        "entries with no citation: {}",
        missing.join(", ")
    );
}

fn span(e: &serde_json::Value) -> (Date, Option<Date>) {
    let from = date(e["effective_from"].as_str().unwrap());
    let through = e
        .get("effective_through")
        .and_then(|t| t.as_str())
        .map(date);
    (from, through)
}

/// Series whose coverage the spec says is continuous from their first entry, with the first
/// day and the last day (None: open-ended, "until changed") the spec gives:
/// - texas.net_resources_cap: each cap holds to the day before the next, the last to the day
///   before the next scheduled adjustment, 2031-08-31 (README "How far a rule is known to hold";
///   texas.md §2.2).
/// - california.k_tables, california.low_income_method, california.add_on_apportionment: the
///   former law to 2024-08-31 and SB 343 from 2024-09-01 (§4055(d)); covered from 2004-01-01
///   (README: the earliest copy verified).
/// - california.minimum_wage: each figure for its calendar year, 2024-2026 (README).
/// - federal_tax.parameters: one entry per tax year, 2024-2026, no missing year inside.
/// - arrears.california_crediting (the AB 2669 change on 2009-01-01) and arrears.texas_crediting
///   (the SB 865 change on 2010-01-01): every payment date from the start must have an order.
/// - texas.minimum_wage_presumption: $6.55 then $7.25, the federal wage with no gap.
/// - arrears.*_interest and *_accrual: rates "until changed by law" (open-ended, README).
const CONTINUOUS: &[(&str, &str, Option<&str>)] = &[
    ("texas.net_resources_cap", "1993-09-01", Some("2031-08-31")),
    ("texas.schedule", "1993-09-01", None),
    ("texas.minimum_wage_presumption", "2008-07-24", None),
    ("california.k_tables", "2004-01-01", None),
    ("california.child_multipliers", "2004-01-01", None),
    ("california.low_income_method", "2004-01-01", None),
    ("california.add_on_apportionment", "2004-01-01", None),
    ("california.minimum_wage", "2024-01-01", Some("2026-12-31")),
    ("federal_tax.parameters", "2024-01-01", Some("2026-12-31")),
    ("arrears.california_interest", "1983-07-01", None),
    ("arrears.california_accrual", "1983-07-01", None),
    ("arrears.california_crediting", "1983-07-01", None),
    ("arrears.texas_interest", "2002-01-01", None),
    ("arrears.texas_accrual", "2002-01-01", None),
    ("arrears.texas_crediting", "2002-01-01", None),
    ("arrears.texas_withholding", "2002-01-01", None),
    ("arrears.texas_withholding_limit", "2002-01-01", None),
];

#[test]
fn continuous_series_have_no_gap_and_no_overlap() {
    let series = all_series();
    for (name, first, last) in CONTINUOUS {
        let entries = &series
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no series {name}"))
            .1;
        let spans: Vec<_> = entries.iter().map(span).collect();
        assert_eq!(spans[0].0, date(first), "{name} starts");
        for (i, w) in spans.windows(2).enumerate() {
            let through = w[0]
                .1
                .unwrap_or_else(|| panic!("{name}[{i}] is open-ended but not last"));
            let next = through.add_days(1).unwrap();
            assert!(
                w[1].0 == next,
                "{name}[{i}] holds through {through} but {name}[{}] starts {}: {}",
                i + 1,
                w[1].0,
                if w[1].0 > next { "a gap" } else { "an overlap" }
            );
        }
        assert_eq!(spans.last().unwrap().1, last.map(date), "{name} ends");
    }
}

#[test]
fn no_series_overlaps_itself() {
    // Every series, continuous or not: entries in date order, none overlapping. (Interest rate
    // entries limited to a due range may overlap in accrual dates only with a different due
    // range: none are in the default rules, so the plain check holds for every series.)
    for (name, entries) in all_series() {
        let spans: Vec<_> = entries.iter().map(span).collect();
        for (i, w) in spans.windows(2).enumerate() {
            let through = w[0]
                .1
                .unwrap_or_else(|| panic!("{name}[{i}] is open-ended but not last"));
            assert!(w[1].0 > through, "{name}[{}] overlaps {name}[{i}]", i + 1);
        }
    }
}
