//! The parts of step pages that are not plain questions: the safeguarding
//! message, threshold advice, choosing the lead professional, the consent
//! statement, the signature, recording the agreement and the way to the
//! meetings page.

use leptos::prelude::*;

use crate::form::{caf, Special};
use crate::ui::pages::consent::ConsentRecordView;
use crate::ui::pages::meetings_available;
use crate::ui::pages::signature::SignaturePad;
use crate::ui::state::{use_form_state, Page};
use crate::validate::advice;

/// One special block.
#[component]
pub fn SpecialView(
    /// Which block.
    special: Special,
) -> impl IntoView {
    match special {
        Special::SafeguardingMessage => view! { <SafeguardingMessage/> }.into_any(),
        Special::ThresholdAdvice => view! { <ThresholdAdvice/> }.into_any(),
        Special::ChooseLead => view! { <ChooseLead/> }.into_any(),
        Special::ConsentStatement => view! { <ConsentStatement/> }.into_any(),
        Special::Signature => view! { <SignaturePad/> }.into_any(),
        Special::ConsentRecord => view! { <ConsentRecordView/> }.into_any(),
        Special::MeetingsLink => view! { <MeetingsLink/> }.into_any(),
    }
}

/// Under the team: where its meetings are planned, once there is a team.
#[component]
fn MeetingsLink() -> impl IntoView {
    let state = use_form_state();
    let has_team = move || state.draft.with(|d| meetings_available(&d.data));
    view! {
        <Show when=has_team>
            <p class="caf-body" id="plan-to-meetings">
                "Plan the team's meetings, invite the team and the family, and make calendar files on "
                <a class="caf-link" href="#meetings" id="plan-meetings-link" on:click=move |ev| {
                    ev.prevent_default();
                    state.page.set(Page::Meetings);
                }>"the meetings page"</a>"."
            </p>
        </Show>
    }
}

#[component]
fn SafeguardingMessage() -> impl IntoView {
    let state = use_form_state();
    let lines = move || {
        state.settings.with(|s| {
            s.safeguarding_lines()
                .into_iter()
                .map(|line| view! { <p class="caf-body">{line}</p> })
                .collect_view()
        })
    };
    let front_door = move || {
        state.settings.with(|s| {
            (!s.front_door_phone.is_empty())
                .then(|| format!("Children's services front door: {}", s.front_door_phone))
        })
    };
    view! {
        <Show when=move || state.safeguarding_stop()>
            <div class="caf-warning-panel" role="alert" id="safeguarding-message">
                <h2 class="caf-heading-m">"Stop: follow your safeguarding procedures now"</h2>
                <p class="caf-body">"A CAF is not the right tool when a child may be at risk of significant harm."</p>
                {lines}
                <p class="caf-body">{front_door}</p>
                <p class="caf-body">
                    "This draft is kept on this device. The other steps open again if you change this answer."
                </p>
            </div>
        </Show>
    }
}

/// The unmet-needs count and what it suggests (`validate::advice`).
#[component]
fn ThresholdAdvice() -> impl IntoView {
    let state = use_form_state();
    let advice = Memo::new(move |_| {
        state
            .settings
            .with(|settings| state.draft.with(|d| advice(&d.data.needs, settings)))
    });
    view! {
        <div class="caf-advice" id="threshold-advice" aria-live="polite">
            <p class="caf-body"><strong>{move || advice.get().count_words()}</strong></p>
            <p class="caf-body">{move || advice.get().words()}</p>
        </div>
    }
}

/// Copies a team member's details into the lead professional's.
#[component]
fn ChooseLead() -> impl IntoView {
    let state = use_form_state();
    let members = Memo::new(move |_| {
        state.draft.with(|d| {
            d.data
                .plan
                .team
                .iter()
                .enumerate()
                .filter(|(_, m)| !m.name.trim().is_empty())
                .map(|(idx, m)| (idx, format!("{} ({})", m.name.trim(), m.role.trim())))
                .collect::<Vec<_>>()
        })
    });
    // The member whose details the lead's are now, so the box shows who
    // was chosen (also after a reload) rather than "Choose a team member".
    let chosen = Memo::new(move |_| {
        state.draft.with(|d| {
            let lead = &d.data.plan.lead;
            d.data.plan.team.iter().position(|member| {
                !member.name.trim().is_empty()
                    && member.name.trim() == lead.name.trim()
                    && member.role.trim() == lead.role.trim()
            })
        })
    });
    let choose = move |value: String| {
        let Ok(idx) = value.parse::<usize>() else {
            return;
        };
        state.update(|d| {
            if let Some(member) = d.plan.team.get(idx).cloned() {
                d.plan.lead.name = member.name;
                d.plan.lead.role = member.role;
                d.plan.lead.agency = member.agency;
                d.plan.lead.phone = member.phone;
                d.plan.lead.email = member.email;
            }
        });
    };
    view! {
        <Show when=move || !members.with(Vec::is_empty)>
            <div class="caf-field">
                <label class="caf-label" for="choose-lead">"Choose from the team"</label>
                <div class="caf-hint" id="choose-lead-hint">"This copies their details below. You can still change them."</div>
                <select
                    class="caf-select"
                    id="choose-lead"
                    autocomplete="off"
                    aria-describedby="choose-lead-hint"
                    on:change:target=move |ev| choose(ev.target().value())
                >
                    <option value="" prop:selected=move || chosen.get().is_none()>"Choose a team member"</option>
                    {move || members.get().into_iter().map(|(idx, name)| view! { <option value=idx.to_string() prop:selected=move || chosen.get() == Some(idx)>{name}</option> }).collect_view()}
                </select>
            </div>
        </Show>
    }
}

/// The plain-language statement read to the family (caf-form.md §3.10).
#[component]
fn ConsentStatement() -> impl IntoView {
    view! {
        <div class="caf-inset" id="consent-statement">
            <h2 class="caf-heading-m">"Read this to the family"</h2>
            {caf::CONSENT_STATEMENT
                .iter()
                .map(|paragraph| view! { <p class="caf-body">{*paragraph}</p> })
                .collect::<Vec<_>>()}
        </div>
    }
}
