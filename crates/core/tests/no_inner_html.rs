//! Security lint over the repository's Rust sources (see SECURITY.md): data is
//! rendered as text, never as HTML, and links from data carry
//! `rel="noopener noreferrer"`.
//!
//! * No `inner_html`, `innerHTML`, `outer_html`, `insert_adjacent_html`, or
//!   `dangerously…` anywhere in `src/**/*.rs` and `crates/**/*.rs`.
//! * In the app (`src/`), every `<a …>` whose `href` is not a literal nor one of
//!   the app's own pages has `rel="noopener noreferrer"`, and every
//!   `target="_blank"` has `rel="noopener…"`. (That such an `href` is http(s)
//!   is checked where the link is built, with `explorer_core::text::is_web_link`.)
//!
//! Each failure names `file:line`.

use std::path::{Path, PathBuf};

/// Text that must not appear in any Rust source (compared lowercase).
const FORBIDDEN: [&str; 6] = [
    "inner_html",
    "innerhtml",
    "outer_html",
    "outerhtml",
    "insert_adjacent_html",
    "dangerously",
];

/// `href` expressions that build the app's own addresses, not links from data.
const OWN_HREFS: [&str; 9] = [
    "app_href",
    "full_view",
    "view_href",
    "programme_call_href",
    "event_href",
    "fragment_href",
    "explorer.link",
    "nav.href",
    "example_href",
];

/// The repository root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file under `dir`, skipping build outputs.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if !matches!(name.as_ref(), "target" | "node_modules" | ".git") {
                rust_files(&path, out);
            }
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// `line: problem` for each forbidden word in `text`.
fn forbidden_words(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    for word in FORBIDDEN {
        for (offset, _) in lower.match_indices(word) {
            found.push(format!(
                "{}: `{word}`: data must be rendered as text",
                line_of(text, offset)
            ));
        }
    }
    found
}

/// The `<a …>` opening tags of `text` with their offsets: up to the first `>`
/// that is not part of `=>` or `->`.
fn anchor_tags(text: &str) -> Vec<(usize, &str)> {
    let mut tags = Vec::new();
    for (start, _) in text.match_indices("<a ") {
        let bytes = text.as_bytes();
        let mut end = start + 3;
        while end < bytes.len() {
            if bytes[end] == b'>' && !matches!(bytes[end - 1], b'=' | b'-') {
                break;
            }
            end += 1;
        }
        tags.push((start, &text[start..end.min(text.len())]));
    }
    tags
}

/// `line: problem` for each link that lacks its `rel`.
fn unsafe_links(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (offset, tag) in anchor_tags(text) {
        let line = line_of(text, offset);
        let href = tag.split_once("href=").map(|(_, rest)| rest.trim_start());
        let from_data = href
            .is_some_and(|h| !h.starts_with('"') && !OWN_HREFS.iter().any(|own| h.contains(own)));
        if from_data && !tag.contains("rel=\"noopener noreferrer\"") {
            found.push(format!(
                "{line}: a link from data without rel=\"noopener noreferrer\""
            ));
        } else if tag.contains("target=\"_blank\"") && !tag.contains("rel=\"noopener") {
            found.push(format!(
                "{line}: target=\"_blank\" without rel=\"noopener\""
            ));
        }
    }
    found
}

#[test]
fn no_html_injection_nor_unsafe_links_in_the_sources() {
    let root = root();
    let this_file = Path::new(file!())
        .file_name()
        .map(|n| n.to_owned())
        .unwrap_or_default();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("crates"), &mut files);
    assert!(
        files.iter().any(|f| f.ends_with("crates/core/src/lib.rs")),
        "the scan found the sources"
    );
    let mut problems = Vec::new();
    for file in &files {
        if file.file_name() == Some(this_file.as_os_str())
            && file.starts_with(root.join("crates/core/tests"))
        {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        let mut found = forbidden_words(&text);
        if file.starts_with(root.join("src")) {
            found.extend(unsafe_links(&text));
        }
        problems.extend(found.into_iter().map(|p| format!("{shown}:{p}")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_lint_catches_what_it_forbids() {
    let html = "let x = 1;\nel.set_inner_html(&name);\nel.set_attribute(\"innerHTML\", v);\n";
    assert_eq!(
        forbidden_words(html),
        [
            "2: `inner_html`: data must be rendered as text",
            "3: `innerhtml`: data must be rendered as text"
        ]
    );
    let links = concat!(
        "view! { <a href=url>{label}</a> }\n",
        "view! { <a href=url rel=\"noopener noreferrer\">{label}</a> }\n",
        "view! { <a href=\"#main\">skip</a> }\n",
        "view! { <a href=move || app_href(\"/\", l)>home</a> }\n",
        "view! { <a href=\"/x\" target=\"_blank\">x</a> }\n",
        "view! { <a href=match x { A => a, _ => b } rel=\"noopener\">x</a> }\n",
    );
    assert_eq!(
        unsafe_links(links),
        [
            "1: a link from data without rel=\"noopener noreferrer\"",
            "5: target=\"_blank\" without rel=\"noopener\"",
            "6: a link from data without rel=\"noopener noreferrer\"",
        ]
    );
}
