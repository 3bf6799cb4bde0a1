//! Entry point of the PDF worker (filled in by the PDF work).
//!
//! Even the stub installs the panic hook: a wasm that imports nothing from
//! wasm-bindgen makes `wasm-bindgen` fail in `trunk build` ("failed to find
//! intrinsics to enable `clone_ref` function").

fn main() {
    #[cfg(target_arch = "wasm32")]
    console_error_panic_hook::set_once();
}
