//! Challenge questions: the catalogue (the guides' six and more), answer normalisation, and answer
//! hygiene (DESIGN §3). Answers only ever *reset* a password; they never sign anyone in.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::error::Error;
use crate::text::Text;

/// Exactly this many questions are set per account (student guide step 4).
pub const QUESTIONS_PER_ACCOUNT: usize = 3;
/// Answers longer than this are refused (they are meant to be short and memorable).
pub const MAX_ANSWER_CHARS: usize = 100;

/// A question: its stored id, its English, and the message that says it in each language. On
/// the wire `{"id", "text", "text_id": {"id": "question-…"}}`, as help's sentences are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub id: &'static str,
    pub text: &'static str,
    pub message: &'static str,
}

impl Question {
    /// The question in a person's language.
    pub fn said(&self) -> Text {
        Text::new(self.message)
    }
}

impl Serialize for Question {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = ser.serialize_map(Some(3))?;
        map.serialize_entry("id", self.id)?;
        map.serialize_entry("text", self.text)?;
        map.serialize_entry("text_id", &self.said())?;
        map.end()
    }
}

/// The catalogue. The first six are the guides' questions; ids are stable (stored with answers).
pub const CATALOGUE: &[Question] = &[
    Question { id: "favourite_colour", text: "What is your favourite colour?", message: "question-favourite_colour" },
    Question { id: "favourite_animal", text: "What is your favourite animal?", message: "question-favourite_animal" },
    Question { id: "favourite_book", text: "What is your favourite book?", message: "question-favourite_book" },
    Question {
        id: "favourite_sport",
        text: "What is your favourite sport or hobby?",
        message: "question-favourite_sport",
    },
    Question { id: "favourite_city", text: "What is your favourite city?", message: "question-favourite_city" },
    Question {
        id: "mothers_maiden_name",
        text: "What is your mother's maiden name?",
        message: "question-mothers_maiden_name",
    },
    Question { id: "favourite_food", text: "What is your favourite food?", message: "question-favourite_food" },
    Question {
        id: "favourite_subject",
        text: "What is your favourite school subject?",
        message: "question-favourite_subject",
    },
    Question { id: "favourite_movie", text: "What is your favourite movie?", message: "question-favourite_movie" },
    Question { id: "first_pet", text: "What was the name of your first pet?", message: "question-first_pet" },
    Question {
        id: "childhood_friend",
        text: "What is the first name of your childhood best friend?",
        message: "question-childhood_friend",
    },
    Question { id: "favourite_fruit", text: "What is your favourite fruit?", message: "question-favourite_fruit" },
    Question { id: "dream_job", text: "What job did you dream of as a child?", message: "question-dream_job" },
    Question { id: "favourite_song", text: "What is your favourite song?", message: "question-favourite_song" },
];

pub fn by_id(id: &str) -> Option<&'static Question> {
    CATALOGUE.iter().find(|q| q.id == id)
}

/// Finds a question by its id or its exact text (the UI may send either).
pub fn lookup(id_or_text: &str) -> Option<&'static Question> {
    let s = id_or_text.trim();
    by_id(s).or_else(|| CATALOGUE.iter().find(|q| q.text == s))
}

/// Normalises an answer for hashing and comparison: Unicode NFKC, case-folded, trimmed, inner
/// whitespace collapsed to one space. "  The  Good EARTH " and "the good earth" are one answer.
pub fn normalise(answer: &str) -> Zeroizing<String> {
    let nfkc: Zeroizing<String> = Zeroizing::new(answer.nfkc().collect());
    let lower: Zeroizing<String> = Zeroizing::new(nfkc.to_lowercase());
    let mut out = Zeroizing::new(String::with_capacity(lower.len()));
    for word in lower.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Answers paired with their questions, checked for hygiene. Returns the normalised answers in
/// the given order, ready to hash.
pub fn check_set(
    pairs: &[(&'static Question, &str)],
    min_answer_length: usize,
) -> Result<Vec<Zeroizing<String>>, Error> {
    if pairs.len() != QUESTIONS_PER_ACCOUNT {
        return Err(Error::invalid(
            "questions",
            Text::new("questions-choose-exactly").num("count", QUESTIONS_PER_ACCOUNT),
        ));
    }
    for (i, (q, _)) in pairs.iter().enumerate() {
        if pairs[..i].iter().any(|(p, _)| p.id == q.id) {
            return Err(Error::invalid(
                "questions",
                Text::new("questions-choose-different").num("count", QUESTIONS_PER_ACCOUNT),
            ));
        }
    }
    let mut normalised: Vec<Zeroizing<String>> = Vec::with_capacity(pairs.len());
    for (q, answer) in pairs {
        if answer.chars().any(char::is_control) {
            return Err(Error::invalid("answers", Text::new("answers-printable-only")));
        }
        let n = normalise(answer);
        if n.chars().count() < min_answer_length {
            return Err(Error::invalid("answers", Text::new("answer-too-short").num("count", min_answer_length)));
        }
        if n.chars().count() > MAX_ANSWER_CHARS {
            return Err(Error::invalid("answers", Text::new("answer-too-long").num("count", MAX_ANSWER_CHARS)));
        }
        let question = normalise(q.text);
        let question_core = question.trim_end_matches('?');
        if n.contains(question_core) || question_core == n.as_str() {
            return Err(Error::invalid("answers", Text::new("answer-repeats-question")));
        }
        if normalised.iter().any(|prev| prev.as_str() == n.as_str()) {
            return Err(Error::invalid("answers", Text::new("answers-must-differ")));
        }
        normalised.push(n);
    }
    Ok(normalised)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(id: &str) -> &'static Question {
        by_id(id).unwrap()
    }

    #[test]
    fn the_guides_six_questions_are_in_the_catalogue_with_their_texts() {
        for text in [
            "What is your favourite colour?",
            "What is your favourite animal?",
            "What is your favourite book?",
            "What is your favourite sport or hobby?",
            "What is your favourite city?",
            "What is your mother's maiden name?",
        ] {
            assert!(lookup(text).is_some(), "{text}");
        }
        assert!(CATALOGUE.len() >= 12, "enough for a real choice");
    }

    #[test]
    fn normalisation_folds_case_trims_and_collapses_inner_spaces() {
        assert_eq!(normalise("  The  Good\tEARTH ").as_str(), "the good earth");
    }

    #[test]
    fn normalisation_applies_nfkc() {
        // Full-width letters and the "ﬁ" ligature fold to their plain forms.
        assert_eq!(normalise("ＹＥＬＬＯＷ").as_str(), "yellow");
        assert_eq!(normalise("ﬁsh").as_str(), "fish");
        // Composed and decomposed é are one answer.
        assert_eq!(normalise("caf\u{e9}").as_str(), normalise("cafe\u{301}").as_str());
    }

    #[test]
    fn three_different_questions_with_good_answers_pass() {
        let set = [
            (q("favourite_colour"), "yellow"),
            (q("favourite_animal"), "hamster"),
            (q("favourite_book"), "The Good Earth"),
        ];
        let n = check_set(&set, 3).unwrap();
        assert_eq!(n[2].as_str(), "the good earth");
    }

    #[test]
    fn two_questions_or_four_are_refused() {
        let two = [(q("favourite_colour"), "yellow"), (q("favourite_animal"), "hamster")];
        assert!(check_set(&two, 3).is_err());
    }

    #[test]
    fn the_same_question_twice_is_refused() {
        let set = [(q("favourite_colour"), "yellow"), (q("favourite_colour"), "blue"), (q("favourite_book"), "Dune")];
        assert!(check_set(&set, 3).unwrap_err().to_string().contains("different questions"));
    }

    #[test]
    fn the_same_answer_twice_is_refused_even_with_other_case() {
        let set =
            [(q("favourite_colour"), "Yellow"), (q("favourite_animal"), "yellow "), (q("favourite_book"), "Dune")];
        assert!(check_set(&set, 3).unwrap_err().to_string().contains("different answer"));
    }

    #[test]
    fn an_answer_containing_its_question_is_refused() {
        let set = [
            (q("favourite_colour"), "what is your favourite colour? blue"),
            (q("favourite_animal"), "cat"),
            (q("favourite_book"), "Dune"),
        ];
        assert!(check_set(&set, 3).unwrap_err().to_string().contains("repeat its question"));
    }

    #[test]
    fn a_too_short_answer_is_refused() {
        let set = [(q("favourite_colour"), " r  "), (q("favourite_animal"), "cat"), (q("favourite_book"), "Dune")];
        assert!(check_set(&set, 3).unwrap_err().to_string().contains("at least 3"));
    }

    #[test]
    fn control_characters_in_answers_are_refused() {
        let set = [(q("favourite_colour"), "red\u{0}"), (q("favourite_animal"), "cat"), (q("favourite_book"), "Dune")];
        assert!(check_set(&set, 3).is_err());
    }
}
