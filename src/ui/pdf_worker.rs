//! The PDF worker's client: starts the worker on the first "Create PDF",
//! posts one `pdf::job::RenderRequest` at a time, decodes its replies with
//! serde (`RenderReply`), and stops a hung or crashed worker so the next
//! request starts a fresh one. The page never builds PDF bytes itself.

use wasm_bindgen::JsCast;

use crate::pdf::job::RenderReply;

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
    thread_local! {
        // Once per page load: offline, a failed early start is not retried
        // on every visit to the check page.
        static TRIED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if TRIED.with(|tried| tried.replace(true)) {
        return;
    }
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

/// The worker said it has loaded: post the request waiting for it.
fn worker_ready() {
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
            // A bare JSON string is `Ready` or `Failed`; a `[header, bytes]`
            // array is a PDF (`pdf::job::RenderReply`).
            let result = match data.as_string() {
                Some(header) => match serde_json::from_str::<RenderReply>(&header) {
                    Ok(RenderReply::Ready) => {
                        worker_ready();
                        return;
                    }
                    Ok(RenderReply::Failed(reason)) => {
                        Err(format!("The PDF was not made: {reason}"))
                    }
                    _ => Err(
                        "The PDF was not made: the PDF maker gave an answer that could not be read"
                            .to_owned(),
                    ),
                },
                None => {
                    let parts = js_sys::Array::from(&data);
                    let header = parts.get(0).as_string().unwrap_or_default();
                    let bytes = parts
                        .get(1)
                        .dyn_into::<js_sys::Uint8Array>()
                        .ok()
                        .map(|array| array.to_vec());
                    match (serde_json::from_str::<RenderReply>(&header), bytes) {
                        (Ok(RenderReply::Rendered { size, .. }), Some(bytes))
                            if size == bytes.len() =>
                        {
                            Ok(bytes)
                        }
                        _ => Err("The PDF maker gave an answer that could not be read".to_owned()),
                    }
                }
            };
            finish(result);
        });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        // The worker failed to load or crashed: stop and forget it so the
        // next request starts afresh.
        abandon_pdf_worker(|ready| {
            if ready {
                "The PDF maker stopped working. Reload the page and try again (your draft is saved); if it keeps failing, export a draft file".to_owned()
            } else {
                // Offline before the first PDF, or a release replaced on the server.
                "The PDF maker could not be downloaded. It is downloaded once, when the check page first opens, and then works offline. Check the internet connection, reload the page and try again; your draft is saved".to_owned()
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
