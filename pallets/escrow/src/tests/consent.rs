//! Consent: each test here is a sequence of calls by which one side once moved money the other
//! never agreed to. Each must be refused with a named error and nothing moved.

use super::*;

fn dispute(who: AccountId, id: SettlementId) -> DispatchResult {
	Escrow::open_dispute(RuntimeOrigin::signed(who), id, [1; 32])
}

fn reopen(
	store: StoreId,
	amount: Balance,
	time_limit: Option<u64>,
	snapshot: SnapshotHash,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Escrow::open_settlement(
		RuntimeOrigin::signed(ALICE),
		store,
		bounded(b"o"),
		NATIVE,
		amount,
		STORE_PAY,
		time_limit,
		snapshot,
	)
}

// ---- consent bound to an amount ----------------------------------------------------------

#[test]
fn a_deduction_switched_under_the_stores_acceptance_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 90));
		// The buyer gets a new proposal into the block before the store's acceptance.
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 1));
		assert_noop!(
			Escrow::accept_deduction(RuntimeOrigin::signed(STORE_PAY), id, 90),
			Error::<Test>::ProposalChanged
		);
		assert_eq!(settlement(id).agreed_payout, None);
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 1),
			Error::<Test>::BelowOrderAmount
		);
		// The deadline pays the order amount.
		run_to_block(1 + DEFAULT_LIMIT);
		assert_eq!(free(STORE_PAY), 200);
	});
}

#[test]
fn a_split_switched_under_the_stores_acceptance_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(dispute(ALICE, id));
		assert_ok!(Escrow::propose_split(RuntimeOrigin::signed(ALICE), id, 50));
		// Switched to a full refund before the store's acceptance of 50 is included.
		assert_ok!(Escrow::propose_split(RuntimeOrigin::signed(ALICE), id, 0));
		assert_noop!(
			Escrow::accept_split(RuntimeOrigin::signed(STORE_PAY), id, 50),
			Error::<Test>::ProposalChanged
		);
		assert_eq!(settlement(id).status, SettlementStatus::Disputed);
		assert_eq!(held(ALICE), 100);
		// Accepting what is proposed now works, at that amount.
		assert_ok!(Escrow::propose_split(RuntimeOrigin::signed(ALICE), id, 50));
		assert_ok!(Escrow::accept_split(RuntimeOrigin::signed(STORE_PAY), id, 50));
		assert_eq!(free(STORE_PAY), 150);
	});
}

#[test]
fn an_agreed_deduction_cannot_be_withdrawn_by_one_side() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(STORE_PAY), id, 70));
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(ALICE), id, 70));
		// The store proposes another payout: a proposal, not a change of what was agreed.
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(STORE_PAY), id, 99));
		assert_eq!(settlement(id).agreed_payout, Some(70));
		assert_eq!(settlement(id).proposal, Some(Proposal { payout: 99, by: Party::Payee }));
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 70));
		assert_eq!(free(STORE_PAY), 170);
		assert_eq!(free(ALICE), 1_000 - 70);
	});
}

#[test]
fn an_agreed_deduction_is_paid_at_the_deadline_despite_a_later_proposal() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(STORE_PAY), id, 70));
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(ALICE), id, 70));
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(STORE_PAY), id, 99));
		run_to_block(1 + DEFAULT_LIMIT);
		assert_eq!(free(STORE_PAY), 170);
	});
}

#[test]
fn both_sides_may_replace_an_agreed_deduction_or_drop_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 60));
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(STORE_PAY), id, 60));
		assert_noop!(
			Escrow::accept_deduction(RuntimeOrigin::signed(STORE_PAY), id, 60),
			Error::<Test>::NoDeduction
		);
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(STORE_PAY), id, 80));
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(ALICE), id, 80));
		assert_eq!(settlement(id).minimum_payout(), 80);
		// The order amount itself, agreed, drops the deduction.
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(STORE_PAY), id, 100));
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(ALICE), id, 100));
		assert_eq!(settlement(id).agreed_payout, None);
		assert_noop!(
			Escrow::propose_deduction(RuntimeOrigin::signed(STORE_PAY), id, 101),
			Error::<Test>::NotADeduction
		);
	});
}

#[test]
fn after_acceptance_only_the_amount_may_rise() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(reopen(STORE_WITH_DEFAULT, 300, Some(40), SNAP));
		let id = 0;
		assert_ok!(accept(id, 250));
		// Lower than held (even if above the order amount), another snapshot, another rule.
		assert_noop!(
			reopen(STORE_WITH_DEFAULT, 299, None, SNAP),
			Error::<Test>::BelowAcceptedAmount
		);
		assert_noop!(reopen(STORE_WITH_DEFAULT, 300, None, SNAP2), Error::<Test>::TermsLocked);
		assert_noop!(reopen(STORE_WITH_DEFAULT, 300, Some(41), SNAP), Error::<Test>::TermsLocked);
		// `None` would resolve to the store's default (30): the accepted rule (40) stays.
		assert_ok!(reopen(STORE_WITH_DEFAULT, 320, None, SNAP));
		assert_ok!(reopen(STORE_WITH_DEFAULT, 330, Some(40), SNAP));
		let s = settlement(id);
		assert_eq!((s.amount, s.time_limit, s.snapshot), (330, 40, SNAP));
		assert_eq!(held(ALICE), 330);
	});
}

// ---- disputes that cannot be looped --------------------------------------------------------

#[test]
fn a_lapsed_store_dispute_does_not_restart_the_ship_by_clock() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		assert_ok!(accept(id, 100));
		run_to_block(5);
		assert_ok!(dispute(STORE_PAY, id));
		run_to_block(5 + DISPUTE_PERIOD);
		assert_eq!(settlement(id).status, SettlementStatus::Accepted);
		// The store's ship-by time ran on during its own dispute: the buyer may cancel now.
		assert_ok!(Escrow::cancel(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(free(ALICE), 1_000);
	});
}

#[test]
fn a_lapsed_buyer_dispute_gains_the_buyer_no_time() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o"); // deadline 21
		run_to_block(15);
		assert_ok!(dispute(ALICE, id));
		run_to_block(15 + DISPUTE_PERIOD);
		// The deadline passed during the dispute: paid at the start of the next block.
		assert_eq!(settlement(id).deadline, Some(16 + DISPUTE_PERIOD));
		run_to_block(16 + DISPUTE_PERIOD);
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		assert_eq!(free(STORE_PAY), 200);
	});
}

#[test]
fn a_lapsed_store_dispute_gives_the_buyer_back_the_time_that_remained() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o"); // deadline 21
		run_to_block(15);
		assert_ok!(dispute(STORE_PAY, id));
		run_to_block(15 + DISPUTE_PERIOD);
		assert_eq!(settlement(id).deadline, Some(21 + DISPUTE_PERIOD));
	});
}

#[test]
fn the_arbiters_resume_gives_back_only_the_time_that_remained() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o"); // deadline 21: 6 blocks remain at block 15
		run_to_block(15);
		assert_ok!(dispute(ALICE, id));
		run_to_block(20);
		assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Resume));
		assert_eq!(settlement(id).deadline, Some(26));
		assert_eq!(last_event(), Event::DisputeResumed { id, deadline: Some(26) });
	});
}

#[test]
fn each_side_disputes_a_settlement_at_most_max_disputes_times() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		for _ in 0..MAX_DISPUTES {
			assert_ok!(dispute(ALICE, id));
			assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Resume));
		}
		assert_noop!(dispute(ALICE, id), Error::<Test>::TooManyDisputes);
		// The buyer's disputes do not use up the store's: it has its own.
		for _ in 0..MAX_DISPUTES {
			assert_ok!(dispute(STORE_PAY, id));
			assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Resume));
		}
		assert_noop!(dispute(STORE_OWNER, id), Error::<Test>::TooManyDisputes);
		let s = settlement(id);
		assert_eq!((s.disputes, s.store_disputes), (2 * MAX_DISPUTES, MAX_DISPUTES));
	});
}

#[test]
fn no_dispute_once_the_deadline_has_passed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o"); // deadline 21
						  // A backlog: block 21 has come but its payout has not been made yet.
		System::set_block_number(1 + DEFAULT_LIMIT);
		assert_noop!(dispute(ALICE, id), Error::<Test>::DeadlinePassed);
		Escrow::on_initialize(1 + DEFAULT_LIMIT);
		assert_eq!(free(STORE_PAY), 200);
	});
}

#[test]
fn each_side_has_its_own_evidence_slots() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(dispute(ALICE, id));
		let add = |who, n: u8| Escrow::add_evidence(RuntimeOrigin::signed(who), id, [n; 32]);
		for n in 0..MAX_EVIDENCE as u8 {
			assert_ok!(add(ALICE, n));
		}
		assert_noop!(add(ALICE, 99), Error::<Test>::TooMuchEvidence);
		for n in 0..MAX_EVIDENCE as u8 {
			assert_ok!(add(STORE_PAY, n));
		}
		assert_noop!(add(STORE_OWNER, 99), Error::<Test>::TooMuchEvidence);
		assert_eq!(Disputes::<Test>::get(id).unwrap().evidence.len() as u32, 2 * MAX_EVIDENCE);
	});
}

#[test]
fn the_store_may_refund_in_full_during_a_dispute() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(dispute(ALICE, id));
		assert_eq!(free(ALICE), 1_000 - 100 - DEPOSIT - DISPUTE_DEPOSIT);
		assert_noop!(Escrow::refund(RuntimeOrigin::signed(ALICE), id), Error::<Test>::NotPayee);
		assert_ok!(Escrow::refund(RuntimeOrigin::signed(STORE_PAY), id));
		assert_eq!(free(ALICE), 1_000);
		assert_eq!(settlement(id).status, SettlementStatus::Refunded);
		assert!(Disputes::<Test>::get(id).is_none());
		assert!(escrow_events().contains(&Event::DisputeEnded {
			id,
			end: DisputeEnd::Refunded,
			payout: Some(0),
			deposit_to_opener: true,
		}));
		// Nothing of the dispute is left for the agenda.
		run_to_block(1 + DISPUTE_PERIOD + 1);
		assert_eq!(free(ALICE), 1_000);
	});
}

#[test]
fn the_stores_owner_acts_for_the_store() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(STORE_OWNER), id, 80));
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(ALICE), id, 80));
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 75));
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(STORE_OWNER), id, 75));
		assert_ok!(dispute(STORE_OWNER, id));
		assert_eq!(Disputes::<Test>::get(id).unwrap().opened_by, Party::Payee);
		// The owner holds the deposit of the dispute it opened.
		assert_eq!(free(STORE_OWNER), 100 - DISPUTE_DEPOSIT);
		assert_ok!(Escrow::refund(RuntimeOrigin::signed(STORE_OWNER), id));
		assert_eq!(free(STORE_OWNER), 100);
		assert_eq!(free(ALICE), 1_000);
		// A stranger still acts for nobody.
		let other = open(BOB, b"p", 50);
		assert_ok!(accept(other, 50));
		assert_noop!(Escrow::refund(RuntimeOrigin::signed(EVE), other), Error::<Test>::NotPayee);
		assert_noop!(dispute(EVE, other), Error::<Test>::NotParty);
	});
}

// ---- records ------------------------------------------------------------------------------

#[test]
fn pruning_tells_the_observer_so_the_store_order_goes_too() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100));
		run_to_block(1 + RETENTION);
		assert!(Settlements::<Test>::get(id).is_none());
		assert_eq!(observed().last(), Some(&Observed::Pruned { id }));
	});
}

#[test]
fn store_lists_read_only_the_stores_open_settlements_in_pages() {
	ExtBuilder::default().build_and_execute(|| {
		let ids: Vec<_> = (0..5u8).map(|n| open(ALICE, &[n], 10)).collect();
		let other = open(BOB, b"x", 10);
		assert_ok!(Escrow::cancel(RuntimeOrigin::signed(ALICE), ids[2]));
		let page = |cursor, limit| {
			Escrow::open_settlements_of_store(STORE, cursor, limit)
				.into_iter()
				.map(|(id, _)| id)
				.collect::<Vec<_>>()
		};
		let mut seen = Vec::new();
		let mut cursor = None;
		loop {
			let next = page(cursor, 2);
			assert!(next.len() <= 2);
			if next.is_empty() {
				break;
			}
			cursor = next.last().copied();
			seen.extend(next);
		}
		seen.sort();
		assert_eq!(seen, vec![ids[0], ids[1], ids[3], ids[4], other]);
		assert!(page(None, 0).is_empty());
		let of_buyer = |cursor, limit| {
			Escrow::open_settlements_of_buyer(&ALICE, cursor, limit)
				.into_iter()
				.map(|(id, _)| id)
				.collect::<Vec<_>>()
		};
		let first = of_buyer(None, 3);
		let rest = of_buyer(first.last().copied(), 3);
		let mut all: Vec<_> = first.into_iter().chain(rest).collect();
		all.sort();
		assert_eq!(all, vec![ids[0], ids[1], ids[3], ids[4]]);
	});
}

// ---- deductions ----------------------------------------------------------------------------

#[test]
fn a_deduction_the_store_agreed_lets_the_buyer_pay_less() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 70));
		assert_eq!(last_event(), Event::DeductionProposed { id, by: Party::Buyer, payout: 70 });
		// Not agreed yet: the buyer alone cannot pay less.
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 70),
			Error::<Test>::BelowOrderAmount
		);
		assert_noop!(
			Escrow::accept_deduction(RuntimeOrigin::signed(ALICE), id, 70),
			Error::<Test>::OwnProposal
		);
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(STORE_PAY), id, 70));
		assert_eq!(last_event(), Event::DeductionAgreed { id, payout: 70 });
		assert_noop!(
			Escrow::accept_deduction(RuntimeOrigin::signed(STORE_PAY), id, 70),
			Error::<Test>::NoDeduction
		);
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 69),
			Error::<Test>::BelowOrderAmount
		);
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 70));
		assert_eq!(free(STORE_PAY), 170);
		assert_eq!(free(ALICE), 930);
		assert_eq!(held(ALICE), 0);
		assert!(matches!(last_event(), Event::SettlementCompleted { paid: 70, released: 30, .. }));
	});
}

#[test]
fn a_deduction_the_store_proposed_and_the_buyer_accepted_is_paid_at_the_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(STORE_PAY), id, 60));
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(ALICE), id, 60));
		run_to_block(1 + DEFAULT_LIMIT);
		assert_eq!(free(STORE_PAY), 160);
		assert_eq!(free(ALICE), 940);
		assert_eq!(
			PaymentRecords::<Test>::get(0).map(|r| (r.amount, r.trigger)),
			Some((60, PayoutTrigger::Deadline))
		);
	});
}

#[test]
fn an_unaccepted_proposal_does_not_change_the_deadline_payout() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 10));
		run_to_block(1 + DEFAULT_LIMIT);
		assert_eq!(free(STORE_PAY), 200);
	});
}

#[test]
fn deduction_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		assert_noop!(
			Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 50),
			Error::<Test>::NotAccepted
		);
		assert_ok!(accept(id, 100));
		assert_noop!(
			Escrow::propose_deduction(RuntimeOrigin::signed(EVE), id, 50),
			Error::<Test>::NotParty
		);
		assert_noop!(
			Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), 9, 50),
			Error::<Test>::UnknownSettlement
		);
		assert_noop!(
			Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 101),
			Error::<Test>::NotADeduction
		);
		assert_noop!(
			Escrow::accept_deduction(RuntimeOrigin::signed(STORE_PAY), id, 50),
			Error::<Test>::NoDeduction
		);
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 50));
		assert_noop!(
			Escrow::accept_deduction(RuntimeOrigin::signed(EVE), id, 50),
			Error::<Test>::NotParty
		);
		// A new proposal replaces the old one.
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(STORE_PAY), id, 80));
		assert_noop!(
			Escrow::accept_deduction(RuntimeOrigin::signed(STORE_PAY), id, 80),
			Error::<Test>::OwnProposal
		);
		assert_eq!(settlement(id).proposal, Some(Proposal { payout: 80, by: Party::Payee }));
	});
}

#[test]
fn a_deduction_to_a_payee_that_cannot_receive_it_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Escrow::open_settlement(
			RuntimeOrigin::signed(ALICE),
			STORE,
			bounded(b"o"),
			NATIVE,
			ED,
			NOBODY,
			None,
			SNAP
		));
		let id = 0;
		assert_ok!(accept(id, ED));
		assert_noop!(
			Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, ED - 1),
			Error::<Test>::PayeeCannotReceive
		);
	});
}
