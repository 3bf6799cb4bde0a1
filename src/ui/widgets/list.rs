//! A repeating group: each item's questions, "Remove", and "Add another".

use leptos::prelude::*;

use crate::form::{control_id, List};
use crate::ui::pages::suggest;
use crate::ui::state::use_form_state;
use crate::ui::widgets::FieldView;

/// Every item of `list`, with Add and Remove buttons.
#[component]
pub fn ListView(
    /// The repeating group.
    list: &'static List,
) -> impl IntoView {
    let state = use_form_state();
    let len = Memo::new(move |_| state.draft.with(|d| (list.len)(&d.data)));
    // A required first item (a parent) is shown before it is added, so add it.
    if list.min_items > 0 && len.get_untracked() < list.min_items {
        state.update(|d| {
            while (list.len)(d) < list.min_items {
                (list.add)(d);
            }
        });
    }
    let list_id = control_id(list.path);
    let items = move || {
        (0..len.get())
            .map(|idx| {
                let heading_id = format!("{list_id}-{idx}-heading");
                let labelled_by = heading_id.clone();
                let can_remove = idx >= list.min_items;
                view! {
                    <section class="caf-list__item" aria-labelledby=labelled_by>
                        <h3 class="caf-heading-s" id=heading_id tabindex="-1">{format!("{} {}", list.item, idx + 1)}</h3>
                        {list.fields.iter().map(|field| view! { <FieldView field=field idx=idx suggestions=suggest::for_field(field.path, state)/> }).collect_view()}
                        <Show when=move || can_remove>
                            <button
                                type="button"
                                class="caf-button caf-button--warning"
                                on:click=move |_| state.update(|d| (list.remove)(d, idx))
                            >
                                "Remove"
                                <span class="caf-visually-hidden">{format!(" {} {}", list.item.to_lowercase(), idx + 1)}</span>
                            </button>
                        </Show>
                    </section>
                }
            })
            .collect_view()
    };
    let list_id_for_add = control_id(list.path);
    view! {
        <div class="caf-list" id=control_id(list.path)>
            <h2 class="caf-heading-m">{list.title}</h2>
            {items}
            <button
                type="button"
                class="caf-button caf-button--secondary"
                id=format!("{}-add", control_id(list.path))
                on:click=move |_| {
                    state.update(|d| (list.add)(d));
                    let idx = len.get_untracked().saturating_sub(1);
                    crate::ui::platform::focus(&format!("{list_id_for_add}-{idx}-heading"));
                }
            >
                {list.add_label}
            </button>
        </div>
    }
}
