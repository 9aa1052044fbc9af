//! Deploying a program of your own over RPC, as `solana program deploy` does it: a buffer
//! written in chunks, deployed through the upgradeable loader, called, then upgraded from a
//! second buffer. The programs are real SBF builds (SPL Memo 3.0 and 1.0, SPL Token 3.5, as
//! `solana-program-test` ships them).

mod common;

use anchor_lang::solana_program::instruction::{AccountMeta, Instruction};
use anchor_lang::solana_program::pubkey::Pubkey;
use common::Node;
use solana_account::ReadableAccount;
use solana_keypair::Keypair;
use solana_loader_v3_interface::instruction as loader;
use solana_loader_v3_interface::state::UpgradeableLoaderState;
use solana_signer::Signer;
use solana_transaction_status_client_types::UiTransactionEncoding;

/// Bytes per `Write` instruction, as the Solana CLI keeps them under the transaction size.
const CHUNK: usize = 900;

/// The ELF of the SPL build `solana-program-test` serves at `id`.
fn spl_elf(id: &str) -> Vec<u8> {
    let id: Pubkey = id.parse().unwrap();
    #[allow(deprecated)]
    let programs = solana_program_binaries::spl_programs(&Default::default());
    programs
        .into_iter()
        .find(|(address, _)| *address == id)
        .map(|(_, account)| account.data().to_vec())
        .expect("the program is shipped")
}

/// A buffer owned by the upgradeable loader holding `elf`, written by `payer`.
async fn buffer(n: &Node, payer: &Keypair, elf: &[u8]) -> Pubkey {
    let buffer = Keypair::new();
    let rent = n
        .rpc
        .get_minimum_balance_for_rent_exemption(UpgradeableLoaderState::size_of_buffer(elf.len()))
        .await
        .unwrap();
    let create = loader::create_buffer(
        &payer.pubkey(),
        &buffer.pubkey(),
        &payer.pubkey(),
        rent,
        elf.len(),
    )
    .unwrap();
    n.send(&create, &[payer, &buffer]).await;
    for (i, chunk) in elf.chunks(CHUNK).enumerate() {
        let offset = u32::try_from(i * CHUNK).unwrap();
        let write = loader::write(&buffer.pubkey(), &payer.pubkey(), offset, chunk.to_vec());
        n.send(&[write], &[payer]).await;
    }
    buffer.pubkey()
}

/// The logs of calling the memo program at `program` with `memo`, signed by `payer`, once the
/// node has moved past the slot it was deployed in (as on a validator).
async fn call(n: &Node, program: &Pubkey, payer: &Keypair, memo: &str) -> Vec<String> {
    let deployed_at = n.rpc.get_slot().await.unwrap();
    while n.rpc.get_slot().await.unwrap() <= deployed_at {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let ix = Instruction {
        program_id: *program,
        accounts: vec![AccountMeta::new_readonly(payer.pubkey(), true)],
        data: memo.as_bytes().to_vec(),
    };
    let signature = n.send(&[ix], &[payer]).await;
    let tx = n
        .rpc
        .get_transaction(&signature, UiTransactionEncoding::Base64)
        .await
        .unwrap();
    Option::<Vec<String>>::from(tx.transaction.meta.unwrap().log_messages).unwrap()
}

/// The error of an upgrade of `program` from `buffer` signed by `authority`, which the node
/// must refuse.
async fn refused_upgrade(
    n: &Node,
    program: &Pubkey,
    buffer: &Pubkey,
    authority: &Keypair,
) -> String {
    let upgrade = loader::upgrade(program, buffer, &authority.pubkey(), &authority.pubkey());
    let tx = n.tx(&[upgrade], &[authority]).await;
    n.rpc
        .send_and_confirm_transaction(&tx)
        .await
        .expect_err("the upgrade is refused")
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_program_is_deployed_called_and_upgraded_over_rpc() {
    let n = Node::memory().await;
    let payer = n.wallet(100).await;
    let v3 = spl_elf("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr");
    let v1 = spl_elf("Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo");
    let token = spl_elf("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");

    let first = buffer(&n, &payer, &v3).await;
    let program = Keypair::new();
    let rent = n
        .rpc
        .get_minimum_balance_for_rent_exemption(UpgradeableLoaderState::size_of_program())
        .await
        .unwrap();
    let deploy = loader::deploy_with_max_program_len(
        &payer.pubkey(),
        &program.pubkey(),
        &first,
        &payer.pubkey(),
        rent,
        v3.len().max(token.len()),
    )
    .unwrap();
    n.send(&deploy, &[&payer, &program]).await;
    let account = n.rpc.get_account(&program.pubkey()).await.unwrap();
    assert!(account.executable);
    assert_eq!(
        account.owner.to_string(),
        "BPFLoaderUpgradeab1e11111111111111111111111"
    );
    // The buffer was emptied into the program's data account.
    assert!(n.rpc.get_account(&first).await.is_err());

    let logs = call(&n, &program.pubkey(), &payer, "hello").await;
    assert_eq!(logs[0], format!("Program {} invoke [1]", program.pubkey()));
    assert!(
        logs.iter()
            .any(|l| l == "Program log: Memo (len 5): \"hello\""),
        "{logs:#?}"
    );
    assert!(
        logs.iter()
            .any(|l| l == &format!("Program log: Signed by {}", payer.pubkey())),
        "{logs:#?}"
    );

    // Memo 1.0 uses a syscall validators no longer accept in new deployments: refused as
    // they refuse it, and the program is left as it was.
    let old = buffer(&n, &payer, &v1).await;
    let error = refused_upgrade(&n, &program.pubkey(), &old, &payer).await;
    assert!(error.contains("invalid account data"), "{error}");
    let logs = call(&n, &program.pubkey(), &payer, "still").await;
    assert!(
        logs.iter()
            .any(|l| l == "Program log: Memo (len 5): \"still\""),
        "{logs:#?}"
    );

    // Upgraded to SPL Token's build, the same address runs the new code: memo bytes are
    // not a token instruction.
    let second = buffer(&n, &payer, &token).await;
    let upgrade = loader::upgrade(&program.pubkey(), &second, &payer.pubkey(), &payer.pubkey());
    n.send(&[upgrade], &[&payer]).await;
    let deployed_at = n.rpc.get_slot().await.unwrap();
    while n.rpc.get_slot().await.unwrap() <= deployed_at {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let not_a_token_instruction = n
        .tx(
            &[Instruction {
                program_id: program.pubkey(),
                accounts: vec![AccountMeta::new_readonly(payer.pubkey(), true)],
                data: b"hello".to_vec(),
            }],
            &[&payer],
        )
        .await;
    let error = n
        .rpc
        .send_and_confirm_transaction(&not_a_token_instruction)
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("Program log: Error: Invalid instruction"),
        "{error}"
    );

    // Only the upgrade authority upgrades.
    let stranger = n.wallet(10).await;
    let third = buffer(&n, &stranger, &v3).await;
    let error = refused_upgrade(&n, &program.pubkey(), &third, &stranger).await;
    assert!(error.contains("Incorrect authority"), "{error}");
    n.stop().await;
}
