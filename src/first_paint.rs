//! Work left until the first screen is painted, so that the map shows sooner.

use leptos::prelude::{request_animation_frame, set_timeout, ReadSignal, RwSignal, Set};
use std::time::Duration;

/// Runs `work` in the first task after the next frame: once that frame is painted.
pub fn after_next_paint(work: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(work, Duration::ZERO));
}

/// A signal that turns true once the next frame is painted: a page shows what lies
/// beside or below its first screen's essentials from then on, so that their building
/// (and the first compilation of their code) does not delay that frame.
pub fn painted() -> ReadSignal<bool> {
    let painted = RwSignal::new(false);
    after_next_paint(move || painted.set(true));
    painted.read_only()
}
