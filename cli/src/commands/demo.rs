//! `netstate demo`: the whole story of a network state on a throwaway embedded ledger (or
//! one kept with `--ledger`).

use anchor_lang::solana_program::{instruction::Instruction, pubkey::Pubkey, system_instruction};
use netstate_client::{
    AdmissionPolicy, ApplyArgs, CreateProposalArgs, CreateSocietyArgs, NetstateClient, NodeSpec,
    ProposalAction, VoteChoice, instructions as ix, pda,
};
use netstate_localnet::{EngineConfig, Localnet};
use solana_keypair::Keypair;
use solana_signer::Signer;
use spl_token_2022_interface::instruction as token_ix;

use crate::results::TokenAmount;
use crate::results::demo::{DemoSummary, Grant, HubCheckIns, Step};
use crate::results::proposal::Status;
use crate::{CliError, GlobalArgs, Output, OutputFormat};

const SOCIETY: &str = "The Solar State";
const TOKEN: Pubkey = anchor_spl::token::ID;

struct Story<'a> {
    client: &'a NetstateClient,
    print: bool,
    steps: Vec<Step>,
}

impl Story<'_> {
    async fn send(
        &mut self,
        what: &str,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&(dyn Signer + Sync)],
    ) -> Result<String, CliError> {
        let signature = self
            .client
            .send(instructions, payer, signers)
            .await
            .map_err(|e| CliError::new(format!("demo step {what:?} failed: {e}")))?
            .to_string();
        if self.print {
            // A closed output fails the final summary's write, and with it the command.
            let _ = crate::output::print_line(&format!("✓ {what}\n    {signature}"));
        }
        self.steps.push(Step {
            step: what.to_string(),
            signature: Some(signature.clone()),
        });
        Ok(signature)
    }

    fn say(&mut self, what: &str) {
        if self.print {
            let _ = crate::output::print_line(&format!("✓ {what}"));
        }
        self.steps.push(Step {
            step: what.to_string(),
            signature: None,
        });
    }
}

/// `netstate demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Keep the demo's ledger in DIR (it must not hold a ledger yet), to look at it
    /// afterwards: `netstate localnet --ledger DIR`, then `netstate -u localhost --society
    /// "The Solar State" dashboard`.
    #[arg(long, value_name = "DIR")]
    pub ledger: Option<std::path::PathBuf>,
    /// Where the map of the society is written (default: solar-state-map.svg in netstate's
    /// data directory).
    #[arg(long, value_name = "FILE.svg")]
    pub map: Option<std::path::PathBuf>,
}

/// Runs the demo.
pub async fn run(global: &GlobalArgs, args: DemoArgs) -> Result<Output, CliError> {
    let temporary = tempfile::tempdir()
        .map_err(|e| CliError::new(format!("cannot create a temporary ledger: {e}")))?;
    let ledger = match &args.ledger {
        Some(dir) => {
            if dir.join("ledger.redb").exists()
                || dir.read_dir().is_ok_and(|mut d| d.next().is_some())
            {
                return Err(CliError::new(format!(
                    "{} is not empty: the demo founds its society on a new ledger; choose another --ledger DIR",
                    dir.display()
                )));
            }
            dir.clone()
        }
        None => temporary.path().join("ledger"),
    };
    let map = match args.map {
        Some(path) => path,
        None => crate::config::data_dir()?.join("solar-state-map.svg"),
    };
    if let Some(parent) = map.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| CliError::new(format!("cannot create {}: {e}", parent.display())))?;
    }
    let node = Localnet::start(
        EngineConfig {
            ledger: Some(ledger.clone()),
            ..Default::default()
        },
        0,
    )
    .await
    .map_err(|e| CliError::new(format!("cannot start the embedded node: {e}")))?;
    let kept = args.ledger.as_ref().map(|_| ledger.clone());
    let result = story(
        &node,
        global.output == OutputFormat::Display,
        &map,
        kept.as_deref(),
    )
    .await;
    node.stop().await;
    result.map(|mut summary| {
        summary.ledger = args.ledger.as_ref().map(|_| ledger.display().to_string());
        Output::new(summary)
    })
}

/// The demo's story on the local node `node`, told as it happens when `print`.
async fn story(
    node: &Localnet,
    print: bool,
    map: &std::path::Path,
    kept: Option<&std::path::Path>,
) -> Result<DemoSummary, CliError> {
    let client = NetstateClient::new(node.url(), netstate_client::PROGRAM_ID);
    let mut s = Story {
        client: &client,
        print,
        steps: Vec::new(),
    };
    if print {
        let ledger = match kept {
            Some(dir) => format!("on a local ledger kept in {}", dir.display()),
            None => "on a throwaway local ledger".to_string(),
        };
        let _ = crate::output::print_line(&format!(
            "netstate demo: a network state from founding to its first grant, {ledger} ({})\n",
            node.url()
        ));
    }
    let cast = found(&mut s).await?;
    let operators = open_hubs(&mut s, &cast).await?;
    fill_treasury(&mut s, &cast).await?;
    let (lisbon_code, lisbon) = &operators[0];
    let received = grant(&mut s, &cast, &lisbon.pubkey()).await?;
    summary(&mut s, &cast.society, lisbon_code, received, map).await
}

/// Who plays in the demo, funded from the local faucet, and the society they found.
struct Cast {
    /// The founder, steward of the society.
    founder: Keypair,
    /// Four members and their handles.
    members: Vec<(Keypair, &'static str)>,
    /// A patron who funds the treasury.
    patron: Keypair,
    /// The society's address.
    society: Pubkey,
}

/// Funds the wallets, founds the society and admits four members by sponsorship.
async fn found(s: &mut Story<'_>) -> Result<Cast, CliError> {
    let client = s.client;
    let faucet = client;
    let fund = |k: Pubkey| async move {
        faucet
            .airdrop(&k, 50_000_000_000)
            .await
            .map(|_| ())
            .map_err(|e| CliError::new(format!("airdrop failed: {e}")))
    };
    let founder = Keypair::new();
    let members: Vec<(Keypair, &'static str)> = ["ana", "bo", "chen", "dee"]
        .into_iter()
        .map(|h| (Keypair::new(), h))
        .collect();
    let patron = Keypair::new();
    for k in std::iter::once(&founder)
        .chain(members.iter().map(|(k, _)| k))
        .chain([&patron])
    {
        fund(k.pubkey()).await?;
    }
    s.say("Six wallets funded from the local faucet (a founder, four members, a patron)");

    let args = CreateSocietyArgs {
        name: SOCIETY.into(),
        constitution_uri: "ipfs://QmSolarStateConstitution".into(),
        constitution_hash: netstate_client::sha256(b"We build on the sun."),
        admission: AdmissionPolicy::Sponsored {
            sponsors_required: 1,
        },
        governance: None,
        founder_handle: "founder".into(),
        founder_profile_uri: String::new(),
    };
    s.send(
        "The founder creates \"The Solar State\" (admission by sponsorship)",
        &[ix::create_society(
            client.program_id(),
            &founder.pubkey(),
            args,
        )],
        &founder,
        &[],
    )
    .await?;
    let society = pda::society(client.program_id(), SOCIETY).0;

    for (wallet, handle) in &members {
        let apply = ix::apply(
            client.program_id(),
            &wallet.pubkey(),
            &society,
            ApplyArgs {
                handle: (*handle).into(),
                profile_uri: String::new(),
            },
        );
        s.send(&format!("{handle} applies"), &[apply], wallet, &[])
            .await?;
        let sponsor = ix::sponsor(
            client.program_id(),
            &founder.pubkey(),
            &society,
            &wallet.pubkey(),
        );
        s.send(
            &format!("The founder sponsors {handle}: a citizen now"),
            &[sponsor],
            &founder,
            &[],
        )
        .await?;
    }
    Ok(Cast {
        founder,
        members,
        patron,
        society,
    })
}

/// Registers three hubs, and each member checks in at one: the hubs' codes and door keys.
async fn open_hubs(
    s: &mut Story<'_>,
    cast: &Cast,
) -> Result<Vec<(&'static str, Keypair)>, CliError> {
    let client = s.client;
    let Cast {
        founder,
        members,
        society,
        ..
    } = cast;
    let society = *society;
    let hubs = [
        ("lisbon", "Lisbon House", *b"PT", 38_722_252, -9_139_337),
        ("austin", "Austin Ranch", *b"US", 30_267_153, -97_743_061),
        ("bali", "Bali Village", *b"ID", -8_409_518, 115_188_916),
    ];
    let mut operators = Vec::new();
    for (code, name, country, lat, lon) in hubs {
        let operator = Keypair::new();
        let spec = NodeSpec {
            code: code.into(),
            name: name.into(),
            country,
            latitude_microdeg: lat,
            longitude_microdeg: lon,
            operator: operator.pubkey(),
        };
        s.send(
            &format!("The steward registers the {name} hub"),
            &[ix::register_node(
                client.program_id(),
                &founder.pubkey(),
                &society,
                spec,
            )],
            founder,
            &[],
        )
        .await?;
        operators.push((code, operator));
    }

    for (i, (wallet, handle)) in members.iter().enumerate() {
        let (code, operator) = &operators[i % operators.len()];
        let check_in = ix::check_in(
            client.program_id(),
            &wallet.pubkey(),
            &operator.pubkey(),
            &society,
            code,
        );
        s.send(
            &format!("{handle} checks in at {code}, co-signed by its door"),
            &[check_in],
            wallet,
            &[operator],
        )
        .await?;
    }
    Ok(operators)
}

/// A patron deposits SOL and a token of their own into the treasury.
async fn fill_treasury(s: &mut Story<'_>, cast: &Cast) -> Result<(), CliError> {
    let client = s.client;
    let rpc = client.rpc();
    let (patron, society) = (&cast.patron, cast.society);
    s.send(
        "A patron deposits 25 SOL into the treasury",
        &[ix::deposit_sol(
            client.program_id(),
            &patron.pubkey(),
            &society,
            25_000_000_000,
        )],
        patron,
        &[],
    )
    .await?;
    let mint = Keypair::new();
    let rent = rpc
        .get_minimum_balance_for_rent_exemption(82)
        .await
        .map_err(|e| CliError::new(e.to_string()))?;
    let patron_usdc = ix::associated_token_address(&patron.pubkey(), &mint.pubkey(), &TOKEN);
    let make_token = [
        system_instruction::create_account(&patron.pubkey(), &mint.pubkey(), rent, 82, &TOKEN),
        token_ix::initialize_mint2(&TOKEN, &mint.pubkey(), &patron.pubkey(), None, 6)
            .map_err(|e| CliError::new(e.to_string()))?,
        spl_associated_token_account_interface::instruction::create_associated_token_account(
            &patron.pubkey(),
            &patron.pubkey(),
            &mint.pubkey(),
            &TOKEN,
        ),
        token_ix::mint_to(
            &TOKEN,
            &mint.pubkey(),
            &patron_usdc,
            &patron.pubkey(),
            &[],
            10_000_000_000,
        )
        .map_err(|e| CliError::new(e.to_string()))?,
    ];
    s.send(
        "The patron mints 10 000 units of a stablecoin-like token",
        &make_token,
        patron,
        &[&mint],
    )
    .await?;
    s.send(
        "The patron deposits 2 500 tokens into the treasury",
        &[ix::deposit_token(
            client.program_id(),
            &patron.pubkey(),
            &society,
            &mint.pubkey(),
            &TOKEN,
            2_500_000_000,
        )],
        patron,
        &[],
    )
    .await?;
    Ok(())
}

/// A member proposes a grant to `recipient`, the citizens vote, time passes, anyone executes:
/// the lamports the recipient received.
async fn grant(s: &mut Story<'_>, cast: &Cast, recipient: &Pubkey) -> Result<u64, CliError> {
    let client = s.client;
    let rpc = client.rpc();
    let Cast {
        founder,
        members,
        patron,
        society,
    } = cast;
    let society = *society;
    let grant = ProposalAction::TransferSol {
        recipient: *recipient,
        amount: 5_000_000_000,
    };
    let args = CreateProposalArgs {
        title: "A 5 SOL grant to the Lisbon hub".into(),
        description_uri: "ipfs://QmLisbonGrant".into(),
        description_hash: [0; 32],
        action: grant,
    };
    let (ana, _) = &members[0];
    s.send(
        "ana proposes a 5 SOL grant to the Lisbon hub's operator",
        &[ix::create_proposal(
            client.program_id(),
            &ana.pubkey(),
            &society,
            0,
            args,
        )],
        ana,
        &[],
    )
    .await?;
    let proposal = pda::proposal(client.program_id(), &society, 0).0;
    let voters: Vec<(&Keypair, &str, VoteChoice)> = vec![
        (founder, "founder", VoteChoice::Yes),
        (&members[0].0, "ana", VoteChoice::Yes),
        (&members[1].0, "bo", VoteChoice::Yes),
        (&members[2].0, "chen", VoteChoice::No),
        (&members[3].0, "dee", VoteChoice::Yes),
    ];
    for (wallet, handle, choice) in voters {
        s.send(
            &format!("{handle} votes {choice:?}"),
            &[ix::cast_vote(
                client.program_id(),
                &wallet.pubkey(),
                &society,
                &proposal,
                choice,
            )],
            wallet,
            &[],
        )
        .await?;
    }
    s.client
        .warp_clock(3 * 86_400)
        .await
        .map_err(|e| CliError::new(e.to_string()))?;
    s.say("Three days pass: the vote ends (the local clock moves forward)");
    s.send(
        "Anyone finalizes: passed, 4 yes to 1 no",
        &[ix::finalize_proposal(
            client.program_id(),
            &society,
            &proposal,
            &ana.pubkey(),
        )],
        patron,
        &[],
    )
    .await?;
    s.client
        .warp_clock(86_400)
        .await
        .map_err(|e| CliError::new(e.to_string()))?;
    s.say("One more day: the timelock runs out");
    let p = s
        .client
        .proposal(&society, 0)
        .await
        .map_err(|e| CliError::new(e.to_string()))?
        .1;
    let before = rpc.get_balance(recipient).await.unwrap_or(0);
    s.send(
        "Anyone executes: the treasury pays the Lisbon hub",
        &[ix::execute_proposal(
            client.program_id(),
            &patron.pubkey(),
            &proposal,
            &p,
            &ix::ExecuteContext::default(),
        )
        .map_err(|e| CliError::new(e.to_string()))?],
        patron,
        &[],
    )
    .await?;
    let received = rpc
        .get_balance(recipient)
        .await
        .unwrap_or(0)
        .saturating_sub(before);
    Ok(received)
}

/// What the demo built, read back from the ledger, with the map of its hubs written to `map`.
async fn summary(
    s: &mut Story<'_>,
    society: &Pubkey,
    grant_hub: &str,
    received: u64,
    map: &std::path::Path,
) -> Result<DemoSummary, CliError> {
    let client = s.client;
    let society = *society;
    let (_, society_account) = s
        .client
        .society(SOCIETY)
        .await
        .map_err(|e| CliError::new(e.to_string()))?;
    let treasury = s
        .client
        .treasury(&society)
        .await
        .map_err(|e| CliError::new(e.to_string()))?;
    let nodes = s
        .client
        .nodes(&society)
        .await
        .map_err(|e| CliError::new(e.to_string()))?;
    let (_, proposal_account) = s
        .client
        .proposal(&society, 0)
        .await
        .map_err(|e| CliError::new(e.to_string()))?;
    let now = s
        .client
        .unix_time()
        .await
        .map_err(|e| CliError::new(e.to_string()))?;
    let drawn = crate::commands::map::write_map(client, &society, SOCIETY, map, None).await?;
    Ok(DemoSummary {
        steps: std::mem::take(&mut s.steps),
        society: society.to_string(),
        name: society_account.name.clone(),
        citizens: society_account.citizen_count,
        nodes: society_account.node_count,
        treasury_lamports: treasury.lamports,
        treasury_tokens: treasury
            .tokens
            .iter()
            .map(|(_, _, amount, decimals)| TokenAmount::new(*amount, *decimals))
            .collect(),
        proposal: Grant {
            status: Status::of(&proposal_account, now),
            yes: proposal_account.tally.yes,
            no: proposal_account.tally.no,
        },
        grant_hub: grant_hub.to_string(),
        grant_received_lamports: received,
        hubs: nodes
            .iter()
            .map(|(_, n)| HubCheckIns {
                code: n.code.clone(),
                check_ins: n.check_in_count,
            })
            .collect(),
        map: drawn.svg,
        ledger: None,
    })
}
