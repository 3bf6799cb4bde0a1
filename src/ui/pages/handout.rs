//! The family handout as a printable page: the same words as the handout PDF,
//! with a print stylesheet (no navigation, large text, a page break between
//! sections where needed).

use leptos::prelude::*;

use crate::print::handout::handout;
use crate::ui::app::AppState;
use crate::ui::draft::{Freshness, STALE_PRINT};
use crate::ui::platform;
use crate::ui::state::{use_form_state, Page};

/// The handout page.
#[component]
pub fn HandoutPage() -> impl IntoView {
    let state = use_form_state();
    let app = expect_context::<AppState>();
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
    let content = Memo::new(move |_| {
        let status = state.consent_status();
        app.settings
            .with(|settings| state.draft.with(|d| handout(&d.data, settings, &status)))
    });
    let sections = move || {
        content
            .get()
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
            <button type="button" class="caf-button" id="print-now" on:click=move |_| {
                refused.set(fresh.ensure().err());
                if refused.with_untracked(Option::is_none) {
                    platform::print_page();
                }
            }>"Print this handout"</button>
            <button type="button" class="caf-button caf-button--secondary" on:click=move |_| state.page.set(Page::Step(crate::form::Step::Check))>"Back to check answers"</button>
        </div>
        {move || withheld().then(|| view! {
            <p class="caf-error-message" role="alert" id="print-refused">
                {move || refused.get().unwrap_or_else(|| STALE_PRINT.to_owned())}
            </p>
        })}
        <article class=move || if withheld() { "caf-handout caf-print-hidden" } else { "caf-handout" } id="handout">
            {move || content.get().council.map(|name| view! { <span class="caf-caption" id="handout-council">{name}</span> })}
            <h1 class="caf-heading-l" id="step-heading" tabindex="-1">{move || content.get().title}</h1>
            {sections}
        </article>
    }
}
