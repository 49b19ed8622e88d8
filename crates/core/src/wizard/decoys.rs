//! What self-service reset shows for a login ID that has no account, so that the answer does
//! not tell whether it exists (SECURITY.md, "Self-service reset and account discovery").

use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;

use crate::config::Audience;
use crate::engine::Engine;
use crate::error::Error;
use crate::questions::{self, Question, QUESTIONS_PER_ACCOUNT};
use crate::store::QuestionCensus;
use crate::types::{AccountKind, Level};

/// `None` (answer `SSPR 5006`, as for an account without questions) for a stable keyed share of
/// such IDs equal to the share of real accounts without questions now. An ID's place in that
/// share comes from a MAC under the install secret, so it is the same on every search and every
/// kiosk, and unknown to anyone without the database.
///
/// Otherwise three questions, fixed at the ID's first search and kept (like a real account's,
/// which also go from `SSPR 5006` to questions, never back on their own), drawn as a real
/// person's choice is: the set of a random account that has questions — one that a person of
/// the ID's kind could have chosen from their level's list (`[questions]`), so a pupil's ID is
/// never shown a question only staff are offered.
///
/// `census` is the engine's (at most a minute old), which the search took for a known ID too.
pub(super) fn questions(
    e: &Engine,
    key: &str,
    kind: AccountKind,
    census: QuestionCensus,
) -> Result<Option<Vec<&'static Question>>, Error> {
    let secret = e.store().install_secret()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&secret).expect("HMAC takes any key length");
    mac.update(b"gatehouse sspr decoy\0");
    mac.update(key.as_bytes());
    let key_mac: [u8; 32] = mac.finalize().into_bytes().into();
    let ids = match e.store().sspr_decoy(&key_mac)? {
        Some(ids) => ids,
        None => match first_questions(e, &key_mac, kind, census)? {
            Some(ids) => ids,
            None => return Ok(None),
        },
    };
    let three = ids
        .iter()
        .map(|id| questions::by_id(id).ok_or_else(|| Error::Storage(format!("unknown question id {id:?} in a decoy"))))
        .collect::<Result<Vec<_>, _>>()?;
    if three.len() != QUESTIONS_PER_ACCOUNT {
        return Err(Error::Storage(format!("a decoy holds {} questions", three.len())));
    }
    Ok(Some(three))
}

/// Draws of a real account's set before falling back to three questions of one list.
const DRAWS: usize = 8;

/// True when someone of `kind` could have chosen all of `ids`: they are on one list of a level
/// of that kind.
fn plausible(e: &Engine, kind: AccountKind, ids: &[String]) -> bool {
    lists_of(e, kind).iter().any(|list| ids.iter().all(|id| list.contains(id)))
}

fn lists_of(e: &Engine, kind: AccountKind) -> Vec<&[String]> {
    let q = &e.config().questions;
    match kind {
        AccountKind::Student => [Level::P1_3, Level::P4_6, Level::Secondary, Level::JcMi]
            .map(|l| q.for_audience(Audience::Student(l)))
            .to_vec(),
        AccountKind::SchoolStaff | AccountKind::HqStaff => vec![q.for_audience(Audience::Staff)],
    }
}

/// The first search of an unknown ID: `SSPR 5006` for its share, else questions fixed now.
fn first_questions(
    e: &Engine,
    key_mac: &[u8; 32],
    kind: AccountKind,
    census: QuestionCensus,
) -> Result<Option<Vec<String>>, Error> {
    let without = census.accounts.saturating_sub(census.with_questions);
    // The ID's place in [0, 1) against the share of accounts without questions (all of them
    // when there are no accounts yet).
    let place = u128::from(u64::from_be_bytes(key_mac[..8].try_into().expect("8 bytes")));
    let share_without = if census.accounts == 0 {
        u128::from(u64::MAX) + 1
    } else {
        (u128::from(without) << 64) / u128::from(census.accounts)
    };
    if place < share_without || census.with_questions == 0 {
        return Ok(None);
    }
    // The account at or after a random id among those with questions: one index look-up
    // however large the school (an account is drawn in proportion to the gap of ids before it,
    // which has nothing to do with the questions its owner chose).
    let ids = census.first_with_questions..=census.last_with_questions.max(census.first_with_questions);
    let mut chosen = Vec::new();
    for _ in 0..DRAWS {
        let from = e.with_rng(|rng| rng.gen_range(ids.clone()));
        chosen = e.store().question_set_from(from)?;
        if chosen.len() != QUESTIONS_PER_ACCOUNT {
            // Every account's questions were cleared since the census: nothing is fixed yet.
            return Ok(None);
        }
        if plausible(e, kind, &chosen) {
            break;
        }
    }
    if !plausible(e, kind, &chosen) {
        // Few accounts of this kind have questions: three of the kind's first list, as a
        // person of it would choose.
        let lists = lists_of(e, kind);
        let list = lists[0];
        chosen = e
            .with_rng(|rng| rand::seq::index::sample(rng, list.len(), QUESTIONS_PER_ACCOUNT))
            .into_iter()
            .map(|i| list[i].clone())
            .collect();
    }
    Ok(Some(e.store().put_sspr_decoy(key_mac, &chosen, e.now())?))
}
