//! The seed documents that `sources` may cite by file name (`data/documents.csv`).

use super::{parse_rows, Columns, Parsed};
use crate::import::FieldSpec;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A seed document: a text file of the corpus, cited by its file name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// File name, e.g. `001_dce174e5566d538f.txt`.
    pub file: String,
    /// Title of the document.
    pub title: String,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// When (`YYYY` or `YYYY-MM`), as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

const SPECS: &[FieldSpec] = &[
    FieldSpec {
        name: "file",
        aliases: &["file name", "fichier"],
        required: true,
    },
    FieldSpec {
        name: "title",
        aliases: &["titre"],
        required: true,
    },
    FieldSpec {
        name: "publisher",
        aliases: &["editeur"],
        required: false,
    },
    FieldSpec {
        name: "date",
        aliases: &[],
        required: false,
    },
];

/// Reads and checks the document list: `file` required, unique and a plain file
/// name (no `/`, `\` nor spaces); `title` required.
pub fn parse_documents(bytes: &[u8], file_name: &str) -> Parsed<Document> {
    let mut seen: HashMap<String, String> = HashMap::new();
    parse_rows(
        bytes,
        file_name,
        Columns {
            specs: SPECS,
            any_of: &[],
            warn_unused: true,
        },
        |row| {
            let file = row.required("file");
            if let Some(file) = file {
                if file.contains(['/', '\\']) || file.contains(char::is_whitespace) {
                    row.error(
                        "file",
                        format!("'{file}' is not a plain file name (no '/', '\\' nor spaces)"),
                    );
                } else if let Some(first) = seen.get(file) {
                    row.error("file", format!("duplicate file '{file}' (first {first})"));
                } else {
                    seen.insert(file.to_owned(), row.place());
                }
            }
            let title = row.required("title");
            Some(Document {
                file: file?.to_owned(),
                title: title?.to_owned(),
                publisher: row.optional("publisher"),
                date: row.optional("date"),
            })
        },
    )
}

/// The file names of the kept documents, to pass to the parsers that check sources.
pub fn document_names(documents: &Parsed<Document>) -> Vec<String> {
    documents.values().map(|d| d.file.clone()).collect()
}
