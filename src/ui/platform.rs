//! The page's only direct use of browser APIs beyond Leptos: the clock, ids,
//! focus and downloads. Everything returns plain values; nothing panics.

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
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
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
        let _ = element.focus();
    }
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

/// What is called with the PDF bytes, or a reason in words.
type OnPdf = Box<dyn FnOnce(Result<Vec<u8>, String>)>;

/// The one PDF worker, started on the first request and kept for later ones.
struct PdfWorker {
    worker: web_sys::Worker,
    ready: bool,
    /// A request posted before the worker said it was ready.
    queued: Option<String>,
    /// Called with the reply to the request in flight.
    on_reply: Option<OnPdf>,
    /// The request's time limit (a `setTimeout` handle).
    time_limit: Option<i32>,
}

/// How long one PDF may take, the first download of the PDF maker included
/// (the largest CAF takes under half a second here). Past it the worker is
/// stopped and the next request starts a fresh one.
const PDF_TIME_LIMIT_MS: i32 = 30_000;

/// Stops the worker (hung or crashed) and forgets it, so the next request
/// starts a fresh one; calls the waiting request's callback with `reason`.
fn abandon_pdf_worker(reason: impl FnOnce(bool) -> String) {
    let worker = PDF_WORKER.with(|cell| cell.borrow_mut().take());
    let Some(state) = worker else {
        return;
    };
    state.worker.terminate();
    if let (Some(handle), Some(window)) = (state.time_limit, web_sys::window()) {
        window.clear_timeout_with_handle(handle);
    }
    if let Some(callback) = state.on_reply {
        callback(Err(reason(state.ready)));
    }
}

fn start_time_limit() -> Option<i32> {
    let on_time_out = wasm_bindgen::closure::Closure::once_into_js(move || {
        abandon_pdf_worker(|_| {
            "The PDF was not made: the PDF maker took too long and was stopped. Try again; if it keeps happening, reload the page (your draft is saved)".to_owned()
        });
    });
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_time_out.unchecked_ref(),
            PDF_TIME_LIMIT_MS,
        )
        .ok()
}

thread_local! {
    static PDF_WORKER: std::cell::RefCell<Option<PdfWorker>> = const { std::cell::RefCell::new(None) };
}

/// Starts the PDF worker ahead of need (when the check page opens), so the
/// first "Create CAF PDF" does not wait for the PDF maker's download; nothing
/// if it is running. A failure here is silent: the worker forgets itself,
/// and the first request starts it again and says what went wrong.
pub fn start_pdf_worker_early() {
    if PDF_WORKER.with(|cell| cell.borrow().is_none()) {
        let _ = start_pdf_worker();
    }
}

/// Sends a `pdf::job::RenderRequest` (as JSON) to the PDF worker, starting it
/// on first use, and calls `on_reply` with the PDF bytes or a reason in words.
/// One request at a time: a second request while one is in flight is refused.
pub fn render_pdf(request_json: String, on_reply: impl FnOnce(Result<Vec<u8>, String>) + 'static) {
    let busy = PDF_WORKER.with(|cell| cell.borrow().as_ref().is_some_and(|w| w.on_reply.is_some()));
    if busy {
        on_reply(Err(
            "A PDF is already being made. Wait for it to finish".to_owned()
        ));
        return;
    }
    let started = PDF_WORKER.with(|cell| cell.borrow().is_some());
    if !started {
        if let Err(reason) = start_pdf_worker() {
            on_reply(Err(reason));
            return;
        }
    }
    PDF_WORKER.with(|cell| {
        if let Some(state) = cell.borrow_mut().as_mut() {
            state.on_reply = Some(Box::new(on_reply));
            state.time_limit = start_time_limit();
            if state.ready {
                let _ = state
                    .worker
                    .post_message(&wasm_bindgen::JsValue::from_str(&request_json));
            } else {
                state.queued = Some(request_json);
            }
        }
    });
}

fn finish(result: Result<Vec<u8>, String>) {
    let callback = PDF_WORKER.with(|cell| {
        let mut cell = cell.borrow_mut();
        let state = cell.as_mut()?;
        if let (Some(handle), Some(window)) = (state.time_limit.take(), web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
        state.on_reply.take()
    });
    if let Some(callback) = callback {
        callback(result);
    }
}

/// The PDF worker's loader, named in `<meta name="caf-pdf-worker">` by the
/// build (.ci/offline.mjs), with this release's content hash in its name.
fn pdf_worker_url() -> Option<String> {
    let meta = web_sys::window()?
        .document()?
        .query_selector("meta[name=caf-pdf-worker]")
        .ok()??;
    meta.get_attribute("content")
        .filter(|name| !name.is_empty())
        // Relative to the page, so the app also works under a sub-path.
        .map(|name| format!("./{name}"))
}

fn start_pdf_worker() -> Result<(), String> {
    use wasm_bindgen::closure::Closure;
    let cannot_start = || "The PDF maker could not be started in this browser".to_owned();
    let url = pdf_worker_url().ok_or_else(cannot_start)?;
    let worker = web_sys::Worker::new(&url).map_err(|_| cannot_start())?;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            if let Some(header) = data.as_string() {
                if header == "\"Ready\"" {
                    let queued = PDF_WORKER.with(|cell| {
                        let mut cell = cell.borrow_mut();
                        let state = cell.as_mut()?;
                        state.ready = true;
                        state
                            .queued
                            .take()
                            .map(|request| (state.worker.clone(), request))
                    });
                    if let Some((worker, request)) = queued {
                        let _ = worker.post_message(&wasm_bindgen::JsValue::from_str(&request));
                    }
                    return;
                }
                let reason = serde_json::from_str::<serde_json::Value>(&header)
                    .ok()
                    .and_then(|value| {
                        value
                            .get("Failed")
                            .and_then(|v| v.as_str())
                            .map(str::to_owned)
                    })
                    .unwrap_or_else(|| {
                        "the PDF maker gave an answer that could not be read".to_owned()
                    });
                finish(Err(format!("The PDF was not made: {reason}")));
                return;
            }
            let parts = js_sys::Array::from(&data);
            let bytes = parts
                .get(1)
                .dyn_into::<js_sys::Uint8Array>()
                .ok()
                .map(|array| array.to_vec());
            match bytes {
                Some(bytes) => finish(Ok(bytes)),
                None => finish(Err(
                    "The PDF maker gave an answer that could not be read".to_owned()
                )),
            }
        });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        // The worker failed to load or crashed: stop and forget it so the
        // next request starts afresh.
        abandon_pdf_worker(|ready| {
            if ready {
                "The PDF maker stopped working. Reload the page and try again (your draft is saved); if it keeps failing, export a draft file".to_owned()
            } else {
                // Offline before the first PDF, or a release replaced on the server.
                "The PDF maker could not be downloaded. It is downloaded once, the first time a PDF is made, and then works offline. Check the internet connection, reload the page and try again; your draft is saved".to_owned()
            }
        });
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // The worker lives as long as the page, so its handlers do too.
    on_message.forget();
    on_error.forget();
    PDF_WORKER.with(|cell| {
        *cell.borrow_mut() = Some(PdfWorker {
            worker,
            ready: false,
            queued: None,
            on_reply: None,
            time_limit: None,
        });
    });
    Ok(())
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

/// The part of the address after `#`, without the `#`.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .map(|hash| hash.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Replaces the part of the address after `#` without adding history.
pub fn set_hash(hash: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let url = if hash.is_empty() {
            window.location().pathname().unwrap_or_default()
        } else {
            format!("#{hash}")
        };
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
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
