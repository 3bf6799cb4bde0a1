//! The page's direct use of browser APIs beyond Leptos: the clock, ids,
//! focus, files, downloads, the address and the service worker (the PDF
//! worker's client is `ui::pdf_worker`). Everything returns plain values;
//! nothing panics.

use wasm_bindgen::JsCast;

use crate::domain::Date;

/// Today's date on this device.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    // The browser's calendar always gives a real date; the default is never used.
    Date::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .unwrap_or_default()
}

/// The current time as RFC 3339 UTC, to the second.
pub fn now_rfc3339() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    // `toISOString` gives milliseconds; drafts store whole seconds.
    match iso.split_once('.') {
        Some((seconds, _)) => format!("{seconds}Z"),
        None => iso,
    }
}

/// Local time `HH:MM` for status lines.
pub fn clock_time() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}", now.get_hours(), now.get_minutes())
}

/// A fresh UUID v4 from the browser's cryptographic generator.
pub fn new_id() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("draft-{}", js_sys::Date::now() as u64))
}

/// Sets the page's `<title>`, which screen readers announce and browser
/// history and tabs show.
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        document.set_title(title);
    }
}

/// Takes away the "Opening CAF Lite…" line that `index.html` shows until the
/// app starts.
pub fn remove_loading_message() {
    if let Some(element) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("app-loading"))
    {
        element.remove();
    }
}

/// Opens the `<details>` element with `id`, so what it holds is shown.
pub fn open_details(id: &str) {
    if let Some(details) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
    {
        let _ = details.set_attribute("open", "");
    }
}

/// Moves keyboard focus to the element with `id`. A date question has no
/// element of its own id, so its day box is used; an element that cannot take
/// focus (a heading, a group) is made focusable first.
pub fn focus(id: &str) {
    try_focus(id);
}

/// The id of the element that has focus, if it has one.
pub fn focused_id() -> Option<String> {
    let active = web_sys::window()?.document()?.active_element()?;
    let id = active.id();
    (!id.is_empty()).then_some(id)
}

/// As [`focus`]; says whether an element of that id was there to take focus.
pub fn try_focus(id: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return false;
    };
    let element = document
        .get_element_by_id(id)
        .or_else(|| document.get_element_by_id(&format!("{id}-day")))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let focusable = matches!(
            element.tag_name().as_str(),
            "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON" | "A"
        );
        if !focusable && !element.has_attribute("tabindex") {
            let _ = element.set_attribute("tabindex", "-1");
        }
        return element.focus().is_ok();
    }
    false
}

/// Sets the text of the element with `id`, if it is there.
pub fn set_text(id: &str, text: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
    {
        element.set_text_content(Some(text));
    }
}

/// The id of the element an event happened on, `""` when it has none.
pub fn target_id(ev: &web_sys::Event) -> String {
    ev.target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .map(|element| element.id())
        .unwrap_or_default()
}

/// Why a download could not be offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadError;

impl std::fmt::Display for DownloadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the browser would not create the file to download")
    }
}

/// Offers `bytes` as a file download named `file_name`.
pub fn download(bytes: &[u8], file_name: &str, media_type: &str) -> Result<(), DownloadError> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| DownloadError)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| DownloadError)?;
    let anchor = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.create_element("a").ok())
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or(DownloadError)?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The file chosen in a file input, from its `change` event.
pub fn chosen_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0);
    // Clear the input so choosing the same file again fires `change` again.
    input.set_value("");
    file
}

/// Why a chosen file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReadError;

impl std::fmt::Display for FileReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("The file could not be read. Check it is still there and try again")
    }
}

/// The bytes of a chosen file.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, FileReadError> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| FileReadError)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// An RFC 3339 time as local words: "23/11/2026 at 10:42"; "not yet" when empty.
pub fn saved_words(rfc3339: &str) -> String {
    if rfc3339.trim().is_empty() {
        return "not yet".to_owned();
    }
    let when = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    if when.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    format!(
        "{:02}/{:02}/{} at {:02}:{:02}",
        when.get_date(),
        when.get_month() + 1,
        when.get_full_year(),
        when.get_hours(),
        when.get_minutes()
    )
}

/// Local date and time now, `23/11/2026 10:42`, for "created" lines.
pub fn now_words() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        now.get_date(),
        now.get_month() + 1,
        now.get_full_year(),
        now.get_hours(),
        now.get_minutes()
    )
}

/// Loads the page again from the server (or the service worker), at the
/// current address.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// The part of the address after `#`, without the `#`.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .map(|hash| hash.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// The address for `hash`: the page's own path when `hash` is empty (the
/// drafts page), else `#hash`.
fn address_for(window: &web_sys::Window, hash: &str) -> String {
    if hash.is_empty() {
        window.location().pathname().unwrap_or_default()
    } else {
        format!("#{hash}")
    }
}

/// The state CAF Lite keeps with each history entry it makes: a mark that
/// the entry is the app's own, and the control that had focus when the
/// user left that page (`""` for none).
fn entry_state(focus: &str) -> wasm_bindgen::JsValue {
    let state = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&state, &"cafLite".into(), &true.into());
    let _ = js_sys::Reflect::set(&state, &"focus".into(), &focus.into());
    state.into()
}

/// Adds a history entry for `hash`, first noting in the current entry that
/// `leaving_focus` had focus there, so Back can put focus back on it.
pub fn push_address(hash: &str, leaving_focus: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let here = format!(
            "{}{}",
            window.location().pathname().unwrap_or_default(),
            window.location().hash().unwrap_or_default()
        );
        let _ = history.replace_state_with_url(&entry_state(leaving_focus), "", Some(&here));
        let _ =
            history.push_state_with_url(&entry_state(""), "", Some(&address_for(&window, hash)));
    }
}

/// Replaces the current history entry's address with `hash`, adding no
/// history (an address that names nothing the app can show).
pub fn replace_address(hash: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ =
            history.replace_state_with_url(&entry_state(""), "", Some(&address_for(&window, hash)));
    }
}

/// Whether the current history entry was made by CAF Lite (it survives a
/// reload); `false` for an address typed, bookmarked or opened in a new tab.
pub fn history_entry_is_ours() -> bool {
    history_state_field("cafLite").is_some_and(|value| value.as_bool() == Some(true))
}

/// The control that had focus when the user last left the current history
/// entry's page, if any.
pub fn history_entry_focus() -> Option<String> {
    history_state_field("focus")
        .and_then(|value| value.as_string())
        .filter(|id| !id.is_empty())
}

fn history_state_field(name: &str) -> Option<wasm_bindgen::JsValue> {
    let state = web_sys::window()?.history().ok()?.state().ok()?;
    if !state.is_object() {
        return None;
    }
    js_sys::Reflect::get(&state, &name.into()).ok()
}

/// Opens the browser's print dialogue.
pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// The text of one of the app's own files, `None` when it is not there.
pub async fn fetch_own_file(path: &str) -> Result<Option<String>, String> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or_else(|| "no window".to_owned())?;
    let response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|_| format!("{path} could not be loaded"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("{path} could not be loaded"))?;
    // A static host may answer a missing file with the app's own page.
    let is_html = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .is_some_and(|kind| kind.contains("html"));
    if !response.ok() || is_html {
        return Ok(None);
    }
    let text = response
        .text()
        .map_err(|_| format!("{path} could not be read"))?;
    let text = JsFuture::from(text)
        .await
        .map_err(|_| format!("{path} could not be read"))?;
    Ok(text.as_string())
}

/// Registers the service worker (`sw.js`, written by the build) so the app
/// opens with the network off after this visit. Where there is none (a
/// browser without service workers, a page that is not HTTPS or on this
/// computer, or a file opened from disk) the app works online as before, so
/// a refusal is not an error worth showing.
pub async fn start_offline_support() {
    use wasm_bindgen_futures::JsFuture;
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let has_service_workers = window.is_secure_context()
        && js_sys::Reflect::has(
            &navigator,
            &wasm_bindgen::JsValue::from_str("serviceWorker"),
        )
        .unwrap_or(false);
    if !has_service_workers {
        return;
    }
    let _ = JsFuture::from(navigator.service_worker().register("./sw.js")).await;
}
