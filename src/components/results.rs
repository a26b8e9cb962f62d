//! The results: a sortable, paginated table (a card list on narrow screens via CSS).

use crate::data::Bundle;
use crate::explorer::Explorer;
use crate::i18n::*;
use crate::labels;
use crate::lang::language_of;
use crate::links::app_href;
use explorer_core::explore::{page, page_count, SortKey};
use explorer_core::format::format_euros;
use leptos::prelude::*;

/// Results per page.
const PAGE_SIZE: usize = 20;

/// Links to the pages of a project's municipalities, or "no municipality named".
pub fn commune_links(
    locale: Locale,
    language: explorer_core::language::Language,
    reference: &explorer_core::municipality::Reference,
    project: &explorer_core::datasets::Project,
) -> AnyView {
    if project.municipalities.is_empty() {
        return view! { <em>{td_string!(locale, unassigned)}</em> }.into_any();
    }
    project
        .municipalities
        .iter()
        .map(|nis| {
            let name = labels::commune(reference, nis, language);
            view! { <a href=app_href(&format!("/commune/{nis}"), language)>{name}</a>" " }
        })
        .collect_view()
        .into_any()
}

/// A pager link to the page `target` (0-based), or the label alone (marked
/// disabled) without one.
fn pager_link(
    explorer: Explorer,
    target: Option<u32>,
    testid: &'static str,
    label: String,
) -> AnyView {
    match target {
        Some(target) => view! {
            <a class="pager__link" href=explorer.link(|s| s.page = target) data-noscroll data-testid=testid>
                {label}
            </a>
        }
        .into_any(),
        None => view! {
            <span class="pager__link" aria-disabled="true" data-testid=testid>{label}</span>
        }
        .into_any(),
    }
}

/// The table of the filtered projects.
#[component]
pub fn ResultsTable(bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let explorer = expect_context::<Explorer>();
    let state = explorer.state;
    let index = bundle.index.clone();
    let sorted = Memo::new(move |_| {
        let language = language_of(i18n.get_locale());
        let sort = state.with(|s| s.sort);
        explorer
            .selection
            .with(|s| index.sort_all(s, sort, language))
    });
    let pages = move || page_count(sorted.with(|s| s.len()), PAGE_SIZE).max(1);
    let current = move || state.with(|s| s.page).min(pages() - 1);
    // The headers are made once per language; a filter change only updates their links'
    // addresses, a sort change their direction.
    let sort = Memo::new(move |_| state.with(|s| s.sort));
    let header = move |key: SortKey, label: String| {
        let direction = move || {
            let sort = sort.get();
            (sort.key == key).then_some(sort.descending)
        };
        let aria_sort = move || match direction() {
            Some(true) => "descending",
            Some(false) => "ascending",
            None => "none",
        };
        let arrow = move || match direction() {
            Some(true) => " ↓",
            Some(false) => " ↑",
            None => "",
        };
        // A link to the sorted view: it works before the wasm, opens in a tab.
        view! {
            <th scope="col" aria-sort=aria_sort>
                <a class="sort-button" data-noscroll data-testid=format!("sort-{}", key.as_str())
                    href=move || explorer.link(|s| s.sort_by(key))>
                    {label}{arrow}
                </a>
            </th>
        }
    };
    let (projects, reference) = (bundle.projects.clone(), bundle.reference.clone());
    // The page's rows, keyed by project and language: a filter change re-renders only
    // the rows that were not on the page before.
    let page_rows = Memo::new(move |_| sorted.with(|s| page(s, current(), PAGE_SIZE).to_vec()));
    let row = move |(i, locale): (usize, Locale)| {
        let language = language_of(locale);
        let p = projects.projects.get(i)?;
        let title = labels::project_title(locale, p);
        let communes = commune_links(locale, language, &reference, p);
        let subsidy = p
            .subsidy_eur
            .map(|v| format_euros(v, language))
            .unwrap_or_else(|| td_string!(locale, amount_unknown).to_string());
        let call = labels::call(locale, &explorer_core::explore::call_of(p));
        Some(view! {
            <tr data-project=p.id.clone()>
                <td data-label=td_string!(locale, col_title)>
                    <a href=app_href(&format!("/project/{}", p.id), language)>{title}</a>
                </td>
                <td data-label=td_string!(locale, col_commune)>{communes}</td>
                <td data-label=td_string!(locale, col_theme)>{labels::theme(locale, p.theme)}</td>
                <td data-label=td_string!(locale, col_status)>{labels::status(locale, p.status)}</td>
                <td data-label=td_string!(locale, col_year)>{call}</td>
                <td data-label=td_string!(locale, col_subsidy) class="num">{subsidy}</td>
            </tr>
        })
    };
    let rows = move || {
        let locale = i18n.get_locale();
        page_rows.get().into_iter().map(move |i| (i, locale))
    };
    view! {
        <div class="results">
            <table class="results-table" data-testid="results-table">
                <caption class="visually-hidden">{move || t_string!(i18n, results_caption)}</caption>
                <thead>
                    <tr>
                        {move || {
                            let locale = i18n.get_locale();
                            view! {
                                {header(SortKey::Title, td_string!(locale, col_title).to_string())}
                                {header(SortKey::Commune, td_string!(locale, col_commune).to_string())}
                                {header(SortKey::Theme, td_string!(locale, col_theme).to_string())}
                                {header(SortKey::Status, td_string!(locale, col_status).to_string())}
                                {header(SortKey::Year, td_string!(locale, col_year).to_string())}
                                {header(SortKey::Subsidy, td_string!(locale, col_subsidy).to_string())}
                            }
                        }}
                    </tr>
                </thead>
                <tbody>
                    <For each=rows key=|row| *row children=row />
                </tbody>
            </table>
            <Show when=move || sorted.with(|s| s.is_empty())>
                <p class="status">{move || t_string!(i18n, no_results)}</p>
            </Show>
            <Show when=move || { pages() > 1 }>
                <nav class="pager" aria-label=move || t_string!(i18n, pagination)>
                    {move || pager_link(
                        explorer,
                        (current() > 0).then(|| current() - 1),
                        "page-previous",
                        t_string!(i18n, page_previous).to_string(),
                    )}
                    <span>{move || t_string!(i18n, page_position, page = current() + 1, pages = pages())}</span>
                    {move || pager_link(
                        explorer,
                        (current() + 1 < pages()).then(|| current() + 1),
                        "page-next",
                        t_string!(i18n, page_next).to_string(),
                    )}
                </nav>
            </Show>
        </div>
    }
}
