//! The document buttons on the check page: the CAF PDF and the family
//! handout. The PDF is made by the worker; this page only says what goes in.

use leptos::prelude::*;

use crate::pdf::job::RenderRequest;
use crate::pdf::Document;
use crate::print::caf::{caf_document, doc_id};
use crate::print::file_name::{caf_file_name, handout_file_name};
use crate::print::handout::{handout, handout_document};
use crate::print::next_version;
use crate::ui::app::AppState;
use crate::ui::platform;
use crate::ui::state::{use_form_state, FormState, Page};
use crate::validate::consent_status;

/// Create CAF PDF, Create family handout, Print family handout.
#[component]
pub fn DocumentButtons() -> impl IntoView {
    let state = use_form_state();
    let app = expect_context::<AppState>();
    let busy = RwSignal::new(false);
    let status_words = move || {
        state.report.with(|report| {
            state
                .draft
                .with(|d| consent_status(&d.data, report, state.today).banner())
        })
    };
    let create_caf = move |_| {
        let draft = state.draft.get_untracked();
        let status = state
            .report
            .with_untracked(|report| consent_status(&draft.data, report, state.today));
        let (version, print) = next_version(&draft);
        let document = caf_document(&draft, &status, version, &platform::now_words());
        let file_name = caf_file_name(&draft.data.child.family_name, &doc_id(&draft), version);
        make_pdf(app, state, busy, document, file_name, move || {
            state.draft.update(|d| {
                d.version = version;
                d.last_pdf_fingerprint = print;
            });
        });
    };
    let create_handout = move |_| {
        let draft = state.draft.get_untracked();
        let content = app
            .settings
            .with_untracked(|settings| handout(&draft.data, settings));
        let footer = format!("Made on {}", platform::now_words());
        let file_name = handout_file_name(&draft.data.child.family_name, &doc_id(&draft));
        make_pdf(
            app,
            state,
            busy,
            handout_document(&content, footer),
            file_name,
            || (),
        );
    };
    view! {
        <p class="caf-body">"Consent status for the PDF: " <strong id="consent-banner">{status_words}</strong></p>
        <p class="caf-body">
            "The CAF PDF is stamped with this status on every page. You can create it at any time; it says clearly if agreement has not been recorded."
        </p>
        <div class="caf-button-group" id="document-buttons">
            <button type="button" class="caf-button" id="create-caf-pdf" disabled=move || busy.get() on:click=create_caf>
                "Create CAF PDF"
            </button>
            <button type="button" class="caf-button caf-button--secondary" id="create-handout" disabled=move || busy.get() on:click=create_handout>
                "Create family handout"
            </button>
            <button type="button" class="caf-button caf-button--secondary" id="print-handout" on:click=move |_| state.page.set(Page::Handout)>
                "Print family handout"
            </button>
        </div>
        <p class="caf-body" aria-live="polite" id="pdf-progress">{move || busy.get().then_some("Creating PDF…")}</p>
    }
}

/// Sends `document` to the worker and downloads the result as `file_name`.
fn make_pdf(
    app: AppState,
    state: FormState,
    busy: RwSignal<bool>,
    document: Document,
    file_name: String,
    on_done: impl FnOnce() + 'static,
) {
    let _ = state;
    let request = match serde_json::to_string(&RenderRequest { document }) {
        Ok(request) => request,
        Err(_) => return app.say("The PDF request could not be prepared.", true),
    };
    busy.set(true);
    app.say("Creating PDF…", false);
    platform::render_pdf(request, move |reply| {
        busy.set(false);
        match reply {
            Ok(bytes) => match platform::download(&bytes, &file_name, "application/pdf") {
                Ok(()) => {
                    on_done();
                    app.say(
                        format!("Created {file_name}. Check it before you share it."),
                        false,
                    );
                }
                Err(err) => app.say(err.to_string(), true),
            },
            Err(reason) => app.say(reason, true),
        }
    });
}
