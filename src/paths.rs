//! The one rule for "stays inside the monitor folder", for every file folio reads because
//! an author named it (pages, data files, linked files and images, the theme) and every
//! file it writes where site.toml says (the PDFs, the output folder): by its name (no `..`
//! above the folder) and where it really is (no symbolic link, of the file or of a folder
//! on the way, leading out). [`resolve`] is that rule; the other functions ask it.

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

/// A path that really is outside the folder it must stay in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outside {
    /// Where the path really leads, links followed.
    pub real: PathBuf,
}

/// Where `path` really is, every symbolic link on the way followed, if that is inside
/// `root`. A path that does not exist (yet: a file about to be written) is resolved as far
/// as it exists, the rest taken as written; so a link to a folder outside, with a new file
/// below it, is seen too. A root that cannot be resolved is taken as written.
pub fn resolve(path: &Path, root: &Path) -> Result<PathBuf, Outside> {
    let root = root.canonicalize().unwrap_or_else(|_| normalize(root));
    let real = real_path(path);
    if real.starts_with(&root) {
        Ok(real)
    } else {
        Err(Outside { real })
    }
}

/// `path` with every link of the part that exists followed and the rest normalized.
fn real_path(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut existing = path;
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut real = real;
            for part in rest.iter().rev() {
                real.push(part);
            }
            return normalize(&real);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
            }
            // A `..` or a root that does not resolve: nothing to follow.
            _ => return normalize(path),
        }
    }
}

/// Where `path` really is, when a symbolic link (of the file or a folder on the way)
/// takes it outside `root` (see [`resolve`]).
pub fn leads_outside(path: &Path, root: &Path) -> Option<PathBuf> {
    resolve(path, root).err().map(|outside| outside.real)
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

    #[test]
    #[cfg(unix)]
    fn a_new_file_below_a_linked_folder_is_outside() {
        let top = tempfile::tempdir().unwrap();
        let root = top.path().join("site");
        std::fs::create_dir_all(root.join("pdf")).unwrap();
        std::fs::create_dir_all(top.path().join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(top.path().join("elsewhere"), root.join("linked")).unwrap();
        let real_top = top.path().canonicalize().unwrap();
        assert_eq!(resolve(&root.join("pdf/new/m.pdf"), &root), Ok(real_top.join("site/pdf/new/m.pdf")));
        assert_eq!(resolve(&root.join("linked/new/m.pdf"), &root), Err(Outside { real: real_top.join("elsewhere/new/m.pdf") }));
        assert!(resolve(&root.join("pdf/../../m.pdf"), &root).is_err());
        // The link is followed before `..`, as the system does: this is site/pdf again.
        assert!(resolve(&root.join("linked/../site/pdf/m.pdf"), &root).is_ok());
    }
}
