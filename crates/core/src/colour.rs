//! Colours written `#rrggbb` and their contrast against white (WCAG 2.1 §1.4.3): the rule the
//! configuration checks the school's primary colour against before the window shows it.

/// WCAG 2.1 AA contrast for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// `#rrggbb` → (r, g, b).
pub fn parse_colour(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// Relative luminance (WCAG 2.1 §1.4.3 definition).
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The contrast ratio of a `#rrggbb` colour against white, or `None` if it is not a colour.
pub fn contrast_with_white(colour: &str) -> Option<f64> {
    let l = luminance(parse_colour(colour)?);
    Some(1.05 / (l + 0.05))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_the_wcag_reference_values() {
        assert!((contrast_with_white("#000000").unwrap() - 21.0).abs() < 1e-9);
        assert!((contrast_with_white("#ffffff").unwrap() - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey that passes AA on white (4.54:1).
        let grey = contrast_with_white("#767676").unwrap();
        assert!((4.5..4.6).contains(&grey), "{grey}");
        assert!(contrast_with_white("#777777").unwrap() < 4.5);
        assert_eq!(contrast_with_white("0b4a82"), None);
        assert_eq!(contrast_with_white("#0b4a8"), None);
        assert_eq!(contrast_with_white("#0b4a8g"), None);
    }
}
