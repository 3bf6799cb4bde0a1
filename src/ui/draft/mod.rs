//! An open draft: `DraftView` and the concerns around its pages, one a file.
//! Reached only from `on_demand::draft_pages`, so the release build puts all
//! of it in the draft pages' module.

mod autosave;
mod freshness;
mod keep_copy;
mod navigation;
mod recovery;
mod tab_sync;
mod view;

pub use freshness::{Freshness, STALE_PRINT};
pub(crate) use view::DraftView;
