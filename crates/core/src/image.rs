//! A picture a school configures (the logo, a dashboard app's icon): a PNG or SVG file, checked
//! and read once at start as a `data:` URL (the window's content security policy allows images
//! from itself and `data:` only).

use std::path::Path;

use base64::Engine as _;

use crate::error::Error;

/// The largest picture file accepted.
pub const MAX_IMAGE_BYTES: u64 = 256 * 1024;

/// A PNG or SVG file of at most [`MAX_IMAGE_BYTES`] as a `data:` URL; `key` names the setting in
/// the error (`branding.logo`, a dashboard app's icon).
pub(crate) fn image_data_url(path: &Path, key: &str) -> Result<String, Error> {
    let fail = |why: String| Error::Config(format!("{key} {}: {why}", path.display()));
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read it ({e})")))?;
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(fail(format!("{} bytes; the limit is {MAX_IMAGE_BYTES}", meta.len())));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read it ({e})")))?;
    let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if looks_like_svg(&bytes) {
        "image/svg+xml"
    } else {
        return Err(fail("not a PNG or SVG image".into()));
    };
    Ok(format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(&bytes)))
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else { return false };
    let Ok(doc) = roxmltree::Document::parse(text) else { return false };
    doc.root_element().tag_name().name() == "svg"
}
