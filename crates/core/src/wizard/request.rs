//! Parsing one request line into an [`Action`], refusing ambiguous JSON.

use serde::Deserialize;

use super::catalogue::codes;
use super::wire::Action;
use crate::error::ErrorBody;
use crate::text::Text;

/// A JSON value that refuses an object naming a key twice: which of the two would count is the
/// parser's choice (serde_json keeps the last, others the first), and a request must not mean
/// one thing to a front-end or a filter and another to the engine.
struct Unambiguous(serde_json::Value);

impl<'de> Deserialize<'de> for Unambiguous {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(UnambiguousVisitor).map(Unambiguous)
    }
}

struct UnambiguousVisitor;

impl<'de> serde::de::Visitor<'de> for UnambiguousVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Unambiguous(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(serde_json::Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Unambiguous(value) = map.next_value()?;
            if object.contains_key(&key) {
                let shown: String = key.chars().take(64).collect();
                return Err(serde::de::Error::custom(format!("the field {shown:?} appears twice")));
            }
            object.insert(key, value);
        }
        Ok(serde_json::Value::Object(object))
    }
}

/// Parses one request line. Malformed JSON (also an object naming a field twice) and unknown
/// actions are errors the caller turns into a response on the current screen.
pub fn parse_request(line: &str) -> Result<Action, ErrorBody> {
    let Unambiguous(value) = serde_json::from_str(line)
        .map_err(|e| ErrorBody::of(codes::BAD_REQUEST, Text::new("request-not-json").arg("detail", e)))?;
    let Some(name) = value.get("action").and_then(|a| a.as_str()).map(str::to_owned) else {
        return Err(ErrorBody::of(codes::BAD_REQUEST, Text::new("request-needs-action")));
    };
    serde_json::from_value(value).map_err(|e| {
        let msg = e.to_string();
        // The action's own name unknown (not a field's value, such as a language, out of its list).
        if msg.starts_with(&format!("unknown variant `{name}`")) {
            ErrorBody::of(codes::UNKNOWN_ACTION, Text::new("unknown-action").arg("name", format!("{name:?}")))
        } else {
            // serde quotes the offending value of a mistyped field ("invalid type: string \"…\"");
            // it may be a password or an answer sent in the wrong shape, so keep only what was expected.
            let msg = match msg.split_once(", expected ") {
                Some((found, expected)) if found.starts_with("invalid type") || found.starts_with("invalid value") => {
                    format!("a field has the wrong type (expected {expected})")
                }
                _ => msg,
            };
            ErrorBody::of(codes::BAD_REQUEST, Text::new("request-malformed").arg("name", name).arg("detail", msg))
        }
    })
}
