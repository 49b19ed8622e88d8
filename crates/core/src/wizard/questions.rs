//! Challenge questions at first sign-in (student guide step 4): choose three and answer them,
//! confirm (or go back), then the saved notice.

use serde::{Deserialize, Serialize};

use super::catalogue::texts;
use super::password::PasswordFlow;
use super::state::{secret, Cx, Person, Purpose, State, Step};
use super::wire::{Action, ChosenQuestion, QuestionAnswer, Screen};
use crate::audit::{Event, Outcome};
use crate::error::Error;
use crate::hashing;
use crate::questions::{self, Question, CATALOGUE, QUESTIONS_PER_ACCOUNT};
use crate::store::StoredAnswer;
use crate::text::Text;
use crate::types::SecretString;

/// One chosen question and its answer, as typed (normalised and hashed only when saved).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Chosen {
    #[serde(with = "super::state::question")]
    question: &'static Question,
    #[serde(with = "secret")]
    answer: SecretString,
}

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct QuestionsFlow {
    pub(super) person: Person,
    screen: QuestionsScreen,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
enum QuestionsScreen {
    /// Waits for three questions and answers (showing the earlier choice after Go Back).
    ExpectChoice { selected: Vec<Chosen> },
    /// Waits for Confirm or Go Back.
    ExpectConfirmation { selected: Vec<Chosen> },
    /// Waits for Continue to the password change.
    Saved,
}

impl QuestionsFlow {
    pub(super) fn new(person: Person) -> Self {
        Self { person, screen: QuestionsScreen::ExpectChoice { selected: Vec::new() } }
    }

    pub(super) fn name(&self) -> &'static str {
        match self.screen {
            QuestionsScreen::ExpectChoice { .. } => "set_questions",
            QuestionsScreen::ExpectConfirmation { .. } => "confirm_questions",
            QuestionsScreen::Saved => "questions_saved",
        }
    }

    pub(super) fn handle(&mut self, action: Action, cx: &Cx) -> Result<Step, Error> {
        let person = self.person.clone();
        let name = self.name();
        match (&mut self.screen, action) {
            (QuestionsScreen::ExpectChoice { .. }, Action::SetQuestions { questions }) => {
                let selected = choose(cx, questions)?;
                Ok(Step::go(Self::at(person, QuestionsScreen::ExpectConfirmation { selected })))
            }
            (QuestionsScreen::ExpectChoice { .. }, Action::Cancel) => Ok(Step::go(State::sign_in(None))),
            (QuestionsScreen::ExpectConfirmation { selected }, Action::GoBack) => {
                let selected = std::mem::take(selected);
                Ok(Step::go(Self::at(person, QuestionsScreen::ExpectChoice { selected })))
            }
            (QuestionsScreen::ExpectConfirmation { selected }, Action::ConfirmQuestions) => {
                save(cx, &person, selected)?;
                Ok(Step::go(Self::at(person, QuestionsScreen::Saved)))
            }
            (QuestionsScreen::Saved, Action::Continue) => {
                Ok(Step::go(State::Password(PasswordFlow::new(person, Purpose::FirstSignIn))))
            }
            (_, other) => Ok(Step::refuse(&other, name)),
        }
    }

    fn at(person: Person, screen: QuestionsScreen) -> State {
        State::Questions(Self { person, screen })
    }

    pub(super) fn render(&self, cx: &Cx) -> Screen {
        let shown = |selected: &[Chosen]| {
            selected
                .iter()
                .map(|c| ChosenQuestion {
                    id: c.question.id.into(),
                    question: c.question.text.into(),
                    answer: c.answer.expose().into(),
                })
                .collect::<Vec<_>>()
        };
        match &self.screen {
            QuestionsScreen::ExpectChoice { selected } => Screen::SetQuestions {
                available_questions: CATALOGUE.to_vec(),
                selected: shown(selected),
                count: QUESTIONS_PER_ACCOUNT,
                min_answer_length: cx.engine.config().questions.min_answer_length,
            },
            QuestionsScreen::ExpectConfirmation { selected } => Screen::ConfirmQuestions { questions: shown(selected) },
            QuestionsScreen::Saved => Screen::QuestionsSaved {
                message: texts::QUESTIONS_SAVED.english(),
                message_text: texts::QUESTIONS_SAVED,
            },
        }
    }
}

fn pairs(selected: &[Chosen]) -> Vec<(&'static Question, &str)> {
    selected.iter().map(|c| (c.question, c.answer.expose())).collect()
}

/// Checks the three choices (known questions, all different, answers that pass the hygiene rules).
fn choose(cx: &Cx, chosen: Vec<QuestionAnswer>) -> Result<Vec<Chosen>, Error> {
    let mut selected = Vec::with_capacity(chosen.len());
    for qa in chosen {
        let question = questions::lookup(&qa.question)
            .ok_or_else(|| Error::invalid("questions", Text::new("select-question-from-list")))?;
        selected.push(Chosen { question, answer: qa.answer });
    }
    questions::check_set(&pairs(&selected), cx.engine.config().questions.min_answer_length)?;
    Ok(selected)
}

/// Hashes the normalised answers and stores them with their audit record.
fn save(cx: &Cx, person: &Person, selected: &[Chosen]) -> Result<(), Error> {
    let e = &cx.engine;
    let normalised = questions::check_set(&pairs(selected), e.config().questions.min_answer_length)?;
    let mut stored = Vec::with_capacity(normalised.len());
    for (n, c) in normalised.iter().zip(selected) {
        stored.push(StoredAnswer { question_id: c.question.id.to_owned(), hash: hashing::hash(n.as_bytes())? });
    }
    let login = person.login.as_str();
    e.store().set_answers(person.id, &stored, e.record(login, login, Event::QuestionsSet, Outcome::Ok, ""))
}
