//! Every way an instruction can be refused, named after what the caller did wrong.

use anchor_lang::prelude::*;

/// Errors returned by the netstate program.
#[error_code]
pub enum NetstateError {
    // ---- input validation ----
    /// The society name is empty.
    #[msg("society name is empty")]
    SocietyNameEmpty,
    /// The society name is longer than 32 bytes.
    #[msg("society name is longer than 32 bytes")]
    SocietyNameTooLong,
    /// The society name contains control characters or surrounding whitespace.
    #[msg("society name must be printable UTF-8 without leading or trailing spaces")]
    SocietyNameNotPrintable,
    /// The constitution URI is longer than 128 bytes.
    #[msg("constitution URI is longer than 128 bytes")]
    ConstitutionUriTooLong,
    /// The constitution URI is empty or contains control characters or spaces.
    #[msg("constitution URI must be 1..=128 printable bytes without spaces")]
    ConstitutionUriInvalid,
    /// A `Sponsored` policy asks for 0 or more than 16 sponsors.
    #[msg("sponsors required must be between 1 and 16")]
    SponsorsRequiredOutOfRange,
    /// Quorum is 0 or above 10 000 basis points.
    #[msg("quorum must be between 1 and 10000 basis points")]
    QuorumOutOfRange,
    /// Approval threshold is not strictly more than half, or above 100%.
    #[msg("approval threshold must be between 5001 and 10000 basis points")]
    ApprovalThresholdOutOfRange,
    /// Voting period outside 1 hour ..= 90 days.
    #[msg("voting period must be between 1 hour and 90 days")]
    VotingPeriodOutOfRange,
    /// Execution delay above 30 days.
    #[msg("execution delay must be at most 30 days")]
    ExecutionDelayOutOfRange,
    /// Execution window outside 1 day ..= 90 days.
    #[msg("execution window must be between 1 day and 90 days")]
    ExecutionWindowOutOfRange,
    /// Open-proposal cap outside 1 ..= 16.
    #[msg("max open proposals per citizen must be between 1 and 16")]
    MaxOpenProposalsOutOfRange,
    /// The handle is empty.
    #[msg("handle is empty")]
    HandleEmpty,
    /// The handle is longer than 32 bytes.
    #[msg("handle is longer than 32 bytes")]
    HandleTooLong,
    /// The handle contains control characters or surrounding whitespace.
    #[msg("handle must be printable UTF-8 without leading or trailing spaces")]
    HandleNotPrintable,
    /// The profile URI is longer than 64 bytes.
    #[msg("profile URI is longer than 64 bytes")]
    ProfileUriTooLong,
    /// The profile URI contains control characters or spaces.
    #[msg("profile URI must be printable bytes without spaces")]
    ProfileUriInvalid,
    /// The node code is empty.
    #[msg("node code is empty")]
    NodeCodeEmpty,
    /// The node code is longer than 16 bytes.
    #[msg("node code is longer than 16 bytes")]
    NodeCodeTooLong,
    /// The node code has characters other than a-z, 0-9, '-' and '_'.
    #[msg("node code may only use lowercase a-z, 0-9, '-' and '_'")]
    NodeCodeInvalid,
    /// The node display name is empty.
    #[msg("node name is empty")]
    NodeNameEmpty,
    /// The node display name is longer than 48 bytes.
    #[msg("node name is longer than 48 bytes")]
    NodeNameTooLong,
    /// The node display name contains control characters or surrounding whitespace.
    #[msg("node name must be printable UTF-8 without leading or trailing spaces")]
    NodeNameNotPrintable,
    /// The country is not two uppercase ASCII letters.
    #[msg("country must be an ISO 3166-1 alpha-2 code (two uppercase letters)")]
    InvalidCountryCode,
    /// Latitude outside ±90 000 000 micro-degrees.
    #[msg("latitude must be between -90000000 and 90000000 micro-degrees")]
    LatitudeOutOfRange,
    /// Longitude outside ±180 000 000 micro-degrees.
    #[msg("longitude must be between -180000000 and 180000000 micro-degrees")]
    LongitudeOutOfRange,

    // ---- permissions ----
    /// The signer is not this society's steward.
    #[msg("only the society's steward may do this")]
    NotTheSteward,
    /// The society has left its startup stage: there is no steward any more.
    #[msg("the society has no steward: this now needs a proposal")]
    StewardshipEnded,
    /// The steward tried to leave without handing over or renouncing first.
    #[msg("the steward must renounce stewardship before leaving")]
    StewardMustRenounceFirst,
    /// The co-signer is not the node's operator.
    #[msg("the co-signer is not this node's operator")]
    NotNodeOperator,
    /// The account's wallet is not the signer.
    #[msg("the member account belongs to another wallet")]
    NotMemberWallet,
    /// The sponsor is not a citizen.
    #[msg("only citizens may sponsor applicants")]
    SponsorNotCitizen,
    /// A wallet tried to sponsor its own application.
    #[msg("an applicant cannot sponsor themselves")]
    CannotSponsorSelf,

    // ---- state ----
    /// A society with this name already exists.
    #[msg("a society with this name already exists")]
    SocietyNameTaken,
    /// The wallet already has a member account in this society.
    #[msg("this wallet is already a member of the society")]
    AlreadyMember,
    /// The wallet was expelled from this society.
    #[msg("this wallet was expelled from the society")]
    MemberExpelled,
    /// The member is not an applicant (already a citizen, or expelled).
    #[msg("the member is not an applicant")]
    NotAnApplicant,
    /// The society's admission policy does not admit this way.
    #[msg("the society's admission policy does not allow sponsorship")]
    SponsorshipNotAccepted,
    /// This citizen already sponsored this application.
    #[msg("this citizen already sponsored this applicant")]
    AlreadySponsored,
    /// A node with this code already exists in the society.
    #[msg("a node with this code already exists in the society")]
    NodeCodeTaken,
    /// The node is retired.
    #[msg("the node is retired")]
    NodeRetired,
    /// The node belongs to another society.
    #[msg("the node belongs to another society")]
    NodeNotInSociety,
    /// The member belongs to another society.
    #[msg("the member belongs to another society")]
    MemberNotInSociety,
    /// The member already checked in at this node today (UTC).
    #[msg("already checked in at this node today (UTC)")]
    AlreadyCheckedInToday,
    /// The cluster clock is before 1970 or beyond the range of a day counter.
    #[msg("the cluster clock is out of range")]
    ClockOutOfRange,
    /// A counter would overflow or underflow.
    #[msg("a counter would overflow")]
    CounterOverflow,
    /// An account the instruction must create already exists.
    #[msg("the account to create already exists")]
    AccountAlreadyExists,
    /// The instruction was given accounts it does not use.
    #[msg("unexpected extra accounts were passed")]
    UnexpectedRemainingAccounts,
}
