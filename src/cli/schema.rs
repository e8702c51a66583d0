//! `carebook schema`: write the JSON Schemas, for editors and other tools.

use carebook::model::Kind;
use carebook::schema;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `carebook schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to write `<kind>.schema.json` files into (default: print the
    /// schemas to standard output as one JSON object keyed by kind).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Writes or prints the schemas.
pub fn run(args: Args) -> Result<ExitCode, super::CliError> {
    match args.out {
        Some(dir) => {
            for kind in Kind::ALL {
                let path = dir.join(schema::file_name(kind));
                carebook::fsutil::write_atomic_in(
                    &dir,
                    &path,
                    schema::schema_text(kind).as_bytes(),
                )?;
                outln!("wrote {}", path.display());
            }
        }
        None => {
            let all: serde_json::Map<String, serde_json::Value> = Kind::ALL
                .into_iter()
                .map(|k| (k.name().to_owned(), schema::schema_for(k)))
                .collect();
            outln!("{}", serde_json::to_string_pretty(&all).unwrap_or_default());
        }
    }
    Ok(ExitCode::SUCCESS)
}
