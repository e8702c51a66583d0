//! Watching the records repository for changes (notify), debounced: the
//! records and the `templates/` folder count; git's own folder, the
//! default `out/` folder and editors' hidden files do not.

use super::ServeError;
use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// How long the files must be quiet before a rebuild: one save of several
/// files, or an editor's write-then-rename, rebuilds once.
pub const QUIET: Duration = Duration::from_millis(300);

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

impl Watcher {
    /// Starts watching `root` recursively.
    pub fn start(root: &Path) -> Result<Watcher, ServeError> {
        let fail = |e: notify::Error| ServeError::Watch {
            root: root.to_path_buf(),
            reason: e.to_string(),
        };
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let (send, events) = std::sync::mpsc::channel();
        let mut watcher = notify::recommended_watcher(send).map_err(fail)?;
        watcher
            .watch(&root, RecursiveMode::Recursive)
            .map_err(fail)?;
        Ok(Watcher {
            _watcher: watcher,
            events,
            root,
        })
    }

    /// Waits for the next change that counts, then for the files to be
    /// quiet; returns the changed files, relative to the repository with
    /// `/` separators, or `None` when the watcher has stopped.
    pub fn next_change(&self) -> Option<Vec<String>> {
        let mut changed = Vec::new();
        while changed.is_empty() {
            let event = self.events.recv().ok()?;
            self.collect(event, &mut changed);
        }
        loop {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => self.collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }

    fn collect(&self, event: notify::Result<notify::Event>, into: &mut Vec<String>) {
        let Ok(event) = event else { return };
        // Reading the records (as every rebuild does) is not a change.
        let writes = match event.kind {
            EventKind::Modify(ModifyKind::Metadata(_)) => false,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
            _ => false,
        };
        if writes {
            into.extend(event.paths.iter().filter_map(|p| relevant(&self.root, p)));
        }
    }
}

/// The path relative to `root` when a change to it should rebuild.
pub fn relevant(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let first = parts.first()?;
    if first == "out" || parts.iter().any(|p| p.starts_with('.') || p.ends_with('~')) {
        return None;
    }
    let name = parts.last()?;
    let wanted = name.ends_with(".yaml") || name.ends_with(".yml") || first == "templates";
    wanted.then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_templates_count_and_the_rest_does_not() {
        let root = Path::new("/r");
        let r = |p: &str| relevant(root, &root.join(p));
        assert_eq!(
            r("service-users/SU-1.yaml").as_deref(),
            Some("service-users/SU-1.yaml")
        );
        assert_eq!(r("agency.yaml").as_deref(), Some("agency.yaml"));
        assert_eq!(
            r("templates/base.html.tera").as_deref(),
            Some("templates/base.html.tera")
        );
        for ignored in [
            ".git/index",
            "out/index.html",
            "service-users/.SU-1.yaml.swp",
            "service-users/SU-1.yaml~",
            "notes.txt",
        ] {
            assert_eq!(r(ignored), None, "{ignored}");
        }
        assert_eq!(relevant(root, Path::new("/elsewhere/a.yaml")), None);
    }
}
