//! Column names to the input's shape: the flattening rule.
//!
//! A column is named by the path of its field, as error messages write it: `.` between an
//! object and its field, `[i]` for the `i`-th item of a list (from 0). A name ending in
//! `_cents` holds whole cents of the field named without the suffix. Examples:
//! `parent_a_net_income`, `parent_a_net_income_cents`, `time_share.parent`,
//! `birth_dates[1]`, `add_ons[0].amount_cents`, `obligor.incomes[0].frequency`.

use crate::error::Error;

/// One column's place in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Column {
    /// The field's path without any `_cents` suffix (`add_ons[0].amount`).
    pub path: String,
    /// Whether the column holds whole cents.
    pub cents: bool,
}

/// The input's shape, built once per table from its column names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// An object: its fields, in the order the columns first name them.
    Map(Vec<(String, Node)>),
    /// A list: its items by index (an index no column names is absent).
    Seq(Vec<Option<Node>>),
    /// A value: the column's index in the table.
    Leaf(usize),
}

/// One step of a column's path.
enum Segment<'a> {
    Field(&'a str),
    Index(usize),
}

const ALLOWED_NAME: &str = "a field path: field names (letters, digits, _) joined by '.', list items as [0], [1], ... (time_share.parent, add_ons[0].amount, case.arrears.NA), optionally ending in _cents for whole cents";

fn segments(name: &str) -> Result<Vec<Segment<'_>>, Error> {
    let bad = || Error::invalid("columns", name, ALLOWED_NAME);
    let mut out = Vec::new();
    for part in name.split('.') {
        let (field, mut rest) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        let is_word =
            |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !is_word(field) {
            return Err(bad());
        }
        out.push(Segment::Field(field));
        while !rest.is_empty() {
            let close = rest.find(']').ok_or_else(bad)?;
            let digits = &rest[1..close];
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            out.push(Segment::Index(digits.parse().map_err(|_| bad())?));
            rest = &rest[close + 1..];
            if !rest.is_empty() && !rest.starts_with('[') {
                return Err(bad());
            }
        }
    }
    Ok(out)
}

/// Reads the column names (those in `keep` are left alone: carried to the output by the
/// caller) into the shape of the input. Two columns for one field (`children` and a
/// `children_cents`, or `time_share` and `time_share.parent`) are an error naming both.
pub(crate) fn build(names: &[&str], keep: &[&str]) -> Result<(Node, Vec<Option<Column>>), Error> {
    let mut root = Node::Map(Vec::new());
    let mut columns = Vec::with_capacity(names.len());
    for (index, &name) in names.iter().enumerate() {
        if keep.contains(&name) {
            columns.push(None);
            continue;
        }
        let (path, cents) = match name.strip_suffix("_cents") {
            Some(p) => (p, true),
            None => (name, false),
        };
        let segs = segments(path)?;
        insert(&mut root, &segs, index).map_err(|()| {
            let other = columns
                .iter()
                .zip(names)
                .find_map(|(c, n): (&Option<Column>, &&str)| {
                    c.as_ref()
                        .filter(|c| c.path.starts_with(path) || path.starts_with(&c.path))
                        .map(|_| *n)
                })
                .unwrap_or("another column");
            Error::invalid(
                "columns",
                name,
                format!("one column for each field; {name:?} and {other:?} name the same field"),
            )
        })?;
        columns.push(Some(Column {
            path: path.to_string(),
            cents,
        }));
    }
    Ok((root, columns))
}

fn insert(node: &mut Node, segs: &[Segment<'_>], column: usize) -> Result<(), ()> {
    let Some((first, rest)) = segs.split_first() else {
        return Err(());
    };
    let fresh = || {
        if rest.is_empty() {
            Node::Leaf(column)
        } else if matches!(rest[0], Segment::Index(_)) {
            Node::Seq(Vec::new())
        } else {
            Node::Map(Vec::new())
        }
    };
    let child: &mut Node = match (node, first) {
        (Node::Map(fields), Segment::Field(name)) => {
            match fields.iter().position(|(n, _)| n == name) {
                Some(at) => &mut fields[at].1,
                None => {
                    fields.push((name.to_string(), fresh()));
                    let last = fields.len() - 1;
                    return if rest.is_empty() {
                        Ok(())
                    } else {
                        insert(&mut fields[last].1, rest, column)
                    };
                }
            }
        }
        (Node::Seq(items), Segment::Index(i)) => {
            if items.len() <= *i {
                items.resize(*i + 1, None);
            }
            match &mut items[*i] {
                Some(n) => n,
                slot @ None => {
                    *slot = Some(fresh());
                    return if rest.is_empty() {
                        Ok(())
                    } else {
                        insert(slot.as_mut().ok_or(())?, rest, column)
                    };
                }
            }
        }
        _ => return Err(()),
    };
    if rest.is_empty() {
        // The field already has a column (or fields of its own).
        return Err(());
    }
    match (child, &rest[0]) {
        (n @ Node::Map(_), Segment::Field(_)) | (n @ Node::Seq(_), Segment::Index(_)) => {
            insert(n, rest, column)
        }
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_names_build_objects_and_lists() {
        let names = [
            "calculation_date",
            "time_share.parent",
            "time_share.fraction",
            "birth_dates[1]",
            "birth_dates[0]",
            "add_ons[0].amount_cents",
            "case_id",
        ];
        let (root, columns) = build(&names, &["case_id"]).unwrap();
        let Node::Map(fields) = &root else {
            panic!("root is an object")
        };
        let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["calculation_date", "time_share", "birth_dates", "add_ons"]
        );
        assert_eq!(
            fields[2].1,
            Node::Seq(vec![Some(Node::Leaf(4)), Some(Node::Leaf(3))])
        );
        assert_eq!(
            columns[5],
            Some(Column {
                path: "add_ons[0].amount".into(),
                cents: true
            })
        );
        assert_eq!(columns[6], None);
    }

    #[test]
    fn one_field_with_two_columns_is_refused() {
        for names in [
            &["children", "children_cents"][..],
            &["time_share", "time_share.parent"][..],
            &["time_share.parent", "time_share"][..],
            &["add_ons[0]", "add_ons.kind"][..],
        ] {
            let err = build(names, &[]).unwrap_err();
            assert_eq!(err.field(), Some("columns"), "{names:?}: {err}");
        }
    }

    #[test]
    fn malformed_names_are_refused() {
        for name in ["", "a..b", "add_ons[x]", "add_ons[0", "a[0]b", "a b"] {
            let err = build(&[name], &[]).unwrap_err();
            assert!(err.to_string().contains("field path"), "{name}: {err}");
        }
        // Capitals are part of field names (the arrears categories: case.arrears.NA); a name
        // no input has, such as "Children", is refused in every row as an unknown field.
        assert!(build(&["case.arrears.NA"], &[]).is_ok());
    }
}
