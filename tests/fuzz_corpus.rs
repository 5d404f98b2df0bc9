//! Every fuzz corpus and every crash the fuzzers found, replayed on stable as ordinary tests
//! through the same checks the fuzz targets run (`fuzz/harness`): no panic, JSON answers, the
//! five codes, the C typed call agreeing with the JSON interface. See fuzz/README.md.

use std::path::{Path, PathBuf};

use childsupport_fuzz_harness as harness;

/// A target's check of one input.
type Check = fn(&[u8]);

/// Each target and its check.
const TARGETS: &[(&str, Check)] = &[
    ("json_api", harness::json_api),
    ("california", |d| {
        harness::engine(harness::Engine::California, d)
    }),
    ("texas", |d| harness::engine(harness::Engine::Texas, d)),
    ("california_from_gross", |d| {
        harness::engine(harness::Engine::CaliforniaFromGross, d)
    }),
    ("arrears", |d| harness::engine(harness::Engine::Arrears, d)),
    ("rules_loader", harness::rules_loader),
    ("c_typed", harness::c_typed),
];

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    out.retain(|p| p.is_file());
    out.sort();
    out
}

fn replay(kind: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz")
        .join(kind);
    let mut n = 0;
    for (target, check) in TARGETS {
        for file in files(&root.join(target)) {
            let data = std::fs::read(&file).unwrap();
            let result = std::panic::catch_unwind(|| check(&data));
            assert!(
                result.is_ok(),
                "{} fails its target's check",
                file.display()
            );
            n += 1;
        }
    }
    n
}

#[test]
fn every_corpus_file_passes_its_target() {
    let n = replay("corpus");
    assert!(
        n >= TARGETS.len(),
        "only {n} corpus files: is fuzz/corpus there?"
    );
}

#[test]
fn every_crash_found_is_fixed() {
    replay("regressions");
}

#[test]
fn every_target_has_a_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
    for (target, _) in TARGETS {
        assert!(
            !files(&root.join(target)).is_empty(),
            "fuzz/corpus/{target} is empty"
        );
    }
}
