//! The document buttons on the check page: the CAF PDF and the family
//! handout. The PDF is made by the worker; this page only says what goes in.

use leptos::prelude::*;

use crate::pdf::job::RenderRequest;
use crate::pdf::Document;
use crate::print::{caf_pdf, handout_pdf};
use crate::ui::app::{AppState, Status};
use crate::ui::draft::Freshness;
use crate::ui::state::{use_form_state, Page};
use crate::ui::{pdf_worker, platform};

/// Create CAF PDF, Create family handout, Print family handout.
#[component]
pub fn DocumentButtons() -> impl IntoView {
    let state = use_form_state();
    let app = expect_context::<AppState>();
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Status>);
    let fresh = expect_context::<Freshness>();
    // The PDF maker downloads now, while the user reads the check page, not
    // on the first press (and only once: it is kept for every later PDF).
    pdf_worker::start_pdf_worker_early();
    let pdf = Pdf {
        app,
        busy,
        outcome,
        fresh,
    };
    let status_words = move || state.consent_status().banner();
    let create_caf = move |_| {
        if let Err(why) = fresh.ensure() {
            return pdf.say(why, true);
        }
        let draft = state.draft.get_untracked();
        let remembered = state.remembered.get_untracked();
        let job = state.report.with_untracked(|report| {
            app.settings.with_untracked(|settings| {
                caf_pdf(
                    &draft,
                    report,
                    &remembered,
                    settings,
                    &platform::now_words(),
                )
            })
        });
        let (version, print) = (job.version, job.fingerprint);
        make_pdf(pdf, job.document, job.file_name, move || {
            state.draft.update(|d| {
                d.version = version;
                d.last_pdf_fingerprint = print;
            });
        });
    };
    let create_handout = move |_| {
        if let Err(why) = fresh.ensure() {
            return pdf.say(why, true);
        }
        let draft = state.draft.get_untracked();
        let remembered = state.remembered.get_untracked();
        let job = state.report.with_untracked(|report| {
            app.settings.with_untracked(|settings| {
                handout_pdf(
                    &draft,
                    report,
                    &remembered,
                    settings,
                    &platform::now_words(),
                )
            })
        });
        make_pdf(pdf, job.document, job.file_name, || ());
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
            <button type="button" class="caf-button caf-button--secondary" id="print-handout" on:click=move |_| {
                match fresh.ensure() {
                    Ok(()) => state.page.set(Page::Handout),
                    Err(why) => pdf.say(why, true),
                }
            }>
                "Print family handout"
            </button>
        </div>
        // Shown beside the buttons as well as in the status region at the top
        // of the page, which is out of sight on a long check page; only the
        // status region is announced, so screen readers hear it once.
        <p class=move || match outcome.get() {
            Some(Status { problem: true, .. }) if !busy.get() => "caf-error-message",
            _ => "caf-body",
        } id="pdf-progress">
            {move || if busy.get() {
                Some("Creating PDF…".to_owned())
            } else {
                outcome.get().map(|outcome| outcome.text)
            }}
        </p>
    }
}

/// Where a PDF request reports: the page's status region and the line under the buttons.
#[derive(Clone, Copy)]
pub(crate) struct Pdf {
    pub app: AppState,
    pub busy: RwSignal<bool>,
    pub outcome: RwSignal<Option<Status>>,
    pub fresh: Freshness,
}

impl Pdf {
    /// Reports of the page's PDF buttons, none yet.
    pub fn new() -> Pdf {
        Pdf {
            app: expect_context::<AppState>(),
            busy: RwSignal::new(false),
            outcome: RwSignal::new(None),
            fresh: expect_context::<Freshness>(),
        }
    }

    pub fn say(self, text: String, problem: bool) {
        self.app.say(text.clone(), problem);
        self.outcome.set(Some(Status { text, problem }));
    }
}

/// Sends `document` to the worker and downloads the result as `file_name`.
pub(crate) fn make_pdf(
    pdf: Pdf,
    document: Document,
    file_name: String,
    on_done: impl FnOnce() + 'static,
) {
    let request = match serde_json::to_string(&RenderRequest { document }) {
        Ok(request) => request,
        Err(_) => return pdf.say("The PDF request could not be prepared.".to_owned(), true),
    };
    pdf.busy.set(true);
    pdf.outcome.set(None);
    pdf.app.say("Creating PDF…", false);
    pdf_worker::render_pdf(request, move |reply| {
        pdf.busy.set(false);
        // Another tab may have written (a withdrawal, say) while the PDF
        // was being made: then it is dropped, not handed over.
        let reply = reply.and_then(|bytes| pdf.fresh.still_current().map(|()| bytes));
        match reply {
            Ok(bytes) => match platform::download(&bytes, &file_name, "application/pdf") {
                Ok(()) => {
                    on_done();
                    pdf.say(
                        format!("Created {file_name}. Check it before you share it."),
                        false,
                    );
                }
                Err(err) => pdf.say(err.to_string(), true),
            },
            Err(reason) => pdf.say(reason, true),
        }
    });
}
