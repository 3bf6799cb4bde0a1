//! The page: Leptos components over the pure core. Holds no rules of its own.

mod app;
mod pages;
mod persist;
mod platform;
mod state;
mod widgets;

pub use app::App;
