//! A row read as the input it flattens: a serde deserialiser over the row's cells, so a row goes
//! through the same input types (and the same checks) as a JSON request, without building JSON.

use serde::de::value::{Error as DeError, MapAccessDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

use super::layout::{Column, Node};
use super::{Cell, Row};
use crate::date::Date;

/// A node of the input's shape, read from one row.
pub(crate) struct NodeDe<'a, R: ?Sized> {
    pub node: &'a Node,
    pub columns: &'a [Option<Column>],
    pub row: &'a R,
}

impl<R: Row + ?Sized> Clone for NodeDe<'_, R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R: Row + ?Sized> Copy for NodeDe<'_, R> {}

impl<'a, R: Row + ?Sized> NodeDe<'a, R> {
    fn at(&self, node: &'a Node) -> NodeDe<'a, R> {
        NodeDe { node, ..*self }
    }

    /// Whether every cell under the node is null: the field is absent.
    fn is_absent(&self) -> bool {
        match self.node {
            Node::Leaf(c) => matches!(self.row.cell(*c), Cell::Null),
            Node::Map(fields) => fields.iter().all(|(_, n)| self.at(n).is_absent()),
            Node::Seq(items) => items.iter().flatten().all(|n| self.at(n).is_absent()),
        }
    }

    /// The text of a leaf that is not a cents column.
    fn text(&self) -> Option<&'a str> {
        match self.node {
            Node::Leaf(c) if !self.cents(*c) => match self.row.cell(*c) {
                Cell::Text(t) => Some(t),
                _ => None,
            },
            _ => None,
        }
    }

    /// A whole number written as text (`"2"` in CSV) is read as the number; anything else as
    /// the cell is.
    fn integer<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.text().map(str::parse::<i64>) {
            Some(Ok(i)) => visitor.visit_i64(i),
            _ => de::Deserializer::deserialize_any(self, visitor),
        }
    }

    fn cents(&self, column: usize) -> bool {
        self.columns
            .get(column)
            .and_then(Option::as_ref)
            .is_some_and(|c| c.cents)
    }
}

/// Decimal text written into a stack buffer, without the formatter (a row's few numbers and
/// dates would otherwise cost more to write than the guideline costs to compute).
pub(crate) struct Text {
    buf: [u8; 48],
    len: usize,
}

impl Text {
    fn new() -> Text {
        Text {
            buf: [0; 48],
            len: 0,
        }
    }

    fn push(&mut self, b: u8) {
        if self.len < self.buf.len() {
            self.buf[self.len] = b;
            self.len += 1;
        }
    }

    /// `digits` decimal digits of `v` (at least `min` of them, zero-padded).
    fn digits(&mut self, v: u128, min: usize) {
        let mut tmp = [0u8; 40];
        let mut n = 0;
        // 64-bit division where the value fits (128-bit division is a library call).
        let (mut wide, mut narrow) = match u64::try_from(v) {
            Ok(x) => (0, x),
            Err(_) => (v, 0),
        };
        while wide > 0 {
            tmp[n] = b'0' + (wide % 10) as u8;
            wide /= 10;
            n += 1;
            if let Ok(x) = u64::try_from(wide) {
                (wide, narrow) = (0, x);
            }
        }
        while (narrow > 0 || n < min.max(1)) && n < tmp.len() {
            tmp[n] = b'0' + (narrow % 10) as u8;
            narrow /= 10;
            n += 1;
        }
        for i in (0..n).rev() {
            self.push(tmp[i]);
        }
    }

    /// `mantissa` x 10^-`scale` in plain notation (`-5`, 2 is `-0.05`).
    pub(crate) fn scaled(mantissa: i128, scale: u32) -> Text {
        let mut t = Text::new();
        if mantissa < 0 {
            t.push(b'-');
        }
        let m = mantissa.unsigned_abs();
        let unit = 10u128.pow(scale.min(38));
        t.digits(m / unit, 1);
        if scale > 0 {
            t.push(b'.');
            t.digits(m % unit, scale as usize);
        }
        t
    }

    fn date(d: Date) -> Text {
        let mut t = Text::new();
        if d.year() < 0 {
            t.push(b'-');
        }
        t.digits(u128::from(d.year().unsigned_abs()), 4);
        t.push(b'-');
        t.digits(u128::from(d.month()), 2);
        t.push(b'-');
        t.digits(u128::from(d.day()), 2);
        t
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits, '-' and '.' are ever pushed.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

fn refused(what: &str, allowed: &str) -> DeError {
    de::Error::custom(format!("{what} is refused; allowed: {allowed}"))
}

const CENTS_ALLOWED: &str =
    "whole cents as an integer (a column named ..._cents; 123456 is 1234.56)";

impl<'de, R: Row + ?Sized> de::Deserializer<'de> for NodeDe<'_, R> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node {
            Node::Map(fields) => visitor.visit_map(Fields {
                de: self,
                fields,
                at: 0,
                value: None,
            }),
            Node::Seq(items) => visitor.visit_seq(Items {
                de: self,
                items,
                at: 0,
            }),
            Node::Leaf(column) => {
                let cents = self.cents(*column);
                match self.row.cell(*column) {
                    Cell::Null => visitor.visit_none(),
                    Cell::Int(i) if cents => {
                        visitor.visit_str(Text::scaled(i128::from(i), 2).as_str())
                    }
                    Cell::Decimal(d) if cents => {
                        if let (true, Ok(whole)) = (d.fract().is_zero(), i128::try_from(d)) {
                            visitor.visit_str(Text::scaled(whole, 2).as_str())
                        } else {
                            Err(refused(
                                &format!("{d:?} (a fraction of a cent)"),
                                CENTS_ALLOWED,
                            ))
                        }
                    }
                    Cell::Text(t) if cents => match t.parse::<i64>() {
                        Ok(i) => visitor.visit_str(Text::scaled(i128::from(i), 2).as_str()),
                        Err(_) => Err(refused(&format!("{t:?}"), CENTS_ALLOWED)),
                    },
                    Cell::Int(i) => visitor.visit_i64(i),
                    Cell::Decimal(d) => {
                        visitor.visit_str(Text::scaled(d.mantissa(), d.scale()).as_str())
                    }
                    Cell::Text(t) => visitor.visit_str(t),
                    Cell::Date(d) => visitor.visit_str(Text::date(d).as_str()),
                    Cell::Bool(b) => visitor.visit_bool(b),
                    Cell::Refused { what, allowed } => Err(refused(&what, allowed)),
                }
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.is_absent() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.node {
            Node::Leaf(column) => match self.row.cell(*column) {
                Cell::Text(t) => visitor.visit_enum(t.into_deserializer()),
                _ => self.deserialize_any(visitor),
            },
            Node::Map(fields) => visitor.visit_enum(MapAccessDeserializer::new(Fields {
                de: self,
                fields,
                at: 0,
                value: None,
            })),
            Node::Seq(_) => self.deserialize_any(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.text() {
            Some("true") => visitor.visit_bool(true),
            Some("false") => visitor.visit_bool(false),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }

    forward_to_deserialize_any! {
        i8 i16 i128 u8 u16 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// An object's fields that have a value in the row.
struct Fields<'a, R: ?Sized> {
    de: NodeDe<'a, R>,
    fields: &'a [(String, Node)],
    at: usize,
    value: Option<&'a Node>,
}

impl<'de, R: Row + ?Sized> MapAccess<'de> for Fields<'_, R> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        while let Some((name, node)) = self.fields.get(self.at) {
            self.at += 1;
            if !self.de.at(node).is_absent() {
                self.value = Some(node);
                return seed
                    .deserialize(name.as_str().into_deserializer())
                    .map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let node = self
            .value
            .take()
            .ok_or_else(|| <DeError as de::Error>::custom("a value without its field"))?;
        seed.deserialize(self.de.at(node))
    }
}

/// A list's items that have a value in the row (an item whose cells are all null is absent).
struct Items<'a, R: ?Sized> {
    de: NodeDe<'a, R>,
    items: &'a [Option<Node>],
    at: usize,
}

impl<'de, R: Row + ?Sized> SeqAccess<'de> for Items<'_, R> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        while let Some(item) = self.items.get(self.at) {
            self.at += 1;
            if let Some(node) = item {
                if !self.de.at(node).is_absent() {
                    return seed.deserialize(self.de.at(node)).map(Some);
                }
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::Text;
    use crate::date::Date;

    #[test]
    fn numbers_and_dates_are_written_exactly() {
        for (m, scale, text) in [
            (123456, 2, "1234.56"),
            (-5, 2, "-0.05"),
            (0, 2, "0.00"),
            (100, 2, "1.00"),
            (7, 0, "7"),
            (-20, 3, "-0.020"),
            (i128::from(i64::MAX), 2, "92233720368547758.07"),
        ] {
            assert_eq!(Text::scaled(m, scale).as_str(), text);
        }
        for d in ["2025-03-01", "1800-01-09", "2999-12-31"] {
            assert_eq!(Text::date(d.parse::<Date>().unwrap()).as_str(), d);
        }
    }
}
