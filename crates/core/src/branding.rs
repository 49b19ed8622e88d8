//! The school's branding for the window: colours checked for contrast (WCAG 2.1 AA) and the logo
//! read once at start, checked, and handed to the front-end as a `data:` URL (the window's content
//! security policy allows images from itself and `data:` only).

use std::path::Path;

use serde::Serialize;

// The colour rules live in `colour`, which the configuration's validation uses too.
pub use crate::colour::{contrast_with_white, parse_colour, MIN_CONTRAST};
use crate::config::BrandingConfig;
use crate::error::Error;

use crate::image::image_data_url;
/// The largest logo file accepted.
pub use crate::image::MAX_IMAGE_BYTES as MAX_LOGO_BYTES;

/// What the window shows: names, colours, and the logo as a `data:` URL (or none).
#[derive(Debug, Clone, Serialize)]
pub struct Branding {
    pub organisation: String,
    pub portal_name: String,
    pub sspr_title: String,
    pub workspace_name: String,
    pub primary_colour: String,
    pub accent_colour: String,
    pub logo: Option<String>,
}

impl Branding {
    /// Reads the logo named by the configuration (relative paths from `data_dir`). A missing,
    /// oversized or unrecognised file is an error naming the file and the fix.
    pub fn load(config: &BrandingConfig, data_dir: &Path) -> Result<Self, Error> {
        let logo = match config.logo.trim() {
            "" => None,
            path => Some(image_data_url(&data_dir.join(path), "branding.logo")?),
        };
        Ok(Self {
            organisation: config.organisation.clone(),
            portal_name: config.portal_name.clone(),
            sspr_title: config.sspr_title.clone(),
            workspace_name: config.workspace_name.clone(),
            primary_colour: config.primary_colour.clone(),
            accent_colour: config.accent_colour.clone(),
            logo,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn the_default_primary_colour_passes_aa_and_a_light_one_is_refused_with_its_ratio() {
        let cfg = Config::default();
        assert!(contrast_with_white(&cfg.branding.primary_colour).unwrap() >= MIN_CONTRAST);
        let err = Config::from_toml("[branding]\nprimary_colour = \"#f2b632\"").unwrap_err().to_string();
        assert!(err.contains("primary_colour") && err.contains(":1 with white"), "{err}");
        let err = Config::from_toml("[branding]\naccent_colour = \"gold\"").unwrap_err().to_string();
        assert!(err.contains("accent_colour") && err.contains("#rrggbb"), "{err}");
    }

    #[test]
    fn a_png_or_svg_logo_becomes_a_data_url_and_anything_else_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut cfg = Config::default().branding;
        assert_eq!(Branding::load(&cfg, dir.path()).unwrap().logo, None);

        std::fs::write(dir.path().join("logo.svg"), r#"<svg xmlns="http://www.w3.org/2000/svg" width="4"/>"#).unwrap();
        cfg.logo = "logo.svg".into();
        assert!(Branding::load(&cfg, dir.path()).unwrap().logo.unwrap().starts_with("data:image/svg+xml;base64,"));

        std::fs::write(dir.path().join("logo.png"), b"\x89PNG\r\n\x1a\nrest").unwrap();
        cfg.logo = "logo.png".into();
        assert!(Branding::load(&cfg, dir.path()).unwrap().logo.unwrap().starts_with("data:image/png;base64,"));

        std::fs::write(dir.path().join("logo.gif"), b"GIF89a").unwrap();
        cfg.logo = "logo.gif".into();
        let err = Branding::load(&cfg, dir.path()).unwrap_err().to_string();
        assert!(err.contains("logo.gif") && err.contains("not a PNG or SVG"), "{err}");

        std::fs::write(dir.path().join("big.png"), vec![0u8; MAX_LOGO_BYTES as usize + 1]).unwrap();
        cfg.logo = "big.png".into();
        assert!(Branding::load(&cfg, dir.path()).unwrap_err().to_string().contains("the limit is"));

        cfg.logo = "missing.png".into();
        assert!(Branding::load(&cfg, dir.path()).unwrap_err().to_string().contains("cannot read it"));
    }

    #[test]
    fn kiosk_times_outside_their_range_are_refused() {
        assert_eq!(Config::default().kiosk.idle_seconds, 90);
        assert_eq!(Config::default().kiosk.countdown_seconds, 15);
        for bad in ["idle_seconds = 4", "idle_seconds = 3601", "countdown_seconds = 0", "idle_seconds = 10"] {
            let err = Config::from_toml(&format!("[kiosk]\n{bad}")).unwrap_err().to_string();
            assert!(err.contains("kiosk"), "{bad}: {err}");
        }
        assert_eq!(
            Config::from_toml("[kiosk]\nidle_seconds = 6\ncountdown_seconds = 3").unwrap().kiosk.idle_seconds,
            6
        );
    }
}
