//! `datakit`: the command-line data pipeline of Smart Région Explorer.

mod add;
mod bundle;
mod fetch;
mod reference;
mod service_worker;
mod site;
mod validate;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Turns the published open data into the static bundle the explorer loads.
#[derive(Parser)]
#[command(name = "datakit", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Transcribe the Statbel reference files (REFNIS 2019, population 2020) into the
    /// project's `data/municipalities.csv`.
    ImportReference {
        /// Directory holding refnis-2019.csv and population-2020-by-municipality.csv.
        #[arg(long, default_value = "../shared/data/reference")]
        reference: PathBuf,
        /// The project's data directory (reads mergers-2025.csv, writes municipalities.csv).
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
    /// Validate the project's datasets and write the bundle the app loads.
    Build {
        /// The project's data directory.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Where to write the bundle.
        #[arg(long, default_value = "public/data")]
        out: PathBuf,
        /// Directory holding copies of the external sources (default: $DATAKIT_MIRROR;
        /// without either, they are downloaded).
        #[arg(long)]
        mirror: Option<PathBuf>,
    },
    /// Finish a site built by Trunk in DIST: CSP meta, entry pages per deep link with
    /// their title and Open Graph meta, the service worker `sw.js`, `.nojekyll` (run by
    /// Trunk's post-build hook).
    Site {
        /// The built site.
        #[arg(long)]
        dist: PathBuf,
        /// The project's data directory.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
    /// Fetch the external sources of `data/sources.toml` into the cache `.cache/sources/`
    /// (from a mirror directory when given) and check their sha256.
    Fetch {
        /// The project's data directory.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Directory holding copies of the sources (default: $DATAKIT_MIRROR).
        #[arg(long)]
        mirror: Option<PathBuf>,
    },
    /// Check one dataset file and list every problem: exit 0 when it has no error,
    /// 1 when it has, 2 on usage or I/O errors.
    Validate(validate::ValidateArgs),
    /// Merge contributed project rows (the site's contribution form downloads them)
    /// into `data/projects.csv` with the checks of `validate`, refusing an id that
    /// exists: exit 0 when added, 1 on data errors (nothing written), 2 on I/O errors.
    Add(add::AddArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.is::<bundle::DataErrors>() => {
            eprintln!("datakit: {error}");
            ExitCode::from(1)
        }
        Err(error) => {
            eprintln!("datakit: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::ImportReference { reference, data } => reference::import(&reference, &data),
        Command::Build { data, out, mirror } => {
            bundle::build(&data, &out, fetch::mirror_dir(mirror).as_deref())
        }
        Command::Site { dist, data } => site::finish(&dist, &data),
        Command::Fetch { data, mirror } => {
            for (id, path) in fetch::fetch_all(&data, fetch::mirror_dir(mirror).as_deref())? {
                println!("{id}: {}", path.display());
            }
            Ok(())
        }
        Command::Add(args) => add::run(&args),
        Command::Validate(args) => {
            if !validate::run(&args)? {
                // The data has errors (the report is printed and flushed).
                std::process::exit(1);
            }
            Ok(())
        }
    }
}
