//! Runs every shared conformance vector through the Rust API.

#[test]
fn every_vector_passes() {
    let cases = childsupport_conformance::cases();
    assert!(
        cases.len() >= 20,
        "expected the spec's vectors, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        for problem in childsupport_conformance::check(case) {
            failures.push(format!("{} {}: {problem}", case.file, case.id));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{} conformance cases passed", cases.len());
}

#[test]
fn case_ids_are_unique() {
    let mut seen = std::collections::HashSet::new();
    for case in childsupport_conformance::cases() {
        assert!(
            seen.insert(case.id.clone()),
            "duplicate case id {}",
            case.id
        );
    }
}
