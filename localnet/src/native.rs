//! Running a native build of a program so that its transaction log reads as a validator's.
//!
//! A validator runs netstate's SBF build: the runtime writes `Program <id> invoke [n]`, the
//! program writes its lines, the loader writes `Program return: <id> <base64>` when return
//! data is set, and the runtime writes `success` or `failed: …`. Natively the program runs
//! through `solana-program-test`'s builtin adapter, which writes its own `invoke` and
//! `success`/`failed` lines beside the runtime's and, for each CPI, an `invoke` line at the
//! caller's depth and a second `success` after the callee's; its syscall stubs drop
//! `sol_log_data` (events) on standard output.
//!
//! [`native_builtin!`](crate::native_builtin) wraps that adapter: it removes the adapter's
//! extra lines, writes events as `Program data: <base64>` into the transaction's log, and
//! writes `Program return:` as the loader does. What can still differ from a validator is
//! what only an SBF build has: the loader's `Program <id> consumed N of M compute units` line
//! and the units themselves.
//!
//! [`install_stubs`] must run after `solana-program-test` has installed its syscall stubs
//! (when its first bank starts) and before the native program runs.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Once, OnceLock};

use anchor_lang::compat::solana_sysvar::program_stubs::{SyscallStubs, set_syscall_stubs};
use anchor_lang::solana_program::{
    account_info::AccountInfo, entrypoint::ProgramResult, instruction::Instruction, pubkey::Pubkey,
};
use solana_program_runtime::invoke_context::InvokeContext;
use solana_program_runtime::stable_log;
use solana_svm_log_collector::LogCollector;

/// A native program's entry: `fn(&Pubkey, &[AccountInfo], &[u8]) -> ProgramResult`.
pub type ProcessInstruction = fn(&Pubkey, &[AccountInfo], &[u8]) -> ProgramResult;

#[doc(hidden)]
pub mod __private {
    pub use solana_program_test::{EbpfError, EbpfVm, InvokeContext, get_runtime_environment_key};
}

/// The builtin entry of a native program `$process` (a `fn(&Pubkey, &[AccountInfo], &[u8])
/// -> ProgramResult`), for `LiteSVM::add_builtin` and `ProgramTest::new`, whose transaction
/// log reads as the SBF build's (see the module's documentation). Like
/// `solana_program_test::processor!`, it evaluates to an `Option` of the entry.
#[macro_export]
macro_rules! native_builtin {
    ($process:path) => {
        Some(|vm, _arg0, _arg1, _arg2, _arg3, _arg4| {
            use $crate::native::__private::{EbpfError, EbpfVm, InvokeContext};
            // SAFETY: as in `solana_program_test::processor!`: the runtime passes the VM's
            // address shifted by its environment key.
            let vm = unsafe {
                &mut *((vm as *mut u64)
                    .offset(-($crate::native::__private::get_runtime_environment_key() as isize))
                    as *mut EbpfVm<InvokeContext>)
            };
            vm.program_result = $crate::native::run($process, vm.context_object_pointer)
                .map_err(|err| EbpfError::SyscallError(err))
                .into();
        })
    };
}

thread_local! {
    /// The log of the transaction whose native program is running on this thread.
    static RUNNING_LOG: RefCell<Option<Rc<RefCell<LogCollector>>>> = const { RefCell::new(None) };
}

/// Runs the native program `process` for the instruction `invoke_context` is at, and shapes
/// its log lines as a validator's.
pub fn run(
    process: ProcessInstruction,
    invoke_context: &mut InvokeContext,
) -> Result<u64, Box<dyn std::error::Error>> {
    let log = invoke_context.get_log_collector();
    let depth = invoke_context.get_stack_height();
    let program_id = *invoke_context
        .transaction_context
        .get_current_instruction_context()?
        .get_program_key()?;
    let first_line = log.as_ref().map_or(0, |l| l.borrow().messages.len());
    let outer = RUNNING_LOG.with(|running| running.replace(log.clone()));
    // solana-program-test's adapter (pinned with the Agave 3.1 line it ships with).
    #[allow(deprecated)]
    let result = solana_program_test::invoke_builtin_function(process, invoke_context);
    RUNNING_LOG.with(|running| running.replace(outer));
    if let Some(log) = &log {
        let mut log = log.borrow_mut();
        let start = first_line.min(log.messages.len());
        let lines = log.messages.split_off(start);
        log.messages.extend(validator_lines(lines, depth));
    }
    if result.is_ok() {
        let (_, data) = invoke_context.transaction_context.get_return_data();
        if !data.is_empty() {
            stable_log::program_return(&log, &program_id, data);
        }
    }
    result
}

/// The lines a native program's invocation at `depth` wrote (through the adapter), less the
/// adapter's own: its `invoke [depth]` and `success`/`failed` lines, and for each CPI its
/// `invoke [depth]` before the runtime's `invoke [depth + 1]` and its `success` after the
/// runtime's. The runtime's lines, the callees' and the program's are kept in order.
pub fn validator_lines(lines: Vec<String>, depth: usize) -> Vec<String> {
    let mut inside = depth;
    lines
        .into_iter()
        .filter(|line| match status_line(line) {
            Some(Status::Invoke(at)) if at > inside => {
                inside = at;
                true
            }
            Some(Status::Invoke(_)) => false,
            Some(Status::Ended) if inside > depth => {
                inside -= 1;
                true
            }
            Some(Status::Ended) => false,
            None => true,
        })
        .collect()
}

enum Status {
    Invoke(usize),
    Ended,
}

/// Whether `line` is the runtime's `Program <id> invoke [n]`, `… success` or `… failed: …`.
fn status_line(line: &str) -> Option<Status> {
    let rest = line.strip_prefix("Program ")?;
    let (id, rest) = rest.split_once(' ')?;
    if id.len() < 32 || id.len() > 44 || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    if rest == "success" || rest.starts_with("failed: ") {
        return Some(Status::Ended);
    }
    let depth = rest.strip_prefix("invoke [")?.strip_suffix(']')?;
    depth.parse().ok().map(Status::Invoke)
}

/// Installs, once per process, syscall stubs that pass every call to
/// `solana-program-test`'s except `sol_log_data`, which they write as `Program data: …` into
/// the log of the running native program. Call it after the first `solana-program-test`
/// bank has started (which installs that crate's stubs) and before a native program runs.
pub fn install_stubs() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        static INNER: OnceLock<Box<dyn SyscallStubs>> = OnceLock::new();
        let inner = set_syscall_stubs(Box::new(DataStubs { inner: &INNER }));
        // A call between the two steps waits for this.
        let _ = INNER.set(inner);
    });
}

/// `solana-program-test`'s stubs, with events written into the transaction's log.
struct DataStubs {
    inner: &'static OnceLock<Box<dyn SyscallStubs>>,
}

impl DataStubs {
    fn inner(&self) -> &dyn SyscallStubs {
        self.inner.wait().as_ref()
    }
}

impl SyscallStubs for DataStubs {
    fn sol_log(&self, message: &str) {
        self.inner().sol_log(message)
    }
    fn sol_log_compute_units(&self) {
        self.inner().sol_log_compute_units()
    }
    fn sol_remaining_compute_units(&self) -> u64 {
        self.inner().sol_remaining_compute_units()
    }
    fn sol_invoke_signed(
        &self,
        instruction: &Instruction,
        account_infos: &[AccountInfo],
        signers_seeds: &[&[&[u8]]],
    ) -> ProgramResult {
        self.inner()
            .sol_invoke_signed(instruction, account_infos, signers_seeds)
    }
    fn sol_get_sysvar(
        &self,
        sysvar_id_addr: *const u8,
        var_addr: *mut u8,
        offset: u64,
        length: u64,
    ) -> u64 {
        self.inner()
            .sol_get_sysvar(sysvar_id_addr, var_addr, offset, length)
    }
    fn sol_get_clock_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner().sol_get_clock_sysvar(var_addr)
    }
    fn sol_get_epoch_schedule_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner().sol_get_epoch_schedule_sysvar(var_addr)
    }
    fn sol_get_fees_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner().sol_get_fees_sysvar(var_addr)
    }
    fn sol_get_rent_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner().sol_get_rent_sysvar(var_addr)
    }
    fn sol_get_epoch_rewards_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner().sol_get_epoch_rewards_sysvar(var_addr)
    }
    fn sol_get_last_restart_slot(&self, var_addr: *mut u8) -> u64 {
        self.inner().sol_get_last_restart_slot(var_addr)
    }
    fn sol_get_epoch_stake(&self, vote_address: *const u8) -> u64 {
        self.inner().sol_get_epoch_stake(vote_address)
    }
    unsafe fn sol_memcpy(&self, dst: *mut u8, src: *const u8, n: usize) {
        // SAFETY: the caller's contract, passed on unchanged.
        unsafe { self.inner().sol_memcpy(dst, src, n) }
    }
    unsafe fn sol_memmove(&self, dst: *mut u8, src: *const u8, n: usize) {
        // SAFETY: the caller's contract, passed on unchanged.
        unsafe { self.inner().sol_memmove(dst, src, n) }
    }
    unsafe fn sol_memcmp(&self, s1: *const u8, s2: *const u8, n: usize, result: *mut i32) {
        // SAFETY: the caller's contract, passed on unchanged.
        unsafe { self.inner().sol_memcmp(s1, s2, n, result) }
    }
    unsafe fn sol_memset(&self, s: *mut u8, c: u8, n: usize) {
        // SAFETY: the caller's contract, passed on unchanged.
        unsafe { self.inner().sol_memset(s, c, n) }
    }
    fn sol_get_return_data(&self) -> Option<(Pubkey, Vec<u8>)> {
        self.inner().sol_get_return_data()
    }
    fn sol_set_return_data(&self, data: &[u8]) {
        self.inner().sol_set_return_data(data)
    }
    fn sol_log_data(&self, fields: &[&[u8]]) {
        let running = RUNNING_LOG.with(|running| running.borrow().clone());
        match running {
            Some(log) => stable_log::program_data(&Some(log), fields),
            None => self.inner().sol_log_data(fields),
        }
    }
    fn sol_get_processed_sibling_instruction(&self, index: usize) -> Option<Instruction> {
        self.inner().sol_get_processed_sibling_instruction(index)
    }
    fn sol_get_stack_height(&self) -> u64 {
        self.inner().sol_get_stack_height()
    }
}

#[cfg(test)]
mod tests {
    use super::validator_lines;

    const N: &str = "6T4i2jdnNx7NezkTzQxpfMSA2vkMDEpUD2g23upnWF2F";
    const SYSTEM: &str = "11111111111111111111111111111111";

    fn lines(all: &[&str]) -> Vec<String> {
        all.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn the_adapters_invoke_and_success_lines_go_and_a_cpi_keeps_the_runtimes() {
        // What the adapter adds inside an invocation at depth 1 that makes one CPI.
        let written = lines(&[
            &format!("Program {N} invoke [1]"),
            "Program log: Instruction: CreateSociety",
            &format!("Program {SYSTEM} invoke [1]"),
            &format!("Program {SYSTEM} invoke [2]"),
            &format!("Program {SYSTEM} success"),
            &format!("Program {SYSTEM} success"),
            "Program data: AAEC",
            &format!("Program {N} success"),
        ]);
        assert_eq!(
            validator_lines(written, 1),
            lines(&[
                "Program log: Instruction: CreateSociety",
                &format!("Program {SYSTEM} invoke [2]"),
                &format!("Program {SYSTEM} success"),
                "Program data: AAEC",
            ])
        );
    }

    #[test]
    fn a_failed_cpi_and_the_adapters_failure_line() {
        let written = lines(&[
            &format!("Program {N} invoke [1]"),
            &format!("Program {SYSTEM} invoke [1]"),
            &format!("Program {SYSTEM} invoke [2]"),
            "Transfer: `from` must not carry data",
            &format!("Program {SYSTEM} failed: invalid program argument"),
            &format!("Program {N} failed: invalid program argument"),
        ]);
        assert_eq!(
            validator_lines(written, 1),
            lines(&[
                &format!("Program {SYSTEM} invoke [2]"),
                "Transfer: `from` must not carry data",
                &format!("Program {SYSTEM} failed: invalid program argument"),
            ])
        );
    }

    #[test]
    fn a_program_line_that_only_looks_like_a_status_is_kept() {
        let written = lines(&[
            "Program log: Program x success",
            "Program not-an-address success",
        ]);
        assert_eq!(validator_lines(written.clone(), 1), written);
    }
}
