//! A marketplace's commission: recorded when a settlement opens, paid on every payout to the
//! store (confirmation, deadline, agreed deduction, split, ruling, the rest after a partial
//! refund) from the hold to the fee account in the same step, rounded down; nothing on what
//! goes back to the buyer; none taken when the fee account cannot receive it. In every case
//! the buyer, the store and the fee account together get exactly what was held.

use super::{stablecoin::*, *};

/// [`STORE`]'s settlements opened from now on owe [`MARKET`] `rate` basis points, paid to
/// `fee_account`.
fn in_marketplace(rate: BasisPoints, fee_account: AccountId) {
	StoreCommission::set(&Some(Commission { marketplace: MARKET, rate, fee_account }));
}

fn record(id: SettlementId) -> PaymentRecordOf<Test> {
	PaymentRecords::<Test>::get(id).expect("paid")
}

fn paid(
	rate: BasisPoints,
	fee_account: AccountId,
	amount: Balance,
) -> Option<PaidCommission<AccountId, Balance>> {
	Some(PaidCommission { marketplace: MARKET, rate, fee_account, amount })
}

fn commission_event(id: SettlementId) -> Option<Event<Test>> {
	escrow_events()
		.into_iter()
		.find(|e| matches!(e, Event::CommissionPaid { id: i, .. } if *i == id))
}

#[test]
fn a_confirmed_payout_sends_the_commission_to_the_fee_account() {
	ExtBuilder::default().build_and_execute(|| {
		in_marketplace(1_000, MARKET_FEE);
		let id = open(ALICE, b"o", 200);
		assert_eq!(
			settlement(id).commission,
			Some(Commission { marketplace: MARKET, rate: 1_000, fee_account: MARKET_FEE })
		);
		assert_ok!(accept(id, 200));
		assert_ok!(ship(id));
		let (alice, store) = (free(ALICE), free(STORE_PAY));

		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 200));

		// 10% of 200 to the fee account (created by it), the rest to the store; the buyer's
		// price was 200 and its deposit comes back.
		assert_eq!(free(MARKET_FEE), 20);
		assert_eq!(free(STORE_PAY), store + 180);
		assert_eq!(free(ALICE), alice + DEPOSIT);
		let r = record(id);
		assert_eq!((r.amount, r.received()), (200, 180));
		assert_eq!(r.commission, paid(1_000, MARKET_FEE, 20));
		assert_eq!(
			commission_event(id),
			Some(Event::CommissionPaid {
				id,
				marketplace: MARKET,
				fee_account: MARKET_FEE,
				asset: NATIVE,
				rate: 1_000,
				amount: 20,
			})
		);
		// The store side is told of the whole payment, which completes its order.
		assert!(observed().contains(&Observed::Paid { id, record: id, amount: 200 }));
	});
}

#[test]
fn the_deadline_payout_in_dollars_takes_the_commission_in_dollars() {
	ExtBuilder::default().build_and_execute(|| {
		in_marketplace(1_000, MARKET_FEE);
		let id = shipped_in_dollars();
		let (store, deadline) = (usd(STORE_PAY), settlement(id).deadline.expect("shipped"));

		run_to_block(deadline);

		assert_eq!(usd(MARKET_FEE), 10);
		assert_eq!(usd(STORE_PAY), store + 90);
		assert_eq!(usd_held(HoldReason::Payment, DOLLAR_ONLY), 0);
		let r = record(id);
		assert_eq!((r.trigger, r.asset.clone(), r.received()), (PayoutTrigger::Deadline, USD, 90));
		assert_eq!(r.commission, paid(1_000, MARKET_FEE, 10));
		assert_eq!(free(MARKET_FEE), 0, "nothing in any other asset");
	});
}

#[test]
fn rounding_favours_the_store() {
	ExtBuilder::default().build_and_execute(|| {
		in_marketplace(1_000, BOB);
		let id = open(ALICE, b"o", 109);
		assert_ok!(accept(id, 109));
		assert_ok!(ship(id));
		let (bob, store) = (free(BOB), free(STORE_PAY));
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 109));
		// 10.9 rounds down to 10.
		assert_eq!((free(BOB) - bob, free(STORE_PAY) - store), (10, 99));
	});
}

#[test]
fn a_commission_the_fee_account_cannot_receive_stays_with_the_store() {
	ExtBuilder::default().build_and_execute(|| {
		// 2.5% of 200 is 5, below the existential deposit of an account that does not exist.
		in_marketplace(250, MARKET_FEE);
		let id = open(ALICE, b"o", 200);
		assert_ok!(accept(id, 200));
		assert_ok!(ship(id));
		let store = free(STORE_PAY);
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 200));
		assert_eq!(free(STORE_PAY), store + 200);
		assert_eq!(free(MARKET_FEE), 0);
		let r = record(id);
		assert_eq!((r.received(), r.commission.clone()), (200, paid(250, MARKET_FEE, 0)));
		assert!(matches!(commission_event(id), Some(Event::CommissionPaid { amount: 0, .. })));
	});
}

#[test]
fn a_commission_that_would_leave_a_new_payee_short_stays_with_the_store() {
	ExtBuilder::default().build_and_execute(|| {
		// The payee does not exist yet and is paid exactly the existential deposit: 10% off
		// would leave it below, so the payout lands whole.
		StorePayout::set(&NOBODY);
		in_marketplace(1_000, BOB);
		assert_ok!(Escrow::open_settlement(
			RuntimeOrigin::signed(ALICE),
			STORE,
			bounded(b"o"),
			NATIVE,
			ED,
			NOBODY,
			None,
			SNAP,
		));
		assert_ok!(accept(0, ED));
		assert_ok!(ship(0));
		let bob = free(BOB);
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), 0, ED));
		assert_eq!((free(NOBODY), free(BOB)), (ED, bob));
		assert_eq!(record(0).commission, paid(1_000, BOB, 0));
	});
}

#[test]
fn the_commission_is_on_what_the_store_is_paid_after_a_deduction_or_a_partial_refund() {
	ExtBuilder::default().build_and_execute(|| {
		in_marketplace(1_000, BOB);
		// An agreed deduction: 150 of 200.
		let id = open(ALICE, b"deduct", 200);
		assert_ok!(accept(id, 200));
		assert_ok!(ship(id));
		assert_ok!(Escrow::propose_deduction(RuntimeOrigin::signed(ALICE), id, 150));
		assert_ok!(Escrow::accept_deduction(RuntimeOrigin::signed(STORE_PAY), id, 150));
		let (bob, store, alice) = (free(BOB), free(STORE_PAY), free(ALICE));
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 150));
		assert_eq!((free(BOB) - bob, free(STORE_PAY) - store), (15, 135));
		assert_eq!(free(ALICE) - alice, 50 + DEPOSIT, "nothing taken on what goes back");

		// A partial refund of 60, then the rest paid at the deadline.
		let id = open(ALICE, b"partial", 200);
		assert_ok!(accept(id, 200));
		assert_ok!(ship(id));
		assert_ok!(Escrow::partial_refund(RuntimeOrigin::signed(STORE_PAY), id, 60));
		let (bob, store) = (free(BOB), free(STORE_PAY));
		run_to_block(settlement(id).deadline.expect("shipped"));
		assert_eq!((free(BOB) - bob, free(STORE_PAY) - store), (14, 126));
		assert_eq!(record(id).commission, paid(1_000, BOB, 14));
	});
}

#[test]
fn a_split_and_a_ruling_pay_the_commission_on_the_stores_part() {
	ExtBuilder::default().build_and_execute(|| {
		in_marketplace(1_000, BOB);
		let id = shipped(b"split");
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(ALICE), id, [1; 32]));
		assert_ok!(Escrow::propose_split(RuntimeOrigin::signed(ALICE), id, 40));
		let (bob, store) = (free(BOB), free(STORE_PAY));
		assert_ok!(Escrow::accept_split(RuntimeOrigin::signed(STORE_PAY), id, 40));
		assert_eq!((free(BOB) - bob, free(STORE_PAY) - store), (4, 36));
		assert_eq!(record(id).trigger, PayoutTrigger::Agreed);

		let id = shipped(b"ruled");
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(ALICE), id, [1; 32]));
		let (bob, store) = (free(BOB), free(STORE_PAY));
		assert_ok!(Escrow::resolve_dispute(
			RuntimeOrigin::root(),
			id,
			Ruling::Split { payout: 70 }
		));
		assert_eq!((free(BOB) - bob, free(STORE_PAY) - store), (7, 63));
		assert_eq!(record(id).commission, paid(1_000, BOB, 7));
	});
}

#[test]
fn nothing_is_taken_on_a_refund_or_a_cancellation() {
	ExtBuilder::default().build_and_execute(|| {
		in_marketplace(1_000, BOB);
		let bob = free(BOB);
		let refunded = shipped(b"refunded");
		assert_ok!(Escrow::refund(RuntimeOrigin::signed(STORE_PAY), refunded));
		let cancelled = open(ALICE, b"cancelled", 100);
		assert_ok!(Escrow::cancel(RuntimeOrigin::signed(ALICE), cancelled));
		let ruled_nothing = shipped(b"nothing");
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(ALICE), ruled_nothing, [1; 32]));
		assert_ok!(Escrow::resolve_dispute(
			RuntimeOrigin::root(),
			ruled_nothing,
			Ruling::Split { payout: 0 }
		));
		assert_eq!(free(BOB), bob);
		assert_eq!(free(ALICE), 1_000, "the buyer has all of it back");
		assert!(commission_event(refunded).is_none());
	});
}

#[test]
fn the_commission_is_the_one_in_force_when_the_settlement_opened() {
	ExtBuilder::default().build_and_execute(|| {
		in_marketplace(1_000, BOB);
		let before = open(ALICE, b"before", 100);
		// The store leaves (or the marketplace changes its terms) after it opened.
		StoreCommission::set(&None);
		let after = open(ALICE, b"after", 100);
		in_marketplace(3_000, EVE);
		// Re-opening the first (a higher amount) keeps the commission it opened with.
		assert_ok!(Escrow::open_settlement(
			RuntimeOrigin::signed(ALICE),
			STORE,
			bounded(b"before"),
			NATIVE,
			120,
			STORE_PAY,
			None,
			SNAP,
		));
		assert_eq!(
			settlement(before).commission.map(|c| (c.rate, c.fee_account)),
			Some((1_000, BOB))
		);
		assert_eq!(settlement(after).commission, None);
		for (id, amount) in [(before, 120), (after, 100)] {
			assert_ok!(accept(id, amount));
			assert_ok!(ship(id));
		}
		let (bob, eve, store) = (free(BOB), free(EVE), free(STORE_PAY));
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), before, 120));
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), after, 100));
		assert_eq!((free(BOB) - bob, free(EVE) - eve), (12, 0));
		assert_eq!(free(STORE_PAY) - store, 108 + 100);
		assert_eq!(record(after).commission, None);
	});
}

#[test]
fn a_fee_account_the_issuer_blocked_holds_no_payout_back() {
	ExtBuilder::default().build_and_execute(|| {
		// Alice's dollar account is the fee account, and the dollar's issuer blocks it.
		in_marketplace(1_000, ALICE);
		let id = shipped_in_dollars();
		assert_ok!(Assets::block(RuntimeOrigin::signed(EVE), USD_ID, ALICE));
		let (store, alice) = (usd(STORE_PAY), usd(ALICE));
		run_to_block(settlement(id).deadline.expect("shipped"));
		// Paid at its deadline, whole, to the store: the commission could not land.
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		assert_eq!((usd(STORE_PAY) - store, usd(ALICE) - alice), (100, 0));
		assert_eq!(record(id).commission, paid(1_000, ALICE, 0));
	});
}

#[test]
fn a_store_accepts_owing_no_more_than_it_owes_its_marketplace_then() {
	ExtBuilder::default().build_and_execute(|| {
		in_marketplace(1_000, BOB);
		// The buyer opens while the store is in the marketplace; the store leaves, then
		// accepts: it owes nothing.
		let left = open(ALICE, b"left", 100);
		// Another opened at 10%; the marketplace lowers to 2.5% before the store accepts.
		let lowered = open(ALICE, b"lowered", 100);
		StoreCommission::set(&None);
		assert_ok!(accept(left, 100));
		assert_eq!(settlement(left).commission, None);
		in_marketplace(250, EVE);
		assert_ok!(accept(lowered, 100));
		assert_eq!(
			settlement(lowered).commission,
			Some(Commission { marketplace: MARKET, rate: 250, fee_account: BOB })
		);
		// Opened outside the marketplace, accepted inside: it owes nothing either.
		StoreCommission::set(&None);
		let outside = open(ALICE, b"outside", 100);
		in_marketplace(1_000, BOB);
		assert_ok!(accept(outside, 100));
		assert_eq!(settlement(outside).commission, None);
		// From acceptance on, nothing changes it.
		in_marketplace(3_000, EVE);
		assert_ok!(ship(lowered));
		let bob = free(BOB);
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), lowered, 100));
		assert_eq!((free(BOB) - bob, record(lowered).received()), (2, 98));
	});
}

#[test]
fn payouts_to_fresh_fee_accounts_are_charged_as_payouts_to_new_accounts() {
	// Three payouts due in one block, to one store and payee: the budget holds all three when
	// they share a fee account (one payout to new accounts, two again), fewer when each pays a
	// fee account of its own.
	let due_in_one_block = |fee_accounts: [AccountId; 3]| {
		let mut ids = Vec::new();
		for (i, fee) in fee_accounts.into_iter().enumerate() {
			in_marketplace(1_000, fee);
			ids.push(shipped(&[b'a' + i as u8]));
		}
		let deadline = settlement(ids[0]).deadline.expect("shipped");
		run_to_block(deadline);
		ids.iter().filter(|id| settlement(**id).status == SettlementStatus::Completed).count()
	};
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(due_in_one_block([BOB; 3]), 3);
	});
	ExtBuilder::default().build_and_execute(|| {
		assert!(due_in_one_block([BOB, EVE, STORE_OWNER]) < 3);
	});
}
