//! Time and randomness are injected so every transition can be tested exactly.

use std::sync::atomic::{AtomicI64, Ordering};

use rand::{CryptoRng, RngCore};
use time::OffsetDateTime;

/// Seconds since the Unix epoch, UTC.
pub type Timestamp = i64;

pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// The wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        OffsetDateTime::now_utc().unix_timestamp()
    }
}

/// A clock that moves only when told to (tests, benchmarks, demos of expiry).
#[derive(Debug)]
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn new(start: Timestamp) -> Self {
        Self(AtomicI64::new(start))
    }

    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }

    pub fn set(&self, t: Timestamp) {
        self.0.store(t, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        self.0.load(Ordering::SeqCst)
    }
}

/// A cryptographically secure random source. Production uses the OS CSPRNG; tests a seeded
/// ChaCha20 so generated passwords and question choices are repeatable.
pub trait SecureRng: RngCore + CryptoRng + Send {}
impl<T: RngCore + CryptoRng + Send> SecureRng for T {}

/// RFC 3339 text of a timestamp in UTC (`…Z`): file names and the store's own records; what a
/// person or an export reads goes through [`Zone`].
pub fn rfc3339(t: Timestamp) -> String {
    OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| d.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| t.to_string())
}

/// The language whose formats [`local_text`] uses when nobody has chosen one: English as written
/// in Singapore (`1 Dec 2026, 7:47 pm`).
pub const DEFAULT_LANGUAGE: &str = "en-SG";

/// The school's time zone (`[locale] timezone`, an IANA name such as `Asia/Singapore`): every
/// time a person reads is in it, and exports carry its offset.
#[derive(Debug, Clone)]
pub struct Zone {
    name: String,
    tz: jiff::tz::TimeZone,
}

impl Zone {
    /// The zone named `name` (IANA, e.g. `Asia/Singapore`, `Europe/London`, `UTC`), from the
    /// time-zone database compiled into Gatehouse; the error says what is wrong with the name.
    pub fn parse(name: &str) -> Result<Self, String> {
        let trimmed = name.trim();
        if trimmed.is_empty() {
            return Err("the time zone is empty; name one such as Asia/Singapore".into());
        }
        jiff::tz::TimeZone::get(trimmed).map(|tz| Self { name: trimmed.to_owned(), tz }).map_err(|_| {
            format!("{name:?} is not a time zone of the IANA database (e.g. Asia/Singapore, Europe/London, UTC)")
        })
    }

    pub fn utc() -> Self {
        Self { name: "UTC".into(), tz: jiff::tz::TimeZone::UTC }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// ISO 8601 with this zone's offset at that instant, `2026-12-01T19:47:30+08:00`: what
    /// exports, JSON output and the wire carry.
    pub fn iso(&self, t: Timestamp) -> String {
        match jiff::Timestamp::from_second(t) {
            Ok(ts) => ts.to_zoned_datetime(self.tz.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            Err(_) => rfc3339(t),
        }
    }

    /// The first second of `date` in this zone: its midnight (or, where a change of offset
    /// skips midnight, the first time that day has).
    pub fn start_of(&self, date: time::Date) -> Timestamp {
        let day = jiff::civil::date(date.year() as i16, u8::from(date.month()) as i8, date.day() as i8);
        match day.to_zoned_datetime(self.tz.clone()) {
            Ok(zoned) => zoned.timestamp().as_second(),
            Err(_) => date.midnight().assume_utc().unix_timestamp(),
        }
    }

    /// The time as a person reads it in language `lang`: `1 Dec 2026, 7:47 pm` in this zone.
    pub fn text(&self, t: Timestamp, lang: &str) -> String {
        match jiff::Timestamp::from_second(t) {
            Ok(ts) => {
                let d = ts.to_zoned_datetime(self.tz.clone()).datetime();
                local_text(Civil::new(d.year(), d.month(), d.day(), d.hour(), d.minute()), lang)
            }
            Err(_) => rfc3339(t),
        }
    }
}

/// A wall-clock date and time (in some zone already chosen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    year: i16,
    month: i8,
    day: i8,
    hour: i8,
    minute: i8,
}

impl Civil {
    fn new(year: i16, month: i8, day: i8, hour: i8, minute: i8) -> Self {
        Self { year, month, day, hour, minute }
    }
}

/// The one place a time becomes text for a person (mails, slips, the command line's own
/// output; the window formats the same way from the ISO time the wire carries, `ui/src/time.ts`).
/// `lang` is a BCP 47 tag; each language writes the date as Singapore's usage does (CLDR's
/// medium date with a 12-hour clock): `1 Dec 2026, 7:47 pm`, `2026年12月1日 下午7:47`,
/// `1 Dis 2026, 7:47 PTG`, `1 டிச., 2026, பிற்பகல் 7:47`. An unknown tag is English.
pub fn local_text(c: Civil, lang: &str) -> String {
    use crate::text::Language;
    let m = usize::try_from(c.month - 1).unwrap_or(0).min(11);
    let pm = c.hour >= 12;
    let hour = match c.hour % 12 {
        0 => 12,
        h => h,
    };
    let (day, year, minute) = (c.day, c.year, c.minute);
    match Language::parse(lang).unwrap_or_default() {
        Language::English => {
            const MONTHS: [&str; 12] =
                ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
            format!("{day} {} {year}, {hour}:{minute:02} {}", MONTHS[m], if pm { "pm" } else { "am" })
        }
        Language::Chinese => {
            format!("{year}年{}月{day}日 {}{hour}:{minute:02}", m + 1, if pm { "下午" } else { "上午" })
        }
        Language::Malay => {
            const MONTHS: [&str; 12] =
                ["Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ogo", "Sep", "Okt", "Nov", "Dis"];
            format!("{day} {} {year}, {hour}:{minute:02} {}", MONTHS[m], if pm { "PTG" } else { "PG" })
        }
        Language::Tamil => {
            const MONTHS: [&str; 12] =
                ["ஜன.", "பிப்.", "மார்.", "ஏப்.", "மே", "ஜூன்", "ஜூலை", "ஆக.", "செப்.", "அக்.", "நவ.", "டிச."];
            format!("{day} {}, {year}, {} {hour}:{minute:02}", MONTHS[m], if pm { "பிற்பகல்" } else { "முற்பகல்" })
        }
    }
}

/// An ISO 8601 time with its offset (as [`Zone::iso`] writes it) as a person reads it, in the
/// wall-clock time of that offset; the text itself when it is not such a time.
pub fn iso_text(iso: &str, lang: &str) -> String {
    match OffsetDateTime::parse(iso.trim(), &time::format_description::well_known::Rfc3339) {
        Ok(d) => {
            let civil = Civil::new(
                i16::try_from(d.year()).unwrap_or(i16::MAX),
                u8::from(d.month()) as i8,
                d.day() as i8,
                d.hour() as i8,
                d.minute() as i8,
            );
            local_text(civil, lang)
        }
        Err(_) => iso.to_owned(),
    }
}

/// Parses RFC 3339 or a plain date (`2024-01-31`, meaning midnight UTC).
pub fn parse_time(s: &str) -> Option<Timestamp> {
    use time::format_description::well_known::Rfc3339;
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t.unix_timestamp());
    }
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &fmt).ok().map(|d| d.midnight().assume_utc().unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(iso: &str) -> Timestamp {
        parse_time(iso).unwrap()
    }

    #[test]
    fn a_utc_instant_after_four_pm_is_shown_on_the_next_day_in_singapore() {
        let sg = Zone::parse("Asia/Singapore").unwrap();
        let t = at("2026-12-01T16:15:30Z");
        assert_eq!(sg.text(t, DEFAULT_LANGUAGE), "2 Dec 2026, 12:15 am");
        assert_eq!(sg.iso(t), "2026-12-02T00:15:30+08:00");
        assert_eq!(sg.text(at("2026-12-01T11:47:30Z"), DEFAULT_LANGUAGE), "1 Dec 2026, 7:47 pm");
        assert_eq!(sg.text(at("2026-12-01T11:47:30Z"), "zh-Hans"), "2026年12月1日 下午7:47");
        assert_eq!(sg.text(at("2026-12-01T11:47:30Z"), "ms"), "1 Dis 2026, 7:47 PTG");
        assert_eq!(sg.text(at("2026-12-01T01:05:00Z"), "ta"), "1 டிச., 2026, முற்பகல் 9:05");
        assert_eq!(sg.text(at("2026-12-01T04:05:00Z"), "ms"), "1 Dis 2026, 12:05 PTG");
        assert_eq!(sg.text(at("2026-12-01T04:05:00Z"), "en-SG"), "1 Dec 2026, 12:05 pm");
    }

    #[test]
    fn a_configured_european_zone_follows_its_summer_time_change() {
        let london = Zone::parse("Europe/London").unwrap();
        // British Summer Time ends at 01:00 UTC on 25 Oct 2026.
        let before = at("2026-10-25T00:30:00Z");
        let after = at("2026-10-25T01:30:00Z");
        assert_eq!(london.iso(before), "2026-10-25T01:30:00+01:00");
        assert_eq!(london.iso(after), "2026-10-25T01:30:00+00:00");
        assert_eq!(london.text(before, DEFAULT_LANGUAGE), "25 Oct 2026, 1:30 am");
        assert_eq!(london.text(after, DEFAULT_LANGUAGE), "25 Oct 2026, 1:30 am");
        assert_eq!(london.text(at("2026-07-01T12:00:00Z"), DEFAULT_LANGUAGE), "1 Jul 2026, 1:00 pm");
    }

    #[test]
    fn an_iso_time_with_its_offset_reads_as_the_wall_clock_of_that_offset_and_names_the_same_instant() {
        let sg = Zone::parse("Asia/Singapore").unwrap();
        let t = at("2026-12-01T11:47:30Z");
        let iso = sg.iso(t);
        assert_eq!(iso, "2026-12-01T19:47:30+08:00");
        assert_eq!(parse_time(&iso), Some(t), "an export's time parses back to the instant");
        assert_eq!(iso_text(&iso, DEFAULT_LANGUAGE), sg.text(t, DEFAULT_LANGUAGE));
        assert_eq!(iso_text("not a time", DEFAULT_LANGUAGE), "not a time");
    }

    #[test]
    fn an_unknown_time_zone_name_is_refused_with_what_to_write_instead() {
        for bad in ["", "  ", "Asia/Singapour", "Mars/Olympus_Mons"] {
            let e = Zone::parse(bad).unwrap_err();
            assert!(e.contains("Asia/Singapore"), "{bad:?}: {e}");
        }
        assert_eq!(Zone::parse("UTC").unwrap().iso(0), "1970-01-01T00:00:00+00:00");
    }
}
