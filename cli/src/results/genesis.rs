//! Results of `genesis plan|apply`.

use std::fmt;

use serde::Serialize;

/// How a difference between the manifest and the chain is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Fix {
    /// `genesis apply` does it (during the startup stage, as the steward).
    Apply,
    /// `genesis apply` does it only when asked by its flag, because it replaces what exists
    /// (a hub's door key: `--set-operators`).
    Explicit,
    /// Only a proposal can change it.
    Proposal,
    /// No instruction changes it.
    Never,
}

impl Fix {
    /// The mark before the difference in a plan.
    fn mark(self) -> &'static str {
        match self {
            Fix::Apply => "+",
            Fix::Explicit => "*",
            Fix::Proposal => "~",
            Fix::Never => "!",
        }
    }
}

/// One difference between the manifest and the chain.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    /// What differs, in words.
    pub what: String,
    /// How it is fixed.
    pub fix: Fix,
    /// The command to run, or why nothing can.
    pub how: String,
}

/// `genesis plan`.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// The society's name.
    pub society: String,
    /// Every difference, in the manifest's order.
    pub differences: Vec<Difference>,
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.differences.is_empty() {
            return write!(f, "{}: the chain matches the manifest.", self.society);
        }
        write!(
            f,
            "{}: {} difference(s)",
            self.society,
            self.differences.len()
        )?;
        for d in &self.differences {
            write!(f, "\n{} {}\n    {}", d.fix.mark(), d.what, d.how)?;
        }
        f.write_str("\n(+ genesis apply fixes it, ~ a proposal can, ! nothing can)")
    }
}

/// One step of `genesis apply`: sent (with its signature) or found already done.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// What was done or found.
    pub action: String,
    /// The transaction, when one was sent.
    pub signature: Option<String>,
}

/// `genesis apply`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    /// The Society account.
    pub society: String,
    /// Each step, in order.
    pub actions: Vec<Step>,
    /// Members who must apply before they can be admitted, and the command they run.
    pub waiting: Vec<String>,
    /// What still differs and `genesis apply` cannot change, with how it can be.
    pub still_different: Vec<Difference>,
}

impl fmt::Display for Applied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let steps: Vec<String> = self
            .actions
            .iter()
            .map(|step| match &step.signature {
                Some(s) => format!("✓ {}\n    {s}", step.action),
                None => format!("= {}", step.action),
            })
            .collect();
        f.write_str(&steps.join("\n"))?;
        if !self.waiting.is_empty() {
            write!(f, "\nwaiting:\n  {}", self.waiting.join("\n  "))?;
        }
        if !self.still_different.is_empty() {
            f.write_str("\nstill different (genesis cannot change these):")?;
            for d in &self.still_different {
                write!(f, "\n  {}\n    {}", d.what, d.how)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_mark_each_fix_and_name_it_in_json() {
        let plan = Plan {
            society: "Sun".into(),
            differences: vec![Difference {
                what: "admission is vetted".into(),
                fix: Fix::Never,
                how: "no instruction changes it".into(),
            }],
        };
        assert!(plan.to_string().contains("! admission is vetted"));
        let json = serde_json::to_value(&plan).unwrap();
        assert_eq!(json["differences"][0]["fix"], "never");
        let matching = Plan {
            society: "Sun".into(),
            differences: Vec::new(),
        };
        assert_eq!(matching.to_string(), "Sun: the chain matches the manifest.");
    }
}
