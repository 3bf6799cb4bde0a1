/// WASM / JS API, only enabled on WASM
// CAF Lite: behind the `js-api` feature (see CAF-LITE.md).
#[cfg(feature = "js-api")]
pub mod api;
/// WASM API Datastructures, can be used even on non-WASM targets
pub mod structs;
