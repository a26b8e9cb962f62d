//! Building a [`Table`] row by row from a [`Schema`]: category columns
//! dictionary-encoded ([`super::category`]), number columns as `f64` (NaN for
//! none), text columns folded once into the shared word index
//! ([`super::text`]) and a rank per row for sorting.

use super::category::{Category, CategoryBuilder};
use super::fold::Folder;
use super::interner::Interner;
use super::query::Selection;
use super::schema::{ColumnKind, Schema};
use super::text::{TextIndex, TextIndexBuilder};

/// A column's data.
#[derive(Clone, Debug)]
pub(super) enum Column {
    /// Dictionary codes and row sets.
    Category(Category),
    /// The values, NaN for none.
    Number(Vec<f64>),
    /// Per row, the rank of its folded text among the column's distinct
    /// folded texts; `u32::MAX` when empty.
    Text(Vec<u32>),
}

/// Rows in columns, ready to be filtered, counted and sorted
/// ([`super::query`], [`super::sort`]).
#[derive(Clone, Debug)]
pub struct Table {
    pub(super) rows: usize,
    pub(super) columns: Vec<Column>,
    /// The words of every text column, to their rows.
    pub(super) text: TextIndex,
}

impl Table {
    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The distinct words of the text columns.
    pub fn vocabulary(&self) -> usize {
        self.text.vocabulary()
    }

    /// The dictionary of category column `column`, a value per code (empty
    /// for other columns).
    pub fn values(&self, column: usize) -> &[String] {
        match self.columns.get(column) {
            Some(Column::Category(category)) => category.values(),
            _ => &[],
        }
    }

    /// The code (see [`Table::values`]) of the first value of `row` in category
    /// column `column`; `None` when it has none or the column is no category.
    pub fn first_code(&self, column: usize, row: usize) -> Option<usize> {
        self.category(column)?.first.get(row)
    }

    /// Calls `visit(row, code)` for every value of every row of `selection` in
    /// category column `column`: first values in row order, then the further
    /// values of multi-valued rows.
    pub fn for_each_code(
        &self,
        column: usize,
        selection: &Selection,
        mut visit: impl FnMut(usize, usize),
    ) {
        let Some(category) = self.category(column) else {
            return;
        };
        category.first.for_each_in(selection.bits(), &mut visit);
        for &(row, code) in &category.extra {
            if selection.contains(row as usize) {
                visit(row as usize, code as usize);
            }
        }
    }

    /// The value of `row` in number column `column`; `None` when it has none or
    /// the column holds no numbers.
    pub fn number(&self, column: usize, row: usize) -> Option<f64> {
        match self.columns.get(column) {
            Some(Column::Number(values)) => values.get(row).copied().filter(|v| !v.is_nan()),
            _ => None,
        }
    }

    /// The values of number column `column`, a row's NaN meaning none; empty
    /// when the column holds no numbers.
    pub fn numbers(&self, column: usize) -> &[f64] {
        match self.columns.get(column) {
            Some(Column::Number(values)) => values,
            _ => &[],
        }
    }

    /// The category column `column`, if it is one.
    pub(super) fn category(&self, column: usize) -> Option<&Category> {
        match self.columns.get(column) {
            Some(Column::Category(category)) => Some(category),
            _ => None,
        }
    }

    /// Bytes the table holds on the heap (capacities, not lengths).
    pub fn heap_bytes(&self) -> usize {
        self.columns.capacity() * std::mem::size_of::<Column>()
            + self
                .columns
                .iter()
                .map(|column| match column {
                    Column::Category(category) => category.heap_bytes(),
                    Column::Number(values) => values.capacity() * 8,
                    Column::Text(ranks) => ranks.capacity() * 4,
                })
                .sum::<usize>()
            + self.text.heap_bytes()
    }
}

/// A text column being built.
#[derive(Default)]
struct TextBuilder {
    /// Per row, the number of its folded text in `texts`; `u32::MAX` when empty.
    rows: Vec<u32>,
    /// The distinct folded texts.
    texts: Interner,
    /// The words of text `i` are `words[word_ends[i - 1]..word_ends[i]]`, as
    /// numbers of the table's [`TextIndexBuilder`].
    word_ends: Vec<u32>,
    words: Vec<u32>,
}

impl TextBuilder {
    /// Appends the word numbers of `row` to `out`.
    fn row_words(&self, row: usize, out: &mut Vec<u32>) {
        let Some(&text) = self.rows.get(row).filter(|&&text| text != u32::MAX) else {
            return;
        };
        let end = self.word_ends[text as usize] as usize;
        let start = match text {
            0 => 0,
            _ => self.word_ends[text as usize - 1] as usize,
        };
        out.extend_from_slice(&self.words[start..end]);
    }

    /// Per row, the rank of its text among the distinct texts.
    fn finish(self) -> Vec<u32> {
        let rank_of = self.texts.ranks();
        let mut ranks = self.rows;
        for text in &mut ranks {
            *text = rank_of.get(*text as usize).copied().unwrap_or(u32::MAX);
        }
        ranks.shrink_to_fit();
        ranks
    }
}

/// A column being built.
enum ColumnBuilder {
    Category(CategoryBuilder),
    Number(Vec<f64>),
    Text(TextBuilder),
}

/// Collects a table row by row: give the current row's values with
/// [`TableBuilder::category`], [`TableBuilder::number`] and
/// [`TableBuilder::text`], then [`TableBuilder::end_row`]. A column given
/// nothing for a row has no value there; a value given to a column of another
/// kind is ignored.
pub struct TableBuilder {
    rows: usize,
    columns: Vec<ColumnBuilder>,
    text: TextIndexBuilder,
    folder: Folder,
    /// The text being given, folded.
    folded: String,
}

impl TableBuilder {
    /// An empty table of `schema` (at most `u32::MAX - 1` rows).
    pub fn new(schema: &Schema) -> Self {
        let columns = schema
            .columns
            .iter()
            .map(|spec| match &spec.kind {
                ColumnKind::Category { values } => {
                    ColumnBuilder::Category(CategoryBuilder::new(values.as_deref()))
                }
                ColumnKind::Number => ColumnBuilder::Number(Vec::new()),
                ColumnKind::Text => ColumnBuilder::Text(TextBuilder::default()),
            })
            .collect();
        TableBuilder {
            rows: 0,
            columns,
            text: TextIndexBuilder::default(),
            folder: Folder::default(),
            folded: String::new(),
        }
    }

    /// Gives the current row `values` in category column `column` (added to
    /// those already given; repeated values count once).
    pub fn category<S: AsRef<str>>(&mut self, column: usize, values: impl IntoIterator<Item = S>) {
        if let Some(ColumnBuilder::Category(builder)) = self.columns.get_mut(column) {
            for value in values {
                if let Some(code) = builder.code(value.as_ref()) {
                    builder.add_code(code);
                }
            }
        }
    }

    /// The code of `value` in category column `column`, for
    /// [`TableBuilder::category_codes`] (a caller giving the same values many
    /// times looks each up once); `None` when it is outside a fixed dictionary
    /// or the column is no category.
    pub fn category_code(&mut self, column: usize, value: &str) -> Option<u32> {
        match self.columns.get_mut(column) {
            Some(ColumnBuilder::Category(builder)) => builder.code(value),
            _ => None,
        }
    }

    /// Gives the current row the values of `codes` (from
    /// [`TableBuilder::category_code`] on the same column) in category column
    /// `column`, as [`TableBuilder::category`] gives values.
    pub fn category_codes(&mut self, column: usize, codes: &[u32]) {
        if let Some(ColumnBuilder::Category(builder)) = self.columns.get_mut(column) {
            for &code in codes {
                builder.add_code(code);
            }
        }
    }

    /// Gives the current row `value` in number column `column` (`None` or NaN:
    /// no value); the last value given counts.
    pub fn number(&mut self, column: usize, value: Option<f64>) {
        if let Some(ColumnBuilder::Number(values)) = self.columns.get_mut(column) {
            let value = value.unwrap_or(f64::NAN);
            if values.len() > self.rows {
                if let Some(last) = values.last_mut() {
                    *last = value;
                }
            } else {
                values.push(value);
            }
        }
    }

    /// Gives the current row `text` in text column `column`; only the first
    /// text given to a row's column counts.
    pub fn text(&mut self, column: usize, text: &str) {
        let Some(ColumnBuilder::Text(builder)) = self.columns.get_mut(column) else {
            return;
        };
        if builder.rows.len() > self.rows {
            return;
        }
        self.folder.fold_into(text, &mut self.folded);
        let id = if self.folded.is_empty() {
            u32::MAX
        } else {
            let (id, new) = builder.texts.intern(&self.folded);
            if new {
                self.text.add_words(&self.folded, &mut builder.words);
                builder
                    .word_ends
                    .push(u32::try_from(builder.words.len()).unwrap_or(u32::MAX));
            }
            id
        };
        builder.rows.push(id);
    }

    /// Ends the current row: the columns given nothing have no value.
    pub fn end_row(&mut self) {
        for column in &mut self.columns {
            match column {
                ColumnBuilder::Category(builder) => builder.end_row(),
                ColumnBuilder::Number(values) => {
                    if values.len() <= self.rows {
                        values.push(f64::NAN);
                    }
                }
                ColumnBuilder::Text(builder) => {
                    if builder.rows.len() <= self.rows {
                        builder.rows.push(u32::MAX);
                    }
                }
            }
        }
        self.rows += 1;
    }

    /// The table of the rows ended so far.
    pub fn finish(self) -> Table {
        let rows = self.rows;
        let texts: Vec<&TextBuilder> = self
            .columns
            .iter()
            .filter_map(|column| match column {
                ColumnBuilder::Text(builder) => Some(builder),
                _ => None,
            })
            .collect();
        let text = self.text.finish(rows, |row, out| {
            for builder in &texts {
                builder.row_words(row, out);
            }
        });
        let columns = self
            .columns
            .into_iter()
            .map(|column| match column {
                ColumnBuilder::Category(builder) => Column::Category(builder.finish()),
                ColumnBuilder::Number(mut values) => {
                    values.truncate(rows);
                    values.shrink_to_fit();
                    Column::Number(values)
                }
                ColumnBuilder::Text(mut builder) => {
                    builder.rows.truncate(rows);
                    Column::Text(builder.finish())
                }
            })
            .collect();
        Table {
            rows,
            columns,
            text,
        }
    }
}
