//! The parts of step pages that are not plain questions: the safeguarding
//! message, threshold advice, choosing the lead professional, the consent
//! statement, the signature and recording the agreement.

use leptos::prelude::*;

use crate::form::Special;
use crate::ui::state::use_form_state;

/// One special block.
#[component]
pub fn SpecialView(
    /// Which block.
    special: Special,
) -> impl IntoView {
    let state = use_form_state();
    match special {
        Special::SafeguardingMessage => view! {
            <Show when=move || state.safeguarding_stop()>
                <div class="caf-warning-panel" role="alert">
                    <h2 class="caf-heading-m">"Follow your safeguarding procedures now"</h2>
                    <p class="caf-body">"A CAF is not the right tool when a child may be at risk of significant harm."</p>
                    <ul class="caf-list-bullet">
                        <li>"Tell your designated safeguarding lead."</li>
                        <li>"Contact your local children's services front door today."</li>
                        <li>"In an emergency, call 999."</li>
                    </ul>
                    <p class="caf-body">"This draft is kept on this device. The other steps open again if you change this answer."</p>
                </div>
            </Show>
        }
        .into_any(),
        _ => ().into_any(),
    }
}
