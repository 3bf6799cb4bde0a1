//! A repeating group as GOV.UK's "add another" pattern: the item being
//! worked on is open with its questions; every other item is one line with
//! Change and Remove. Remove asks first when the item holds any answer, so
//! nothing typed disappears on one tap.

use leptos::prelude::*;

use crate::form::answer::item_gist;
use crate::form::{control_id, List};
use crate::ui::pages::suggest;
use crate::ui::platform;
use crate::ui::state::{use_form_state, FormState};
use crate::ui::widgets::FieldView;

/// Every item of `list`, one open at a time, with Add, Change and Remove.
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
                (list.add)(d, platform::new_id());
            }
        });
    }
    // The item whose Remove was pressed and now asks "are you sure?".
    let confirming = RwSignal::new(None::<usize>);
    let items = move || {
        (0..len.get())
            .map(|idx| view! { <ListItem list=list idx=idx confirming=confirming/> })
            .collect_view()
    };
    let add_id = format!("{}-add", control_id(list.path));
    view! {
        <div class="caf-list" id=control_id(list.path)>
            <h2 class="caf-heading-m">{list.title}</h2>
            {items}
            <button
                type="button"
                class="caf-button caf-button--secondary"
                id=add_id
                on:click=move |_| {
                    state.update(|d| (list.add)(d, platform::new_id()));
                    let idx = len.get_untracked().saturating_sub(1);
                    confirming.set(None);
                    state.open_item.set(Some(list.item_path(idx)));
                    let heading = format!("{}-{idx}-heading", control_id(list.path));
                    request_animation_frame(move || platform::focus(&heading));
                }
            >
                {list.add_label}
            </button>
        </div>
    }
}

/// One item: open with its questions, or a one-line summary.
#[component]
fn ListItem(list: &'static List, idx: usize, confirming: RwSignal<Option<usize>>) -> impl IntoView {
    let state = use_form_state();
    // Ids of this item's parts: `plan-team-1-heading`.
    let id_of = move |part: &str| format!("{}-{idx}-{part}", control_id(list.path));
    let heading_id = id_of("heading");
    let item_path = list.item_path(idx);
    let name = format!("{} {}", list.item, idx + 1);
    let is_open = {
        let item_path = item_path.clone();
        Memo::new(move |_| {
            state
                .open_item
                .with(|open| open.as_deref() == Some(item_path.as_str()))
        })
    };
    let gist = Memo::new(move |_| state.draft.with(|d| item_gist(list, &d.data, idx)));
    let unfinished = {
        let item_path = item_path.clone();
        Memo::new(move |_| state.item_has_errors(&item_path))
    };
    let can_remove = idx >= list.min_items;
    // After "Change" or "Remove", for screen readers: " team member 2".
    let hidden_name = move || format!(" {} {}", list.item.to_lowercase(), idx + 1);

    let open = {
        let item_path = item_path.clone();
        let first_field = list
            .fields
            .first()
            .map(|field| control_id(&field.path_at(idx)));
        move |_| {
            confirming.set(None);
            state.open_item.set(Some(item_path.clone()));
            if let Some(target) = first_field.clone() {
                request_animation_frame(move || platform::focus(&target));
            }
        }
    };
    let done = {
        let heading_id = heading_id.clone();
        move |_| {
            state.open_item.set(None);
            let heading_id = heading_id.clone();
            request_animation_frame(move || platform::focus(&heading_id));
        }
    };
    let ask_remove = {
        let confirm_id = id_of("confirm");
        move |_| {
            let blank = state
                .draft
                .with_untracked(|d| list.item_is_blank(&d.data, idx));
            if blank {
                remove(state, list, idx, confirming);
            } else {
                confirming.set(Some(idx));
                let confirm_id = confirm_id.clone();
                request_animation_frame(move || platform::focus(&confirm_id));
            }
        }
    };

    let heading = {
        let heading_id = heading_id.clone();
        let name = name.clone();
        move || {
            let gist = gist.get();
            let gist = (!gist.is_empty() && !is_open.get()).then(|| {
                view! { <span class="caf-list__gist">{format!(": {gist}")}</span> }
            });
            view! { <h3 class="caf-heading-s caf-list__heading" id=heading_id.clone() tabindex="-1">{name.clone()}{gist}</h3> }
        }
    };
    let body = {
        move || {
            if is_open.get() {
                let fields = list
                    .fields
                    .iter()
                    .map(|field| view! { <FieldView field=field idx=idx suggestions=suggest::for_field(field, state)/> })
                    .collect_view();
                view! {
                    {fields}
                    <div class="caf-button-group">
                        <button type="button" class="caf-button caf-button--secondary" id=id_of("done") on:click=done.clone()>
                            "Done"
                            <span class="caf-visually-hidden">{format!(" with{}", hidden_name())}</span>
                        </button>
                        {can_remove.then(|| view! {
                            <button type="button" class="caf-button caf-button--warning" id=id_of("remove") on:click=ask_remove.clone()>
                                "Remove"
                                <span class="caf-visually-hidden">{hidden_name()}</span>
                            </button>
                        })}
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <div class="caf-list__summary">
                        <Show when=move || unfinished.get()>
                            <strong class="caf-tag caf-tag--blue">"Not finished"</strong>
                        </Show>
                        <button type="button" class="caf-button caf-button--link" id=id_of("change") on:click=open.clone()>
                            "Change"
                            <span class="caf-visually-hidden">{hidden_name()}</span>
                        </button>
                        {can_remove.then(|| view! {
                            <button type="button" class="caf-button caf-button--link caf-button--link-warning" id=id_of("remove") on:click=ask_remove.clone()>
                                "Remove"
                                <span class="caf-visually-hidden">{hidden_name()}</span>
                            </button>
                        })}
                    </div>
                }
                .into_any()
            }
        }
    };
    let confirm = {
        let name = name.clone();
        move || {
            (confirming.get() == Some(idx)).then(|| {
                let question = match gist.get_untracked() {
                    gist if gist.is_empty() => format!("Remove {}?", name.to_lowercase()),
                    gist => format!("Remove {} ({gist})?", name.to_lowercase()),
                };
                view! {
                    <div class="caf-warning-panel caf-list__confirm" role="group" aria-labelledby=id_of("confirm")>
                        <p class="caf-body" id=id_of("confirm") tabindex="-1"><strong>{question}</strong></p>
                        <p class="caf-body">"Everything written for them on this page will be deleted."</p>
                        <div class="caf-button-group">
                            <button type="button" class="caf-button caf-button--warning" id=id_of("remove-yes") on:click=move |_| remove(state, list, idx, confirming)>
                                "Yes, remove"
                            </button>
                            <button type="button" class="caf-button caf-button--secondary" id=id_of("remove-no") on:click=move |_| {
                                confirming.set(None);
                                let target = id_of("heading");
                                request_animation_frame(move || platform::focus(&target));
                            }>
                                "No, keep"
                            </button>
                        </div>
                    </div>
                }
            })
        }
    };
    let labelled_by = heading_id.clone();
    view! {
        <section class="caf-list__item" class:caf-list__item--open=move || is_open.get() aria-labelledby=labelled_by>
            {heading}
            {confirm}
            {body}
        </section>
    }
}

/// Removes item `idx`; the open item keeps pointing at the same answers.
fn remove(state: FormState, list: &'static List, idx: usize, confirming: RwSignal<Option<usize>>) {
    confirming.set(None);
    let open_idx = state.open_item.get_untracked().and_then(|open| {
        (0..state.draft.with_untracked(|d| (list.len)(&d.data)))
            .find(|i| list.item_path(*i) == open)
    });
    state.update(|d| (list.remove)(d, idx));
    match open_idx {
        Some(open) if open == idx => state.open_item.set(None),
        Some(open) if open > idx => state.open_item.set(Some(list.item_path(open - 1))),
        _ => (),
    }
    let add = format!("{}-add", control_id(list.path));
    request_animation_frame(move || platform::focus(&add));
}
