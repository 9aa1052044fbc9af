//! `docs/instructions.md`, one hop from an instruction to everything about it: its handler
//! file, the test file that attacks it, and the `netstate` command that sends it. The table
//! is generated here and checked as the transaction sizes are: every instruction of the IDL
//! has exactly one row, each handler and test file exists, and each command parses as the
//! CLI defines it. After a change, `NETSTATE_WRITE_DOCS=1 cargo test -p netstate-cli --test
//! instructions_doc` rewrites the file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use clap::CommandFactory;

/// Each instruction, the test file whose tests attack it first, and the command that sends
/// it (with the flag that picks it where one command sends several).
const ROWS: &[(&str, &str, &str)] = &[
    (
        "admit_member",
        "tests/tests/program/member_admission.rs",
        "member admit",
    ),
    (
        "apply",
        "tests/tests/program/member_admission.rs",
        "member apply",
    ),
    (
        "apply_by_treaty",
        "tests/tests/program/treaties.rs",
        "member apply --by-treaty-from",
    ),
    (
        "cancel_proposal",
        "tests/tests/program/governance_proposals.rs",
        "proposal cancel",
    ),
    (
        "cast_vote",
        "tests/tests/program/governance_votes.rs",
        "proposal vote",
    ),
    (
        "check_in",
        "tests/tests/program/presence_check_in.rs",
        "check-in",
    ),
    (
        "claim_citizenship",
        "tests/tests/program/presence_citizenship.rs",
        "member claim-citizenship",
    ),
    (
        "close_census_epoch",
        "tests/tests/program/census.rs",
        "census close",
    ),
    (
        "close_objection",
        "tests/tests/program/treasury_rails.rs",
        "proposal close",
    ),
    (
        "close_proposal",
        "tests/tests/program/governance_close.rs",
        "proposal close",
    ),
    (
        "close_sponsorship",
        "tests/tests/program/member_admission.rs",
        "member close-sponsorships",
    ),
    (
        "close_vote",
        "tests/tests/program/governance_close.rs",
        "proposal close",
    ),
    (
        "create_contribution_mint",
        "tests/tests/program/treasury_deposits.rs",
        "treasury create-token",
    ),
    (
        "create_proposal",
        "tests/tests/program/governance_proposals.rs",
        "proposal create",
    ),
    (
        "create_society",
        "tests/tests/program/society_create.rs",
        "society create",
    ),
    (
        "deposit_sol",
        "tests/tests/program/treasury_deposits.rs",
        "treasury deposit",
    ),
    (
        "deposit_token",
        "tests/tests/program/treasury_deposits.rs",
        "treasury deposit-token",
    ),
    (
        "execute_member_action",
        "tests/tests/program/governance_execute.rs",
        "proposal execute",
    ),
    (
        "execute_mint_contribution",
        "tests/tests/program/shares.rs",
        "proposal execute",
    ),
    (
        "execute_node_budget",
        "tests/tests/program/hub_budgets.rs",
        "proposal execute",
    ),
    (
        "execute_register_node",
        "tests/tests/program/governance_execute.rs",
        "proposal execute",
    ),
    (
        "execute_retire_node",
        "tests/tests/program/governance_execute.rs",
        "proposal execute",
    ),
    (
        "execute_set_node_operator",
        "tests/tests/program/presence_tickets.rs",
        "proposal execute",
    ),
    (
        "execute_society_action",
        "tests/tests/program/governance_execute.rs",
        "proposal execute",
    ),
    (
        "execute_transfer_sol",
        "tests/tests/program/treasury_rails.rs",
        "proposal execute",
    ),
    (
        "execute_transfer_token",
        "tests/tests/program/governance_execute.rs",
        "proposal execute",
    ),
    (
        "execute_treaty_action",
        "tests/tests/program/treaties.rs",
        "proposal execute",
    ),
    (
        "exit_with_share",
        "tests/tests/program/shares.rs",
        "member exit",
    ),
    (
        "finalize_proposal",
        "tests/tests/program/governance_votes.rs",
        "proposal finalize",
    ),
    (
        "leave",
        "tests/tests/program/member_admission.rs",
        "member leave",
    ),
    (
        "mark_lapsed",
        "tests/tests/program/dues.rs",
        "member mark-lapsed",
    ),
    (
        "object_to_proposal",
        "tests/tests/program/treasury_rails.rs",
        "proposal object",
    ),
    ("pay_dues", "tests/tests/program/dues.rs", "member pay-dues"),
    (
        "pay_dues_token",
        "tests/tests/program/dues.rs",
        "member pay-dues",
    ),
    (
        "prove_residency",
        "tests/tests/program/presence_citizenship.rs",
        "node prove-residency",
    ),
    (
        "redeem_ticket",
        "tests/tests/program/presence_tickets.rs",
        "check-in redeem",
    ),
    (
        "register_node",
        "tests/tests/program/node_registry.rs",
        "node register",
    ),
    (
        "release_grant",
        "tests/tests/program/shares.rs",
        "treasury release",
    ),
    (
        "renounce_steward",
        "tests/tests/program/society_create.rs",
        "society renounce-steward",
    ),
    (
        "respond_to_proposal",
        "tests/tests/program/rights.rs",
        "proposal respond",
    ),
    (
        "retire_node",
        "tests/tests/program/node_registry.rs",
        "node retire",
    ),
    (
        "set_dues",
        "tests/tests/program/dues.rs",
        "society set-dues",
    ),
    (
        "set_node_operator",
        "tests/tests/program/presence_tickets.rs",
        "node set-operator",
    ),
    (
        "settle_node_budget",
        "tests/tests/program/hub_budgets.rs",
        "node settle",
    ),
    (
        "settle_node_budget_token",
        "tests/tests/program/hub_budgets.rs",
        "node settle",
    ),
    (
        "spend_node_budget",
        "tests/tests/program/hub_budgets.rs",
        "node spend",
    ),
    (
        "spend_node_budget_token",
        "tests/tests/program/hub_budgets.rs",
        "node spend",
    ),
    (
        "sponsor",
        "tests/tests/program/member_admission.rs",
        "member sponsor",
    ),
    (
        "upgrade_account",
        "tests/tests/program/upgrades.rs",
        "society upgrade",
    ),
    (
        "visit",
        "tests/tests/program/treaties.rs",
        "check-in --visiting",
    ),
];

/// The repository's root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the CLI crate sits in the workspace")
        .to_path_buf()
}

/// The instructions the IDL lists.
fn idl_instructions() -> BTreeSet<String> {
    let text =
        std::fs::read_to_string(root().join("idl/netstate.json")).expect("idl/netstate.json");
    let idl: serde_json::Value = serde_json::from_str(&text).expect("the IDL is JSON");
    idl["instructions"]
        .as_array()
        .expect("the IDL lists instructions")
        .iter()
        .map(|i| i["name"].as_str().expect("a name").to_string())
        .collect()
}

/// The handler of `instruction`: its file under `programs/netstate/src/instructions/`.
fn handler(instruction: &str) -> Result<String, String> {
    let dir = root().join("programs/netstate/src/instructions");
    let found: Vec<String> = std::fs::read_dir(&dir)
        .expect("the instructions folder")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path().join(format!("{instruction}.rs")))
        .filter(|path| path.is_file())
        .map(|path| {
            path.strip_prefix(root())
                .expect("under the root")
                .display()
                .to_string()
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!(
            "{instruction}: no instructions/<folder>/{instruction}.rs"
        )),
        many => Err(format!("{instruction}: several handlers {many:?}")),
    }
}

/// Fails, naming the word, unless `command` (words after `netstate`, then `--flags`) is a
/// subcommand path of the CLI and each flag an argument of its last subcommand.
fn parses(command: &str) -> Result<(), String> {
    let mut at = netstate_cli::Cli::command();
    for word in command.split_whitespace() {
        if let Some(flag) = word.strip_prefix("--") {
            if !at.get_arguments().any(|a| a.get_long() == Some(flag)) {
                return Err(format!(
                    "`netstate {command}`: {} has no --{flag}",
                    at.get_name()
                ));
            }
        } else {
            at = at.find_subcommand(word).cloned().ok_or_else(|| {
                format!(
                    "`netstate {command}`: {} has no subcommand {word}",
                    at.get_name()
                )
            })?;
        }
    }
    Ok(())
}

/// The document as the table above and the repository make it.
fn render() -> Result<String, Vec<String>> {
    let mut problems = Vec::new();
    let mut doc = String::from(
        "# Instructions\n\n\
         Generated by `cli/tests/instructions_doc.rs` (which fails when this file is out of\n\
         date; `NETSTATE_WRITE_DOCS=1 cargo test -p netstate-cli --test instructions_doc`\n\
         rewrites it). Each of the program's instructions, where its handler lives, the test\n\
         file that attacks it first (the model test, `tests/tests/program/model_histories.rs`,\n\
         drives every one of them), and the command that sends it. Accounts, sizes, rent and\n\
         who may call each one are in `docs/design.md`.\n\n\
         | instruction | handler file | test file | CLI command |\n\
         |---|---|---|---|\n",
    );
    for (instruction, test, command) in ROWS {
        let handler = handler(instruction).unwrap_or_else(|e| {
            problems.push(e);
            String::new()
        });
        if !root().join(test).is_file() {
            problems.push(format!("{instruction}: no test file {test}"));
        }
        if let Err(e) = parses(command) {
            problems.push(e);
        }
        doc.push_str(&format!(
            "| `{instruction}` | `{handler}` | `{test}` | `netstate {command}` |\n"
        ));
    }
    if problems.is_empty() {
        Ok(doc)
    } else {
        Err(problems)
    }
}

#[test]
fn every_instruction_of_the_idl_has_one_row() {
    let listed: Vec<&str> = ROWS.iter().map(|(name, _, _)| *name).collect();
    let unique: BTreeSet<String> = listed.iter().map(|n| n.to_string()).collect();
    assert_eq!(unique.len(), listed.len(), "an instruction is listed twice");
    let idl = idl_instructions();
    let missing: Vec<&String> = idl.difference(&unique).collect();
    let extra: Vec<&String> = unique.difference(&idl).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "ROWS lacks {missing:?} and lists {extra:?}, which the IDL does not have"
    );
}

#[test]
fn a_command_that_does_not_exist_is_named() {
    assert_eq!(parses("proposal vote"), Ok(()));
    assert_eq!(parses("member apply --by-treaty-from"), Ok(()));
    let wrong = parses("proposal ballot").expect_err("no such subcommand");
    assert!(wrong.contains("no subcommand ballot"), "{wrong}");
    let flag = parses("member apply --by-charter").expect_err("no such flag");
    assert!(flag.contains("has no --by-charter"), "{flag}");
}

#[test]
fn the_instructions_doc_is_current() {
    let expected = render().unwrap_or_else(|problems| panic!("{}", problems.join("\n")));
    let path = root().join("docs/instructions.md");
    if std::env::var_os("NETSTATE_WRITE_DOCS").is_some() {
        std::fs::write(&path, &expected).expect("docs/instructions.md written");
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/instructions.md is out of date: run NETSTATE_WRITE_DOCS=1 cargo test -p netstate-cli --test instructions_doc"
    );
}
