//! Tests of after-sales: a refund request stops the clock; the store grants it (now, or once
//! the goods come back) or refuses it into a dispute; a silent store's request is granted by
//! the chain; a return never shipped loses the request; the store's partial refund. Every
//! refund is made exactly once, whoever races whom.

use super::*;
use frame_support::{assert_noop, assert_ok};

const WHY: [u8; 32] = [5; 32];

fn request(id: SettlementId, amount: Balance) -> DispatchResult {
	Escrow::request_refund(RuntimeOrigin::signed(ALICE), id, amount, WHY)
}

fn the_request(id: SettlementId) -> RefundRequestOf<Test> {
	RefundRequests::<Test>::get(id).expect("a refund request")
}

fn returned(text: &[u8]) -> BoundedVec<u8, <Test as Config>::MaxReturnLogisticsLen> {
	BoundedVec::truncate_from(text.to_vec())
}

fn on_agenda(due: u64, task: AgendaTask, id: SettlementId) -> bool {
	Agenda::<Test>::contains_key(AgendaKey::new(due, task, id))
}

#[test]
fn a_request_stops_the_clock_until_the_store_answers() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		System::set_block_number(5);
		assert_ok!(request(id, 30));
		let s = settlement(id);
		assert_eq!((s.status, s.deadline), (SettlementStatus::RefundRequested, None));
		assert!(!on_agenda(21, AgendaTask::AutoSettle, id));
		assert!(on_agenda(5 + RESPOND, AgendaTask::RefundLapse, id));
		let r = the_request(id);
		assert_eq!(
			(r.amount, r.stage, r.due, r.stopped_deadline, r.resumes_as),
			(30, RefundStage::Requested, 5 + RESPOND, Some(21), SettlementStatus::Shipped)
		);
		assert_eq!(
			last_event(),
			Event::RefundRequested { id, amount: 30, reason: WHY, respond_by: 5 + RESPOND }
		);
		assert_eq!(
			observed().last(),
			Some(&Observed::AfterSales { id, step: AfterSalesStep::Requested { amount: 30 } })
		);
		// Nothing is held differently: the request alone moves no money.
		assert_eq!(held(ALICE), 100);
	});
}

#[test]
fn request_refund_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		// Before acceptance the buyer cancels instead.
		assert_noop!(request(id, 10), Error::<Test>::NotAccepted);
		assert_ok!(accept(id, 100));
		assert_noop!(
			Escrow::request_refund(RuntimeOrigin::signed(STORE_PAY), id, 10, WHY),
			Error::<Test>::NotBuyer
		);
		assert_noop!(
			Escrow::request_refund(RuntimeOrigin::signed(EVE), id, 10, WHY),
			Error::<Test>::NotBuyer
		);
		assert_noop!(request(9, 10), Error::<Test>::UnknownSettlement);
		assert_noop!(request(id, 0), Error::<Test>::ZeroAmount);
		assert_noop!(request(id, 101), Error::<Test>::RefundAboveAmount);
		assert_ok!(request(id, 100));
		// One request at a time.
		assert_noop!(request(id, 10), Error::<Test>::RefundRequestOpen);
		// A disputed settlement: the dispute decides.
		let disputed = shipped(b"d");
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(STORE_PAY), disputed, WHY));
		assert_noop!(request(disputed, 10), Error::<Test>::UnderDispute);
		// At the deadline the payout is the chain's to make.
		let due = shipped(b"due");
		System::set_block_number(21);
		assert_noop!(request(due, 10), Error::<Test>::DeadlinePassed);
		// A closed settlement.
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), due, 100));
		assert_noop!(request(due, 10), Error::<Test>::SettlementClosed);
	});
}

#[test]
fn while_a_request_is_open_the_other_calls_wait_for_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(request(id, 30));
		let buyer = RuntimeOrigin::signed(ALICE);
		assert_noop!(Escrow::cancel(buyer.clone(), id), Error::<Test>::RefundRequestOpen);
		assert_noop!(Escrow::extend_deadline(buyer.clone(), id), Error::<Test>::RefundRequestOpen);
		assert_noop!(
			Escrow::open_dispute(buyer.clone(), id, WHY),
			Error::<Test>::RefundRequestOpen
		);
		assert_noop!(
			Escrow::partial_refund(RuntimeOrigin::signed(STORE_PAY), id, 10),
			Error::<Test>::RefundRequestOpen
		);
		let accepted = open(ALICE, b"a", 50);
		assert_ok!(accept(accepted, 50));
		assert_ok!(request(accepted, 10));
		assert_noop!(
			Escrow::open_settlement(buyer, STORE, bounded(b"a"), NATIVE, 60, STORE_PAY, None, SNAP),
			Error::<Test>::RefundRequestOpen
		);
	});
}

#[test]
fn a_granted_part_goes_back_and_the_timer_resumes_with_the_time_it_had() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		let alice = free(ALICE);
		System::set_block_number(5);
		assert_ok!(request(id, 30));
		System::set_block_number(8);
		assert_ok!(Escrow::grant_refund(RuntimeOrigin::signed(STORE_OWNER), id, 30));
		assert_eq!(free(ALICE), alice + 30);
		assert_eq!(held(ALICE), 70);
		let s = settlement(id);
		assert_eq!(s.status, SettlementStatus::Shipped);
		assert_eq!((s.amount, s.order_amount(), s.minimum_payout()), (70, 70, 70));
		// Three blocks of request: the deadline moves from 21 to 24.
		assert_eq!(s.deadline, Some(24));
		assert!(on_agenda(24, AgendaTask::AutoSettle, id));
		assert!(!on_agenda(5 + RESPOND, AgendaTask::RefundLapse, id));
		assert!(RefundRequests::<Test>::get(id).is_none());
		let events = escrow_events();
		assert!(events.contains(&Event::RefundGranted { id, amount: 30, how: RefundGrant::Store }));
		assert!(events.contains(&Event::RefundMade { id, amount: 30, held: 70, owed: 70 }));
		assert_eq!(last_event(), Event::RefundResumed { id, deadline: Some(24) });
		assert_eq!(
			observed()[observed().len() - 2..],
			[
				Observed::AfterSales { id, step: AfterSalesStep::Refunded { amount: 30 } },
				Observed::AfterSales { id, step: AfterSalesStep::Ended },
			]
		);
		// At the moved deadline the store gets what is owed now: 70.
		let store = free(STORE_PAY);
		run_to_block(24);
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		assert_eq!(free(STORE_PAY), store + 70);
		assert_eq!(free(ALICE), alice + 30 + DEPOSIT);
	});
}

#[test]
fn granting_everything_refunds_and_closes() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		let alice = free(ALICE);
		assert_ok!(request(id, 100));
		assert_ok!(Escrow::grant_refund(RuntimeOrigin::signed(STORE_PAY), id, 100));
		let s = settlement(id);
		assert_eq!(s.status, SettlementStatus::Refunded);
		assert_eq!(free(ALICE), alice + 100 + DEPOSIT);
		assert_eq!((held(ALICE), deposit_held(ALICE)), (0, 0));
		assert!(RefundRequests::<Test>::get(id).is_none());
		assert_eq!(
			observed().last(),
			Some(&Observed::Released { id, status: SettlementStatus::Refunded })
		);
	});
}

#[test]
fn grant_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_noop!(
			Escrow::grant_refund(RuntimeOrigin::signed(STORE_PAY), id, 30),
			Error::<Test>::NoRefundRequest
		);
		assert_ok!(request(id, 30));
		for stranger in [ALICE, EVE] {
			assert_noop!(
				Escrow::grant_refund(RuntimeOrigin::signed(stranger), id, 30),
				Error::<Test>::NotPayee
			);
		}
		// The store grants what it read: another amount is another request.
		assert_noop!(
			Escrow::grant_refund(RuntimeOrigin::signed(STORE_PAY), id, 31),
			Error::<Test>::RequestChanged
		);
		assert_noop!(
			Escrow::grant_refund_with_return(RuntimeOrigin::signed(STORE_PAY), id, 29),
			Error::<Test>::RequestChanged
		);
		// A request whose return was asked for is no longer answered by a grant.
		assert_ok!(Escrow::grant_refund_with_return(RuntimeOrigin::signed(STORE_PAY), id, 30));
		assert_noop!(
			Escrow::grant_refund(RuntimeOrigin::signed(STORE_PAY), id, 30),
			Error::<Test>::WrongRefundStep
		);
		assert_noop!(
			Escrow::refuse_refund(RuntimeOrigin::signed(STORE_PAY), id),
			Error::<Test>::WrongRefundStep
		);
		assert_noop!(
			Escrow::mark_returned(RuntimeOrigin::signed(STORE_PAY), id, returned(b"r")),
			Error::<Test>::NotBuyer
		);
	});
}

#[test]
fn a_silent_store_s_request_is_granted_by_the_chain_once() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		let alice = free(ALICE);
		System::set_block_number(5);
		assert_ok!(request(id, 40));
		run_to_block(5 + RESPOND - 1);
		assert_eq!(settlement(id).status, SettlementStatus::RefundRequested);
		run_to_block(5 + RESPOND);
		assert_eq!(free(ALICE), alice + 40);
		let s = settlement(id);
		assert_eq!((s.status, s.amount, s.order_amount()), (SettlementStatus::Shipped, 60, 60));
		// 8 blocks of silence: the deadline moves from 21 to 29.
		assert_eq!(s.deadline, Some(21 + RESPOND));
		assert!(escrow_events().contains(&Event::RefundGranted {
			id,
			amount: 40,
			how: RefundGrant::Silence
		}));
		// Too late to answer: nothing is refunded twice.
		assert_noop!(
			Escrow::grant_refund(RuntimeOrigin::signed(STORE_PAY), id, 40),
			Error::<Test>::NoRefundRequest
		);
		let store = free(STORE_PAY);
		run_to_block(21 + RESPOND);
		assert_eq!(free(STORE_PAY), store + 60);
		assert_eq!(free(ALICE), alice + 40 + DEPOSIT);
	});
}

#[test]
fn after_its_period_the_store_can_no_longer_refuse_or_ask_for_the_goods() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(request(id, 40));
		// The lapse is due at 1 + RESPOND; a backlog may leave it for a block.
		System::set_block_number(1 + RESPOND);
		assert_noop!(
			Escrow::refuse_refund(RuntimeOrigin::signed(STORE_PAY), id),
			Error::<Test>::AfterSalesPeriodOver
		);
		assert_noop!(
			Escrow::grant_refund_with_return(RuntimeOrigin::signed(STORE_PAY), id, 40),
			Error::<Test>::AfterSalesPeriodOver
		);
		// Granting is what the chain would do anyway.
		assert_ok!(Escrow::grant_refund(RuntimeOrigin::signed(STORE_PAY), id, 40));
	});
}

#[test]
fn return_then_refund_when_the_store_confirms_the_return() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		let alice = free(ALICE);
		assert_ok!(request(id, 100));
		System::set_block_number(2);
		assert_ok!(Escrow::grant_refund_with_return(RuntimeOrigin::signed(STORE_PAY), id, 100));
		assert_eq!(
			last_event(),
			Event::ReturnRequested { id, amount: 100, ship_by: 2 + SHIP_RETURN }
		);
		let r = the_request(id);
		assert_eq!((r.stage, r.due), (RefundStage::AwaitingReturn, 2 + SHIP_RETURN));
		assert!(on_agenda(2 + SHIP_RETURN, AgendaTask::RefundLapse, id));
		assert!(!on_agenda(1 + RESPOND, AgendaTask::RefundLapse, id));
		// Nothing is refunded before the goods are back.
		assert_eq!(free(ALICE), alice);

		System::set_block_number(4);
		assert_ok!(Escrow::mark_returned(RuntimeOrigin::signed(ALICE), id, returned(b"SF123")));
		assert_eq!(
			last_event(),
			Event::ReturnShipped {
				id,
				logistics: returned(b"SF123"),
				refund_by: 4 + RECEIVE_RETURN
			}
		);
		let r = the_request(id);
		assert_eq!(
			(r.stage, r.due, r.logistics),
			(RefundStage::Returned, 4 + RECEIVE_RETURN, Some(returned(b"SF123")))
		);
		assert_noop!(
			Escrow::mark_returned(RuntimeOrigin::signed(ALICE), id, returned(b"again")),
			Error::<Test>::WrongRefundStep
		);
		assert_noop!(
			Escrow::confirm_return(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotPayee
		);
		assert_ok!(Escrow::confirm_return(RuntimeOrigin::signed(STORE_PAY), id));
		assert_eq!(settlement(id).status, SettlementStatus::Refunded);
		assert_eq!(free(ALICE), alice + 100 + DEPOSIT);
		assert!(escrow_events().contains(&Event::RefundGranted {
			id,
			amount: 100,
			how: RefundGrant::ReturnReceived
		}));
		// The return deadline passes: nothing more happens.
		run_to_block(4 + RECEIVE_RETURN + 1);
		assert_eq!(free(ALICE), alice + 100 + DEPOSIT);
	});
}

#[test]
fn a_shipped_return_the_store_does_not_confirm_is_refunded_at_the_return_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		let alice = free(ALICE);
		assert_ok!(request(id, 25));
		assert_ok!(Escrow::grant_refund_with_return(RuntimeOrigin::signed(STORE_PAY), id, 25));
		System::set_block_number(2);
		assert_ok!(Escrow::mark_returned(RuntimeOrigin::signed(ALICE), id, returned(b"r")));
		run_to_block(2 + RECEIVE_RETURN);
		assert_eq!(free(ALICE), alice + 25);
		let s = settlement(id);
		assert_eq!((s.status, s.amount), (SettlementStatus::Shipped, 75));
		assert_eq!(s.deadline, Some(21 + 2 + RECEIVE_RETURN - 1));
		assert!(escrow_events().contains(&Event::RefundGranted {
			id,
			amount: 25,
			how: RefundGrant::ReturnDeadline
		}));
	});
}

#[test]
fn a_return_never_shipped_loses_the_request_and_the_buyer_s_clock_ran_on() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		let alice = free(ALICE);
		System::set_block_number(5);
		assert_ok!(request(id, 100));
		assert_ok!(Escrow::grant_refund_with_return(RuntimeOrigin::signed(STORE_PAY), id, 100));
		run_to_block(5 + SHIP_RETURN - 1);
		assert_eq!(the_request(id).stage, RefundStage::AwaitingReturn);
		run_to_block(5 + SHIP_RETURN);
		assert_noop!(
			Escrow::mark_returned(RuntimeOrigin::signed(ALICE), id, returned(b"late")),
			Error::<Test>::NoRefundRequest
		);
		let s = settlement(id);
		// Back on the timer at its old deadline (21): the request gained the buyer no time.
		assert_eq!((s.status, s.deadline), (SettlementStatus::Shipped, Some(21)));
		assert_eq!(last_event(), Event::RefundRequestLost { id, deadline: Some(21) });
		assert_eq!(free(ALICE), alice);
		let store = free(STORE_PAY);
		run_to_block(21);
		assert_eq!(free(STORE_PAY), store + 100);
	});
}

#[test]
fn a_lost_request_past_the_deadline_pays_at_the_next_block() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		System::set_block_number(18);
		assert_ok!(request(id, 100));
		assert_ok!(Escrow::grant_refund_with_return(RuntimeOrigin::signed(STORE_PAY), id, 100));
		run_to_block(18 + SHIP_RETURN);
		assert_eq!(settlement(id).deadline, Some(18 + SHIP_RETURN + 1));
		let store = free(STORE_PAY);
		run_to_block(18 + SHIP_RETURN + 1);
		assert_eq!(free(STORE_PAY), store + 100);
	});
}

#[test]
fn a_refused_request_becomes_the_buyer_s_dispute_with_the_request_s_claim() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		System::set_block_number(5);
		assert_ok!(request(id, 60));
		System::set_block_number(7);
		let (alice, store) = (free(ALICE), free(STORE_PAY));
		assert_ok!(Escrow::refuse_refund(RuntimeOrigin::signed(STORE_PAY), id));
		let s = settlement(id);
		assert_eq!((s.status, s.deadline, s.disputes), (SettlementStatus::Disputed, None, 1));
		// The buyer asked the question: the dispute is the buyer's, on its deposit.
		let d = Disputes::<Test>::get(id).expect("a dispute");
		assert_eq!((d.opened_by, d.opener, d.reason), (Party::Buyer, ALICE, WHY));
		// The deadline the dispute stopped has the request's two blocks back.
		assert_eq!((d.resumes_as, d.stopped_deadline), (SettlementStatus::Shipped, Some(23)));
		assert_eq!((free(ALICE), free(STORE_PAY)), (alice - DISPUTE_DEPOSIT, store));
		assert!(RefundRequests::<Test>::get(id).is_none());
		assert!(escrow_events().contains(&Event::RefundRefused { id, dispute: true }));
		// The arbiter grants the buyer's claim: 40 to the store, the deposit back to the buyer.
		assert_ok!(Escrow::resolve_dispute(
			RuntimeOrigin::root(),
			id,
			Ruling::Split { payout: 40 }
		));
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		assert_eq!(free(ALICE), alice + 60 + DEPOSIT);
	});
}

#[test]
fn confirming_during_a_request_pays_the_store_and_ends_the_request() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(request(id, 30));
		let store = free(STORE_PAY);
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100));
		assert_eq!(free(STORE_PAY), store + 100);
		assert!(RefundRequests::<Test>::get(id).is_none());
		assert!(!on_agenda(1 + RESPOND, AgendaTask::RefundLapse, id));
		// The store's grant, racing the confirmation, comes too late: nothing moves twice.
		assert_noop!(
			Escrow::grant_refund(RuntimeOrigin::signed(STORE_PAY), id, 30),
			Error::<Test>::SettlementClosed
		);
		run_to_block(1 + RESPOND);
		assert_eq!(free(STORE_PAY), store + 100);
	});
}

#[test]
fn a_full_refund_during_a_request_answers_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		let alice = free(ALICE);
		assert_ok!(request(id, 30));
		assert_ok!(Escrow::refund(RuntimeOrigin::signed(STORE_PAY), id));
		assert_eq!(free(ALICE), alice + 100 + DEPOSIT);
		assert!(RefundRequests::<Test>::get(id).is_none());
		run_to_block(1 + RESPOND);
		assert_eq!(free(ALICE), alice + 100 + DEPOSIT);
	});
}

#[test]
fn a_partial_refund_lowers_what_the_store_is_owed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		let alice = free(ALICE);
		assert_ok!(Escrow::partial_refund(RuntimeOrigin::signed(STORE_OWNER), id, 15));
		assert_eq!(free(ALICE), alice + 15);
		let s = settlement(id);
		assert_eq!(
			(s.status, s.amount, s.order_amount(), s.deadline),
			(SettlementStatus::Shipped, 85, 85, Some(21))
		);
		assert_eq!(last_event(), Event::RefundMade { id, amount: 15, held: 85, owed: 85 });
		assert_eq!(
			observed().last(),
			Some(&Observed::AfterSales { id, step: AfterSalesStep::Refunded { amount: 15 } })
		);
		// The buyer confirms what is owed now.
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 84),
			Error::<Test>::BelowOrderAmount
		);
		let store = free(STORE_PAY);
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 85));
		assert_eq!(free(STORE_PAY), store + 85);
	});
}

#[test]
fn a_partial_refund_lowers_an_agreed_deduction_too_and_drops_a_proposal() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 80));
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(STORE_PAY), id, 80));
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 70));
		assert_ok!(Escrow::partial_refund(RuntimeOrigin::signed(STORE_PAY), id, 30));
		let s = settlement(id);
		assert_eq!(
			(s.amount, s.order_amount(), s.agreed_payout, s.proposal),
			(70, 70, Some(50), None)
		);
		// At the deadline the store gets the agreed 50; the other 20 go back.
		let (alice, store) = (free(ALICE), free(STORE_PAY));
		run_to_block(21);
		assert_eq!(free(STORE_PAY), store + 50);
		assert_eq!(free(ALICE), alice + 20 + DEPOSIT);
	});
}

#[test]
fn a_partial_refund_that_leaves_nothing_owed_refunds_everything() {
	ExtBuilder::default().build_and_execute(|| {
		// 120 held for an order of 100: refunding the 100 leaves nothing owed.
		let id = open(ALICE, b"o", 120);
		assert_ok!(accept(id, 100));
		let alice = free(ALICE);
		assert_ok!(Escrow::partial_refund(RuntimeOrigin::signed(STORE_PAY), id, 100));
		assert_eq!(settlement(id).status, SettlementStatus::Refunded);
		assert_eq!(free(ALICE), alice + 120 + DEPOSIT);
		// The whole held amount is a full refund as well.
		let all = shipped(b"all");
		assert_ok!(Escrow::partial_refund(RuntimeOrigin::signed(STORE_PAY), all, 100));
		assert_eq!(settlement(all).status, SettlementStatus::Refunded);
	});
}

#[test]
fn partial_refund_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		assert_noop!(
			Escrow::partial_refund(RuntimeOrigin::signed(STORE_PAY), id, 10),
			Error::<Test>::NotAccepted
		);
		assert_ok!(accept(id, 100));
		for stranger in [ALICE, EVE] {
			assert_noop!(
				Escrow::partial_refund(RuntimeOrigin::signed(stranger), id, 10),
				Error::<Test>::NotPayee
			);
		}
		assert_noop!(
			Escrow::partial_refund(RuntimeOrigin::signed(STORE_PAY), id, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Escrow::partial_refund(RuntimeOrigin::signed(STORE_PAY), id, 101),
			Error::<Test>::RefundAboveAmount
		);
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(ALICE), id, WHY));
		assert_noop!(
			Escrow::partial_refund(RuntimeOrigin::signed(STORE_PAY), id, 10),
			Error::<Test>::UnderDispute
		);
		assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Split { payout: 0 }));
		assert_noop!(
			Escrow::partial_refund(RuntimeOrigin::signed(STORE_PAY), id, 10),
			Error::<Test>::SettlementClosed
		);
	});
}
