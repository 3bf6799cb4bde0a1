//! "Recently deleted": each deleted copy with Restore, and "Empty recently
//! deleted", which removes exactly the copies listed. Copies past their 30
//! days go when the page opens (`expiry.rs`).

use leptos::prelude::*;

use crate::domain::naming::caf_name;
use crate::domain::Date;
use crate::storage::{Listing, Restored, DELETED_KEEP_DAYS};
use crate::ui::app::AppState;
use crate::ui::pages::drafts::not_stored_words;
use crate::ui::platform;

/// The Recently deleted list, shown while it holds any copy.
#[component]
pub fn RecentlyDeleted(
    /// What is stored, as the drafts page last read it.
    listing: RwSignal<Listing>,
    /// Reads what is stored again, after a restore or Empty.
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let app = expect_context::<AppState>();
    let show_names = app.show_names;
    move || {
        let names = show_names.get();
        let rows = listing.get().deleted;
        (!rows.is_empty()).then(|| {
            // "Empty" removes exactly these copies, not any deleted since.
            let listed: Vec<String> = rows.iter().map(|row| row.key.clone()).collect();
            let items = rows
                .into_iter()
                .map(|row| {
                    let name = caf_name(&row.draft.data.child, names);
                    let key = row.key.clone();
                    let deleted_words = match row.deleted_on {
                        Some(day) => format!(
                            "Deleted on {} · removed after {} · last saved {}",
                            day_words(day),
                            day_words(day.add_days(DELETED_KEEP_DAYS - 1)),
                            platform::saved_words(&row.draft.updated_at)
                        ),
                        None => format!("Last saved {}", platform::saved_words(&row.draft.updated_at)),
                    };
                    view! {
                        <li class="caf-drafts__item">
                            <strong>{name.clone()}</strong>
                            <p class="caf-drafts__meta">{deleted_words}</p>
                            <button type="button" class="caf-button caf-button--secondary" on:click=move |_| {
                                let store = app.store.get_value();
                                let key = key.clone();
                                leptos::task::spawn_local(async move {
                                    match store.restore(&key, &platform::new_id()).await {
                                        Ok(Restored::AsItWas) => app.say("The draft was restored.", false),
                                        Ok(Restored::AsCopy { .. }) => app.say("The draft was restored as a separate draft, because this CAF is already on the list.", false),
                                        Err(err) => app.say(not_stored_words(&err, "The draft was not restored"), true),
                                    }
                                    on_change();
                                });
                            }>"Restore"<span class="caf-visually-hidden">{format!(" {name}")}</span></button>
                        </li>
                    }
                })
                .collect_view();
            let confirming = RwSignal::new(false);
            view! {
                <h2 class="caf-heading-m" id="recently-deleted">"Recently deleted"</h2>
                <p class="caf-body">{format!("Deleted drafts stay here for {DELETED_KEEP_DAYS} days, then they are removed for good. Each deletion is kept separately.")}</p>
                <ul class="caf-drafts" id="deleted-drafts">{items}</ul>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! { <button type="button" class="caf-button caf-button--warning" on:click=move |_| confirming.set(true)>"Empty recently deleted"</button> }
                >
                    <div class="caf-warning-panel" role="alert">
                        <p class="caf-body">"These drafts will be gone for good. Export any you may need first."</p>
                        <button type="button" class="caf-button caf-button--warning" on:click={
                            let listed = listed.clone();
                            move |_| {
                                let store = app.store.get_value();
                                let listed = listed.clone();
                                leptos::task::spawn_local(async move {
                                    match store.empty_deleted(&listed).await {
                                        Ok(n) => app.say(format!("Removed {n} deleted draft{}.", if n == 1 { "" } else { "s" }), false),
                                        Err(err) => app.say(not_stored_words(&err, "Nothing was removed"), true),
                                    }
                                    on_change();
                                });
                            }
                        }>"Yes, empty it"</button>
                        <button type="button" class="caf-button caf-button--secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                    </div>
                </Show>
            }
        })
    }
}

/// A day as `dd/mm/yyyy`.
fn day_words(day: Date) -> String {
    format!("{:02}/{:02}/{}", day.day(), day.month(), day.year())
}
