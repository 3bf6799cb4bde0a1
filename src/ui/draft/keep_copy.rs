//! "Keep mine as a copy": what this tab holds of the open draft, stored as a
//! new draft under a new id and opened, when the stored one cannot take it
//! (another tab or window wrote it, or it cannot be read).

use leptos::prelude::*;

use crate::domain::set_aside_for_copy;
use crate::storage::Base;
use crate::ui::app::{AppState, View};
use crate::ui::platform;
use crate::ui::state::FormState;

/// Stores the open draft as a separate copy and opens it on the same page.
pub fn keep_as_copy(app: AppState, state: FormState) {
    let mut copy = state.draft.get_untracked();
    // The original's agreement stays with the original (which the other
    // tab may have withdrawn): the copy has to be agreed on its own.
    let had_record = !copy.data.consent.recorded_fingerprint.is_empty();
    set_aside_for_copy(&mut copy.data, &copy.id);
    copy.id = platform::new_id();
    copy.revision = 0;
    copy.created_at = platform::now_rfc3339();
    copy.updated_at = copy.created_at.clone();
    match app
        .store
        .with_value(|store| store.save(&copy, &Base::default()))
    {
        Ok(saved) => {
            copy.revision = saved.revision;
            copy.write_token = saved.token;
            // Stay on the page the user was working on.
            app.start_page.set_value(Some(state.page.get_untracked()));
            app.say(
                if had_record {
                    "Your version is kept as a separate copy. The agreement recorded on the original does not cover the copy: record it again with the family before sharing."
                } else {
                    "Your version is kept as a separate copy."
                },
                false,
            );
            app.view.set(View::Open(Box::new(copy)));
        }
        Err(err) => app.say(err.to_string(), true),
    }
}
