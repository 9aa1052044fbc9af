//! [`Fixture`]: one bank with the netstate program loaded, and the helpers tests use.

use anchor_lang::{
    AccountDeserialize, AnchorDeserialize, Discriminator,
    prelude::Clock,
    solana_program::{instruction::Instruction, pubkey::Pubkey, system_instruction},
};
use netstate_localnet::native_builtin;
use solana_account::{Account, AccountSharedData};
use solana_instruction_error::InstructionError;
use solana_keypair::Keypair;
use solana_program_test::{ProgramTest, ProgramTestContext};
use solana_signer::Signer;
use solana_transaction::Transaction;
use solana_transaction_error::TransactionError;

use crate::ExpectedError;

/// 2026-01-01T10:00:00Z: tests start on a known UTC day, at a known hour.
pub const START_TIME: i64 = 1_767_261_600;

/// Lamports every new test wallet receives.
pub const WALLET_LAMPORTS: u64 = 100_000_000_000;

/// True when the tests run the compiled `netstate.so` (`cargo test-sbf` sets `SBF_OUT_DIR`).
pub fn running_sbf() -> bool {
    std::env::var_os("SBF_OUT_DIR").is_some() || std::env::var_os("BPF_OUT_DIR").is_some()
}

/// What a processed transaction left behind.
#[derive(Debug)]
pub struct Outcome {
    /// `Ok(())` or the transaction error.
    pub result: Result<(), TransactionError>,
    /// Program log lines.
    pub logs: Vec<String>,
    /// Compute units consumed.
    pub units: u64,
    /// Return data set by the last instruction that set any.
    pub return_data: Option<Vec<u8>>,
}

impl Outcome {
    /// Every event of type `E` the transaction emitted, in order.
    pub fn events<E: AnchorDeserialize + Discriminator>(&self) -> Vec<E> {
        netstate_client::event_log::decode(&self.logs)
    }

    /// The single event of type `E`; fails the test unless there is exactly one.
    pub fn event<E: AnchorDeserialize + Discriminator>(&self) -> E {
        let mut all = self.events::<E>();
        assert_eq!(
            all.len(),
            1,
            "expected one event of that type; logs: {:#?}",
            self.logs
        );
        all.remove(0)
    }
}

/// A bank with netstate loaded, a payer, and a clock the test controls.
pub struct Fixture {
    /// The program-test context (banks client, payer, bank forks).
    pub ctx: ProgramTestContext,
    now: i64,
    program_id: Pubkey,
}

impl Fixture {
    /// Starts a fresh bank with the program loaded (natively, or from `SBF_OUT_DIR`).
    pub async fn new() -> Self {
        Self::with_accounts(Vec::new()).await
    }

    /// Starts a fresh bank whose genesis already holds `accounts` (for attack tests that
    /// need an account in place before the program ever runs).
    pub async fn with_accounts(accounts: Vec<(Pubkey, Account)>) -> Self {
        let program = ProgramTest::new(
            "netstate",
            netstate::ID,
            native_builtin!(netstate::native::process_instruction),
        );
        Self::start(program, accounts, netstate::ID).await
    }

    /// Starts a fresh bank with netstate at its own id and, beside it, the `relocated`
    /// build (the same source at `netstate_relocated::ID`, as `anchor keys sync` makes a
    /// deployment of your own); the fixture's [`Fixture::program_id`] is the relocated one.
    pub async fn relocated() -> Self {
        let mut program = ProgramTest::new(
            "netstate",
            netstate::ID,
            native_builtin!(netstate::native::process_instruction),
        );
        program.add_program(
            "netstate_relocated",
            netstate_relocated::ID,
            native_builtin!(netstate_relocated::native::process_instruction),
        );
        Self::start(program, Vec::new(), netstate_relocated::ID).await
    }

    async fn start(
        mut program: ProgramTest,
        accounts: Vec<(Pubkey, Account)>,
        program_id: Pubkey,
    ) -> Self {
        for (address, account) in accounts {
            program.add_account(address, account);
        }
        let ctx = program.start_with_context().await;
        // The bank installed solana-program-test's syscall stubs; events go through ours.
        netstate_localnet::native::install_stubs();
        let mut fixture = Self {
            ctx,
            now: START_TIME,
            program_id,
        };
        fixture.next_slot().await;
        fixture
    }

    /// The netstate deployment the fixture's societies live on.
    pub fn program_id(&self) -> Pubkey {
        self.program_id
    }

    /// The fee payer of every transaction the fixture sends.
    pub fn payer(&self) -> &Keypair {
        &self.ctx.payer
    }

    /// The cluster time the next transaction will see.
    pub fn now(&self) -> i64 {
        self.now
    }

    /// The UTC day the next transaction will see.
    pub fn today(&self) -> u32 {
        u32::try_from(self.now / 86_400).expect("day fits u32")
    }

    /// Sets the cluster time the next transaction will see (forward or back): to run a
    /// transaction at the time another runtime ran it.
    pub fn set_now(&mut self, unix_timestamp: i64) {
        self.now = unix_timestamp;
    }

    /// Moves the cluster clock forward by `seconds`.
    pub async fn warp_seconds(&mut self, seconds: i64) {
        self.now += seconds;
        self.next_slot().await;
    }

    /// Moves the bank to `slot` (forward only), as a cluster that has run that long: for
    /// ledgers written elsewhere, whose records name the slots they were made in.
    pub async fn skip_to_slot(&mut self, slot: u64) {
        if slot > self.clock().await.slot {
            self.ctx.warp_to_slot(slot).expect("warp forward");
        }
        self.next_slot().await;
    }

    /// Advances one slot (new blockhash, so identical transactions get new signatures) and
    /// pins the clock to the fixture's time.
    async fn next_slot(&mut self) {
        let slot = self.clock().await.slot;
        self.ctx.warp_to_slot(slot + 1).expect("warp forward");
        let mut clock = self.clock().await;
        clock.unix_timestamp = self.now;
        self.ctx.set_sysvar(&clock);
    }

    /// The Clock sysvar of the working bank.
    pub async fn clock(&mut self) -> Clock {
        self.ctx
            .banks_client
            .get_sysvar::<Clock>()
            .await
            .expect("clock sysvar")
    }

    /// A new wallet holding [`WALLET_LAMPORTS`].
    pub async fn wallet(&mut self) -> Keypair {
        let wallet = Keypair::new();
        self.fund(&wallet.pubkey(), WALLET_LAMPORTS).await;
        wallet
    }

    /// Sends `lamports` from the payer to `to`.
    pub async fn fund(&mut self, to: &Pubkey, lamports: u64) {
        let ix = system_instruction::transfer(&self.ctx.payer.pubkey(), to, lamports);
        self.send_ok(&[ix], &[]).await;
    }

    /// Processes one transaction paid by the fixture's payer and signed by `signers`.
    pub async fn send(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> Outcome {
        self.next_slot().await;
        let payer = self.ctx.payer.insecure_clone();
        let mut all: Vec<&Keypair> = vec![&payer];
        all.extend(
            signers
                .iter()
                .copied()
                .filter(|k| k.pubkey() != payer.pubkey()),
        );
        let tx = Transaction::new_signed_with_payer(
            ixs,
            Some(&payer.pubkey()),
            &all,
            self.ctx.last_blockhash,
        );
        let processed = self
            .ctx
            .banks_client
            .process_transaction_with_metadata(tx)
            .await
            .expect("banks client reachable");
        let (logs, units, return_data) = processed
            .metadata
            .map(|m| {
                let data = m.return_data.map(|r| r.data).filter(|d| !d.is_empty());
                (m.log_messages, m.compute_units_consumed, data)
            })
            .unwrap_or_default();
        Outcome {
            result: processed.result,
            logs,
            units,
            return_data,
        }
    }

    /// Sends and fails the test, with the logs, unless the transaction succeeded.
    pub async fn send_ok(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> Outcome {
        let outcome = self.send(ixs, signers).await;
        assert!(
            outcome.result.is_ok(),
            "transaction failed: {:?}\nlogs: {:#?}",
            outcome.result,
            outcome.logs
        );
        outcome
    }

    /// Sends and fails the test unless the transaction failed with exactly `expected`,
    /// both as the custom error code and as the name in the program log.
    pub async fn send_err(
        &mut self,
        ixs: &[Instruction],
        signers: &[&Keypair],
        expected: impl ExpectedError,
    ) -> Outcome {
        let outcome = self.send(ixs, signers).await;
        match &outcome.result {
            Err(TransactionError::InstructionError(_, InstructionError::Custom(code))) => {
                assert_eq!(
                    *code,
                    expected.code(),
                    "expected {expected:?}, got code {code}; logs: {:#?}",
                    outcome.logs
                );
            }
            other => panic!(
                "expected {expected:?}, got {other:?}; logs: {:#?}",
                outcome.logs
            ),
        }
        // Anchor logs the error's name with `msg!`, which reaches the transaction log only
        // on SBF (natively it goes to stdout); the custom code above names it in both modes.
        if running_sbf() {
            let needle = format!("Error Code: {}.", expected.name());
            assert!(
                outcome.logs.iter().any(|l| l.contains(&needle)),
                "log does not name {expected:?}: {:#?}",
                outcome.logs
            );
        }
        outcome
    }

    /// The account at `address`, if it exists.
    pub async fn raw_account(&mut self, address: &Pubkey) -> Option<Account> {
        self.ctx
            .banks_client
            .get_account(*address)
            .await
            .expect("banks client reachable")
    }

    /// The account at `address`, decoded as `T` (discriminator checked).
    pub async fn account<T: AccountDeserialize>(&mut self, address: &Pubkey) -> T {
        let account = self
            .raw_account(address)
            .await
            .unwrap_or_else(|| panic!("no account at {address}"));
        assert_eq!(
            account.owner, self.program_id,
            "{address} is not owned by netstate"
        );
        T::try_deserialize(&mut account.data.as_slice()).expect("account decodes")
    }

    /// The exit basket of the society at `society`.
    pub async fn exit_basket(&mut self, society: &Pubkey) -> netstate::state::ExitBasket {
        let address = netstate::pda::exit_basket(&self.program_id, society).0;
        self.account(&address).await
    }

    /// What SOL's outflow rails hold for the society at `society` (empty before its first
    /// SOL payment, when SOL's Outflow does not exist yet).
    pub async fn sol_outflow(&mut self, society: &Pubkey) -> netstate::state::OutflowCounter {
        let address = netstate::pda::sol_outflow(&self.program_id, society).0;
        match self.raw_account(&address).await {
            Some(_) => {
                let outflow: netstate::state::Outflow = self.account(&address).await;
                outflow.counter
            }
            None => netstate::state::OutflowCounter::default(),
        }
    }

    /// Lamports at `address` (0 when the account does not exist).
    pub async fn balance(&mut self, address: &Pubkey) -> u64 {
        self.raw_account(address).await.map_or(0, |a| a.lamports)
    }

    /// Overwrites the account at `address` (for attack tests that need forged state).
    pub fn set_account(&mut self, address: &Pubkey, account: Account) {
        self.ctx
            .set_account(address, &AccountSharedData::from(account));
    }

    /// Minimum balance for rent exemption of `len` data bytes.
    pub async fn rent_exempt(&mut self, len: usize) -> u64 {
        self.ctx
            .banks_client
            .get_rent()
            .await
            .expect("rent sysvar")
            .minimum_balance(len)
    }
}
