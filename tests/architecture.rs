//! The import rules of ARCHITECTURE.md, checked on every `cargo test`: each
//! path may be named only under the listed files and folders. Comment lines
//! are skipped, so docs may mention anything.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

// In storage, only the backends and the crypto call the browser: the
// formats (`format.rs`, `locked.rs`), revisions and the store stay pure.
const BROWSER: &[&str] = &[
    "src/ui",
    "src/storage/backend.rs",
    "src/storage/crypto.rs",
    "src/storage/sealed.rs",
    "src/storage/lock.rs",
    "src/bin",
];

const ALLOWED: &[(&str, &[&str])] = &[
    ("leptos::", &["src/ui", "src/main.rs"]),
    ("web_sys::", BROWSER),
    ("js_sys::", BROWSER),
    ("wasm_bindgen", BROWSER),
    ("gloo_storage::", &["src/storage/backend.rs"]),
    ("printpdf::", &["src/pdf/write.rs"]),
    ("allsorts::", &["src/pdf/fonts.rs"]),
    ("validate::", &["src/validate", "src/ui", "src/print"]),
    ("storage::", &["src/storage", "src/ui"]),
    ("print::", &["src/print", "src/ui"]),
    ("pdf::", &["src/pdf", "src/print", "src/ui", "src/bin"]),
    // `validate` reads the form table (what each answer needs, step
    // progress); `form` never names `validate`, and `domain` names neither.
    (
        "form::",
        &["src/form", "src/validate", "src/print", "src/ui"],
    ),
    ("ui::", &["src/ui", "src/main.rs"]),
];

#[test]
fn modules_import_only_what_the_architecture_allows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut violations = Vec::new();
    for file in rust_files(&root.join("src")) {
        let relative = file
            .strip_prefix(root)
            .expect("file is under the crate root");
        let text = fs::read_to_string(&file).expect("source file is readable");
        let code: Vec<&str> = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect();
        let code = code.join("\n");
        for (path, allowed_in) in ALLOWED {
            let allowed = allowed_in.iter().any(|dir| relative.starts_with(dir));
            if !allowed && names(&code, path) {
                violations.push(format!("{} names `{path}`", relative.display()));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "architecture rule broken:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_rule_checker_sees_a_path_only_at_a_path_start() {
    assert!(names("use crate::pdf::render;", "pdf::"));
    assert!(names("use crate::{pdf::render};", "pdf::"));
    assert!(!names("use printpdf::Op;", "pdf::"));
    assert!(!names("fingerprint::fingerprint", "print::"));
}

/// Whether `code` uses `path` as the start of a path: `pdf::` counts in
/// `crate::pdf::render` or `{pdf::render}`, but not in `printpdf::`.
fn names(code: &str, path: &str) -> bool {
    code.match_indices(path)
        .any(|(idx, _)| !code[..idx].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut acc = Vec::new();
    walk(&mut acc, dir);
    acc
}

fn walk(acc: &mut Vec<PathBuf>, dir: &Path) {
    for entry in fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(acc, &path);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            acc.push(path);
        }
    }
}

/// ARCHITECTURE.md names the files that call browser storage (localStorage's
/// `getItem`, `setItem`, `removeItem`); a new caller must be added there and
/// here.
#[test]
fn only_the_files_the_architecture_names_call_browser_storage() {
    const CALLERS: &[&str] = &[
        "src/storage/backend.rs",
        "src/storage/lock.rs",
        "src/storage/sealed.rs",
        "src/storage/store.rs",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut callers = Vec::new();
    for file in rust_files(&root.join("src")) {
        let text = fs::read_to_string(&file).expect("source file is readable");
        let calls = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .any(|line| {
                [".get_item(", ".set_item(", ".remove_item("]
                    .iter()
                    .any(|call| line.contains(call))
            });
        if calls {
            let relative = file.strip_prefix(root).expect("under the crate");
            callers.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    callers.sort();
    assert_eq!(callers, CALLERS);
    let architecture =
        fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md is readable");
    assert!(architecture.contains("Four files call browser storage"));
    for caller in CALLERS {
        let name = caller.rsplit('/').next().expect("a file name");
        assert!(architecture.contains(&format!("`{name}`")), "{name}");
    }
}
