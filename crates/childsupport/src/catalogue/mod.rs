//! The catalogue of worksheet steps: every step's stable key, its label and its citation, written
//! once as static data.
//!
//! Engines name a step by its [`StepDef`] and give it a typed value; they never build labels or
//! citations as text. One place holds the words a judge reads, so they can be reviewed (and
//! rewritten) without touching a formula, and a test checks them all: unique keys, a citation on
//! every step, and no file name, web address or internal word in a label or a citation.
//!
//! The library's own readings, where the law is silent, are cited by their ID ("library reading
//! R-3"), documented in `docs/readings.md`.

pub mod california;
pub mod california_income;
pub mod texas;

pub use crate::worksheet::StepDef;

/// Every step of the catalogue.
pub fn all() -> Vec<&'static StepDef> {
    let mut v = Vec::new();
    v.extend_from_slice(california::ALL);
    v.extend_from_slice(texas::ALL);
    v.extend_from_slice(california_income::ALL);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_every_step_cites_its_authority() {
        let steps = all();
        // A key names a step's place; variants of one step (K below or above 50%) share it.
        let mut keys: Vec<(&str, &str)> = steps.iter().map(|s| (s.key, s.label)).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before, "duplicate step keys");
        for s in &steps {
            assert!(!s.label.is_empty(), "{}: no label", s.key);
            // A step whose authority is a rules entry may leave the citation to that entry
            // (`record_rule`); all others cite the law or a library reading.
            for text in [s.label, s.citation] {
                for part in [
                    ".md",
                    "http",
                    "www.",
                    "README",
                    "UNVERIFIED",
                    "SECONDARY",
                    "_",
                ] {
                    assert!(!text.contains(part), "{}: {text:?} has {part:?}", s.key);
                }
                for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
                    let w = word.to_ascii_lowercase();
                    assert!(
                        !["spec", "engine", "parent_a", "todo", "caller"].contains(&w.as_str()),
                        "{}: {text:?} says {word:?}",
                        s.key
                    );
                }
            }
        }
    }

    #[test]
    fn every_reading_cited_is_documented() {
        let readings = include_str!("../../../../docs/readings.md");
        for s in all() {
            let mut rest = s.citation;
            while let Some(i) = rest.find("library reading R-") {
                let tail = &rest[i + "library reading ".len()..];
                let id: String = tail
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                assert!(
                    readings.contains(&format!("## {id}")),
                    "{}: cites {id}, not in docs/readings.md",
                    s.key
                );
                rest = &tail[id.len()..];
            }
        }
    }
}
