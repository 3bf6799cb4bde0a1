//! No printout from a stale tab: before the CAF PDF or the handout, the tab
//! saves and asks the store whether the stored draft is still its own last
//! write; a PDF that finishes later asks again before it is handed over.

use leptos::prelude::*;

use crate::ui::app::AppState;
use crate::ui::draft::autosave::Autosave;

/// Whether the open draft is still the one stored, checked before any
/// printout is made and again before a finished PDF is handed over.
/// Provided by `DraftView`.
#[derive(Clone, Copy)]
pub struct Freshness {
    check: Callback<bool, Result<(), String>>,
    conflict: RwSignal<Option<u64>>,
}

/// What a printout's button says when another tab or window has changed the draft.
pub const STALE_PRINT: &str = "Nothing was printed: this CAF has been changed in another tab or window. Load the newer version first, so the printout shows what was last saved.";

impl Freshness {
    /// Provides the check for the draft `id` to the draft's pages. Saving
    /// first makes what this tab holds the stored draft unless another tab
    /// or window has written since (a withdrawal, say): then nothing is
    /// printed, and the conflict panel shows.
    pub fn provide(app: AppState, id: String, autosave: Autosave) {
        let conflict = autosave.conflict;
        provide_context(Freshness {
            check: Callback::new(move |save_first: bool| {
                if save_first {
                    autosave.save_now();
                }
                if conflict.get_untracked().is_some() {
                    return Err(STALE_PRINT.to_owned());
                }
                let current = autosave.base();
                match app.store.with_value(|store| store.holds(&id, &current)) {
                    Ok(true) => Ok(()),
                    Ok(false) => {
                        conflict.set(Some(current.revision));
                        Err(STALE_PRINT.to_owned())
                    }
                    // Storage cannot say (an unreadable entry, a browser error):
                    // refuse with the reason, without claiming another tab wrote.
                    Err(err) => Err(format!("Nothing was printed: {err}")),
                }
            }),
            conflict,
        });
    }

    /// Saves what is on screen, then says whether printing may go ahead:
    /// `Err` with the words to show when another tab or window has written
    /// the draft since (the conflict panel then shows) or storage cannot say.
    pub fn ensure(self) -> Result<(), String> {
        self.check.run(true)
    }

    /// The same question without saving first: for a PDF that finished
    /// after its button was pressed.
    pub fn still_current(self) -> Result<(), String> {
        self.check.run(false)
    }

    /// Whether another tab or window is known to have written the draft.
    pub fn stale(self) -> bool {
        self.conflict.get().is_some()
    }
}
