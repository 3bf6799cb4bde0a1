//! Autosave of the open draft: at most `SAVE_DELAY` after the first unsaved
//! change, at once on pagehide, visibilitychange and leaving the draft, and
//! whenever another part asks first (a page change, a printout, locking).
//! The status region says "Saved" or why not. A save never overwrites a write
//! it has not seen: once another tab or window has written the draft
//! (`conflict`), saving stops until the user chooses.

use std::time::Duration;

use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;

use crate::storage::format::encode_stored;
use crate::storage::{self, Base, SaveError, Unsaved};
use crate::ui::app::{AppState, SAVED_WORDS};
use crate::ui::crash;
use crate::ui::platform;
use crate::ui::state::FormState;

/// The status after a change is kept in memory only (no localStorage).
const NOT_PERSISTENT_MESSAGE: &str = "Not saved on this device: this browser is not letting CAF Lite save anything, so this draft is kept only until this page is closed. Download this draft now to keep your work.";

/// The longest an unsaved change waits to be stored, however steadily the
/// user types (caf-form.md §6: within one second). Counted from the first
/// unsaved change, not from the last key.
pub const SAVE_DELAY: Duration = Duration::from_millis(500);

/// The open draft's saving: started once by `DraftView`, and shared with
/// the parts that save first or stop it.
#[derive(Clone, Copy)]
pub struct Autosave {
    app: AppState,
    state: FormState,
    /// The stored revision and write token this tab last saw: the draft's
    /// as it opened, then each save's.
    base: StoredValue<Base>,
    /// The stored revision, once another tab or window is known to have
    /// written the draft: saving stops until the user chooses.
    pub conflict: RwSignal<Option<u64>>,
    /// The last save's failure (other than a conflict), for the remedy buttons.
    pub failed: RwSignal<Option<SaveError>>,
    /// Whether the draft holds a change that is not stored yet.
    dirty: StoredValue<bool>,
    /// The save waiting to run, at most SAVE_DELAY after the first unsaved change.
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl Autosave {
    /// Starts saving the draft `state` holds, stored as `base` when it
    /// opened: after every change, on pagehide and visibilitychange, when
    /// the app locks (`AppState::save_open`) and when the draft is left.
    pub fn start(app: AppState, state: FormState, base: Base) -> Autosave {
        let autosave = Autosave {
            app,
            state,
            base: StoredValue::new(base),
            conflict: RwSignal::new(None),
            failed: RwSignal::new(None),
            dirty: StoredValue::new(false),
            pending: StoredValue::new(None),
        };
        autosave.save_after_changes();
        app.save_open
            .set_value(Some(Callback::new(move |_: ()| autosave.save_now())));
        autosave.follow_locked_store();
        let on_hide = window_event_listener(leptos::ev::pagehide, move |_| autosave.save_now());
        let on_visibility =
            window_event_listener(leptos::ev::visibilitychange, move |_| autosave.save_now());
        on_cleanup(move || {
            // Leaving the draft (to the drafts page, or another draft) saves at once.
            autosave.save_now();
            crash::note_saved(None);
            let _ = app.save_open.try_set_value(None);
            on_hide.remove();
            on_visibility.remove();
        });
        autosave
    }

    /// The stored revision and write token this tab last saw.
    pub fn base(self) -> Base {
        self.base.get_value()
    }

    /// Saves a change made outside the form's inputs (written in as the
    /// draft opened, or brought back from a failed save) at once.
    pub fn save_change(self) {
        self.dirty.set_value(true);
        self.save_now();
    }

    /// Stores the draft's unsaved change now, unless another tab or window
    /// has written it since this tab last saw it.
    pub fn save_now(self) {
        let Autosave {
            app,
            state,
            base,
            conflict,
            failed,
            dirty,
            pending,
        } = self;
        // `try_` reads: this also runs while the draft view is being closed.
        if let Some(Some(handle)) = pending.try_update_value(|pending| pending.take()) {
            handle.clear();
        }
        if !dirty.try_get_value().unwrap_or(false)
            || conflict.try_get_untracked().flatten().is_some()
        {
            return;
        }
        crash::panic_if_a_test_asked();
        let Some(mut draft) = state.draft.try_get_untracked() else {
            return;
        };
        let Some(current) = base.try_get_value() else {
            return;
        };
        draft.updated_at = platform::now_rfc3339();
        // Changed here: no longer just as the file had it.
        draft.imported_at.clear();
        let result = app.store.with_value(|store| store.save(&draft, &current));
        match result {
            Ok(saved) => {
                let _ = base.try_set_value(saved.base());
                let _ = dirty.try_update_value(|dirty| *dirty = false);
                let _ = failed.try_set(None);
                let own = storage::draft_key(&draft.id);
                if app
                    .store_problem
                    .try_with_untracked(|p| p.as_ref().is_some_and(|p| p.key == own))
                    .unwrap_or(false)
                {
                    let _ = app.store_problem.try_set(None);
                }
                // Without localStorage the store is in memory: saying "Saved
                // on this device" would promise what a reload takes away.
                if app.store.with_value(|store| store.is_persistent()) {
                    let at = platform::clock_time();
                    crash::note_saved(Some(at.clone()));
                    app.say(format!("{SAVED_WORDS} {at}"), false);
                } else {
                    app.say(NOT_PERSISTENT_MESSAGE, true);
                }
            }
            Err(SaveError::Conflict { stored_revision }) => {
                let _ = conflict.try_set(Some(stored_revision));
                app.say(SaveError::Conflict { stored_revision }.to_string(), true);
            }
            Err(err) => {
                app.say(err.to_string(), true);
                let _ = failed.try_set(Some(err.clone()));
                // Shown on whatever page comes next (this one may be closing).
                app.not_stored(Unsaved {
                    key: storage::draft_key(&draft.id),
                    error: err,
                    plain: Some(encode_stored(&draft)),
                });
            }
        }
    }

    /// After every change: marked unsaved, kept for the panic hook, and
    /// saved SAVE_DELAY after the first unsaved change.
    fn save_after_changes(self) {
        let Autosave {
            app,
            state,
            base,
            dirty,
            pending,
            ..
        } = self;
        Effect::new(move |previous: Option<()>| {
            state.draft.track();
            if previous.is_some() {
                dirty.set_value(true);
                // Kept outside the reactive tree for the panic hook.
                state.draft.with_untracked(|draft| {
                    crash::note_unsaved(app.store.get_value(), draft.clone(), base.get_value())
                });
                // Typing on does not push the save back: it runs SAVE_DELAY
                // after the first unsaved change.
                if pending.with_value(Option::is_none) {
                    let handle = set_timeout_with_handle(move || self.save_now(), SAVE_DELAY).ok();
                    pending.set_value(handle);
                }
            }
        });
    }

    /// A save of this draft that the locked store accepted but could not
    /// write: a conflict stops saving, any other failure offers the remedy.
    fn follow_locked_store(self) {
        let app = self.app;
        let own_key = self
            .state
            .draft
            .with_untracked(|draft| storage::draft_key(&draft.id));
        Effect::new(move |_| {
            let Some(unsaved) = app.store_problem.get() else {
                return;
            };
            if unsaved.key != own_key {
                return;
            }
            match unsaved.error {
                SaveError::Conflict { stored_revision } => self.conflict.set(Some(stored_revision)),
                err => self.failed.set(Some(err)),
            }
        });
    }
}
