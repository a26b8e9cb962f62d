//! `explore::ExplorerState::from_query`: any query string gives a state, and
//! the canonical query of a state reads back to it without notice.

#![no_main]

use explorer_core::explore::ExplorerState;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let (state, _) = ExplorerState::from_query(&query);
    let canonical = state.to_query();
    let (again, notices) = ExplorerState::from_query(&canonical);
    assert_eq!(
        again, state,
        "from_query(to_query(s)) == s for {canonical:?}"
    );
    assert!(
        notices.is_empty(),
        "canonical query {canonical:?}: {notices:?}"
    );
    assert_eq!(again.to_query(), canonical);
    let _ = state.active_filters();
});
