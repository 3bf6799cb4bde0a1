//! The family's printable pages: the handout, and a meeting's invitation
//! for one family invitee. Each shows the same words as its PDF, with a
//! print stylesheet (no navigation, large text, a page break between
//! sections where needed).

use leptos::prelude::*;

use crate::domain::meetings::{gets_invitation, Gap};
use crate::print::handout::{handout, Handout};
use crate::print::invitation::invitation;
use crate::ui::app::AppState;
use crate::ui::draft::{Freshness, STALE_PRINT};
use crate::ui::platform;
use crate::ui::state::{use_form_state, window_title, Page};

/// The handout page.
#[component]
pub fn HandoutPage() -> impl IntoView {
    let state = use_form_state();
    let app = expect_context::<AppState>();
    let content = Memo::new(move |_| {
        let status = state.consent_status();
        app.settings.with(|settings| {
            state
                .draft
                .with(|d| Ok(handout(&d.data, settings, &status)))
        })
    });
    view! {
        <Printable content=content print_label="Print this handout" back=Page::Step(crate::form::Step::Check) back_label="Back to check answers"/>
    }
}

/// The invitation to meeting `meeting` for its invitee `invitee`, as a
/// printable page (caf-form.md §5a).
#[component]
pub fn InvitationPage(meeting: usize, invitee: usize) -> impl IntoView {
    let state = use_form_state();
    let app = expect_context::<AppState>();
    let content = Memo::new(move |_| {
        app.settings.with(|settings| {
            state.draft.with(|d| {
                let m = d.data.meetings.get(meeting).ok_or_else(Vec::new)?;
                let who = m.invited.get(invitee).ok_or_else(Vec::new)?;
                // Only a family invitee still in the CAF is sent one (an
                // address kept from before an invitee was removed finds
                // nobody, or a team member: refused).
                if !gets_invitation(&d.data, who) {
                    return Err(Vec::new());
                }
                invitation(&d.data, m, who, settings)
            })
        })
    });
    view! {
        <Printable content=content print_label="Print this invitation" back=Page::Meetings back_label="Back to meetings"/>
    }
}

/// A printable page of `content`; when it cannot be made, what is missing.
#[component]
fn Printable(
    content: Memo<Result<Handout, Vec<Gap>>>,
    print_label: &'static str,
    back: Page,
    back_label: &'static str,
) -> impl IntoView {
    let state = use_form_state();
    let fresh = expect_context::<Freshness>();
    // Why printing was refused, if it was.
    let refused = RwSignal::new(None::<String>);
    // The browser's own Print (Ctrl+P, a menu, a phone's share sheet) cannot
    // be stopped, but the page can change first: a stale handout prints as
    // the refusal, not as the family's words.
    let on_print = window_event_listener(leptos::ev::beforeprint, move |_| {
        refused.set(fresh.ensure().err());
    });
    on_cleanup(move || on_print.remove());
    let withheld = move || refused.with(Option::is_some) || fresh.stale();
    let gaps = move || content.with(|c| c.as_ref().err().cloned());
    let printable = move || content.with(Result::is_ok);
    let content = move || content.get().unwrap_or_else(|_| Handout::default());
    // The page's own title says nothing can be printed, as an error does.
    Effect::new(move |_| {
        if !printable() {
            platform::set_title(&window_title("Nothing to print", true));
        }
    });
    let sections = move || {
        content()
            .sections
            .into_iter()
            .map(|part| {
                let table = part.table.map(|table| {
                    let columns = table.columns;
                    view! {
                        <table class="caf-table caf-table--stack">
                            <thead><tr>{columns.iter().map(|title| view! { <th scope="col">{*title}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                // On a narrow screen each row stacks, every cell under its column's name.
                                {table.rows.into_iter().map(|row| view! {
                                    <tr>{row.into_iter().zip(columns.iter()).map(|(cell, title)| view! { <td class="caf-table__cell" data-label=*title>{cell}</td> }).collect_view()}</tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                });
                view! {
                    <section class="caf-print-section">
                        <h2 class="caf-heading-m">{part.heading}</h2>
                        {part.paragraphs.into_iter().map(|p| view! { <p class="caf-body">{p}</p> }).collect_view()}
                        {table}
                        {part.after.into_iter().map(|p| view! { <p class="caf-body">{p}</p> }).collect_view()}
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <div class="caf-no-print caf-button-group">
            <button type="button" class="caf-button" id="print-now" disabled=move || !printable() on:click=move |_| {
                refused.set(fresh.ensure().err());
                if refused.with_untracked(Option::is_none) {
                    platform::print_page();
                }
            }>{print_label}</button>
            <button type="button" class="caf-button caf-button--secondary" on:click=move |_| state.page.set(back)>{back_label}</button>
        </div>
        {move || gaps().map(|gaps| if gaps.is_empty() {
            view! {
                <div class="caf-error-message" role="alert" id="print-gaps">
                    <p class="caf-body">"There is nothing to print here: the person or meeting this page was for is no longer in this CAF. Go back and choose again."</p>
                </div>
            }.into_any()
        } else {
            view! {
                <div class="caf-error-message" role="alert" id="print-gaps">
                    <p class="caf-body">"This cannot be printed yet:"</p>
                    <ul class="caf-list">{gaps.into_iter().map(|gap| view! { <li>{gap.message()}</li> }).collect_view()}</ul>
                </div>
            }.into_any()
        })}
        {move || withheld().then(|| view! {
            <p class="caf-error-message" role="alert" id="print-refused">
                {move || refused.get().unwrap_or_else(|| STALE_PRINT.to_owned())}
            </p>
        })}
        <article class=move || if withheld() { "caf-handout caf-print-hidden" } else { "caf-handout" } id="handout">
            {move || content().council.map(|name| view! { <span class="caf-caption" id="handout-council">{name}</span> })}
            <h1 class="caf-heading-l" id="step-heading" tabindex="-1">{move || content().title}</h1>
            {sections}
        </article>
    }
}
