//! JSON Schema of the request kinds' inputs and results, generated from the Rust types (the
//! `schema` feature, with schemars), so that C and other callers know the shapes.
//!
//! The committed copies are `schema/KIND.input.json` and `schema/KIND.result.json` at the top of
//! the repository; a test (`tests/schema.rs`) regenerates them and fails when a committed copy
//! is stale, as the C header's check does. A request is `{"kind": KIND, "input": INPUT}`; its
//! response is `{"kind", "rules", "result": RESULT}` or `{"error": {...}}` (`docs/errors.md`).
//!
//! Numbers: an input decimal is a string (`"1234.56"`) or a JSON number with the same digits,
//! read exactly; an amount of money in a result is a string with two decimals; an exact value is
//! a string, a decimal where it terminates and a fraction `n/d` where it does not.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use crate::date::Date;
use crate::exact::Exact;
use crate::money::Money;
use crate::worksheet::{Step, Worksheet};

/// The schema of an exact decimal in a request (a field read by [`crate::money::exact`]).
pub struct ExactDecimal;

/// `impl JsonSchema` for a type whose schema is the fixed JSON given.
macro_rules! fixed_schema {
    ($($ty:ty => $name:literal: $schema:tt)*) => {
        $(
            impl JsonSchema for $ty {
                fn schema_name() -> Cow<'static, str> {
                    $name.into()
                }

                fn json_schema(_: &mut SchemaGenerator) -> Schema {
                    json_schema!($schema)
                }
            }
        )*
    };
}

fixed_schema! {
    ExactDecimal => "ExactDecimal": {
        "description": format!(
            "{}; written as a string, or as a JSON number with the same digits (read exactly, never through a float)",
            crate::money::exact::ALLOWED
        ),
        "oneOf": [
            {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"},
            {"type": "number"}
        ]
    }
    Money => "Money": {
        "description": "An amount in dollars and whole cents, as a string (\"954.21\").",
        "type": "string",
        "pattern": "^-?[0-9]+\\.[0-9]{2}$"
    }
    Exact => "Exact": {
        "description": "An exact value, as a string: a decimal where it terminates (\"2032.125\"), a fraction of whole numbers where it does not (\"2934281/16571400\").",
        "type": "string",
        "pattern": "^-?[0-9]+(\\.[0-9]+|/[0-9]+)?$"
    }
    Date => "Date": {
        "description": "A calendar date, YYYY-MM-DD.",
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    }
}

impl JsonSchema for Step {
    fn schema_name() -> Cow<'static, str> {
        "Step".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "One step of a calculation: its stable key, what it is, its value as shown, its exact value when it is a number, and the law behind it.",
            "type": "object",
            "properties": {
                "key": {"type": "string"},
                "label": {"type": "string"},
                "value": {"type": "string"},
                "exact": generator.subschema_for::<Exact>(),
                "citation": {"type": "string"}
            },
            "required": ["key", "label", "value", "citation"],
            "additionalProperties": false
        })
    }
}

impl JsonSchema for Worksheet {
    fn schema_name() -> Cow<'static, str> {
        "Worksheet".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The steps of the calculation, in order (empty when computed without a worksheet).",
            "type": "array",
            "items": generator.subschema_for::<Step>()
        })
    }
}

/// A kind's input and result schemas.
pub struct KindSchema {
    /// The request kind (`california_guideline`).
    pub kind: &'static str,
    /// The schema of the request's `input`.
    pub input: Schema,
    /// The schema of the response's `result`.
    pub result: Schema,
}

fn kind<I: JsonSchema, R: JsonSchema>(kind: &'static str) -> KindSchema {
    let with_id = |mut schema: Schema, part: &str| {
        schema.insert(
            "$id".into(),
            format!("childsupport/{kind}.{part}.json").into(),
        );
        schema
    };
    KindSchema {
        kind,
        input: with_id(schemars::schema_for!(I), "input"),
        result: with_id(schemars::schema_for!(R), "result"),
    }
}

/// The schemas of every request kind, in the order of [`crate::api::KINDS`].
pub fn kinds() -> Vec<KindSchema> {
    use crate::allocation;
    use crate::arrears;
    use crate::distribution;
    use crate::guideline::{california, california_income, texas};
    vec![
        kind::<california::CaliforniaInput, california::CaliforniaResult>("california_guideline"),
        kind::<
            california_income::CaliforniaFromGrossInput,
            california_income::CaliforniaFromGrossResult,
        >("california_guideline_from_gross"),
        kind::<texas::TexasInput, texas::TexasResult>("texas_guideline"),
        kind::<crate::api::TexasNetResourcesInput, texas::net_resources::NetResources>(
            "texas_net_resources",
        ),
        kind::<arrears::LedgerInput, arrears::LedgerResult>("arrears_ledger"),
        kind::<arrears::open::PostInput, arrears::open::PostResult>("arrears_ledger_post"),
        kind::<arrears::PayoffInput, arrears::PayoffResult>("arrears_payoff"),
        kind::<arrears::WithholdingInput, arrears::payoff::WithholdingResult>("texas_withholding"),
        kind::<allocation::CollectionInput, allocation::Allocation>("collection_allocation"),
        kind::<allocation::posting::PostCollectionInput, allocation::posting::PostCollectionResult>(
            "collection_post",
        ),
        kind::<allocation::withholding::WithholdingInput, allocation::withholding::WithholdingResult>(
            "withholding_amounts",
        ),
        kind::<allocation::order::OrderArrearsInput, allocation::order::OrderArrearsResult>(
            "withholding_order_arrears",
        ),
        kind::<distribution::DistributionInput, distribution::DistributionResult>(
            "iv_d_distribution",
        ),
        kind::<distribution::DayInput, distribution::DayResult>("iv_d_distribution_day"),
        kind::<distribution::ThresholdInput, distribution::ThresholdResult>(
            "iv_d_enforcement_thresholds",
        ),
    ]
}
