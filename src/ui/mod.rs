//! The page: Leptos components over the pure core. Holds no rules of its own.

pub mod app;
pub mod crash;
mod draft;
mod on_demand;
mod pages;
mod pdf_worker;
mod platform;
mod router;
mod state;
mod widgets;

pub use app::App;
