//! The one rule for "stays inside the monitor folder", for every file folio reads because
//! an author named it (pages, data files, linked files and images): by its name (no `..`
//! above the folder) and where it really is (no symbolic link leading out).

use std::path::{Component, Path, PathBuf};

/// Removes `.` and resolves `..` without touching the disk; a `..` that climbs above the
/// start is kept, so `climbs_out` can see it.
pub fn normalize(path: &Path) -> PathBuf {
    let mut parts: Vec<Component> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match parts.last() {
                Some(Component::Normal(_)) => {
                    parts.pop();
                }
                _ => parts.push(component),
            },
            other => parts.push(other),
        }
    }
    parts.iter().collect()
}

/// Whether a relative path, once normalized, leads above its start (or is absolute).
pub fn climbs_out(relative: &Path) -> bool {
    let normal = normalize(relative);
    normal.has_root() || normal.components().any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)))
}

/// Where `path` really is, when a symbolic link (of the file or a folder on the way)
/// takes it outside `root`. A path that cannot be resolved counts as inside: reading it
/// fails with its own message.
pub fn leads_outside(path: &Path, root: &Path) -> Option<PathBuf> {
    match (path.canonicalize(), root.canonicalize()) {
        (Ok(file), Ok(root)) if !file.starts_with(&root) => Some(file),
        _ => None,
    }
}

/// Whether `path` really is inside `root` (symbolic links followed); false when either
/// cannot be resolved.
pub fn is_inside(path: &Path, root: &Path) -> bool {
    matches!((path.canonicalize(), root.canonicalize()), (Ok(file), Ok(root)) if file.starts_with(&root))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn climbing_is_seen_after_normalizing() {
        assert_eq!(normalize(Path::new("content/a/../b.md")), PathBuf::from("content/b.md"));
        assert_eq!(normalize(Path::new("content/../../x")), PathBuf::from("../x"));
        assert!(climbs_out(Path::new("content/../../x")) && climbs_out(Path::new("/etc/passwd")));
        assert!(!climbs_out(Path::new("content/a/../b.md")));
    }

    #[test]
    fn a_link_out_is_found() {
        let top = tempfile::tempdir().unwrap();
        let root = top.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(top.path().join("secret.txt"), "x").unwrap();
        std::fs::write(root.join("own.txt"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(top.path().join("secret.txt"), root.join("link.txt")).unwrap();
        assert_eq!(leads_outside(&root.join("own.txt"), &root), None);
        assert!(is_inside(&root.join("own.txt"), &root) && !is_inside(&top.path().join("secret.txt"), &root));
        #[cfg(unix)]
        assert!(leads_outside(&root.join("link.txt"), &root).is_some());
    }
}
