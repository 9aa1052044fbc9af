//! Ready-made steps for tests: a society with sensible defaults, members, nodes.

use anchor_lang::solana_program::pubkey::Pubkey;
use netstate_client::{
    AdmissionPolicy, ApplyArgs, CreateSocietyArgs, GovernanceParams, NodeSpec, instructions as ix,
    pda,
};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::Fixture;

/// The sponsored admission policy needing `n` sponsors.
pub fn sponsored(n: u8) -> AdmissionPolicy {
    AdmissionPolicy::Sponsored {
        sponsors_required: n,
    }
}

/// The default governance with the treasury's rails off (no outflow cap, no payment judged
/// large): for tests about something else than the rails.
pub fn without_rails() -> GovernanceParams {
    GovernanceParams {
        outflow_cap_bps: 10_000,
        large_transfer_bps: 10_000,
        ..GovernanceParams::default()
    }
}

/// Arguments for a society called `name` with `admission`, default governance.
pub fn society_args(name: &str, admission: AdmissionPolicy) -> CreateSocietyArgs {
    CreateSocietyArgs {
        name: name.to_string(),
        constitution_uri: "ipfs://QmConstitutionOfTheSolarState".to_string(),
        constitution_hash: [7; 32],
        admission,
        governance: None,
        founder_handle: "founder".to_string(),
        founder_profile_uri: String::new(),
    }
}

/// A node spec for `code` run by `operator`, in Lisbon.
pub fn node_spec(code: &str, operator: &Pubkey) -> NodeSpec {
    NodeSpec {
        code: code.to_string(),
        name: format!("{code} hub"),
        country: *b"PT",
        latitude_microdeg: 38_722_252,
        longitude_microdeg: -9_139_337,
        operator: *operator,
    }
}

/// Apply arguments with `handle` and no profile.
pub fn apply_args(handle: &str) -> ApplyArgs {
    ApplyArgs {
        handle: handle.to_string(),
        profile_uri: String::new(),
    }
}

/// A society on a fixture: its founder (steward) and address.
pub struct TestSociety {
    /// Founder, first citizen and steward.
    pub founder: Keypair,
    /// The Society PDA.
    pub address: Pubkey,
    /// The netstate deployment it lives on (the fixture's).
    pub program_id: Pubkey,
}

impl TestSociety {
    /// Creates a society called `name` with `admission`, founded by a new wallet.
    pub async fn create(fx: &mut Fixture, name: &str, admission: AdmissionPolicy) -> Self {
        Self::create_under(fx, name, admission, GovernanceParams::default()).await
    }

    /// [`Self::create`] under `governance`.
    pub async fn create_under(
        fx: &mut Fixture,
        name: &str,
        admission: AdmissionPolicy,
        governance: GovernanceParams,
    ) -> Self {
        let founder = fx.wallet().await;
        let mut args = society_args(name, admission);
        args.governance = Some(governance);
        let program_id = fx.program_id();
        fx.send_ok(
            &[ix::create_society(&program_id, &founder.pubkey(), args)],
            &[&founder],
        )
        .await;
        Self {
            founder,
            address: pda::society(&program_id, name).0,
            program_id,
        }
    }

    /// The Member PDA of `wallet`.
    pub fn member(&self, wallet: &Pubkey) -> Pubkey {
        pda::member(&self.program_id, &self.address, wallet).0
    }

    /// The Node PDA of `code`.
    pub fn node(&self, code: &str) -> Pubkey {
        pda::node(&self.program_id, &self.address, code).0
    }

    /// A new wallet that applied (a citizen at once under the open policy).
    pub async fn applicant(&self, fx: &mut Fixture, handle: &str) -> Keypair {
        let wallet = fx.wallet().await;
        fx.send_ok(
            &[ix::apply(
                &self.program_id,
                &wallet.pubkey(),
                &self.address,
                apply_args(handle),
            )],
            &[&wallet],
        )
        .await;
        wallet
    }

    /// A new wallet that applied and was admitted by the steward (if needed).
    pub async fn citizen(&self, fx: &mut Fixture, handle: &str) -> Keypair {
        let wallet = self.applicant(fx, handle).await;
        let member: netstate_client::Member = fx.account(&self.member(&wallet.pubkey())).await;
        if !member.is_citizen() {
            fx.send_ok(
                &[ix::admit_member(
                    &self.program_id,
                    &self.founder.pubkey(),
                    &self.address,
                    &wallet.pubkey(),
                )],
                &[&self.founder],
            )
            .await;
        }
        wallet
    }

    /// Registers node `code`; returns its operator key.
    pub async fn node_with_operator(&self, fx: &mut Fixture, code: &str) -> Keypair {
        let operator = Keypair::new();
        fx.send_ok(
            &[ix::register_node(
                &self.program_id,
                &self.founder.pubkey(),
                &self.address,
                node_spec(code, &operator.pubkey()),
            )],
            &[&self.founder],
        )
        .await;
        operator
    }
}

/// Marks `key` as not signing in `ix` (to build a missing-signer attack by hand).
pub fn without_signer(
    mut ix: anchor_lang::solana_program::instruction::Instruction,
    key: &Pubkey,
) -> anchor_lang::solana_program::instruction::Instruction {
    let mut found = false;
    for meta in ix.accounts.iter_mut().filter(|m| m.pubkey == *key) {
        meta.is_signer = false;
        found = true;
    }
    assert!(found, "{key} is not in the instruction");
    ix
}

/// The keypairs among `candidates` that `ix` requires as signers (to sign a hand-built
/// instruction with exactly who it still asks for).
pub fn signers_of<'a>(
    ix: &anchor_lang::solana_program::instruction::Instruction,
    candidates: &[&'a Keypair],
) -> Vec<&'a Keypair> {
    candidates
        .iter()
        .copied()
        .filter(|k| {
            ix.accounts
                .iter()
                .any(|m| m.is_signer && m.pubkey == k.pubkey())
        })
        .collect()
}

/// Where `account` is among the accounts of `ix` (so that a forged copy names the slot by
/// what it holds, not by a position that moves when accounts are added).
pub fn position(
    ix: &anchor_lang::solana_program::instruction::Instruction,
    account: &Pubkey,
) -> usize {
    ix.accounts
        .iter()
        .position(|meta| meta.pubkey == *account)
        .unwrap_or_else(|| panic!("{account} is not among the instruction's accounts"))
}

/// Replaces the account at position `index` of `ix` with `with` (keeping its flags).
pub fn swap_account(
    mut ix: anchor_lang::solana_program::instruction::Instruction,
    index: usize,
    with: &Pubkey,
) -> anchor_lang::solana_program::instruction::Instruction {
    ix.accounts[index].pubkey = *with;
    ix
}

/// Serializes a netstate account (discriminator + Borsh) into an account owned by
/// `owner`, padded to `len` bytes, funded for rent: forged state for attack tests.
pub fn forged_account<T: anchor_lang::AccountSerialize>(
    value: &T,
    owner: &Pubkey,
    len: usize,
) -> solana_account::Account {
    let mut data = Vec::with_capacity(len);
    value.try_serialize(&mut data).expect("serializes");
    assert!(data.len() <= len, "forged data longer than the account");
    data.resize(len, 0);
    solana_account::Account {
        lamports: 10_000_000,
        data,
        owner: *owner,
        executable: false,
        rent_epoch: 0,
    }
}

/// Rewrites the Member at `address` as expelled, the state an executed `ExpelMember`
/// proposal leaves (the governance issue adds that path); the rest is unchanged.
pub async fn forge_expelled(fx: &mut Fixture, address: &Pubkey) {
    let mut account = fx.raw_account(address).await.expect("member exists");
    let mut member: netstate_client::Member = fx.account(address).await;
    member.status = netstate_client::MemberStatus::Expelled;
    let len = account.data.len();
    account.data.clear();
    anchor_lang::AccountSerialize::try_serialize(&member, &mut account.data).expect("serializes");
    account.data.resize(len, 0);
    fx.set_account(address, account);
}
