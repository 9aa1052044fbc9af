//! Offline co-signing, as the Solana CLI does it: `--sign-only` signs a command's
//! transaction with the keys at hand and prints the signatures instead of sending it;
//! `--signer PUBKEY=SIGNATURE` brings such signatures back, `--blockhash` fixes the
//! blockhash both sides sign, and `--fee-payer` names who pays. A hub's door device co-signs
//! a check-in this way without its key ever sitting on the member's machine.

use std::str::FromStr;

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use solana_hash::Hash;
use solana_keypair::Keypair;
use solana_signature::Signature;
use solana_signer::Signer;
use solana_transaction::Transaction;

use crate::CliError;

/// The offline flags of a command, parsed.
#[derive(Debug, Default)]
pub struct Offline {
    /// Sign and print, do not send.
    pub sign_only: bool,
    /// The blockhash to sign with (required with `--sign-only`).
    pub blockhash: Option<Hash>,
    /// Signatures made elsewhere.
    pub presigned: Vec<(Pubkey, Signature)>,
    /// Who pays the fee, when not the signer: a keypair here, or only an address.
    pub fee_payer: Option<NamedSigner>,
    /// The durable nonce account to sign with instead of a recent blockhash.
    pub nonce: Option<Pubkey>,
    /// Who advances the nonce, when not the signer.
    pub nonce_authority: Option<NamedSigner>,
}

/// A signer named on the command line (`--fee-payer`, `--nonce-authority`): its keypair
/// (file, stdin, prompt://), or only its address when it signs elsewhere.
#[derive(Debug)]
pub enum NamedSigner {
    /// Its keypair is here.
    Keypair(Keypair),
    /// Only its address: its signature comes with `--signer` (or it signs later).
    Address(Pubkey),
}

impl NamedSigner {
    /// Reads `source`, an address or a keypair, naming `flag` in errors.
    pub fn parse(source: &str, flag: &str) -> Result<Self, CliError> {
        match Pubkey::from_str(source) {
            Ok(address) => Ok(NamedSigner::Address(address)),
            Err(_) => crate::config::read_keypair(std::path::Path::new(source))
                .map(NamedSigner::Keypair)
                .map_err(|e| CliError::new(format!("{flag}: {e}"))),
        }
    }

    /// The signer's address.
    pub fn pubkey(&self) -> Pubkey {
        match self {
            NamedSigner::Keypair(k) => k.pubkey(),
            NamedSigner::Address(a) => *a,
        }
    }
}

impl Offline {
    /// Parses the flags; names whatever is malformed.
    pub fn parse(
        sign_only: bool,
        blockhash: Option<&str>,
        signers: &[String],
        fee_payer: Option<&str>,
        nonce: Option<&str>,
        nonce_authority: Option<&str>,
    ) -> Result<Self, CliError> {
        let nonce = nonce
            .map(|text| match Pubkey::from_str(text) {
                Ok(address) => Ok(address),
                Err(_) => crate::config::read_keypair(std::path::Path::new(text))
                    .map(|k| k.pubkey())
                    .map_err(|_| {
                        CliError::new(format!(
                            "--nonce: not a nonce account address nor a keypair file: {text:?}"
                        ))
                    }),
            })
            .transpose()?;
        if nonce.is_none() && nonce_authority.is_some() {
            return Err(CliError::new(
                "--nonce-authority goes with --nonce ACCOUNT: name the nonce account too",
            ));
        }
        let nonce_authority = nonce_authority
            .map(|source| NamedSigner::parse(source, "--nonce-authority"))
            .transpose()?;
        let blockhash = blockhash
            .map(|text| {
                Hash::from_str(text).map_err(|_| {
                    CliError::new(format!("--blockhash: not a base58 blockhash: {text:?}"))
                })
            })
            .transpose()?;
        if sign_only && blockhash.is_none() && nonce.is_none() {
            return Err(CliError::new(
                "--sign-only needs --blockhash HASH (or --nonce ACCOUNT, whose value is read): the sender's side must sign the same one (get one with `netstate wallet blockhash` or any RPC's getLatestBlockhash)",
            ));
        }
        let presigned = signers
            .iter()
            .map(|pair| {
                let (key, signature) = pair.split_once('=').ok_or_else(|| {
                    CliError::new(format!("--signer takes PUBKEY=SIGNATURE, got {pair:?}"))
                })?;
                Ok((
                    crate::parse_pubkey(key, "--signer")?,
                    Signature::from_str(signature).map_err(|_| {
                        CliError::new(format!("--signer: not a base58 signature: {signature:?}"))
                    })?,
                ))
            })
            .collect::<Result<Vec<_>, CliError>>()?;
        let fee_payer = fee_payer
            .map(|source| NamedSigner::parse(source, "--fee-payer"))
            .transpose()?;
        Ok(Self {
            sign_only,
            blockhash,
            presigned,
            fee_payer,
            nonce,
            nonce_authority,
        })
    }

    /// True when a command's transaction needs more than the default send.
    pub fn is_active(&self) -> bool {
        self.sign_only
            || self.blockhash.is_some()
            || !self.presigned.is_empty()
            || self.fee_payer.is_some()
            || self.nonce.is_some()
    }
}

/// A transaction signed by whatever keys are at hand, with the signatures from elsewhere
/// put in place; refuses a signature that does not sign this very message.
pub fn sign(
    instructions: &[Instruction],
    payer: &Pubkey,
    blockhash: Hash,
    local: &[&dyn Signer],
    presigned: &[(Pubkey, Signature)],
) -> Result<Transaction, CliError> {
    let mut tx = Transaction::new_with_payer(instructions, Some(payer));
    tx.message.recent_blockhash = blockhash;
    let required = usize::from(tx.message.header.num_required_signatures);
    tx.signatures = vec![Signature::default(); required];
    let message = tx.message_data();
    for (index, key) in tx.message.account_keys[..required].iter().enumerate() {
        if let Some(keypair) = local.iter().find(|k| k.pubkey() == *key) {
            tx.signatures[index] = keypair.sign_message(&message);
        } else if let Some((_, signature)) = presigned.iter().find(|(k, _)| k == key) {
            if !signature.verify(key.as_ref(), &message) {
                return Err(CliError::new(format!(
                    "the signature given for {key} does not sign this transaction: were both sides given the same command, accounts and --blockhash?"
                )));
            }
            tx.signatures[index] = *signature;
        }
    }
    Ok(tx)
}

/// The signers of `tx` whose signatures are still missing.
pub fn absent(tx: &Transaction) -> Vec<Pubkey> {
    let required = usize::from(tx.message.header.num_required_signatures);
    tx.message.account_keys[..required]
        .iter()
        .zip(&tx.signatures)
        .filter(|(_, s)| **s == Signature::default())
        .map(|(k, _)| *k)
        .collect()
}

/// What `--sign-only` prints: the blockhash, each signature made here, and who is absent.
pub fn sign_only_output(tx: &Transaction) -> crate::Output {
    let required = usize::from(tx.message.header.num_required_signatures);
    let signed: Vec<(Pubkey, Signature)> = tx.message.account_keys[..required]
        .iter()
        .zip(&tx.signatures)
        .filter(|(_, s)| **s != Signature::default())
        .map(|(k, s)| (*k, *s))
        .collect();
    crate::Output::new(crate::results::SignedOffline {
        blockhash: tx.message.recent_blockhash.to_string(),
        signers: signed.iter().map(|(k, s)| format!("{k}={s}")).collect(),
        absent: absent(tx).iter().map(ToString::to_string).collect(),
    })
}
