//! The parts of the page loaded on demand.
//!
//! The release build (`.ci/build-page.mjs`, with the `split` feature) moves
//! each function marked `wasm_split` below, and all the code only it
//! reaches, out of the first module into a module of its own. The first call
//! fetches that module (from the service worker's cache after the first
//! visit); until it arrives the page says so, and if it cannot be fetched the
//! page says that, with "Try again", and nothing typed is lost. Without the
//! feature (`trunk serve`, the tests of components) the functions are plain
//! calls in the one module.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;

use crate::domain::Draft;
use crate::ui::app::{AppState, DraftView};
use crate::ui::platform;
use crate::ui::router;
use crate::ui::state::Page;

/// A module that did not arrive: offline before it was ever cached, a server
/// that no longer holds it (a new release), or a connection that dropped.
#[derive(Debug)]
pub struct NotLoaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// A draft's pages: the task list, the steps, Check answers, reviews, the
/// handout, printing. Everything a draft needs beyond the drafts page.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        draft_pages,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(fetch_draft_pages)
    )
)]
fn draft_pages(draft: Draft) -> Result<AnyView, NotLoaded> {
    Ok(view! { <DraftView draft=draft/> }.into_any())
}

/// Whether the draft pages' module has arrived (set once, never cleared).
static ARRIVED: AtomicBool = AtomicBool::new(!cfg!(feature = "split"));

/// Fetches the draft pages' module, once; a failure is not remembered, so
/// the next call fetches again.
async fn fetch() -> Result<(), NotLoaded> {
    #[cfg(feature = "split")]
    fetch_draft_pages().await?;
    ARRIVED.store(true, Ordering::Relaxed);
    Ok(())
}

/// The draft's pages, built now, in the caller's reactive owner (as when
/// they were in the first module): only once the module has arrived.
fn build(draft: Draft) -> Result<AnyView, NotLoaded> {
    #[cfg(feature = "split")]
    {
        // With the module there, the call does not wait: its first poll is
        // the answer. Awaiting it instead would build the pages inside a
        // future, whose owner is not the page's, and whose effects then
        // outlived the draft's signals.
        let call = std::pin::pin!(draft_pages(draft));
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        match std::future::Future::poll(call, &mut cx) {
            std::task::Poll::Ready(pages) => pages,
            std::task::Poll::Pending => Err(NotLoaded),
        }
    }
    #[cfg(not(feature = "split"))]
    {
        draft_pages(draft)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Module {
    Fetching,
    Arrived,
    NotLoaded,
}

/// An open draft, once its pages' module has arrived.
#[component]
pub fn OpenDraft(
    /// The draft as loaded or created.
    draft: Draft,
) -> impl IntoView {
    let module = RwSignal::new(if ARRIVED.load(Ordering::Relaxed) {
        Module::Arrived
    } else {
        Module::Fetching
    });
    let start_fetch = move || {
        module.set(Module::Fetching);
        leptos::task::spawn_local(async move {
            let arrived = fetch().await.is_ok();
            // The user may have left the draft meanwhile.
            let _ = module.try_set(if arrived {
                Module::Arrived
            } else {
                Module::NotLoaded
            });
        });
    };
    if module.get_untracked() == Module::Fetching {
        start_fetch();
    }
    let id = draft.id.clone();
    move || match module.get() {
        Module::Fetching => view! {
            <p class="caf-body" id="module-loading" role="status">"Opening the draft…"</p>
        }
        .into_any(),
        Module::Arrived => match untrack(|| build(draft.clone())) {
            Ok(pages) => pages,
            Err(NotLoaded) => {
                view! { <NotLoadedPanel id=id.clone() retry=start_fetch/> }.into_any()
            }
        },
        Module::NotLoaded => view! { <NotLoadedPanel id=id.clone() retry=start_fetch/> }.into_any(),
    }
}

/// The message when a module did not arrive, with "Try again".
///
/// Try again reloads the page at the draft's address (the page asked for,
/// or its task list; a new draft not yet saved holds nothing typed: the
/// drafts page), which also picks up a new
/// release when the server no longer holds this one's modules. Only when
/// this tab holds text a failed save did not store (shown by the storage
/// problem panel) does it retry in place instead, since a reload would lose
/// that text.
#[component]
fn NotLoadedPanel(id: String, retry: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let app = expect_context::<AppState>();
    let try_again = move |_| {
        if app.store_problem.with_untracked(Option::is_some) {
            retry();
            return;
        }
        let here = matches!(router::address(&platform::hash()), router::Address::Draft(open, _) if open == id);
        if !here && matches!(app.store.with_value(|store| store.load(&id)), Ok(Some(_))) {
            platform::replace_address(&router::route(&id, Page::TaskList));
        }
        platform::reload();
    };
    Effect::new(move |_| platform::focus("module-failed-heading"));
    view! {
        <div class="caf-warning-panel" role="alert" id="module-failed">
            <h1 class="caf-heading-l" id="module-failed-heading" tabindex="-1">"This part of CAF Lite has not loaded"</h1>
            <p class="caf-body">"The pages for working on a draft could not be fetched. Your drafts are safe on this device. Check that you are online, then try again."</p>
            <button type="button" class="caf-button" id="module-retry" on:click=try_again>"Try again"</button>
        </div>
    }
}
