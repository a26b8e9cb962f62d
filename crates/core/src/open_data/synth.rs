//! A synthetic Opendatasoft-style export for the open-data benchmarks, generated
//! deterministically from a seed: `;`-separated with a BOM, ten columns — the commune
//! by name (French, or Dutch one time in ten) and by NIS code, a theme (8 values), a
//! status (5), a year (2015–2025), a start date, an amount and an area written with a
//! decimal comma and thousands separators, a French title with accents, and a project
//! code — with 3 % of the cells blank. Municipalities are drawn from the Walloon ones.

use crate::explore::synth::Draw;
use crate::municipality::{Reference, WALLONIA};
use std::fmt::Write;

const THEMES: [&str; 8] = [
    "Mobilité",
    "Énergie",
    "Gouvernance",
    "Environnement",
    "Santé",
    "Tourisme",
    "Économie",
    "Sécurité",
];
const STATUSES: [&str; 5] = ["En cours", "Terminé", "Planifié", "Abandonné", "Suspendu"];
const WORDS: [&str; 16] = [
    "réseau",
    "capteurs",
    "vélos",
    "éclairage",
    "plateforme",
    "citoyenne",
    "données",
    "mobilité",
    "chaleur",
    "bornes",
    "parking",
    "école",
    "quartier",
    "numérique",
    "eau",
    "déchets",
];

/// The header and `rows` rows of the export, as a file's bytes.
pub fn ods_export(rows: usize, seed: u64, reference: &Reference) -> Vec<u8> {
    let communes: Vec<_> = reference.in_region(WALLONIA).collect();
    let mut draw = Draw::new(seed);
    let mut out = String::with_capacity(rows * 110 + 200);
    out.push('\u{feff}');
    out.push_str("Commune;Code INS;Thème;Statut;Année;Date de début;Montant (€);Surface (m²);Titre du projet;Code projet\n");
    for row in 0..rows {
        let blank = |draw: &mut Draw| draw.chance(0.03);
        let commune = draw.pick(&communes);
        let name = commune.map_or("", |m| {
            let dutch = m.name.nl.as_deref().filter(|_| draw.chance(0.1));
            dutch.or(m.name.fr.as_deref()).unwrap_or("")
        });
        let fields: [String; 10] = [
            if blank(&mut draw) {
                String::new()
            } else {
                name.to_string()
            },
            if blank(&mut draw) {
                String::new()
            } else {
                commune.map_or(String::new(), |m| m.nis.clone())
            },
            draw.pick(&THEMES).copied().unwrap_or_default().to_string(),
            draw.pick(&STATUSES)
                .copied()
                .unwrap_or_default()
                .to_string(),
            (2015 + draw.below(11)).to_string(),
            format!(
                "{}-{:02}-{:02}",
                2015 + draw.below(11),
                1 + draw.below(12),
                1 + draw.below(28)
            ),
            if blank(&mut draw) {
                String::new()
            } else {
                thousands(draw.below(2_000_000), draw.below(100))
            },
            thousands(draw.below(50_000), draw.below(10)),
            (0..2 + draw.below(4))
                .map(|_| *draw.pick(&WORDS).unwrap_or(&""))
                .collect::<Vec<_>>()
                .join(" "),
            format!("P-{row:07}"),
        ];
        let _ = writeln!(out, "{}", fields.join(";"));
    }
    out.into_bytes()
}

/// `whole` with a space between thousands and `cents` after a decimal comma.
fn thousands(whole: usize, cents: usize) -> String {
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + 6);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(digit);
    }
    let _ = write!(out, ",{cents:02}");
    out
}
