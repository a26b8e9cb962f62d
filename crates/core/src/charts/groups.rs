//! How the barometer's indicators are grouped into charts, and the words for
//! the codes the data use (breakdowns, scopes).
//!
//! # The grouping, and why
//!
//! `indicators.csv` holds 167 figures from nine surveys. Most are single
//! percentages quoted by a press article or a summary, so no automatic rule
//! (by `indicator_id` prefix, by survey) gives readable charts. The groups are
//! therefore a curated table, [`GROUPS`]: each lists its indicator ids, in the
//! order of the page. The rules around it are mechanical:
//!
//! * **One unit per chart.** A bar's length only compares with bars of the same
//!   unit; percentages, counts and 0–10 scores never share an axis.
//! * **Ranks are ordered lists, not bars** ([`ChartKind::Ranking`]): a bar for
//!   "rank 1" longer than one for "rank 3" would read as "more", and ties
//!   (two 1st) are clearer as a list.
//! * **The same indicator in several surveys is compared side by side.** An
//!   indicator's *topic* is its id without the survey prefix (`w21_obstacle_budgets`
//!   → `obstacle_budgets`), or an alias the group gives when two surveys named
//!   the same question differently. Topics present in several surveys become
//!   grouped bars, one colour per survey (light = older, dark = newer), and the
//!   page lets the reader hide or show each survey.
//! * **Breakdowns** (rural/urban, with/without a Smart City approach, regions)
//!   become grouped bars, one colour per breakdown, or the categories of the
//!   chart when it has a single indicator.
//! * Every figure appears once. Figures no group claims land in "Other
//!   published figures" ([`ChartKind::Figures`], a list), so nothing is dropped
//!   silently; the tests pin which ones.
//! * [`CONFLICTS`]: `be17_not_concerned_per_summary` reads the same 2017
//!   percentages as the opposite of `be17_relevance_by_category` (see
//!   `data/SOURCES.md`). Only the latter is shown, and its chart carries a note
//!   saying why.
//!
//! Group and section titles are part of this table, in the four languages; the
//! indicator labels exist in French and English only, so Dutch and German pages
//! show the English ones (and say so).

use crate::language::Language;

/// Two readings of the same source that cannot both be true.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The indicator never shown.
    pub hidden: &'static str,
    /// The indicator shown instead; its chart says that the other reading conflicts.
    pub shown: &'static str,
}

/// The conflicting readings of the data (`data/SOURCES.md`).
pub const CONFLICTS: &[Conflict] = &[Conflict {
    hidden: "be17_not_concerned_per_summary",
    shown: "be17_relevance_by_category",
}];

/// Whether the indicator `id` is never shown (see [`CONFLICTS`]).
pub fn is_hidden(id: &str) -> bool {
    CONFLICTS.iter().any(|c| c.hidden == id)
}

/// A text in the four languages: French, Dutch, German, English.
pub type Words = [&'static str; 4];

/// `words` in `language`.
pub fn pick(words: &Words, language: Language) -> &'static str {
    match language {
        Language::Fr => words[0],
        Language::Nl => words[1],
        Language::De => words[2],
        Language::En => words[3],
    }
}

/// A part of the barometer page, with its heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    /// How municipalities perceive the Smart City.
    Perception,
    /// Approaches, strategies, who drives them.
    Approach,
    /// Self-assessed progress and obstacles.
    Progress,
    /// The regional Smart Région programme.
    SmartRegion,
    /// The 2020 Covid-19 study.
    Covid,
    /// Survey populations and context figures.
    Surveys,
}

impl Section {
    /// Every section, in page order.
    pub const ALL: [Section; 6] = [
        Section::Perception,
        Section::Approach,
        Section::Progress,
        Section::SmartRegion,
        Section::Covid,
        Section::Surveys,
    ];

    /// A stable identifier (for anchors and test hooks).
    pub fn id(self) -> &'static str {
        match self {
            Section::Perception => "perception",
            Section::Approach => "approach",
            Section::Progress => "progress",
            Section::SmartRegion => "smart-region",
            Section::Covid => "covid",
            Section::Surveys => "surveys",
        }
    }

    /// The section's heading in `language`.
    pub fn title(self, language: Language) -> &'static str {
        let words: &Words = match self {
            Section::Perception => &[
                "Perception de la Smart City",
                "Perceptie van de Smart City",
                "Wahrnehmung der Smart City",
                "Perception of the Smart City",
            ],
            Section::Approach => &[
                "Démarches et stratégies",
                "Aanpak en strategieën",
                "Ansätze und Strategien",
                "Approaches and strategies",
            ],
            Section::Progress => &[
                "Avancement et obstacles",
                "Vooruitgang en obstakels",
                "Fortschritt und Hindernisse",
                "Progress and obstacles",
            ],
            Section::SmartRegion => &[
                "La Smart Région",
                "De Smart Région",
                "Die Smart Région",
                "The Smart Région",
            ],
            Section::Covid => &[
                "La crise du Covid-19",
                "De covid-19-crisis",
                "Die Covid-19-Krise",
                "The Covid-19 crisis",
            ],
            Section::Surveys => &[
                "Les enquêtes et leur contexte",
                "De enquêtes en hun context",
                "Die Umfragen und ihr Kontext",
                "The surveys and their context",
            ],
        };
        pick(words, language)
    }
}

/// How a chart is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Horizontal bars on a canvas (percent, count, score).
    Bars,
    /// An ordered list (ranks).
    Ranking,
    /// A list of unrelated figures, each with its own unit and survey.
    Figures,
}

/// Which figures of a group's indicators it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breakdowns {
    /// Every breakdown.
    Any,
    /// Only the `all` rows.
    OnlyAll,
    /// Every breakdown but `all`.
    NotAll,
}

impl Breakdowns {
    /// Whether a row of breakdown `breakdown` belongs.
    pub fn accepts(self, breakdown: &str) -> bool {
        match self {
            Breakdowns::Any => true,
            Breakdowns::OnlyAll => breakdown == "all",
            Breakdowns::NotAll => breakdown != "all",
        }
    }
}

/// The order of a chart's categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// As the data list them (surveys chronologically).
    Data,
    /// Largest value first (the largest of a category's values); ties keep data order.
    ValueDesc,
}

/// One group of the barometer page.
#[derive(Clone, Copy, Debug)]
pub struct GroupSpec {
    /// Stable identifier, a slug (test hooks: `chart-<id>`).
    pub id: &'static str,
    /// Section of the page.
    pub section: Section,
    /// Title in FR, NL, DE, EN.
    pub title: Words,
    /// The indicator ids it takes.
    pub indicators: &'static [&'static str],
    /// Which breakdowns of them.
    pub breakdowns: Breakdowns,
    /// `(indicator id, topic)`: compares indicators that different surveys named differently.
    pub aliases: &'static [(&'static str, &'static str)],
    /// `(topic, label)`: a label for a topic that the surveys word differently.
    pub topic_labels: &'static [(&'static str, Words)],
    /// Surveys as categories and topics as series, instead of the automatic layout.
    pub surveys_as_categories: bool,
    /// Drop the label's leading "Xxx: " (the title already says it).
    pub strip_label_prefix: bool,
    /// Category order.
    pub order: Order,
}

const fn group(
    id: &'static str,
    section: Section,
    title: Words,
    indicators: &'static [&'static str],
) -> GroupSpec {
    GroupSpec {
        id,
        section,
        title,
        indicators,
        breakdowns: Breakdowns::Any,
        aliases: &[],
        topic_labels: &[],
        surveys_as_categories: false,
        strip_label_prefix: false,
        order: Order::Data,
    }
}

impl GroupSpec {
    const fn breakdowns(mut self, breakdowns: Breakdowns) -> Self {
        self.breakdowns = breakdowns;
        self
    }
    const fn aliases(mut self, aliases: &'static [(&'static str, &'static str)]) -> Self {
        self.aliases = aliases;
        self
    }
    const fn topic_labels(mut self, labels: &'static [(&'static str, Words)]) -> Self {
        self.topic_labels = labels;
        self
    }
    const fn surveys_as_categories(mut self) -> Self {
        self.surveys_as_categories = true;
        self
    }
    const fn strip_label_prefix(mut self) -> Self {
        self.strip_label_prefix = true;
        self
    }
    const fn by_value(mut self) -> Self {
        self.order = Order::ValueDesc;
        self
    }
}

/// The id of the group that collects the figures no other group takes.
pub const FIGURES_GROUP: &str = "figures";

/// Title of [`FIGURES_GROUP`].
pub const FIGURES_TITLE: Words = [
    "Autres chiffres publiés",
    "Andere gepubliceerde cijfers",
    "Weitere veröffentlichte Zahlen",
    "Other published figures",
];

use Section::*;

/// The groups of the barometer page, in page order (see the module documentation).
pub const GROUPS: &[GroupSpec] = &[
    // Perception
    group(
        "perception-2017-rank",
        Perception,
        [
            "Comment les communes perçoivent la Smart City (classement, 2017)",
            "Hoe gemeenten de Smart City zien (rangschikking, 2017)",
            "Wie Gemeinden die Smart City wahrnehmen (Rangfolge, 2017)",
            "How municipalities perceive the Smart City (ranking, 2017)",
        ],
        &[
            "be17_perception_rank_technological_challenge",
            "be17_perception_rank_opportunity",
            "be17_perception_rank_future_of_cities",
        ],
    )
    .strip_label_prefix(),
    group(
        "relevance-2017",
        Perception,
        [
            "Communes concernées par la Smart City, selon le caractère rural et la région (2017)",
            "Gemeenten die zich betrokken voelen bij de Smart City, naar landelijk karakter en gewest (2017)",
            "Von der Smart City betroffene Gemeinden, nach ländlichem Charakter und Region (2017)",
            "Municipalities concerned by the Smart City, by rural character and region (2017)",
        ],
        &["be17_relevance_by_category"],
    ),
    group(
        "perception",
        Perception,
        [
            "Perception du concept de Smart City",
            "Perceptie van het Smart City-concept",
            "Wahrnehmung des Smart-City-Konzepts",
            "Perception of the Smart City concept",
        ],
        &["be17_feel_concerned", "w18_doubts_fears", "w21_concept_appropriate"],
    ),
    group(
        "associations",
        Perception,
        [
            "Ce que les communes associent à la Smart City",
            "Waarmee gemeenten de Smart City associëren",
            "Womit Gemeinden die Smart City verbinden",
            "What municipalities associate with the Smart City",
        ],
        &[
            "be18_assoc_digitalisation",
            "be18_assoc_inclusive_participation",
            "w21_assoc_digitalisation",
            "w21_assoc_quality_of_life",
            "w21_assoc_inclusive_participation",
        ],
    )
    .breakdowns(Breakdowns::OnlyAll)
    .strip_label_prefix()
    .by_value(),
    group(
        "associations-2018-by-region",
        Perception,
        [
            "Associations à la Smart City selon la région et le caractère rural (2018)",
            "Associaties met de Smart City naar gewest en landelijk karakter (2018)",
            "Assoziationen mit der Smart City nach Region und ländlichem Charakter (2018)",
            "Associations with the Smart City by region and rural character (2018)",
        ],
        &[
            "be18_assoc_digitalisation",
            "be18_assoc_quality_of_life",
            "be18_assoc_brand_image",
            "be18_assoc_inclusive_participation",
        ],
    )
    .breakdowns(Breakdowns::NotAll),
    group(
        "associations-2021-rank",
        Perception,
        [
            "Thèmes associés à la Smart City (classement, 2021)",
            "Thema's geassocieerd met de Smart City (rangschikking, 2021)",
            "Mit der Smart City verbundene Themen (Rangfolge, 2021)",
            "Topics associated with the Smart City (ranking, 2021)",
        ],
        &[
            "w21_assoc_digitalisation_rank",
            "w21_assoc_quality_of_life_rank",
            "w21_assoc_inclusive_participation_rank",
        ],
    )
    .strip_label_prefix(),
    // Approaches and strategies
    group(
        "smart-approach",
        Approach,
        [
            "Engagement des communes dans une démarche Smart City",
            "Betrokkenheid van gemeenten bij een Smart City-aanpak",
            "Engagement der Gemeinden in einem Smart-City-Ansatz",
            "Municipalities' engagement in a Smart City approach",
        ],
        &[
            "w18_no_sc_project",
            "be18_at_least_halfway",
            "w19_actively_involved",
            "w21_engaged_smart_approach",
            "w21_in_future_vision",
        ],
    ),
    group(
        "strategy-plans",
        Approach,
        [
            "Stratégie Smart City : plans et objectifs",
            "Smart City-strategie: plannen en doelstellingen",
            "Smart-City-Strategie: Pläne und Ziele",
            "Smart City strategy: plans and objectives",
        ],
        &[
            "be17_dedicated_sc_plan",
            "be17_sc_section_in_global_strategy",
            "be17_intend_dedicated_plan",
            "be18_sc_objectives_in_global_strategy",
        ],
    ),
    group(
        "strategy-formalised",
        Approach,
        [
            "Communes impliquées ayant formalisé leur démarche dans une stratégie",
            "Betrokken gemeenten die hun aanpak in een strategie hebben vastgelegd",
            "Beteiligte Gemeinden, die ihren Ansatz in einer Strategie festgelegt haben",
            "Involved municipalities having formalised their approach in a strategy",
        ],
        &["w20_strategy_formalised", "w21_strategy_formalised"],
    ),
    group(
        "initiators",
        Approach,
        [
            "Qui initie la démarche Smart City (2021)",
            "Wie de Smart City-aanpak initieert (2021)",
            "Wer den Smart-City-Ansatz anstößt (2021)",
            "Who initiates the Smart City approach (2021)",
        ],
        &[
            "w21_initiated_by_elected",
            "w21_initiated_by_aldermen",
            "w21_initiated_by_mayors",
        ],
    ),
    group(
        "alderman-portfolio",
        Approach,
        [
            "Compétences de l'échevin à l'origine de la démarche (2021)",
            "Bevoegdheden van de schepen die de aanpak initieerde (2021)",
            "Zuständigkeiten des Schöffen, der den Ansatz angestoßen hat (2021)",
            "Portfolio of the alderman who initiated the approach (2021)",
        ],
        &[
            "w21_alderman_competence_ict",
            "w21_alderman_competence_works_planning",
            "w21_alderman_competence_finance",
        ],
    )
    .strip_label_prefix(),
    group(
        "alderman-portfolio-rank",
        Approach,
        [
            "Compétences de l'échevin à l'origine de la démarche (classement, 2021)",
            "Bevoegdheden van de initiërende schepen (rangschikking, 2021)",
            "Zuständigkeiten des initiierenden Schöffen (Rangfolge, 2021)",
            "Portfolio of the initiating alderman (ranking, 2021)",
        ],
        &[
            "w21_alderman_competence_ict_rank",
            "w21_alderman_competence_works_planning_rank",
            "w21_alderman_competence_finance_rank",
        ],
    )
    .strip_label_prefix(),
    group(
        "triggers-rank",
        Approach,
        [
            "Déclencheurs de la démarche (classement, 2021)",
            "Aanleidingen voor de aanpak (rangschikking, 2021)",
            "Auslöser des Ansatzes (Rangfolge, 2021)",
            "Triggers of the approach (ranking, 2021)",
        ],
        &["w21_trigger_rank_pst", "w21_trigger_rank_ti_call"],
    )
    .strip_label_prefix(),
    group(
        "dimensions-rank",
        Approach,
        [
            "Dimensions les plus présentes dans les stratégies (classement, 2021)",
            "Meest aanwezige dimensies in de strategieën (rangschikking, 2021)",
            "Häufigste Dimensionen in den Strategien (Rangfolge, 2021)",
            "Dimensions most present in the strategies (ranking, 2021)",
        ],
        &[
            "w21_dimension_smart_environment_rank",
            "w21_dimension_smart_governance_rank",
            "w21_dimension_smart_mobility_rank",
        ],
    )
    .strip_label_prefix(),
    group(
        "strategic-areas",
        Approach,
        [
            "Domaines stratégiques développés (2018)",
            "Ontwikkelde strategische domeinen (2018)",
            "Entwickelte strategische Bereiche (2018)",
            "Strategic areas developed (2018)",
        ],
        &[
            "w18_strategy_led_lighting",
            "w18_strategy_energy_optimisation",
            "w18_strategy_governance_participation",
            "w18_strategy_digitalisation_it",
            "w18_strategy_mobility",
            "be18_area_energy_optimisation",
            "be18_area_governance_participation",
            "be18_area_transport_mobility",
            "be18_area_attractivity_economy",
            "be18_area_telecom_digital_innovation",
        ],
    )
    // The Walloon and the Belgian 2018 surveys name the same areas differently.
    .aliases(&[
        ("be18_area_energy_optimisation", "strategy_energy_optimisation"),
        ("be18_area_governance_participation", "strategy_governance_participation"),
        ("be18_area_transport_mobility", "strategy_mobility"),
        ("be18_area_telecom_digital_innovation", "strategy_digitalisation_it"),
    ])
    .strip_label_prefix()
    .by_value(),
    group(
        "leadership-2018",
        Approach,
        [
            "Conditions de réussite : vision, soutien politique, leadership (2018)",
            "Succesvoorwaarden: visie, politieke steun, leiderschap (2018)",
            "Erfolgsbedingungen: Vision, politische Unterstützung, Führung (2018)",
            "Conditions for success: vision, political support, leadership (2018)",
        ],
        &[
            "be18_political_support",
            "be18_flexible_leadership",
            "be18_shared_vision",
        ],
    )
    .by_value(),
    group(
        "citizens-2018",
        Approach,
        [
            "Communes impliquant les citoyens dans leur stratégie Smart City, par région (2018)",
            "Gemeenten die burgers bij hun Smart City-strategie betrekken, per gewest (2018)",
            "Gemeinden, die Bürger in ihre Smart-City-Strategie einbeziehen, nach Region (2018)",
            "Municipalities involving citizens in their Smart City strategy, by region (2018)",
        ],
        &["be18_citizens_involved_in_strategy"],
    ),
    group(
        "project-managers-2017",
        Approach,
        [
            "Communes ayant engagé un chargé de projets Smart City (2017)",
            "Gemeenten die een Smart City-projectleider hebben aangeworven (2017)",
            "Gemeinden, die einen Smart-City-Projektleiter eingestellt haben (2017)",
            "Municipalities that hired a Smart City project manager (2017)",
        ],
        &["be17_sc_project_managers"],
    ),
    group(
        "priorities-2018",
        Approach,
        [
            "Priorité de chaque facteur dans les stratégies communales (score sur 10, 2018)",
            "Prioriteit van elke factor in de gemeentelijke strategieën (score op 10, 2018)",
            "Priorität jedes Faktors in den Gemeindestrategien (Punkte von 10, 2018)",
            "Priority of each factor in municipal strategies (score out of 10, 2018)",
        ],
        &["be18_strategy_priority_score"],
    ),
    group(
        "priorities-2018-rank",
        Approach,
        [
            "Priorités dans les stratégies communales globales (classement, 2018)",
            "Prioriteiten in de globale gemeentelijke strategieën (rangschikking, 2018)",
            "Prioritäten in den globalen Gemeindestrategien (Rangfolge, 2018)",
            "Priorities in municipal global strategies (ranking, 2018)",
        ],
        &[
            "be18_strategy_priority_rank_human",
            "be18_strategy_priority_rank_institutional",
            "be18_strategy_priority_rank_technological",
        ],
    )
    .strip_label_prefix(),
    // Progress and obstacles
    group(
        "progress",
        Progress,
        [
            "Niveau d'avancement moyen auto-évalué vers la Smart City (sur 10)",
            "Gemiddelde zelfingeschatte vooruitgang naar de Smart City (op 10)",
            "Durchschnittlicher selbst eingeschätzter Fortschritt zur Smart City (von 10)",
            "Average self-assessed progress towards the Smart City (out of 10)",
        ],
        &[
            "w18_progress_score",
            "be18_progress_score",
            "w20_progress_score",
            "w21_progress_score",
        ],
    )
    .breakdowns(Breakdowns::OnlyAll),
    group(
        "progress-2018-by-area",
        Progress,
        [
            "Niveau d'avancement auto-évalué par région et province (sur 10, 2018)",
            "Zelfingeschatte vooruitgang per gewest en provincie (op 10, 2018)",
            "Selbst eingeschätzter Fortschritt nach Region und Provinz (von 10, 2018)",
            "Self-assessed progress by region and province (out of 10, 2018)",
        ],
        &["be18_progress_score"],
    )
    .breakdowns(Breakdowns::NotAll),
    group(
        "obstacles",
        Progress,
        [
            "Obstacles aux projets Smart City",
            "Obstakels voor Smart City-projecten",
            "Hindernisse für Smart-City-Projekte",
            "Obstacles to Smart City projects",
        ],
        &[
            "w18_obstacle_budgets",
            "w18_obstacle_expertise",
            "w21_obstacle_budgets",
            "w21_obstacle_expertise",
            "w21_projects_difficult",
        ],
    ),
    group(
        "obstacles-rank",
        Progress,
        [
            "Principaux obstacles (classement, 2021)",
            "Belangrijkste obstakels (rangschikking, 2021)",
            "Wichtigste Hindernisse (Rangfolge, 2021)",
            "Main obstacles (ranking, 2021)",
        ],
        &[
            "w21_obstacle_rank_budgets",
            "w21_obstacle_rank_expertise",
            "w21_obstacle_rank_technologies",
        ],
    )
    .strip_label_prefix(),
    // The Smart Région
    group(
        "awareness",
        SmartRegion,
        [
            "Connaissance de la Smart Région selon l'implication des communes (2021)",
            "Bekendheid van de Smart Région naar betrokkenheid van de gemeenten (2021)",
            "Bekanntheit der Smart Région nach Engagement der Gemeinden (2021)",
            "Awareness of the Smart Région by municipalities' involvement (2021)",
        ],
        &[
            "w21_know_smart_region",
            "w21_not_know_smart_region",
            "w21_smart_region_influences",
        ],
    ),
    // Covid-19
    group(
        "covid-response",
        Covid,
        [
            "Covid-19 : les réponses des communes wallonnes (2020)",
            "Covid-19: de reacties van de Waalse gemeenten (2020)",
            "Covid-19: die Reaktionen der wallonischen Gemeinden (2020)",
            "Covid-19: how Walloon municipalities responded (2020)",
        ],
        &[
            "cov20_met_problems",
            "cov20_developed_solutions",
            "cov20_continue_efforts",
            "cov20_used_digital",
            "cov20_external_actors",
            "cov20_support_shops_financial",
            "cov20_support_shops_logistic",
            "cov20_telework_videoconf",
            "cov20_online_councils",
            "cov20_new_communication",
        ],
    )
    .by_value(),
    group(
        "covid-challenges",
        Covid,
        [
            "Covid-19 : défis rencontrés (2020)",
            "Covid-19: ondervonden uitdagingen (2020)",
            "Covid-19: Herausforderungen (2020)",
            "Covid-19: challenges met (2020)",
        ],
        &[
            "cov20_challenge_work_reorganisation",
            "cov20_challenge_communication",
            "cov20_challenge_masks",
            "cov20_challenge_crisis_management",
            "cov20_challenge_local_economy",
        ],
    )
    .strip_label_prefix()
    .by_value(),
    group(
        "covid-impacted",
        Covid,
        [
            "Covid-19 : acteurs les plus touchés (2020)",
            "Covid-19: meest getroffen actoren (2020)",
            "Covid-19: am stärksten betroffene Akteure (2020)",
            "Covid-19: most impacted actors (2020)",
        ],
        &[
            "cov20_impacted_shops_horeca",
            "cov20_impacted_front_office_staff",
            "cov20_impacted_workers",
        ],
    )
    .strip_label_prefix()
    .by_value(),
    group(
        "covid-urban-share",
        Covid,
        [
            "Covid-19 : part des communes urbaines (2020)",
            "Covid-19: aandeel stedelijke gemeenten (2020)",
            "Covid-19: Anteil städtischer Gemeinden (2020)",
            "Covid-19: share of urban municipalities (2020)",
        ],
        &["cov20_used_digital_urban_share", "cov20_online_councils_urban_share"],
    ),
    group(
        "covid-problems-rank",
        Covid,
        [
            "Covid-19 : problèmes les plus fréquents (classement, 2020)",
            "Covid-19: vaakst voorkomende problemen (rangschikking, 2020)",
            "Covid-19: häufigste Probleme (Rangfolge, 2020)",
            "Covid-19: most frequent problems (ranking, 2020)",
        ],
        &[
            "cov20_problem_rank_work_reorganisation",
            "cov20_problem_rank_communication",
        ],
    )
    .strip_label_prefix(),
    group(
        "covid-obstacles-rank",
        Covid,
        [
            "Covid-19 : principaux obstacles (classement, 2020)",
            "Covid-19: belangrijkste obstakels (rangschikking, 2020)",
            "Covid-19: wichtigste Hindernisse (Rangfolge, 2020)",
            "Covid-19: main obstacles (ranking, 2020)",
        ],
        &[
            "cov20_obstacle_rank_skills_infrastructure",
            "cov20_obstacle_rank_funding",
        ],
    )
    .strip_label_prefix(),
    // The surveys and their context
    group(
        "respondents",
        Surveys,
        [
            "Communes sollicitées et répondantes, par enquête",
            "Aangeschreven en antwoordende gemeenten, per enquête",
            "Angefragte und antwortende Gemeinden, je Umfrage",
            "Municipalities solicited and responding, by survey",
        ],
        &[
            "be17_communes_surveyed",
            "w18_participants",
            "be18_communes_solicited",
            "be18_respondents",
            "w19_respondents",
            "w20_communes_solicited",
            "w20_respondents",
            "cov20_communes_total",
            "cov20_respondents",
            "eval20_interviews",
            "w21_communes_solicited",
            "w21_respondents",
        ],
    )
    // Each survey names its population and its respondents its own way.
    .aliases(&[
        ("be17_communes_surveyed", "communes_solicited"),
        ("cov20_communes_total", "communes_solicited"),
        ("w18_participants", "respondents"),
        ("eval20_interviews", "respondents"),
    ])
    .topic_labels(&[
        (
            "communes_solicited",
            [
                "Communes sollicitées",
                "Aangeschreven gemeenten",
                "Angefragte Gemeinden",
                "Municipalities solicited",
            ],
        ),
        (
            "respondents",
            [
                "Communes répondantes",
                "Antwoordende gemeenten",
                "Antwortende Gemeinden",
                "Responding municipalities",
            ],
        ),
    ])
    .surveys_as_categories(),
    group(
        "response-rate",
        Surveys,
        [
            "Taux de réponse, par enquête",
            "Responspercentage, per enquête",
            "Rücklaufquote, je Umfrage",
            "Response rate, by survey",
        ],
        &[
            "w18_share_surveyed",
            "be18_response_rate",
            "w19_response_rate",
            "w20_response_rate",
            "w21_response_rate",
        ],
    )
    // The 2018 Walloon survey published its share of municipalities surveyed.
    .aliases(&[("w18_share_surveyed", "response_rate")]),
    group(
        "response-by-role-2018",
        Surveys,
        [
            "Taux de réponse par fonction du répondant (2018)",
            "Responspercentage per functie van de respondent (2018)",
            "Rücklaufquote nach Funktion der Befragten (2018)",
            "Response rate by respondent role (2018)",
        ],
        &["be18_response_rate_by_role"],
    ),
    group(
        "respondents-profile-2021",
        Surveys,
        [
            "Communes répondantes par profil (2021)",
            "Antwoordende gemeenten per profiel (2021)",
            "Antwortende Gemeinden nach Profil (2021)",
            "Responding municipalities by profile (2021)",
        ],
        &["w21_respondents_profile"],
    ),
    group(
        "urban-population",
        Surveys,
        [
            "Part de la population vivant en zone urbaine (2019)",
            "Aandeel van de bevolking in stedelijk gebied (2019)",
            "Anteil der Bevölkerung in städtischen Gebieten (2019)",
            "Share of the population living in urban areas (2019)",
        ],
        &["adn_urban_population_eu", "adn_urban_population_be"],
    ),
    group(
        "population-2030",
        Surveys,
        [
            "Population belge : point de départ et projection pour 2030",
            "Belgische bevolking: vertrekpunt en projectie voor 2030",
            "Belgische Bevölkerung: Ausgangswert und Prognose für 2030",
            "Belgian population: starting figure and 2030 projection",
        ],
        &["adn_population_be_start", "adn_population_be_2030"],
    ),
];

/// The label of a breakdown code, e.g. `with-smart-approach` → "Communes avec
/// une démarche Smart City"; an unknown code is written with spaces for dashes.
pub fn breakdown_label(code: &str, language: Language) -> String {
    match breakdown_words(code) {
        Some(words) => pick(words, language).to_string(),
        None => code.replace(['-', '_'], " "),
    }
}

/// Whether [`breakdown_label`] knows `code`.
pub fn is_known_breakdown(code: &str) -> bool {
    breakdown_words(code).is_some()
}

fn breakdown_words(code: &str) -> Option<&'static Words> {
    Some(match code {
        "all" => &[
            "Toutes les communes",
            "Alle gemeenten",
            "Alle Gemeinden",
            "All municipalities",
        ],
        "rural" => &[
            "Communes rurales",
            "Landelijke gemeenten",
            "Ländliche Gemeinden",
            "Rural municipalities",
        ],
        "urban" => &[
            "Communes urbaines",
            "Stedelijke gemeenten",
            "Städtische Gemeinden",
            "Urban municipalities",
        ],
        "flemish" => &[
            "Communes flamandes",
            "Vlaamse gemeenten",
            "Flämische Gemeinden",
            "Flemish municipalities",
        ],
        "walloon" => &[
            "Communes wallonnes",
            "Waalse gemeenten",
            "Wallonische Gemeinden",
            "Walloon municipalities",
        ],
        "brussels" => &[
            "Communes bruxelloises",
            "Brusselse gemeenten",
            "Brüsseler Gemeinden",
            "Brussels municipalities",
        ],
        "flanders" => &["Flandre", "Vlaanderen", "Flandern", "Flanders"],
        "wallonia" => &["Wallonie", "Wallonië", "Wallonien", "Wallonia"],
        "large-cities" => &[
            "Grandes villes",
            "Grote steden",
            "Großstädte",
            "Large cities",
        ],
        "small" => &[
            "Petites communes",
            "Kleine gemeenten",
            "Kleine Gemeinden",
            "Small municipalities",
        ],
        "large" => &[
            "Grandes communes",
            "Grote gemeenten",
            "Große Gemeinden",
            "Large municipalities",
        ],
        "executive-directors" => &[
            "Directeurs généraux",
            "Algemeen directeurs",
            "Generaldirektoren",
            "Executive directors",
        ],
        "smart-city-managers" => &[
            "Responsables Smart City",
            "Smart City-verantwoordelijken",
            "Smart-City-Verantwortliche",
            "Smart City managers",
        ],
        "heads-of-department" => &[
            "Chefs de service",
            "Diensthoofden",
            "Abteilungsleiter",
            "Heads of department",
        ],
        "with-smart-approach" => &[
            "Communes avec une démarche Smart City",
            "Gemeenten met een Smart City-aanpak",
            "Gemeinden mit Smart-City-Ansatz",
            "Municipalities with a Smart City approach",
        ],
        "without-smart-approach" => &[
            "Communes sans démarche Smart City",
            "Gemeenten zonder Smart City-aanpak",
            "Gemeinden ohne Smart-City-Ansatz",
            "Municipalities without a Smart City approach",
        ],
        "alderman-initiated" => &[
            "Démarches initiées par un échevin",
            "Door een schepen geïnitieerde aanpak",
            "Von einem Schöffen angestoßene Ansätze",
            "Approaches initiated by an alderman",
        ],
        "province-liege" => &[
            "Province de Liège",
            "Provincie Luik",
            "Provinz Lüttich",
            "Province of Liège",
        ],
        "province-vlaams-brabant" => &[
            "Province du Brabant flamand",
            "Provincie Vlaams-Brabant",
            "Provinz Flämisch-Brabant",
            "Province of Flemish Brabant",
        ],
        "province-hainaut" => &[
            "Province de Hainaut",
            "Provincie Henegouwen",
            "Provinz Hennegau",
            "Province of Hainaut",
        ],
        "province-antwerpen" => &[
            "Province d'Anvers",
            "Provincie Antwerpen",
            "Provinz Antwerpen",
            "Province of Antwerp",
        ],
        "province-brabant-wallon" => &[
            "Province du Brabant wallon",
            "Provincie Waals-Brabant",
            "Provinz Wallonisch-Brabant",
            "Province of Walloon Brabant",
        ],
        "human-factor" => &[
            "Facteur humain",
            "Menselijke factor",
            "Menschlicher Faktor",
            "Human factor",
        ],
        "institutional-factor" => &[
            "Facteur institutionnel",
            "Institutionele factor",
            "Institutioneller Faktor",
            "Institutional factor",
        ],
        "technological-factor" => &[
            "Facteur technologique",
            "Technologische factor",
            "Technologischer Faktor",
            "Technological factor",
        ],
        _ => return None,
    })
}

/// The name of a survey's scope (`Belgium`, `Wallonia`, `EU`) in `language`;
/// another scope is written as given.
pub fn scope_label(scope: &str, language: Language) -> String {
    let words: &Words = match scope {
        "Belgium" => &["Belgique", "België", "Belgien", "Belgium"],
        "Wallonia" => &["Wallonie", "Wallonië", "Wallonien", "Wallonia"],
        "EU" => &["UE", "EU", "EU", "EU"],
        other => return other.to_string(),
    };
    pick(words, language).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn group_ids_are_unique_slugs_and_titles_complete() {
        let mut ids = HashSet::new();
        for spec in GROUPS {
            assert!(ids.insert(spec.id), "duplicate group {}", spec.id);
            assert!(crate::datasets::is_slug(spec.id), "{}", spec.id);
            assert!(spec.title.iter().all(|t| !t.is_empty()), "{}", spec.id);
            assert!(!spec.indicators.is_empty(), "{}", spec.id);
            for (id, _) in spec.aliases {
                assert!(spec.indicators.contains(id), "alias of a foreign id {id}");
            }
            for (_, words) in spec.topic_labels {
                assert!(words.iter().all(|w| !w.is_empty()), "{}", spec.id);
            }
        }
        assert!(!ids.contains(FIGURES_GROUP));
    }

    #[test]
    fn words_fall_back_to_the_code() {
        assert_eq!(breakdown_label("rural", Language::Fr), "Communes rurales");
        assert_eq!(
            breakdown_label("province-liege", Language::Nl),
            "Provincie Luik"
        );
        assert_eq!(breakdown_label("new-code", Language::En), "new code");
        assert_eq!(scope_label("Wallonia", Language::De), "Wallonien");
        assert_eq!(scope_label("Namur", Language::Fr), "Namur");
        assert_eq!(Section::Covid.title(Language::En), "The Covid-19 crisis");
    }
}
