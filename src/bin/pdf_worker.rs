//! Entry point of the PDF worker, started by the page on the first print.
//! Glue only: decode the JSON request, `pdf::job::answer_json`, post the reply.
//!
//! Replies (see `caf_lite::pdf::job`): `Ready` and `Failed` as a JSON string;
//! `Rendered` as a JS array `[header_json, Uint8Array]`, the bytes transferred
//! rather than copied.

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

#[cfg(target_arch = "wasm32")]
mod worker {
    use caf_lite::pdf::job::{self, RenderReply};
    use wasm_bindgen::{prelude::*, JsCast};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    pub fn start() {
        console_error_panic_hook::set_once();
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_to = scope.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let reply = match event.data().as_string() {
                Some(text) => job::answer_json(&text),
                None => RenderReply::Failed("the print request was not understood".to_owned()),
            };
            post(&reply_to, &reply);
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        // Messages posted before the wasm has loaded are dropped, so say when ready.
        post(&scope, &RenderReply::Ready);
    }

    fn post(scope: &DedicatedWorkerGlobalScope, reply: &RenderReply) {
        let header = JsValue::from_str(&job::header_json(reply));
        // Nothing is left to tell if posting fails; the page reports a missing reply.
        let _ = match reply {
            RenderReply::Rendered { bytes, .. } => {
                let array = js_sys::Uint8Array::from(bytes.as_slice());
                let transfer = js_sys::Array::of1(&array.buffer());
                scope.post_message_with_transfer(&js_sys::Array::of2(&header, &array), &transfer)
            }
            _ => scope.post_message(&header),
        };
    }
}
