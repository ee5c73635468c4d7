//! Settlements in an asset: a buyer who holds only the dollar pays, is refunded and disputes in
//! it; the deposits are held in it at the chain's rate; the payee is paid in it, by
//! confirmation or at the deadline; assets a store does not accept, or the chain cannot settle
//! in, are refused when the settlement opens.

use super::*;
use frame_support::{
	dispatch::DispatchResultWithPostInfo, traits::fungibles::Inspect as AssetsInspect,
};

pub(crate) fn usd(who: AccountId) -> Balance {
	Assets::balance(USD_ID, who)
}

pub(crate) fn usd_held(reason: HoldReason, who: AccountId) -> Balance {
	<NativeAndAssets as frame_support::traits::fungibles::InspectHold<_>>::balance_on_hold(
		USD,
		&reason.into(),
		&who,
	)
}

pub(crate) fn open_in(
	buyer: AccountId,
	order: &[u8],
	asset: AssetKind,
	amount: Balance,
	payee: AccountId,
) -> DispatchResultWithPostInfo {
	Escrow::open_settlement(
		RuntimeOrigin::signed(buyer),
		STORE,
		bounded(order),
		asset,
		amount,
		payee,
		None,
		SNAP,
	)
}

/// A dollar settlement of 100 by the dollar-only buyer, accepted for 100 and shipped.
pub(crate) fn shipped_in_dollars() -> SettlementId {
	assert_ok!(open_in(DOLLAR_ONLY, b"usd", USD, 100, STORE_PAY));
	let id = NextSettlementId::<Test>::get() - 1;
	assert_ok!(accept(id, 100));
	assert_ok!(ship(id));
	id
}

#[test]
fn a_buyer_with_only_dollars_pays_a_store_in_dollars() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(free(DOLLAR_ONLY), 0, "the buyer never held the native token");
		let deposit = DEPOSIT * USD_PER_NATIVE;
		assert_ok!(open_in(DOLLAR_ONLY, b"usd", USD, 100, STORE_PAY));
		let id = 0;
		let s = settlement(id);
		assert_eq!((s.asset, s.amount, s.deposit), (USD, 100, deposit));
		assert_eq!(usd_held(HoldReason::Payment, DOLLAR_ONLY), 100);
		assert_eq!(usd_held(HoldReason::SettlementDeposit, DOLLAR_ONLY), deposit);
		// Held, not spent: the dollars stay in the buyer's own account.
		assert_eq!(usd(DOLLAR_ONLY), 300 - 100 - deposit);
		assert_eq!(<NativeAndAssets as AssetsInspect<_>>::total_balance(USD, &DOLLAR_ONLY), 300);
		assert!(escrow_events().iter().any(|e| matches!(
			e,
			Event::SettlementOpened { asset, amount: 100, .. } if *asset == USD
		)));

		assert_ok!(accept(id, 100));
		assert_ok!(ship(id));
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(DOLLAR_ONLY), id, 100));

		assert_eq!(usd(STORE_PAY), 100 + 100);
		assert_eq!(usd(DOLLAR_ONLY), 300 - 100, "the deposit came back in dollars");
		assert_eq!(usd_held(HoldReason::SettlementDeposit, DOLLAR_ONLY), 0);
		assert_eq!(free(STORE_PAY), 100, "nothing moved in the native token");
		let record = PaymentRecords::<Test>::get(id).expect("a payment record");
		assert_eq!((record.asset, record.amount), (USD, 100));
		assert!(matches!(
			last_event(),
			Event::SettlementCompleted { asset, paid: 100, released: 0, .. } if asset == USD
		));
	});
}

#[test]
fn the_chain_pays_a_dollar_settlement_at_its_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped_in_dollars();
		let deadline = settlement(id).deadline.expect("shipped");
		run_to_block(deadline);
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		assert_eq!(usd(STORE_PAY), 200);
		assert_eq!(usd(DOLLAR_ONLY), 200);
		assert_eq!(
			PaymentRecords::<Test>::get(id).map(|r| r.trigger),
			Some(PayoutTrigger::Deadline)
		);
	});
}

#[test]
fn a_dollar_refund_and_a_dollar_dispute_move_dollars_only() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped_in_dollars();
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(DOLLAR_ONLY), id, [1; 32]));
		let dispute_deposit = DISPUTE_DEPOSIT * USD_PER_NATIVE;
		assert_eq!(usd_held(HoldReason::DisputeDeposit, DOLLAR_ONLY), dispute_deposit);
		assert_eq!(Disputes::<Test>::get(id).map(|d| d.deposit), Some(dispute_deposit));

		assert_ok!(Escrow::refund(RuntimeOrigin::signed(STORE_PAY), id));
		assert_eq!(usd(DOLLAR_ONLY), 300, "payment, deposit and dispute deposit all came back");
		assert_eq!(usd(STORE_PAY), 100);
		assert_eq!(settlement(id).status, SettlementStatus::Refunded);
	});
}

#[test]
fn an_arbiter_ruling_against_a_dollar_buyer_gives_its_deposit_in_dollars() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped_in_dollars();
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(DOLLAR_ONLY), id, [1; 32]));
		assert_ok!(Escrow::resolve_dispute(
			RuntimeOrigin::root(),
			id,
			Ruling::Split { payout: 100 }
		));
		let dispute_deposit = DISPUTE_DEPOSIT * USD_PER_NATIVE;
		assert_eq!(usd(STORE_PAY), 100 + 100 + dispute_deposit);
		assert_eq!(usd(DOLLAR_ONLY), 300 - 100 - dispute_deposit);
	});
}

#[test]
fn a_store_is_paid_only_in_assets_it_accepts_and_the_chain_settles_in() {
	ExtBuilder::default().build_and_execute(|| {
		let at = |store, asset| {
			Escrow::open_settlement(
				RuntimeOrigin::signed(ALICE),
				store,
				bounded(b"o"),
				asset,
				50,
				STORE_PAY,
				None,
				SNAP,
			)
		};
		// Store 2 accepts only the native token.
		assert_noop!(at(STORE_WITH_DEFAULT, USD), Error::<Test>::AssetNotAccepted);
		// The store lists points, but the chain has no rate for them.
		assert_noop!(at(STORE, POINTS), Error::<Test>::AssetNotSupported);
		assert!(!<Escrow as SettlementProvider<_, _, _, _>>::settles_in(&POINTS));
		assert!(<Escrow as SettlementProvider<_, _, _, _>>::settles_in(&USD));
		assert!(<Escrow as SettlementProvider<_, _, _, _>>::settles_in(&NATIVE));
		assert_ok!(at(STORE_WITH_DEFAULT, NATIVE));
		assert_ok!(at(STORE, USD));
	});
}

#[test]
fn a_settlement_keeps_its_asset() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		assert_noop!(open_in(ALICE, b"o", USD, 100, STORE_PAY), Error::<Test>::AssetChanged);
		// In its own asset it updates as before.
		assert_ok!(open_in(ALICE, b"o", NATIVE, 120, STORE_PAY));
		assert_eq!(settlement(id).amount, 120);
	});
}

#[test]
fn a_dollar_buyer_short_of_dollars_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let deposit = DEPOSIT * USD_PER_NATIVE;
		// The dollar keeps the account alive by itself: the buyer must keep its minimum.
		let most = 300 - deposit - USD_MIN;
		assert_noop!(
			open_in(DOLLAR_ONLY, b"o", USD, most + 1, STORE_PAY),
			Error::<Test>::InsufficientBalance
		);
		// Native funds do not help a dollar settlement.
		assert_noop!(
			open_in(ALICE, b"big", USD, 1_000, STORE_PAY),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(open_in(DOLLAR_ONLY, b"o", USD, most, STORE_PAY));
	});
}

#[test]
fn a_payee_that_does_not_exist_receives_dollars_or_is_refused_at_open() {
	ExtBuilder::default().build_and_execute(|| {
		// Below the dollar's minimum balance the payout could not land: refused at open.
		assert_noop!(
			open_in(ALICE, b"small", USD, USD_MIN - 1, NOBODY),
			Error::<Test>::PayeeCannotReceive
		);
		// Points cannot create an account: refused before anything else.
		assert_noop!(
			open_in(ALICE, b"points", POINTS, 100, NOBODY),
			Error::<Test>::PayeeCannotReceive
		);
		// The dollar is sufficient: a new account receives it, and it is there.
		assert_ok!(open_in(ALICE, b"new", USD, USD_MIN, NOBODY));
		let id = NextSettlementId::<Test>::get() - 1;
		assert_ok!(accept(id, USD_MIN));
		assert_ok!(ship(id));
		run_to_block(settlement(id).deadline.expect("shipped"));
		assert_eq!(usd(NOBODY), USD_MIN);
		assert_eq!(free(NOBODY), 0);
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
	});
}

#[test]
fn a_frozen_stablecoin_stops_the_payout_without_losing_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped_in_dollars();
		let deadline = settlement(id).deadline.expect("shipped");
		// The issuer (EVE in this test runtime) freezes the dollar.
		assert_ok!(Assets::freeze_asset(RuntimeOrigin::signed(EVE), USD_ID));
		run_to_block(deadline);
		assert!(escrow_events().iter().any(|e| matches!(
			e,
			Event::TaskFailed { id: failed, task: AgendaTask::AutoSettle, attempts: 1, .. }
				if *failed == id
		)));
		// Still owed: the deadline stays, and the payout is tried again with back-off.
		let s = settlement(id);
		assert_eq!((s.status, s.deadline), (SettlementStatus::Shipped, Some(deadline)));
		run_to_block(deadline + RETRY);
		assert_eq!(Retries::<Test>::get(id).map(|r| r.attempts), Some(2));
		assert_eq!(Retries::<Test>::get(id).map(|r| r.at), Some(deadline + RETRY + 2 * RETRY));
		assert_eq!(usd_held(HoldReason::Payment, DOLLAR_ONLY), 100, "still held, not lost");
		assert_eq!(usd(STORE_PAY), 100);
		// Confirming fails while the asset is frozen, by the asset's own error, and changes
		// nothing.
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::signed(DOLLAR_ONLY), id, 100),
			pallet_assets::Error::<Test>::AssetNotLive
		);
		// Thawed, the next try pays the store, once, by itself.
		assert_ok!(Assets::thaw_asset(RuntimeOrigin::signed(EVE), USD_ID));
		run_to_block(deadline + 3 * RETRY);
		assert_eq!(usd(STORE_PAY), 200);
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		assert_eq!(
			PaymentRecords::<Test>::get(id).map(|r| r.trigger),
			Some(PayoutTrigger::Deadline)
		);
		assert!(Retries::<Test>::get(id).is_none());
		run_to_block(deadline + 3 * RETRY + MAX_RETRY);
		assert_eq!(usd(STORE_PAY), 200, "paid once");
	});
}
