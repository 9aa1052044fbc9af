use netstate_client::{AdmissionPolicy, CreateSocietyArgs, Society, instructions as ix, pda};
use netstate_localnet::{EngineConfig, Localnet};
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction::Transaction;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smoke() {
    let node = Localnet::start(EngineConfig::default(), 0).await.unwrap();
    let rpc = RpcClient::new(node.url());
    let v = rpc.get_version().await.unwrap();
    assert_eq!(v.solana_core, "3.1.12");
    let founder = Keypair::new();
    let sig = rpc
        .request_airdrop(&founder.pubkey(), 10_000_000_000)
        .await
        .unwrap();
    assert!(rpc.confirm_transaction(&sig).await.unwrap());
    assert_eq!(
        rpc.get_balance(&founder.pubkey()).await.unwrap(),
        10_000_000_000
    );
    let args = CreateSocietyArgs {
        name: "Solar".into(),
        constitution_uri: "ipfs://x".into(),
        constitution_hash: [1; 32],
        admission: AdmissionPolicy::Open,
        governance: None,
        founder_handle: "f".into(),
        founder_profile_uri: String::new(),
    };
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    let tx = Transaction::new_signed_with_payer(
        &[ix::create_society(&founder.pubkey(), args)],
        Some(&founder.pubkey()),
        &[&founder],
        blockhash,
    );
    let sig = rpc.send_and_confirm_transaction(&tx).await.unwrap();
    let data = rpc
        .get_account_data(&pda::society("Solar").0)
        .await
        .unwrap();
    let society: Society =
        anchor_lang::AccountDeserialize::try_deserialize(&mut data.as_slice()).unwrap();
    assert_eq!(society.name, "Solar");
    let t = rpc
        .get_transaction(
            &sig,
            solana_transaction_status_client_types::UiTransactionEncoding::Base64,
        )
        .await
        .unwrap();
    println!("{:?}", t.transaction.meta.unwrap().log_messages);
    node.stop().await;
}
