//! Importing a draft file on the drafts page: the file chosen (refused by
//! its size before any of it is read), a locked file's passphrase, the
//! choice between Replace and Keep both when the draft is already stored,
//! and the import itself, after which the draft opens.

use leptos::prelude::*;

use crate::domain::{import_consent_notes, settle_withdrawal, write_in_remembered};
use crate::storage::format::{check_import_size, decode_import, unknown_keys_notice, Imported};
use crate::storage::locked::is_locked_file;
use crate::storage::{import_choice, ImportChoice, ImportMode};
use crate::ui::app::{AppState, View};
use crate::ui::on_demand::{LockForms, LockPart};
use crate::ui::pages::drafts::not_stored_words;
use crate::ui::platform;

/// One import on its way: made by the drafts page, shown in two places
/// (`ImportQuestions` near the top, `ImportFile` further down).
#[derive(Clone, Copy)]
pub struct Import {
    app: AppState,
    /// A file whose draft is already stored, when that stored copy was
    /// saved, and what Replace would do to a recorded agreement.
    pending: RwSignal<Option<(Imported, String, Vec<String>)>>,
    /// A locked draft file chosen to import, waiting for its passphrase.
    locked_file: RwSignal<Option<Vec<u8>>>,
}

impl Import {
    /// No import under way yet.
    pub fn new(app: AppState) -> Import {
        Import {
            app,
            pending: RwSignal::new(None),
            locked_file: RwSignal::new(None),
        }
    }

    /// Reads a chosen file: a locked one asks for its passphrase first.
    fn choose(self, ev: leptos::ev::Event) {
        let app = self.app;
        let Some(file) = platform::chosen_file(&ev) else {
            return;
        };
        // A huge file is refused by its size, before any of it is read.
        if let Err(err) = check_import_size(file.size().max(0.0) as u64) {
            return app.say(format!("The file was not imported: {err}"), true);
        }
        leptos::task::spawn_local(async move {
            let bytes = match platform::read_file(&file).await {
                Ok(bytes) => bytes,
                Err(err) => return app.say(err.to_string(), true),
            };
            // A locked file asks for its passphrase first.
            if is_locked_file(&bytes) {
                self.pending.set(None);
                return self.locked_file.set(Some(bytes));
            }
            self.read(bytes);
        });
    }

    /// Reads a plain draft file: stored at once, or, when its draft is
    /// already on this device, Replace or Keep both asked.
    fn read(self, bytes: Vec<u8>) {
        let app = self.app;
        match decode_import(&bytes) {
            Err(err) => app.say(format!("The file was not imported: {err}"), true),
            Ok(imported) => {
                let id = imported.draft.id.clone();
                let exists = !id.trim().is_empty()
                    && app
                        .store
                        .with_value(|store| store.exists(&id))
                        .unwrap_or(false);
                match import_choice(&id, exists) {
                    ImportChoice::UnderItsId => self.store(imported, ImportMode::Replace, ""),
                    ImportChoice::AsNewDraft => self.store(
                        imported,
                        ImportMode::KeepBoth {
                            new_id: platform::new_id(),
                        },
                        "The file did not say which draft it is, so it was stored as a new draft.",
                    ),
                    ImportChoice::Ask => {
                        let (stored_saved, consent_notes) = match app
                            .store
                            .with_value(|store| store.load(&id))
                        {
                            Ok(Some(stored)) => (
                                format!("last saved {}", platform::saved_words(&stored.updated_at)),
                                import_consent_notes(&stored.data, &imported.draft.data),
                            ),
                            _ => ("which cannot be read".to_owned(), Vec::new()),
                        };
                        self.pending
                            .set(Some((imported, stored_saved, consent_notes)));
                        app.say("A draft with the same identity is already on this device. Choose Replace or Keep both.", false);
                    }
                }
            }
        }
    }

    /// Stores the file's draft and opens it, saying what happened (`note`).
    fn store(self, mut imported: Imported, mode: ImportMode, note: &str) {
        let app = self.app;
        let unknown = unknown_keys_notice(&imported.unknown_keys);
        // Its "Last saved" is the file's: the list says "Imported on" until
        // it is changed here.
        imported.draft.imported_at = platform::now_rfc3339();
        // An older file of a CAF this device saw withdrawn: the withdrawal
        // is written into it (a copy under a new id keeps no agreement).
        if mode == ImportMode::Replace {
            let remembered = app
                .store
                .with_value(|store| store.remembered_withdrawals(&imported.draft.id));
            if write_in_remembered(&mut imported.draft.data, &remembered) {
                settle_withdrawal(&mut imported.draft.data);
            }
        }
        let store = app.store.get_value();
        let note = note.to_owned();
        leptos::task::spawn_local(async move {
            match store.import(imported, mode, platform::today()).await {
                Ok(draft) => {
                    let mut words = "The draft file was imported.".to_owned();
                    if !note.is_empty() {
                        words.push(' ');
                        words.push_str(&note);
                    }
                    if let Some(unknown) = unknown {
                        words.push(' ');
                        words.push_str(&unknown);
                    }
                    app.say(words, false);
                    self.pending.set(None);
                    app.view.set(View::Open(Box::new(draft)));
                }
                Err(err) => app.say(not_stored_words(&err, "The file was not imported"), true),
            }
        });
    }
}

/// What an import asks: Replace or Keep both for a draft already stored,
/// and a locked file's passphrase.
#[component]
pub fn ImportQuestions(
    /// The import these questions are about.
    import: Import,
) -> impl IntoView {
    let Import {
        pending,
        locked_file,
        ..
    } = import;
    let import_choice = move || {
        pending.get().map(|(imported, stored_saved, consent_notes)| {
            let keep = imported.clone();
            let file_saved = if imported.draft.updated_at.trim().is_empty() {
                "does not say when it was saved".to_owned()
            } else {
                format!("was last saved {}", platform::saved_words(&imported.draft.updated_at))
            };
            let words = format!(
                "The copy on this device was {stored_saved}; the copy in the file {file_saved}. Replace puts the file's copy in its place and moves the one on this device to Recently deleted. Keep both keeps them as separate drafts."
            );
            view! {
                <div class="caf-warning-panel" role="alert" id="import-choice">
                    <h2 class="caf-heading-m">"This draft is already on this device"</h2>
                    <p class="caf-body" id="import-choice-words">{words}</p>
                    {consent_notes.into_iter().map(|note| view! { <p class="caf-body import-consent-note">{note}</p> }).collect_view()}
                    <button type="button" class="caf-button caf-button--warning" id="import-replace" on:click=move |_| import.store(imported.clone(), ImportMode::Replace, "The copy that was on this device is in Recently deleted.")>"Replace"</button>
                    <button type="button" class="caf-button" id="import-keep-both" on:click=move |_| import.store(keep.clone(), ImportMode::KeepBoth { new_id: platform::new_id() }, "")>"Keep both"</button>
                    <button type="button" class="caf-button caf-button--secondary" on:click=move |_| pending.set(None)>"Cancel"</button>
                </div>
            }
        })
    };
    let locked_import = move || {
        locked_file.get().map(|bytes| {
            view! {
                <LockForms part=LockPart::Import {
                    bytes,
                    on_open: Callback::new(move |plain: Vec<u8>| {
                        locked_file.set(None);
                        import.read(plain);
                    }),
                    on_cancel: Callback::new(move |_| locked_file.set(None)),
                }/>
            }
        })
    };
    view! {
        {import_choice}
        {locked_import}
    }
}

/// "Import a draft file": the file input.
#[component]
pub fn ImportFile(
    /// The import a chosen file starts.
    import: Import,
) -> impl IntoView {
    view! {
        <h2 class="caf-heading-m">"Import a draft file"</h2>
        <div class="caf-field">
            <label class="caf-label" for="import-file">"Choose a CAF Lite draft file (.caf.json)"</label>
            <input class="caf-file" type="file" id="import-file" accept=".json,application/json" on:change=move |ev| import.choose(ev)/>
        </div>
    }
}
