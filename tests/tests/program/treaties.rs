//! Treaties between societies: made and ended only by each side's executed proposals, used
//! by visits and fast-tracked admission, and refused by name when anything does not match.

use anchor_lang::error::ErrorCode;
use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{
    AdmissionPolicy, FastTrack, Member, MemberStatus, ProposalAction, Society, Treaty,
    TreatyStatus, TreatyTerms, Visitor, events, instructions as ix, pda,
};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

const DAY: i64 = 86_400;

fn terms(visits: bool, fast_track: FastTrack) -> TreatyTerms {
    TreatyTerms {
        visits,
        fast_track,
        notice_secs: 7 * 86_400,
    }
}

/// Two societies: Solar (open, founder and two citizens, hub lisbon) and Lunar (sponsored
/// by 2, founder and two citizens).
struct Pair {
    solar: TestSociety,
    solar_citizens: Vec<Keypair>,
    lisbon: Keypair,
    lunar: TestSociety,
    lunar_citizens: Vec<Keypair>,
}

impl Pair {
    async fn new(fx: &mut Fixture) -> Self {
        let (solar, solar_citizens) = TestSociety::with_citizens(fx, "Solar", 2).await;
        let lisbon = solar.node_with_operator(fx, "lisbon").await;
        let lunar = TestSociety::create(fx, "Lunar", sponsored(2)).await;
        let mut lunar_citizens = Vec::new();
        for handle in ["moon", "tide"] {
            lunar_citizens.push(lunar.citizen(fx, handle).await);
        }
        Self {
            solar,
            solar_citizens,
            lisbon,
            lunar,
            lunar_citizens,
        }
    }

    fn solar_voters(&self) -> Vec<&Keypair> {
        self.solar_citizens
            .iter()
            .chain([&self.solar.founder])
            .collect()
    }

    fn lunar_voters(&self) -> Vec<&Keypair> {
        self.lunar_citizens
            .iter()
            .chain([&self.lunar.founder])
            .collect()
    }

    /// Solar's vote executes `action`.
    async fn solar_enacts(
        &self,
        fx: &mut Fixture,
        action: ProposalAction,
    ) -> events::TreatyChanged {
        let (_, out) = self
            .solar
            .enact(fx, &self.solar.founder, &self.solar_voters(), action)
            .await;
        out.event()
    }

    /// Lunar's vote executes `action`.
    async fn lunar_enacts(
        &self,
        fx: &mut Fixture,
        action: ProposalAction,
    ) -> events::TreatyChanged {
        let (_, out) = self
            .lunar
            .enact(fx, &self.lunar.founder, &self.lunar_voters(), action)
            .await;
        out.event()
    }

    /// Lunar's vote passes `action`, whose execution is refused with `error`.
    async fn lunar_fails(&self, fx: &mut Fixture, action: ProposalAction, error: NetstateError) {
        let proposal = self.lunar.propose(fx, &self.lunar.founder, action).await;
        self.lunar.pass(fx, &proposal, &self.lunar_voters()).await;
        let execute = self.lunar.execute_ix(fx, &proposal).await;
        fx.send_err(&[execute], &[], error).await;
    }

    /// Solar offering Lunar `terms`.
    fn offer(&self, terms: TreatyTerms) -> ProposalAction {
        ProposalAction::ProposeTreaty {
            partner: self.lunar.address,
            terms,
        }
    }

    /// Lunar ratifying Solar's offer of `terms`.
    fn ratification(&self, terms: TreatyTerms) -> ProposalAction {
        ProposalAction::RatifyTreaty {
            partner: self.solar.address,
            terms,
        }
    }

    /// A Solar citizen applies to Lunar under the treaty.
    fn join_lunar(
        &self,
        who: &Keypair,
        handle: &str,
    ) -> anchor_lang::solana_program::instruction::Instruction {
        ix::apply_by_treaty(
            &PROGRAM_ID,
            &who.pubkey(),
            &self.lunar.address,
            &self.solar.address,
            apply_args(handle),
        )
    }

    /// `who` applies to Solar (the host of the treaty's visits) as `handle`.
    async fn join_solar(&self, fx: &mut Fixture, who: &Keypair, handle: &str) {
        let apply = ix::apply(
            &PROGRAM_ID,
            &who.pubkey(),
            &self.solar.address,
            apply_args(handle),
        );
        fx.send_ok(&[apply], &[who]).await;
    }

    fn treaty(&self) -> anchor_lang::prelude::Pubkey {
        ix::treaty_address(&PROGRAM_ID, &self.solar.address, &self.lunar.address)
    }

    fn visit(&self, who: &Keypair) -> anchor_lang::solana_program::instruction::Instruction {
        ix::visit(
            &PROGRAM_ID,
            &who.pubkey(),
            &self.lisbon.pubkey(),
            &self.solar.address,
            "lisbon",
            &self.lunar.address,
        )
    }
}

#[tokio::test]
async fn two_societies_ratify_use_and_withdraw_a_treaty() {
    let mut fx = Fixture::new().await;
    let p = Pair::new(&mut fx).await;
    let offered = terms(true, FastTrack::Immediate);
    let moon = &p.lunar_citizens[0];

    // No treaty yet: no visits.
    fx.send_err(
        &[p.visit(moon)],
        &[moon, &p.lisbon],
        NetstateError::TreatyNotInForce,
    )
    .await;

    let event = p.solar_enacts(&mut fx, p.offer(offered)).await;
    assert_eq!((event.partner, event.terms), (p.lunar.address, offered));
    let treaty: Treaty = fx.account(&p.treaty()).await;
    assert_eq!(
        (treaty.status, treaty.proposed_by),
        (TreatyStatus::Proposed, p.solar.address)
    );
    // An offer is not a treaty.
    fx.send_err(
        &[p.visit(moon)],
        &[moon, &p.lisbon],
        NetstateError::TreatyNotInForce,
    )
    .await;

    // Lunar ratifies word for word.
    p.lunar_enacts(&mut fx, p.ratification(offered)).await;
    let treaty: Treaty = fx.account(&p.treaty()).await;
    assert_eq!(treaty.status, TreatyStatus::Ratified);

    // A Lunar citizen visits Solar's hub: counted apart from Solar's members, once a day.
    let before: Society = fx.account(&p.solar.address).await;
    let out = fx.send_ok(&[p.visit(moon)], &[moon, &p.lisbon]).await;
    let visited: events::Visited = out.event();
    assert_eq!(
        (visited.home_society, visited.days_present),
        (p.lunar.address, 1)
    );
    fx.send_err(
        &[p.visit(moon)],
        &[moon, &p.lisbon],
        NetstateError::AlreadyCheckedInToday,
    )
    .await;
    let after: Society = fx.account(&p.solar.address).await;
    assert_eq!(
        (
            after.census.current.visitors,
            after.census.current.visitor_days
        ),
        (
            before.census.current.visitors + 1,
            before.census.current.visitor_days + 1
        )
    );
    assert_eq!(after.census.current.present, before.census.current.present);
    let visitor: Visitor = fx
        .account(&pda::visitor(&PROGRAM_ID, &p.solar.address, &moon.pubkey()).0)
        .await;
    assert_eq!(
        (visitor.days_present, visitor.home_society),
        (1, p.lunar.address)
    );

    // A Solar citizen applies to Lunar (sponsored by 2) and is admitted at once.
    let sun = &p.solar_citizens[0];
    fx.send_ok(&[p.join_lunar(sun, "sun")], &[sun]).await;
    let member: Member = fx.account(&p.lunar.member(&sun.pubkey())).await;
    assert_eq!(member.status, MemberStatus::Citizen);

    // Lunar withdraws: the treaty holds through the notice, then ends.
    let event = p
        .lunar_enacts(
            &mut fx,
            ProposalAction::WithdrawTreaty {
                partner: p.solar.address,
            },
        )
        .await;
    let treaty: Treaty = fx.account(&p.treaty()).await;
    assert_eq!(event.ends_at, treaty.ends_at);
    assert!(treaty.ends_at > fx.now(), "the notice runs");
    fx.send_ok(&[p.visit(moon)], &[moon, &p.lisbon]).await;
    fx.warp_seconds(7 * DAY).await;
    fx.send_err(
        &[p.visit(moon)],
        &[moon, &p.lisbon],
        NetstateError::TreatyNotInForce,
    )
    .await;
    let tide = &p.solar_citizens[1];
    fx.send_err(
        &[p.join_lunar(tide, "tide")],
        &[tide],
        NetstateError::TreatyNotInForce,
    )
    .await;

    // Once ended, the pair may make a new one.
    p.solar_enacts(
        &mut fx,
        p.offer(terms(false, FastTrack::Sponsors { count: 1 })),
    )
    .await;
    let treaty: Treaty = fx.account(&p.treaty()).await;
    assert_eq!((treaty.status, treaty.ends_at), (TreatyStatus::Proposed, 0));
}

#[tokio::test]
async fn differing_terms_own_offers_and_replayed_ratifications_are_refused() {
    let mut fx = Fixture::new().await;
    let p = Pair::new(&mut fx).await;
    let offered = terms(true, FastTrack::None);
    // Nothing to ratify yet.
    p.lunar_fails(
        &mut fx,
        p.ratification(offered),
        NetstateError::TreatyNotProposed,
    )
    .await;
    p.solar_enacts(&mut fx, p.offer(offered)).await;
    // Other terms than offered.
    p.lunar_fails(
        &mut fx,
        p.ratification(terms(true, FastTrack::Immediate)),
        NetstateError::TreatyTermsMismatch,
    )
    .await;
    // The offering side cannot ratify itself.
    let own = p
        .solar
        .propose(
            &mut fx,
            &p.solar.founder,
            ProposalAction::RatifyTreaty {
                partner: p.lunar.address,
                terms: offered,
            },
        )
        .await;
    p.solar.pass(&mut fx, &own, &p.solar_voters()).await;
    let execute = p.solar.execute_ix(&mut fx, &own).await;
    fx.send_err(&[execute], &[], NetstateError::CannotRatifyOwnOffer)
        .await;
    // Ratified once; a second ratification finds no offer.
    p.lunar_enacts(&mut fx, p.ratification(offered)).await;
    p.lunar_fails(
        &mut fx,
        p.ratification(offered),
        NetstateError::TreatyNotProposed,
    )
    .await;
    // While it holds, no new offer; and visits without the term are refused elsewhere.
    p.lunar_fails(
        &mut fx,
        ProposalAction::ProposeTreaty {
            partner: p.solar.address,
            terms: offered,
        },
        NetstateError::TreatyAlreadyInForce,
    )
    .await;
    let moon = &p.lunar_citizens[0];
    fx.send_err(
        &[ix::apply_by_treaty(
            &PROGRAM_ID,
            &moon.pubkey(),
            &p.solar.address,
            &p.lunar.address,
            apply_args("moon"),
        )],
        &[moon],
        NetstateError::TreatyGrantsNoFastTrack,
    )
    .await;
}

#[tokio::test]
async fn a_treaty_with_oneself_or_a_stranger_is_refused_when_proposed() {
    let mut fx = Fixture::new().await;
    let p = Pair::new(&mut fx).await;
    p.solar
        .propose_refused(
            &mut fx,
            &p.solar.founder,
            ProposalAction::ProposeTreaty {
                partner: p.solar.address,
                terms: terms(true, FastTrack::None),
            },
            NetstateError::TreatyWithSelf,
        )
        .await;
    p.solar
        .propose_refused(
            &mut fx,
            &p.solar.founder,
            ProposalAction::ProposeTreaty {
                partner: p.solar.member(&p.solar.founder.pubkey()),
                terms: terms(true, FastTrack::None),
            },
            NetstateError::UnknownSociety,
        )
        .await;
    p.solar
        .propose_refused(
            &mut fx,
            &p.solar.founder,
            ProposalAction::ProposeTreaty {
                partner: p.lunar.address,
                terms: TreatyTerms {
                    notice_secs: 366 * 86_400,
                    ..terms(true, FastTrack::None)
                },
            },
            NetstateError::TreatyNoticeOutOfRange,
        )
        .await;
    // And no one makes a treaty without a passed proposal: executing one still voting fails.
    let proposal = p
        .solar
        .propose(
            &mut fx,
            &p.solar.founder,
            p.offer(terms(true, FastTrack::None)),
        )
        .await;
    let execute = p.solar.execute_ix(&mut fx, &proposal).await;
    fx.send_err(&[execute], &[], NetstateError::ProposalNotFinalized)
        .await;
    assert!(fx.raw_account(&p.treaty()).await.is_none());
}

#[tokio::test]
async fn visitors_must_be_citizens_in_good_standing_under_the_right_treaty() {
    let mut fx = Fixture::new().await;
    let p = Pair::new(&mut fx).await;
    let offered = terms(true, FastTrack::Sponsors { count: 1 });
    p.solar_enacts(&mut fx, p.offer(offered)).await;
    p.lunar_enacts(&mut fx, p.ratification(offered)).await;

    // A Lunar applicant is no citizen: no visit.
    let applicant = p.lunar.applicant(&mut fx, "hopeful").await;
    fx.send_err(
        &[p.visit(&applicant)],
        &[&applicant, &p.lisbon],
        NetstateError::NotAPartnerCitizen,
    )
    .await;

    // A third society with no treaty: its citizen is refused.
    let stranger_state = TestSociety::create(&mut fx, "Stranger", AdmissionPolicy::Open).await;
    let stranger = stranger_state.citizen(&mut fx, "stranger").await;
    let from_stranger = ix::visit(
        &PROGRAM_ID,
        &stranger.pubkey(),
        &p.lisbon.pubkey(),
        &p.solar.address,
        "lisbon",
        &stranger_state.address,
    );
    fx.send_err(
        &[from_stranger.clone()],
        &[&stranger, &p.lisbon],
        NetstateError::TreatyNotInForce,
    )
    .await;
    // ...and passing the Solar–Lunar treaty instead is caught by its address.
    let mut forged = from_stranger.clone();
    forged.accounts[6].pubkey = p.treaty();
    fx.send_err(
        &[forged],
        &[&stranger, &p.lisbon],
        ErrorCode::ConstraintSeeds,
    )
    .await;
    // A lookalike treaty at the right address but owned by another program is no treaty.
    let lookalike = ix::treaty_address(&PROGRAM_ID, &p.solar.address, &stranger_state.address);
    let real: Treaty = fx.account(&p.treaty()).await;
    let another_program = anchor_lang::prelude::Pubkey::new_unique();
    fx.set_account(
        &lookalike,
        forged_account(
            &real,
            &another_program,
            8 + <Treaty as anchor_lang::Space>::INIT_SPACE,
        ),
    );
    fx.send_err(
        &[from_stranger],
        &[&stranger, &p.lisbon],
        NetstateError::TreatyNotInForce,
    )
    .await;

    // Expelled at home: refused abroad.
    let moon = &p.lunar_citizens[0];
    forge_expelled(&mut fx, &p.lunar.member(&moon.pubkey())).await;
    fx.send_err(
        &[p.visit(moon)],
        &[moon, &p.lisbon],
        NetstateError::MemberExpelled,
    )
    .await;

    // A Solar citizen fast-tracked to Lunar (sponsored by 2) counts as 1 sponsor: an applicant
    // one citizen's sponsorship from admission.
    let sun = &p.solar_citizens[0];
    fx.send_ok(&[p.join_lunar(sun, "sun")], &[sun]).await;
    let member: Member = fx.account(&p.lunar.member(&sun.pubkey())).await;
    assert_eq!(
        (member.status, member.sponsor_count),
        (MemberStatus::Applicant, 1)
    );
    let tide = &p.lunar_citizens[1];
    fx.send_ok(
        &[ix::sponsor(
            &PROGRAM_ID,
            &tide.pubkey(),
            &p.lunar.address,
            &sun.pubkey(),
        )],
        &[tide],
    )
    .await;
    let member: Member = fx.account(&p.lunar.member(&sun.pubkey())).await;
    assert_eq!(member.status, MemberStatus::Citizen);
}

#[tokio::test]
async fn a_member_or_an_expelled_wallet_of_the_host_is_never_counted_as_its_visitor() {
    let mut fx = Fixture::new().await;
    let p = Pair::new(&mut fx).await;
    let offered = terms(true, FastTrack::Sponsors { count: 1 });
    p.solar_enacts(&mut fx, p.offer(offered)).await;
    p.lunar_enacts(&mut fx, p.ratification(offered)).await;
    let census_before = fx.account::<Society>(&p.solar.address).await.census;

    // A Lunar citizen who also applied to Solar is a Solar member: one person, one count a
    // day, as a member (check_in), never also as a visitor.
    let tide = &p.lunar_citizens[1];
    p.join_solar(&mut fx, tide, "tide").await;
    fx.send_err(
        &[p.visit(tide)],
        &[tide, &p.lisbon],
        NetstateError::HostMemberChecksIn,
    )
    .await;

    // A Lunar citizen Solar expelled is not counted at Solar's hubs at all.
    let moon = &p.lunar_citizens[0];
    p.join_solar(&mut fx, moon, "moon").await;
    forge_expelled(&mut fx, &p.solar.member(&moon.pubkey())).await;
    fx.send_err(
        &[p.visit(moon)],
        &[moon, &p.lisbon],
        NetstateError::ExpelledByHost,
    )
    .await;

    // Nothing was recorded for either, and the census did not move.
    for who in [tide, moon] {
        let record = netstate_client::pda::visitor(&PROGRAM_ID, &p.solar.address, &who.pubkey()).0;
        assert!(fx.raw_account(&record).await.is_none());
    }
    let census_after = fx.account::<Society>(&p.solar.address).await.census;
    assert_eq!(census_before, census_after);

    // A Lunar citizen with no Solar record visits as before.
    let founder = &p.lunar.founder;
    fx.send_ok(&[p.visit(founder)], &[founder, &p.lisbon]).await;
}

#[tokio::test]
async fn a_visitor_of_the_day_who_joins_the_host_is_counted_once_that_day() {
    let mut fx = Fixture::new().await;
    let p = Pair::new(&mut fx).await;
    let offered = terms(true, FastTrack::Sponsors { count: 1 });
    p.solar_enacts(&mut fx, p.offer(offered)).await;
    p.lunar_enacts(&mut fx, p.ratification(offered)).await;
    let moon = &p.lunar_citizens[0];
    fx.send_ok(&[p.visit(moon)], &[moon, &p.lisbon]).await;
    let visit_day = fx.today();
    p.join_solar(&mut fx, moon, "moon").await;
    let before: Society = fx.account(&p.solar.address).await;

    // The same day as a member: refused, it was counted as a visit.
    let check_in = ix::check_in(
        &PROGRAM_ID,
        &moon.pubkey(),
        &p.lisbon.pubkey(),
        &p.solar.address,
        "lisbon",
    );
    fx.send_err(
        &[check_in.clone()],
        &[moon, &p.lisbon],
        NetstateError::CountedAsVisitorToday,
    )
    .await;
    // A door's ticket for that day changes nothing either, as a repeated ticket.
    let ticket = netstate_client::tickets::SignedTicket::sign(
        &p.lisbon,
        &PROGRAM_ID,
        p.solar.address,
        p.solar.node("lisbon"),
        moon.pubkey(),
        visit_day,
    );
    let out = fx.send_ok(&ticket.redeem(&fx.payer().pubkey()), &[]).await;
    assert!(out.events::<events::TicketRedeemed>().is_empty());
    assert!(
        out.logs
            .iter()
            .any(|l| l.contains("counted as a visit to this society: nothing changes")),
        "{:#?}",
        out.logs
    );
    let residency = pda::residency(&PROGRAM_ID, &p.solar.node("lisbon"), &moon.pubkey()).0;
    assert!(fx.raw_account(&residency).await.is_none());
    let after: Society = fx.account(&p.solar.address).await;
    assert_eq!((after.seq, after.census), (before.seq, before.census));

    // The next day it counts, as a member.
    fx.warp_seconds(86_400).await;
    fx.send_ok(&[check_in], &[moon, &p.lisbon]).await;
    let member: Member = fx.account(&p.solar.member(&moon.pubkey())).await;
    assert_eq!(member.check_in_count, 1);
}
