//! The slips' fonts (issue 16 §3: "PDF slips print any name"): text is shaped and printed with
//! subsets of font files embedded in the PDF, so a Tamil, Chinese or Malay name prints with its
//! real glyphs and `pdftotext` reads it back as the same text.
//!
//! - **Crates.** `rustybuzz` (HarfBuzz's shaper ported to Rust: Tamil's conjuncts and reordered
//!   vowel signs), `ttf-parser` (TrueType and CFF outlines, collections such as Noto Sans CJK's
//!   `.ttc`) and typst's `subsetter` (only the glyphs used are embedded; CFF becomes CID-keyed
//!   CFF), under the `pdf-writer` the slips already used. `krilla` bundles the same three but
//!   owns the whole page, which would have meant redrawing the slip in its API.
//! - **Finding fonts.** Each style (regular, bold) has a list of files, `[branding] slip_fonts`
//!   and `slip_bold_fonts`, or the built-in list ([`default_sources`]) when empty; missing files
//!   are skipped. Each character takes the first face that has it (staying in the current face
//!   while it can, so marks stay with their letter). The PDF standard font (Helvetica, WinAnsi)
//!   ends every list, so Latin still prints where no file exists.
//! - **No font.** A character no face has is printed as its code point (`[U+0BAE]`), never `?`
//!   or an empty box; the slip says which script and package are missing ([`missing_note`]).
//! - **The password** never comes here: it is printable ASCII, printed in the standard
//!   Courier-Bold (WinAnsi), so no shaping buffer, glyph run or font subset holds it; its only
//!   copies are the zeroized page buffers and the returned PDF. What does come here (names,
//!   captions, steps) is copied into `rustybuzz`'s buffers, the shaped-text cache below and
//!   `subsetter`'s output, none of which is wiped: they hold no secret.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Content, Filter, Finish, Name, Rect, Ref, Str, TextStr};

use super::{win_ansi_char, Font};
use crate::config::font_source;
use crate::error::Error;

/// The weight of a text (the monospace password and login ID stay in Courier, outside this).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Style {
    Regular,
    Bold,
}

impl Style {
    fn standard(self) -> Font {
        match self {
            Self::Regular => Font::Regular,
            Self::Bold => Font::Bold,
        }
    }
}

/// Built-in font files for a style, searched in order. Linux: Debian's `fonts-noto-core` (Noto
/// Sans, Noto Sans Tamil) and `fonts-noto-cjk` (Noto Sans CJK, face 2 of the collection is
/// Simplified Chinese). Windows (Arial, Nirmala UI, Microsoft YaHei) and macOS (Arial, Tamil
/// Sangam MN, PingFang) are listed for the same scripts but were not tried there.
pub(super) fn default_sources(style: Style) -> &'static [&'static str] {
    match style {
        Style::Regular => &[
            "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
            "/usr/share/fonts/truetype/noto/NotoSansTamil-Regular.ttf",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc#2",
            "C:\\Windows\\Fonts\\arial.ttf",
            "C:\\Windows\\Fonts\\Nirmala.ttf",
            "C:\\Windows\\Fonts\\msyh.ttc#0",
            "/System/Library/Fonts/Supplemental/Arial.ttf",
            "/System/Library/Fonts/Supplemental/Tamil Sangam MN.ttc#0",
            "/System/Library/Fonts/PingFang.ttc#0",
        ],
        Style::Bold => &[
            "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
            "/usr/share/fonts/truetype/noto/NotoSansTamil-Bold.ttf",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc#2",
            "C:\\Windows\\Fonts\\arialbd.ttf",
            "C:\\Windows\\Fonts\\NirmalaB.ttf",
            "C:\\Windows\\Fonts\\msyhbd.ttc#0",
            "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
        ],
    }
}

/// Where each style looks: the configured lists, or the built-in ones when a list is empty.
#[derive(Debug, Clone)]
pub(super) struct FontChoice {
    lists: [Vec<String>; 2],
}

impl FontChoice {
    pub(super) fn new(regular: &[String], bold: &[String]) -> Self {
        let pick = |configured: &[String], style| {
            if configured.is_empty() {
                default_sources(style).iter().map(|s| (*s).to_owned()).collect()
            } else {
                configured.to_vec()
            }
        };
        Self { lists: [pick(regular, Style::Regular), pick(bold, Style::Bold)] }
    }

    /// The bold list, then the regular one: a bold letter no bold face has prints regular.
    fn chain(&self, style: Style) -> impl Iterator<Item = &String> {
        let own = &self.lists[style as usize];
        let rest = if style == Style::Bold { &self.lists[0][..] } else { &[][..] };
        own.iter().chain(rest)
    }
}

/// One face read from a file.
struct FaceFile {
    path: PathBuf,
    index: u32,
    data: Vec<u8>,
}

/// The font files one render needs, read once: for each style, only the faces that have a
/// character of the given texts no earlier face has.
pub(super) struct FontFiles {
    files: Vec<FaceFile>,
    chains: [Vec<usize>; 2],
}

impl FontFiles {
    pub(super) fn load<'t>(choice: &FontChoice, texts: impl IntoIterator<Item = (Style, &'t str)>) -> Self {
        let mut needed: [BTreeSet<char>; 2] = Default::default();
        // What every slip prints in each style (the steps, captions, ellipsis, digits).
        for set in &mut needed {
            set.extend((0x21u8..0x7f).map(char::from).chain("\u{2026}\u{2013}\u{2014}\u{2018}\u{2019}".chars()));
        }
        for (style, text) in texts {
            needed[style as usize].extend(text.chars().filter(|c| !c.is_whitespace()));
        }
        let mut files: Vec<FaceFile> = Vec::new();
        let mut chains: [Vec<usize>; 2] = Default::default();
        for style in [Style::Regular, Style::Bold] {
            let mut remaining = std::mem::take(&mut needed[style as usize]);
            for entry in choice.chain(style) {
                if remaining.is_empty() {
                    break;
                }
                let (path, index) = font_source(entry);
                let known = files.iter().position(|f| f.path == path && f.index == index);
                let at = match known {
                    Some(at) => at,
                    None => match std::fs::read(&path) {
                        Ok(data) => {
                            files.push(FaceFile { path, index, data });
                            files.len() - 1
                        }
                        Err(_) => continue,
                    },
                };
                let Ok(face) = ttf_parser::Face::parse(&files[at].data, index) else {
                    tracing::warn!(font = %files[at].path.display(), index, "a slip font that cannot be read is skipped");
                    continue;
                };
                let before = remaining.len();
                remaining.retain(|&c| face.glyph_index(c).is_none());
                if remaining.len() < before && !chains[style as usize].contains(&at) {
                    chains[style as usize].push(at);
                }
            }
        }
        // Files read but used by no chain are let go now.
        for (i, file) in files.iter_mut().enumerate() {
            if !chains.iter().any(|c| c.contains(&i)) {
                file.data = Vec::new();
            }
        }
        Self { files, chains }
    }
}

/// A glyph as shaped, in thousandths of the font size.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    id: u16,
    cluster: u32,
    advance: f32,
    dx: f32,
    dy: f32,
    /// The bytes of the run's text this glyph stands for, when it is alone in its cluster (what
    /// the ToUnicode map says it is).
    chars: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FaceRef {
    Standard(Font),
    Embedded(usize),
}

/// A stretch of text in one face.
#[derive(Debug)]
struct Run {
    face: FaceRef,
    text: String,
    /// WinAnsi bytes (standard face) or nothing.
    bytes: Vec<u8>,
    glyphs: Vec<Glyph>,
    /// Glyphs that are not one per cluster in order (Tamil's reordered vowel signs, right to
    /// left): printed inside an `/ActualText` span so that text extraction reads `text`.
    complex: bool,
}

/// A line of text, shaped; widths in thousandths of the font size.
#[derive(Debug)]
pub(super) struct Shaped {
    runs: Vec<Run>,
    width: f32,
    /// Characters no face has (printed as `[U+XXXX]`).
    pub(super) missing: Vec<char>,
}

/// What the PDF needs of an embedded face once the pages are drawn.
struct Embedded {
    remapper: subsetter::GlyphRemapper,
    /// Advance widths of the subset's glyphs (new glyph id → thousandths of an em).
    widths: Vec<f32>,
    to_unicode: HashMap<u16, String>,
    resource: Vec<u8>,
    used: bool,
}

/// Shapes and draws text with the faces of [`FontFiles`]; remembers every line it shaped (the
/// steps and captions repeat on every slip) and every glyph it drew (for the subsets).
pub(super) struct Shaper<'a> {
    files: &'a FontFiles,
    faces: Vec<Option<rustybuzz::Face<'a>>>,
    embedded: Vec<Embedded>,
    cache: HashMap<(Style, String), Rc<Shaped>>,
}

impl<'a> Shaper<'a> {
    pub(super) fn new(files: &'a FontFiles) -> Self {
        let used: Vec<bool> = (0..files.files.len()).map(|i| files.chains.iter().any(|c| c.contains(&i))).collect();
        let faces = files
            .files
            .iter()
            .zip(&used)
            .map(|(f, &used)| if used { rustybuzz::Face::from_slice(&f.data, f.index) } else { None })
            .collect();
        let embedded = (0..files.files.len())
            .map(|i| Embedded {
                remapper: subsetter::GlyphRemapper::new(),
                widths: vec![0.0],
                to_unicode: HashMap::new(),
                resource: format!("E{i}").into_bytes(),
                used: false,
            })
            .collect();
        Self { files, faces, embedded, cache: HashMap::new() }
    }

    /// Whether `face` has a glyph for `c`.
    fn covers(&self, face: FaceRef, c: char) -> bool {
        match face {
            FaceRef::Standard(_) => win_ansi_char(c).is_some(),
            FaceRef::Embedded(i) => self.faces[i].as_ref().is_some_and(|f| f.glyph_index(c).is_some()),
        }
    }

    /// The first face of `style`'s list that has `c`, the standard font last.
    fn first_face(&self, style: Style, c: char) -> Option<FaceRef> {
        self.files.chains[style as usize]
            .iter()
            .map(|&i| FaceRef::Embedded(i))
            .chain([FaceRef::Standard(style.standard())])
            .find(|&f| self.covers(f, c))
    }

    /// `text` shaped in `style` (remembered).
    pub(super) fn shape(&mut self, style: Style, text: &str) -> Rc<Shaped> {
        if let Some(s) = self.cache.get(&(style, text.to_owned())) {
            return Rc::clone(s);
        }
        let shaped = Rc::new(self.shape_uncached(style, text));
        self.cache.insert((style, text.to_owned()), Rc::clone(&shaped));
        shaped
    }

    fn shape_uncached(&self, style: Style, text: &str) -> Shaped {
        // Characters without a face become their code point, in the first face.
        let mut missing = Vec::new();
        let mut shown = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_whitespace() || self.first_face(style, c).is_some() {
                shown.push(c);
            } else {
                missing.push(c);
                shown.push_str(&format!("[U+{:04X}]", u32::from(c)));
            }
        }
        // Runs: a character stays in the current face while it has it.
        let mut pieces: Vec<(FaceRef, String)> = Vec::new();
        for c in shown.chars() {
            match pieces.last_mut() {
                Some((face, s)) if c.is_whitespace() || self.covers(*face, c) => s.push(c),
                _ => {
                    let face = self.first_face(style, c).unwrap_or(FaceRef::Standard(style.standard()));
                    pieces.push((face, c.to_string()));
                }
            }
        }
        let runs: Vec<Run> = pieces.into_iter().map(|(face, text)| self.shape_run(face, text)).collect();
        let width = runs.iter().map(Run::width).sum();
        Shaped { runs, width, missing }
    }

    fn shape_run(&self, face: FaceRef, text: String) -> Run {
        let FaceRef::Embedded(i) = face else {
            let bytes: Vec<u8> = text.chars().map(|c| win_ansi_char(c).unwrap_or(b' ')).collect();
            return Run { face, text, bytes, glyphs: Vec::new(), complex: false };
        };
        let Some(font) = self.faces[i].as_ref() else {
            return Run { face, text, bytes: Vec::new(), glyphs: Vec::new(), complex: false };
        };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(&text);
        buffer.guess_segment_properties();
        let rtl = buffer.direction() == rustybuzz::Direction::RightToLeft;
        let out = rustybuzz::shape(font, &[], buffer);
        let scale = 1000.0 / font.units_per_em() as f32;
        let mut glyphs: Vec<Glyph> = out
            .glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                cluster: info.cluster,
                advance: pos.x_advance as f32 * scale,
                dx: pos.x_offset as f32 * scale,
                dy: pos.y_offset as f32 * scale,
                chars: None,
            })
            .collect();
        let mut starts: Vec<u32> = glyphs.iter().map(|g| g.cluster).collect();
        starts.sort_unstable();
        for g in &mut glyphs {
            let from = starts.partition_point(|&s| s < g.cluster);
            let to = starts.partition_point(|&s| s <= g.cluster);
            if to - from == 1 {
                let end = starts.get(to).map_or(text.len(), |&e| e as usize);
                g.chars = Some((g.cluster as usize, end));
            }
        }
        let one_per_cluster = glyphs.windows(2).all(|w| w[0].cluster < w[1].cluster);
        Run { face, text, bytes: Vec::new(), glyphs, complex: rtl || !one_per_cluster }
    }

    /// Width of `text` in `style` at `size` points.
    pub(super) fn width(&mut self, style: Style, text: &str, size: f32) -> f32 {
        self.shape(style, text).width * size / 1000.0
    }

    /// Where `text` may be cut inside a word: the byte offsets that end each cluster, with the
    /// width up to there (thousandths of the font size).
    pub(super) fn cluster_ends(&mut self, style: Style, text: &str) -> Vec<(usize, f32)> {
        let shaped = self.shape(style, text);
        // The shaped text differs from `text` only where a character had no face; cut between
        // characters then.
        if !shaped.missing.is_empty() {
            let mut w = 0.0;
            return text
                .char_indices()
                .map(|(i, c)| {
                    w += self.width(style, &c.to_string(), 1000.0);
                    (i + c.len_utf8(), w)
                })
                .collect();
        }
        let mut ends = Vec::new();
        let mut offset = 0;
        let mut w = 0.0;
        for run in &shaped.runs {
            let mut starts: Vec<usize> = if run.glyphs.is_empty() {
                run.text.char_indices().map(|(i, _)| i).collect()
            } else {
                run.glyphs.iter().map(|g| g.cluster as usize).collect()
            };
            starts.sort_unstable();
            starts.dedup();
            for (k, &start) in starts.iter().enumerate() {
                let end = starts.get(k + 1).copied().unwrap_or(run.text.len());
                w += run.width_of(start..end);
                ends.push((offset + end, w));
            }
            offset += run.text.len();
        }
        ends
    }

    /// Draws `text` with its baseline starting at (`x`, `y`).
    pub(super) fn draw(&mut self, c: &mut Content, style: Style, size: f32, x: f32, y: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        let shaped = self.shape(style, text);
        let mut pen = x;
        c.begin_text();
        for run in &shaped.runs {
            match run.face {
                FaceRef::Standard(font) => {
                    c.set_font(font.resource(), size);
                    c.set_text_matrix([1.0, 0.0, 0.0, 1.0, pen, y]);
                    c.show(Str(&run.bytes));
                }
                FaceRef::Embedded(i) => self.draw_glyphs(c, i, run, size, pen, y),
            }
            pen += run.width() * size / 1000.0;
        }
        c.end_text();
    }

    fn draw_glyphs(&mut self, c: &mut Content, face: usize, run: &Run, size: f32, x: f32, y: f32) {
        let Some(font) = self.faces[face].as_ref() else { return };
        let scale = 1000.0 / font.units_per_em() as f32;
        let state = &mut self.embedded[face];
        state.used = true;
        let mut complex = run.complex;
        let mut codes: Vec<(u16, &Glyph)> = Vec::with_capacity(run.glyphs.len());
        for g in &run.glyphs {
            let new = state.remapper.remap(g.id);
            if usize::from(new) >= state.widths.len() {
                let advance = font.glyph_hor_advance(ttf_parser::GlyphId(g.id)).unwrap_or(0);
                state.widths.push(f32::from(advance) * scale);
            }
            if let Some((from, to)) = g.chars {
                let chars = run.text.get(from..to).unwrap_or("");
                let known = state.to_unicode.entry(new).or_insert_with(|| chars.to_owned());
                complex |= known.as_str() != chars;
            }
            codes.push((new, g));
        }
        c.set_font(Name(&state.resource), size);
        if complex {
            c.begin_marked_content_with_properties(Name(b"Span")).properties().actual_text(TextStr(&run.text));
        }
        // Glyphs go in TJ arrays with kerning as adjustments; a glyph moved off its place (a
        // mark) gets its own text matrix.
        let widths = &state.widths;
        let mut pen = 0.0_f32;
        let mut i = 0;
        while i < codes.len() {
            let (_, g) = codes[i];
            c.set_text_matrix([1.0, 0.0, 0.0, 1.0, x + (pen + g.dx) * size / 1000.0, y + g.dy * size / 1000.0]);
            if g.dx != 0.0 || g.dy != 0.0 {
                let (code, g) = codes[i];
                c.show(Str(&code.to_be_bytes()));
                pen += g.advance;
                i += 1;
                continue;
            }
            let mut shown = c.show_positioned();
            let mut items = shown.items();
            let mut bytes: Vec<u8> = Vec::new();
            let mut at = pen;
            while i < codes.len() {
                let (code, g) = codes[i];
                if g.dx != 0.0 || g.dy != 0.0 {
                    break;
                }
                let gap = pen - at;
                if gap.abs() > 0.01 {
                    items.show(Str(&bytes));
                    bytes.clear();
                    items.adjust(-gap);
                }
                bytes.extend_from_slice(&code.to_be_bytes());
                at = pen + widths[usize::from(code)];
                pen += g.advance;
                i += 1;
            }
            if !bytes.is_empty() {
                items.show(Str(&bytes));
            }
        }
        if complex {
            c.end_marked_content();
        }
    }

    /// The embedded faces the pages drew with: resource name and font object, in the order the
    /// objects are written by [`Shaper::write_fonts`] from `first`.
    pub(super) fn resources(&self, first: i32) -> Vec<(&[u8], Ref)> {
        self.embedded
            .iter()
            .filter(|e| e.used)
            .enumerate()
            .map(|(k, e)| (&e.resource[..], Ref::new(first + 5 * k as i32)))
            .collect()
    }

    /// Writes each embedded face used (Type0 font, CID font, descriptor, subset, ToUnicode map)
    /// from object `first` on; returns the next free object number.
    pub(super) fn write_fonts(&self, pdf: &mut Chunk, first: i32) -> Result<i32, Error> {
        let mut next = first;
        for (i, state) in self.embedded.iter().enumerate().filter(|(_, e)| e.used) {
            let (Some(font), file) = (self.faces[i].as_ref(), &self.files.files[i]) else { continue };
            let [type0, cid, descriptor, data_id, cmap_id] = [0, 1, 2, 3, 4].map(|k| Ref::new(next + k));
            next += 5;
            let subset = subsetter::subset(&file.data, file.index, &state.remapper)
                .map_err(|e| Error::Internal(format!("subsetting the slip font {}: {e}", file.path.display())))?;
            let cff_tag = ttf_parser::Tag::from_bytes(b"CFF ");
            let cff = ttf_parser::RawFace::parse(&subset, 0).ok().and_then(|f| f.table(cff_tag)).map(<[u8]>::to_vec);
            let data = deflate(cff.as_deref().unwrap_or(&subset));
            let name = format!("{}+{}", subset_tag(&state.remapper), postscript_name(font));
            let system = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

            pdf.type0_font(type0)
                .base_font(Name(name.as_bytes()))
                .encoding_predefined(Name(b"Identity-H"))
                .descendant_font(cid)
                .to_unicode(cmap_id);
            let mut cid_font = pdf.cid_font(cid);
            cid_font
                .subtype(if cff.is_some() { CidFontType::Type0 } else { CidFontType::Type2 })
                .base_font(Name(name.as_bytes()))
                .system_info(system)
                .font_descriptor(descriptor)
                .default_width(0.0);
            if cff.is_none() {
                cid_font.cid_to_gid_map_predefined(Name(b"Identity"));
            }
            cid_font.widths().consecutive(0, state.widths.iter().copied());
            cid_font.finish();

            let scale = 1000.0 / font.units_per_em() as f32;
            let bbox = font.global_bounding_box();
            let ascent = f32::from(font.ascender()) * scale;
            let mut desc = pdf.font_descriptor(descriptor);
            desc.name(Name(name.as_bytes()))
                .flags(FontFlags::SYMBOLIC)
                .bbox(Rect::new(
                    f32::from(bbox.x_min) * scale,
                    f32::from(bbox.y_min) * scale,
                    f32::from(bbox.x_max) * scale,
                    f32::from(bbox.y_max) * scale,
                ))
                .italic_angle(0.0)
                .ascent(ascent)
                .descent(f32::from(font.descender()) * scale)
                .cap_height(font.capital_height().map_or(ascent, |h| f32::from(h) * scale))
                .stem_v(80.0);
            if cff.is_some() {
                desc.font_file3(data_id);
            } else {
                desc.font_file2(data_id);
            }
            desc.finish();
            let mut stream = pdf.stream(data_id, &data);
            stream.filter(Filter::FlateDecode);
            if cff.is_some() {
                stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
            }
            stream.finish();

            let mut cmap = UnicodeCmap::new(Name(b"Custom"), system);
            let mut pairs: Vec<(&u16, &String)> = state.to_unicode.iter().filter(|(_, t)| !t.is_empty()).collect();
            pairs.sort();
            for (&gid, text) in pairs {
                cmap.pair_with_multiple(gid, text.chars());
            }
            pdf.cmap(cmap_id, &cmap.finish());
        }
        Ok(next)
    }
}

impl Run {
    fn width(&self) -> f32 {
        match self.face {
            FaceRef::Standard(font) => font.width(&self.bytes, 1000.0),
            FaceRef::Embedded(_) => self.glyphs.iter().map(|g| g.advance).sum(),
        }
    }

    /// Width of the glyphs of the clusters starting in `range` (byte offsets in the run).
    fn width_of(&self, range: std::ops::Range<usize>) -> f32 {
        match self.face {
            FaceRef::Standard(font) => {
                // One WinAnsi byte per character.
                let from = self.text.get(..range.start).map_or(0, |t| t.chars().count());
                let count = self.text.get(range).map_or(0, |t| t.chars().count());
                let to = (from + count).min(self.bytes.len());
                font.width(&self.bytes[from.min(to)..to], 1000.0)
            }
            FaceRef::Embedded(_) => {
                self.glyphs.iter().filter(|g| range.contains(&(g.cluster as usize))).map(|g| g.advance).sum()
            }
        }
    }
}

/// zlib (FlateDecode) of a font stream (fonts hold no secret).
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::with_capacity(data.len() / 2), flate2::Compression::new(6));
    // Writing into a Vec cannot fail.
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}

/// Six capitals naming the subset (PDF 32000-1 §9.6.4), from its glyphs.
fn subset_tag(remapper: &subsetter::GlyphRemapper) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for g in remapper.remapped_gids() {
        h = (h ^ u64::from(g)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6).map(|k| char::from(b'A' + ((h >> (k * 8)) % 26) as u8)).collect()
}

fn postscript_name(face: &ttf_parser::Face) -> String {
    let name = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .unwrap_or_default();
    let clean: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(60).collect();
    if clean.is_empty() {
        "Font".to_owned()
    } else {
        clean
    }
}

/// The script of a character no face has, and the Debian package that covers it.
fn script_of(c: char) -> (&'static str, Option<&'static str>) {
    match u32::from(c) {
        0x0b80..=0x0bff => ("Tamil", Some("fonts-noto-core")),
        0x2e80..=0x2fdf | 0x3000..=0x9fff | 0xf900..=0xfaff | 0xff00..=0xffef | 0x20000..=0x3134f => {
            ("Chinese", Some("fonts-noto-cjk"))
        }
        0..=0x024f | 0x1e00..=0x1eff => ("Latin", Some("fonts-noto-core")),
        0x0600..=0x06ff => ("Arabic", None),
        0x1f000..=0x1faff | 0x2600..=0x27bf => ("emoji", None),
        _ => ("other", None),
    }
}

/// The line a slip prints under a name with characters no font has: which scripts, and what
/// to install.
pub(super) fn missing_note(missing: &[char]) -> String {
    let mut scripts: Vec<String> = Vec::new();
    for &c in missing {
        let s = match script_of(c) {
            (script, Some(package)) => format!("{script} (install {package})"),
            (script, None) => script.to_owned(),
        };
        if !scripts.contains(&s) {
            scripts.push(s);
        }
    }
    format!("[U+\u{2026}]: no font here for {}", scripts.join(", "))
}
