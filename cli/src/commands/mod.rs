//! One module per noun.

pub mod demo;
pub mod genesis;
pub mod localnet;
pub mod member;
pub mod node;
pub mod proposal;
pub mod society;
pub mod treasury;
pub mod wallet;

use crate::{Context, Output};

/// The output of a command that sent one transaction.
pub fn sent(ctx: &Context, what: String, signature: String, mut json: serde_json::Value) -> Output {
    let mark = if crate::output::colour(crate::output::output_is_terminal()) {
        "\x1b[32m✓\x1b[0m"
    } else {
        "✓"
    };
    let mut human = format!("{mark} {what}\n  signature: {signature}");
    if let Some(link) = ctx.explorer(&signature) {
        human.push_str(&format!("\n  explorer:  {link}"));
    }
    if let Some(object) = json.as_object_mut() {
        object.insert("signature".into(), signature.into());
    }
    Output { human, json }
}
