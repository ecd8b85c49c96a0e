//! The electronic archive (电子档案): uploaded files (an annual report's 年度工作报告 PDF, the
//! materials of an application, a complaint's evidence) kept once each under
//! `<data-dir>/archive/sha256/<2 hex>/<64 hex>`, named by their SHA-256 so a stored file can be
//! checked against the digest the record holds (《电子文件归档与电子档案管理规范》GB/T 18894-2016
//! asks for fixity information; SHA-256 is it).
//!
//! A file is checked before it is kept: not empty, not over [`MAX_ATTACHMENT_BYTES`], and of a
//! type the platform accepts by its first bytes (PDF, JPEG, PNG) — the declared name or
//! `Content-Type` is not trusted. A PDF without its `%%EOF` trailer is a truncated upload.
//! Writes go to a temporary file, are fsynced and renamed, so a crash leaves either no file or
//! the whole one; the metadata row is written by the caller in its own transaction
//! (`gongyi_store::attachments::insert`), after the bytes are safe.

use crate::error::ApiError;
use gongyi_store::AttachmentMeta;
use gongyi_types::ErrorCode;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The largest file accepted (20 MiB: a scanned report of some dozens of pages).
pub const MAX_ATTACHMENT_BYTES: usize = 20 * 1024 * 1024;

/// The file store under one directory.
#[derive(Debug)]
pub struct Archive {
    dir: PathBuf,
}

/// A file the archive has accepted and written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub meta: AttachmentMeta,
}

impl Archive {
    /// Opens (and creates) the archive directory.
    /// Directories 0700 and files 0600: uploads include copies of ID cards.
    pub fn open(dir: &Path) -> std::io::Result<Archive> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(dir.join("sha256"))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        Ok(Archive {
            dir: dir.to_path_buf(),
        })
    }

    fn path_of(&self, sha256: &str) -> PathBuf {
        self.dir.join("sha256").join(&sha256[..2]).join(sha256)
    }

    /// Checks and keeps `bytes`; `at` is the store timestamp for the metadata row. The same
    /// bytes uploaded twice are stored once.
    pub fn put(&self, bytes: &[u8], at: &str) -> Result<Stored, ApiError> {
        let media_type = check(bytes)?;
        let sha256 = hex::encode(Sha256::digest(bytes));
        let path = self.path_of(&sha256);
        if !path.exists() {
            write_atomically(&path, bytes).map_err(ApiError::internal)?;
        }
        Ok(Stored {
            meta: AttachmentMeta {
                sha256,
                size: bytes.len() as i64,
                media_type: media_type.to_string(),
                stored_at: at.to_string(),
            },
        })
    }

    /// The bytes of a stored file, verified against their name: a file changed on disk is an
    /// error, never served as if it were the original.
    pub fn get(&self, sha256: &str) -> Result<Vec<u8>, ApiError> {
        if !is_sha256_hex(sha256) {
            return Err(ApiError::new(
                ErrorCode::AttachmentIdInvalid,
                "附件编号应为 64 位十六进制 SHA-256 摘要",
            ));
        }
        let bytes = match std::fs::read(self.path_of(sha256)) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ApiError::new(
                    ErrorCode::AttachmentNotFound,
                    "电子档案中没有这个附件",
                ));
            }
            Err(e) => return Err(ApiError::internal(e)),
        };
        if hex::encode(Sha256::digest(&bytes)) != sha256 {
            return Err(ApiError::internal(format!(
                "archived file {sha256} does not match its SHA-256 (changed on disk)"
            )));
        }
        Ok(bytes)
    }
}

/// What a fixity check found of one file the database says is archived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixity {
    /// Present, of the recorded size, and its bytes hash to its name.
    Intact,
    Missing,
    /// Present, but its bytes do not hash to its name (or differ in size from the record).
    Altered,
}

/// A file found on disk under the archive's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnDisk {
    pub path: PathBuf,
    /// The digest it is named by; `None` for anything else (a temporary file an interrupted
    /// write left behind, a stray file).
    pub sha256: Option<String>,
    pub modified: std::time::SystemTime,
}

impl Archive {
    /// Checks one archived file against its record (GB/T 18894-2016's fixity check): it
    /// exists, has `size` bytes, and hashes to its name.
    pub fn fixity(&self, sha256: &str, size: i64) -> std::io::Result<Fixity> {
        if !is_sha256_hex(sha256) {
            return Ok(Fixity::Missing);
        }
        let bytes = match std::fs::read(self.path_of(sha256)) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Fixity::Missing),
            Err(e) => return Err(e),
        };
        let intact =
            i64::try_from(bytes.len()) == Ok(size) && hex::encode(Sha256::digest(&bytes)) == sha256;
        Ok(if intact {
            Fixity::Intact
        } else {
            Fixity::Altered
        })
    }

    /// Every file under the archive's directory.
    pub fn files(&self) -> std::io::Result<Vec<OnDisk>> {
        let mut out = vec![];
        for shard in std::fs::read_dir(self.dir.join("sha256"))? {
            let shard = shard?;
            if !shard.file_type()?.is_dir() {
                continue;
            }
            for f in std::fs::read_dir(shard.path())? {
                let f = f?;
                if !f.file_type()?.is_file() {
                    continue;
                }
                let name = f.file_name().to_string_lossy().into_owned();
                let in_shard = name.get(..2) == Some(&*shard.file_name().to_string_lossy());
                out.push(OnDisk {
                    path: f.path(),
                    sha256: (is_sha256_hex(&name) && in_shard).then_some(name),
                    modified: f.metadata()?.modified()?,
                });
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }
}

/// Whether `s` is a lower-case 64-digit hex string.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The media type of an acceptable file, or the reason it is refused.
pub fn check(bytes: &[u8]) -> Result<&'static str, ApiError> {
    if bytes.is_empty() {
        return Err(ApiError::new(ErrorCode::AttachmentEmpty, "附件是空文件"));
    }
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(ApiError::new(
            ErrorCode::AttachmentTooLarge,
            format!(
                "附件大小 {} 字节，超过上限 {} MB",
                bytes.len(),
                MAX_ATTACHMENT_BYTES / (1024 * 1024)
            ),
        ));
    }
    if bytes.starts_with(b"%PDF-") {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        if !tail.windows(5).any(|w| w == b"%%EOF") {
            return Err(ApiError::new(
                ErrorCode::AttachmentTruncated,
                "PDF 文件不完整（缺少文件结束标记 %%EOF），请重新上传",
            ));
        }
        return Ok("application/pdf");
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok("image/jpeg");
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok("image/png");
    }
    Err(ApiError::new(
        ErrorCode::AttachmentTypeUnsupported,
        "附件只接受 PDF、JPEG 或 PNG 文件（按文件内容判断，而非扩展名）",
    ))
}

/// A download of an archived file with a safe `Content-Disposition` (RFC 6266, RFC 5987
/// `filename*`): the uploader's name is kept but its extension is the one of the type sniffed
/// from the bytes — a PDF/HTML polyglot uploaded as `poly.html` downloads as `poly.pdf`, so a
/// saved copy does not open as a web page.
pub fn download(bytes: Vec<u8>, media_type: &str, file_name: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    let name = download_name(file_name, media_type);
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    (
        [
            (axum::http::header::CONTENT_TYPE, media_type.to_string()),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"file\"; filename*=UTF-8''{encoded}"),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// The uploader's name with the extension of the sniffed type.
fn download_name(file_name: &str, media_type: &str) -> String {
    let ext = match media_type {
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        "image/png" => "png",
        _ => "bin",
    };
    let stem = match file_name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => file_name,
    };
    let stem = if stem.trim().is_empty() {
        "附件"
    } else {
        stem
    };
    format!("{stem}.{ext}")
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("archive path has no parent"))?;
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".tmp-{}-{}",
        std::process::id(),
        rand::random::<u64>()
    ));
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf() -> Vec<u8> {
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec()
    }

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("gongyi-archive-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn downloads_carry_the_sniffed_types_extension() {
        assert_eq!(download_name("poly.html", "application/pdf"), "poly.pdf");
        assert_eq!(download_name("照片.JPG", "image/jpeg"), "照片.jpg");
        assert_eq!(download_name("scan", "image/png"), "scan.png");
        assert_eq!(download_name(".svg", "image/png"), ".svg.png");
        assert_eq!(download_name("", "application/pdf"), "附件.pdf");
    }

    #[test]
    fn keeps_a_pdf_by_its_digest_and_reads_it_back() {
        let root = dir("keep");
        let a = Archive::open(&root).unwrap();
        let s = a.put(&pdf(), "2026-11-27T00:00:00Z").unwrap();
        assert_eq!(s.meta.media_type, "application/pdf");
        assert_eq!(s.meta.sha256, hex::encode(Sha256::digest(pdf())));
        assert_eq!(a.get(&s.meta.sha256).unwrap(), pdf());
        // The same bytes again: same name, one file.
        let again = a.put(&pdf(), "2026-11-28T00:00:00Z").unwrap();
        assert_eq!(again.meta.sha256, s.meta.sha256);
        // Only the owner reads the archive (uploads include ID-card copies).
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&root), 0o700);
        assert_eq!(mode(&a.path_of(&s.meta.sha256)), 0o600);
    }

    #[test]
    fn refuses_empty_truncated_unknown_and_oversized_files() {
        let code = |b: &[u8]| check(b).unwrap_err().code;
        assert_eq!(code(b""), "attachment_empty");
        assert_eq!(code(b"%PDF-1.4\n1 0 obj"), "attachment_truncated");
        assert_eq!(
            code(b"MZ\x90\x00 not a document"),
            "attachment_type_unsupported"
        );
        let mut big = pdf();
        big.resize(MAX_ATTACHMENT_BYTES + 1, b' ');
        assert_eq!(code(&big), "attachment_too_large");
        assert_eq!(
            check(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]).unwrap(),
            "image/jpeg"
        );
        assert_eq!(check(b"\x89PNG\r\n\x1a\n....").unwrap(), "image/png");
    }

    #[test]
    fn a_file_changed_on_disk_is_not_served() {
        let a = Archive::open(&dir("tamper")).unwrap();
        let s = a.put(&pdf(), "2026-11-27T00:00:00Z").unwrap();
        std::fs::write(a.path_of(&s.meta.sha256), b"%PDF-1.4 forged %%EOF").unwrap();
        assert!(a.get(&s.meta.sha256).is_err());
        assert_eq!(a.get("zz").unwrap_err().code, "attachment_id_invalid");
        let missing = "0".repeat(64);
        assert_eq!(a.get(&missing).unwrap_err().code, "attachment_not_found");
    }
}
