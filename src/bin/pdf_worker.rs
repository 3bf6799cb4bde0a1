//! Entry point of the PDF worker (filled in by the PDF work).

fn main() {}
