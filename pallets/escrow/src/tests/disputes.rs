//! Tests of disputes: opening stops the clock; an agreed split, the arbiter's ruling or the
//! lapse of the dispute period ends it; the deposit follows the documented rule.

use super::*;
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use sp_runtime::DispatchError;

const REASON: [u8; 32] = [3; 32];

fn dispute_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::DisputeDeposit.into(), &who)
}

/// Alice's shipped settlement of 100 (deadline 21), disputed by `who`.
fn disputed(who: AccountId) -> SettlementId {
	let id = shipped(b"o");
	assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(who), id, REASON));
	id
}

#[test]
fn opening_a_dispute_stops_the_clock_and_holds_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		System::set_block_number(4);
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(ALICE), id, REASON));
		let s = settlement(id);
		assert_eq!((s.status, s.deadline), (SettlementStatus::Disputed, None));
		assert_eq!(dispute_held(ALICE), DISPUTE_DEPOSIT);
		assert!(!Agenda::<Test>::contains_key(AgendaKey::new(
			1 + DEFAULT_LIMIT,
			AgendaTask::AutoSettle,
			id
		)));
		assert_eq!(
			last_event(),
			Event::DisputeOpened {
				id,
				by: Party::Buyer,
				reason: REASON,
				deposit: DISPUTE_DEPOSIT,
				arbiter_due: 4 + DISPUTE_PERIOD
			}
		);
		assert_eq!(observed(), vec![Observed::Dispute { id, open: true }]);
		// Past the old deadline nothing is paid.
		run_to_block(2 + DEFAULT_LIMIT);
		assert_eq!(settlement(id).status, SettlementStatus::Disputed);
		assert_eq!(free(STORE_PAY), 100);
	});
}

#[test]
fn open_dispute_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		assert_noop!(
			Escrow::open_dispute(RuntimeOrigin::signed(ALICE), id, REASON),
			Error::<Test>::NotAccepted
		);
		assert_ok!(accept(id, 100));
		assert_noop!(
			Escrow::open_dispute(RuntimeOrigin::signed(EVE), id, REASON),
			Error::<Test>::NotParty
		);
		assert_noop!(
			Escrow::open_dispute(RuntimeOrigin::signed(ALICE), 9, REASON),
			Error::<Test>::UnknownSettlement
		);
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(STORE_PAY), id, REASON));
		assert_noop!(
			Escrow::open_dispute(RuntimeOrigin::signed(ALICE), id, REASON),
			Error::<Test>::AlreadyDisputed
		);
		// Disputing after completion.
		let done = shipped(b"done");
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), done, 100));
		assert_noop!(
			Escrow::open_dispute(RuntimeOrigin::signed(ALICE), done, REASON),
			Error::<Test>::SettlementClosed
		);
		// A side that cannot afford the deposit.
		let poor = open(POOR, b"p", 10);
		assert_ok!(accept(poor, 10));
		assert_noop!(
			Escrow::open_dispute(RuntimeOrigin::signed(POOR), poor, REASON),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn while_disputed_only_the_dispute_calls_move_the_settlement() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disputed(ALICE);
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100),
			Error::<Test>::UnderDispute
		);
		assert_noop!(Escrow::cancel(RuntimeOrigin::signed(ALICE), id), Error::<Test>::UnderDispute);
		assert_noop!(
			Escrow::extend_deadline(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::UnderDispute
		);
		assert_noop!(
			Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 50),
			Error::<Test>::UnderDispute
		);
	});
}

#[test]
fn evidence_is_bounded_and_announced() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disputed(ALICE);
		for i in 0..MAX_EVIDENCE {
			assert_ok!(Escrow::add_evidence(RuntimeOrigin::signed(ALICE), id, [i as u8; 32]));
		}
		assert_eq!(last_event(), Event::EvidenceAdded { id, by: Party::Buyer, evidence: [2; 32] });
		assert_noop!(
			Escrow::add_evidence(RuntimeOrigin::signed(ALICE), id, [9; 32]),
			Error::<Test>::TooMuchEvidence
		);
		assert_noop!(
			Escrow::add_evidence(RuntimeOrigin::signed(EVE), id, [9; 32]),
			Error::<Test>::NotParty
		);
		assert_eq!(Disputes::<Test>::get(id).unwrap().evidence.len() as u32, MAX_EVIDENCE);
		let undisputed = shipped(b"x");
		assert_noop!(
			Escrow::add_evidence(RuntimeOrigin::signed(ALICE), undisputed, [9; 32]),
			Error::<Test>::NotDisputed
		);
	});
}

#[test]
fn an_agreed_split_settles_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disputed(ALICE);
		assert_noop!(
			Escrow::accept_split(RuntimeOrigin::signed(STORE_PAY), id, 60),
			Error::<Test>::NoSplitProposed
		);
		assert_noop!(
			Escrow::propose_split(RuntimeOrigin::signed(ALICE), id, 101),
			Error::<Test>::SplitAboveAmount
		);
		assert_noop!(
			Escrow::propose_split(RuntimeOrigin::signed(EVE), id, 60),
			Error::<Test>::NotParty
		);
		assert_ok!(Escrow::propose_split(RuntimeOrigin::signed(STORE_PAY), id, 60));
		assert_eq!(last_event(), Event::SplitProposed { id, by: Party::Payee, payout: 60 });
		assert_noop!(
			Escrow::accept_split(RuntimeOrigin::signed(STORE_PAY), id, 60),
			Error::<Test>::OwnProposal
		);
		assert_noop!(
			Escrow::accept_split(RuntimeOrigin::signed(ALICE), id, 59),
			Error::<Test>::ProposalChanged
		);
		assert_ok!(Escrow::accept_split(RuntimeOrigin::signed(ALICE), id, 60));
		assert_eq!(free(STORE_PAY), 160);
		assert_eq!(free(ALICE), 940);
		assert_eq!(held(ALICE) + deposit_held(ALICE) + dispute_held(ALICE), 0);
		let s = settlement(id);
		assert_eq!(s.status, SettlementStatus::Completed);
		let record = PaymentRecords::<Test>::get(s.record.unwrap()).unwrap();
		assert_eq!((record.amount, record.trigger), (60, PayoutTrigger::Agreed));
		assert!(escrow_events().contains(&Event::DisputeEnded {
			id,
			end: DisputeEnd::Agreed,
			payout: Some(60),
			deposit_to_opener: true
		}));
		assert!(!Disputes::<Test>::contains_key(id));
		assert_noop!(
			Escrow::propose_split(RuntimeOrigin::signed(ALICE), id, 10),
			Error::<Test>::SettlementClosed
		);
	});
}

#[test]
fn the_arbiter_splits_and_the_deposit_follows_the_outcome() {
	ExtBuilder::default().build_and_execute(|| {
		// The buyer disputed and got some money back: her deposit returns.
		let id = disputed(ALICE);
		assert_noop!(
			Escrow::resolve_dispute(RuntimeOrigin::signed(ALICE), id, Ruling::Split { payout: 0 }),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Split { payout: 101 }),
			Error::<Test>::SplitAboveAmount
		);
		assert_ok!(Escrow::resolve_dispute(
			RuntimeOrigin::root(),
			id,
			Ruling::Split { payout: 30 }
		));
		assert_eq!(free(STORE_PAY), 130);
		assert_eq!(free(ALICE), 970);
		assert!(matches!(
			settlement(id).record.and_then(PaymentRecords::<Test>::get).map(|r| r.trigger),
			Some(PayoutTrigger::Arbiter)
		));

		// The buyer disputed and the arbiter paid the store in full: her deposit goes to it.
		let id = shipped(b"second");
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(ALICE), id, REASON));
		assert_ok!(Escrow::resolve_dispute(
			RuntimeOrigin::root(),
			id,
			Ruling::Split { payout: 100 }
		));
		assert_eq!(free(STORE_PAY), 130 + 100 + DISPUTE_DEPOSIT);
		assert_eq!(free(ALICE), 970 - 100 - DISPUTE_DEPOSIT);
		assert!(escrow_events().contains(&Event::DisputeEnded {
			id,
			end: DisputeEnd::Ruled,
			payout: Some(100),
			deposit_to_opener: false
		}));
	});
}

#[test]
fn a_ruling_of_zero_refunds_the_buyer_in_full() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disputed(STORE_PAY);
		assert_eq!(dispute_held(STORE_PAY), DISPUTE_DEPOSIT);
		assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Split { payout: 0 }));
		assert_eq!(settlement(id).status, SettlementStatus::Refunded);
		assert_eq!(free(ALICE), 1_000 + DISPUTE_DEPOSIT, "the payee's deposit goes to the buyer");
		assert_eq!(free(STORE_PAY), 100 - DISPUTE_DEPOSIT);
		assert_eq!(
			observed().last(),
			Some(&Observed::Released { id, status: SettlementStatus::Refunded })
		);
	});
}

#[test]
fn the_arbiter_sends_the_settlement_back_to_its_timer() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disputed(ALICE);
		System::set_block_number(10);
		assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Resume));
		// Stopped at block 1 with the deadline 21: the 20 blocks that remained.
		let s = settlement(id);
		assert_eq!((s.status, s.deadline), (SettlementStatus::Shipped, Some(30)));
		assert_eq!(dispute_held(ALICE), 0);
		assert_eq!(last_event(), Event::DisputeResumed { id, deadline: Some(30) });
		assert_eq!(observed().last(), Some(&Observed::Dispute { id, open: false }));
		run_to_block(29);
		assert_eq!(settlement(id).status, SettlementStatus::Shipped);
		run_to_block(30);
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		assert_eq!(free(STORE_PAY), 200);
	});
}

#[test]
fn an_unshipped_settlement_resumes_waiting_for_shipment() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		assert_ok!(accept(id, 100));
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(ALICE), id, REASON));
		System::set_block_number(40);
		assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Resume));
		let s = settlement(id);
		assert_eq!((s.status, s.deadline), (SettlementStatus::Accepted, None));
		// Accepted and disputed at block 1: the ship-by limit moves by the 39 blocks paused.
		assert_eq!(s.accepted.map(|a| a.at), Some(40));
		assert_ok!(ship(id));
	});
}

#[test]
fn a_dispute_nobody_rules_on_resumes_after_the_dispute_period() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disputed(ALICE);
		let due = 1 + DISPUTE_PERIOD;
		run_to_block(due - 1);
		assert_eq!(settlement(id).status, SettlementStatus::Disputed);
		run_to_block(due);
		// The buyer's own dispute lapsed: its deadline (21) ran on and is due at once.
		let s = settlement(id);
		assert_eq!((s.status, s.deadline), (SettlementStatus::Shipped, Some(due + 1)));
		assert!(escrow_events().contains(&Event::DisputeEnded {
			id,
			end: DisputeEnd::Lapsed,
			payout: None,
			deposit_to_opener: true
		}));
		assert_eq!(dispute_held(ALICE), 0);
		run_to_block(due + 1);
		assert_eq!(free(STORE_PAY), 200);
	});
}

#[test]
fn a_runtime_may_refund_lapsed_disputes_instead() {
	ExtBuilder::default().build_and_execute(|| {
		LapsedDispute::set(&LapseOutcome::Refund);
		let id = disputed(ALICE);
		run_to_block(1 + DISPUTE_PERIOD);
		assert_eq!(settlement(id).status, SettlementStatus::Refunded);
		assert_eq!(free(ALICE), 1_000);
		assert_eq!(free(STORE_PAY), 100);
	});
}

#[test]
fn a_ruling_before_the_lapse_removes_it_from_the_agenda() {
	ExtBuilder::default().build_and_execute(|| {
		let id = disputed(ALICE);
		assert_ok!(Escrow::resolve_dispute(
			RuntimeOrigin::root(),
			id,
			Ruling::Split { payout: 50 }
		));
		run_to_block(2 + DISPUTE_PERIOD);
		assert!(!escrow_events()
			.iter()
			.any(|e| matches!(e, Event::DisputeEnded { end: DisputeEnd::Lapsed, .. })));
		assert_noop!(
			Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Split { payout: 50 }),
			Error::<Test>::SettlementClosed
		);
		let other = shipped(b"undisputed");
		assert_noop!(
			Escrow::resolve_dispute(RuntimeOrigin::root(), other, Ruling::Split { payout: 50 }),
			Error::<Test>::NotDisputed
		);
	});
}
