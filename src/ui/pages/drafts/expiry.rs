//! Copies in Recently deleted for 30 days or more are removed for good
//! (caf-form.md §6), once each time the drafts page opens: counted to a day
//! no later than the newest date stored when the page was opened, so a
//! clock set ahead does not empty Recently deleted (`storage::expiry_day`).

use leptos::prelude::*;

use crate::domain::Date;
use crate::storage::{expiry_day, newest_stored_day, DELETED_KEEP_DAYS};
use crate::ui::app::AppState;
use crate::ui::pages::drafts::not_stored_words;
use crate::ui::platform;

/// The newest date stored on this device when the drafts page was first
/// shown after the page was opened (`storage::newest_stored_day`); saves
/// made since, under what may be a wrong clock, do not count.
static NEWEST_STORED_AT_OPEN: std::sync::OnceLock<Option<Date>> = std::sync::OnceLock::new();

/// Removes the deleted copies whose 30 days are over, then says how many
/// went and calls `on_removed` (the page lists again); says so if they
/// could not be removed.
pub fn remove_expired_deleted(app: AppState, on_removed: impl Fn() + 'static) {
    let newest = *NEWEST_STORED_AT_OPEN.get_or_init(|| {
        app.store
            .with_value(|store| store.list().ok())
            .and_then(|listing| newest_stored_day(&listing))
    });
    let expiry = expiry_day(platform::today(), newest);
    let store = app.store.get_value();
    leptos::task::spawn_local(async move {
        match store.remove_expired(expiry).await {
            Ok(0) => {}
            Ok(n) => {
                on_removed();
                app.say(
                    format!(
                        "{n} deleted draft{} kept for {DELETED_KEEP_DAYS} days {} removed.",
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "was" } else { "were" }
                    ),
                    false,
                )
            }
            Err(err) => app.say(
                not_stored_words(&err, "Old deleted drafts were not removed"),
                true,
            ),
        }
    });
}
