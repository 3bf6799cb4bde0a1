//! The app's home, "Your CAFs on this device": every stored draft
//! (`rows.rs`), Recently deleted (`deleted.rs`), entries that could not be
//! read, and import (`import.rs`); opening it removes deleted copies past
//! their 30 days (`expiry.rs`).

use leptos::prelude::*;

use crate::domain::Draft;
use crate::form::standing::{caseload, overdue_count, overdue_line};
use crate::storage::{Listing, SaveError};
use crate::ui::app::{AppState, View};
use crate::ui::on_demand::{LockForms, LockPart};
use crate::ui::platform;

mod deleted;
mod expiry;
mod import;
mod rows;

use deleted::RecentlyDeleted;
use expiry::remove_expired_deleted;
use import::{Import, ImportFile, ImportQuestions};
use rows::{DraftRow, UnreadableRow};

/// The drafts page.
#[component]
pub fn DraftsPage() -> impl IntoView {
    let app = expect_context::<AppState>();
    let listing = RwSignal::new(Listing::default());
    let refresh = move || match app.store.with_value(|store| store.list()) {
        Ok(found) => listing.set(found),
        Err(err) => app.say(err.to_string(), true),
    };
    refresh();
    // Once each time the page opens, after it is drawn: not while drawing it.
    Effect::new(move |_| remove_expired_deleted(app, refresh));
    // One choice for every place a CAF is named (domain/naming.rs).
    let show_names = app.show_names;
    let import = Import::new(app);

    let start_new = move |_| {
        let now = platform::now_rfc3339();
        let draft = Draft {
            id: platform::new_id(),
            created_at: now.clone(),
            updated_at: now,
            version: 1,
            ..Draft::default()
        };
        app.view.set(View::Open(Box::new(draft)));
    };

    // What needs attention first, and apart the closed CAFs kept longer
    // than the council's retention period (form/standing.rs). Each reactive
    // part of a page costs the first load code, so the two lists are one.
    let lists = move || {
        let months = app.settings.with(|s| s.retention_months_after_closure);
        caseload(listing.get().drafts, platform::today(), months)
    };
    let overdue = move || {
        overdue_line(overdue_count(&lists().0, platform::today()))
            .map(|line| view! { <p class="caf-notice caf-notice--problem" id="reviews-overdue"><strong>{line}</strong></p> })
    };
    let drafts = move || {
        let today = platform::today();
        let names = show_names.get();
        let settings = app.settings.get();
        let months = settings.retention_months_after_closure;
        let row = |draft: Draft| view! { <DraftRow draft=draft today=today show_names=names settings=settings.clone() on_change=Callback::new(move |_| refresh())/> };
        let (current, old) = lists();
        let n_old = old.len();
        view! {
            <ul class="caf-drafts" id="drafts">{current.into_iter().map(row).collect_view()}</ul>
            <div hidden=n_old == 0>
                <h2 class="caf-heading-m" id="no-longer-needed">"Closed CAFs you may no longer need"</h2>
                <p class="caf-body">{format!(
                    "These CAFs were closed more than {months} month{} ago. Keep personal details only as long as your organisation's records policy says: export a draft file of any you must keep, then delete them from this device.",
                    if months == 1 { "" } else { "s" }
                )}</p>
                <ul class="caf-drafts" id="closed-drafts">{old.into_iter().map(row).collect_view()}</ul>
            </div>
        }
    };
    let unreadable = move || {
        listing
            .get()
            .unreadable
            .into_iter()
            .map(|entry| view! { <UnreadableRow entry=entry/> })
            .collect_view()
    };
    view! {
        <h1 class="caf-heading-l" id="step-heading" tabindex="-1">"Your CAFs on this device"</h1>
        {overdue}
        <div class="caf-inset" id="device-notice">
            <p class="caf-body">
                "Drafts are kept only in this browser on this device. Nothing is sent anywhere. Clearing your browsing data deletes them."
            </p>
            <p class="caf-body">"To keep a copy somewhere else, or to move a draft to another device, export a draft file."</p>
        </div>
        <ImportQuestions import=import/>
        <button type="button" class="caf-button" id="start-new" on:click=start_new>"Start a new CAF"</button>
        <div class="caf-field">
            <div class="caf-checkboxes__item">
                <input class="caf-checkboxes__input" type="checkbox" id="show-names" prop:checked=move || show_names.get() on:change:target=move |ev| show_names.set(ev.target().checked())/>
                <label class="caf-label caf-checkboxes__label" for="show-names">"Show names"</label>
            </div>
            <div class="caf-hint">"Names are hidden because other people may see this screen."</div>
        </div>
        {drafts}
        {unreadable}
        <ImportFile import=import/>
        <RecentlyDeleted listing=listing on_change=refresh/>
        <LockForms part=LockPart::Panel { on_change: Callback::new(move |_| refresh()) }/>
    }
}

/// A refused import or restore, in words for the drafts page (where there is
/// no open draft to download).
fn not_stored_words(err: &SaveError, what: &str) -> String {
    match err {
        SaveError::QuotaExceeded => format!(
            "{what}: this browser's storage is full. Empty Recently deleted to make room, or export drafts you no longer need and delete them, then try again."
        ),
        SaveError::Unavailable => format!("{what}: this browser is not letting CAF Lite save anything."),
        other => format!("{what}: {}", other.to_string().trim_start_matches("Not saved: ")),
    }
}
