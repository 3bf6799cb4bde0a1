//! Reads a draft out of a `serde_json::Value` that import has already
//! made fit the draft's shape (`format::conform`), for less code than
//! `serde_json::from_value`.
//!
//! Why: the page holds a reader for every struct in the draft, and
//! `serde_json::from_value` builds each one twice over, for a JSON object
//! and for a JSON array (serde's derived readers accept a struct as an
//! array of its fields). A draft never stores a struct as an array, so
//! this reader offers structs only as objects, and the array half of every
//! struct's reader is never built: measured, the page's wasm is smaller by
//! the figure in the commit that added this file. Everything else (numbers,
//! strings, lists, options, the answer codes) reads as `from_value` reads it.

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde::Deserializer;
use serde_json::{Error, Value};

/// `value` as a `T`, structs read only from objects.
pub fn from_object<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    T::deserialize(Reader(value))
}

struct Reader(Value);

/// What a non-object was, for the error when a struct was expected.
fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(_) => de::Unexpected::Other("a number"),
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

impl<'de> Deserializer<'de> for Reader {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Entries {
                entries: map.into_iter(),
                value: None,
            }),
            Value::Array(items) => visitor.visit_seq(Items(items.into_iter())),
            other => other.deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Entries {
                entries: map.into_iter(),
                value: None,
            }),
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
        ignored_any
    }
}

struct Entries {
    entries: serde_json::map::IntoIter,
    value: Option<Value>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(key.into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(Reader(self.value.take().unwrap_or(Value::Null)))
    }
}

struct Items(std::vec::IntoIter<Value>);

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|value| seed.deserialize(Reader(value)))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::domain::Draft;
    use crate::storage::format;

    #[test]
    fn reads_what_from_value_reads() {
        let mut draft = Draft {
            id: "a1".to_owned(),
            version: 1,
            ..Draft::default()
        };
        draft.data.child.given_name = "Zoë <script>".to_owned();
        let value = serde_json::to_value(&draft).unwrap_or_default();
        let read: Draft = from_object(value.clone()).unwrap_or_default();
        assert_eq!(read, draft);
        let stored = format::encode_stored(&draft);
        assert_eq!(format::decode_stored(&stored).ok(), Some(draft));
    }

    #[test]
    fn a_struct_given_as_a_list_is_refused() {
        let as_list = json!({"id": "a1", "data": {"child": ["Zoë"]}});
        assert!(from_object::<Draft>(as_list).is_err());
        assert!(from_object::<Draft>(json!("a draft")).is_err());
    }
}
