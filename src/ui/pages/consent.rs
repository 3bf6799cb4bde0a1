//! Recording the family's agreement as an event: its status, "Record
//! agreement", and the history of earlier agreements.

use leptos::prelude::*;

use crate::domain::record_agreement;
use crate::form::choices::{label_of, CONSENT_METHODS};
use crate::form::Step;
use crate::ui::platform;
use crate::ui::state::use_form_state;
use crate::validate::{ConsentStatus, Severity};

/// The consent status, the record button and the history.
#[component]
pub fn ConsentRecordView() -> impl IntoView {
    let state = use_form_state();
    let status = Memo::new(move |_| state.consent_status());
    let problem = RwSignal::new(None::<String>);
    let record = move |_| {
        state.attempt(Step::Consent);
        // A record made now would end at once (the withdrawal ends it).
        if state
            .draft
            .with_untracked(|d| matches!(d.data.consent.withdrawn_on.parse(), Ok(Some(_))))
        {
            problem.set(Some(
                "The family's withdrawal is recorded. If they agree again, clear the date the agreement was withdrawn first, then record the agreement.".to_owned(),
            ));
            return;
        }
        let steps_with_errors: Vec<&'static str> = state.report.with_untracked(|report| {
            let mut steps: Vec<Step> = report
                .issues()
                .iter()
                .filter(|issue| issue.severity == Severity::Error)
                .filter_map(|issue| Step::of_path(&issue.path))
                .collect();
            steps.dedup();
            steps.into_iter().map(Step::title).collect()
        });
        if !steps_with_errors.is_empty() {
            problem.set(Some(format!(
                "The agreement cannot be recorded yet. Fix the errors in: {}.",
                steps_with_errors.join(", ")
            )));
            return;
        }
        problem.set(None);
        state.consent_reminder.set(false);
        let now = platform::now_rfc3339();
        state.update(|d| record_agreement(d, &now));
    };
    let status_class = move || match status.get() {
        ConsentStatus::Recorded => "caf-consent-status caf-consent-status--recorded",
        _ => "caf-consent-status caf-consent-status--problem",
    };
    let button_words = move || {
        if state
            .draft
            .with(|d| d.data.consent.recorded_fingerprint.is_empty())
        {
            "Record agreement"
        } else {
            "Record agreement again"
        }
    };
    let history = move || {
        state.draft.with(|d| {
            d.data
                .consent
                .history
                .iter()
                .rev()
                .map(|entry| {
                    let mut line = format!(
                        "{} ({}), recorded {}",
                        entry.given_by,
                        label_of(CONSENT_METHODS, &entry.method),
                        platform::saved_words(&entry.recorded_at)
                    );
                    if let Ok(Some(on)) = entry.withdrawn_on.parse() {
                        line.push_str(&format!(", withdrawn on {on}"));
                    }
                    if !entry.copied_from.is_empty() {
                        line.push_str(", recorded on the CAF this one was copied from: it does not cover this copy");
                    }
                    line
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div id="consent-record">
            <h2 class="caf-heading-m">"Record the agreement"</h2>
            <p class="caf-body">
                "When the family has agreed, record it here. If anything in the form changes afterwards, the agreement goes out of date and printouts say so until you record it again."
            </p>
            <p class=status_class id="consent-status" role="status">{move || status.get().banner()}</p>
            {move || status.get().explanation().map(|why| view! { <p class="caf-body" id="consent-status-why">{why}</p> })}
            {move || state.consent_reminder.get().then(|| view! {
                <p class="caf-error-message" role="alert" id="record-reminder">
                    "You have not recorded the agreement. Select \"Record agreement\" once the family has agreed, or Continue again to come back to it later."
                </p>
            })}
            {move || problem.get().map(|text| view! { <p class="caf-error-message" role="alert" id="record-problem">{text}</p> })}
            <button type="button" class="caf-button" id="record-agreement" on:click=record>{button_words}</button>
            <Show when=move || !history().is_empty()>
                <h3 class="caf-heading-s">"Earlier agreements"</h3>
                <ul class="caf-list-bullet">{move || history().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            </Show>
        </div>
    }
}
