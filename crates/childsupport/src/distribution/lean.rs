//! A day's collections over a caseload held in memory, lean: the State's elections are checked
//! once, each collection updates its case in place and answers the cents by payee, with no
//! paths, citations or deadlines. The same engine as [`distribute_events`](super::distribute_events)
//! (a property test holds the two to the same cents and the same case after), for the million
//! collections of a day; explain any one of them with the traced call.

use crate::date::Date;
use crate::error::Error;
use crate::rules::Rules;

use super::engine::{
    check_collection, date_of_collection, distribute_one, hold_result, normalise, validate_case,
    validate_common, Ctx,
};
use super::{CaseState, Collection, Election, Fmap, Totals};

/// A State's elections, FMAP values and holidays, checked once for a day's work; shared by
/// any number of threads (it only reads).
#[derive(Debug, Clone)]
pub struct Distributor<'a> {
    rules: &'a Rules,
    policy: &'a [Election],
    fmap: &'a [Fmap],
    holidays: &'a [Date],
}

impl<'a> Distributor<'a> {
    /// Checks the elections (dated, not overlapping, within the federal limits) and the FMAP
    /// values (0 to 1, one per federal fiscal year), as a request's `policy` and `fmap` are
    /// checked; errors name those fields.
    pub fn new(
        rules: &'a Rules,
        policy: &'a [Election],
        fmap: &'a [Fmap],
        holidays: &'a [Date],
    ) -> Result<Distributor<'a>, Error> {
        validate_common(policy, fmap, &[])?;
        Ok(Distributor {
            rules,
            policy,
            fmap,
            holidays,
        })
    }

    /// Distributes `collection` on `case` and leaves the case as after it (balances, URA,
    /// current support paid, pass-through and fee used): the cents by payee. The case and the
    /// collection are checked as a request's are (errors name `case...` and `collection...`).
    /// A collection that carries a hold is held whole (`held`) and changes nothing; distribute
    /// it again without the hold when it is released (its date of collection is its own).
    pub fn distribute(
        &self,
        case: &mut CaseState,
        collection: &Collection,
    ) -> Result<Totals, Error> {
        validate_case(case, "case")?;
        check_collection(collection, || "collection".to_string())?;
        let ctx = Ctx {
            rules: self.rules,
            policy: self.policy,
            fmap: self.fmap,
            holidays: self.holidays,
            trace: false,
        };
        let election = ctx.election(collection.receipt_date)?.1;
        let doc = date_of_collection(case, collection, election);
        if let Some(hold) = collection.hold {
            let at = || "collection".to_string();
            return Ok(hold_result(self.rules, collection, hold, doc, case.ura, at)?.totals);
        }
        let dist = collection
            .distribution_date
            .unwrap_or(doc.max(collection.receipt_date));
        normalise(case);
        let (result, _) = distribute_one(&ctx, case, collection, doc, dist)?;
        normalise(case);
        Ok(result.totals)
    }
}
