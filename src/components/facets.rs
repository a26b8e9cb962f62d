//! The filter panel: free-text search, the facets with their disjunctive counts, the
//! municipality type-ahead and the subsidy range.

use crate::data::Bundle;
use crate::explorer::Explorer;
use crate::i18n::*;
use crate::labels;
use crate::lang::language_of;
use explorer_core::explore::{read_amount, CommuneSearch, ExplorerState, Facet, Facets};
use explorer_core::municipality::WALLONIA;
use explorer_core::text::fold;
use leptos::prelude::*;

/// The facet's name in test hooks (`facet-<name>`).
pub fn facet_hook(facet: Facet) -> &'static str {
    match facet {
        Facet::Municipality => "municipality",
        Facet::Province => "province",
        Facet::Theme => "theme",
        Facet::Status => "status",
        Facet::Call => "call",
        Facet::ApplicantType => "applicant-type",
    }
}

/// The whole filter panel, each option with its disjunctive count (the explorer page's
/// only: no embed shows facets).
#[component]
pub fn FilterPanel(bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let explorer = expect_context::<Explorer>();
    let state = explorer.state;
    let index = bundle.index.clone();
    let facets = Memo::new(move |_| state.with(|state| index.facet_counts(state)));
    let update = move |change: &dyn Fn(&mut ExplorerState)| explorer.update(change);
    let on_search = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        update(&|s| s.text = text.trim().to_string());
    };
    let amount = |text: String| read_amount(&text).ok();
    let on_min = move |ev: leptos::ev::Event| {
        let value = amount(event_target_value(&ev));
        update(&|s| s.subsidy_min = value);
    };
    let on_max = move |ev: leptos::ev::Event| {
        let value = amount(event_target_value(&ev));
        update(&|s| s.subsidy_max = value);
    };
    let shown = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    view! {
        <aside class="filters" aria-labelledby="filters-heading">
            <h2 id="filters-heading">{move || t_string!(i18n, filters_heading)}</h2>
            <label class="field">
                <span>{move || t_string!(i18n, search_label)}</span>
                <input
                    type="search"
                    data-testid="search-input"
                    prop:value=move || state.with(|s| s.text.clone())
                    on:change=on_search
                />
            </label>
            <MunicipalitySearch bundle=bundle.clone() />
            {[Facet::Municipality, Facet::Province, Facet::Theme, Facet::Status, Facet::Call, Facet::ApplicantType]
                .into_iter()
                .map(|facet| view! { <FacetGroup facet facets bundle=bundle.clone() /> })
                .collect_view()}
            <fieldset class="facet" data-testid="facet-subsidy">
                <legend>{move || t_string!(i18n, facet_subsidy)}</legend>
                <div class="range">
                    <label>
                        <span>{move || t_string!(i18n, subsidy_min)}</span>
                        <input type="number" min="0" step="1000" inputmode="numeric" data-testid="subsidy-min"
                            prop:value=move || shown(state.with(|s| s.subsidy_min)) on:change=on_min />
                    </label>
                    <label>
                        <span>{move || t_string!(i18n, subsidy_max)}</span>
                        <input type="number" min="0" step="1000" inputmode="numeric" data-testid="subsidy-max"
                            prop:value=move || shown(state.with(|s| s.subsidy_max)) on:change=on_max />
                    </label>
                </div>
            </fieldset>
        </aside>
    }
}

/// One facet: a checkbox per option with its count (in `facets`); options with no
/// match are dimmed, except the municipalities', which are hidden (the data name
/// many, and the list shows those that have matching projects).
#[component]
fn FacetGroup(facet: Facet, facets: Memo<Facets>, bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let explorer = expect_context::<Explorer>();
    let hook = facet_hook(facet);
    // (value, label, count, checked) per option, in the order shown.
    let options = Memo::new(move |_| {
        let locale = i18n.get_locale();
        let language = language_of(locale);
        let mut options: Vec<(String, String, usize, bool)> = facets.with(|f| {
            f.options(facet)
                .iter()
                .map(|o| {
                    let label =
                        labels::facet_value(locale, language, &bundle.reference, facet, &o.value);
                    (o.value.clone(), label, o.count, o.selected)
                })
                .collect()
        });
        if matches!(facet, Facet::Municipality | Facet::Province) {
            options.sort_by_cached_key(|(_, label, _, _)| fold(label));
        }
        options
    });
    // Keyed by value and label: an option keeps its element (and the focus) while
    // its count and check follow the filters.
    let listed = move || {
        options.with(|o| {
            o.iter()
                .map(|(value, label, _, _)| (value.clone(), label.clone()))
                .collect::<Vec<_>>()
        })
    };
    let option_view = move |(value, label): (String, String)| {
        let testid = format!("facet-option-{hook}-{value}");
        let shown = {
            let value = value.clone();
            move || {
                options.with(|o| {
                    o.iter()
                        .find(|(v, _, _, _)| *v == value)
                        .map_or((0, false), |(_, _, count, checked)| (*count, *checked))
                })
            }
        };
        let shown = Memo::new(move |_| shown());
        let count = move || shown.get().0;
        let toggle = move |_| {
            explorer.update(|s| {
                s.toggle(facet, &value);
            });
        };
        // Hidden rather than left out: the list keeps its elements across filter
        // changes, which only set this attribute (and the counts).
        let hidden = move || facet == Facet::Municipality && shown.get() == (0, false);
        view! {
            <li class="facet__option" class:facet__option--empty=move || count() == 0 hidden=hidden>
                <label data-testid=testid data-count=count>
                    <input type="checkbox" prop:checked=move || shown.get().1 on:change=toggle />
                    <span class="facet__label">{label}</span>
                    <span class="facet__count">{count}</span>
                </label>
            </li>
        }
    };
    view! {
        <fieldset class="facet" data-testid=format!("facet-{hook}")>
            <legend>{move || labels::facet(i18n.get_locale(), facet)}</legend>
            <ul class="facet__options">
                <For each=listed key=|option| option.clone() children=option_view />
            </ul>
        </fieldset>
    }
}

/// Type-ahead over the Walloon municipalities' FR/NL/DE names, ignoring case and accents.
#[component]
fn MunicipalitySearch(bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let explorer = expect_context::<Explorer>();
    let query = RwSignal::new(String::new());
    let search = CommuneSearch::new(&bundle.reference, WALLONIA);
    let reference = bundle.reference.clone();
    let suggestions = move || {
        let language = language_of(i18n.get_locale());
        query.with(|text| search.find(text, |nis| labels::commune(&reference, nis, language), 8))
    };
    let pick = move |nis: String| {
        explorer.update(|s| {
            s.toggle(Facet::Municipality, &nis);
        });
        query.set(String::new());
    };
    view! {
        <div class="typeahead">
            <label class="field">
                <span>{move || t_string!(i18n, commune_search_label)}</span>
                <input
                    type="search"
                    data-testid="municipality-search"
                    autocomplete="off"
                    aria-controls="municipality-suggestions"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
            </label>
                <ul hidden=move || query.with(|q| q.trim().is_empty()) id="municipality-suggestions" class="typeahead__list" data-testid="municipality-suggestions" role="list">
                    {move || {
                        let found = suggestions();
                        if found.is_empty() {
                            view! { <li class="typeahead__none">{move || t_string!(i18n, commune_search_none)}</li> }.into_any()
                        } else {
                            found
                                .into_iter()
                                .map(|(nis, name)| {
                                    let testid = format!("suggestion-{nis}");
                                    let chosen = nis.clone();
                                    view! {
                                        <li>
                                            <button type="button" data-testid=testid on:click=move |_| pick(chosen.clone())>
                                                {name}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }
                    }}
                </ul>
        </div>
    }
}
