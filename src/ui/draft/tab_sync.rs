//! Another tab or window writing the open draft: learnt from the storage
//! event at once (not at the next save) and, back from the back/forward
//! cache where no event arrives, by asking the store. Saving then stops
//! (`Autosave::conflict`), and `ConflictPanel` offers the newer version or
//! keeping this tab's as a copy: nothing is overwritten.

use leptos::prelude::*;

use crate::storage;
use crate::ui::app::{AppState, View};
use crate::ui::draft::autosave::Autosave;
use crate::ui::draft::keep_copy::keep_as_copy;
use crate::ui::state::use_form_state;

/// Listens, while the draft `id` is open, for writes of it by another tab
/// or window.
pub fn watch_other_tabs(app: AppState, id: &str, autosave: Autosave) {
    let key = storage::draft_key(id);
    let on_storage = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() != Some(key.as_str()) {
            return;
        }
        let stored = ev.new_value().and_then(|text| storage::stored_base(&text));
        if let Some(stored) = stored {
            // Any other write, whatever its revision number (it may be frozen at MAX).
            if stored != autosave.base() {
                changed_elsewhere(app, autosave, stored.revision);
            }
        }
    });
    // Back from the back/forward cache: another tab may have written this
    // draft (a withdrawal, say) with no storage event reaching this page.
    let id = id.to_owned();
    let on_return = window_event_listener(leptos::ev::pageshow, move |ev| {
        if !ev.persisted() || autosave.conflict.get_untracked().is_some() {
            return;
        }
        let current = autosave.base();
        if let Ok(false) = app.store.with_value(|store| store.holds(&id, &current)) {
            changed_elsewhere(app, autosave, current.revision);
        }
    });
    on_cleanup(move || {
        on_storage.remove();
        on_return.remove();
    });
}

/// Stops saving (the stored draft is at `revision` now) and says why.
fn changed_elsewhere(app: AppState, autosave: Autosave, revision: u64) {
    autosave.conflict.set(Some(revision));
    app.say(
        "This draft has been changed in another tab or window.",
        true,
    );
}

/// Once another tab or window has written the draft: what happened, "Load
/// the newer version" and "Keep mine as a copy".
#[component]
pub fn ConflictPanel(
    /// The open draft's saving, whose `conflict` says the draft was written elsewhere.
    autosave: Autosave,
) -> impl IntoView {
    let app = expect_context::<AppState>();
    let state = use_form_state();
    let load_newer = move |_| {
        let id = state.draft.with_untracked(|draft| draft.id.clone());
        match app.store.with_value(|store| store.load(&id)) {
            Ok(Some(newer)) => {
                // Stay on the page the user was working on.
                app.start_page.set_value(Some(state.page.get_untracked()));
                app.say("Opened the newer version.", false);
                app.view.set(View::Open(Box::new(newer)));
            }
            Ok(None) => app.say(
                "The newer version is no longer stored on this device.",
                true,
            ),
            Err(err) => app.say(err.to_string(), true),
        }
    };
    move || {
        autosave.conflict.get().map(|_| {
            view! {
                <div class="caf-warning-panel" role="alert" id="conflict-panel">
                    <h2 class="caf-heading-m">"This draft was changed somewhere else"</h2>
                    <p class="caf-body">
                        "Another tab or window saved newer work on this draft. Your latest changes here have not been saved, so that nothing is overwritten."
                    </p>
                    <button type="button" class="caf-button" id="load-newer" on:click=load_newer>"Load the newer version"</button>
                    <button type="button" class="caf-button caf-button--secondary" id="keep-copy" on:click=move |_| keep_as_copy(app, state)>"Keep mine as a copy"</button>
                </div>
            }
        })
    }
}
