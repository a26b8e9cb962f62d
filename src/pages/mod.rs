//! One module per page.

pub mod about;
pub mod barometer;
pub mod commune;
pub mod communes;
pub mod data;
pub mod data_embed;
pub mod embed;
pub mod explorer;
pub mod programme;
pub mod project;
