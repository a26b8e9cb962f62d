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
use wasm_bindgen::JsCast;

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
///
/// The options are built with their count and check of the moment; afterwards one
/// effect per facet sets the counts, checks, `hidden` and the dimming class, only
/// where they changed (as the map does with its fills): a reactive attribute per
/// option subscribed some 250 memos and effects to every filter change.
#[component]
fn FacetGroup(facet: Facet, facets: Memo<Facets>, bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let explorer = expect_context::<Explorer>();
    let hook = facet_hook(facet);
    // (value, label) per option, in the order shown: it changes with the language and
    // when an option appears or goes, not with the counts.
    let listed = Memo::new(move |_| {
        let locale = i18n.get_locale();
        let language = language_of(locale);
        let mut listed: Vec<(String, String)> = facets.with(|f| {
            f.options(facet)
                .iter()
                .map(|o| {
                    let label =
                        labels::facet_value(locale, language, &bundle.reference, facet, &o.value);
                    (o.value.clone(), label)
                })
                .collect()
        });
        if matches!(facet, Facet::Municipality | Facet::Province) {
            listed.sort_by_cached_key(|(_, label)| fold(label));
        }
        listed
    });
    let options = StoredValue::new_local(Vec::<ShownOption>::new());
    let next_id = StoredValue::new(0_usize);
    // Keyed by value and label: an option keeps its element (and the focus) while
    // its count and check follow the filters.
    let option_view = move |(value, label): (String, String)| {
        let testid = format!("facet-option-{hook}-{value}");
        let (count, selected) = facets.with_untracked(|f| f.count_and_check(facet, &value));
        let element = NodeRef::<leptos::html::Li>::new();
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        options.update_value(|o| {
            o.push(ShownOption {
                id,
                value: value.clone(),
                element,
                count,
                selected,
            })
        });
        on_cleanup(move || options.update_value(|o| o.retain(|option| option.id != id)));
        let toggle = move |_| {
            explorer.update(|s| {
                s.toggle(facet, &value);
            });
        };
        view! {
            <li
                node_ref=element
                class=if count == 0 { "facet__option facet__option--empty" } else { "facet__option" }
                hidden=is_hidden(facet, count, selected)
            >
                <label data-testid=testid data-count=count.to_string()>
                    <input type="checkbox" prop:checked=selected on:change=toggle />
                    <span class="facet__label">{label}</span>
                    <span class="facet__count">{count.to_string()}</span>
                </label>
            </li>
        }
    };
    Effect::new(move |_| {
        facets.with(|f| {
            options.update_value(|shown| {
                for option in shown.iter_mut() {
                    let (count, selected) = f.count_and_check(facet, &option.value);
                    option.show(count, selected, is_hidden(facet, count, selected));
                }
            })
        })
    });
    view! {
        <fieldset class="facet" data-testid=format!("facet-{hook}")>
            <legend>{move || labels::facet(i18n.get_locale(), facet)}</legend>
            <ul class="facet__options">
                <For each=move || listed.get() key=|option| option.clone() children=option_view />
            </ul>
        </fieldset>
    }
}

/// Whether an option is hidden: a municipality with no match that is not checked
/// (the other facets dim such options instead).
fn is_hidden(facet: Facet, count: usize, selected: bool) -> bool {
    facet == Facet::Municipality && count == 0 && !selected
}

/// A facet option in the page, with the count and check it shows.
struct ShownOption {
    /// Tells this element from the one of the same value in another language.
    id: usize,
    /// The option's value in the address.
    value: String,
    /// Its list item.
    element: NodeRef<leptos::html::Li>,
    /// The count and check the page shows.
    count: usize,
    selected: bool,
}

impl ShownOption {
    /// Shows `count`, `selected` and `hidden`, writing to the page only what changed;
    /// the box's check is compared with the page's own (a click has already changed it).
    fn show(&mut self, count: usize, selected: bool, hidden: bool) {
        let Some(li) = self.element.get_untracked() else {
            return;
        };
        let Some(label) = li.first_element_child() else {
            return;
        };
        if let Some(input) = label
            .first_element_child()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            if input.checked() != selected {
                input.set_checked(selected);
            }
        }
        if (count, selected) == (self.count, self.selected) {
            return;
        }
        let _ = li
            .class_list()
            .toggle_with_force("facet__option--empty", count == 0);
        li.set_hidden(hidden);
        let text = count.to_string();
        let _ = label.set_attribute("data-count", &text);
        if let Some(number) = label.last_element_child() {
            number.set_text_content(Some(&text));
        }
        self.count = count;
        self.selected = selected;
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
