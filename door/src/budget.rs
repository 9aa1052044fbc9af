//! The door's daily fee budget, when it pays the fees of the check-ins it signs.

use std::sync::Mutex;

use crate::DoorError;

/// Lamports the door may commit to fees per UTC day; what it signs counts when it signs
/// (a wallet that never sends still used its share), so the budget is never exceeded.
#[derive(Debug)]
pub struct FeeBudget {
    limit: u64,
    spent: Mutex<(i64, u64)>,
}

impl FeeBudget {
    /// A budget of `limit` lamports per day.
    pub fn new(limit: u64) -> Self {
        Self {
            limit,
            spent: Mutex::new((i64::MIN, 0)),
        }
    }

    /// The daily limit.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Commits `fee` lamports on `day` (days since the epoch, UTC), or refuses when that would
    /// exceed the day's budget. A new day starts from zero.
    pub fn commit(&self, day: i64, fee: u64) -> Result<(), DoorError> {
        let mut spent = self
            .spent
            .lock()
            .map_err(|_| DoorError::Cluster("fee budget lock poisoned".into()))?;
        if spent.0 != day {
            *spent = (day, 0);
        }
        let total = spent
            .1
            .checked_add(fee)
            .filter(|total| *total <= self.limit)
            .ok_or(DoorError::FeeBudgetSpent { budget: self.limit })?;
        spent.1 = total;
        Ok(())
    }

    /// What was committed on `day`.
    pub fn spent_on(&self, day: i64) -> u64 {
        match self.spent.lock() {
            Ok(spent) if spent.0 == day => spent.1,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_never_goes_over_and_the_next_starts_afresh() {
        let budget = FeeBudget::new(25_000);
        assert!(budget.commit(1, 10_000).is_ok());
        assert!(budget.commit(1, 10_000).is_ok());
        assert_eq!(
            budget.commit(1, 10_000),
            Err(DoorError::FeeBudgetSpent { budget: 25_000 })
        );
        assert_eq!(budget.spent_on(1), 20_000);
        assert!(budget.commit(2, 10_000).is_ok());
        assert_eq!(budget.spent_on(2), 10_000);
        assert_eq!(
            budget.commit(2, u64::MAX).unwrap_err().name(),
            "FeeBudgetSpent"
        );
    }
}
