//! Any bytes as a rules file: an error list or a rule set, never a panic or a hang.
#![no_main]

use claimex::Rules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = Rules::from_sources(&[("fuzz.toml".to_string(), text)]);
});
