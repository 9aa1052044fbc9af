//! Every way an instruction can be refused, named after what the caller did wrong.

use anchor_lang::prelude::*;

/// Declares [`NetstateError`] and [`NetstateError::ALL`] from one list, so that the client
/// and the docs can enumerate every error without a second copy of it. Each error's number
/// is written beside it (its code is `6000 +` that number) and never changes: errors sit in
/// sections by domain, and a new one takes the next free number in the section it belongs
/// to (`client/tests/errors.rs` checks that the numbers run from 0 without a gap).
macro_rules! netstate_errors {
    ($(#[$enum_meta:meta])* pub enum $name:ident { $($(#[$meta:meta])* $variant:ident = $number:tt,)* }) => {
        $(#[$enum_meta])*
        #[error_code]
        #[derive(PartialEq, Eq)]
        pub enum $name { $($(#[$meta])* $variant = $number,)* }

        impl $name {
            /// Every error, section by section as declared (not in code order).
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The error whose code is `code` (`6000 +` its number), if there is one.
            pub fn from_code(code: u32) -> Option<Self> {
                Self::ALL.iter().copied().find(|error| u32::from(*error) == code)
            }
        }
    };
}

netstate_errors! {
/// Errors returned by the netstate program.
pub enum NetstateError {
    // ---- the society: its name, constitution, admission, governance parameters and steward ----
    /// The society name is empty.
    #[msg("society name is empty")]
    SocietyNameEmpty = 0,
    /// The society name is longer than 32 bytes.
    #[msg("society name is longer than 32 bytes")]
    SocietyNameTooLong = 1,
    /// The society name contains control characters or surrounding whitespace.
    #[msg("society name must be printable UTF-8 without leading or trailing spaces")]
    SocietyNameNotPrintable = 2,
    /// The constitution URI is longer than 128 bytes.
    #[msg("constitution URI is longer than 128 bytes")]
    ConstitutionUriTooLong = 3,
    /// The constitution URI is empty or contains control characters or spaces.
    #[msg("constitution URI must be 1..=128 printable bytes without spaces")]
    ConstitutionUriInvalid = 4,
    /// A `Sponsored` policy asks for 0 or more than 16 sponsors.
    #[msg("sponsors required must be between 1 and 16")]
    SponsorsRequiredOutOfRange = 5,
    /// Quorum is 0 or above 10 000 basis points.
    #[msg("quorum must be between 1 and 10000 basis points")]
    QuorumOutOfRange = 6,
    /// Approval threshold is not strictly more than half, or above 100%.
    #[msg("approval threshold must be between 5001 and 10000 basis points")]
    ApprovalThresholdOutOfRange = 7,
    /// Voting period outside 1 hour ..= 90 days.
    #[msg("voting period must be between 1 hour and 90 days")]
    VotingPeriodOutOfRange = 8,
    /// Execution delay above 30 days.
    #[msg("execution delay must be at most 30 days")]
    ExecutionDelayOutOfRange = 9,
    /// Execution window outside 1 day ..= 90 days.
    #[msg("execution window must be between 1 day and 90 days")]
    ExecutionWindowOutOfRange = 10,
    /// Open-proposal cap outside 1 ..= 16.
    #[msg("max open proposals per citizen must be between 1 and 16")]
    MaxOpenProposalsOutOfRange = 11,
    /// The signer is not this society's steward.
    #[msg("only the society's steward may do this")]
    NotTheSteward = 26,
    /// The society has left its startup stage: there is no steward any more.
    #[msg("the society has no steward: this now needs a proposal")]
    StewardshipEnded = 27,
    /// The steward tried to leave without handing over or renouncing first.
    #[msg("the steward must renounce stewardship before leaving")]
    StewardMustRenounceFirst = 28,
    /// A society with this name already exists.
    #[msg("a society with this name already exists")]
    SocietyNameTaken = 33,
    /// A steward was named who is not a citizen of the society.
    #[msg("the steward must be a citizen of the society")]
    StewardNotACitizen = 89,
    /// A rule that must always hold of a society was broken by the instruction.
    #[msg("the society's counters or roles would become inconsistent")]
    SocietyInvariantViolated = 99,
    /// The constitution's SHA-256 is all zeros: no text was hashed.
    #[msg("the constitution's SHA-256 is all zeros: record the hash of its text")]
    ConstitutionHashMissing = 100,
    /// A presence admission policy asks for 0 days or more than the window.
    #[msg("days of presence required must be 1..=128")]
    PresenceDaysOutOfRange = 117,
    /// The supermajority is below the approval threshold or above 100%.
    #[msg("the supermajority must be at least the approval threshold and at most 100%")]
    SupermajorityOutOfRange = 137,
    /// The supermajority's quorum is below the quorum or above 100%.
    #[msg("the supermajority's quorum must be at least the quorum and at most 100%")]
    SupermajorityQuorumOutOfRange = 138,
    /// The outflow cap is 0 or above 100%.
    #[msg("the outflow cap must be above 0% and at most 100%")]
    OutflowCapOutOfRange = 156,
    /// The outflow window is under an hour or over 90 days.
    #[msg("the outflow window must be between 1 hour and 90 days")]
    OutflowWindowOutOfRange = 157,
    /// The large-transfer share is 0 or above 100%.
    #[msg("the large-transfer share must be above 0% and at most 100%")]
    LargeTransferOutOfRange = 158,
    /// The veto share is 0 or above 100%.
    #[msg("the veto share must be above 0% and at most 100%")]
    VetoOutOfRange = 159,
    // ---- membership: handles, applications, sponsorship, citizenship ----
    /// The handle is empty.
    #[msg("handle is empty")]
    HandleEmpty = 12,
    /// The handle is longer than 32 bytes.
    #[msg("handle is longer than 32 bytes")]
    HandleTooLong = 13,
    /// The handle contains control characters or surrounding whitespace.
    #[msg("handle must be printable UTF-8 without leading or trailing spaces")]
    HandleNotPrintable = 14,
    /// The profile URI is longer than 64 bytes.
    #[msg("profile URI is longer than 64 bytes")]
    ProfileUriTooLong = 15,
    /// The profile URI contains control characters or spaces.
    #[msg("profile URI must be printable bytes without spaces")]
    ProfileUriInvalid = 16,
    /// The account's wallet is not the signer.
    #[msg("the member account belongs to another wallet")]
    NotMemberWallet = 30,
    /// The sponsor is not a citizen.
    #[msg("only citizens may sponsor applicants")]
    SponsorNotCitizen = 31,
    /// A wallet tried to sponsor its own application.
    #[msg("an applicant cannot sponsor themselves")]
    CannotSponsorSelf = 32,
    /// The wallet already has a member account in this society.
    #[msg("this wallet is already a member of the society")]
    AlreadyMember = 34,
    /// The wallet was expelled from this society.
    #[msg("this wallet was expelled from the society")]
    MemberExpelled = 35,
    /// The member is not an applicant (already a citizen, or expelled).
    #[msg("the member is not an applicant")]
    NotAnApplicant = 36,
    /// The society's admission policy does not admit this way.
    #[msg("the society's admission policy does not allow sponsorship")]
    SponsorshipNotAccepted = 37,
    /// This citizen already sponsored this application.
    #[msg("this citizen already sponsored this applicant")]
    AlreadySponsored = 38,
    /// The member belongs to another society.
    #[msg("the member belongs to another society")]
    MemberNotInSociety = 42,
    /// Only citizens may propose and vote.
    #[msg("only citizens may do this")]
    NotACitizen = 46,
    /// The action names a wallet with no membership in the society.
    #[msg("the wallet is not a member of the society")]
    NotAMember = 58,
    /// The sponsorship still counts for a pending application.
    #[msg("the sponsorship still counts for a pending application")]
    SponsorshipStillCounts = 85,
    /// A member with proposals still open for votes tried to leave.
    #[msg("you have proposals still open for votes: cancel them (or let them finish) before leaving")]
    OpenProposalsOutstanding = 88,
    /// The society does not admit by presence.
    #[msg("this society does not admit citizens by presence")]
    NotAPresenceSociety = 118,
    /// Fewer distinct days present at the society's hubs than the society requires.
    #[msg("fewer days present at the society's hubs (in the last 128 days) than required")]
    NotPresentEnough = 119,
    // ---- hubs, their operators, check-ins and residency ----
    /// The node code is empty.
    #[msg("node code is empty")]
    NodeCodeEmpty = 17,
    /// The node code is longer than 16 bytes.
    #[msg("node code is longer than 16 bytes")]
    NodeCodeTooLong = 18,
    /// The node code has characters other than a-z, 0-9, '-' and '_'.
    #[msg("node code may only use lowercase a-z, 0-9, '-' and '_'")]
    NodeCodeInvalid = 19,
    /// The node display name is empty.
    #[msg("node name is empty")]
    NodeNameEmpty = 20,
    /// The node display name is longer than 48 bytes.
    #[msg("node name is longer than 48 bytes")]
    NodeNameTooLong = 21,
    /// The node display name contains control characters or surrounding whitespace.
    #[msg("node name must be printable UTF-8 without leading or trailing spaces")]
    NodeNameNotPrintable = 22,
    /// The country is not two uppercase ASCII letters.
    #[msg("country must be an ISO 3166-1 alpha-2 code (two uppercase letters)")]
    InvalidCountryCode = 23,
    /// Latitude outside ±90 000 000 micro-degrees.
    #[msg("latitude must be between -90000000 and 90000000 micro-degrees")]
    LatitudeOutOfRange = 24,
    /// Longitude outside ±180 000 000 micro-degrees.
    #[msg("longitude must be between -180000000 and 180000000 micro-degrees")]
    LongitudeOutOfRange = 25,
    /// The co-signer is not the node's operator.
    #[msg("the co-signer is not this node's operator")]
    NotNodeOperator = 29,
    /// A node with this code already exists in the society.
    #[msg("a node with this code already exists in the society")]
    NodeCodeTaken = 39,
    /// The node is retired.
    #[msg("the node is retired")]
    NodeRetired = 40,
    /// The node belongs to another society.
    #[msg("the node belongs to another society")]
    NodeNotInSociety = 41,
    /// The member already checked in at this node today (UTC).
    #[msg("already checked in at this node today (UTC)")]
    AlreadyCheckedInToday = 43,
    /// The action names a node code the society does not have.
    #[msg("the society has no node with this code")]
    UnknownNode = 59,
    /// Fewer days of presence than asked for.
    #[msg("fewer days present at this node than required")]
    NotResidentLongEnough = 86,
    /// The residency record is for another node.
    #[msg("the residency record is for another node")]
    ResidencyNotForNode = 87,
    /// The new operator is the hub's operator already.
    #[msg("that key is the hub's operator already")]
    OperatorUnchanged = 101,
    /// The operator key is the all-zero address.
    #[msg("the operator must be a real key, not the all-zero address")]
    InvalidOperator = 102,
    /// A window of days outside 1..=128.
    #[msg("the window must be 1..=128 days")]
    WindowOutOfRange = 120,
    /// A member's check-in on a day the wallet was counted as a visitor at the society.
    #[msg("the wallet was counted as a visitor at this society's hubs today: one person counts once a day")]
    CountedAsVisitorToday = 187,
    // ---- offline tickets a door signs ----
    /// No Ed25519 signature-check instruction right before the redemption.
    #[msg("the ticket's signature check (an Ed25519 program instruction right before this one) is missing")]
    TicketSignatureMissing = 103,
    /// The Ed25519 instruction checks more or fewer than one signature.
    #[msg("the ticket's Ed25519 instruction must check exactly one signature")]
    TicketSignatureCount = 104,
    /// The Ed25519 instruction's offsets point into another instruction's data.
    #[msg("the ticket's signature, key and message must all lie in the Ed25519 instruction itself")]
    TicketOffsetsOutsideInstruction = 105,
    /// The Ed25519 instruction's data is too short for its offsets.
    #[msg("the ticket's Ed25519 instruction data is malformed")]
    TicketSignatureMalformed = 106,
    /// The signed message is not a netstate ticket of a known version.
    #[msg("the signed message is not a netstate ticket (tag, version or length)")]
    TicketMalformed = 107,
    /// The ticket is for another program.
    #[msg("the ticket is for another program")]
    TicketWrongProgram = 108,
    /// The ticket is for another society.
    #[msg("the ticket is for another society")]
    TicketWrongSociety = 109,
    /// The ticket is for another hub.
    #[msg("the ticket is for another hub")]
    TicketWrongHub = 110,
    /// The ticket is for another wallet.
    #[msg("the ticket is for another wallet")]
    TicketWrongWallet = 111,
    /// The ticket was not signed by the hub's operator for the ticket's day.
    #[msg("the ticket was not signed by the hub's operator of that day")]
    TicketNotSignedByOperator = 112,
    /// The ticket's day has not begun (by the cluster's clock).
    #[msg("the ticket is for a day that has not begun")]
    TicketFromTheFuture = 113,
    /// The ticket is older than the oldest day accepted.
    #[msg("the ticket is more than 30 days old")]
    TicketExpired = 114,
    /// The ticket is for a day before the hub was registered.
    #[msg("the ticket is for a day before the hub was registered")]
    TicketBeforeHubRegistration = 115,
    /// A day older than the recent-days window cannot be recorded.
    #[msg("the day is older than the 128 days a presence record remembers")]
    DayOutsideRecentWindow = 116,
    /// An offline ticket for a day before the wallet joined the society.
    #[msg("the ticket is for a day before the wallet joined the society: presence counts from membership on")]
    TicketBeforeMembership = 191,
    // ---- the census ----
    /// The day falls in a census epoch that is already closed.
    #[msg("that day's census epoch is closed: its figures are frozen")]
    CensusEpochClosed = 121,
    /// The day falls in an open census epoch whose tally the society no longer holds.
    #[msg("that day's census epoch is older than the two the society still counts")]
    CensusEpochNotHeld = 122,
    /// Census epochs close in order, from the society's first.
    #[msg("census epochs close in order: this is not the next one to close")]
    CensusEpochOutOfOrder = 123,
    /// The census epoch has not ended yet (by the cluster's clock).
    #[msg("the census epoch is not over yet")]
    CensusEpochNotOver = 124,
    /// The country record is not the one of this hub's country.
    #[msg("the country record is not the hub's country in this society")]
    CountryMismatch = 125,
    // ---- proposals, votes, objections and answers ----
    /// The citizen already has as many open proposals as the society allows.
    #[msg("too many open proposals: wait for one to be decided or cancel one")]
    TooManyOpenProposals = 47,
    /// The proposal title is empty.
    #[msg("proposal title is empty")]
    TitleEmpty = 48,
    /// The proposal title is longer than 64 bytes.
    #[msg("proposal title is longer than 64 bytes")]
    TitleTooLong = 49,
    /// The proposal title contains control characters or surrounding whitespace.
    #[msg("proposal title must be printable UTF-8 without leading or trailing spaces")]
    TitleNotPrintable = 50,
    /// The description URI is longer than 128 bytes.
    #[msg("description URI is longer than 128 bytes")]
    DescriptionUriTooLong = 51,
    /// The description URI contains control characters or spaces.
    #[msg("description URI must be printable bytes without spaces")]
    DescriptionUriInvalid = 52,
    /// The proposal belongs to another society.
    #[msg("the proposal belongs to another society")]
    ProposalNotInSociety = 63,
    /// Votes are no longer (or not) accepted.
    #[msg("voting on this proposal is closed")]
    VotingClosed = 64,
    /// The citizen became a citizen after the proposal was created.
    #[msg("only citizens admitted before the proposal was created may vote on it")]
    NotEligibleToVote = 65,
    /// The vote repeats the voter's current choice.
    #[msg("this vote repeats your current choice")]
    VoteUnchanged = 66,
    /// The signer did not create the proposal.
    #[msg("only the proposer may do this")]
    NotTheProposer = 67,
    /// The proposal is no longer open for votes.
    #[msg("the proposal is not open for votes")]
    ProposalNotVoting = 68,
    /// Voting is still open and the outcome could still change.
    #[msg("the outcome can still change: wait for voting to end")]
    OutcomeNotYetDecided = 69,
    /// The proposal has not been finalized yet.
    #[msg("the proposal has not been finalized")]
    ProposalNotFinalized = 70,
    /// The proposal was defeated.
    #[msg("the proposal was defeated")]
    ProposalDefeated = 71,
    /// The proposal was cancelled.
    #[msg("the proposal was cancelled")]
    ProposalCancelled = 72,
    /// The proposal has already been executed.
    #[msg("the proposal has already been executed")]
    ProposalAlreadyExecuted = 73,
    /// The timelock has not run out yet.
    #[msg("the proposal is not executable yet: its timelock is still running")]
    ProposalNotYetExecutable = 74,
    /// The execution window closed.
    #[msg("the proposal expired: its execution window has closed")]
    ProposalExpired = 75,
    /// The proposal can still change: its records cannot be closed yet.
    #[msg("the proposal is not final yet")]
    ProposalNotFinal = 80,
    /// Vote records of the proposal are still open.
    #[msg("close the proposal's vote records first")]
    VoteRecordsStillOpen = 81,
    /// The vote record belongs to another proposal.
    #[msg("the vote record belongs to another proposal")]
    VoteNotForProposal = 82,
    /// Only the member a proposal names may respond to it.
    #[msg("only the member this proposal names may respond to it")]
    NotTheMemberNamed = 139,
    /// A response is attached to an expulsion only.
    #[msg("only an expulsion can be answered by the member it names")]
    NotAnExpulsion = 140,
    /// The response URI is over 128 bytes.
    #[msg("the response URI is longer than 128 bytes")]
    ResponseUriTooLong = 141,
    /// The response URI is empty or has characters outside printable ASCII.
    #[msg("the response URI must be 1..=128 printable ASCII characters")]
    ResponseUriInvalid = 142,
    /// Objections are accepted only during a passed proposal's timelock.
    #[msg("objections are accepted only while a passed proposal waits out its timelock")]
    ObjectionWindowClosed = 161,
    /// The proposal was vetoed by objections during its timelock.
    #[msg("the proposal was vetoed by its electorate's objections")]
    ProposalVetoed = 162,
    /// Objection records are still open: close them first.
    #[msg("close the proposal's objection records first")]
    ObjectionsStillOpen = 163,
    /// The member an expulsion names objecting to it: no one judges their own case.
    #[msg("the member an expulsion names answers it (respond_to_proposal) but cannot object to it")]
    NamedMemberCannotObject = 184,
    /// The proposal passed, but what it would pay could not be set aside: the treasury,
    /// or its outflow rails before the payment expires, cannot back it on top of what passed
    /// payments already reserved.
    #[msg("the proposal passed but the treasury cannot back it on top of what passed payments reserved: it never executes; propose it again once they are paid or expired")]
    ProposalUnfunded = 192,
    // ---- executing a passed proposal: the accounts its action names ----
    /// A transfer to the treasury itself was proposed.
    #[msg("the treasury cannot pay itself")]
    RecipientIsTreasury = 54,
    /// The action needs an account (member, node or mint) that was not given.
    #[msg("this action needs its subject account (member, node or mint)")]
    MissingSubject = 56,
    /// The account given is not the one the action names.
    #[msg("the account does not match the proposal's action")]
    SubjectMismatch = 57,
    /// This execute instruction is for another kind of action.
    #[msg("this execute instruction does not carry out this proposal's action")]
    WrongExecuteInstruction = 76,
    /// The recipient account is not the one voted on.
    #[msg("the recipient is not the one the proposal names")]
    RecipientMismatch = 77,
    /// The recipient is an account of the netstate program; money sent there would be locked
    /// or land with the wrong party.
    #[msg("the recipient is a netstate account (society, member, proposal, vote, hub, residency or treasury)")]
    RecipientIsNetstateAccount = 91,
    /// The recipient of lamports is an executable program, which cannot be credited.
    #[msg("the recipient is an executable program and cannot receive lamports")]
    RecipientIsExecutable = 92,
    /// The action pays someone and needs the recipient's account to check it.
    #[msg("this action needs its recipient account")]
    MissingRecipient = 93,
    // ---- the treasury: amounts, mints, outflow rails, contribution tokens and grants ----
    /// An amount of zero was proposed.
    #[msg("amount must be greater than zero")]
    ZeroAmount = 53,
    /// The account given as the action's mint is not a token mint.
    #[msg("the mint is not an SPL Token or Token-2022 mint")]
    InvalidMint = 55,
    /// The society has no contribution token yet.
    #[msg("the society has no contribution token")]
    NoContributionMint = 60,
    /// The society already has a contribution token.
    #[msg("the society already has a contribution token")]
    ContributionMintExists = 61,
    /// More than 9 decimals were asked for.
    #[msg("decimals must be at most 9")]
    DecimalsOutOfRange = 62,
    /// The mint is not the one voted on.
    #[msg("the mint is not the one the proposal names")]
    MintMismatch = 78,
    /// The treasury holds less than the amount (plus its rent reserve, for SOL).
    #[msg("the treasury holds less than this amount")]
    InsufficientTreasuryFunds = 79,
    /// A payment to an address that holds nothing would leave it below the rent-exempt minimum.
    #[msg("the recipient holds no lamports and the amount is below the rent-exempt minimum of a new account")]
    AmountBelowRentExempt = 90,
    /// The Token-2022 mint has a permanent delegate, who could move the treasury's tokens.
    #[msg("the mint has a permanent delegate who could move the treasury's tokens without a vote")]
    MintHasPermanentDelegate = 94,
    /// The Token-2022 mint can be paused, which would trap the treasury's tokens.
    #[msg("the mint is pausable: its pause authority could trap the treasury's tokens")]
    MintIsPausable = 95,
    /// New accounts of the Token-2022 mint start frozen.
    #[msg("the mint's accounts start frozen: the treasury could not pay them out")]
    MintDefaultFrozen = 96,
    /// The Token-2022 mint is non-transferable: the treasury could never pay it out.
    #[msg("the mint is non-transferable: the treasury could never pay it out")]
    MintNonTransferable = 97,
    /// The Token-2022 mint runs a transfer hook program on every transfer.
    #[msg("the mint has a transfer hook: another program would decide every payment")]
    MintHasTransferHook = 98,
    /// A non-transferable contribution token is a Token-2022 mint.
    #[msg("a non-transferable contribution token needs the Token-2022 program")]
    NonTransferableNeedsToken2022 = 152,
    /// A grant's vesting period is over 4 years.
    #[msg("a vesting period is at most 4 years")]
    VestingOutOfRange = 153,
    /// Nothing of the grant has vested beyond what was released.
    #[msg("nothing more of this grant has vested yet")]
    NothingVested = 154,
    /// The grant account is not this proposal's.
    #[msg("this is not the grant of this proposal")]
    GrantMismatch = 155,
    /// Paying this now would take more than the outflow cap allows in the window (payments,
    /// hub budgets and exits all count).
    #[msg("this would take more out of the treasury than its outflow rails let out now (payments, hub budgets and exits all count): retry once the bucket drains, or pay or exit less")]
    OutflowCapExceeded = 160,
    /// The treasury token account given is not the treasury's associated account of the mint.
    #[msg("the treasury token account is not the treasury's associated account for this mint")]
    TreasuryVaultMismatch = 164,
    // ---- exits with a share and the exit basket ----
    /// A basket slot still has tokens set aside for a passed payment: it cannot change yet.
    #[msg("this exit-basket mint has tokens set aside for a passed payment: execute or close it first")]
    ExitBasketSlotReserved = 143,
    /// A mint joins the exit basket only when no token payment is pending.
    #[msg("token payments are pending: a mint joins the exit basket once they are executed or closed")]
    TokenGrantsPending = 144,
    /// The contribution token cannot be in its own exit basket.
    #[msg("the exit basket cannot list the contribution token itself")]
    ExitBasketHasContributionMint = 145,
    /// A mint is listed twice in the exit basket.
    #[msg("the exit basket lists a mint twice")]
    ExitBasketDuplicateMint = 146,
    /// The accounts given for the exit basket are not its mints in slot order.
    #[msg("give each exit-basket mint (and its token accounts) in slot order")]
    ExitBasketAccountsMismatch = 147,
    /// An exit of zero, or of more tokens than the holder has (or than exist).
    #[msg("the exit amount must be above zero and at most the vested tokens you hold")]
    ExitExceedsBalance = 148,
    /// The holder voted yes on a payment or hub budget whose vote record is still open.
    #[msg("you voted yes on a payment or hub budget that is not final: exit once it has executed or expired and your vote record is closed")]
    ExitHeldByYesVote = 149,
    /// Exits are for earned shares: the contribution token must be non-transferable.
    #[msg("exit with a share needs a non-transferable (Token-2022) contribution token")]
    ExitNeedsNonTransferableMint = 150,
    /// The exit would pay nothing at all.
    #[msg("this exit would pay nothing: the basket holds nothing free to pay out")]
    ExitPaysNothing = 151,
    /// An exit that would pay a basket asset whose treasury account its issuer froze.
    #[msg("the treasury's account of a basket asset is frozen by its issuer: exit without it (skip its slot: its share stays in the treasury) or wait until it is thawed")]
    BasketAssetFrozen = 190,
    // ---- treaties and visits ----
    /// A society cannot make a treaty with itself, nor visit or join itself by one.
    #[msg("a treaty is between two different societies")]
    TreatyWithSelf = 126,
    /// The partner named is not a society of this deployment.
    #[msg("the partner is not a society")]
    UnknownSociety = 127,
    /// A treaty's notice period is over 365 days.
    #[msg("a treaty's notice period is at most 365 days")]
    TreatyNoticeOutOfRange = 128,
    /// The two societies already have a treaty in force (or serving its notice).
    #[msg("a treaty between these societies is in force: withdraw it first")]
    TreatyAlreadyInForce = 129,
    /// There is no offer to ratify (none made, or ratified already).
    #[msg("there is no treaty offer to ratify")]
    TreatyNotProposed = 130,
    /// A society cannot ratify its own offer.
    #[msg("the partner ratifies an offer, not the society that made it")]
    CannotRatifyOwnOffer = 131,
    /// The ratified terms are not the offered ones.
    #[msg("the terms ratified differ from the terms offered")]
    TreatyTermsMismatch = 132,
    /// No treaty holds between the two societies (none, an offer only, or withdrawn).
    #[msg("no treaty is in force between these societies")]
    TreatyNotInForce = 133,
    /// The treaty's terms do not let citizens visit.
    #[msg("the treaty does not provide for visits")]
    TreatyGrantsNoVisits = 134,
    /// The treaty's terms give the partner's citizens no faster admission.
    #[msg("the treaty does not provide for faster admission")]
    TreatyGrantsNoFastTrack = 135,
    /// Only citizens of a partner society may visit or be fast-tracked.
    #[msg("only a citizen of the partner society may use its treaty")]
    NotAPartnerCitizen = 136,
    /// A visit by a wallet the host society expelled.
    #[msg("this society expelled the wallet: it is not counted at its hubs, as a member or as a visitor")]
    ExpelledByHost = 185,
    /// A visit by a member of the host society.
    #[msg("the wallet is a member of this society: it checks in as a member (check_in), counted once a day, not as a visitor")]
    HostMemberChecksIn = 186,
    // ---- dues ----
    /// Dues terms out of range.
    #[msg("dues need a period of 1 to 400 days and a grace of at most 365 days")]
    DuesOutOfRange = 165,
    /// The society charges no dues.
    #[msg("this society charges no dues")]
    NoDues = 166,
    /// A payment of 0 periods, or more than 120.
    #[msg("pay 1 to 120 periods of dues at a time")]
    DuesPeriodsOutOfRange = 167,
    /// The citizen's dues have not lapsed beyond the grace period.
    #[msg("this citizen's dues have not lapsed beyond the grace period")]
    DuesNotLapsed = 168,
    /// Dues are paid for citizens and lapsed citizens.
    #[msg("dues are paid for a citizen or a lapsed citizen")]
    NotDuesPayer = 169,
    /// Dues whose grace period is shorter than the floor: a citizen would lose their vote
    /// before they could pay.
    #[msg("dues need a grace period of at least 7 days: nobody loses their vote before they can pay")]
    DuesGraceTooShort = 189,
    // ---- hub budgets ----
    /// A hub budget's period out of range.
    #[msg("a hub budget's period must be 1 to 366 days")]
    BudgetPeriodOutOfRange = 170,
    /// A hub keeper of the all-zero address.
    #[msg("the hub keeper must be a real key")]
    InvalidKeeper = 171,
    /// The asset of a budget in force cannot change.
    #[msg("a hub budget's asset cannot change: end the budget, settle it, then grant a new one")]
    BudgetMintFixed = 172,
    /// The budget was ended.
    #[msg("this hub budget was ended: settle it to return the vault to the treasury")]
    BudgetEnded = 173,
    /// Only the hub's operator or keeper spends its budget.
    #[msg("only the hub's operator or its budget's keeper may spend the budget")]
    NotABudgetSpender = 174,
    /// A spend beyond what is left of the period's allowance.
    #[msg("the spend exceeds what is left of the hub's allowance for this period")]
    BudgetExceeded = 175,
    /// The hub has no budget.
    #[msg("this hub has no budget")]
    NoNodeBudget = 176,
    /// The budget was settled for the current period already.
    #[msg("the hub budget is settled for this period already; the next period begins later")]
    BudgetNotDue = 177,
    /// The instruction is for the other asset (SOL or a token) than the budget's.
    #[msg("the budget is in another asset: use the SOL or token form of the instruction to match it")]
    BudgetAssetMismatch = 178,
    /// A spend without a receipt hash.
    #[msg("every spend needs its receipt's SHA-256 (the memo hash), not zeros")]
    ReceiptHashMissing = 179,
    /// A spend's memo that is empty, too long or not printable.
    #[msg("a spend's memo says what it paid for: 1 to 64 bytes of printable text")]
    BudgetMemoInvalid = 180,
    /// A spend in a budget period not settled yet.
    #[msg("a new budget period has begun: settle it first (settle_node_budget; `netstate node settle`), then spend its allowance")]
    BudgetPeriodNotSettled = 188,
    // ---- accounts, layouts, counters and the clock ----
    /// The cluster clock is before 1970 or beyond the range of a day counter.
    #[msg("the cluster clock is out of range")]
    ClockOutOfRange = 44,
    /// A counter would overflow or underflow.
    #[msg("a counter would overflow")]
    CounterOverflow = 45,
    /// An account the instruction must create already exists.
    #[msg("the account to create already exists")]
    AccountAlreadyExists = 83,
    /// The instruction was given accounts it does not use.
    #[msg("unexpected extra accounts were passed")]
    UnexpectedRemainingAccounts = 84,
    /// `upgrade_account` on an account already in the current layout.
    #[msg("this account is already in the current layout: nothing to upgrade")]
    AccountUpToDate = 181,
    /// An account whose layout version this program does not know.
    #[msg("this account's layout version is unknown to this program: it was written by another netstate release")]
    UnknownAccountVersion = 182,
    /// An account in an earlier layout, which the instruction cannot use until upgraded.
    #[msg("an account is in the layout of an earlier netstate release: `upgrade_account` rewrites it in the current one (`netstate society upgrade`)")]
    AccountNeedsUpgrade = 183,
    /// A counter would go below zero: the accounts disagree with the society's counters.
    #[msg("a counter would go below zero: the society's counters disagree with its accounts")]
    CounterUnderflow = 193,
}
}
