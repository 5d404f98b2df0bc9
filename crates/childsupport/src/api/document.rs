//! Request JSON read with every number kept as the caller wrote it.
//!
//! serde_json reads a number such as `2773.3333333333333333` into an `f64` unless a program
//! turns on its `arbitrary_precision` feature, and a library that turned it on would turn it on
//! for every crate in the program that uses serde_json (cargo unifies features), changing how
//! they parse. So the request interface reads JSON itself: serde_json checks the syntax (and
//! gives its line-and-column message when it is wrong), then [`Document::parse`] builds a tree
//! whose numbers are their own text, and the tree is a serde [`Deserializer`]:
//!
//! - an integer that fits 64 bits is visited as one (`visit_u64`, `visit_i64`), so counts read
//!   as usual;
//! - any other number is visited as a one-entry map `{NUMBER_TOKEN: text}`, which the exact
//!   decimal reader ([`crate::money::exact`]) takes as the number's text and applies the same
//!   rule as to a string; a field that wants a whole number or a string refuses it by type
//!   ("invalid type: floating point `1.5`, expected u32");
//! - a field that asks for a float (none of the library's) gets the nearest `f64`.
//!
//! Strings, `null`, booleans, arrays, objects and enums (a string, or a one-member object)
//! read as they do with serde_json.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};

use crate::money::exact::NUMBER_TOKEN;

/// A JSON value and the text it was read from.
#[derive(Debug)]
pub(crate) struct Document<'a> {
    /// The value.
    pub(crate) value: Value<'a>,
    /// Its text in the input, as written (`3000.00` stays `3000.00`).
    pub(crate) text: &'a str,
}

/// A JSON value whose numbers are their text.
#[derive(Debug)]
pub(crate) enum Value<'a> {
    Null,
    Bool(bool),
    /// A number, as written.
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Document<'a>>),
    /// Members in the order written.
    Object(Vec<(Cow<'a, str>, Document<'a>)>),
}

impl<'a> Document<'a> {
    /// Reads `text`, which must be one JSON value; the error is serde_json's (with its line and
    /// column) when it is not.
    pub(crate) fn parse(text: &'a str) -> Result<Document<'a>, serde_json::Error> {
        // serde_json checks the syntax (and nesting depth), so the reader below only has to
        // follow well-formed JSON.
        serde_json::from_str::<de::IgnoredAny>(text)?;
        let mut reader = Reader {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        };
        match reader.value() {
            Some(doc) => Ok(doc),
            // Not reachable for text serde_json accepted; an error rather than a panic.
            None => Err(de::Error::custom(format!(
                "JSON could not be read at byte {}",
                reader.pos
            ))),
        }
    }

    /// The member `key` of an object.
    pub(crate) fn member(&self, key: &str) -> Option<&Document<'a>> {
        match &self.value {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Element `index` of an array.
    pub(crate) fn element(&self, index: usize) -> Option<&Document<'a>> {
        match &self.value {
            Value::Array(items) => items.get(index),
            _ => None,
        }
    }

    /// What serde reports when the value is not of the type wanted.
    fn unexpected(&self) -> Unexpected<'_> {
        match &self.value {
            Value::Null => Unexpected::Unit,
            Value::Bool(b) => Unexpected::Bool(*b),
            Value::Number(text) => match text.parse::<f64>() {
                Ok(f) if f.is_finite() => Unexpected::Float(f),
                _ => Unexpected::Other("a number"),
            },
            Value::String(s) => Unexpected::Str(s),
            Value::Array(_) => Unexpected::Seq,
            Value::Object(_) => Unexpected::Map,
        }
    }

    /// A number that is not a 64-bit integer: only a reader of any value (the exact decimal
    /// reader) or of a float takes it.
    fn is_other_number(&self) -> bool {
        matches!(self.value, Value::Number(t) if t.parse::<u64>().is_err() && t.parse::<i64>().is_err())
    }

    /// The reader for a type other than a decimal or a float: a non-integer number is refused
    /// by type, anything else goes to [`Deserializer::deserialize_any`].
    fn typed<'de, V: Visitor<'de>>(&'de self, visitor: V) -> Result<V::Value, Error> {
        if self.is_other_number() {
            Err(de::Error::invalid_type(self.unexpected(), &visitor))
        } else {
            self.deserialize_any(visitor)
        }
    }
}

/// Reads well-formed JSON (checked by serde_json first) into a [`Document`].
struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn whitespace(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Skips whitespace and takes `byte` if it is next.
    fn eat(&mut self, byte: u8) -> bool {
        self.whitespace();
        let found = self.bytes.get(self.pos) == Some(&byte);
        if found {
            self.pos += 1;
        }
        found
    }

    fn value(&mut self) -> Option<Document<'a>> {
        self.whitespace();
        let start = self.pos;
        let value = match *self.bytes.get(self.pos)? {
            b'{' => {
                self.pos += 1;
                let mut members = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.whitespace();
                        let key = self.string()?;
                        if !self.eat(b':') {
                            return None;
                        }
                        members.push((key, self.value()?));
                        if self.eat(b',') {
                            continue;
                        }
                        if !self.eat(b'}') {
                            return None;
                        }
                        break;
                    }
                }
                Value::Object(members)
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value()?);
                        if self.eat(b',') {
                            continue;
                        }
                        if !self.eat(b']') {
                            return None;
                        }
                        break;
                    }
                }
                Value::Array(items)
            }
            b'"' => Value::String(self.string()?),
            b't' => self.word("true", Value::Bool(true))?,
            b'f' => self.word("false", Value::Bool(false))?,
            b'n' => self.word("null", Value::Null)?,
            _ => {
                while matches!(
                    self.bytes.get(self.pos),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    self.pos += 1;
                }
                if self.pos == start {
                    return None;
                }
                Value::Number(self.text.get(start..self.pos)?)
            }
        };
        Some(Document {
            value,
            text: self.text.get(start..self.pos)?,
        })
    }

    fn word(&mut self, word: &str, value: Value<'a>) -> Option<Value<'a>> {
        let end = self.pos + word.len();
        (self.text.get(self.pos..end)? == word).then(|| {
            self.pos = end;
            value
        })
    }

    /// A string at `pos` (its opening quote): borrowed when it has no escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let start = self.pos;
        if self.bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        self.pos += 1;
        let mut escaped = false;
        loop {
            match *self.bytes.get(self.pos)? {
                b'"' => break,
                // An escape is a backslash and an ASCII character (`\"`, `\\`, `\u`...).
                b'\\' => {
                    escaped = true;
                    self.pos += 2;
                }
                _ => self.pos += 1,
            }
        }
        self.pos += 1;
        let token = self.text.get(start..self.pos)?;
        if escaped {
            serde_json::from_str::<String>(token).ok().map(Cow::Owned)
        } else {
            token.get(1..token.len() - 1).map(Cow::Borrowed)
        }
    }
}

/// A value that does not fit its type: serde's message (`invalid type: string "two", expected
/// u32`) or the library's own (`"1e3" is refused; allowed: ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

/// Readers of types that never take a non-integer number.
macro_rules! typed {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                self.typed(visitor)
            }
        )*
    };
}

impl<'de, 'a: 'de> Deserializer<'de> for &'de Document<'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(text) => {
                if let Ok(n) = text.parse::<u64>() {
                    visitor.visit_u64(n)
                } else if let Ok(n) = text.parse::<i64>() {
                    visitor.visit_i64(n)
                } else {
                    visitor.visit_map(NumberText(Some(text)))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Items(items.iter())),
            Value::Object(members) => visitor.visit_map(Members {
                members: members.iter(),
                value: None,
            }),
        }
    }

    typed! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_char deserialize_str deserialize_string deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.value {
            Value::Number(text) => match text.parse::<f64>() {
                Ok(f) => visitor.visit_f64(f),
                Err(_) => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
            },
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.typed(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.typed(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.typed(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.typed(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.value {
            // A unit variant.
            Value::String(s) => visitor.visit_enum(BorrowedStrDeserializer::new(s)),
            // `{"variant": value}`.
            Value::Object(members) if members.len() == 1 => {
                let (variant, value) = &members[0];
                visitor.visit_enum(Variant { variant, value })
            }
            _ => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// An array's elements.
struct Items<'de, 'a>(std::slice::Iter<'de, Document<'a>>);

impl<'de, 'a: 'de> SeqAccess<'de> for Items<'de, 'a> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0.next().map(|item| seed.deserialize(item)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// An object's members.
struct Members<'de, 'a> {
    members: std::slice::Iter<'de, (Cow<'a, str>, Document<'a>)>,
    value: Option<&'de Document<'a>>,
}

impl<'de, 'a: 'de> MapAccess<'de> for Members<'de, 'a> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.members.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(BorrowedStrDeserializer::new(key))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom("a value was read before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

/// A number that is not a 64-bit integer, as the map `{NUMBER_TOKEN: text}`.
struct NumberText<'de>(Option<&'de str>);

impl<'de> MapAccess<'de> for NumberText<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.0 {
            Some(_) => seed
                .deserialize(BorrowedStrDeserializer::new(NUMBER_TOKEN))
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.0.take() {
            Some(text) => seed.deserialize(BorrowedStrDeserializer::new(text)),
            None => Err(de::Error::custom("a value was read before its key")),
        }
    }
}

/// `{"variant": value}` as an enum.
struct Variant<'de, 'a> {
    variant: &'de str,
    value: &'de Document<'a>,
}

impl<'de, 'a: 'de> EnumAccess<'de> for Variant<'de, 'a> {
    type Error = Error;
    type Variant = &'de Document<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Error> {
        let variant = seed.deserialize(BorrowedStrDeserializer::new(self.variant))?;
        Ok((variant, self.value))
    }
}

impl<'de, 'a: 'de> VariantAccess<'de> for &'de Document<'a> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            Value::Null => Ok(()),
            _ => Err(de::Error::invalid_type(
                self.unexpected(),
                &"a unit variant",
            )),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    fn read<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Error> {
        let doc = Document::parse(text).unwrap();
        T::deserialize(&doc)
    }

    #[test]
    fn numbers_keep_their_text() {
        #[derive(Deserialize, Debug, PartialEq)]
        struct Case {
            #[serde(with = "crate::money::exact")]
            amount: rust_decimal::Decimal,
            children: u32,
            share: f64,
        }
        let case: Case =
            read(r#" {"amount": 2773.3333333333333333, "children": 2, "share": 0.5} "#).unwrap();
        assert_eq!(case.amount.to_string(), "2773.3333333333333333");
        assert_eq!((case.children, case.share), (2, 0.5));
    }

    #[test]
    fn a_number_that_is_not_whole_is_refused_where_a_count_or_word_goes() {
        let e = read::<u32>("1.5").unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid type: floating point `1.5`, expected u32"
        );
        let e = read::<String>("1.5").unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid type: floating point `1.5`, expected a string"
        );
        let e = read::<u32>("-1").unwrap_err();
        assert_eq!(e.to_string(), "invalid value: integer `-1`, expected u32");
    }

    #[test]
    fn strings_escapes_nesting_and_enums() {
        #[derive(Deserialize, Debug, PartialEq)]
        #[serde(rename_all = "snake_case")]
        enum Shape {
            Plain,
            Sized(u32),
            Named { name: String },
        }
        assert_eq!(read::<String>(r#""a\"b\u00e9\n""#).unwrap(), "a\"bé\n");
        assert_eq!(
            read::<Vec<Option<Shape>>>(
                r#"["plain", null, {"sized": 3}, {"named": {"name": "x"}}]"#
            )
            .unwrap(),
            vec![
                Some(Shape::Plain),
                None,
                Some(Shape::Sized(3)),
                Some(Shape::Named { name: "x".into() })
            ]
        );
        assert_eq!(read::<Vec<bool>>("[true,false]").unwrap(), [true, false]);
        assert_eq!(read::<Vec<u8>>("[ ]").unwrap(), Vec::<u8>::new());
        assert!(read::<Shape>("3").is_err());
    }

    #[test]
    fn the_text_of_each_value_is_kept() {
        let doc = Document::parse(r#"{"a": [1, 2.50, {"b": "x"}], "c": -0.0}"#).unwrap();
        let a = doc.member("a").unwrap();
        assert_eq!(a.text, r#"[1, 2.50, {"b": "x"}]"#);
        assert_eq!(a.element(1).unwrap().text, "2.50");
        assert_eq!(doc.member("c").unwrap().text, "-0.0");
        assert!(Document::parse("{").is_err());
        assert!(Document::parse("[1] 2").is_err());
    }
}
