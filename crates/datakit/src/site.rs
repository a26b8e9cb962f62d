//! `datakit site --dist DIR`: finishes a built site for static hosting (run by Trunk's
//! post-build hook).
//!
//! - A Content-Security-Policy `<meta>` allowing only what the app needs: its own files,
//!   WebAssembly (`'wasm-unsafe-eval'`) and Trunk's inline bootstrap script by its hash.
//! - One entry page (a copy of `index.html`) per deep link — the pages, each project,
//!   each Walloon municipality, the embeds — so that every link answers HTTP 200 on a
//!   plain static host such as GitHub Pages, with its own `<title>` and Open Graph /
//!   Twitter card meta naming the project or municipality (shared links preview with
//!   their name; static hosting cannot do better than build-time pages).
//! - The import worker's files named by their content hash, like every other asset
//!   (Trunk must name a worker's files after its binary): a `<meta name="sre-import-worker">`
//!   tells the app the loader's name, so a cached old worker is never paired with a new app.
//!   The explorer's tools app likewise: `<meta name="sre-tools">` names its files.
//! - With `SRE_REPO_URL` set (an `https:` repository URL; the GitHub Pages workflow
//!   sets it), a `<meta name="sre-repository">` naming it: the contribution form then
//!   links to a prefilled new issue there.
//! - `404.html`, the app itself, which shows its "page not found" for an unknown path.
//! - The service worker `sw.js` (see [`crate::service_worker`]) that keeps this build's
//!   files for offline use, and a `<meta name="sre-build">` naming the build in every
//!   page; the embeds' pages lose the manifest link (an embed does not install the site).
//! - `<link rel="preload">` of `data/catalog.json` and of the datasets the page's app
//!   loads at start ([`StartUp`]: the explorer and its embeds, Wallonia's
//!   municipalities; the other apps, Belgium's), so that they download beside the app's
//!   wasm instead of once it runs.
//! - `.nojekyll`, so that GitHub Pages serves the files as they are.

use crate::bundle::{read_datasets, Datasets};
use crate::service_worker::{Precache, BUILD_META, BUILD_PLACEHOLDER, SCRIPT_FILE};
use anyhow::{bail, Context, Result};
use base64::Engine;
use explorer_core::catalog::{Catalog, StartUp, CATALOG_FILE};
use explorer_core::export::{municipalities_csv, projects_csv_rows, CsvDialect};
use explorer_core::language::Language;
use explorer_core::municipality::WALLONIA;
use explorer_core::text::is_https_link;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Escapes text for an HTML attribute or element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The CSP for a page whose inline bootstrap script is `inline_script`.
pub fn content_security_policy(inline_script: &str) -> String {
    let hash =
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(inline_script.as_bytes()));
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' https:; \
         frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'"
    )
}

/// The text of the first inline `<script type="module">` of `html`.
fn inline_script(html: &str) -> Option<&str> {
    let start = html.find("<script type=\"module\">")? + "<script type=\"module\">".len();
    let end = start + html[start..].find("</script>")?;
    Some(&html[start..end])
}

/// `html` with the CSP meta and the page's title and description.
pub fn page_html(html: &str, csp: &str, title: &str, description: &str) -> String {
    let (title, description) = (escape(title), escape(description));
    let head = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\" />\n    \
         <title>{title}</title>\n    \
         <meta name=\"description\" content=\"{description}\" />\n    \
         <meta property=\"og:type\" content=\"website\" />\n    \
         <meta property=\"og:site_name\" content=\"Smart Région Explorer\" />\n    \
         <meta property=\"og:title\" content=\"{title}\" />\n    \
         <meta property=\"og:description\" content=\"{description}\" />\n    \
         <meta name=\"twitter:card\" content=\"summary\" />\n    \
         <meta name=\"twitter:title\" content=\"{title}\" />"
    );
    let mut out = String::with_capacity(html.len() + head.len());
    let mut rest = html;
    // Drop the template's own title and description; insert ours after the charset.
    for tag in ["<title>", "<meta name=\"description\""] {
        if let Some(start) = rest.find(tag) {
            let end = if tag == "<title>" {
                rest[start..]
                    .find("</title>")
                    .map(|e| start + e + "</title>".len())
            } else {
                rest[start..].find('>').map(|e| start + e + 1)
            };
            if let Some(end) = end {
                out.push_str(&rest[..start]);
                rest = &rest[end..];
            }
        }
    }
    out.push_str(rest);
    match out.find("<meta charset=\"utf-8\" />") {
        Some(i) => {
            let at = i + "<meta charset=\"utf-8\" />".len();
            format!("{}\n    {head}{}", &out[..at], &out[at..])
        }
        None => out.replacen("<head>", &format!("<head>\n    {head}"), 1),
    }
}

/// Every deep link with its title and description.
pub fn routes(datasets: &Datasets) -> Vec<(String, String, String)> {
    let site = "Smart Région Explorer";
    let mut routes = vec![
        (
            "communes".to_string(),
            format!("Statistiques et communes · {site}"),
            "Les projets Smart Région documentés en graphiques (par thème, province et appel) et les 262 communes de Wallonie, chacune avec sa page.".to_string(),
        ),
        (
            "barometer".to_string(),
            format!("Baromètre Smart City · {site}"),
            "Les baromètres Smart City du Smart City Institute (HEC Liège – ULiège).".to_string(),
        ),
        (
            "programme".to_string(),
            format!("Le programme Smart Région · {site}"),
            "Le programme Smart Région de la Wallonie raconté par ses documents : axes, piliers, appels à projets en chiffres et chronologie, avec leurs sources.".to_string(),
        ),
        (
            "about".to_string(),
            format!("À propos et sources · {site}"),
            "Les jeux de données, leurs sources et leurs licences.".to_string(),
        ),
        (
            "data".to_string(),
            format!("Explorer vos données · {site}"),
            "Un fichier CSV, JSON ou GeoJSON de données communales, exploré dans votre navigateur : filtres, carte, tableau. Rien n'est envoyé.".to_string(),
        ),
        (
            "data/embed/map".to_string(),
            format!("Carte · {site}"),
            "Un jeu de données communal, par commune.".to_string(),
        ),
        (
            "data/embed/table".to_string(),
            format!("Tableau · {site}"),
            "Un jeu de données communal.".to_string(),
        ),
        (
            "embed/map".to_string(),
            format!("Carte · {site}"),
            "Projets Smart Région par commune.".to_string(),
        ),
        (
            "embed/table".to_string(),
            format!("Tableau · {site}"),
            "Projets Smart Région.".to_string(),
        ),
    ];
    for project in &datasets.projects {
        let title = if project.title.is_empty() {
            project
                .lead_applicant
                .clone()
                .unwrap_or_else(|| project.id.clone())
        } else {
            project.title.clone()
        };
        let communes: Vec<String> = project
            .municipalities
            .iter()
            .filter_map(|nis| datasets.reference.municipality(nis))
            .map(|m| m.display_name(Default::default()).to_string())
            .collect();
        let description = format!(
            "Projet lauréat de l'appel « Territoire intelligent » {} {}",
            project.call_year,
            if communes.is_empty() {
                String::new()
            } else {
                format!("— {}", communes.join(", "))
            }
        );
        routes.push((
            format!("project/{}", project.id),
            format!("{title} · {site}"),
            description.trim().to_string(),
        ));
    }
    for municipality in datasets.reference.in_region(WALLONIA) {
        let name = municipality.display_name(Default::default());
        routes.push((
            format!("commune/{}", municipality.nis),
            format!("{name} · {site}"),
            format!("Les projets Smart Région de {name} et de ses voisines."),
        ));
    }
    routes
}

/// The import worker's files as Trunk writes them (the binary's name, no hash).
const WORKER: &str = "import-worker";
/// The meta element telling the app the worker loader's file name.
const WORKER_META: &str = "sre-import-worker";
/// The explorer's tools (share, embed, download, open data, the contribution form),
/// built the same way as the other apps and loaded by the explorer once shown.
const TOOLS_APP: &str = "tools-app";
/// The meta element telling the explorer the tools app's files (`tools-app-<hash>`).
const TOOLS_META: &str = "sre-tools";
/// The event the tools' start script sends when their wasm cannot be loaded (as when
/// the page is left while it loads): the explorer then says so, and nothing is left
/// as an unhandled rejection.
const TOOLS_FAILED_EVENT: &str = "sre-tools-failed";
/// The data explorer's app (`/data/` and its embeds), built as Trunk builds a worker:
/// compiled, not loaded by `index.html`.
const DATA_APP: &str = "data-app";
/// The route of the page that loads it.
const DATA_ROUTE: &str = "data";
/// The app of the pages but the explorer and the data explorer, built the same way.
const PAGES_APP: &str = "pages-app";
/// The explorer's map embed's app (`/embed/map/`), built the same way.
const EMBED_MAP_APP: &str = "embed-map-app";
/// Its route.
const EMBED_MAP_ROUTE: &str = "embed/map";
/// The explorer's table embed's app (`/embed/table/`), built the same way.
const EMBED_TABLE_APP: &str = "embed-table-app";
/// Its route.
const EMBED_TABLE_ROUTE: &str = "embed/table";
/// The first segments of its routes.
const PAGES_ROUTES: [&str; 6] = [
    "communes",
    "barometer",
    "programme",
    "about",
    "project",
    "commune",
];

/// The app that shows `route` other than the site's own (`index.html`'s): the data
/// explorer's, an embed's or the pages'.
fn other_app(route: &str) -> Option<&'static str> {
    let first = route.split('/').next().unwrap_or_default();
    if first == DATA_ROUTE {
        Some(DATA_APP)
    } else if route == EMBED_MAP_ROUTE {
        Some(EMBED_MAP_APP)
    } else if route == EMBED_TABLE_ROUTE {
        Some(EMBED_TABLE_APP)
    } else if PAGES_ROUTES.contains(&first) {
        Some(PAGES_APP)
    } else {
        None
    }
}

/// Renames the script and wasm Trunk wrote for the binary `name` (`name.js`,
/// `name_bg.wasm`) to `name-<hash>.js` and `name-<hash>_bg.wasm` and returns
/// `name-<hash>`; `None` when the site has no such binary. Run again on a finished
/// site, it finds the renamed files.
fn version_binary(dist: &Path, name: &str) -> Result<Option<String>> {
    let (js, wasm) = (
        dist.join(format!("{name}.js")),
        dist.join(format!("{name}_bg.wasm")),
    );
    if !js.exists() || !wasm.exists() {
        let existing = std::fs::read_dir(dist)?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .find_map(|file| {
                let base = file.strip_suffix("_bg.wasm")?;
                let hash = base.strip_prefix(name)?.strip_prefix('-')?;
                (hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
                    .then(|| base.to_string())
            });
        return Ok(existing);
    }
    let mut digest = Sha256::new();
    digest.update(std::fs::read(&js)?);
    digest.update(std::fs::read(&wasm)?);
    let hash: String = digest.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let base = format!("{name}-{hash}");
    std::fs::rename(&js, dist.join(format!("{base}.js")))?;
    std::fs::rename(&wasm, dist.join(format!("{base}_bg.wasm")))?;
    Ok(Some(base))
}

/// Renames the import worker's script and wasm to `import-worker-<hash>…`, writes its
/// loader as `import-worker-<hash>_loader.js`, and returns the loader's name; `None`
/// when the site has no worker. Run again on a finished site, it finds the loader.
pub fn version_worker(dist: &Path) -> Result<Option<String>> {
    let Some(base) = version_binary(dist, WORKER)? else {
        return Ok(None);
    };
    let loader = format!("{base}_loader.js");
    std::fs::write(
        dist.join(&loader),
        format!("importScripts(\"./{base}.js\");wasm_bindgen(\"./{base}_bg.wasm\");"),
    )?;
    let old_loader = dist.join(format!("{WORKER}_loader.js"));
    if old_loader.exists() {
        std::fs::remove_file(old_loader)?;
    }
    Ok(Some(loader))
}

/// Renames the tools app's script and wasm to `tools-app-<hash>…`, writes the script
/// that starts it (`tools-app-<hash>_start.js`: its script defines `wasm_bindgen` in the
/// page's scope, where only another script can call it, and the Content-Security-Policy
/// allows no inline one the explorer could add), and returns `tools-app-<hash>`; `None`
/// when the site has no tools app. Run again on a finished site, it finds them.
fn version_tools(dist: &Path) -> Result<Option<String>> {
    let Some(base) = version_binary(dist, TOOLS_APP)? else {
        return Ok(None);
    };
    std::fs::write(
        dist.join(format!("{base}_start.js")),
        format!("wasm_bindgen({{ module_or_path: \"{base}_bg.wasm\" }}).catch(() => dispatchEvent(new Event(\"{TOOLS_FAILED_EVENT}\")));\n"),
    )?;
    Ok(Some(base))
}

/// The site's page `html` made to start another app `base` (`data-app-<hash>`)
/// instead of the site's: its script (a classic script defining `wasm_bindgen`) before
/// an inline module that starts it, its wasm preloaded, the site app's script and wasm
/// neither preloaded nor loaded. `None` when `html` has no inline module script.
fn app_page_template(html: &str, base: &str) -> Option<String> {
    let open = "<script type=\"module\">";
    let start = html.find(open)?;
    let end = start + html[start..].find("</script>")? + "</script>".len();
    let mut out = format!(
        "{}<script src=\"{base}.js\"></script>\n    {open}\nawait wasm_bindgen({{ module_or_path: \"{base}_bg.wasm\" }});\n</script>{}",
        &html[..start],
        &html[end..]
    );
    // Trunk's preloads of the site's app: `<link rel="modulepreload" …>` and the
    // `<link rel="preload" … as="fetch" type="application/wasm">` of its wasm.
    for marker in ["<link rel=\"modulepreload\"", "type=\"application/wasm\""] {
        while let Some(at) = out.find(marker) {
            let tag_start = out[..=at].rfind('<')?;
            let tag_end = tag_start + out[tag_start..].find('>')? + 1;
            out.replace_range(tag_start..tag_end, "");
        }
    }
    let preload = format!(
        "<link rel=\"preload\" href=\"{base}_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin />\n"
    );
    let head_end = out.find("</head>")?;
    out.insert_str(head_end, &preload);
    Some(out)
}

/// `html` with `<meta name="{name}" content="{content}">` after its charset meta
/// (unchanged when it has that meta already).
fn with_meta(html: &str, name: &str, content: &str) -> String {
    if html.contains(&format!("<meta name=\"{name}\"")) {
        return html.to_string();
    }
    let charset = "<meta charset=\"utf-8\" />";
    html.replacen(
        charset,
        &format!(
            "{charset}\n    <meta name=\"{name}\" content=\"{}\" />",
            escape(content)
        ),
        1,
    )
}

/// The catalog of the bundle in `dist/data/`.
fn read_catalog(dist: &Path) -> Result<Catalog> {
    let catalog_path = dist.join("data").join(CATALOG_FILE);
    serde_json::from_slice(
        &std::fs::read(&catalog_path)
            .with_context(|| format!("reading {}", catalog_path.display()))?,
    )
    .with_context(|| format!("decoding {}", catalog_path.display()))
}

/// Where a data preload starts: its own line, as [`with_data_preloads`] writes it.
const DATA_PRELOAD: &str = "<link rel=\"preload\" href=\"data/";

/// `html` with a `<link rel="preload">` before `</head>` for `catalog.json` and each
/// dataset its app loads at start (`start_up`), in place of the data preloads it had
/// (a page made from another app's, or a site finished again). `as="fetch"` with
/// `crossorigin` (an anonymous CORS request) is what the app's own `fetch` of them
/// asks, so the browser hands the preloaded answer to it.
fn with_data_preloads(html: &str, catalog: &Catalog, start_up: StartUp) -> Result<String> {
    let mut files = vec![CATALOG_FILE.to_string()];
    for id in start_up.datasets() {
        let Some(entry) = catalog.dataset(id) else {
            bail!("{CATALOG_FILE}: no dataset '{id}'");
        };
        files.push(entry.file.clone());
    }
    let links: String = files
        .iter()
        .map(|file| {
            format!(
                "\n    <link rel=\"preload\" href=\"data/{}\" as=\"fetch\" crossorigin />",
                escape(file)
            )
        })
        .collect();
    let html: String = html
        .split_inclusive('\n')
        .filter(|line| !line.trim_start().starts_with(DATA_PRELOAD))
        .collect();
    match html.find("</head>") {
        Some(at) => Ok(format!(
            "{}{links}\n{}",
            html[..at].trim_end_matches([' ', '\t', '\n']),
            &html[at..]
        )),
        None => bail!("index.html has no </head>"),
    }
}

/// What the app of a page loads at start: the explorer (`None`) and its embeds show
/// Wallonia only, the table embed no map; the other apps need every Belgian
/// municipality.
fn start_up_of(app: Option<&str>) -> StartUp {
    match app {
        None | Some(EMBED_MAP_APP) => StartUp::Wallonia,
        Some(EMBED_TABLE_APP) => StartUp::WalloniaWithoutMap,
        Some(_) => StartUp::Belgium,
    }
}

/// The meta element giving the app the repository that takes contributions.
const REPOSITORY_META: &str = "sre-repository";

/// The repository contributions go to, from `SRE_REPO_URL` (an `https:` URL, such
/// as the GitHub Pages workflow sets); `None` when unset or empty.
fn repository_url() -> Result<Option<String>> {
    let Ok(url) = std::env::var("SRE_REPO_URL") else {
        return Ok(None);
    };
    let url = url.trim().trim_end_matches('/');
    if url.is_empty() {
        return Ok(None);
    }
    if !is_https_link(url) || url.contains(char::is_whitespace) {
        bail!("SRE_REPO_URL must be an https: URL, not '{url}'");
    }
    Ok(Some(url.to_string()))
}

/// Finishes the site in `dist` from the datasets in `data`.
pub fn finish(dist: &Path, data: &Path) -> Result<()> {
    let index = dist.join("index.html");
    let mut html =
        std::fs::read_to_string(&index).with_context(|| format!("reading {}", index.display()))?;
    if let Some(loader) = version_worker(dist)? {
        html = with_meta(&html, WORKER_META, &loader);
    }
    if let Some(tools) = version_tools(dist)? {
        html = with_meta(&html, TOOLS_META, &tools);
    }
    if let Some(repository) = repository_url()? {
        html = with_meta(&html, REPOSITORY_META, &repository);
    }
    let catalog = read_catalog(dist)?;
    let html = with_data_preloads(&html, &catalog, start_up_of(None))?;
    let Some(script) = inline_script(&html) else {
        bail!(
            "{}: no inline <script type=\"module\"> to hash",
            index.display()
        );
    };
    let csp = content_security_policy(script);
    let datasets = read_datasets(data, false)?;
    // Every page names its build, which hashes the pages the service worker keeps:
    // they are written with a placeholder, hashed, then stamped.
    let html = with_meta(&html, BUILD_META, BUILD_PLACEHOLDER);
    // The pages of the other apps start them, each under its own script's hash.
    let mut templates = Vec::new();
    let mut embed_files = Vec::new();
    for app in [DATA_APP, PAGES_APP, EMBED_MAP_APP, EMBED_TABLE_APP] {
        let Some(base) = version_binary(dist, app)? else {
            continue;
        };
        if [EMBED_MAP_APP, EMBED_TABLE_APP].contains(&app) {
            embed_files.extend([format!("{base}.js"), format!("{base}_bg.wasm")]);
        }
        let Some(template) = app_page_template(&html, &base) else {
            bail!(
                "{}: no inline <script type=\"module\"> to replace",
                index.display()
            );
        };
        let template = with_data_preloads(&template, &catalog, start_up_of(Some(app)))?;
        let Some(csp) = inline_script(&template).map(content_security_policy) else {
            bail!("{app}: no inline script in its page");
        };
        templates.push((app, template, csp));
    }
    // The explorer's own page has no use for the other pages' styles.
    let home = page_html(
        &without_stylesheet(&html, PAGES_STYLESHEET),
        &csp,
        "Smart Région Explorer",
        "Les projets Smart Région des communes wallonnes, sur une carte, en un clic.",
    );
    let routes = routes(&datasets);
    let pages: Vec<(&String, String)> = routes
        .iter()
        .map(|(route, title, description)| {
            let (template, csp) = other_app(route)
                .and_then(|app| templates.iter().find(|(a, _, _)| *a == app))
                .map_or((&html, &csp), |(_, template, csp)| (template, csp));
            let template = if is_embed(route) {
                embed_page(template)
            } else {
                template.clone()
            };
            (route, page_html(&template, csp, title, description))
        })
        .collect();
    write_examples(dist, &datasets)?;
    // The worker keeps the home page (the app's shell for any other path when offline)
    // and the top-level pages.
    let kept_pages: Vec<(String, &String)> = std::iter::once((String::new(), &home))
        .chain(
            pages
                .iter()
                .filter(|(route, _)| !route.contains('/'))
                .map(|(route, page)| (format!("{route}/"), page)),
        )
        .collect();
    let mut precache = Precache::assets(dist)?;
    // Embeds do not install the service worker: a visitor of the site has no use for
    // their app offline.
    for file in &embed_files {
        precache.remove(file);
    }
    // A project's or a commune's page, not kept, opens offline in the pages' app.
    if templates.iter().any(|(app, _, _)| *app == PAGES_APP) {
        precache.add_shell("project/", "communes/");
        precache.add_shell("commune/", "communes/");
    }
    for (path, page) in &kept_pages {
        precache.add(path, page.as_bytes());
    }
    let build = precache.version();
    let stamp = |page: &str| page.replace(BUILD_PLACEHOLDER, &build);
    for (path, page) in &kept_pages {
        precache.add(path, stamp(page).as_bytes());
    }
    for (route, page) in &pages {
        let dir = dist.join(route);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("index.html"), stamp(page))?;
    }
    // Hosts such as GitHub Pages answer an unknown path with /404.html (status 404):
    // the pages' app (a project or commune the build did not know, such as a dataset
    // changed since) or its own "page not found" with the site's navigation.
    let (not_found, not_found_csp) = templates
        .iter()
        .find(|(app, _, _)| *app == PAGES_APP)
        .map_or((&html, &csp), |(_, template, csp)| (template, csp));
    std::fs::write(
        dist.join("404.html"),
        stamp(&page_html(
            not_found,
            not_found_csp,
            "Page introuvable — Smart Région Explorer",
            "Cette page n'existe pas. Les projets Smart Région des communes wallonnes.",
        )),
    )?;
    std::fs::write(&index, stamp(&home))?;
    std::fs::write(dist.join(SCRIPT_FILE), precache.script(&build))?;
    std::fs::write(dist.join(".nojekyll"), "")?;
    println!(
        "site: CSP set, {} entry pages written in {}, service worker of build {build} keeping {} files",
        routes.len(),
        dist.display(),
        precache.paths().count()
    );
    Ok(())
}

/// Whether `route` is an embed's (`embed/map`, `data/embed/map`): embeds do not make
/// the site installable.
fn is_embed(route: &str) -> bool {
    route.starts_with("embed/") || route.starts_with(&format!("{DATA_ROUTE}/embed/"))
}

/// The site's own datasets as the data explorer's one-click examples, in
/// `dist/data/examples/`: the projects as they are exported, and the municipalities
/// with their population.
fn write_examples(dist: &Path, datasets: &Datasets) -> Result<()> {
    let dir = dist.join("data").join("examples");
    std::fs::create_dir_all(&dir)?;
    let all: Vec<usize> = (0..datasets.projects.len()).collect();
    let projects = projects_csv_rows(
        &datasets.projects,
        &all,
        &datasets.reference,
        Language::Fr,
        CsvDialect::Standard,
    );
    std::fs::write(dir.join("projects.csv"), projects)?;
    std::fs::write(
        dir.join("municipalities.csv"),
        municipalities_csv(&datasets.reference),
    )?;
    Ok(())
}

/// An embed's page made of its app's page `html`: without the `<link rel="manifest">`
/// (embeds do not make the site installable) nor the site's own stylesheets (the
/// header and the pages, which no embed shows), each with its line's indentation and
/// break.
fn embed_page(html: &str) -> String {
    let html = without_tag(html, |tag| tag.starts_with("<link rel=\"manifest\""));
    let html = without_stylesheet(&html, SITE_STYLESHEET);
    without_stylesheet(&html, PAGES_STYLESHEET)
}

/// The start of the file name Trunk gives `style/site.css` (`site-<hash>.css`): the
/// header, the explorer's layout and tools.
const SITE_STYLESHEET: &str = "site-";

/// The start of the file name Trunk gives `style/pages.css`: the styles of the pages
/// other than the explorer, which its own page (`index.html`) does not link.
const PAGES_STYLESHEET: &str = "pages-";

/// `html` without its `<link rel="stylesheet">` to the file Trunk made of a stylesheet
/// (`<prefix><hash>.css`), and that line's indentation and break.
fn without_stylesheet(html: &str, prefix: &str) -> String {
    without_tag(html, |tag| {
        let href = tag
            .split_once(" href=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(href, _)| href);
        tag.starts_with("<link rel=\"stylesheet\"")
            && href
                .and_then(|href| href.rsplit('/').next())
                .is_some_and(|file| file.starts_with(prefix) && file.ends_with(".css"))
    })
}

/// `html` without its first tag for which `matches` holds (given the tag's text, from
/// `<` to `>`), and without that line's indentation and break.
fn without_tag(html: &str, matches: impl Fn(&str) -> bool) -> String {
    let mut from = 0;
    while let Some(offset) = html[from..].find('<') {
        let start = from + offset;
        let Some(length) = html[start..].find('>') else {
            break;
        };
        let end = start + length + 1;
        if matches(&html[start..end]) {
            let before = html[..start].trim_end_matches([' ', '\t']);
            let before = before.strip_suffix('\n').unwrap_or(before);
            return format!("{before}{}", &html[end..]);
        }
        from = end;
    }
    html.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use explorer_core::catalog::DatasetEntry;

    const TEMPLATE: &str = "<html><head>\n    <meta charset=\"utf-8\" />\n    <title>Old</title>\n    <meta name=\"description\" content=\"old\" />\n<script type=\"module\">import init from '/a.js';</script></head></html>";

    #[test]
    fn pages_get_their_title_escaped_og_meta_and_the_script_hash() {
        let csp = content_security_policy(inline_script(TEMPLATE).unwrap());
        assert!(csp.contains("'wasm-unsafe-eval'"));
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import init from '/a.js';"));
        assert!(csp.contains(&format!("'sha256-{expected}'")));
        let page = page_html(TEMPLATE, &csp, "Ride & Buy <app>", "Hannut \"2019\"");
        assert!(page.contains("<title>Ride &amp; Buy &lt;app&gt;</title>"));
        assert!(
            page.contains("<meta property=\"og:title\" content=\"Ride &amp; Buy &lt;app&gt;\" />")
        );
        assert!(page.contains("content=\"Hannut &quot;2019&quot;\""));
        assert!(!page.contains("<title>Old</title>"));
        assert!(!page.contains("content=\"old\""));
        assert_eq!(page.matches("Content-Security-Policy").count(), 1);
    }

    #[test]
    fn embed_pages_lose_the_manifest_link_the_sites_stylesheets_and_their_lines() {
        let html = "<head>\n    <base href=\"/repo/\" />\n    <link rel=\"manifest\" href=\"manifest.webmanifest\" />\n    <link rel=\"icon\" href=\"icons/icon.svg\" />\n    <link rel=\"stylesheet\" href=\"/repo/main-0123.css\" integrity=\"sha384-a\"/>\n    <link rel=\"stylesheet\" href=\"/repo/site-4567.css\" integrity=\"sha384-b\"/>\n    <link rel=\"stylesheet\" href=\"/repo/pages-89ab.css\" integrity=\"sha384-c\"/>\n</head>";
        assert!(without_stylesheet(html, PAGES_STYLESHEET).contains("site-4567.css"));
        assert!(!without_stylesheet(html, PAGES_STYLESHEET).contains("pages-89ab.css"));
        assert_eq!(
            embed_page(html),
            "<head>\n    <base href=\"/repo/\" />\n    <link rel=\"icon\" href=\"icons/icon.svg\" />\n    <link rel=\"stylesheet\" href=\"/repo/main-0123.css\" integrity=\"sha384-a\"/>\n</head>"
        );
        assert_eq!(embed_page(TEMPLATE), TEMPLATE);
        assert!(is_embed("embed/map") && is_embed("embed/table") && is_embed("data/embed/map"));
        assert!(!is_embed("barometer") && !is_embed("commune/62063") && !is_embed("data"));
    }

    #[test]
    fn each_route_is_shown_by_its_app() {
        assert_eq!(other_app("data"), Some(DATA_APP));
        assert_eq!(other_app("data/embed/table"), Some(DATA_APP));
        assert_eq!(other_app("commune/62063"), Some(PAGES_APP));
        assert_eq!(other_app("project/ti2019-x"), Some(PAGES_APP));
        assert_eq!(other_app("barometer"), Some(PAGES_APP));
        assert_eq!(other_app("embed/map"), Some(EMBED_MAP_APP));
        assert_eq!(other_app("embed/table"), Some(EMBED_TABLE_APP));
        assert_eq!(other_app(""), None);
    }

    #[test]
    fn the_data_page_starts_the_data_app_and_not_the_site_app() {
        let html = "<head>\n<script type=\"module\">\nimport init from '/app-1.js';\nawait init({ module_or_path: '/app-1_bg.wasm' });\n</script>\n  <link rel=\"modulepreload\" href=\"/app-1.js\" crossorigin=\"anonymous\"><link rel=\"preload\" href=\"/app-1_bg.wasm\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\">\n</head>";
        let page = app_page_template(html, "data-app-0123456789abcdef").unwrap();
        assert!(!page.contains("app-1"), "{page}");
        assert!(
            page.contains("<script src=\"data-app-0123456789abcdef.js\"></script>"),
            "{page}"
        );
        assert_eq!(
            inline_script(&page).map(str::trim),
            Some("await wasm_bindgen({ module_or_path: \"data-app-0123456789abcdef_bg.wasm\" });")
        );
        assert!(page.contains("<link rel=\"preload\" href=\"data-app-0123456789abcdef_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin />\n</head>"), "{page}");
        assert_eq!(app_page_template("<head></head>", "x"), None);
    }

    #[test]
    fn a_binary_is_named_by_its_hash_once() {
        let dist = std::env::temp_dir().join(format!("sre-binary-test-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        assert_eq!(version_binary(&dist, "data-app").unwrap(), None);
        std::fs::write(dist.join("data-app.js"), "glue").unwrap();
        std::fs::write(dist.join("data-app_bg.wasm"), "wasm").unwrap();
        let base = version_binary(&dist, "data-app").unwrap().unwrap();
        assert!(base.starts_with("data-app-") && base.len() == "data-app-".len() + 16);
        assert!(dist.join(format!("{base}.js")).exists() && !dist.join("data-app.js").exists());
        assert_eq!(version_binary(&dist, "data-app").unwrap(), Some(base));
        std::fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn pages_preload_the_catalog_and_their_apps_start_up_datasets_once() {
        let entry = |id: &str| DatasetEntry {
            id: id.into(),
            title: Default::default(),
            licence: "CC0".into(),
            records: 1,
            file: format!("{id}.0123.json"),
            bytes: 1,
            sha256: "00".into(),
            build_date: String::new(),
        };
        let mut catalog = Catalog {
            build_date: String::new(),
            datasets: StartUp::Belgium
                .datasets()
                .iter()
                .map(|id| entry(id))
                .collect(),
        };
        catalog.datasets.push(entry("municipalities-wallonia"));
        catalog.datasets.push(entry("indicators"));
        let explorer = with_data_preloads(TEMPLATE, &catalog, StartUp::Wallonia).unwrap();
        assert_eq!(explorer.matches("rel=\"preload\"").count(), 4);
        assert!(!explorer.contains("calls"));
        assert!(explorer.contains("href=\"data/catalog.json\""));
        assert!(explorer.contains("href=\"data/municipalities-wallonia.0123.json\""));
        assert!(!explorer.contains("href=\"data/municipalities.0123.json\""));
        assert!(explorer.contains(
            "<link rel=\"preload\" href=\"data/boundaries-wallonia.0123.json\" as=\"fetch\" crossorigin />\n</head>"
        ));
        assert!(!explorer.contains("indicators"));
        // Again, or made from another app's page: its preloads are replaced, not added.
        assert_eq!(
            with_data_preloads(&explorer, &catalog, StartUp::Wallonia).unwrap(),
            explorer
        );
        let pages = with_data_preloads(&explorer, &catalog, StartUp::Belgium).unwrap();
        assert_eq!(pages.matches("rel=\"preload\"").count(), 5);
        assert!(pages.contains("href=\"data/municipalities.0123.json\""));
        assert!(pages.contains(
            "<link rel=\"preload\" href=\"data/calls.0123.json\" as=\"fetch\" crossorigin />\n</head>"
        ));
        assert!(!pages.contains("municipalities-wallonia"));
        let table = with_data_preloads(&explorer, &catalog, StartUp::WalloniaWithoutMap).unwrap();
        assert_eq!(table.matches("rel=\"preload\"").count(), 3);
        assert!(!table.contains("boundaries"));
        assert_eq!(start_up_of(None), StartUp::Wallonia);
        assert_eq!(start_up_of(Some(EMBED_MAP_APP)), StartUp::Wallonia);
        assert_eq!(
            start_up_of(Some(EMBED_TABLE_APP)),
            StartUp::WalloniaWithoutMap
        );
        assert_eq!(start_up_of(Some(DATA_APP)), StartUp::Belgium);
        assert_eq!(start_up_of(Some(PAGES_APP)), StartUp::Belgium);
        let error = with_data_preloads(TEMPLATE, &Catalog::default(), StartUp::Belgium)
            .unwrap_err()
            .to_string();
        assert!(error.contains("no dataset 'municipalities'"), "{error}");
    }

    #[test]
    fn the_worker_is_renamed_by_its_hash_and_named_in_a_meta() {
        let dist = std::env::temp_dir().join(format!("sre-site-test-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("import-worker.js"), "glue").unwrap();
        std::fs::write(dist.join("import-worker_bg.wasm"), "wasm").unwrap();
        std::fs::write(dist.join("import-worker_loader.js"), "old").unwrap();
        let loader = version_worker(&dist).unwrap().unwrap();
        let base = loader.strip_suffix("_loader.js").unwrap();
        assert!(base.starts_with("import-worker-") && base.len() == "import-worker-".len() + 16);
        assert_eq!(
            std::fs::read_to_string(dist.join(&loader)).unwrap(),
            format!("importScripts(\"./{base}.js\");wasm_bindgen(\"./{base}_bg.wasm\");")
        );
        assert_eq!(
            std::fs::read_to_string(dist.join(format!("{base}.js"))).unwrap(),
            "glue"
        );
        assert!(!dist.join("import-worker.js").exists());
        assert!(!dist.join("import-worker_loader.js").exists());
        // Run again on the finished site: the same loader.
        assert_eq!(version_worker(&dist).unwrap(), Some(loader.clone()));
        let html = with_meta(TEMPLATE, WORKER_META, &loader);
        assert!(html.contains(&format!(
            "<meta name=\"sre-import-worker\" content=\"{loader}\" />"
        )));
        assert_eq!(with_meta(&html, WORKER_META, &loader), html);
        std::fs::remove_dir_all(&dist).unwrap();
    }
    #[test]
    fn the_tools_app_is_renamed_by_its_hash_with_a_script_that_starts_it() {
        let dist = std::env::temp_dir().join(format!("sre-site-tools-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        assert_eq!(version_tools(&dist).unwrap(), None);
        std::fs::write(dist.join("tools-app.js"), "glue").unwrap();
        std::fs::write(dist.join("tools-app_bg.wasm"), "wasm").unwrap();
        let base = version_tools(&dist).unwrap().unwrap();
        assert!(base.starts_with("tools-app-") && base.len() == "tools-app-".len() + 16);
        assert_eq!(
            std::fs::read_to_string(dist.join(format!("{base}_start.js"))).unwrap(),
            format!("wasm_bindgen({{ module_or_path: \"{base}_bg.wasm\" }}).catch(() => dispatchEvent(new Event(\"sre-tools-failed\")));\n")
        );
        assert!(dist.join(format!("{base}_bg.wasm")).exists());
        assert!(!dist.join("tools-app.js").exists());
        // Run again on the finished site: the same files.
        assert_eq!(version_tools(&dist).unwrap(), Some(base.clone()));
        let html = with_meta(TEMPLATE, TOOLS_META, &base);
        assert!(html.contains(&format!("<meta name=\"sre-tools\" content=\"{base}\" />")));
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
