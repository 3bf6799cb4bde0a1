//! Where the app is, in the address and the browser's history (caf-form.md
//! §2): every page is its own history entry, so the browser's (and a
//! phone's) Back and Forward move between the app's pages.
//!
//! - The drafts page is the page's own path; a draft's page is
//!   `#draft/<id>/<page>`. Any other fragment (`#main-content`, `#check-problems`)
//!   is an anchor within the page, not a page of the app.
//! - A move made inside the app adds a history entry ([`arrive`]); an
//!   arrival by Back, Forward or a reload finds the address already there and
//!   adds none, so the two never fight.
//! - An address opened from outside (typed, bookmarked, a new tab) that names
//!   a draft gets the drafts page put beneath it ([`open_from_outside`]), so
//!   Back from there reaches the drafts page, never a blank page.
//! - Each entry remembers the control that had focus when its page was
//!   left, so Back puts focus back where the user was.

use std::cell::RefCell;

use crate::form::Step;
use crate::ui::platform;
use crate::ui::state::Page;

/// The address of a draft's page: `draft/<id>/<page>`.
pub fn route(id: &str, page: Page) -> String {
    let page = match page {
        Page::TaskList => "tasks".to_owned(),
        Page::Step(step) => step.id().to_owned(),
        Page::Handout => "handout".to_owned(),
        Page::Meetings => "meetings".to_owned(),
        Page::Invitation { meeting, invitee } => format!("invitation-{meeting}-{invitee}"),
    };
    format!("draft/{id}/{page}")
}

/// The draft id and page an address names, if any.
pub fn parse_route(hash: &str) -> Option<(String, Page)> {
    let rest = hash.strip_prefix("draft/")?;
    let (id, page) = rest.split_once('/')?;
    let page = match page {
        "tasks" => Page::TaskList,
        "handout" => Page::Handout,
        "meetings" => Page::Meetings,
        other => match other.strip_prefix("invitation-") {
            Some(which) => {
                let (meeting, invitee) = which.split_once('-')?;
                Page::Invitation {
                    meeting: meeting.parse().ok()?,
                    invitee: invitee.parse().ok()?,
                }
            }
            None => Page::Step(Step::from_id(other)?),
        },
    };
    (!id.is_empty()).then(|| (id.to_owned(), page))
}

/// What an address is to the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// The drafts page (no fragment).
    Drafts,
    /// A page of a draft.
    Draft(String, Page),
    /// An anchor within the page showing now: not a move between pages.
    Anchor,
}

/// What the address `hash` (without `#`) is.
pub fn address(hash: &str) -> Address {
    if hash.is_empty() {
        return Address::Drafts;
    }
    match parse_route(hash) {
        Some((id, page)) => Address::Draft(id, page),
        None if hash.starts_with("draft/") => Address::Drafts,
        None => Address::Anchor,
    }
}

/// How a page was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arrival {
    /// A move inside the app: a new history entry was added.
    New,
    /// Back, Forward or a reload: the address was already this page's.
    /// Holds the control that had focus when the user left it, if any.
    Returned(Option<String>),
}

thread_local! {
    // The control that last took focus. Kept outside the reactive tree:
    // by the time a page change is seen, the old page's controls may be
    // gone from the document already.
    static LAST_FOCUS: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The headings that take focus while a draft's pages are on their way, or
/// did not arrive (`on_demand.rs`): never the control the user left a page
/// from, which Back returns focus to.
pub const LOADING_HEADING_ID: &str = "module-loading";
pub const NOT_LOADED_HEADING_ID: &str = "module-failed-heading";

/// Notes that the control `id` took focus (called for every `focusin`).
pub fn note_focus(id: String) {
    if id == LOADING_HEADING_ID || id == NOT_LOADED_HEADING_ID {
        return;
    }
    LAST_FOCUS.with(|last| *last.borrow_mut() = id);
}

/// Shows the page whose address is `hash`: adds a history entry for it,
/// unless the address already names it.
pub fn arrive(hash: &str) -> Arrival {
    if platform::hash() == hash {
        return Arrival::Returned(platform::history_entry_focus());
    }
    let leaving = LAST_FOCUS.with(|last| last.borrow().clone());
    platform::push_address(hash, &leaving);
    Arrival::New
}

/// On start at the address `hash`, which names a draft that is shown: when
/// the address came from outside the app, puts the drafts page beneath it.
pub fn open_from_outside(hash: &str) {
    if !platform::history_entry_is_ours() {
        platform::replace_address("");
        platform::push_address(hash, "");
    }
}

/// Replaces an address that names nothing the app can show with the drafts
/// page's, adding no history.
pub fn correct_to_drafts() {
    platform::replace_address("");
}

/// Moves focus, once the page called `page_name` has been drawn, to
/// `target` if it is there (a Change link's field, or the control Back
/// returns to), else to the page's heading, which screen readers then read
/// out. When focus lands on a control instead, the page's name is said in
/// the page-change live region, so the move is still announced.
///
/// `address` is the page's (`""` for the drafts page): when the address has
/// moved on before the frame is drawn (Back pressed again at once), the
/// newer page places focus, not this one.
pub fn focus_after_render(target: Option<String>, page_name: &str, address: &str) {
    let page_name = page_name.to_owned();
    let address = address.to_owned();
    leptos::prelude::request_animation_frame(move || {
        if platform::hash() != address {
            return;
        }
        let on_control = target.is_some_and(|id| platform::try_focus(&id));
        if on_control {
            platform::set_text(PAGE_ANNOUNCER_ID, &page_name);
        } else {
            platform::set_text(PAGE_ANNOUNCER_ID, "");
            platform::focus(HEADING_ID);
        }
    });
}

/// The id of the visually hidden live region that names the page after
/// Back or Forward (the app's view holds it).
pub const PAGE_ANNOUNCER_ID: &str = "page-announcer";

/// The id every page gives its `<h1>`.
pub const HEADING_ID: &str = "step-heading";
