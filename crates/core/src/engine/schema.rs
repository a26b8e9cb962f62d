//! What a table holds: its columns, each named by a key and of a kind that
//! decides how it is stored, filtered, counted and sorted.

/// How a column is stored and queried.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnKind {
    /// Values of a dictionary, any number per row (none, one, several):
    /// filtered by a set of values, counted per value, sorted by the
    /// dictionary position of a row's first value.
    Category {
        /// A fixed dictionary in its order (values outside it are ignored), or
        /// `None` for the distinct values of the data in byte order.
        values: Option<Vec<String>>,
    },
    /// A number per row, or none (NaN counts as none): filtered by an
    /// inclusive range, sorted by value.
    Number,
    /// A text per row: its folded words are searched by prefix together with
    /// the other text columns' words; sorted by its folded form, empty = none.
    Text,
}

/// One column of a [`Schema`].
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnSpec {
    /// The column's name.
    pub key: String,
    /// Its kind.
    pub kind: ColumnKind,
}

impl ColumnSpec {
    /// A category column whose dictionary is drawn from the data.
    pub fn category(key: &str) -> Self {
        ColumnSpec {
            key: key.to_owned(),
            kind: ColumnKind::Category { values: None },
        }
    }

    /// A category column with the fixed dictionary `values`, in that order.
    pub fn category_in<S: Into<String>>(key: &str, values: impl IntoIterator<Item = S>) -> Self {
        ColumnSpec {
            key: key.to_owned(),
            kind: ColumnKind::Category {
                values: Some(values.into_iter().map(Into::into).collect()),
            },
        }
    }

    /// A number column.
    pub fn number(key: &str) -> Self {
        ColumnSpec {
            key: key.to_owned(),
            kind: ColumnKind::Number,
        }
    }

    /// A text column.
    pub fn text(key: &str) -> Self {
        ColumnSpec {
            key: key.to_owned(),
            kind: ColumnKind::Text,
        }
    }
}

/// The columns of a table; a column is named in queries and orders by its
/// position here.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schema {
    /// The columns, in order.
    pub columns: Vec<ColumnSpec>,
}

impl Schema {
    /// The schema of `columns`.
    pub fn new(columns: Vec<ColumnSpec>) -> Self {
        Schema { columns }
    }
}
