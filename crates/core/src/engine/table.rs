//! Building a [`Table`] row by row from a [`Schema`]: category columns
//! dictionary-encoded ([`super::category`]), number columns as `f64` (NaN for
//! none). Text columns are given later, by the table's owner, who keeps them:
//! their words go into the shared word index ([`super::text`]; a repeated text
//! once, while a column repeats its texts) when [`Table::index_texts`] is first
//! called, and a column's ranks for sorting when first asked for
//! ([`Table::rank_texts`]). Until its texts are indexed, a table is filtered,
//! counted and sorted, and a query with words matches no row.

use super::category::{Category, CategoryBuilder};
use super::fold::Folder;
use super::interner::{Interner, Strings};
use super::query::Selection;
use super::schema::{ColumnKind, Schema};
use super::text::{TextIndex, TextIndexBuilder};
use std::sync::OnceLock;

/// Texts a text column is given before it decides whether to keep
/// de-duplicating them: past this many, it stops when more than half were new.
const DEDUP_SAMPLE: usize = 1024;

/// A column's data.
#[derive(Clone, Debug)]
pub(super) enum Column {
    /// Dictionary codes and row sets.
    Category(Category),
    /// The values, NaN for none.
    Number(Vec<f64>),
    /// Per row, the rank of its folded text among the column's distinct
    /// folded texts, `u32::MAX` when empty; set by [`Table::rank_texts`].
    Text(OnceLock<Vec<u32>>),
}

/// Rows in columns, ready to be filtered, counted and sorted
/// ([`super::query`], [`super::sort`]).
#[derive(Clone, Debug)]
pub struct Table {
    pub(super) rows: usize,
    pub(super) columns: Vec<Column>,
    /// The words of every text column, to their rows; set by
    /// [`Table::index_texts`].
    pub(super) text: OnceLock<TextIndex>,
}

impl Table {
    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The distinct words of the text columns (none until they are indexed).
    pub fn vocabulary(&self) -> usize {
        self.text.get().map_or(0, TextIndex::vocabulary)
    }

    /// Indexes the words of the text columns, from `texts(column)`, the texts of
    /// text column `column`'s rows in order (`""` for none): once, later calls do
    /// nothing. Until then a query with words matches no row.
    pub fn index_texts<'t, I>(&self, texts: impl Fn(usize) -> I)
    where
        I: Iterator<Item = &'t str>,
    {
        self.text.get_or_init(|| {
            let mut words = TextIndexBuilder::default();
            let mut folder = Folder::default();
            let mut folded = String::new();
            // Column after column: one column's texts and dictionary at a time.
            let columns: Vec<TextBuilder> = (0..self.columns.len())
                .filter(|&column| matches!(self.columns[column], Column::Text(_)))
                .map(|column| {
                    let mut builder = TextBuilder::default();
                    builder.rows.reserve_exact(self.rows);
                    for text in texts(column).take(self.rows) {
                        builder.add(text, &mut words, &mut folder, &mut folded);
                    }
                    builder.rows.resize(self.rows, u32::MAX);
                    builder
                })
                .collect();
            words.finish(self.rows, |row, out| {
                for builder in &columns {
                    builder.row_words(row, out);
                }
            })
        });
    }

    /// Whether the text columns are indexed ([`Table::index_texts`]).
    pub fn texts_indexed(&self) -> bool {
        self.text.get().is_some()
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

    /// The rows of `selection` per value (see [`Table::values`]) of category column
    /// `column`, a row with several values counting for each; empty when the
    /// column is no category.
    pub fn count_values(&self, column: usize, selection: &Selection) -> Vec<usize> {
        self.category(column).map_or_else(Vec::new, |category| {
            category.count(Some((selection.bits(), selection.len())))
        })
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

    /// Ranks the rows of text column `column` for sorting by it, from
    /// `text(row)`, the text the row was given (`""` for none; the first one
    /// given counts): once, later calls do nothing. Until then, sorting by the
    /// column finds every row's key missing.
    pub fn rank_texts<'t>(&self, column: usize, text: impl Fn(usize) -> &'t str) {
        let Some(Column::Text(ranks)) = self.columns.get(column) else {
            return;
        };
        ranks.get_or_init(|| {
            let mut folder = Folder::default();
            let mut folded = String::new();
            let mut texts = Strings::default();
            for row in 0..self.rows {
                folder.fold_into(text(row), &mut folded);
                texts.push(&folded);
            }
            texts.dense_ranks()
        });
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
                    Column::Text(ranks) => ranks.get().map_or(0, |r| r.capacity() * 4),
                })
                .sum::<usize>()
            + self.text.get().map_or(0, TextIndex::heap_bytes)
    }
}

/// A text column being built.
struct TextBuilder {
    /// Per row, the number of its text's words in `word_ends`; `u32::MAX` when
    /// empty.
    rows: Vec<u32>,
    /// The distinct folded texts, numbered as in `word_ends`, while the
    /// column repeats its texts: `None` once it has shown itself mostly
    /// distinct (a title, a code per row), where looking each text up would
    /// cost more than splitting it again.
    texts: Option<Interner>,
    /// Non-empty texts given.
    given: usize,
    /// The words of text `i` are `words[word_ends[i - 1]..word_ends[i]]`, as
    /// numbers of the table's [`TextIndexBuilder`].
    word_ends: Vec<u32>,
    words: Vec<u32>,
}

impl Default for TextBuilder {
    fn default() -> Self {
        TextBuilder {
            rows: Vec::new(),
            texts: Some(Interner::default()),
            given: 0,
            word_ends: Vec::new(),
            words: Vec::new(),
        }
    }
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

    /// Ends the words of a new text (those pushed since the last one): its
    /// number, next in order, as the interner (if any) numbered it.
    fn end_text(&mut self) -> u32 {
        let id = self.word_ends.len() as u32;
        self.word_ends
            .push(u32::try_from(self.words.len()).unwrap_or(u32::MAX));
        id
    }

    /// Adds the next row's text `text` (no words when empty): its words go into
    /// `words`, `folder` and `folded` being scratch space.
    fn add(
        &mut self,
        text: &str,
        words: &mut TextIndexBuilder,
        folder: &mut Folder,
        folded: &mut String,
    ) {
        let before = self.words.len();
        let id = if self.texts.is_none() {
            // Mostly distinct: the words straight from the text.
            words.add_text_words(text, &mut self.words);
            match self.words.len() > before {
                true => self.end_text(),
                false => u32::MAX,
            }
        } else {
            folder.fold_into(text, folded);
            if folded.is_empty() {
                u32::MAX
            } else if let Some(id) = self.known(folded) {
                id
            } else {
                words.add_words(folded, &mut self.words);
                self.end_text()
            }
        };
        self.rows.push(id);
    }

    /// The number of the words of a folded text, if an earlier row gave it
    /// (while the column is de-duplicated).
    fn known(&mut self, folded: &str) -> Option<u32> {
        self.given += 1;
        let texts = self.texts.as_mut()?;
        let (id, new) = texts.intern(folded);
        if self.given == DEDUP_SAMPLE && texts.len() * 2 > DEDUP_SAMPLE {
            self.texts = None;
        }
        (!new).then_some(id)
    }
}

/// A column being built.
enum ColumnBuilder {
    Category(CategoryBuilder),
    Number(Vec<f64>),
    /// Given nothing: its texts are indexed later ([`Table::index_texts`]).
    Text,
}

/// Collects a table row by row: give the current row's values with
/// [`TableBuilder::category`] and [`TableBuilder::number`], then
/// [`TableBuilder::end_row`]. A column given nothing for a row has no value
/// there; a value given to a column of another kind is ignored. Text columns
/// are given their texts once the table is built ([`Table::index_texts`]).
pub struct TableBuilder {
    rows: usize,
    columns: Vec<ColumnBuilder>,
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
                ColumnKind::Text => ColumnBuilder::Text,
            })
            .collect();
        TableBuilder { rows: 0, columns }
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

    /// Makes room for `rows` more rows in the per-row buffers, so that a table whose
    /// size is known does not grow them by doubling (which, for a moment, holds both
    /// the old buffer and one twice its size).
    pub fn reserve_rows(&mut self, rows: usize) {
        for column in &mut self.columns {
            match column {
                ColumnBuilder::Category(builder) => builder.reserve_rows(rows),
                ColumnBuilder::Number(values) => values.reserve_exact(rows),
                ColumnBuilder::Text => {}
            }
        }
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
                ColumnBuilder::Text => {}
            }
        }
        self.rows += 1;
    }

    /// The table of the rows ended so far.
    pub fn finish(self) -> Table {
        let rows = self.rows;
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
                ColumnBuilder::Text => Column::Text(OnceLock::new()),
            })
            .collect();
        Table {
            rows,
            columns,
            text: OnceLock::new(),
        }
    }
}
