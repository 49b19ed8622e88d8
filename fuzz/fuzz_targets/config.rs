//! `gatehouse.toml` (`Config::from_toml`): any text must merge onto the defaults and validate,
//! or be refused with a configuration error, never panic.
#![no_main]

use gatehouse_core::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Config::from_toml(text);
});
