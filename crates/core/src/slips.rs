//! Printable password slips for a class (DESIGN §5: "reset password … printable slips for a
//! class"): one A6 slip per student, four to an A4 page with dashed cut lines, as a PDF.
//!
//! Each slip carries the organisation and portal name, the student's name, login ID, location and
//! level, the temporary password (large, monospace, zeros slashed and look-alike characters
//! named), its expiry date (UTC) and the first sign-in steps of the student guide, section 1.
//!
//! Names and every other word are shaped and printed in subsets of font files embedded in the
//! PDF (Noto Sans, Noto Sans Tamil, Noto Sans CJK SC by default; [`fonts`] says how they are
//! found and what prints when a character has no font), so any pupil's name prints with its real
//! glyphs and stays real, extractable text. Invisible marks (bidi, zero-width joiners, variation
//! selectors) are removed. The login ID and the temporary password, printable ASCII, stay in the
//! standard Courier-Bold (WinAnsiEncoding); Helvetica is the fallback when no font file exists.
//!
//! The temporary password is in the returned bytes and nowhere else: it is never logged, never
//! shaped or subset, and the page buffers that held it on the way are zeroized.

mod fonts;

use pdf_writer::{Chunk, Content, Date, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use time::OffsetDateTime;
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::admin::IssuedPassword;
use crate::clock::{parse_time, Timestamp, Zone};
use crate::config::BrandingConfig;
use crate::error::Error;
use crate::text::{Language, Text};
use crate::types::Level;
use fonts::{FontChoice, FontFiles, Shaper, Style};

/// Slips on one A4 page (two columns, two rows; each slip is A6).
pub const SLIPS_PER_PAGE: usize = 4;

const PAGE_W: f32 = 595.276;
const PAGE_H: f32 = 841.89;
const SLIP_W: f32 = PAGE_W / 2.0;
const SLIP_H: f32 = PAGE_H / 2.0;
const MARGIN: f32 = 20.0;
const INNER_W: f32 = SLIP_W - 2.0 * MARGIN;
/// Inner padding of the password box.
const BOX_PAD: f32 = 8.0;
/// Largest size of the password, and the smallest on one line: a password that would need less
/// is split over two lines (and only an absurdly long one gets smaller still).
const PASSWORD_MAX_PT: f32 = 22.0;
const PASSWORD_MIN_PT: f32 = 12.0;
/// Longest text (in bytes) laid out on a slip: a name longer than this is cut before wrapping.
const MAX_FIELD: usize = 512;
/// Baseline of the footer, above the slip's lower edge.
const FOOTER_Y: f32 = 10.0;
/// The footer's line height (two lines: the advice, then when it was printed).
const FOOTER_LINE: f32 = 8.5;

/// The ellipsis that ends a cut text.
const ELLIPSIS: char = '\u{2026}';

/// Renders one slip per entry of `slips`, [`SLIPS_PER_PAGE`] to a page, as a PDF. `issued_at` is
/// printed in each slip's footer and is the document's creation date. Both it and each entry's
/// `expires` are printed as the school's time in `zone` (`3 Dec 2026, 4:30 pm`). Every caption,
/// step and date is in `language` (the school's `[locale] default_language`, or the language of
/// the console that prints them); names print in their own script whatever the language.
///
/// Refused: an empty list, an `expires` that is not a date, and a temporary password with
/// characters other than printable ASCII (a slip must never show a password other than the real
/// one).
pub fn render_pdf(
    branding: &BrandingConfig,
    slips: &[IssuedPassword],
    issued_at: Timestamp,
    zone: &Zone,
    language: Language,
) -> Result<Vec<u8>, Error> {
    if slips.is_empty() {
        return Err(Error::invalid("slips", Text::new("no-slips")));
    }
    let common = Common::new(branding, issued_at, zone, language);
    let prepared = slips.iter().map(|s| Slip::prepare(s, zone, language)).collect::<Result<Vec<_>, _>>()?;
    let files = FontFiles::load(
        &FontChoice::new(&branding.slip_fonts, &branding.slip_bold_fonts),
        common.texts().chain(prepared.iter().flat_map(Slip::texts)),
    );
    let mut sh = Shaper::new(&files);
    let forms = Forms::draw(&mut sh, &common);

    let pages: Vec<Zeroizing<Vec<u8>>> = prepared
        .chunks(SLIPS_PER_PAGE)
        .map(|chunk| {
            let mut content = Content::with_capacity(64 * 1024);
            draw_cut_lines(&mut content);
            for (i, slip) in chunk.iter().enumerate() {
                let x0 = (i % 2) as f32 * SLIP_W;
                let y0 = PAGE_H - (i / 2 + 1) as f32 * SLIP_H;
                draw_slip(&mut content, &mut sh, x0, y0, &forms, &common.words, slip);
            }
            Zeroizing::new(content.finish().into_vec())
        })
        .collect();
    let [chrome_id, steps_id] = [0, 1].map(|k| Ref::new(7 + 2 * pages.len() as i32 + k));
    let fonts_first = 9 + 2 * pages.len() as i32;
    let mut font_objects = Chunk::new();
    sh.write_fonts(&mut font_objects, fonts_first)?;
    let embedded = sh.resources(fonts_first);

    // One buffer big enough for the whole file, so that it is not reallocated (leaving freed
    // copies of the passwords behind) while it is written.
    let capacity = pages.iter().map(|p| p.len()).sum::<usize>()
        + forms.chrome.len()
        + forms.steps.len()
        + font_objects.len()
        + 8 * 1024
        + 1024 * pages.len();
    let mut pdf = Pdf::with_capacity(capacity);
    let catalog_id = Ref::new(1);
    let tree_id = Ref::new(2);
    let info_id = Ref::new(3);
    let font_ids = [Ref::new(4), Ref::new(5), Ref::new(6)];
    let page_ids: Vec<Ref> = (0..pages.len()).map(|i| Ref::new(7 + 2 * i as i32)).collect();

    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id).kids(page_ids.iter().copied()).count(pages.len() as i32);
    let mut info = pdf.document_info(info_id);
    info.title(TextStr(&Text::new("slip-title").format(language)))
        .creator(TextStr("Gatehouse"))
        .producer(TextStr("pdf-writer"));
    if let Some(date) = pdf_date(issued_at) {
        info.creation_date(date);
    }
    info.finish();
    for (font, id) in [Font::Regular, Font::Bold, Font::Mono].into_iter().zip(font_ids) {
        pdf.type1_font(id).base_font(font.base_name()).encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    let list_fonts = |mut fonts: pdf_writer::Dict| {
        for (font, id) in [Font::Regular, Font::Bold, Font::Mono].into_iter().zip(font_ids) {
            fonts.pair(font.resource(), id);
        }
        for &(name, id) in &embedded {
            fonts.pair(Name(name), id);
        }
    };
    for (id, bytes, bbox) in [
        (chrome_id, &forms.chrome, Rect::new(0.0, 0.0, SLIP_W, SLIP_H)),
        (steps_id, &forms.steps, Rect::new(-MARGIN, -forms.steps_height - MARGIN, INNER_W + MARGIN, MARGIN)),
    ] {
        let mut form = pdf.form_xobject(id, bytes);
        form.bbox(bbox);
        list_fonts(form.resources().fonts());
    }
    for (page, (&page_id, bytes)) in page_ids.iter().zip(&pages).enumerate() {
        let content_id = Ref::new(8 + 2 * page as i32);
        let mut p = pdf.page(page_id);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H)).parent(tree_id).contents(content_id);
        {
            let mut resources = p.resources();
            list_fonts(resources.fonts());
            resources.x_objects().pair(Name(CHROME), chrome_id).pair(Name(STEPS), steps_id);
        }
        p.finish();
        pdf.stream(content_id, bytes);
    }
    pdf.extend(&font_objects);
    Ok(pdf.finish())
}

/// The language of a batch of slips: the one every person in it chose, when they all chose the
/// same (a reset of one pupil who uses Tamil: a Tamil slip), else the school's `default`.
pub fn language_for(slips: &[IssuedPassword], default: Language) -> Language {
    let mut chosen = slips.iter().map(|s| s.language);
    match chosen.next().flatten() {
        Some(first) if chosen.all(|l| l == Some(first)) => first,
        _ => default,
    }
}

/// What every slip shares: the header, the steps, the footer, the captions.
struct Common {
    organisation: String,
    portal: String,
    steps: Vec<String>,
    footer: String,
    printed: String,
    words: Words,
}

/// The captions of a slip, in its language.
struct Words {
    tag: String,
    first_sign_in: String,
    student: String,
    login: String,
    location: String,
    level: String,
    password: String,
    exactly: String,
    /// Each look-alike character and what is printed before and after it in the key
    /// (`0 is zero`: the character itself is printed in the password's font).
    lookalikes: Vec<(u8, String, String)>,
}

impl Words {
    fn new(language: Language) -> Self {
        let say = |id: &'static str| clean(&Text::new(id).format(language));
        // The marker stands for the character while the sentence is formatted, then splits it.
        const MARK: char = '\u{E000}';
        let lookalikes = LOOKALIKES
            .iter()
            .map(|&(glyph, name)| {
                let line = Text::new("slip-lookalike")
                    .arg("glyph", MARK)
                    .arg("name", Text::new(name).format(language))
                    .format(language);
                let (before, after) = line.split_once(MARK).unwrap_or(("", &line));
                // Not `clean`ed: the catalogue's own words, whose spaces around the character count.
                (glyph, before.to_owned(), after.to_owned())
            })
            .collect();
        Self {
            tag: say("slip-tag"),
            first_sign_in: say("slip-first-sign-in"),
            student: say("slip-student"),
            login: say("slip-login"),
            location: say("slip-location"),
            level: say("slip-level"),
            password: say("slip-password"),
            exactly: say("slip-exactly"),
            lookalikes,
        }
    }

    fn texts(&self) -> impl Iterator<Item = (Style, &str)> {
        [&self.tag, &self.first_sign_in, &self.student, &self.login, &self.location, &self.level, &self.password]
            .into_iter()
            .map(|s| (Style::Bold, s.as_str()))
            .chain([(Style::Regular, self.exactly.as_str())])
            .chain(
                self.lookalikes
                    .iter()
                    .flat_map(|(_, a, b)| [(Style::Regular, a.as_str()), (Style::Regular, b.as_str())]),
            )
    }

    /// The key's words for `glyph` (one of [`LOOKALIKES`]).
    fn lookalike(&self, glyph: u8) -> (&str, &str) {
        self.lookalikes.iter().find(|(g, ..)| *g == glyph).map(|(_, a, b)| (a.as_str(), b.as_str())).unwrap_or(("", ""))
    }
}

impl Common {
    fn new(branding: &BrandingConfig, issued_at: Timestamp, zone: &Zone, language: Language) -> Self {
        let portal = branding.portal_name.trim();
        let steps = [
            Text::new("slip-step-portal").arg("portal", portal),
            Text::new("slip-step-sign-in"),
            Text::new("slip-step-questions"),
            Text::new("slip-step-password"),
            Text::new("slip-step-terms"),
        ];
        Self {
            organisation: clean(&branding.organisation),
            portal: clean(portal),
            steps: steps.iter().map(|s| clean(&s.format(language))).collect(),
            footer: clean(&Text::new("slip-footer").format(language)),
            printed: clean(
                &Text::new("slip-printed").arg("at", zone.text(issued_at, language.code())).format(language),
            ),
            words: Words::new(language),
        }
    }

    /// What the fonts must cover.
    fn texts(&self) -> impl Iterator<Item = (Style, &str)> {
        [(Style::Bold, &self.organisation), (Style::Regular, &self.portal)]
            .into_iter()
            .chain(self.steps.iter().map(|s| (Style::Regular, s)))
            .chain([(Style::Regular, &self.printed), (Style::Bold, &self.footer)])
            .map(|(style, s)| (style, s.as_str()))
            .chain(self.words.texts())
    }
}

/// What every slip shares, drawn once as two forms that each slip places: the header and footer
/// (at the slip's lower-left corner) and the first sign-in steps (below the expiry). The same
/// glyphs on every slip cost their bytes and shaping once.
struct Forms {
    chrome: Vec<u8>,
    steps: Vec<u8>,
    steps_height: f32,
}

const CHROME: &[u8] = b"Chrome";
const STEPS: &[u8] = b"Steps";

impl Forms {
    fn draw(sh: &mut Shaper, common: &Common) -> Self {
        let mut chrome = Content::new();
        draw_chrome(&mut chrome, sh, common);
        let mut steps = Content::new();
        let steps_height = draw_steps(&mut steps, sh, common);
        Self { chrome: chrome.finish().into_vec(), steps: steps.finish().into_vec(), steps_height }
    }
}

/// One student's slip, encoded and checked.
struct Slip {
    name: String,
    /// Printable ASCII (login IDs are), printed in Courier.
    login: String,
    location: String,
    level: String,
    password: Zeroizing<Vec<u8>>,
    expires: String,
}

impl Slip {
    fn prepare(issued: &IssuedPassword, zone: &Zone, language: Language) -> Result<Self, Error> {
        let expires = parse_time(issued.expires.trim()).map(|t| zone.text(t, language.code())).ok_or_else(|| {
            Error::invalid("expires", Text::new("slip-expiry-not-a-date").arg("login", &issued.login))
        })?;
        let password = password_bytes(issued.temporary_password.expose()).ok_or_else(|| {
            Error::invalid("temporary_password", Text::new("slip-password-unprintable").arg("login", &issued.login))
        })?;
        Ok(Self {
            name: clean(&issued.name),
            login: clean(&issued.login),
            location: clean(&issued.location),
            level: clean(
                &issued.level.map(|l| Text::new(level_label(l)).format(language)).unwrap_or("\u{2014}".into()),
            ),
            password,
            expires: clean(&Text::new("slip-expires").arg("at", expires).format(language)),
        })
    }

    /// What the fonts must cover (the password and login ID are Courier's).
    fn texts(&self) -> impl Iterator<Item = (Style, &str)> {
        [(Style::Bold, &self.name), (Style::Regular, &self.location), (Style::Regular, &self.level)]
            .into_iter()
            .chain([(Style::Bold, &self.expires)])
            .map(|(style, s)| (style, s.as_str()))
    }
}

/// The message naming a level on a slip.
fn level_label(level: Level) -> &'static str {
    match level {
        Level::P1_3 => "slip-level-p1-3",
        Level::P4_6 => "slip-level-p4-6",
        Level::Secondary => "slip-level-secondary",
        Level::JcMi => "slip-level-jc-mi",
    }
}

fn pdf_date(t: Timestamp) -> Option<Date> {
    let d = OffsetDateTime::from_unix_timestamp(t).ok()?;
    let year = u16::try_from(d.year()).ok()?;
    Some(
        Date::new(year)
            .month(d.month() as u8)
            .day(d.day())
            .hour(d.hour())
            .minute(d.minute())
            .second(d.second())
            .utc_offset_hour(0)
            .utc_offset_minute(0),
    )
}

// ---------------------------------------------------------------------------------------------
// Drawing

/// Dashed lines where the page is cut into four slips.
fn draw_cut_lines(c: &mut Content) {
    c.save_state();
    c.set_stroke_gray(0.55).set_line_width(0.5).set_dash_pattern([4.0, 3.0], 0.0);
    c.move_to(SLIP_W, 0.0).line_to(SLIP_W, PAGE_H).stroke();
    c.move_to(0.0, SLIP_H).line_to(PAGE_W, SLIP_H).stroke();
    c.restore_state();
}

/// Draws the header and footer of a slip whose lower-left corner is (0, 0).
fn draw_chrome(c: &mut Content, sh: &mut Shaper, common: &Common) {
    let left = MARGIN;
    let right = SLIP_W - MARGIN;
    let mut y = SLIP_H - MARGIN;

    // Header: organisation, portal name, "Password slip", a rule.
    y -= 10.0;
    let organisation = fit(&common.organisation, &mut Styled(sh, Style::Bold, 10.5), INNER_W);
    sh.draw(c, Style::Bold, 10.5, left, y, &organisation);
    y -= 12.5;
    let tag = &common.words.tag;
    let tag_w = sh.width(Style::Bold, tag, 7.0);
    grey_text(c, sh, Style::Bold, 7.0, right - tag_w, y, tag);
    let portal = fit(&common.portal, &mut Styled(sh, Style::Regular, 9.0), INNER_W - tag_w - 10.0);
    grey_text(c, sh, Style::Regular, 9.0, left, y, &portal);
    y -= 7.0;
    c.save_state();
    c.set_stroke_gray(0.6).set_line_width(0.6).move_to(left, y).line_to(right, y).stroke();
    c.restore_state();

    // Footer: the advice on a line of its own (the whole width: it is longer in most languages
    // than in English), the printing time under it.
    let lines = wrap(&common.footer, &mut Styled(sh, Style::Bold, 7.0), INNER_W, 2);
    for (i, line) in lines.iter().enumerate() {
        let y = FOOTER_Y + FOOTER_LINE * (lines.len() - i) as f32;
        grey_text(c, sh, Style::Bold, 7.0, left, y, line);
    }
    let printed = fit(&common.printed, &mut Styled(sh, Style::Regular, 7.0), INNER_W);
    grey_text(c, sh, Style::Regular, 7.0, left, FOOTER_Y, &printed);
}

/// The steps' type sizes, largest first: the steps print at the largest at which all five fit,
/// whole, in [`STEPS_BUDGET`] (a language with longer sentences than English gets smaller type,
/// never a step cut short).
const STEP_SIZES: [f32; 5] = [8.5, 8.0, 7.5, 7.0, 6.5];
/// The height of the steps below their caption: what English takes at 8.5 points, with room.
const STEPS_BUDGET: f32 = 100.0;
/// Where a step's text starts, right of its number.
const STEP_X: f32 = 13.0;

/// The steps' size and their lines at it.
fn steps_layout(sh: &mut Shaper, common: &Common) -> (f32, Vec<Vec<String>>) {
    let mut chosen = (0.0, Vec::new());
    for size in STEP_SIZES {
        let lines: Vec<Vec<String>> = common
            .steps
            .iter()
            .map(|step| wrap(step, &mut Styled(sh, Style::Regular, size), INNER_W - STEP_X, 4))
            .collect();
        let height: f32 = lines.iter().map(|l| 2.5 + l.len() as f32 * step_line(size)).sum();
        chosen = (size, lines);
        if height <= STEPS_BUDGET {
            break;
        }
    }
    chosen
}

fn step_line(size: f32) -> f32 {
    size * 1.18
}

/// Draws the first sign-in steps, after the student guide's section 1, from a caption whose
/// baseline is at (0, 0); returns their height below it.
fn draw_steps(c: &mut Content, sh: &mut Shaper, common: &Common) -> f32 {
    label(c, sh, 0.0, 0.0, &common.words.first_sign_in);
    let (size, steps) = steps_layout(sh, common);
    let mut y = -2.0;
    for (n, lines) in steps.iter().enumerate() {
        y -= 2.5;
        for (i, line) in lines.iter().enumerate() {
            y -= step_line(size);
            if i == 0 {
                sh.draw(c, Style::Bold, size, 0.0, y, &format!("{}.", n + 1));
            }
            sh.draw(c, Style::Regular, size, STEP_X, y, line);
        }
    }
    -y
}

/// Places a form drawn at (0, 0) at (`x`, `y`).
fn place(c: &mut Content, form: &[u8], x: f32, y: f32) {
    c.save_state();
    c.transform([1.0, 0.0, 0.0, 1.0, x, y]);
    c.x_object(Name(form));
    c.restore_state();
}

/// Draws one slip whose lower-left corner is (`x0`, `y0`); returns the baseline of its last line
/// of content above the footer (for the tests: it must stay above the footer).
fn draw_slip(c: &mut Content, sh: &mut Shaper, x0: f32, y0: f32, forms: &Forms, words: &Words, slip: &Slip) -> f32 {
    let left = x0 + MARGIN;
    let right = x0 + SLIP_W - MARGIN;
    place(c, CHROME, x0, y0);
    // Below the header.
    let mut y = y0 + SLIP_H - MARGIN - 29.5;

    // The student; a name with characters no font here has says so under it.
    y -= 13.0;
    label(c, sh, left, y, &words.student);
    let missing = sh.shape(Style::Bold, &slip.name).missing.clone();
    let name_lines = if missing.is_empty() { 2 } else { 1 };
    for (i, line) in wrap(&slip.name, &mut Styled(sh, Style::Bold, 13.0), INNER_W, name_lines).iter().enumerate() {
        y -= if i == 0 { 14.5 } else { 14.0 };
        sh.draw(c, Style::Bold, 13.0, left, y, line);
    }
    if !missing.is_empty() {
        y -= 9.0;
        let note = fit(&fonts::missing_note(&missing), &mut Styled(sh, Style::Regular, 7.0), INNER_W);
        grey_text(c, sh, Style::Regular, 7.0, left, y, &note);
    }
    y -= 13.0;
    label(c, sh, left, y, &words.login);
    let login_pt = shrink_to_fit(&slip.login, 12.0, 8.0, INNER_W);
    for line in wrap(&slip.login, &mut Mono(login_pt), INNER_W, 2) {
        y -= login_pt + 2.0;
        text(c, Font::Mono, login_pt, left, y, &win_ansi(&line));
    }
    y -= 13.0;
    let level_x = left + INNER_W * 0.6;
    label(c, sh, left, y, &words.location);
    label(c, sh, level_x, y, &words.level);
    y -= 12.0;
    let location = fit(&slip.location, &mut Styled(sh, Style::Regular, 10.0), level_x - left - 8.0);
    sh.draw(c, Style::Regular, 10.0, left, y, &location);
    let level = fit(&slip.level, &mut Styled(sh, Style::Regular, 10.0), right - level_x);
    sh.draw(c, Style::Regular, 10.0, level_x, y, &level);

    // The temporary password in a grey box.
    y -= 10.0;
    let layout = PasswordLayout::new(&slip.password, sh, words);
    let box_h = layout.height();
    c.save_state();
    c.set_fill_gray(0.93).set_stroke_gray(0.35).set_line_width(0.8);
    c.rect(left, y - box_h, INNER_W, box_h).fill_nonzero_and_stroke();
    c.restore_state();
    layout.draw(c, sh, words, left + BOX_PAD, y - BOX_PAD);
    y -= box_h;
    y -= 13.0;
    let expires = fit(&slip.expires, &mut Styled(sh, Style::Bold, 9.5), INNER_W);
    sh.draw(c, Style::Bold, 9.5, left, y, &expires);

    // First sign-in.
    y -= 13.0;
    place(c, STEPS, left, y);
    y - forms.steps_height
}

/// The password box: a caption, the password (one line, or wrapped when very long), a key to
/// look-alike characters, and a reminder that capitals matter.
struct PasswordLayout<'a> {
    size: f32,
    lines: Vec<&'a [u8]>,
    /// Rows of the key: the look-alike characters of the password.
    key: Vec<Vec<u8>>,
}

/// Characters that look alike in print, and the message that names each.
const LOOKALIKES: [(u8, &str); 6] = [
    (b'0', "slip-lookalike-zero"),
    (b'O', "slip-lookalike-capital-o"),
    (b'1', "slip-lookalike-one"),
    (b'l', "slip-lookalike-small-l"),
    (b'I', "slip-lookalike-capital-i"),
    (b'|', "slip-lookalike-straight-line"),
];
const KEY_GLYPH_PT: f32 = 10.0;
const KEY_TEXT_PT: f32 = 7.5;

impl<'a> PasswordLayout<'a> {
    fn new(password: &'a [u8], sh: &mut Shaper, words: &Words) -> Self {
        let width = INNER_W - 2.0 * BOX_PAD;
        let one_line = width / (password.len().max(1) as f32 * 0.6);
        let (size, lines) = if one_line >= PASSWORD_MIN_PT {
            (one_line.min(PASSWORD_MAX_PT), vec![password])
        } else {
            let per_line = password.len().div_ceil(2).max(1);
            ((width / (per_line as f32 * 0.6)).min(PASSWORD_MIN_PT), password.chunks(per_line).collect())
        };
        // The key names each look-alike in the password, in order of first appearance.
        let mut present: Vec<u8> = Vec::new();
        for &b in password {
            if LOOKALIKES.iter().any(|(g, _)| *g == b) && !present.contains(&b) {
                present.push(b);
            }
        }
        let mut key: Vec<Vec<u8>> = Vec::new();
        let mut row_w = 0.0;
        for entry in present {
            let w = key_entry_width(sh, words, entry);
            match key.last_mut() {
                Some(row) if row_w + 10.0 + w <= width => {
                    row.push(entry);
                    row_w += 10.0 + w;
                }
                _ => {
                    key.push(vec![entry]);
                    row_w = w;
                }
            }
        }
        Self { size, lines, key }
    }

    fn line_height(&self) -> f32 {
        self.size * 1.15
    }

    fn height(&self) -> f32 {
        BOX_PAD
            + 7.0
            + 5.0
            + self.lines.len() as f32 * self.line_height()
            + self.key.len() as f32 * 11.0
            + 11.0
            + BOX_PAD
    }

    fn draw(&self, c: &mut Content, sh: &mut Shaper, words: &Words, x: f32, top: f32) {
        let mut y = top - 6.5;
        label(c, sh, x, y, &words.password);
        y -= 5.0;
        for line in &self.lines {
            y -= self.line_height();
            let baseline = y + self.size * 0.22;
            text(c, Font::Mono, self.size, x, baseline, line);
            slash_zeros(c, x, baseline, self.size, line);
        }
        for row in &self.key {
            y -= 11.0;
            let mut kx = x;
            for &glyph in row {
                let (before, after) = words.lookalike(glyph);
                let before_w = sh.width(Style::Regular, before, KEY_TEXT_PT);
                grey_text(c, sh, Style::Regular, KEY_TEXT_PT, kx, y + 1.5, before);
                text(c, Font::Mono, KEY_GLYPH_PT, kx + before_w, y + 1.5, &[glyph]);
                slash_zeros(c, kx + before_w, y + 1.5, KEY_GLYPH_PT, &[glyph]);
                let gw = Font::Mono.width(&[glyph], KEY_GLYPH_PT);
                grey_text(c, sh, Style::Regular, KEY_TEXT_PT, kx + before_w + gw, y + 1.5, after);
                kx += key_entry_width(sh, words, glyph) + 10.0;
            }
        }
        y -= 11.0;
        grey_text(c, sh, Style::Regular, KEY_TEXT_PT, x, y + 2.0, &words.exactly);
    }
}

/// An entry of the key: the words around the character, measured with the fonts they print in.
fn key_entry_width(sh: &mut Shaper, words: &Words, glyph: u8) -> f32 {
    let (before, after) = words.lookalike(glyph);
    sh.width(Style::Regular, before, KEY_TEXT_PT)
        + Font::Mono.width(&[glyph], KEY_GLYPH_PT)
        + sh.width(Style::Regular, after, KEY_TEXT_PT)
}

/// Draws a slash through every zero of a Courier line, so that it cannot be read as the letter O
/// (the text itself stays a plain `0`).
fn slash_zeros(c: &mut Content, x: f32, baseline: f32, size: f32, line: &[u8]) {
    let advance = 0.6 * size;
    let zeros: Vec<usize> = line.iter().enumerate().filter(|(_, &b)| b == b'0').map(|(i, _)| i).collect();
    if zeros.is_empty() {
        return;
    }
    c.save_state();
    c.set_stroke_gray(0.0).set_line_width(size * 0.07);
    for i in zeros {
        let cx = x + (i as f32 + 0.5) * advance;
        c.move_to(cx - 0.17 * size, baseline + 0.04 * size).line_to(cx + 0.17 * size, baseline + 0.60 * size).stroke();
    }
    c.restore_state();
}

fn text(c: &mut Content, font: Font, size: f32, x: f32, y: f32, bytes: &[u8]) {
    if bytes.is_empty() {
        return;
    }
    c.begin_text();
    c.set_font(font.resource(), size);
    c.next_line(x, y);
    c.show(Str(bytes));
    c.end_text();
}

fn grey_text(c: &mut Content, sh: &mut Shaper, style: Style, size: f32, x: f32, y: f32, text: &str) {
    c.save_state();
    c.set_fill_gray(0.3);
    sh.draw(c, style, size, x, y, text);
    c.restore_state();
}

/// A small grey caption above a field.
fn label(c: &mut Content, sh: &mut Shaper, x: f32, y: f32, caption: &str) {
    grey_text(c, sh, Style::Bold, 6.5, x, y, caption);
}

// ---------------------------------------------------------------------------------------------
// Fonts and text

/// The three standard fonts a slip uses (never embedded: every PDF reader has them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Font {
    Regular,
    Bold,
    Mono,
}

impl Font {
    fn resource(self) -> Name<'static> {
        match self {
            Self::Regular => Name(b"F1"),
            Self::Bold => Name(b"F2"),
            Self::Mono => Name(b"F3"),
        }
    }

    fn base_name(self) -> Name<'static> {
        match self {
            Self::Regular => Name(b"Helvetica"),
            Self::Bold => Name(b"Helvetica-Bold"),
            Self::Mono => Name(b"Courier-Bold"),
        }
    }

    /// Advance width of a WinAnsi code, in thousandths of the font size.
    fn advance(self, code: u8) -> u16 {
        let Some(i) = usize::from(code).checked_sub(32) else { return 0 };
        match self {
            Self::Regular => HELVETICA[i],
            Self::Bold => HELVETICA_BOLD[i],
            Self::Mono => 600,
        }
    }

    /// Width of WinAnsi `text` at `size` points.
    fn width(self, text: &[u8], size: f32) -> f32 {
        text.iter().map(|&b| f32::from(self.advance(b))).sum::<f32>() * size / 1000.0
    }
}

/// How wide a text is, and where a word may be cut.
trait Measure {
    fn width(&mut self, text: &str) -> f32;
    /// The byte offsets that end each piece `word` may be cut after (a character, or a shaped
    /// cluster such as a Tamil syllable), with the width up to there.
    fn cuts(&mut self, word: &str) -> Vec<(usize, f32)>;
}

/// Shaped text in a style and size.
struct Styled<'s, 'a>(&'s mut Shaper<'a>, Style, f32);

impl Measure for Styled<'_, '_> {
    fn width(&mut self, text: &str) -> f32 {
        self.0.width(self.1, text, self.2)
    }

    fn cuts(&mut self, word: &str) -> Vec<(usize, f32)> {
        self.0.cluster_ends(self.1, word).into_iter().map(|(end, w)| (end, w * self.2 / 1000.0)).collect()
    }
}

/// Courier (the login ID) at a size: every character 0.6 em.
struct Mono(f32);

impl Measure for Mono {
    fn width(&mut self, text: &str) -> f32 {
        text.chars().count() as f32 * 0.6 * self.0
    }

    fn cuts(&mut self, word: &str) -> Vec<(usize, f32)> {
        word.char_indices().enumerate().map(|(k, (i, c))| (i + c.len_utf8(), (k + 1) as f32 * 0.6 * self.0)).collect()
    }
}

/// The largest size from `max` down to `min` (in half points) at which the Courier `text` fits
/// on one line.
fn shrink_to_fit(text: &str, max: f32, min: f32, width: f32) -> f32 {
    let mut size = max;
    while size > min && Mono(size).width(text) > width {
        size -= 0.5;
    }
    size.max(min)
}

/// `text` on one line of at most `width`, cut with an ellipsis when longer.
fn fit(text: &str, m: &mut impl Measure, width: f32) -> String {
    wrap(text, m, width, 1).pop().unwrap_or_default()
}

/// Breaks `text` into at most `max_lines` lines no wider than `width`, at spaces where it can (a
/// word longer than a line is cut between characters, or between a script's clusters). Text
/// that does not fit ends the last line with an ellipsis.
fn wrap(text: &str, m: &mut impl Measure, width: f32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if m.width(&candidate) <= width {
            line = candidate;
            continue;
        }
        let mut word = word;
        if !line.is_empty() {
            // Chinese has no spaces and breaks between characters: the line is filled first.
            if breaks_anywhere(word) {
                let fits: Vec<usize> = m
                    .cuts(word)
                    .into_iter()
                    .map(|(end, _)| end)
                    .take_while(|&end| m.width(&format!("{line} {}", &word[..end])) <= width)
                    .collect();
                // Closing punctuation never starts a line (、。」 stay with what they close).
                let closing = |rest: &str| {
                    rest.starts_with(['、', '。', '，', '．', '：', '；', '！', '？', '）', '」', '』', '”', '’'])
                };
                if let Some(&end) = fits.iter().rev().find(|&&end| !closing(&word[end..])) {
                    line = format!("{line} {}", &word[..end]);
                    word = &word[end..];
                }
            }
            lines.push(std::mem::take(&mut line));
        }
        // The word starts a new line; a word wider than a line is cut between its pieces.
        let (mut start, mut start_w, mut prev, mut prev_w) = (0, 0.0, 0, 0.0);
        for (end, w) in m.cuts(word) {
            if prev > start && w - start_w > width {
                lines.push(word[start..prev].to_owned());
                (start, start_w) = (prev, prev_w);
            }
            (prev, prev_w) = (end, w);
        }
        line = word[start..].to_owned();
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && m.width(&format!("{last}{ELLIPSIS}")) > width {
                last.pop();
            }
            last.truncate(last.trim_end().len());
            last.push(ELLIPSIS);
        }
    }
    lines
}

/// Whether a line may break between any two characters of `word`: Chinese and Japanese
/// ideographs, kana and full-width punctuation (a word of Latin or Tamil script breaks only at
/// its spaces, or is cut when it is wider than a line).
fn breaks_anywhere(word: &str) -> bool {
    word.chars().any(|c| {
        matches!(c as u32,
            0x2E80..=0x2FFF | 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
    })
}

/// The temporary password as bytes to print, or `None` when it has anything but printable ASCII
/// (which a slip could only misprint).
fn password_bytes(password: &str) -> Option<Zeroizing<Vec<u8>>> {
    let bytes = Zeroizing::new(password.as_bytes().to_vec());
    (!bytes.is_empty() && bytes.iter().all(|b| (0x21..=0x7e).contains(b))).then_some(bytes)
}

/// `text` made safe to lay out: composed (NFC); invisible marks (bidi controls, zero-width
/// characters, variation selectors, control characters) dropped; any whitespace one space; at
/// most [`MAX_FIELD`] bytes.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_FIELD));
    for c in text.nfc() {
        if out.len() + c.len_utf8() > MAX_FIELD {
            break;
        }
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if !is_invisible(c) || is_combining(c) {
            out.push(c);
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// `text` in WinAnsiEncoding (the login ID in Courier): [`clean`], then a letter WinAnsi lacks
/// loses its accent when that makes it printable, and anything else becomes `?` (login IDs are
/// printable ASCII, so this never shows).
fn win_ansi(text: &str) -> Vec<u8> {
    clean(text)
        .chars()
        .filter(|&c| !is_combining(c))
        .map(|c| win_ansi_char(c).or_else(|| base_letter(c)).unwrap_or(b'?'))
        .collect()
}

fn is_combining(c: char) -> bool {
    (0x300..=0x36f).contains(&u32::from(c))
}

/// The WinAnsiEncoding code of `c`, if it has one (printable characters only).
fn win_ansi_char(c: char) -> Option<u8> {
    let u = u32::from(c);
    match u {
        0x20..=0x7e => Some(u as u8),
        // Soft hyphen: invisible unless a line breaks there.
        0xad => None,
        0xa0..=0xff => Some(u as u8),
        _ => Some(match c {
            '\u{20ac}' => 0x80,
            '\u{201a}' => 0x82,
            '\u{0192}' => 0x83,
            '\u{201e}' => 0x84,
            '\u{2026}' => 0x85,
            '\u{2020}' => 0x86,
            '\u{2021}' => 0x87,
            '\u{02c6}' => 0x88,
            '\u{2030}' => 0x89,
            '\u{0160}' => 0x8a,
            '\u{2039}' => 0x8b,
            '\u{0152}' => 0x8c,
            '\u{017d}' => 0x8e,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201c}' => 0x93,
            '\u{201d}' => 0x94,
            '\u{2022}' => 0x95,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            '\u{02dc}' => 0x98,
            '\u{2122}' => 0x99,
            '\u{0161}' => 0x9a,
            '\u{203a}' => 0x9b,
            '\u{0153}' => 0x9c,
            '\u{017e}' => 0x9e,
            '\u{0178}' => 0x9f,
            _ => return None,
        }),
    }
}

/// Characters that print as nothing: controls, bidi and zero-width marks, variation selectors,
/// tags, and combining marks left over after composition.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(u32::from(c),
            0xad
            | 0x300..=0x36f
            | 0x61c
            | 0x180e
            | 0x200b..=0x200f
            | 0x202a..=0x202e
            | 0x2060..=0x2064
            | 0x2066..=0x206f
            | 0xfe00..=0xfe0f
            | 0xfeff
            | 0xe0000..=0xe007f
            | 0xe0100..=0xe01ef)
}

/// `ă` → `a`: the WinAnsi base of a letter whose accents WinAnsi lacks.
fn base_letter(c: char) -> Option<u8> {
    let mut parts = std::iter::once(c).nfd();
    let base = win_ansi_char(parts.next()?)?;
    parts.all(|m| (0x300..=0x36f).contains(&u32::from(m))).then_some(base)
}

/// Advance widths of Helvetica and Helvetica-Bold for WinAnsi codes 32..=255 (Adobe's AFM
/// metrics), in thousandths of the font size; 0 for codes WinAnsi leaves unused.
#[rustfmt::skip]
const HELVETICA: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];
#[rustfmt::skip]
const HELVETICA_BOLD: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::process::Command;

    use super::*;
    use crate::clock::rfc3339;
    use crate::config::Config;
    use crate::types::SecretString;

    /// 26 Nov 2026 08:30 UTC; the passwords expire seven days later, on 3 Dec 2026.
    const ISSUED: Timestamp = 1_795_681_800;
    const EXPIRES: Timestamp = ISSUED + 7 * 86_400;

    fn branding() -> BrandingConfig {
        Config::default().branding
    }

    /// The branding with one font file for each style.
    fn branding_with_fonts(regular: &str, bold: &str) -> BrandingConfig {
        BrandingConfig { slip_fonts: vec![regular.into()], slip_bold_fonts: vec![bold.into()], ..branding() }
    }

    /// The built-in fonts, loaded for the texts of every test here.
    fn default_fonts() -> FontFiles {
        let sample = "\u{9648}\u{7f8e}\u{73b2} \u{0bae}\u{0bc1}\u{0ba4}\u{0bcd}\u{0ba4}\u{0bc1} \u{1e24}\u{0101}";
        let b = branding();
        FontFiles::load(
            &FontChoice::new(&b.slip_fonts, &b.slip_bold_fonts),
            [(Style::Bold, sample), (Style::Regular, sample)],
        )
    }

    #[test]
    fn a_batch_of_slips_is_in_the_language_all_its_people_chose_else_the_schools() {
        let with = |l: Option<Language>| IssuedPassword { language: l, ..issued("a@b.c", "A", "Kiwi-10", None) };
        let ta = Some(Language::Tamil);
        assert_eq!(language_for(&[with(ta)], Language::Malay), Language::Tamil);
        assert_eq!(language_for(&[with(ta), with(ta)], Language::Malay), Language::Tamil);
        assert_eq!(language_for(&[with(ta), with(None)], Language::Malay), Language::Malay);
        assert_eq!(language_for(&[with(None), with(ta)], Language::Malay), Language::Malay);
        assert_eq!(language_for(&[with(ta), with(Some(Language::Chinese))], Language::English), Language::English);
        assert_eq!(language_for(&[], Language::Malay), Language::Malay);
    }

    fn issued(login: &str, name: &str, password: &str, level: Option<Level>) -> IssuedPassword {
        IssuedPassword {
            login: login.to_owned(),
            name: name.to_owned(),
            location: "NORTHVIEW PRI".to_owned(),
            level,
            temporary_password: SecretString::from(password),
            expires: rfc3339(EXPIRES),
            language: None,
        }
    }

    fn class_of_five() -> Vec<IssuedPassword> {
        vec![
            issued("tan_ah_kow@students.edu.sg", "TAN AH KOW", "Maple-Otter-Cloud-47", Some(Level::P1_3)),
            issued(
                "siti_aminah@students.edu.sg",
                "SITI AMINAH BINTE RAHMAN",
                "Igloo-Llama-Pillow-10",
                Some(Level::P4_6),
            ),
            issued(
                "rajesh_kumar@students.edu.sg",
                "RAJESH KUMAR",
                "Sapphire-Rambutan-Umbrella-99",
                Some(Level::Secondary),
            ),
            issued("chloe_lim@students.edu.sg", "CHLOE LIM", "Bison-Kiwi-Orbit-03", Some(Level::JcMi)),
            issued("zoe_ng@students.edu.sg", "Zoë Ng", "Cedar-Jelly-Finch-21", None),
        ]
    }

    fn page_count(pdf: &[u8]) -> usize {
        pdf.windows(12).filter(|w| w.starts_with(b"/Type /Page") && w[11] != b's').count()
    }

    /// Fails, rather than skips, when a poppler tool is missing.
    fn require(tool: &str) {
        let found = Command::new(tool).arg("-v").output().is_ok();
        assert!(
            found,
            "`{tool}` is not installed. It comes with Debian's poppler-utils, which `make test` installs \
             (scripts/setup.sh); or run `apt-get install -y --no-install-recommends poppler-utils`."
        );
    }

    fn run(cmd: &mut Command) -> Vec<u8> {
        let out = cmd.output().expect("the command runs");
        assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    }

    /// Share of dark pixels in an 8-bit PNG (grey, grey+alpha, RGB or RGBA).
    fn dark_share(path: &Path) -> (u32, u32, f64) {
        let decoder = png::Decoder::new(std::fs::File::open(path).unwrap());
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        let channels = info.color_type.samples();
        let pixels = &buf[..info.buffer_size()];
        let dark = pixels.chunks(channels).filter(|p| p.iter().take(channels.min(3)).all(|&v| v < 128)).count();
        (info.width, info.height, dark as f64 / (pixels.len() / channels) as f64)
    }

    #[test]
    fn five_slips_fill_two_pages_of_four_and_the_file_is_a_pdf() {
        let pdf = render_pdf(&branding(), &class_of_five(), ISSUED, &sg(), Language::English).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(page_count(&pdf), 2);
        assert!(pdf.windows(8).any(|w| w == b"/Count 2"));
        for font in [&b"/Helvetica"[..], b"/Helvetica-Bold", b"/Courier-Bold", b"/WinAnsiEncoding"] {
            assert!(pdf.windows(font.len()).any(|w| w == font));
        }
        let four = render_pdf(&branding(), &class_of_five()[..4], ISSUED, &sg(), Language::English).unwrap();
        assert_eq!(page_count(&four), 1);
    }

    #[test]
    fn the_slips_render_to_png_pages_and_their_text_holds_every_login_password_and_step() {
        require("pdftoppm");
        require("pdftotext");
        let class = class_of_five();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("slips.pdf");
        std::fs::write(&file, render_pdf(&branding(), &class, ISSUED, &sg(), Language::English).unwrap()).unwrap();

        run(Command::new("pdftoppm").args(["-png", "-r", "50"]).arg(&file).arg(dir.path().join("page")));
        let mut pngs: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "png"))
            .collect();
        pngs.sort();
        assert_eq!(pngs.len(), 2, "{pngs:?}");
        for png in &pngs {
            let (w, h, dark) = dark_share(png);
            // A4 at 50 dpi.
            assert!((410..=416).contains(&w) && (582..=588).contains(&h), "{}: {w}x{h}", png.display());
            assert!((0.005..0.5).contains(&dark), "{}: {:.1}% dark", png.display(), dark * 100.0);
        }
        let (_, _, full) = dark_share(&pngs[0]);
        let (_, _, one_slip) = dark_share(&pngs[1]);
        assert!(full > one_slip * 2.0, "four slips ({full}) against one ({one_slip})");

        let text =
            String::from_utf8(run(Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&file).arg("-"))).unwrap();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for slip in &class {
            assert!(text.contains(&slip.login), "login {} missing from: {text}", slip.login);
            assert!(text.contains(slip.temporary_password.expose()), "a password is missing from the text");
            assert!(text.contains(&slip.name), "name {} missing", slip.name);
        }
        for expected in [
            "Ministry of Education, Singapore",
            "MIMS Portal",
            "NORTHVIEW PRI",
            "Primary 1\u{2013}3",
            "JC / MI",
            "Expires 3 Dec 2026, 4:30 pm",
            "Printed 26 Nov 2026, 4:30 pm",
            "Go to the MIMS Portal sign-in page",
            "login ID",
            "temporary password",
            "challenge questions",
            "new password",
            "Change Password",
            "I understand",
            "0 is zero",
            "l is small L",
        ] {
            assert!(text.contains(expected), "{expected:?} missing from: {text}");
        }
    }

    #[test]
    fn hostile_names_render_without_panicking_and_are_cut_to_fit_the_slip() {
        let long_name = "Wolfeschlegelsteinhausenbergerdorff ".repeat(6)[..200].to_owned();
        let two_hundred_a = "A".repeat(200);
        let names = [
            "\u{1f980} Crab \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} Family \u{1f44d}\u{1f3fd}",
            "\u{202e}LIVE\u{202c} \u{200f}\u{645}\u{631}\u{62d}\u{628}\u{627} \u{2067}Ali\u{2069}",
            two_hundred_a.as_str(),
            long_name.as_str(),
            "Tan\n\tAh\r\nKow\u{0}\u{7}",
            "(Paren) \\Backslash\\ )(",
            "",
            "\u{fe0f}\u{200b}",
            "Nguy\u{1ec5}n \u{141}ukasz Zoe\u{308}",
        ];
        let class: Vec<IssuedPassword> = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut s = issued(&format!("student{i}@students.edu.sg"), name, "Maple-Otter-Cloud-47", None);
                s.location = "\u{1f3eb}".repeat(80);
                s
            })
            .collect();
        let pdf = render_pdf(&branding(), &class, ISSUED, &sg(), Language::English).unwrap();
        assert_eq!(page_count(&pdf), 3);

        let files = default_fonts();
        let mut sh = Shaper::new(&files);
        for name in names {
            let lines = wrap(&clean(name), &mut Styled(&mut sh, Style::Bold, 13.0), INNER_W, 2);
            assert!(lines.len() <= 2, "{name:?}");
            for line in &lines {
                assert!(sh.width(Style::Bold, line, 13.0) <= INNER_W, "{name:?}: {line:?}");
            }
        }
        let cut = wrap(&"A".repeat(200), &mut Styled(&mut sh, Style::Bold, 13.0), INNER_W, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with(ELLIPSIS));
        assert_eq!(clean(names[1]), "LIVE \u{645}\u{631}\u{62d}\u{628}\u{627} Ali");

        // The fullest slip possible (two-line name and login, a long password with every
        // look-alike) still ends above its footer, and so does one whose name has no font.
        let mut worst = Slip {
            name: clean(&long_name),
            login: clean(&"x".repeat(120)),
            location: clean(&"L".repeat(300)),
            level: clean("Secondary"),
            password: password_bytes("0O1lI|-0O1lI|-0O1lI|-0O1lI|-0O1lI|-0O1lI|-0O1lI|-0O1lI|").unwrap(),
            expires: clean("Expires 30 Sep 2026, 11:59 pm"),
        };
        let mut branding = branding();
        branding.organisation = "\u{1f3eb} ".repeat(100);
        branding.portal_name = "P".repeat(200);
        // In every language: its steps and footer are longer than English's.
        for language in Language::ALL {
            let common = Common::new(&branding, ISSUED, &sg(), language);
            let files = FontFiles::load(&FontChoice::new(&[], &[]), common.texts());
            let mut sh = Shaper::new(&files);
            let forms = Forms::draw(&mut sh, &common);
            let footer_lines = wrap(&common.footer, &mut Styled(&mut sh, Style::Bold, 7.0), INNER_W, 2).len();
            for name in [long_name.clone(), "\u{1f980} ".repeat(100)] {
                worst.name = clean(&name);
                let last = draw_slip(&mut Content::new(), &mut sh, 0.0, 0.0, &forms, &common.words, &worst);
                // The footer's lines of 7-point text, and room for the descenders of the last step.
                let footer_top = FOOTER_Y + FOOTER_LINE * footer_lines as f32 + 7.0;
                assert!(last > footer_top + 2.5, "{language}: the content runs into the footer: last line at {last}");
            }
        }
    }

    #[test]
    fn text_outside_win_ansi_is_made_safe_to_print() {
        assert_eq!(win_ansi("Zo\u{eb} Ng"), b"Zo\xeb Ng");
        assert_eq!(win_ansi("Zoe\u{308}"), b"Zo\xeb");
        assert_eq!(win_ansi("Nguy\u{1ec5}n"), b"Nguyen");
        assert_eq!(win_ansi("\u{141}ukasz"), b"?ukasz");
        assert_eq!(win_ansi("\u{1f980}"), b"?");
        assert_eq!(win_ansi("\u{202e}abc\u{202c}"), b"abc");
        assert_eq!(win_ansi("  Tan\n\tAh\u{a0}Kow  "), b"Tan Ah Kow");
        assert_eq!(win_ansi("\u{2018}Sign in\u{2019} \u{2013} \u{20ac}"), b"\x91Sign in\x92 \x96 \x80");
        assert!(win_ansi(&"\u{1f980}".repeat(10_000)).len() <= MAX_FIELD);
    }

    fn english_layout(password: &[u8]) -> PasswordLayout<'_> {
        let words = Words::new(Language::English);
        let files = FontFiles::load(&FontChoice::new(&[], &[]), words.texts());
        PasswordLayout::new(password, &mut Shaper::new(&files), &words)
    }

    #[test]
    fn every_step_prints_whole_in_every_language_within_the_steps_room() {
        for language in Language::ALL {
            let common = Common::new(&branding(), ISSUED, &sg(), language);
            let files = FontFiles::load(&FontChoice::new(&[], &[]), common.texts());
            let mut sh = Shaper::new(&files);
            let (size, steps) = steps_layout(&mut sh, &common);
            let height: f32 = steps.iter().map(|l| 2.5 + l.len() as f32 * step_line(size)).sum();
            assert!(height <= STEPS_BUDGET, "{language}: {height} at {size} pt");
            assert!(size >= 7.0, "{language}: the steps need {size} pt type");
            for (step, lines) in common.steps.iter().zip(&steps) {
                assert!(!lines.concat().contains(ELLIPSIS), "{language}: {step:?} is cut");
            }
            if language == Language::English {
                assert_eq!(size, 8.5);
            }
        }
    }

    #[test]
    fn look_alike_characters_in_the_password_are_named_under_it() {
        let key = |p: &str| -> Vec<u8> { english_layout(p.as_bytes()).key.concat() };
        assert_eq!(key("Maple-Otter-Cloud-47"), b"lO");
        assert_eq!(key("Igloo-Llama-Pillow-10"), b"Il10");
        assert_eq!(key("Bison-Kiwi-Peach-23"), b"");
        let layout = english_layout(b"Sapphire-Rambutan-Umbrella-99");
        assert_eq!(layout.lines.len(), 1);
        assert!(layout.size >= PASSWORD_MIN_PT);
    }

    #[test]
    fn a_very_long_password_goes_on_two_lines_rather_than_shrinking_below_a_legible_size() {
        for (password, legible) in [("Abcdefghij-".repeat(6), true), ("Abcdefghij-".repeat(20), false)] {
            let layout = english_layout(password.as_bytes());
            assert_eq!(layout.lines.len(), 2);
            assert_eq!(layout.size >= PASSWORD_MIN_PT, legible, "{}", layout.size);
            assert!(layout.size <= PASSWORD_MIN_PT);
            assert_eq!(layout.lines.concat(), password.as_bytes());
            for line in &layout.lines {
                assert!(Font::Mono.width(line, layout.size) <= INNER_W - 2.0 * BOX_PAD);
            }
        }
    }

    #[test]
    fn a_slip_that_would_misprint_is_refused_without_echoing_the_password() {
        let mut bad = issued("ali@students.edu.sg", "ALI", "P\u{e4}sswort-Gr\u{fc}n-12", None);
        let err = render_pdf(&branding(), std::slice::from_ref(&bad), ISSUED, &sg(), Language::English).unwrap_err();
        assert_eq!(err.field(), Some("temporary_password"));
        assert!(err.to_string().contains("ali@students.edu.sg"));
        assert!(!err.to_string().contains("sswort"));

        bad.temporary_password = SecretString::from("Maple-Otter-Cloud-47");
        bad.expires = "next week".to_owned();
        assert_eq!(
            render_pdf(&branding(), &[bad], ISSUED, &sg(), Language::English).unwrap_err().field(),
            Some("expires")
        );
        assert_eq!(render_pdf(&branding(), &[], ISSUED, &sg(), Language::English).unwrap_err().field(), Some("slips"));
    }

    fn sg() -> Zone {
        Zone::parse("Asia/Singapore").unwrap()
    }

    /// A Chinese, a Tamil (conjuncts and reordered vowel signs), a Malay name with diacritics
    /// and an English one.
    const NAMES: [&str; 4] = [
        "\u{9648}\u{7f8e}\u{73b2}",
        "\u{0bae}\u{0bc1}\u{0ba4}\u{0bcd}\u{0ba4}\u{0bc1}\u{0bb2}\u{0b9f}\u{0bcd}\u{0b9a}\u{0bc1}\u{0bae}\u{0bbf} \u{0b95}\u{0bca}\u{0bb1}\u{0bcd}\u{0bb1}\u{0bb5}\u{0bc8}",
        "Nur \u{1e24}\u{0101}fi\u{1e93}ah binti Ra\u{1e25}m\u{0101}n",
        "Chloe Lim",
    ];

    /// Fails, rather than skips, when the Noto fonts are missing.
    fn four_languages() -> Vec<IssuedPassword> {
        for style in [Style::Regular, Style::Bold] {
            for font in &fonts::default_sources(style)[..3] {
                let (path, _) = crate::config::font_source(font);
                assert!(
                    path.is_file(),
                    "{font} is missing: `make test` installs it (scripts/setup.sh), or run `apt-get install -y \
                     --no-install-recommends fonts-noto-core fonts-noto-cjk`"
                );
            }
        }
        NAMES
            .iter()
            .enumerate()
            .map(|(i, name)| {
                issued(&format!("pupil{i}@students.edu.sg"), name, &format!("Kiwi-Orbit-Maple-{i}0"), None)
            })
            .collect()
    }

    fn pdf_text(pdf: &[u8], dir: &Path) -> String {
        require("pdftotext");
        let file = dir.join("text.pdf");
        std::fs::write(&file, pdf).unwrap();
        let text = run(Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&file).arg("-"));
        String::from_utf8(text).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The page rendered by poppler at 100 dpi, cropped to a slip's name (the first slip's,
    /// below its "STUDENT" caption): the share of dark pixels.
    fn ink_of_first_name(pdf: &[u8], dir: &Path) -> f64 {
        require("pdftoppm");
        let file = dir.join("ink.pdf");
        std::fs::write(&file, pdf).unwrap();
        // At 100 dpi the first slip's name sits about 90 to 116 pixels from the top, from 28 px.
        let crop = ["-r", "100", "-x", "28", "-y", "90", "-W", "360", "-H", "26", "-png", "-singlefile"];
        run(Command::new("pdftoppm").args(crop).arg(&file).arg(dir.join("name")));
        dark_share(&dir.join("name.png")).2
    }

    #[test]
    fn names_in_chinese_tamil_malay_and_english_read_back_exactly_with_their_logins_and_passwords() {
        let dir = tempfile::tempdir().unwrap();
        let class = four_languages();
        let text = pdf_text(&render_pdf(&branding(), &class, ISSUED, &sg(), Language::English).unwrap(), dir.path());
        for slip in &class {
            assert!(text.contains(&slip.name), "name {:?} missing from: {text}", slip.name);
            assert!(text.contains(&slip.login), "login {} missing", slip.login);
            assert!(text.contains(slip.temporary_password.expose()), "a password is missing from the text");
        }
        // The only `?` is each footer's "Need help?".
        assert_eq!(text.matches('?').count(), class.len(), "{text}");
        assert!(!text.contains("[U+"), "{text}");
    }

    #[test]
    fn slips_in_each_language_read_back_with_their_words_names_and_passwords_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let class = four_languages();
        for language in Language::ALL {
            let pdf = render_pdf(&branding(), &class, ISSUED, &sg(), language).unwrap();
            // `GATEHOUSE_SLIP_SAMPLES=DIR`: keep each language's page to look at.
            if let Some(samples) = std::env::var_os("GATEHOUSE_SLIP_SAMPLES") {
                std::fs::write(Path::new(&samples).join(format!("slips-{language}.pdf")), &pdf).unwrap();
            }
            let text = pdf_text(&pdf, dir.path());
            for slip in &class {
                assert!(text.contains(&slip.name), "{language}: name {:?} missing from: {text}", slip.name);
                assert!(text.contains(&slip.login), "{language}: login {} missing", slip.login);
                assert!(text.contains(slip.temporary_password.expose()), "{language}: a password is missing");
            }
            // The captions, the first step and the expiry in the slip's language (pdftotext
            // splits lines, so each is compared word by word).
            let words = |t: Text| t.format(language).split_whitespace().collect::<Vec<_>>().join(" ");
            for caption in ["slip-student", "slip-password", "slip-first-sign-in", "slip-footer"] {
                let expected = words(Text::new(caption));
                assert!(text.contains(&expected), "{language}: {caption} {expected:?} missing from: {text}");
            }
            let expires = words(
                Text::new("slip-expires").arg("at", sg().text(parse_time(&class[0].expires).unwrap(), language.code())),
            );
            assert!(text.contains(&expires), "{language}: {expires:?} missing from: {text}");
            assert!(!text.contains("[U+"), "{language}: a character without a font: {text}");
            // Drawn, not only encoded: the first slip's name leaves ink where it is printed.
            assert!(ink_of_first_name(&pdf, dir.path()) > 0.01, "{language}: no ink where the name is");
        }
    }

    #[test]
    fn each_name_is_drawn_with_glyphs_where_it_is_printed() {
        let dir = tempfile::tempdir().unwrap();
        // A hyphen for a name: the same layout, almost no ink.
        let dash = ink_of_first_name(
            &render_pdf(&branding(), &[issued("a@b.c", "-", "Kiwi-10", None)], ISSUED, &sg(), Language::English)
                .unwrap(),
            dir.path(),
        );
        assert!(dash < 0.005, "{dash}");
        for slip in four_languages() {
            let ink = ink_of_first_name(
                &render_pdf(&branding(), std::slice::from_ref(&slip), ISSUED, &sg(), Language::English).unwrap(),
                dir.path(),
            );
            assert!(ink > 0.01 && ink > 4.0 * dash, "{:?} left {:.1}% of its place dark", slip.name, ink * 100.0);
        }
    }

    /// Left, right, top and bottom of the dark pixels of a PNG.
    fn ink_box(path: &Path) -> (u32, u32, u32, u32) {
        let decoder = png::Decoder::new(std::fs::File::open(path).unwrap());
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        let channels = info.color_type.samples();
        let (mut l, mut r, mut t, mut b) = (u32::MAX, 0, u32::MAX, 0);
        for (i, p) in buf[..info.buffer_size()].chunks(channels).enumerate() {
            if p.iter().take(channels.min(3)).all(|&v| v < 128) {
                let (x, y) = (i as u32 % info.width, i as u32 / info.width);
                (l, r, t, b) = (l.min(x), r.max(x), t.min(y), b.max(y));
            }
        }
        (l, r, t, b)
    }

    /// The oracle: each name drawn by real HarfBuzz and cairo (`hb-view`, Debian's
    /// libharfbuzz-bin) with the same font at the same size covers the same width as on the slip.
    /// Unshaped Tamil (vowel signs not reordered, conjuncts not formed) or wrong advances differ.
    #[test]
    fn each_name_is_as_wide_as_harfbuzz_draws_it_with_the_same_font() {
        let found = Command::new("hb-view").arg("--version").output().is_ok();
        assert!(found, "`hb-view` is not installed: `apt-get install -y --no-install-recommends libharfbuzz-bin` (scripts/setup.sh)");
        let dir = tempfile::tempdir().unwrap();
        // Face 2 of the CJK collection is Simplified Chinese.
        let fonts = [
            ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
            ("/usr/share/fonts/truetype/noto/NotoSansTamil-Bold.ttf", 0),
            ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", 0),
            ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", 0),
        ];
        for (slip, (font, face)) in four_languages().into_iter().zip(fonts) {
            let pdf = dir.path().join("slip.pdf");
            std::fs::write(
                &pdf,
                render_pdf(&branding(), std::slice::from_ref(&slip), ISSUED, &sg(), Language::English).unwrap(),
            )
            .unwrap();
            let crop = ["-r", "100", "-x", "10", "-y", "84", "-W", "380", "-H", "36", "-png", "-singlefile"];
            run(Command::new("pdftoppm").args(crop).arg(&pdf).arg(dir.path().join("slip")));
            let (l, r, _, _) = ink_box(&dir.path().join("slip.png"));

            let reference = dir.path().join("hb.png");
            // 13 points at 100 dpi.
            run(Command::new("hb-view")
                .args(["--font-size=18.0556", "--margin=8", "--background=FFFFFFFF", "--foreground=000000FF"])
                .arg(format!("--font-file={font}"))
                .arg(format!("--face-index={face}"))
                .arg(format!("--output-file={}", reference.display()))
                .args(["--output-format=png", "--", &slip.name]));
            let (hl, hr, _, _) = ink_box(&reference);
            let (ours, theirs) = (f64::from(r - l), f64::from(hr - hl));
            assert!(
                (ours - theirs).abs() <= (theirs * 0.03).max(3.0),
                "{:?}: {ours} px wide on the slip, {theirs} px by HarfBuzz",
                slip.name
            );
        }
    }

    #[test]
    fn the_fonts_are_embedded_as_small_subsets() {
        let pdf = render_pdf(&branding(), &four_languages(), ISSUED, &sg(), Language::English).unwrap();
        let count = |needle: &[u8]| pdf.windows(needle.len()).filter(|w| w == &needle).count();
        // Noto Sans and Noto Sans Tamil (TrueType), regular and bold; Noto Sans CJK SC in bold
        // (CFF, from the collection).
        assert!(count(b"/FontFile2") >= 3, "TrueType fonts embedded: {}", count(b"/FontFile2"));
        assert_eq!(count(b"/CIDFontType0C"), 1);
        assert!(count(b"/ToUnicode") >= 4);
        // The CJK collection alone is 19 MB, Noto Sans 0.5 MB.
        assert!(pdf.len() < 120_000, "{} bytes", pdf.len());
    }

    #[test]
    fn a_name_no_font_covers_prints_its_code_points_and_which_package_to_install() {
        let dir = tempfile::tempdir().unwrap();
        let b = branding_with_fonts(
            "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
            "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        );
        let class = four_languages();
        let text = pdf_text(&render_pdf(&b, &class[..2], ISSUED, &sg(), Language::English).unwrap(), dir.path());
        assert!(text.contains("[U+9648][U+7F8E][U+73B2]"), "{text}");
        assert!(text.contains("[U+0BAE][U+0BC1]"), "{text}");
        assert!(text.contains("no font here for Chinese (install fonts-noto-cjk)"), "{text}");
        assert!(text.contains("no font here for Tamil (install fonts-noto-core)"), "{text}");
        assert_eq!(text.matches('?').count(), 2, "only the footers' \"Need help?\": {text}");
        for slip in &class[..2] {
            assert!(text.contains(slip.temporary_password.expose()) && text.contains(&slip.login));
        }
    }

    #[test]
    fn latin_falls_back_to_the_standard_fonts_when_no_font_file_exists() {
        let dir = tempfile::tempdir().unwrap();
        let b = branding_with_fonts("/nonexistent/font.ttf", "/nonexistent/font-bold.ttf");
        let class = four_languages();
        let pdf = render_pdf(&b, &class[3..], ISSUED, &sg(), Language::English).unwrap();
        assert!(!pdf.windows(9).any(|w| w == b"/FontFile"));
        let text = pdf_text(&pdf, dir.path());
        assert!(text.contains("Chloe Lim") && text.contains("Go to the MIMS Portal sign-in page"), "{text}");
        // Malay's dotted letters have no WinAnsi code: named, not dropped or `?`.
        let text = pdf_text(&render_pdf(&b, &class[2..3], ISSUED, &sg(), Language::English).unwrap(), dir.path());
        assert!(text.contains("Nur [U+1E24][U+0101]fi[U+1E93]ah"), "{text}");
    }

    /// The time and size of a class's PDF (40 slips) and a year group's (2,000), names in the
    /// four languages; run with `--ignored --nocapture` (numbers in the README).
    #[test]
    #[ignore = "timing"]
    fn timing_of_a_class_and_a_year_group() {
        let names = [
            "TAN AH KOW",
            "\u{9648}\u{7f8e}\u{73b2}",
            "\u{0bae}\u{0bc1}\u{0ba4}\u{0bcd}\u{0ba4}\u{0bc1}\u{0bb2}\u{0b9f}\u{0bcd}\u{0b9a}\u{0bc1}\u{0bae}\u{0bbf}",
            "NUR AISYAH BINTE ABDUL",
        ];
        for count in [40, 2000] {
            let class: Vec<IssuedPassword> = (0..count)
                .map(|i| {
                    let name = format!("{} {i}", names[i % 4]);
                    issued(&format!("s{i}@students.edu.sg"), &name, "Maple-Otter-Cloud-47", Some(Level::P4_6))
                })
                .collect();
            let start = std::time::Instant::now();
            let pdf = render_pdf(&branding(), &class, ISSUED, &sg(), Language::English).unwrap();
            println!("{count} slips: {:.1} ms, {} bytes", start.elapsed().as_secs_f64() * 1000.0, pdf.len());
        }
    }

    #[test]
    fn a_slip_shows_the_expiry_in_the_schools_time_zone() {
        let slip =
            Slip::prepare(&issued("a@students.edu.sg", "A", "Maple-Otter-Cloud-47", None), &sg(), Language::English)
                .unwrap();
        assert_eq!(slip.expires, clean("Expires 3 Dec 2026, 4:30 pm"));
        // 16:30 UTC on 2 Dec is already 3 Dec in Singapore, and the slip says so.
        let mut late = issued("a@students.edu.sg", "A", "Maple-Otter-Cloud-47", None);
        late.expires = "2026-12-02T16:30:00Z".into();
        assert_eq!(
            Slip::prepare(&late, &sg(), Language::English).unwrap().expires,
            clean("Expires 3 Dec 2026, 12:30 am")
        );
        let london = Zone::parse("Europe/London").unwrap();
        assert_eq!(
            Slip::prepare(&late, &london, Language::English).unwrap().expires,
            clean("Expires 2 Dec 2026, 4:30 pm")
        );
    }
}
