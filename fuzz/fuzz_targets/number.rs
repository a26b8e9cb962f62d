//! `import::number`: amounts written the French, Belgian or English way.

#![no_main]

use explorer_core::import::{parse_amount, parse_optional_amount};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let optional = parse_optional_amount(&text);
    match parse_amount(&text) {
        Ok(value) => {
            assert!(value.is_finite());
            assert_eq!(optional, Ok(Some(value)));
        }
        Err(_) => assert!(!matches!(optional, Ok(Some(_)))),
    }
});
