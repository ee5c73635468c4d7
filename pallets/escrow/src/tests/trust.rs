//! The sequences by which a buyer, a store, an issuer or a stranger could once move money or
//! time that the rules do not give, each played to the end: one clock whose allowance bounds
//! every question, a store's "no" that needs nothing it may lack, an agenda that owes every
//! task until it is done, an acceptance bound to every term, money that lands where the rules
//! say, authority that follows the store's current keys, and unaccepted settlements that go
//! back by themselves. `docs/RELIABILITY.md` lists them, before and after.

use super::{
	stablecoin::{open_in, shipped_in_dollars, usd, usd_held},
	*,
};

const WHY: [u8; 32] = [5; 32];

fn request(id: SettlementId, amount: Balance) -> DispatchResult {
	Escrow::request_refund(RuntimeOrigin::signed(ALICE), id, amount, WHY)
}

fn deadline(id: SettlementId) -> u64 {
	settlement(id).deadline.expect("shipped, on its timer")
}

fn due(id: SettlementId) -> u64 {
	RefundRequests::<Test>::get(id).expect("a refund request").due
}

// ---- 1. one clock ---------------------------------------------------------------------------

#[test]
fn one_planck_requests_before_each_deadline_cannot_hold_a_payout_past_the_bound() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		let first = deadline(id);
		let store = free(STORE_PAY);
		let mut rounds = 0;
		// Just before each deadline, ask for one planck back and let the store stay silent.
		let refused = loop {
			run_to_block(deadline(id) - 1);
			if let Err(error) = request(id, 1) {
				break error;
			}
			rounds += 1;
			assert!(rounds <= 100, "the buyer kept the payout locked: no bound");
			run_to_block(due(id));
		};
		// Each round gave back the store's response period, and all of them the allowance:
		// the eighth got back only the 4 blocks left, though it ran 8, so the deadline passed
		// during it and the payout is due at once.
		assert_eq!(refused, Error::<Test>::DeadlinePassed.into());
		assert_eq!(rounds, PAUSE_ALLOWANCE.div_ceil(RESPOND));
		assert_eq!(settlement(id).paused, PAUSE_ALLOWANCE);
		assert_eq!(deadline(id), first + PAUSE_ALLOWANCE);
		let last_grant = System::block_number();
		run_to_block(last_grant + 1);
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		let record = PaymentRecords::<Test>::get(id).expect("paid");
		assert_eq!((record.at, record.trigger), (last_grant + 1, PayoutTrigger::Deadline));
		assert!(record.at <= Escrow::latest_payout(first));
		assert_eq!(free(STORE_PAY), store + 100 - rounds);
	});
}

#[test]
fn extensions_disputes_and_requests_together_stay_within_the_stated_bound() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		let first = deadline(id);
		let buyer = || RuntimeOrigin::signed(ALICE);
		for _ in 0..MAX_EXTENSIONS {
			assert_ok!(Escrow::extend_deadline(buyer(), id));
		}
		assert_eq!(deadline(id), first + EXTENSION * MAX_EXTENSIONS as u64);
		// The buyer's dispute, sent back after 20 blocks: 20 of the allowance.
		assert_ok!(Escrow::open_dispute(buyer(), id, WHY));
		run_to_block(21);
		assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Resume));
		assert_eq!(settlement(id).paused, 20);
		// The store's, after 29 more: 49 in all.
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(STORE_PAY), id, WHY));
		run_to_block(50);
		assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Resume));
		assert_eq!(settlement(id).paused, 49);
		// A request the store leaves unanswered gives back its 8 blocks; the next only the 3
		// that are left, though it ran 8.
		for given in [8, 3] {
			let before = deadline(id);
			assert_ok!(request(id, 1));
			run_to_block(due(id));
			assert_eq!(deadline(id), before + given);
		}
		assert_eq!(settlement(id).paused, PAUSE_ALLOWANCE);
		assert_noop!(request(id, 1), Error::<Test>::PauseAllowanceUsed);
		let paid_at = deadline(id);
		assert!(paid_at <= Escrow::latest_payout(first));
		run_to_block(paid_at);
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
	});
}

#[test]
fn the_last_question_may_outrun_the_allowance_but_gets_back_only_what_is_left() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		let first = deadline(id);
		// Just before the deadline, the store's dispute, sent back after 29 blocks; then the
		// buyer's, the same: 58 of the allowance.
		run_to_block(first - 1);
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(STORE_PAY), id, WHY));
		run_to_block(first - 1 + 29);
		assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Resume));
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(ALICE), id, WHY));
		run_to_block(first - 1 + 58);
		assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Resume));
		assert_eq!((settlement(id).paused, deadline(id)), (58, first + 58));
		// A request the block before the deadline still opens (2 are left) and runs its 8.
		run_to_block(deadline(id) - 1);
		assert_ok!(request(id, 1));
		let granted = due(id);
		run_to_block(granted);
		// It got back 2: the deadline passed while it ran, so the payout is due at once.
		assert_eq!((settlement(id).paused, deadline(id)), (PAUSE_ALLOWANCE, first + 60));
		assert!(deadline(id) < granted);
		run_to_block(granted + 1);
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		assert!(granted < Escrow::latest_payout(first), "paid at the next block, within the bound");
	});
}

// ---- 2. a store can always say no -----------------------------------------------------------

/// Shipped, and the store has used up every dispute of its own since.
fn shipped_without_disputes_left() -> SettlementId {
	let id = shipped(b"o");
	for _ in 0..MAX_DISPUTES {
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(STORE_PAY), id, WHY));
		assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Resume));
	}
	assert_eq!(settlement(id).store_disputes, MAX_DISPUTES);
	id
}

#[test]
fn a_store_with_no_dispute_of_its_own_left_still_refuses_and_the_buyer_asks_the_arbiter() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped_without_disputes_left();
		assert_ok!(request(id, 100));
		assert_ok!(Escrow::refuse_refund(RuntimeOrigin::signed(STORE_PAY), id));
		// The store's "no" is an answer, not a dispute of its own: the buyer's dispute opens.
		let d = Disputes::<Test>::get(id).expect("the buyer's question goes to the arbiter");
		assert_eq!(d.opened_by, Party::Buyer);
		let s = settlement(id);
		assert_eq!((s.amount, s.store_disputes), (100, MAX_DISPUTES));
		assert_eq!(Escrow::disputes_of(&s, Party::Buyer), 1);
		// The arbiter finds for the store: the buyer's deposit goes to it.
		let store = free(STORE_PAY);
		assert_ok!(Escrow::resolve_dispute(
			RuntimeOrigin::root(),
			id,
			Ruling::Split { payout: 100 }
		));
		assert_eq!(free(STORE_PAY), store + 100 + DISPUTE_DEPOSIT);
	});
}

#[test]
fn a_fake_return_goes_to_the_arbiter_even_with_no_dispute_left() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped_without_disputes_left();
		assert_ok!(request(id, 100));
		assert_ok!(Escrow::grant_refund_with_return(RuntimeOrigin::signed(STORE_PAY), id, 100));
		assert_ok!(Escrow::mark_returned(RuntimeOrigin::signed(ALICE), id, bounded(b"FAKE")));
		// Nothing came back: the store refuses the return. Neither silence nor the buyer's
		// word refunds it now; the arbiter decides, and finds for the store.
		assert_ok!(Escrow::refuse_refund(RuntimeOrigin::signed(STORE_OWNER), id));
		assert_eq!(settlement(id).status, SettlementStatus::Disputed);
		assert!(RefundRequests::<Test>::get(id).is_none());
		assert_ok!(Escrow::resolve_dispute(
			RuntimeOrigin::root(),
			id,
			Ruling::Split { payout: 100 }
		));
		let record = PaymentRecords::<Test>::get(id).expect("paid");
		assert_eq!((record.amount, record.trigger), (100, PayoutTrigger::Arbiter));
	});
}

#[test]
fn a_store_without_the_dispute_deposit_refuses_all_the_same() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped_in_dollars();
		// A new dollar store: its payout account holds no dollars for a dispute deposit.
		assert_ok!(<Assets as frame_support::traits::fungibles::Mutate<_>>::transfer(
			USD_ID,
			&STORE_PAY,
			&EVE,
			usd(STORE_PAY),
			Preservation::Expendable
		));
		assert_ok!(Escrow::request_refund(RuntimeOrigin::signed(DOLLAR_ONLY), id, 100, WHY));
		assert_ok!(Escrow::refuse_refund(RuntimeOrigin::signed(STORE_PAY), id));
		assert_eq!(usd_held(HoldReason::Payment, DOLLAR_ONLY), 100, "nothing refunded");
		// The buyer's question goes on at the buyer's cost: its dispute, its dollar deposit.
		assert!(escrow_events().contains(&Event::RefundRefused { id, dispute: true }));
		let d = Disputes::<Test>::get(id).expect("the buyer's dispute");
		assert_eq!((d.opened_by, d.deposit), (Party::Buyer, DISPUTE_DEPOSIT * USD_PER_NATIVE));
		assert_eq!(usd_held(HoldReason::DisputeDeposit, DOLLAR_ONLY), d.deposit);
	});
}

#[test]
fn returned_goods_a_store_refuses_always_go_to_the_arbiter() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		// The store uses up every dispute itself, and then has no dispute deposit left.
		for _ in 0..MAX_DISPUTES {
			assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(STORE_PAY), id, WHY));
			assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Resume));
		}
		assert_ok!(<Balances as Mutate<_>>::transfer(
			&STORE_PAY,
			&EVE,
			free(STORE_PAY) - ED,
			Preservation::Preserve
		));
		assert_ok!(request(id, 100));
		assert_ok!(Escrow::grant_refund_with_return(RuntimeOrigin::signed(STORE_PAY), id, 100));
		assert_ok!(Escrow::mark_returned(RuntimeOrigin::signed(ALICE), id, bounded(b"SF:1")));
		// The store has the goods: its "no" cannot end the matter, it opens a dispute.
		assert_ok!(Escrow::refuse_refund(RuntimeOrigin::signed(STORE_PAY), id));
		assert!(escrow_events().contains(&Event::RefundRefused { id, dispute: true }));
		let d = Disputes::<Test>::get(id).expect("the arbiter decides");
		assert_eq!((d.opened_by, d.deposit), (Party::Payee, 0));
		assert_eq!(settlement(id).disputes, MAX_DISPUTES);
		assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Split { payout: 0 }));
		assert_eq!(settlement(id).status, SettlementStatus::Refunded);
	});
}

#[test]
fn a_grant_to_a_payee_its_issuer_blocked_leaves_the_rest_owed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped_in_dollars();
		assert_ok!(Assets::block(RuntimeOrigin::signed(EVE), USD_ID, STORE_PAY));
		assert_ok!(Escrow::request_refund(RuntimeOrigin::signed(DOLLAR_ONLY), id, 1, WHY));
		run_to_block(due(id));
		// One unit back, not everything: the store is still owed 99, paid when it can be.
		let s = settlement(id);
		assert_eq!((s.status, s.amount, s.minimum_payout()), (SettlementStatus::Shipped, 99, 99));
		run_to_block(deadline(id));
		assert!(Retries::<Test>::get(id).is_some(), "the payout to a blocked account waits");
		assert_ok!(Assets::thaw(RuntimeOrigin::signed(EVE), USD_ID, STORE_PAY));
		run_to_block(Retries::<Test>::get(id).expect("owed").at);
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		assert_eq!(PaymentRecords::<Test>::get(id).map(|r| r.amount), Some(99));
	});
}

// ---- 3. the agenda owes every task until it is done -----------------------------------------

#[test]
fn a_silent_grant_that_fails_is_owed_until_it_is_made() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped_in_dollars();
		assert_ok!(Escrow::request_refund(RuntimeOrigin::signed(DOLLAR_ONLY), id, 30, WHY));
		let respond_by = due(id);
		assert_ok!(Assets::freeze_asset(RuntimeOrigin::signed(EVE), USD_ID));
		run_to_block(respond_by);
		assert!(escrow_events().iter().any(|e| matches!(
			e,
			Event::TaskFailed { task: AgendaTask::RefundLapse, attempts: 1, .. }
		)));
		// Still owed: the request stands, and the store's answer period is over all the same.
		assert!(RefundRequests::<Test>::get(id).is_some());
		assert_noop!(
			Escrow::refuse_refund(RuntimeOrigin::signed(STORE_PAY), id),
			Error::<Test>::AfterSalesPeriodOver
		);
		assert_ok!(Assets::thaw_asset(RuntimeOrigin::signed(EVE), USD_ID));
		run_to_block(respond_by + RETRY);
		assert!(escrow_events().contains(&Event::RefundGranted {
			id,
			amount: 30,
			how: RefundGrant::Silence
		}));
		assert_eq!(usd_held(HoldReason::Payment, DOLLAR_ONLY), 70);
		assert!(Retries::<Test>::get(id).is_none());
	});
}

#[test]
fn a_lapse_that_fails_is_owed_until_it_is_made() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped_in_dollars();
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(DOLLAR_ONLY), id, WHY));
		assert_ok!(Assets::freeze_asset(RuntimeOrigin::signed(EVE), USD_ID));
		run_to_block(1 + DISPUTE_PERIOD);
		assert!(escrow_events().iter().any(|e| matches!(
			e,
			Event::TaskFailed { task: AgendaTask::DisputeLapse, attempts: 1, .. }
		)));
		assert_eq!(settlement(id).status, SettlementStatus::Disputed);
		// Each failure waits twice as long, never longer than the most.
		run_to_block(1 + DISPUTE_PERIOD + RETRY + 2 * RETRY + 4 * RETRY);
		assert_eq!(Retries::<Test>::get(id).map(|r| r.attempts), Some(4));
		assert_eq!(Escrow::retry_delay(10), MAX_RETRY);
		assert_ok!(Assets::thaw_asset(RuntimeOrigin::signed(EVE), USD_ID));
		let next = Retries::<Test>::get(id).expect("owed").at;
		run_to_block(next);
		assert_eq!(settlement(id).status, SettlementStatus::Shipped);
		assert!(Retries::<Test>::get(id).is_none());
	});
}

#[test]
fn the_arbiter_ruling_during_a_retry_takes_its_place() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped_in_dollars();
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(DOLLAR_ONLY), id, WHY));
		assert_ok!(Assets::freeze_asset(RuntimeOrigin::signed(EVE), USD_ID));
		run_to_block(1 + DISPUTE_PERIOD);
		let next = Retries::<Test>::get(id).expect("owed").at;
		assert_ok!(Assets::thaw_asset(RuntimeOrigin::signed(EVE), USD_ID));
		assert_ok!(Escrow::resolve_dispute(
			RuntimeOrigin::root(),
			id,
			Ruling::Split { payout: 50 }
		));
		assert!(Retries::<Test>::get(id).is_none());
		assert!(!Agenda::<Test>::contains_key(AgendaKey::new(next, AgendaTask::DisputeLapse, id)));
		run_to_block(next);
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
	});
}

// ---- 4. an acceptance binds every term the store saw ----------------------------------------

#[test]
fn an_acceptance_fails_if_the_buyer_changed_the_snapshot_or_the_time_limit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		let seen = settlement(id);
		// In the same block, before the acceptance, the buyer opens again with a tip: another
		// snapshot and the longest time limit.
		assert_ok!(Escrow::open_settlement(
			RuntimeOrigin::signed(ALICE),
			STORE,
			bounded(b"o"),
			NATIVE,
			100,
			STORE_PAY,
			Some(MAX_LIMIT),
			[9; 32],
		));
		let provider = |snapshot, limit| {
			<Escrow as SettlementProvider<_, _, _, _>>::accept(id, 100, snapshot, limit)
		};
		assert_noop!(provider(seen.snapshot, seen.time_limit), Error::<Test>::TermsChanged);
		assert_noop!(provider([9; 32], seen.time_limit), Error::<Test>::TermsChanged);
		assert_noop!(provider(seen.snapshot, MAX_LIMIT), Error::<Test>::TermsChanged);
		assert_eq!(settlement(id).status, SettlementStatus::AwaitingAcceptance);
		// The store reads the new terms and accepts them knowingly.
		assert_ok!(provider([9; 32], MAX_LIMIT));
		assert_eq!(settlement(id).status, SettlementStatus::Accepted);
	});
}

// ---- 5. money lands where the rules say -----------------------------------------------------

#[test]
fn a_grant_that_would_leave_the_store_owed_what_it_cannot_receive_refunds_the_rest() {
	ExtBuilder::default().build_and_execute(|| {
		// A dollar settlement to a payout account that does not exist yet: it can receive
		// no less than the dollar's minimum balance.
		assert_ok!(open_in(ALICE, b"dust", USD, 3 * USD_MIN, NOBODY));
		let id = NextSettlementId::<Test>::get() - 1;
		assert_ok!(accept(id, 3 * USD_MIN));
		assert_ok!(ship(id));
		let alice = usd(ALICE);
		assert_ok!(request(id, 3 * USD_MIN - 1));
		assert_ok!(Escrow::grant_refund(RuntimeOrigin::signed(STORE_OWNER), id, 3 * USD_MIN - 1));
		// One dollar-planck owed could never be paid: it goes back too, and the settlement
		// closes as refunded instead of a payout that would fail at the deadline.
		assert_eq!(settlement(id).status, SettlementStatus::Refunded);
		assert_eq!(usd(ALICE), alice + 3 * USD_MIN + DEPOSIT * USD_PER_NATIVE);
		assert_eq!(usd(NOBODY), 0);
	});
}

#[test]
fn a_partial_refund_that_leaves_what_the_store_can_receive_stays_open() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(open_in(ALICE, b"ok", USD, 3 * USD_MIN, NOBODY));
		let id = NextSettlementId::<Test>::get() - 1;
		assert_ok!(accept(id, 3 * USD_MIN));
		assert_ok!(ship(id));
		assert_ok!(Escrow::partial_refund(RuntimeOrigin::signed(STORE_OWNER), id, 2 * USD_MIN));
		assert_eq!(settlement(id).status, SettlementStatus::Shipped);
		run_to_block(deadline(id));
		assert_eq!(usd(NOBODY), USD_MIN);
	});
}

// ---- 6. authority follows the store's current keys ------------------------------------------

#[test]
fn a_replaced_payout_key_no_longer_acts_for_the_store() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(request(id, 40));
		// The store replaces a leaked payout key.
		StorePayout::set(&OTHER_PAY);
		let old = || RuntimeOrigin::signed(STORE_PAY);
		assert_noop!(Escrow::grant_refund(old(), id, 40), Error::<Test>::NotPayee);
		assert_noop!(Escrow::refund(old(), id), Error::<Test>::NotPayee);
		assert_noop!(Escrow::refuse_refund(old(), id), Error::<Test>::NotPayee);
		assert_noop!(Escrow::propose_deduction(old(), id, 10), Error::<Test>::NotParty);
		// The new key and the owner act for it.
		assert_ok!(Escrow::grant_refund(RuntimeOrigin::signed(OTHER_PAY), id, 40));
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(STORE_OWNER), id, 50));
		assert_noop!(Escrow::accept_deduction(old(), id, 50), Error::<Test>::NotParty);
		// The payout still goes where the accepted settlement says.
		let store = free(STORE_PAY);
		run_to_block(deadline(id));
		assert_eq!(free(STORE_PAY), store + 60);
	});
}

// ---- 7. unaccepted settlements expire -------------------------------------------------------

#[test]
fn a_settlement_nobody_accepted_goes_back_to_the_buyer() {
	ExtBuilder::default().build_and_execute(|| {
		let alice = free(ALICE);
		let id = open(ALICE, b"spam", 100);
		let taken = open(ALICE, b"taken", 50);
		assert_ok!(accept(taken, 50));
		// Opening again does not start the period again.
		run_to_block(ACCEPTANCE);
		assert_ok!(Escrow::open_settlement(
			RuntimeOrigin::signed(ALICE),
			STORE,
			bounded(b"spam"),
			NATIVE,
			90,
			STORE_PAY,
			None,
			SNAP
		));
		assert_eq!(OpenByStore::<Test>::iter_key_prefix(STORE).count(), 2);
		run_to_block(1 + ACCEPTANCE);
		assert_eq!(settlement(id).status, SettlementStatus::Cancelled);
		assert!(escrow_events().contains(&Event::SettlementExpired {
			id,
			buyer: ALICE,
			released: 90
		}));
		assert_eq!(settlement(taken).status, SettlementStatus::Accepted);
		assert_eq!(OpenByStore::<Test>::iter_key_prefix(STORE).collect::<Vec<_>>(), vec![taken]);
		assert_eq!(free(ALICE), alice - 50 - DEPOSIT);
		assert_eq!(
			observed().last(),
			Some(&Observed::Released { id, status: SettlementStatus::Cancelled })
		);
	});
}

#[test]
fn an_expiry_that_fails_is_owed_and_an_acceptance_meanwhile_ends_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(open_in(DOLLAR_ONLY, b"usd", USD, 100, STORE_PAY));
		let id = NextSettlementId::<Test>::get() - 1;
		assert_ok!(Assets::freeze_asset(RuntimeOrigin::signed(EVE), USD_ID));
		run_to_block(1 + ACCEPTANCE);
		assert_eq!(Retries::<Test>::get(id).map(|r| r.task), Some(AgendaTask::Expire));
		assert_eq!(settlement(id).status, SettlementStatus::AwaitingAcceptance);
		// The store accepts before the next try: the expiry is owed no more.
		assert_ok!(accept(id, 100));
		assert!(Retries::<Test>::get(id).is_none());
		assert_ok!(Assets::thaw_asset(RuntimeOrigin::signed(EVE), USD_ID));
		run_to_block(1 + ACCEPTANCE + MAX_RETRY);
		assert_eq!(settlement(id).status, SettlementStatus::Accepted);
	});
}

// ---- 8. a refund takes the over-payment first -----------------------------------------------

/// Accepted at 100, the hold raised to 200 by the buyer, shipped.
fn overpaid(order: &[u8]) -> SettlementId {
	let id = open(ALICE, order, 100);
	assert_ok!(accept(id, 100));
	assert_eq!(open(ALICE, order, 200), id, "the same store order: the hold rises in place");
	assert_ok!(ship(id));
	id
}

fn order_amount(id: SettlementId) -> Option<Balance> {
	settlement(id).accepted.map(|a| a.order_amount)
}

#[test]
fn a_silent_store_granting_the_over_payment_back_is_still_owed_its_order_amount() {
	ExtBuilder::default().build_and_execute(|| {
		let id = overpaid(b"o");
		let (alice, store) = (free(ALICE), free(STORE_PAY));
		assert_ok!(request(id, 100));
		// The store is silent: the chain grants the request when the period ends.
		run_to_block(due(id));
		assert_eq!(settlement(id).status, SettlementStatus::Shipped);
		assert_eq!(settlement(id).amount, 100, "the 100 held over the order went back");
		assert_eq!(order_amount(id), Some(100), "what the store is owed did not fall");
		assert_eq!(free(ALICE), alice + 100);
		run_to_block(deadline(id));
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		assert_eq!(free(STORE_PAY), store + 100, "the store is paid its order amount");
		assert_eq!(free(ALICE), alice + 100 + DEPOSIT);
	});
}

#[test]
fn a_request_beyond_the_over_payment_lowers_the_order_amount_only_by_the_rest() {
	ExtBuilder::default().build_and_execute(|| {
		let id = overpaid(b"o");
		let store = free(STORE_PAY);
		assert_ok!(request(id, 150));
		assert_ok!(Escrow::grant_refund(RuntimeOrigin::signed(STORE_PAY), id, 150));
		assert_eq!(settlement(id).amount, 50);
		assert_eq!(order_amount(id), Some(50), "100 of the 150 was over the order");
		assert!(matches!(last_event(), Event::RefundResumed { .. }));
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 50));
		assert_eq!(free(STORE_PAY), store + 50);
	});
}

#[test]
fn a_request_for_what_an_agreed_deduction_leaves_the_buyer_costs_the_store_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		// Held 100 for an order of 100, both sides agreed the store takes 60: the other 40
		// come back to the buyer at the payout anyway. Asking them back now changes nothing
		// the store is owed.
		let id = shipped(b"o");
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 60));
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(STORE_PAY), id, 60));
		let (alice, store) = (free(ALICE), free(STORE_PAY));
		assert_ok!(request(id, 40));
		run_to_block(due(id));
		assert_eq!((settlement(id).amount, settlement(id).agreed_payout), (60, Some(60)));
		assert_eq!(free(ALICE), alice + 40);
		run_to_block(deadline(id));
		assert_eq!(free(STORE_PAY), store + 60, "the store is paid the deduction it agreed");
	});
}

#[test]
fn the_stores_own_partial_refund_still_lowers_what_it_is_owed_by_all_of_it() {
	ExtBuilder::default().build_and_execute(|| {
		// The store gives 30 back of its own accord: the buyer is to end up 30 better off than
		// the over-payment alone would leave it, so the order amount falls by all 30.
		let id = overpaid(b"o");
		assert_ok!(Escrow::partial_refund(RuntimeOrigin::signed(STORE_PAY), id, 30));
		assert_eq!((settlement(id).amount, order_amount(id)), (170, Some(70)));
	});
}

// ---- 9. the agenda holds only what is owed --------------------------------------------------

fn expiries() -> Vec<SettlementId> {
	Agenda::<Test>::iter_keys()
		.filter(|k| k.task == AgendaTask::Expire)
		.map(|k| k.settlement())
		.collect()
}

#[test]
fn acceptance_cancellation_and_refund_take_the_expiry_off_the_agenda() {
	ExtBuilder::default().build_and_execute(|| {
		let accepted = open(ALICE, b"a", 10);
		let cancelled = open(ALICE, b"c", 10);
		let refunded = open(ALICE, b"r", 10);
		let waiting = open(ALICE, b"w", 10);
		assert_eq!(expiries(), vec![accepted, cancelled, refunded, waiting]);
		assert_ok!(accept(accepted, 10));
		assert_ok!(Escrow::cancel(RuntimeOrigin::signed(ALICE), cancelled));
		assert_ok!(Escrow::refund(RuntimeOrigin::signed(STORE_PAY), refunded));
		assert_eq!(expiries(), vec![waiting], "the agenda holds only what is owed");
		run_to_block(1 + ACCEPTANCE);
		assert_eq!(settlement(waiting).status, SettlementStatus::Cancelled);
		assert!(expiries().is_empty());
	});
}

#[test]
fn spam_opened_and_cancelled_leaves_nothing_due_and_an_expiry_is_charged_in_full() {
	ExtBuilder::default().build_and_execute(|| {
		// A stranger's open-and-cancel pairs, all in one block: nothing of them is left due.
		for i in 0..100u32 {
			let id = open(BOB, format!("spam{i}").as_bytes(), 1);
			assert_ok!(Escrow::cancel(RuntimeOrigin::signed(BOB), id));
		}
		assert!(expiries().is_empty());
		run_to_block(ACCEPTANCE);
		System::set_block_number(1 + ACCEPTANCE);
		assert_eq!(
			Escrow::on_initialize(1 + ACCEPTANCE),
			<() as WeightInfo>::on_initialize_idle(),
			"the block the spam was due in: the hook's idle read only"
		);
		// A real expiry is charged what the benchmarks say it costs, proof size included.
		let id = open(ALICE, b"w", 10);
		let due = System::block_number() + ACCEPTANCE;
		run_to_block(due - 1);
		System::set_block_number(due);
		let weight = Escrow::on_initialize(due);
		assert_eq!(settlement(id).status, SettlementStatus::Cancelled);
		assert!(
			weight.all_gte(Escrow::expire_weight()),
			"{weight} below {}",
			Escrow::expire_weight()
		);
		assert!(weight.proof_size() >= Escrow::expire_weight().proof_size());
		assert!(Escrow::expire_weight().proof_size() > 0);
	});
}

// ---- 10. keys that really rotate ------------------------------------------------------------

#[test]
fn a_deduction_a_replaced_payout_key_proposed_is_void() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		// A leaked payout key proposes to pay the store 1 planck; the owner replaces the key.
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(STORE_PAY), id, 1));
		StorePayout::set(&OTHER_PAY);
		assert_noop!(
			Escrow::accept_deduction(RuntimeOrigin::signed(ALICE), id, 1),
			Error::<Test>::ProposalVoid
		);
		// What the owner and the new key propose stands.
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(OTHER_PAY), id, 95));
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(STORE_OWNER), id, 90));
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(ALICE), id, 90));
		assert_eq!(settlement(id).agreed_payout, Some(90));
	});
}

#[test]
fn a_split_a_replaced_payout_key_proposed_is_void() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(ALICE), id, WHY));
		assert_ok!(Escrow::propose_split(RuntimeOrigin::signed(STORE_PAY), id, 1));
		StorePayout::set(&OTHER_PAY);
		assert_noop!(
			Escrow::accept_split(RuntimeOrigin::signed(ALICE), id, 1),
			Error::<Test>::ProposalVoid
		);
		assert_ok!(Escrow::propose_split(RuntimeOrigin::signed(OTHER_PAY), id, 80));
		assert_ok!(Escrow::accept_split(RuntimeOrigin::signed(ALICE), id, 80));
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
	});
}

#[test]
fn a_buyers_proposal_is_not_voided_by_the_stores_key_change() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(STORE_PAY), id, 1));
		// The buyer's own proposal replaces the store's; a key change does not touch it.
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 70));
		StorePayout::set(&OTHER_PAY);
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(OTHER_PAY), id, 70));
		assert_eq!(settlement(id).agreed_payout, Some(70));
	});
}

#[test]
fn the_store_sends_an_unpaid_payout_to_its_current_payout_account() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		StorePayout::set(&OTHER_PAY);
		assert_eq!(settlement(id).payee, STORE_PAY, "the replaced account would still be paid");
		// Neither the replaced key nor the buyer may move it; the owner and the new key may.
		for who in [STORE_PAY, ALICE] {
			assert_noop!(
				Escrow::follow_payout_account(RuntimeOrigin::signed(who), id),
				Error::<Test>::NotPayee
			);
		}
		assert_ok!(Escrow::follow_payout_account(RuntimeOrigin::signed(STORE_OWNER), id));
		assert_eq!(settlement(id).payee, OTHER_PAY);
		assert!(matches!(last_event(), Event::PayeeFollowed { id: 0, payee: OTHER_PAY }));
		// The store side is told, so that its order completes on the payment to the new account.
		assert_eq!(observed().last(), Some(&Observed::PayeeChanged { id, payee: OTHER_PAY }));
		assert_noop!(
			Escrow::follow_payout_account(RuntimeOrigin::signed(OTHER_PAY), id),
			Error::<Test>::PayeeCurrent
		);
		let (new, old) = (free(OTHER_PAY), free(STORE_PAY));
		run_to_block(deadline(id));
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		assert_eq!((free(OTHER_PAY), free(STORE_PAY)), (new + 100, old), "paid to the new account");
	});
}

#[test]
fn a_payout_goes_to_a_new_account_only_if_it_can_receive_it() {
	ExtBuilder::default().build_and_execute(|| {
		// Owed 4 dollars after an agreed deduction, below the dollar's minimum balance: a new
		// payout account that holds none could never receive them, so the payout stays where
		// it can land.
		assert_ok!(open_in(ALICE, b"usd", USD, 10, STORE_PAY));
		let id = NextSettlementId::<Test>::get() - 1;
		assert_ok!(accept(id, 10));
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(STORE_PAY), id, USD_MIN - 1));
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(ALICE), id, USD_MIN - 1));
		StorePayout::set(&NOBODY);
		assert_noop!(
			Escrow::follow_payout_account(RuntimeOrigin::signed(STORE_OWNER), id),
			Error::<Test>::PayeeCannotReceive
		);
	});
}

// ---- 11. a refusal is the asker's question, before shipping as after -------------------------

fn refuse(id: SettlementId) -> DispatchResult {
	Escrow::refuse_refund(RuntimeOrigin::signed(STORE_PAY), id)
}

fn dispute_deposit_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::DisputeDeposit.into(), &who)
}

fn ship_by(id: SettlementId) -> u64 {
	settlement(id).accepted.expect("accepted").at + SHIP_BY
}

#[test]
fn a_refusal_before_shipping_never_becomes_the_buyers_cancel() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		assert_ok!(accept(id, 100));
		let first_ship_by = ship_by(id);
		run_to_block(3);
		// Accepted, not shipped: the buyer asks everything back, the store says no.
		assert_ok!(request(id, 100));
		run_to_block(5);
		assert_ok!(refuse(id));
		assert_eq!(settlement(id).status, SettlementStatus::Disputed);
		assert_noop!(ship(id), Error::<Test>::UnderDispute);
		// The arbiter is silent: the dispute lapses.
		let lapse = Disputes::<Test>::get(id).expect("the refusal went to the arbiter").arbiter_due;
		run_to_block(lapse);
		assert_eq!(settlement(id).status, SettlementStatus::Accepted);
		// The store could not ship while the request and the dispute ran (2 + DISPUTE_PERIOD
		// blocks, both the buyer's questions): its ship-by limit has all of that back, and the
		// buyer's cancellation in the lapse block fails.
		assert_eq!(ship_by(id), first_ship_by + 2 + DISPUTE_PERIOD);
		assert_noop!(
			Escrow::cancel(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::StoreMayStillShip
		);
		// The store ships and, the buyer silent, is paid in full.
		assert_ok!(ship(id));
		let store = free(STORE_PAY);
		run_to_block(deadline(id));
		assert_eq!(free(STORE_PAY), store + 100);
	});
}

#[test]
fn a_refusal_opens_the_buyers_dispute_at_the_buyers_cost_and_risk() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		let (alice, store) = (free(ALICE), free(STORE_PAY));
		run_to_block(3);
		assert_ok!(request(id, 100));
		run_to_block(5);
		assert_ok!(refuse(id));
		assert!(escrow_events().contains(&Event::RefundRefused { id, dispute: true }));
		// The question was the buyer's: the dispute is the buyer's, on the buyer's deposit, one
		// of the buyer's disputes; the store's deposit and disputes are untouched.
		let d = Disputes::<Test>::get(id).expect("the refusal went to the arbiter");
		assert_eq!(
			(d.opened_by, d.opener, d.reason, d.deposit),
			(Party::Buyer, ALICE, WHY, DISPUTE_DEPOSIT)
		);
		assert_eq!(dispute_deposit_held(ALICE), DISPUTE_DEPOSIT);
		assert_eq!((dispute_deposit_held(STORE_PAY), free(STORE_PAY)), (0, store));
		assert_eq!(free(ALICE), alice - DISPUTE_DEPOSIT);
		let s = settlement(id);
		assert_eq!((s.store_disputes, Escrow::disputes_of(&s, Party::Buyer)), (0, 1));
		// The arbiter is silent: the buyer's clock is taken as having run on (its deadline, 21
		// plus the request's 2 blocks, passed during the dispute), so the payout is due at once.
		let lapse = d.arbiter_due;
		run_to_block(lapse + 1);
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		let record = PaymentRecords::<Test>::get(id).expect("paid");
		assert_eq!((record.amount, record.at), (100, lapse + 1));
		assert_eq!(free(STORE_PAY), store + 100);
		assert_eq!(free(ALICE), alice + DEPOSIT, "the deposit back, after a lapse");
	});
}

#[test]
fn a_buyer_with_no_dispute_or_deposit_left_hears_a_plain_no() {
	ExtBuilder::default().build_and_execute(|| {
		// Every one of its disputes used, each sent back by the arbiter.
		let id = shipped(b"o");
		for _ in 0..MAX_DISPUTES {
			assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(ALICE), id, WHY));
			assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Resume));
		}
		assert_ok!(request(id, 100));
		assert_ok!(refuse(id));
		assert!(escrow_events().contains(&Event::RefundRefused { id, dispute: false }));
		let s = settlement(id);
		assert_eq!((s.status, s.amount, s.store_disputes), (SettlementStatus::Shipped, 100, 0));
		assert!(RefundRequests::<Test>::get(id).is_none());

		// No dispute deposit left in its free balance.
		let id = shipped(b"p");
		assert_ok!(<Balances as Mutate<_>>::transfer(
			&ALICE,
			&EVE,
			free(ALICE) - ED,
			Preservation::Preserve
		));
		assert_ok!(request(id, 100));
		assert_ok!(refuse(id));
		assert!(escrow_events().contains(&Event::RefundRefused { id, dispute: false }));
		assert_eq!(settlement(id).status, SettlementStatus::Shipped);
		assert_eq!(dispute_deposit_held(ALICE), 0);
	});
}

#[test]
fn questions_before_shipping_draw_on_a_bounded_allowance_of_their_own() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		assert_ok!(accept(id, 100));
		let accepted = System::block_number();
		let first_ship_by = ship_by(id);
		// Before shipping, the buyer asks one planck back again and again; the store is silent
		// and the chain grants each. Each request stopped the store's shipping: the ship-by
		// limit gets the time back, and the requests draw on the allowance.
		let mut rounds = 0;
		let refused = loop {
			if let Err(error) = request(id, 1) {
				break error;
			}
			rounds += 1;
			assert!(rounds <= 100, "the buyer kept the store from shipping: no bound");
			run_to_block(due(id));
		};
		assert_eq!(refused, Error::<Test>::PauseAllowanceUsed.into());
		assert_eq!(rounds, PAUSE_ALLOWANCE.div_ceil(RESPOND));
		assert_noop!(
			Escrow::open_dispute(RuntimeOrigin::signed(ALICE), id, WHY),
			Error::<Test>::PauseAllowanceUsed
		);
		// All of it given back to the store, and no more than the allowance and one question.
		let moved = ship_by(id) - first_ship_by;
		assert_eq!(moved, rounds * RESPOND);
		assert!(moved <= PAUSE_ALLOWANCE + Escrow::longest_question());
		// The store ships at its last ship-by block; after shipping the buyer has an allowance
		// whole again for what it finds in the parcel.
		run_to_block(ship_by(id));
		assert_ok!(ship(id));
		assert_eq!(settlement(id).paused, 0);
		assert_ok!(request(id, 1));
		run_to_block(due(id));
		// The payout comes by the bound counted from acceptance.
		run_to_block(deadline(id));
		let record = PaymentRecords::<Test>::get(id).expect("paid");
		assert!(record.at <= Escrow::latest_payout_from_acceptance(accepted, DEFAULT_LIMIT));
	});
}

#[test]
fn a_stores_own_question_before_shipping_leaves_the_buyers_allowance_after_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		assert_ok!(accept(id, 100));
		let first_ship_by = ship_by(id);
		// The store disputes before shipping and the arbiter is silent, twice: that time is
		// the store's own (its ship-by limit does not get it back), and it uses the allowance
		// before shipping up.
		for _ in 0..MAX_DISPUTES {
			assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(STORE_PAY), id, WHY));
			run_to_block(Disputes::<Test>::get(id).expect("disputed").arbiter_due);
		}
		assert_eq!(ship_by(id), first_ship_by);
		assert_noop!(request(id, 1), Error::<Test>::PauseAllowanceUsed);
		// Past its ship-by limit the buyer may cancel; it waits, the store ships, and the
		// buyer's questions after shipping have their whole allowance.
		assert_ok!(ship(id));
		assert_eq!(settlement(id).paused, 0);
		assert_ok!(request(id, 100));
		assert_eq!(settlement(id).status, SettlementStatus::RefundRequested);
	});
}

#[test]
fn refusals_before_shipping_leave_the_buyer_its_disputes_for_the_parcel() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		assert_ok!(accept(id, 100));
		// Before shipping the store refuses every request, each into the buyer's dispute, which
		// the arbiter sends back.
		for _ in 0..MAX_DISPUTES {
			assert_ok!(request(id, 100));
			assert_ok!(refuse(id));
			assert_ok!(Escrow::resolve_dispute(RuntimeOrigin::root(), id, Ruling::Resume));
		}
		assert_eq!(Escrow::disputes_of(&settlement(id), Party::Buyer), MAX_DISPUTES);
		// What the parcel brings is a question of its own: shipping gives each side its
		// disputes whole, as it gives the buyer a whole allowance.
		assert_ok!(ship(id));
		let s = settlement(id);
		assert_eq!((s.disputes, s.store_disputes, s.paused), (0, 0, 0));
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(ALICE), id, WHY));
	});
}

#[test]
fn no_goods_go_back_before_they_were_shipped() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		assert_ok!(accept(id, 100));
		assert_ok!(request(id, 100));
		// A return before shipping would be a return of nothing, whose refusal could run the
		// store's ship-by clock out: the store grants or refuses instead.
		assert_noop!(
			Escrow::grant_refund_with_return(RuntimeOrigin::signed(STORE_PAY), id, 100),
			Error::<Test>::NotShipped
		);
	});
}

// ---- 12. an acceptance the payout account can receive ---------------------------------------

#[test]
fn an_acceptance_for_less_than_the_payout_account_can_receive_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		// A store paid into a new account (none yet: it receives at least the existential
		// deposit); the buyer holds enough for it.
		StorePayout::set(&NOBODY);
		assert_ok!(Escrow::open_settlement(
			RuntimeOrigin::signed(ALICE),
			STORE,
			bounded(b"o"),
			NATIVE,
			100,
			NOBODY,
			None,
			SNAP,
		));
		let id = 0;
		// Accepted for dust, its payout could never land: every deadline's try would fail, and
		// the buyer's money would stay held until the store refunded it.
		assert_noop!(accept(id, ED - 1), Error::<Test>::PayeeCannotReceive);
		assert_ok!(accept(id, ED));
		assert_ok!(ship(id));
		run_to_block(deadline(id));
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		assert_eq!(free(NOBODY), ED);
	});
}
