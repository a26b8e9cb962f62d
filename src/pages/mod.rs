//! One module per page.

pub mod about;
pub mod barometer;
pub mod explorer;
