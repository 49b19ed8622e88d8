//! Challenge questions at first sign-in (student guide step 4): choose three and answer them,
//! confirm (or go back), then the saved notice. The same at a normal sign-in of an account whose
//! questions an administrator cleared (the console's promise: "they set new ones at their next
//! sign-in"), which then goes on to the applications.

use serde::{Deserialize, Serialize};

use super::catalogue::texts;
use super::password::PasswordFlow;
use super::portal::{Door, PortalFlow};
use super::state::{actions, on_continue, secret, Cx, Person, Purpose, State, Step};
use super::wire::{Action, ChosenQuestion, QuestionAnswer, Screen};
use crate::audit::{Event, Outcome};
use crate::config::Audience;
use crate::error::Error;
use crate::hashing;
use crate::questions::{self, Question, QUESTIONS_PER_ACCOUNT};
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
    /// Where Continue leads once they are saved.
    #[serde(default)]
    then: AfterQuestions,
}

/// Why the questions are being set, and so what follows them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum AfterQuestions {
    /// First sign-in with a temporary password: the password change follows.
    #[default]
    ChangePassword,
    /// A normal sign-in of an account without questions: the applications follow (Cancel
    /// signs out: nobody gets in without questions).
    Applications,
    /// A signed-in person changing theirs (`change_my_questions`, staff FAQ 14): the password
    /// is asked again; Cancel and Continue lead back to the applications.
    OwnChoice,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
enum QuestionsScreen {
    ExpectChoice(ExpectChoice),
    ExpectConfirmation(ExpectConfirmation),
    Saved(Saved),
}

/// Waits for three questions and answers, showing the earlier choice after Go Back
/// (`set_questions`).
#[derive(Debug, Serialize, Deserialize)]
struct ExpectChoice {
    selected: Vec<Chosen>,
}

/// Waits for Confirm or Go Back (`confirm_questions`).
#[derive(Debug, Serialize, Deserialize)]
struct ExpectConfirmation {
    selected: Vec<Chosen>,
}

/// Waits for Continue to the password change (`questions_saved`).
#[derive(Debug, Serialize, Deserialize)]
struct Saved;

impl QuestionsFlow {
    pub(super) fn new(person: Person, then: AfterQuestions) -> Self {
        Self { person, screen: QuestionsScreen::ExpectChoice(ExpectChoice { selected: Vec::new() }), then }
    }

    /// One's own change, and new questions after an administrator cleared them, wait behind
    /// the door that asks a second factor for them (as signing in with cleared questions does);
    /// a first sign-in's do not.
    pub(super) fn behind_own_door(&self) -> Option<Door> {
        match self.then {
            AfterQuestions::OwnChoice | AfterQuestions::Applications => Some(Door::OwnQuestions),
            AfterQuestions::ChangePassword => None,
        }
    }

    pub(super) fn name(&self) -> &'static str {
        match self.screen {
            QuestionsScreen::ExpectChoice(_) => ExpectChoice::NAME,
            QuestionsScreen::ExpectConfirmation(_) => ExpectConfirmation::NAME,
            QuestionsScreen::Saved(_) => Saved::NAME,
        }
    }

    pub(super) fn handle(&mut self, action: Action, cx: &Cx) -> Result<Step, Error> {
        let (person, then) = (&self.person, self.then);
        match &mut self.screen {
            QuestionsScreen::ExpectChoice(s) => s.handle(person, then, action, cx),
            QuestionsScreen::ExpectConfirmation(s) => s.handle(person, then, action, cx),
            QuestionsScreen::Saved(s) => s.handle(person, then, action),
        }
    }

    fn at(person: &Person, then: AfterQuestions, screen: QuestionsScreen) -> State {
        State::Questions(Self { person: person.clone(), screen, then })
    }

    pub(super) fn render(&self, cx: &Cx) -> Screen {
        let shown = |selected: &[Chosen]| {
            selected
                .iter()
                .map(|c| ChosenQuestion {
                    id: c.question.id.into(),
                    question: c.question.text.into(),
                    question_text: c.question.said(),
                    answer: c.answer.expose().into(),
                })
                .collect::<Vec<_>>()
        };
        match &self.screen {
            QuestionsScreen::ExpectChoice(s) => Screen::SetQuestions {
                available_questions: offered(cx, &self.person),
                selected: shown(&s.selected),
                count: QUESTIONS_PER_ACCOUNT,
                min_answer_length: cx.engine.config().questions.min_answer_length,
                current_password_required: self.then == AfterQuestions::OwnChoice,
            },
            QuestionsScreen::ExpectConfirmation(s) => Screen::ConfirmQuestions { questions: shown(&s.selected) },
            QuestionsScreen::Saved(_) => Screen::QuestionsSaved {
                message: texts::QUESTIONS_SAVED.english(),
                message_text: texts::QUESTIONS_SAVED,
            },
        }
    }
}

impl ExpectChoice {
    const NAME: &'static str = "set_questions";

    fn handle(&self, person: &Person, then: AfterQuestions, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::SetQuestions { questions, current_password } => {
                if then == AfterQuestions::OwnChoice {
                    if let Some(refused) = cx.confirm_password(person, current_password.as_ref())? {
                        return Ok(refused);
                    }
                }
                let selected = choose(cx, person, questions)?;
                Ok(Step::go(QuestionsFlow::at(
                    person,
                    then,
                    QuestionsScreen::ExpectConfirmation(ExpectConfirmation { selected }),
                )))
            }
            Action::Cancel if then == AfterQuestions::OwnChoice => {
                Ok(Step::go(State::Portal(PortalFlow::applications(person.clone()))))
            }
            Action::Cancel => Ok(Step::go(State::sign_in(None))),
            actions! {
                SignIn, ConfirmQuestions, GoBack, Continue, AcceptTerms, SignOut, ForgotPassword, ChangePassword,
                CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount, AddSoftToken,
                SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

impl ExpectConfirmation {
    const NAME: &'static str = "confirm_questions";

    fn handle(&mut self, person: &Person, then: AfterQuestions, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::GoBack => {
                let selected = std::mem::take(&mut self.selected);
                let back = QuestionsScreen::ExpectChoice(ExpectChoice { selected });
                Ok(Step::go(QuestionsFlow::at(person, then, back)))
            }
            Action::ConfirmQuestions => {
                save(cx, person, then, &self.selected)?;
                Ok(Step::go(QuestionsFlow::at(person, then, QuestionsScreen::Saved(Saved))))
            }
            actions! {
                SignIn, SetQuestions, Continue, AcceptTerms, Cancel, SignOut, ForgotPassword, ChangePassword,
                CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount, AddSoftToken,
                SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

impl Saved {
    const NAME: &'static str = "questions_saved";

    fn handle(&self, person: &Person, then: AfterQuestions, action: Action) -> Result<Step, Error> {
        on_continue(action, Self::NAME, || {
            Ok(Step::go(match then {
                AfterQuestions::ChangePassword => {
                    State::Password(PasswordFlow::new(person.clone(), Purpose::FirstSignIn))
                }
                AfterQuestions::Applications | AfterQuestions::OwnChoice => {
                    State::Portal(PortalFlow::applications(person.clone()))
                }
            }))
        })
    }
}

fn pairs(selected: &[Chosen]) -> Vec<(&'static Question, &str)> {
    selected.iter().map(|c| (c.question, c.answer.expose())).collect()
}

/// The questions the person's level may choose from (`[questions]` of the configuration).
fn offered(cx: &Cx, person: &Person) -> Vec<Question> {
    let ids = cx.engine.config().questions.for_audience(Audience::of(person.kind, person.level));
    ids.iter().filter_map(|id| questions::by_id(id)).copied().collect()
}

/// Checks the three choices (questions of the person's list, all different, answers that pass
/// the hygiene rules).
fn choose(cx: &Cx, person: &Person, chosen: Vec<QuestionAnswer>) -> Result<Vec<Chosen>, Error> {
    let list = offered(cx, person);
    let mut selected = Vec::with_capacity(chosen.len());
    for qa in chosen {
        let question = questions::lookup(&qa.question)
            .filter(|q| list.iter().any(|l| l.id == q.id))
            .ok_or_else(|| Error::invalid("questions", Text::new("select-question-from-list")))?;
        selected.push(Chosen { question, answer: qa.answer });
    }
    questions::check_set(&pairs(&selected), cx.engine.config().questions.min_answer_length)?;
    Ok(selected)
}

/// Hashes the normalised answers and stores them with their audit record; a person's own
/// change is notified like a password change.
fn save(cx: &Cx, person: &Person, then: AfterQuestions, selected: &[Chosen]) -> Result<(), Error> {
    let e = &cx.engine;
    let normalised = questions::check_set(&pairs(selected), e.config().questions.min_answer_length)?;
    let mut stored = Vec::with_capacity(normalised.len());
    for (n, c) in normalised.iter().zip(selected) {
        stored.push(StoredAnswer { question_id: c.question.id.to_owned(), hash: hashing::hash(n.as_bytes())? });
    }
    let login = person.login.as_str();
    let detail = if then == AfterQuestions::OwnChoice { "changed by the person" } else { "" };
    e.store().set_answers(person.id, &stored, e.record(login, login, Event::QuestionsSet, Outcome::Ok, detail))?;
    // New questions after an administrator cleared them are a change of the person's too: the
    // work email hears of it (on an account without an authenticator the password alone set them).
    if matches!(then, AfterQuestions::OwnChoice | AfterQuestions::Applications) {
        crate::twofactor::notify(e, &cx.account(person)?, Text::new("questions-changed-notice"));
    }
    Ok(())
}
