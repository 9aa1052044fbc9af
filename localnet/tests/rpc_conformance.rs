//! Every JSON-RPC method the node serves, driven by `solana-client`'s RpcClient (the client
//! netstate and common tools use), including filters, encodings and error paths; plus raw
//! malformed requests that must not hurt the node.

// `get_account_with_config` and `get_program_accounts_with_config` are deprecated in favour
// of their `ui_` forms, but they are what netstate's client and most tools still call, so
// they are what the node must answer.
#![allow(deprecated)]

mod common;

use anchor_lang::solana_program::{program_pack::Pack, pubkey::Pubkey, system_instruction};
use anchor_lang::{AccountDeserialize, Discriminator};
use common::*;
use netstate_client::PROGRAM_ID;
use netstate_client::{Member, Society, instructions as ix, pda};
use netstate_localnet::EngineConfig;
use solana_account_decoder_client_types::{UiAccountEncoding, UiDataSliceConfig};
use solana_client::client_error::ClientErrorKind;
use solana_client::rpc_config::{
    RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcSimulateTransactionConfig,
};
use solana_client::rpc_filter::{Memcmp, RpcFilterType};
use solana_client::rpc_request::{RpcError, RpcResponseErrorData, TokenAccountsFilter};
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction_status_client_types::UiTransactionEncoding;
use spl_token_2022_interface::instruction as token_ix;

const TOKEN: Pubkey = anchor_spl::token::ID;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_methods_answer() {
    let n = Node::memory().await;
    let version = n.rpc.get_version().await.unwrap();
    assert_eq!(version.solana_core, "3.1.12");
    // A number, as a validator of the same line sends it (web3.js refuses `null`).
    #[allow(deprecated)]
    let agave = solana_version::Version::default();
    assert_eq!(version.feature_set, Some(agave.feature_set));
    n.rpc.get_health().await.unwrap();
    let slot = n.rpc.get_slot().await.unwrap();
    assert!(slot >= 1);
    assert!(n.rpc.get_block_height().await.unwrap() >= slot);
    let epoch = n.rpc.get_epoch_info().await.unwrap();
    assert_eq!((epoch.slots_in_epoch, epoch.epoch), (432_000, 0));
    assert!(epoch.absolute_slot >= slot);
    let (hash, last_valid) = n
        .rpc
        .get_latest_blockhash_with_commitment(n.rpc.commitment())
        .await
        .unwrap();
    assert!(last_valid > slot);
    assert!(
        n.rpc
            .is_blockhash_valid(&hash, n.rpc.commitment())
            .await
            .unwrap()
    );
    assert!(
        !n.rpc
            .is_blockhash_valid(&solana_hash::Hash::new_unique(), n.rpc.commitment())
            .await
            .unwrap()
    );
    assert_eq!(
        n.rpc
            .get_minimum_balance_for_rent_exemption(0)
            .await
            .unwrap(),
        890_880
    );
    assert_eq!(
        n.rpc
            .get_minimum_balance_for_rent_exemption(165)
            .await
            .unwrap(),
        2_039_280
    );
    let payer = Keypair::new();
    let message = solana_message::Message::new_with_blockhash(
        &[system_instruction::transfer(
            &payer.pubkey(),
            &Pubkey::new_unique(),
            1,
        )],
        Some(&payer.pubkey()),
        &hash,
    );
    assert_eq!(n.rpc.get_fee_for_message(&message).await.unwrap(), 5_000);
    // Slots and blockhashes advance with time.
    tokio::time::sleep(std::time::Duration::from_millis(900)).await;
    assert!(n.rpc.get_slot().await.unwrap() >= slot + 2);
    assert_ne!(n.rpc.get_latest_blockhash().await.unwrap(), hash);
    n.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn airdrop_balance_and_transfers_are_exact() {
    let n = Node::memory().await;
    let alice = n.wallet(5).await;
    assert_eq!(
        n.rpc.get_balance(&alice.pubkey()).await.unwrap(),
        5_000_000_000
    );
    let bob = Pubkey::new_unique();
    let sig = n
        .send(
            &[system_instruction::transfer(
                &alice.pubkey(),
                &bob,
                1_000_000,
            )],
            &[&alice],
        )
        .await;
    assert_eq!(n.rpc.get_balance(&bob).await.unwrap(), 1_000_000);
    assert_eq!(
        n.rpc.get_balance(&alice.pubkey()).await.unwrap(),
        5_000_000_000 - 1_000_000 - 5_000
    );

    let statuses = n
        .rpc
        .get_signature_statuses(&[sig, solana_signature::Signature::default()])
        .await
        .unwrap()
        .value;
    let status = statuses[0].as_ref().expect("known");
    assert!(status.err.is_none() && status.confirmations.is_none());
    assert!(statuses[1].is_none());
    // Asked alone, a signature the node remembers is answered without the engine (the path
    // above asked it, for the unknown one): the same status, and a context slot at or past
    // the transaction's.
    let alone = n.rpc.get_signature_statuses(&[sig]).await.unwrap();
    assert_eq!(alone.value[0].as_ref(), Some(status));
    assert!(alone.context.slot >= status.slot);
    assert_eq!(
        alone.value[0]
            .as_ref()
            .and_then(|s| s.confirmation_status.clone()),
        Some(solana_transaction_status_client_types::TransactionConfirmationStatus::Finalized)
    );
    // An oversized airdrop is refused by name (RpcClient words airdrop failures its own way,
    // so read the node's answer directly).
    assert!(
        n.rpc
            .request_airdrop(&bob, 2_000_000_000_000)
            .await
            .is_err()
    );
    let body = raw_post(
        &n.node.url(),
        &format!(
            r#"{{"jsonrpc":"2.0","id":1,"method":"requestAirdrop","params":["{bob}",2000000000000]}}"#
        ),
    );
    assert!(body.contains("airdrop request must be between"), "{body}");
    n.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_come_in_every_encoding_and_slice() {
    let n = Node::memory().await;
    let (founder, society) = society(&n, "Solar State").await;
    let expected = n.rpc.get_account_data(&society).await.unwrap(); // base64+zstd
    let decoded = Society::try_deserialize(&mut expected.as_slice()).unwrap();
    assert_eq!(decoded.name, "Solar State");

    for encoding in [UiAccountEncoding::Base64, UiAccountEncoding::Base64Zstd] {
        let config = RpcAccountInfoConfig {
            encoding: Some(encoding),
            ..Default::default()
        };
        let account = n
            .rpc
            .get_account_with_config(&society, config)
            .await
            .unwrap()
            .value
            .unwrap();
        assert_eq!(account.data, expected, "{encoding:?}");
        assert_eq!(account.owner, netstate::ID);
    }
    let config = RpcAccountInfoConfig {
        encoding: Some(UiAccountEncoding::Base64),
        data_slice: Some(UiDataSliceConfig {
            offset: 8,
            length: 3,
        }),
        ..Default::default()
    };
    let sliced = n
        .rpc
        .get_account_with_config(&society, config)
        .await
        .unwrap()
        .value
        .unwrap();
    assert_eq!(sliced.data, expected[8..11].to_vec());
    // Base58 is refused for data over 128 bytes, as validators do.
    let config = RpcAccountInfoConfig {
        encoding: Some(UiAccountEncoding::Base58),
        ..Default::default()
    };
    let err = n
        .rpc
        .get_account_with_config(&society, config)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("base 58"), "{err}");

    let member = pda::member(&PROGRAM_ID, &society, &founder.pubkey()).0;
    let missing = Pubkey::new_unique();
    let many = n
        .rpc
        .get_multiple_accounts(&[society, missing, member])
        .await
        .unwrap();
    assert!(many[0].is_some() && many[1].is_none());
    let m = Member::try_deserialize(&mut many[2].as_ref().unwrap().data.as_slice()).unwrap();
    assert_eq!(m.handle, "founder");
    assert!(n.rpc.get_account(&missing).await.is_err());
    n.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn program_accounts_are_filtered_on_the_node() {
    let n = Node::memory().await;
    let (_, solar) = society(&n, "Solar").await;
    let (_, lunar) = society(&n, "Lunar").await;
    for i in 0..3 {
        let w = n.wallet(1).await;
        n.send(
            &[ix::apply(
                &PROGRAM_ID,
                &w.pubkey(),
                &solar,
                netstate_client::ApplyArgs {
                    handle: format!("s{i}"),
                    profile_uri: String::new(),
                },
            )],
            &[&w],
        )
        .await;
    }
    let member_size = (8 + <Member as anchor_lang::Space>::INIT_SPACE) as u64;
    let members_of = |society: Pubkey, encoding: UiAccountEncoding| RpcProgramAccountsConfig {
        filters: Some(vec![
            RpcFilterType::Memcmp(Memcmp::new_raw_bytes(0, Member::DISCRIMINATOR.to_vec())),
            RpcFilterType::Memcmp(Memcmp::new_base58_encoded(10, society.as_ref())),
            RpcFilterType::DataSize(member_size),
        ]),
        account_config: RpcAccountInfoConfig {
            encoding: Some(encoding),
            ..Default::default()
        },
        ..Default::default()
    };
    for encoding in [UiAccountEncoding::Base64, UiAccountEncoding::Base64Zstd] {
        let solar_members = n
            .rpc
            .get_program_accounts_with_config(&netstate::ID, members_of(solar, encoding))
            .await
            .unwrap();
        assert_eq!(solar_members.len(), 4, "founder + 3 applicants");
        for (address, account) in &solar_members {
            let m = Member::try_deserialize(&mut account.data.as_slice()).unwrap();
            assert_eq!(
                (m.society, pda::member(&PROGRAM_ID, &solar, &m.wallet).0),
                (solar, *address)
            );
        }
    }
    let lunar_members = n
        .rpc
        .get_program_accounts_with_config(
            &netstate::ID,
            members_of(lunar, UiAccountEncoding::Base64),
        )
        .await
        .unwrap();
    assert_eq!(lunar_members.len(), 1);
    // Data slices apply to every result.
    let mut sliced = members_of(solar, UiAccountEncoding::Base64);
    sliced.account_config.data_slice = Some(UiDataSliceConfig {
        offset: 0,
        length: 8,
    });
    let heads = n
        .rpc
        .get_program_accounts_with_config(&netstate::ID, sliced)
        .await
        .unwrap();
    assert!(
        heads
            .iter()
            .all(|(_, a)| a.data == Member::DISCRIMINATOR.to_vec())
    );
    // Everything the program owns: 2 societies with their exit baskets and SOL outflow
    // records, 5 members.
    assert_eq!(
        n.rpc
            .get_program_accounts(&netstate::ID)
            .await
            .unwrap()
            .len(),
        11
    );
    // A filter the node cannot apply is an error, not a silent full scan.
    let bad = RpcProgramAccountsConfig {
        filters: Some(vec![RpcFilterType::DataSize(1); 5]),
        ..Default::default()
    };
    assert!(
        n.rpc
            .get_program_accounts_with_config(&netstate::ID, bad)
            .await
            .is_err()
    );
    n.stop().await;
}

/// A mint with 6 decimals and `owner`'s associated token account holding `amount`.
async fn token_setup(n: &Node, owner: &Keypair, amount: u64) -> (Pubkey, Pubkey) {
    let mint = Keypair::new();
    let rent = n
        .rpc
        .get_minimum_balance_for_rent_exemption(82)
        .await
        .unwrap();
    let account = spl_associated_token_account_interface::address::get_associated_token_address_with_program_id(
        &owner.pubkey(),
        &mint.pubkey(),
        &TOKEN,
    );
    n.send(
        &[
            system_instruction::create_account(&owner.pubkey(), &mint.pubkey(), rent, 82, &TOKEN),
            token_ix::initialize_mint2(&TOKEN, &mint.pubkey(), &owner.pubkey(), None, 6).unwrap(),
            spl_associated_token_account_interface::instruction::create_associated_token_account(
                &owner.pubkey(),
                &owner.pubkey(),
                &mint.pubkey(),
                &TOKEN,
            ),
            token_ix::mint_to(
                &TOKEN,
                &mint.pubkey(),
                &account,
                &owner.pubkey(),
                &[],
                amount,
            )
            .unwrap(),
        ],
        &[owner, &mint],
    )
    .await;
    (mint.pubkey(), account)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_balances_and_accounts_by_owner() {
    let n = Node::memory().await;
    let owner = n.wallet(2).await;
    let (mint, account) = token_setup(&n, &owner, 1_234_500).await;
    let balance = n.rpc.get_token_account_balance(&account).await.unwrap();
    assert_eq!(
        (
            balance.amount.as_str(),
            balance.decimals,
            balance.ui_amount_string.as_str()
        ),
        ("1234500", 6, "1.2345")
    );
    let by_mint = n
        .rpc
        .get_token_accounts_by_owner(&owner.pubkey(), TokenAccountsFilter::Mint(mint))
        .await
        .unwrap();
    assert_eq!(by_mint.len(), 1);
    assert_eq!(by_mint[0].pubkey, account.to_string());
    // `jsonParsed`, as wallets read token balances (Agave's account decoder).
    let solana_account_decoder_client_types::UiAccountData::Json(parsed) = &by_mint[0].account.data
    else {
        panic!("a parsed account: {:?}", by_mint[0].account.data);
    };
    assert_eq!(parsed.program, "spl-token");
    assert_eq!(parsed.parsed["type"], "account");
    assert_eq!(parsed.parsed["info"]["mint"], mint.to_string());
    assert_eq!(parsed.parsed["info"]["owner"], owner.pubkey().to_string());
    assert_eq!(
        parsed.parsed["info"]["tokenAmount"]["uiAmountString"],
        "1.2345"
    );
    let by_program = n
        .rpc
        .get_token_accounts_by_owner(&owner.pubkey(), TokenAccountsFilter::ProgramId(TOKEN))
        .await
        .unwrap();
    assert_eq!(by_program.len(), 1);
    let nobody = n
        .rpc
        .get_token_accounts_by_owner(&Pubkey::new_unique(), TokenAccountsFilter::Mint(mint))
        .await
        .unwrap();
    assert!(nobody.is_empty());
    // Not a token account: a named error.
    let err = n
        .rpc
        .get_token_account_balance(&owner.pubkey())
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("could not find account")
            || err.to_string().contains("not a Token account"),
        "{err}"
    );
    n.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simulation_reports_logs_units_and_return_data() {
    let n = Node::memory().await;
    let owner = n.wallet(2).await;
    let (mint, _) = token_setup(&n, &owner, 1).await;
    // SPL Token's GetAccountDataSize sets return data: the size of an account for the mint.
    let size_ix = token_ix::get_account_data_size(&TOKEN, &mint, &[]).unwrap();
    let tx = n.tx(&[size_ix], &[&owner]).await;
    let sim = n.rpc.simulate_transaction(&tx).await.unwrap().value;
    assert!(sim.err.is_none(), "{sim:?}");
    assert!(sim.units_consumed.unwrap() > 0);
    assert!(
        sim.logs
            .unwrap()
            .iter()
            .any(|l| l.contains(&format!("{TOKEN} invoke [1]")))
    );
    let data = sim.return_data.expect("return data");
    assert_eq!(data.program_id, TOKEN.to_string());
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&data.data.0)
        .unwrap();
    assert_eq!(
        u64::from_le_bytes(bytes.try_into().unwrap()),
        spl_token_2022_interface::state::Account::LEN as u64
    );

    // A failing program instruction: the error and the logs, nothing stored.
    let (_, society) = society(&n, "Solar").await;
    let again = ix::apply(
        &PROGRAM_ID,
        &owner.pubkey(),
        &society,
        netstate_client::ApplyArgs {
            handle: "".into(),
            profile_uri: String::new(),
        },
    );
    let tx = n.tx(&[again], &[&owner]).await;
    let config = RpcSimulateTransactionConfig {
        sig_verify: true,
        ..Default::default()
    };
    let sim = n
        .rpc
        .simulate_transaction_with_config(&tx, config)
        .await
        .unwrap()
        .value;
    let err = sim.err.expect("fails").to_string();
    assert!(
        err.contains(&format!(
            "{:#x}",
            u32::from(netstate_client::NetstateError::HandleEmpty)
        )),
        "{err}"
    );
    n.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_preflight_returns_the_validator_error_shape_with_logs() {
    let n = Node::memory().await;
    let (founder, society) = society(&n, "Solar").await;
    // Applying again: AlreadyMember.
    let again = ix::apply(
        &PROGRAM_ID,
        &founder.pubkey(),
        &society,
        netstate_client::ApplyArgs {
            handle: "x".into(),
            profile_uri: String::new(),
        },
    );
    let tx = n.tx(&[again], &[&founder]).await;
    let err = n.rpc.send_transaction(&tx).await.unwrap_err();
    let ClientErrorKind::RpcError(RpcError::RpcResponseError {
        code,
        message,
        data,
        ..
    }) = err.kind()
    else {
        panic!("not an RPC response error: {err}");
    };
    assert_eq!(*code, -32002);
    assert!(
        message.starts_with("Transaction simulation failed"),
        "{message}"
    );
    let RpcResponseErrorData::SendTransactionPreflightFailure(result) = data else {
        panic!("no simulation in the error data: {data:?}");
    };
    assert!(
        result
            .logs
            .as_ref()
            .is_some_and(|l| l.iter().any(|l| l.contains(&netstate::ID.to_string())))
    );
    let code = u32::from(netstate_client::NetstateError::AlreadyMember);
    let err = result.err.as_ref().unwrap().to_string();
    assert!(err.contains(&format!("{code:#x}")), "{err}");
    // Nothing was recorded.
    let status = n
        .rpc
        .get_signature_statuses(&[tx.signatures[0]])
        .await
        .unwrap()
        .value;
    assert!(status[0].is_none());

    // A bad signature: -32003.
    let mut forged = n
        .tx(
            &[system_instruction::transfer(
                &founder.pubkey(),
                &Pubkey::new_unique(),
                1,
            )],
            &[&founder],
        )
        .await;
    forged.signatures[0] = solana_signature::Signature::from([7u8; 64]);
    let err = n.rpc.send_transaction(&forged).await.unwrap_err();
    assert!(
        matches!(
            err.kind(),
            ClientErrorKind::RpcError(RpcError::RpcResponseError { code: -32003, .. })
        ),
        "{err}"
    );
    // A stale blockhash.
    let stale = solana_transaction::Transaction::new_signed_with_payer(
        &[system_instruction::transfer(
            &founder.pubkey(),
            &Pubkey::new_unique(),
            1,
        )],
        Some(&founder.pubkey()),
        &[&founder],
        solana_hash::Hash::new_unique(),
    );
    let err = n.rpc.send_transaction(&stale).await.unwrap_err();
    assert!(err.to_string().contains("Blockhash not found"), "{err}");
    n.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transactions_are_replay_protected_and_readable() {
    let n = Node::memory().await;
    let alice = n.wallet(1).await;
    let bob = Pubkey::new_unique();
    let tx = n
        .tx(
            &[system_instruction::transfer(
                &alice.pubkey(),
                &bob,
                1_000_000,
            )],
            &[&alice],
        )
        .await;
    let sig = n.rpc.send_and_confirm_transaction(&tx).await.unwrap();
    let err = n.rpc.send_transaction(&tx).await.unwrap_err();
    assert!(err.to_string().contains("already been processed"), "{err}");

    let got = n
        .rpc
        .get_transaction(&sig, UiTransactionEncoding::Base64)
        .await
        .unwrap();
    let decoded = got
        .transaction
        .transaction
        .decode()
        .expect("base64 decodes");
    assert_eq!(decoded.signatures[0], sig);
    let meta = got.transaction.meta.unwrap();
    assert_eq!(meta.fee, 5_000);
    assert!(meta.err.is_none());
    assert_eq!(meta.pre_balances[0] - meta.post_balances[0], 1_005_000);
    assert_eq!(meta.post_balances[1], 1_000_000);
    assert!(got.block_time.is_some());
    let logs: Option<Vec<String>> = meta.log_messages.into();
    assert!(
        logs.unwrap()
            .iter()
            .any(|l| l.contains("11111111111111111111111111111111 success"))
    );
    let b58 = n
        .rpc
        .get_transaction(&sig, UiTransactionEncoding::Base58)
        .await
        .unwrap();
    assert_eq!(
        b58.transaction.transaction.decode().unwrap().signatures[0],
        sig
    );
    // `json`, the encoding validators answer by default: the raw message, readable as is,
    // and the same transaction once decoded.
    for encoding in [Some(UiTransactionEncoding::Json), None] {
        let json = match encoding {
            Some(encoding) => n.rpc.get_transaction(&sig, encoding).await.unwrap(),
            None => {
                n.rpc
                    .send::<solana_transaction_status_client_types::EncodedConfirmedTransactionWithStatusMeta>(
                        solana_client::rpc_request::RpcRequest::GetTransaction,
                        serde_json::json!([sig.to_string()]),
                    )
                    .await
                    .unwrap()
            }
        };
        let solana_transaction_status_client_types::EncodedTransaction::Json(ui) =
            &json.transaction.transaction
        else {
            panic!("not json: {:?}", json.transaction.transaction);
        };
        assert_eq!(ui.signatures, [sig.to_string()]);
        let solana_transaction_status_client_types::UiMessage::Raw(message) = &ui.message else {
            panic!("not a raw message: {:?}", ui.message);
        };
        assert_eq!(message.account_keys[0], alice.pubkey().to_string());
        assert_eq!(message.header.num_required_signatures, 1);
        assert_eq!(message.instructions.len(), 1);
        assert_eq!(
            message.account_keys[usize::from(message.instructions[0].program_id_index)],
            "11111111111111111111111111111111"
        );
        // The same message as the binary encodings carry.
        assert_eq!(
            message.recent_blockhash,
            decoded.message.recent_blockhash().to_string()
        );
        assert_eq!(
            message.instructions[0].data,
            bs58::encode(&decoded.message.instructions()[0].data).into_string()
        );
    }
    // jsonParsed, by Agave's own encoder: the System transfer as explorers and wallets show it.
    let parsed = n
        .rpc
        .get_transaction(&sig, UiTransactionEncoding::JsonParsed)
        .await
        .unwrap();
    use solana_transaction_status_client_types::{
        EncodedTransaction, UiInstruction, UiMessage, UiParsedInstruction,
    };
    let EncodedTransaction::Json(ui) = parsed.transaction.transaction else {
        panic!("a JSON transaction");
    };
    let UiMessage::Parsed(message) = ui.message else {
        panic!("a parsed message");
    };
    assert_eq!(message.account_keys[0].pubkey, alice.pubkey().to_string());
    assert!(message.account_keys[0].signer && message.account_keys[0].writable);
    let UiInstruction::Parsed(UiParsedInstruction::Parsed(transfer)) = &message.instructions[0]
    else {
        panic!("a parsed instruction: {:?}", message.instructions[0]);
    };
    assert_eq!(transfer.program, "system");
    assert_eq!(transfer.parsed["type"], "transfer");
    assert_eq!(
        transfer.parsed["info"]["source"],
        alice.pubkey().to_string()
    );
    assert_eq!(transfer.parsed["info"]["destination"], bob.to_string());
    assert_eq!(transfer.parsed["info"]["lamports"], 1_000_000);
    let logs: Option<Vec<String>> = parsed.transaction.meta.unwrap().log_messages.into();
    assert!(logs.is_some_and(|l| !l.is_empty()));
    n.stop().await;
}

/// The history of one address, newest first, paged with `before`, in memory and on a ledger
/// (kept across a restart).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signatures_for_an_address_come_newest_first_and_page() {
    use solana_client::rpc_client::GetConfirmedSignaturesForAddress2Config;
    let dir = tempfile::tempdir().unwrap();
    let config = || EngineConfig {
        ledger: Some(dir.path().join("ledger")),
        ..Default::default()
    };
    for persistent in [false, true] {
        let n = if persistent {
            Node::start(config()).await
        } else {
            Node::memory().await
        };
        let payer = n.wallet(10).await;
        let watched = Pubkey::new_unique();
        let mut sent = Vec::new();
        for lamports in [1_000_000, 2_000_000, 3_000_000] {
            let ix = system_instruction::transfer(&payer.pubkey(), &watched, lamports);
            sent.push(n.send(&[ix], &[&payer]).await);
        }
        // Another address's transfer is not in this history.
        let other = system_instruction::transfer(&payer.pubkey(), &Pubkey::new_unique(), 1_000_000);
        n.send(&[other], &[&payer]).await;
        let all = n.rpc.get_signatures_for_address(&watched).await.unwrap();
        let got: Vec<String> = all.iter().map(|s| s.signature.clone()).collect();
        let expected: Vec<String> = sent.iter().rev().map(ToString::to_string).collect();
        assert_eq!(got, expected);
        assert!(
            all.iter()
                .all(|s| s.err.is_none() && s.block_time.is_some())
        );
        let page = n
            .rpc
            .get_signatures_for_address_with_config(
                &watched,
                GetConfirmedSignaturesForAddress2Config {
                    before: Some(sent[2]),
                    limit: Some(1),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(page.len(), 1);
        assert_eq!(page[0].signature, sent[1].to_string());
        let until = n
            .rpc
            .get_signatures_for_address_with_config(
                &watched,
                GetConfirmedSignaturesForAddress2Config {
                    until: Some(sent[0]),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(until.len(), 2);
        let too_many = n
            .rpc
            .get_signatures_for_address_with_config(
                &watched,
                GetConfirmedSignaturesForAddress2Config {
                    limit: Some(1_001),
                    ..Default::default()
                },
            )
            .await
            .unwrap_err();
        assert!(too_many.to_string().contains("Invalid limit"), "{too_many}");
        n.stop().await;
        if persistent {
            // The index is on disk: a restarted node reads the same history.
            let again = Node::start(config()).await;
            let after = again
                .rpc
                .get_signatures_for_address(&watched)
                .await
                .unwrap();
            assert_eq!(after.len(), 3);
            again.stop().await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_get_standard_errors_and_the_node_survives() {
    let n = Node::memory().await;
    let url = n.node.url();
    let parse = raw_post(&url, "{not json");
    assert!(parse.contains("-32700"), "{parse}");
    let unknown = raw_post(
        &url,
        r#"{"jsonrpc":"2.0","id":1,"method":"getNothing","params":[]}"#,
    );
    assert!(unknown.contains("-32601"), "{unknown}");
    let bad_key = raw_post(
        &url,
        r#"{"jsonrpc":"2.0","id":2,"method":"getBalance","params":["nope"]}"#,
    );
    assert!(
        bad_key.contains("-32602") && bad_key.contains("nope"),
        "{bad_key}"
    );
    let missing = raw_post(
        &url,
        r#"{"jsonrpc":"2.0","id":3,"method":"getBalance","params":[]}"#,
    );
    assert!(missing.contains("-32602"), "{missing}");
    let garbage_tx = raw_post(
        &url,
        r#"{"jsonrpc":"2.0","id":4,"method":"sendTransaction","params":["AAAA",{"encoding":"base64"}]}"#,
    );
    assert!(
        garbage_tx.contains("-32602") && garbage_tx.contains("deserialize"),
        "{garbage_tx}"
    );
    let negative_warp = raw_post(
        &url,
        r#"{"jsonrpc":"2.0","id":5,"method":"netstate_warpClock","params":[-5]}"#,
    );
    assert!(negative_warp.contains("-32602"), "{negative_warp}");
    // Still serving.
    assert!(n.rpc.get_slot().await.is_ok());
    n.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_clock_follows_wall_time_and_warps_forward() {
    let n = Node::memory().await;
    let wall = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let clock: anchor_lang::prelude::Clock = bincode_clock(&n).await;
    assert!(
        (clock.unix_timestamp - wall).abs() <= 2,
        "clock {} vs wall {wall}",
        clock.unix_timestamp
    );
    let body = raw_post(
        &n.node.url(),
        r#"{"jsonrpc":"2.0","id":1,"method":"netstate_warpClock","params":[86400]}"#,
    );
    assert!(body.contains("unixTimestamp"), "{body}");
    let warped = bincode_clock(&n).await;
    assert!(warped.unix_timestamp - clock.unix_timestamp >= 86_400);
    assert!(warped.slot > clock.slot);
    n.stop().await;
}

async fn bincode_clock(n: &Node) -> anchor_lang::prelude::Clock {
    let data = n
        .rpc
        .get_account_data(
            &"SysvarC1ock11111111111111111111111111111111"
                .parse()
                .unwrap(),
        )
        .await
        .unwrap();
    bincode::deserialize(&data).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_method_of_every_group_is_served() {
    let n = Node::memory().await;
    let url = n.node.url();
    let groups: [(&str, &[&str]); 7] = [
        (
            "minimal",
            &[
                "getBalance",
                "getEpochInfo",
                "getGenesisHash",
                "getHealth",
                "getSlot",
                "getBlockHeight",
                "getTransactionCount",
                "getVersion",
            ],
        ),
        ("bank_data", &["getMinimumBalanceForRentExemption"]),
        (
            "accounts_data",
            &[
                "getAccountInfo",
                "getMultipleAccounts",
                "getTokenAccountBalance",
            ],
        ),
        (
            "accounts_scan",
            &["getProgramAccounts", "getTokenAccountsByOwner"],
        ),
        (
            "full",
            &[
                "getSignatureStatuses",
                "requestAirdrop",
                "sendTransaction",
                "simulateTransaction",
                "getTransaction",
                "getSignaturesForAddress",
                "getLatestBlockhash",
                "isBlockhashValid",
                "getFeeForMessage",
                "getRecentPrioritizationFees",
            ],
        ),
        (
            // Over HTTP a subscription is refused for wanting a websocket, never unknown
            // (`pubsub.rs` tests them over a websocket).
            "pubsub",
            &[
                "signatureSubscribe",
                "signatureUnsubscribe",
                "accountSubscribe",
                "accountUnsubscribe",
                "programSubscribe",
                "programUnsubscribe",
                "logsSubscribe",
                "logsUnsubscribe",
                "slotSubscribe",
                "slotUnsubscribe",
                "rootSubscribe",
                "rootUnsubscribe",
            ],
        ),
        ("admin", &["netstate_warpClock"]),
    ];
    for (group, names) in groups {
        for name in names {
            // Without parameters a method answers or asks for them; it is never unknown.
            let body = raw_post(
                &url,
                &format!(r#"{{"jsonrpc":"2.0","id":1,"method":"{name}","params":[]}}"#),
            );
            assert!(
                !body.contains("-32601") && body.contains(r#""jsonrpc":"2.0""#),
                "{group}::{name}: {body}"
            );
        }
    }
    n.stop().await;
}

/// A priority fee is charged as validators charge it (limit × price, rounded up, on top of
/// the signature fee), quoted by `getFeeForMessage`, and reported per slot and per written
/// account by `getRecentPrioritizationFees`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn priority_fees_are_charged_quoted_and_reported_per_account() {
    use solana_compute_budget_interface::ComputeBudgetInstruction;
    let n = Node::memory().await;
    let alice = n.wallet(1).await;
    let (hot, cold) = (Pubkey::new_unique(), Pubkey::new_unique());
    let pay = |to: &Pubkey, price: u64| {
        vec![
            ComputeBudgetInstruction::set_compute_unit_limit(20_000),
            ComputeBudgetInstruction::set_compute_unit_price(price),
            system_instruction::transfer(&alice.pubkey(), to, 1_000_000),
        ]
    };
    let message = solana_message::Message::new_with_blockhash(
        &pay(&hot, 250_000),
        Some(&alice.pubkey()),
        &n.rpc.get_latest_blockhash().await.unwrap(),
    );
    // 20 000 units at 250 000 micro-lamports: 5 000 lamports on top of the signature's.
    assert_eq!(n.rpc.get_fee_for_message(&message).await.unwrap(), 10_000);
    let before = n.rpc.get_balance(&alice.pubkey()).await.unwrap();
    n.send(&pay(&hot, 250_000), &[&alice]).await;
    assert_eq!(
        before - n.rpc.get_balance(&alice.pubkey()).await.unwrap(),
        1_000_000 + 10_000
    );
    n.send(&pay(&cold, 0), &[&alice]).await;

    let fees = |accounts: Vec<Pubkey>| {
        let rpc = &n.rpc;
        async move {
            rpc.get_recent_prioritization_fees(&accounts)
                .await
                .unwrap()
                .iter()
                .map(|f| f.prioritization_fee)
                .max()
                .unwrap_or(0)
        }
    };
    assert_eq!(fees(vec![hot]).await, 250_000, "writing hot cost that");
    assert_eq!(fees(vec![cold]).await, 0, "cold was written for free");
    let too_many: Vec<String> = (0..129).map(|_| Pubkey::new_unique().to_string()).collect();
    let body = raw_post(
        &n.node.url(),
        &format!(
            r#"{{"jsonrpc":"2.0","id":1,"method":"getRecentPrioritizationFees","params":[{}]}}"#,
            serde_json::to_string(&too_many).unwrap()
        ),
    );
    assert!(body.contains("Too many inputs provided; max 128"), "{body}");
    n.stop().await;
}

/// A durable nonce keeps a signed transaction valid while blockhashes expire: ten minutes of
/// clock later (the slots move with it, and every blockhash of then has expired) it lands,
/// once; the nonce then moves on, so neither it nor another transaction on the old nonce
/// lands again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_durable_nonce_transaction_lands_once_after_its_blockhash_would_have_expired() {
    let n = Node::memory().await;
    let alice = n.wallet(1).await;
    let nonce = Keypair::new();
    let rent = n
        .rpc
        .get_minimum_balance_for_rent_exemption(solana_nonce::state::State::size())
        .await
        .unwrap();
    n.send(
        &system_instruction::create_nonce_account(
            &alice.pubkey(),
            &nonce.pubkey(),
            &alice.pubkey(),
            rent,
        ),
        &[&alice, &nonce],
    )
    .await;
    let stored = |data: Vec<u8>| {
        let versions: solana_nonce::versions::Versions = bincode::deserialize(&data).unwrap();
        match versions.state() {
            solana_nonce::state::State::Initialized(data) => data.blockhash(),
            solana_nonce::state::State::Uninitialized => panic!("not initialized"),
        }
    };
    let value = stored(n.rpc.get_account_data(&nonce.pubkey()).await.unwrap());
    let bob = Pubkey::new_unique();
    let pay = |amount: u64, blockhash| {
        solana_transaction::Transaction::new_signed_with_payer(
            &[
                system_instruction::advance_nonce_account(&nonce.pubkey(), &alice.pubkey()),
                system_instruction::transfer(&alice.pubkey(), &bob, amount),
            ],
            Some(&alice.pubkey()),
            &[&alice],
            blockhash,
        )
    };
    let signed = pay(1_000_000, value);
    let plain = n
        .tx(
            &[system_instruction::transfer(
                &alice.pubkey(),
                &bob,
                2_000_000,
            )],
            &[&alice],
        )
        .await;

    // Ten minutes pass.
    let warp = raw_post(
        &n.node.url(),
        r#"{"jsonrpc":"2.0","id":1,"method":"netstate_warpClock","params":[600]}"#,
    );
    assert!(warp.contains("unixTimestamp"), "{warp}");
    let err = n.rpc.send_transaction(&plain).await.unwrap_err();
    assert!(err.to_string().contains("Blockhash not found"), "{err}");

    n.rpc.send_and_confirm_transaction(&signed).await.unwrap();
    assert_eq!(n.rpc.get_balance(&bob).await.unwrap(), 1_000_000);
    let moved = stored(n.rpc.get_account_data(&nonce.pubkey()).await.unwrap());
    assert_ne!(moved, value, "the nonce moved on");
    let again = n.rpc.send_transaction(&signed).await.unwrap_err();
    assert!(
        again.to_string().contains("already been processed"),
        "{again}"
    );
    let other = pay(3_000_000, value);
    let err = n.rpc.send_transaction(&other).await.unwrap_err();
    assert!(err.to_string().contains("Blockhash not found"), "{err}");
    // The new nonce works, once per slot.
    n.rpc
        .send_and_confirm_transaction(&pay(4_000_000, moved))
        .await
        .unwrap();
    assert_eq!(n.rpc.get_balance(&bob).await.unwrap(), 5_000_000);
    n.stop().await;
}

/// A v0 transaction in `jsonParsed` is refused without `maxSupportedTransactionVersion`,
/// with the validator's error, and shown with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_v0_transaction_is_parsed_only_for_a_client_that_says_it_reads_v0() {
    use solana_client::rpc_config::RpcTransactionConfig;
    use solana_transaction::versioned::TransactionVersion;
    let n = Node::memory().await;
    let alice = n.wallet(1).await;
    let blockhash = n.rpc.get_latest_blockhash().await.unwrap();
    let message = solana_message::v0::Message::try_compile(
        &alice.pubkey(),
        &[system_instruction::transfer(
            &alice.pubkey(),
            &Pubkey::new_unique(),
            1_000_000,
        )],
        &[],
        blockhash,
    )
    .unwrap();
    let tx = solana_transaction::versioned::VersionedTransaction::try_new(
        solana_message::VersionedMessage::V0(message),
        &[&alice],
    )
    .unwrap();
    let sig = n.rpc.send_and_confirm_transaction(&tx).await.unwrap();
    let config = |max| RpcTransactionConfig {
        encoding: Some(UiTransactionEncoding::JsonParsed),
        commitment: None,
        max_supported_transaction_version: max,
    };
    let refused = n
        .rpc
        .get_transaction_with_config(&sig, config(None))
        .await
        .unwrap_err();
    let ClientErrorKind::RpcError(RpcError::RpcResponseError { code, message, .. }) =
        refused.kind()
    else {
        panic!("an RPC error: {refused}");
    };
    assert_eq!(*code, -32015);
    assert!(
        message.contains("Transaction version (0) is not supported"),
        "{message}"
    );
    let shown = n
        .rpc
        .get_transaction_with_config(&sig, config(Some(0)))
        .await
        .unwrap();
    assert_eq!(
        shown.transaction.version,
        Some(TransactionVersion::Number(0))
    );
    n.stop().await;
}
