//! The query engine of `explorer-core` for the browser benchmark
//! (`bench/browser`): synthetic projects generated in wasm, the benchmark
//! query, and the columns the peers (DuckDB-wasm, Arquero) load.

use explorer_core::datasets::Project;
use explorer_core::engine::Selection;
use explorer_core::explore::{
    call_of, raw_column_bytes, synth, ExplorerState, FacetOption, Facets, ProjectIndex, Sort,
    SortKey,
};
use explorer_core::language::Language;
use explorer_core::municipality::Reference;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

/// Synthetic projects, their index and the benchmark query.
#[wasm_bindgen]
pub struct Bench {
    reference: Reference,
    projects: Vec<Project>,
    state: ExplorerState,
    index: Option<ProjectIndex>,
    selection: Option<Selection>,
}

/// The first page of 50 by subsidy, largest first.
const TOP: Sort = Sort {
    key: SortKey::Subsidy,
    descending: true,
};

#[wasm_bindgen]
impl Bench {
    /// `rows` synthetic projects drawn with `seed`.
    #[wasm_bindgen(constructor)]
    pub fn new(rows: usize, seed: u32) -> Bench {
        let reference = synth::reference();
        let projects = synth::projects(rows, u64::from(seed), &reference);
        Bench {
            reference,
            projects,
            state: synth::bench_state(),
            index: None,
            selection: None,
        }
    }

    /// Builds the index; returns the size of its vocabulary.
    pub fn build(&mut self) -> usize {
        let index = ProjectIndex::build(&self.projects, &self.reference);
        let words = index.vocabulary();
        self.index = Some(index);
        words
    }

    /// Applies the benchmark filter; returns the number of matching projects.
    pub fn filter(&mut self) -> usize {
        let selection = self.index.as_ref().map(|i| i.filter(&self.state));
        let len = selection.as_ref().map_or(0, Selection::len);
        self.selection = selection;
        len
    }

    /// Counts every facet under the benchmark filter; returns the matching count.
    pub fn facet_counts(&self) -> usize {
        self.index
            .as_ref()
            .map_or(0, |i| i.facet_counts(&self.state).matching)
    }

    /// The filter and every facet count, as the explorer computes them.
    pub fn filter_facets(&mut self) -> usize {
        self.filter() + self.facet_counts()
    }

    /// Row numbers of the first 50 matching projects by subsidy, largest first.
    pub fn sort_top50(&self) -> Vec<u32> {
        match (&self.index, &self.selection) {
            (Some(index), Some(selection)) => index
                .sorted_page(selection, TOP, Language::Fr, 0, 50)
                .into_iter()
                .map(|r| r as u32)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The facet counts as JSON: `{"matching": n, "commune": {value: count}, …}`,
    /// values with a count of 0 left out.
    pub fn facets_json(&self) -> String {
        let Some(index) = &self.index else {
            return "{}".into();
        };
        let facets: Facets = index.facet_counts(&self.state);
        let nonzero = |options: &[FacetOption]| -> Value {
            Value::Object(
                options
                    .iter()
                    .filter(|o| o.count > 0)
                    .map(|o| (o.value.clone(), json!(o.count)))
                    .collect::<Map<_, _>>(),
            )
        };
        json!({
            "matching": facets.matching,
            "commune": nonzero(&facets.municipalities),
            "province": nonzero(&facets.provinces),
            "theme": nonzero(&facets.themes),
            "status": nonzero(&facets.statuses),
            "call": nonzero(&facets.calls),
            "applicant": nonzero(&facets.applicant_types),
        })
        .to_string()
    }

    /// The benchmark query as JSON, for the peers.
    pub fn query_json(&self) -> String {
        let s = &self.state;
        json!({
            "commune": s.municipalities,
            "province": s.provinces,
            "theme": s.themes.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            "status": s.statuses.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            "call": s.calls,
            "applicant": s.applicant_types.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            "subsidy_min": s.subsidy_min,
            "subsidy_max": s.subsidy_max,
            "text": s.text,
        })
        .to_string()
    }

    /// Bytes the index holds.
    pub fn index_bytes(&self) -> usize {
        self.index.as_ref().map_or(0, ProjectIndex::heap_bytes)
    }

    /// Bytes of the indexed columns in a plain columnar layout.
    pub fn raw_bytes(&self) -> usize {
        raw_column_bytes(&self.projects)
    }

    /// One text column for the peers, a value per line, empty for none:
    /// `muni1`, `muni2`, `prov1`, `prov2` (the distinct provinces of the
    /// municipalities), `theme`, `status`, `call`, `applicant`, `title`, `lead`.
    pub fn column(&self, name: &str) -> String {
        let province_of: HashMap<&str, &str> = self
            .reference
            .municipalities
            .iter()
            .filter_map(|m| Some((m.nis.as_str(), m.province.as_deref()?)))
            .collect();
        let provinces = |p: &Project| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for nis in &p.municipalities {
                if let Some(province) = province_of.get(nis.as_str()) {
                    if !out.iter().any(|o| o == province) {
                        out.push((*province).to_owned());
                    }
                }
            }
            out
        };
        let value = |p: &Project| -> String {
            match name {
                "muni1" => p.municipalities.first().cloned().unwrap_or_default(),
                "muni2" => p.municipalities.get(1).cloned().unwrap_or_default(),
                "prov1" => provinces(p).into_iter().next().unwrap_or_default(),
                "prov2" => provinces(p).into_iter().nth(1).unwrap_or_default(),
                "theme" => p.theme.map(|t| t.as_str().to_owned()).unwrap_or_default(),
                "status" => p.status.as_str().to_owned(),
                "call" => call_of(p),
                "applicant" => p
                    .lead_type
                    .map(|t| t.as_str().to_owned())
                    .unwrap_or_default(),
                "title" => p.title.clone(),
                "lead" => p.lead_applicant.clone().unwrap_or_default(),
                _ => String::new(),
            }
        };
        let mut out = String::new();
        for (i, project) in self.projects.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&value(project));
        }
        out
    }

    /// The subsidy column, NaN when unknown.
    pub fn subsidy(&self) -> Vec<f64> {
        self.projects
            .iter()
            .map(|p| p.subsidy_eur.unwrap_or(f64::NAN))
            .collect()
    }
}
