//! Generates `include/childsupport.h` with cbindgen and fails when the committed copy is stale.
//!
//! When the generated header differs from the file, the file is rewritten and the test fails:
//! review the diff (`git diff include`) and commit it. With
//! `CHILDSUPPORT_HEADER_CHECK_ONLY=1` the file is left alone (a read-only check).

use std::path::Path;

fn generate() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config =
        cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml reads");
    config.after_includes = Some(format!(
        "\n/** The version of the library this header was generated from (see cs_version()). */\n\
         #define CHILDSUPPORT_VERSION \"{}\"\n\
         /** The major version: a change means an incompatible change of the interface. */\n\
         #define CHILDSUPPORT_VERSION_MAJOR {}\n\
         /** The minor version: additions that keep every existing call working. */\n\
         #define CHILDSUPPORT_VERSION_MINOR {}\n\
         /** The patch version: fixes. */\n\
         #define CHILDSUPPORT_VERSION_PATCH {}\n",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH"),
    ));
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(dir.join("src/lib.rs"))
        .generate()
        .expect("cbindgen generates the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("the header is UTF-8")
}

#[test]
fn header_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../include/childsupport.h");
    let generated = generate();
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if generated != committed {
        if std::env::var_os("CHILDSUPPORT_HEADER_CHECK_ONLY").is_none() {
            std::fs::write(&path, &generated).expect("the header writes");
        }
        panic!(
            "{} was stale: it has been regenerated; review `git diff` and commit it",
            path.display()
        );
    }
}

#[test]
fn header_declares_every_export() {
    let header = generate();
    for name in [
        "cs_version",
        "cs_kinds_json",
        "cs_status_name",
        "cs_rules_default",
        "cs_rules_from_toml",
        "cs_rules_from_file",
        "cs_rules_version",
        "cs_rules_free",
        "cs_compute_json",
        "cs_response_status",
        "cs_response_json",
        "cs_response_error_message",
        "cs_response_error_field",
        "cs_response_free",
        "cs_error_status",
        "cs_error_message",
        "cs_error_field",
        "cs_error_json",
        "cs_error_free",
        "cs_json_get",
        "cs_json_array_len",
        "cs_response_get",
        "cs_response_array_len",
        "cs_california_guideline",
        "cs_california_guideline_cents",
        "cs_parent_name",
    ] {
        assert!(
            header.contains(&format!(" {name}(")) || header.contains(&format!("*{name}(")),
            "{name} is not declared in the header"
        );
    }
    for name in [
        "CHILDSUPPORT_VERSION_MAJOR",
        "CS_STATUS_OK 0",
        "CS_STATUS_INVALID_INPUT 1",
        "CS_STATUS_NULL_POINTER 100",
        "CS_STATUS_INTERNAL 255",
        "CS_PARENT_A = 0",
        "CS_PARENT_B = 1",
        "CS_DECIMAL_LEN 48",
        "typedef struct cs_rules cs_rules;",
    ] {
        assert!(header.contains(name), "{name} is not in the header");
    }
}
