//! CAF Lite: a short Common Assessment Framework that runs entirely in the
//! browser. The pure core (`domain`, `form`, `validate`, `storage::format`,
//! `pdf`, `print`) is tested natively; `ui` and the storage adapter only build
//! for the browser. See ARCHITECTURE.md for the code map and its rules.

pub mod domain;
#[cfg(target_arch = "wasm32")]
pub mod ui;
