//! A signature drawn with a finger, pen or mouse, stored as a PNG data URL,
//! with a typed name as the keyboard alternative.

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::form::caf::{signed_on_screen, CONSENT_SIGNATURE_NAME};
use crate::form::At;
use crate::ui::state::use_form_state;
use crate::ui::widgets::FieldView;

/// The signature pad, shown when the family signs on this screen.
#[component]
pub fn SignaturePad() -> impl IntoView {
    let state = use_form_state();
    let on_screen = move || {
        state
            .draft
            .with(|d| signed_on_screen(&d.data, At::default()))
    };
    // Only ever a PNG data URL: a stored value of any other shape (an edited
    // or imported file) is reported by the checks and never loaded as an image.
    let stored = Memo::new(move |_| {
        state.draft.with(|d| {
            let url = d.data.consent.signature.trim();
            if url.starts_with("data:image/png;base64,") {
                url.to_owned()
            } else {
                String::new()
            }
        })
    });
    let canvas_ref = NodeRef::<Canvas>::new();
    let drawing = RwSignal::new(false);
    // Drawn on this canvas since the page opened: the canvas then holds the
    // signature, so the saved picture is not shown a second time.
    let drawn_here = RwSignal::new(false);
    let shows_saved = move || !drawn_here.get() && !stored.with(String::is_empty);

    let context = move || -> Option<(web_sys::HtmlCanvasElement, web_sys::CanvasRenderingContext2d)> {
        let canvas: web_sys::HtmlCanvasElement = canvas_ref.get()?;
        let context = canvas.get_context("2d").ok()??.dyn_into::<web_sys::CanvasRenderingContext2d>().ok()?;
        Some((canvas, context))
    };
    // Pointer position in the canvas's own pixels, whatever size CSS draws it.
    let position = move |ev: &web_sys::PointerEvent| -> Option<(f64, f64)> {
        let (canvas, _) = context()?;
        let rect = canvas.get_bounding_client_rect();
        let scale_x = f64::from(canvas.width()) / rect.width().max(1.0);
        let scale_y = f64::from(canvas.height()) / rect.height().max(1.0);
        Some((
            (f64::from(ev.client_x()) - rect.left()) * scale_x,
            (f64::from(ev.client_y()) - rect.top()) * scale_y,
        ))
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        let (Some((canvas, ctx)), Some((x, y))) = (context(), position(&ev)) else {
            return;
        };
        let _ = canvas.set_pointer_capture(ev.pointer_id());
        ctx.set_line_width(3.0);
        ctx.set_line_cap("round");
        ctx.set_stroke_style_str("#0b0c0c");
        ctx.begin_path();
        ctx.move_to(x, y);
        drawing.set(true);
        drawn_here.set(true);
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if !drawing.get_untracked() {
            return;
        }
        if let (Some((_, ctx)), Some((x, y))) = (context(), position(&ev)) {
            ctx.line_to(x, y);
            ctx.stroke();
        }
    };
    let on_up = move |_: web_sys::PointerEvent| {
        if !drawing.get_untracked() {
            return;
        }
        drawing.set(false);
        if let Some((canvas, _)) = context() {
            if let Ok(url) = canvas.to_data_url_with_type("image/png") {
                state.update(|d| d.consent.signature = url);
            }
        }
    };
    let clear = move |_| {
        if let Some((canvas, ctx)) = context() {
            ctx.clear_rect(
                0.0,
                0.0,
                f64::from(canvas.width()),
                f64::from(canvas.height()),
            );
        }
        drawn_here.set(false);
        state.update(|d| d.consent.signature.clear());
    };
    view! {
        <Show when=on_screen>
            <div class="caf-field" id="consent-signature">
                <h2 class="caf-heading-s" id="signature-heading">"Signature"</h2>
                <p class="caf-hint" id="signature-hint">
                    "Ask them to sign in the box with a finger, pen or mouse. If they cannot, they can type their name below instead."
                </p>
                <Show when=shows_saved>
                    <p class="caf-body">"Signature saved. To sign again, clear it first."</p>
                    <img class="caf-signature-image" src=move || stored.get() alt="The signature drawn on screen" width="600" height="200"/>
                </Show>
                <canvas
                    hidden=shows_saved
                    node_ref=canvas_ref
                    class="caf-signature"
                    width="600"
                    height="200"
                    role="img"
                    aria-labelledby="signature-heading"
                    aria-describedby="signature-hint"
                    on:pointerdown=on_down
                    on:pointermove=on_move
                    on:pointerup=on_up
                    on:pointercancel=on_up
                ></canvas>
                <button type="button" class="caf-button caf-button--secondary" on:click=clear>"Clear signature"</button>
                <FieldView field=&CONSENT_SIGNATURE_NAME/>
            </div>
        </Show>
    }
}
