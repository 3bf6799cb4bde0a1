//! The page's entry point: install the panic hook and mount the app.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        // Logs to the console, saves what is unsaved and tells the user (ui::crash).
        caf_lite::ui::crash::install();
        leptos::mount::mount_to_body(caf_lite::ui::App);
    }
}
