//! Gives the shared library an ELF soname, `libchildsupport.so.MAJOR`, so that programs linked
//! with `-lchildsupport` record the major version they were built for and keep loading any
//! compatible `libchildsupport.so.MAJOR.MINOR.PATCH` installed later (scripts/install-c.sh
//! installs the file and the two links). Not on Apple or Windows targets, which name shared
//! libraries their own way.

fn main() {
    let family = std::env::var("CARGO_CFG_TARGET_FAMILY").unwrap_or_default();
    let vendor = std::env::var("CARGO_CFG_TARGET_VENDOR").unwrap_or_default();
    if family.split(',').any(|f| f == "unix") && vendor != "apple" {
        println!(
            "cargo:rustc-cdylib-link-arg=-Wl,-soname,libchildsupport.so.{}",
            env!("CARGO_PKG_VERSION_MAJOR")
        );
    }
}
