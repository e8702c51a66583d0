//! Loading a records repository: walk the folder, parse each file with
//! positions (in parallel), validate it against its kind's schema and read
//! it into typed records.

mod fast;
pub mod node;
pub mod parse;
pub mod repo;
mod tabs;
pub mod walk;

pub use repo::{Entry, LoadError, Repo, SourceFile, read_text};
