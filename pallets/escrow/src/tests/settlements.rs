//! A settlement's life: opening and re-opening, the time-limit rule, the store's acceptance
//! and shipping, confirmation, cancellation and refund, extensions; and that a call failing
//! part-way moves nothing.

use super::*;

// ---- opening -------------------------------------------------------------------------------

#[test]
fn open_holds_amount_and_deposit_in_the_buyers_account() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"order-1", 300);
		assert_eq!(id, 0);
		assert_eq!(free(ALICE), 1_000 - 300 - DEPOSIT);
		assert_eq!(held(ALICE), 300);
		assert_eq!(deposit_held(ALICE), DEPOSIT);
		assert_eq!(free(STORE_PAY), 100);
		let s = settlement(id);
		assert_eq!(s.status, SettlementStatus::AwaitingAcceptance);
		assert_eq!((s.buyer, s.payee, s.store, s.amount), (ALICE, STORE_PAY, STORE, 300));
		assert_eq!(s.snapshot, SNAP);
		assert_eq!(s.time_limit, DEFAULT_LIMIT);
		assert_eq!(s.deadline, None);
		assert_eq!(NextSettlementId::<Test>::get(), 1);
		assert_eq!(
			last_event(),
			Event::SettlementOpened {
				id,
				buyer: ALICE,
				payee: STORE_PAY,
				store: STORE,
				order_no: BoundedVec::truncate_from(b"order-1".to_vec()),
				asset: NATIVE,
				amount: 300,
				snapshot: SNAP,
				time_limit: DEFAULT_LIMIT,
			}
		);
	});
}

#[test]
fn each_store_order_gets_its_own_settlement() {
	ExtBuilder::default().build_and_execute(|| {
		let a = open(ALICE, b"a", 100);
		let b = open(ALICE, b"b", 200);
		let c = open(BOB, b"a", 50);
		assert_eq!((a, b, c), (0, 1, 2));
		assert_eq!(held(ALICE), 300);
		assert_eq!(deposit_held(ALICE), 2 * DEPOSIT);
		assert_eq!(held(BOB), 50);
		let ids = |found: Vec<(SettlementId, SettlementOf<Test>)>| {
			let mut ids = found.into_iter().map(|(id, _)| id).collect::<Vec<_>>();
			ids.sort();
			ids
		};
		let of_buyer = |who| ids(Escrow::open_settlements_of_buyer(&who, None, u32::MAX));
		let of_store = |store| ids(Escrow::open_settlements_of_store(store, None, u32::MAX));
		assert_eq!(of_buyer(ALICE), vec![a, b]);
		assert_eq!(of_store(STORE), vec![a, b, c]);
		assert_ok!(Escrow::cancel(RuntimeOrigin::signed(ALICE), a));
		assert_eq!(of_buyer(ALICE), vec![b]);
		assert_eq!(of_store(STORE), vec![b, c]);
		assert!(of_store(STORE_WITH_DEFAULT).is_empty());
	});
}

/// A store order number longer than `MaxOrderNumberLen` does not decode: the transaction pool
/// rejects such a call before it reaches a block.
#[test]
fn an_order_number_over_the_limit_does_not_decode() {
	use codec::{Compact, Decode, Encode};
	let encoded = |len: usize| {
		let mut call = vec![0u8]; // open_settlement
		call.extend(STORE.encode());
		call.extend(vec![b'x'; len].encode());
		call.extend(NATIVE.encode());
		call.extend(Compact(100u64).encode());
		call.extend(STORE_PAY.encode());
		call.extend(None::<u64>.encode());
		call.extend(SNAP.encode());
		call
	};
	let limit =
		<<Test as Config>::MaxOrderNumberLen as frame_support::traits::Get<u32>>::get() as usize;
	assert!(crate::Call::<Test>::decode(&mut &encoded(limit)[..]).is_ok());
	assert!(crate::Call::<Test>::decode(&mut &encoded(limit + 1)[..]).is_err());
}

#[test]
fn open_rejects_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		let call = |who, store, order: &[u8], amount, payee| {
			Escrow::open_settlement(
				RuntimeOrigin::signed(who),
				store,
				bounded(order),
				NATIVE,
				amount,
				payee,
				None,
				SNAP,
			)
		};
		assert_noop!(
			Escrow::open_settlement(
				RuntimeOrigin::none(),
				STORE,
				bounded(b"o"),
				NATIVE,
				1,
				STORE_PAY,
				None,
				SNAP
			),
			DispatchError::BadOrigin
		);
		assert_noop!(call(ALICE, STORE, b"o", 0, STORE_PAY), Error::<Test>::ZeroAmount);
		assert_noop!(call(ALICE, NO_STORE, b"o", 100, STORE_PAY), Error::<Test>::UnknownStore);
		assert_noop!(call(ALICE, STORE, b"o", 100, ALICE), Error::<Test>::PayeeIsBuyer);
		// POOR has 40: 40 - ED(10) - DEPOSIT(5) = 25 can be held.
		assert_noop!(call(POOR, STORE, b"o", 26, STORE_PAY), Error::<Test>::InsufficientBalance);
		assert_noop!(
			call(ALICE, STORE, b"o", 1_000, STORE_PAY),
			Error::<Test>::InsufficientBalance
		);
		// A payout below the existential deposit to an account that does not exist.
		assert_noop!(call(ALICE, STORE, b"o", ED - 1, NOBODY), Error::<Test>::PayeeCannotReceive);
		assert!(Settlements::<Test>::iter().next().is_none());
	});
}

#[test]
fn open_covers_exactly_what_the_buyer_can_hold() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(POOR, b"o", 25);
		assert_eq!(held(POOR), 25);
		assert_eq!(free(POOR), ED);
		assert_eq!(settlement(id).amount, 25);
		// A payee that does not exist yet can be paid at least the existential deposit.
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
	});
}

#[test]
fn opening_again_before_acceptance_updates_in_place() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 300);
		// Raise.
		assert_ok!(Escrow::open_settlement(
			RuntimeOrigin::signed(ALICE),
			STORE,
			bounded(b"o"),
			NATIVE,
			450,
			OTHER_PAY,
			Some(40),
			SNAP2
		));
		assert_eq!(NextSettlementId::<Test>::get(), 1, "no new settlement");
		assert_eq!(held(ALICE), 450);
		assert_eq!(deposit_held(ALICE), DEPOSIT, "one deposit per settlement");
		assert_eq!(free(ALICE), 1_000 - 450 - DEPOSIT);
		let s = settlement(id);
		assert_eq!((s.amount, s.payee, s.snapshot, s.time_limit), (450, OTHER_PAY, SNAP2, 40));
		assert_eq!(
			last_event(),
			Event::SettlementUpdated {
				id,
				previous: 300,
				amount: 450,
				payee: OTHER_PAY,
				snapshot: SNAP2,
				time_limit: 40
			}
		);
		// Shrink.
		assert_ok!(Escrow::open_settlement(
			RuntimeOrigin::signed(ALICE),
			STORE,
			bounded(b"o"),
			NATIVE,
			120,
			OTHER_PAY,
			None,
			SNAP
		));
		assert_eq!(held(ALICE), 120);
		assert_eq!(free(ALICE), 1_000 - 120 - DEPOSIT);
		assert_eq!(settlement(id).snapshot, SNAP);
	});
}

#[test]
fn raising_the_hold_needs_the_funds() {
	ExtBuilder::default().build_and_execute(|| {
		open(POOR, b"o", 20);
		assert_noop!(
			Escrow::open_settlement(
				RuntimeOrigin::signed(POOR),
				STORE,
				bounded(b"o"),
				NATIVE,
				26,
				STORE_PAY,
				None,
				SNAP
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn after_acceptance_the_amount_cannot_shrink_and_the_payee_is_fixed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 300);
		assert_ok!(accept(id, 250));
		let reopen = |amount, payee| {
			Escrow::open_settlement(
				RuntimeOrigin::signed(ALICE),
				STORE,
				bounded(b"o"),
				NATIVE,
				amount,
				payee,
				None,
				SNAP,
			)
		};
		assert_noop!(reopen(249, STORE_PAY), Error::<Test>::BelowAcceptedAmount);
		assert_noop!(reopen(299, STORE_PAY), Error::<Test>::BelowAcceptedAmount);
		assert_noop!(reopen(300, OTHER_PAY), Error::<Test>::PayeeLocked);
		assert_ok!(reopen(400, STORE_PAY));
		assert_eq!(held(ALICE), 400);
		assert_eq!(settlement(id).order_amount(), 250);
		assert_eq!(settlement(id).status, SettlementStatus::Accepted);
	});
}

#[test]
fn after_shipping_opening_again_fails() {
	ExtBuilder::default().build_and_execute(|| {
		shipped(b"o");
		assert_noop!(
			Escrow::open_settlement(
				RuntimeOrigin::signed(ALICE),
				STORE,
				bounded(b"o"),
				NATIVE,
				100,
				STORE_PAY,
				None,
				SNAP
			),
			Error::<Test>::AlreadyShipped
		);
	});
}

#[test]
fn after_closing_the_same_store_order_opens_a_new_settlement() {
	ExtBuilder::default().build_and_execute(|| {
		let first = open(ALICE, b"o", 100);
		assert_ok!(Escrow::cancel(RuntimeOrigin::signed(ALICE), first));
		let second = open(ALICE, b"o", 100);
		assert_ne!(first, second);
		assert_eq!(settlement(first).status, SettlementStatus::Cancelled);
		assert_eq!(settlement(second).status, SettlementStatus::AwaitingAcceptance);
	});
}

// ---- opened accepted (a store's signed payment request) -------------------------------------

fn open_accepted(
	buyer: AccountId,
	order: &[u8],
	amount: Balance,
	time_limit: u64,
) -> Result<(SettlementId, Weight), DispatchError> {
	<Escrow as SettlementProvider<_, _, _, _>>::open_accepted(
		&buyer, STORE, order, NATIVE, amount, STORE_PAY, time_limit, SNAP,
	)
}

#[test]
fn open_accepted_opens_a_settlement_the_store_has_accepted_with_no_expiry_owed() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, funding) = open_accepted(ALICE, b"signed", 300, 40).expect("opened");
		assert_eq!(funding, Weight::zero(), "no funding source was drawn on");
		assert_eq!((held(ALICE), deposit_held(ALICE)), (300, DEPOSIT));
		let s = settlement(id);
		assert_eq!(s.status, SettlementStatus::Accepted);
		assert_eq!(s.accepted, Some(Acceptance { order_amount: 300, at: 1 }));
		assert_eq!((s.time_limit, s.snapshot, s.payee), (40, SNAP, STORE_PAY));
		assert_eq!(Agenda::<Test>::iter().count(), 0, "an accepted settlement does not expire");
		assert_eq!(last_event(), Event::SettlementAccepted { id, order_amount: 300 });
	});
}

#[test]
fn open_accepted_takes_over_the_buyers_unaccepted_settlement_for_the_order() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"signed", 500);
		let (same, _) = open_accepted(ALICE, b"signed", 300, 40).expect("accepted");
		assert_eq!(same, id);
		assert_eq!(held(ALICE), 300, "the hold follows the signed amount");
		assert_eq!(settlement(id).status, SettlementStatus::Accepted);
		assert_eq!(settlement(id).time_limit, 40);
		assert_eq!(NextSettlementId::<Test>::get(), 1);
		// Accepted already: a second signed acceptance is refused.
		assert_noop!(open_accepted(ALICE, b"signed", 300, 40), Error::<Test>::AlreadyAccepted);
	});
}

#[test]
fn open_accepted_that_fails_its_acceptance_leaves_nothing_behind() {
	ExtBuilder::default().build_and_execute(|| {
		// A rule the chain clamps is not the rule signed: the acceptance fails, and the
		// opening with it, though nothing around the call rolls back.
		let result = open_accepted(ALICE, b"signed", 300, MAX_LIMIT + 1);
		assert_eq!(result, Err(Error::<Test>::TermsChanged.into()));
		assert_eq!((held(ALICE), deposit_held(ALICE), free(ALICE)), (0, 0, 1_000));
		assert_eq!(NextSettlementId::<Test>::get(), 0);
		assert!(Settlements::<Test>::iter().next().is_none());
		assert_eq!(Agenda::<Test>::iter().count(), 0);
		assert!(System::events().is_empty(), "no event of an opening that did not happen");
		// The escrow's own refusals: an order number it cannot store, an asset the store
		// does not accept (the other store takes the native token only).
		assert_eq!(
			open_accepted(ALICE, &[b'x'; 17], 300, 40),
			Err(Error::<Test>::OrderNumberTooLong.into())
		);
		let other = <Escrow as SettlementProvider<_, _, _, _>>::open_accepted(
			&ALICE,
			STORE_WITH_DEFAULT,
			b"signed",
			USD,
			300,
			STORE_PAY,
			40,
			SNAP,
		);
		assert_eq!(other, Err(Error::<Test>::AssetNotAccepted.into()));
	});
}

// ---- time-limit rule -----------------------------------------------------------------------

#[test]
fn time_limit_is_the_buyers_then_the_stores_then_the_runtimes_clamped() {
	ExtBuilder::default().build_and_execute(|| {
		let limit_of = |store, limit: Option<u64>, order: &[u8]| {
			assert_ok!(Escrow::open_settlement(
				RuntimeOrigin::signed(ALICE),
				store,
				bounded(order),
				NATIVE,
				10,
				STORE_PAY,
				limit,
				SNAP
			));
			match last_event() {
				Event::SettlementOpened { time_limit, .. } => time_limit,
				e => panic!("unexpected event {e:?}"),
			}
		};
		assert_eq!(limit_of(STORE, Some(40), b"a"), 40);
		assert_eq!(limit_of(STORE, Some(1), b"b"), MIN_LIMIT);
		assert_eq!(limit_of(STORE, Some(10_000), b"c"), MAX_LIMIT);
		assert_eq!(limit_of(STORE, None, b"d"), DEFAULT_LIMIT);
		assert_eq!(limit_of(STORE_WITH_DEFAULT, None, b"e"), STORE_DEFAULT_LIMIT);
		assert_eq!(limit_of(STORE_WITH_DEFAULT, Some(60), b"f"), 60);
		IgnoreBuyerTimeLimit::set(&true);
		assert_eq!(limit_of(STORE_WITH_DEFAULT, Some(60), b"g"), STORE_DEFAULT_LIMIT);
		assert_eq!(limit_of(STORE, Some(60), b"h"), DEFAULT_LIMIT);
	});
}

// ---- the store's side ----------------------------------------------------------------------

#[test]
fn accepting_records_the_order_amount() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 300);
		System::set_block_number(4);
		assert_ok!(accept(id, 280));
		let s = settlement(id);
		assert_eq!(s.status, SettlementStatus::Accepted);
		assert_eq!(s.accepted, Some(Acceptance { order_amount: 280, at: 4 }));
		assert_eq!(last_event(), Event::SettlementAccepted { id, order_amount: 280 });
		assert_eq!(held(ALICE), 300, "acceptance moves no money");
	});
}

#[test]
fn accepting_checks_the_settlement() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 300);
		assert_noop!(accept(7, 100), Error::<Test>::UnknownSettlement);
		assert_noop!(accept(id, 301), Error::<Test>::OrderAmountNotCovered);
		assert_noop!(accept(id, 0), Error::<Test>::ZeroAmount);
		assert_ok!(accept(id, 300));
		assert_noop!(accept(id, 300), Error::<Test>::AlreadyAccepted);
		let cancelled = open(BOB, b"o", 10);
		assert_ok!(Escrow::cancel(RuntimeOrigin::signed(BOB), cancelled));
		assert_noop!(accept(cancelled, 10), Error::<Test>::SettlementClosed);
	});
}

#[test]
fn shipping_starts_the_timer() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		assert_noop!(ship(id), Error::<Test>::NotAccepted);
		assert_ok!(accept(id, 100));
		System::set_block_number(3);
		assert_eq!(ship(id), Ok(3 + DEFAULT_LIMIT));
		let s = settlement(id);
		assert_eq!(s.status, SettlementStatus::Shipped);
		assert_eq!(s.deadline, Some(3 + DEFAULT_LIMIT));
		assert!(Agenda::<Test>::contains_key(AgendaKey::new(
			3 + DEFAULT_LIMIT,
			AgendaTask::AutoSettle,
			id
		)));
		assert_eq!(last_event(), Event::SettlementShipped { id, deadline: 3 + DEFAULT_LIMIT });
		assert_noop!(ship(id), Error::<Test>::AlreadyShipped);
		assert_noop!(ship(42), Error::<Test>::UnknownSettlement);
	});
}

// ---- confirmation --------------------------------------------------------------------------

#[test]
fn confirming_pays_the_payee_and_completes() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		System::set_block_number(5);
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100));
		assert_eq!(free(STORE_PAY), 200);
		assert_eq!(held(ALICE), 0);
		assert_eq!(deposit_held(ALICE), 0);
		assert_eq!(free(ALICE), 900);
		let s = settlement(id);
		assert_eq!(s.status, SettlementStatus::Completed);
		assert_eq!(s.record, Some(0));
		assert_eq!(s.closed_at, Some(5));
		assert_eq!(
			PaymentRecords::<Test>::get(0),
			Some(PaymentRecord {
				settlement: id,
				payer: ALICE,
				payee: STORE_PAY,
				asset: NATIVE,
				amount: 100,
				at: 5,
				trigger: PayoutTrigger::Confirmed,
				commission: None,
			})
		);
		assert_eq!(
			last_event(),
			Event::SettlementCompleted {
				id,
				record: 0,
				buyer: ALICE,
				payee: STORE_PAY,
				asset: NATIVE,
				paid: 100,
				released: 0,
				trigger: PayoutTrigger::Confirmed
			}
		);
		assert_eq!(observed(), vec![Observed::Paid { id, record: 0, amount: 100 }]);
		assert!(OpenByOrder::<Test>::iter().next().is_none());
		// Off the auto-settlement agenda; on the pruning agenda.
		assert!(!Agenda::<Test>::contains_key(AgendaKey::new(
			1 + DEFAULT_LIMIT,
			AgendaTask::AutoSettle,
			id
		)));
		assert!(Agenda::<Test>::contains_key(AgendaKey::new(5 + RETENTION, AgendaTask::Prune, id)));
	});
}

#[test]
fn confirming_before_shipping_is_allowed_once_accepted() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100),
			Error::<Test>::NotAccepted
		);
		assert_ok!(accept(id, 100));
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100));
		assert_eq!(free(STORE_PAY), 200);
	});
}

#[test]
fn a_hold_above_the_order_amount_comes_back_on_confirmation() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 300);
		assert_ok!(accept(id, 250));
		assert_ok!(ship(id));
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 249),
			Error::<Test>::BelowOrderAmount
		);
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 250));
		assert_eq!(free(STORE_PAY), 350);
		assert_eq!(free(ALICE), 750);
		assert_eq!(held(ALICE), 0);
		assert!(matches!(last_event(), Event::SettlementCompleted { paid: 250, released: 50, .. }));
	});
}

#[test]
fn the_buyer_may_pay_more_than_the_order_amount_up_to_the_hold() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 300);
		assert_ok!(accept(id, 250));
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 301),
			Error::<Test>::AboveHeldAmount
		);
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 300));
		assert_eq!(free(STORE_PAY), 400);
	});
}

#[test]
fn confirm_rejects_everyone_but_the_buyer_and_closed_settlements() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		for who in [EVE, STORE_PAY, BOB] {
			assert_noop!(
				Escrow::confirm_receipt(RuntimeOrigin::signed(who), id, 100),
				Error::<Test>::NotBuyer
			);
		}
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), 99, 100),
			Error::<Test>::UnknownSettlement
		);
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::root(), id, 100),
			DispatchError::BadOrigin
		);
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100));
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100),
			Error::<Test>::SettlementClosed
		);
	});
}

// ---- cancel and refund ---------------------------------------------------------------------

#[test]
fn the_buyer_cancels_before_acceptance_and_gets_everything_back() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 300);
		assert_noop!(Escrow::cancel(RuntimeOrigin::signed(STORE_PAY), id), Error::<Test>::NotBuyer);
		assert_noop!(
			Escrow::cancel(RuntimeOrigin::signed(ALICE), 5),
			Error::<Test>::UnknownSettlement
		);
		assert_ok!(Escrow::cancel(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(free(ALICE), 1_000);
		assert_eq!(held(ALICE) + deposit_held(ALICE), 0);
		assert_eq!(settlement(id).status, SettlementStatus::Cancelled);
		assert_eq!(last_event(), Event::SettlementCancelled { id, buyer: ALICE, released: 300 });
		assert_eq!(
			observed(),
			vec![Observed::Released { id, status: SettlementStatus::Cancelled }]
		);
		assert_noop!(
			Escrow::cancel(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::SettlementClosed
		);
	});
}

#[test]
fn after_acceptance_the_buyer_cancels_only_past_the_ship_by_limit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 300);
		assert_ok!(accept(id, 300));
		System::set_block_number(1 + SHIP_BY);
		assert_noop!(
			Escrow::cancel(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::StoreMayStillShip
		);
		System::set_block_number(2 + SHIP_BY);
		assert_ok!(Escrow::cancel(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(free(ALICE), 1_000);
	});
}

#[test]
fn after_shipping_the_buyer_cannot_cancel() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		System::set_block_number(5 + SHIP_BY);
		assert_noop!(
			Escrow::cancel(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::AlreadyShipped
		);
	});
}

#[test]
fn the_payee_refunds_in_full_at_any_stage_before_completion() {
	ExtBuilder::default().build_and_execute(|| {
		let paid = open(ALICE, b"a", 100);
		let accepted = open(ALICE, b"b", 200);
		assert_ok!(accept(accepted, 200));
		let shipped = shipped(b"c");
		for id in [paid, accepted, shipped] {
			assert_noop!(Escrow::refund(RuntimeOrigin::signed(ALICE), id), Error::<Test>::NotPayee);
			assert_noop!(Escrow::refund(RuntimeOrigin::signed(EVE), id), Error::<Test>::NotPayee);
			assert_ok!(Escrow::refund(RuntimeOrigin::signed(STORE_PAY), id));
			assert_eq!(settlement(id).status, SettlementStatus::Refunded);
		}
		assert_eq!(
			last_event(),
			Event::SettlementRefunded { id: shipped, buyer: ALICE, released: 100 }
		);
		assert_eq!(free(ALICE), 1_000);
		assert_eq!(free(STORE_PAY), 100);
		// The refunded shipment is no longer due.
		run_to_block(1 + DEFAULT_LIMIT);
		assert_eq!(free(STORE_PAY), 100);
		assert_noop!(
			Escrow::refund(RuntimeOrigin::signed(STORE_PAY), paid),
			Error::<Test>::SettlementClosed
		);
	});
}

#[test]
fn no_refund_after_completion() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100));
		assert_noop!(
			Escrow::refund(RuntimeOrigin::signed(STORE_PAY), id),
			Error::<Test>::SettlementClosed
		);
	});
}

// ---- extension -----------------------------------------------------------------------------

#[test]
fn the_buyer_extends_the_deadline_a_bounded_number_of_times() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 100);
		assert_noop!(
			Escrow::extend_deadline(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotShipped
		);
		assert_ok!(accept(id, 100));
		assert_ok!(ship(id));
		let deadline = 1 + DEFAULT_LIMIT;
		assert_noop!(
			Escrow::extend_deadline(RuntimeOrigin::signed(STORE_PAY), id),
			Error::<Test>::NotBuyer
		);
		assert_noop!(
			Escrow::extend_deadline(RuntimeOrigin::signed(ALICE), 8),
			Error::<Test>::UnknownSettlement
		);
		assert_ok!(Escrow::extend_deadline(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(
			last_event(),
			Event::DeadlineExtended { id, deadline: deadline + EXTENSION, extensions: 1 }
		);
		assert_ok!(Escrow::extend_deadline(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(
			Escrow::extend_deadline(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::TooManyExtensions
		);
		let new_deadline = deadline + 2 * EXTENSION;
		assert_eq!(settlement(id).deadline, Some(new_deadline));
		// Not paid at the old deadline; paid at the new one.
		run_to_block(new_deadline - 1);
		assert_eq!(settlement(id).status, SettlementStatus::Shipped);
		run_to_block(new_deadline);
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
		assert_eq!(free(STORE_PAY), 200);
	});
}

// ---- configuration -------------------------------------------------------------------------

#[test]
fn the_configuration_passes_the_integrity_test() {
	ExtBuilder::default().build_and_execute(|| {
		<Escrow as IntegrityTest>::integrity_test();
	});
}

#[test]
fn opening_beyond_the_free_balance_holds_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		// All of ALICE's balance but the existential deposit is already held.
		open(ALICE, b"a", 1_000 - ED - DEPOSIT);
		assert_noop!(
			Escrow::open_settlement(
				RuntimeOrigin::signed(ALICE),
				STORE,
				bounded(b"b"),
				NATIVE,
				1,
				STORE_PAY,
				None,
				SNAP
			),
			Error::<Test>::InsufficientBalance
		);
		assert_eq!(free(ALICE), ED);
		assert_eq!(held(ALICE), 1_000 - ED - DEPOSIT);
	});
}

/// Settlement `id`'s deposit recorded above what is held: its payout moves the payment, then
/// fails to release the deposit.
fn break_deposit(id: SettlementId) {
	Settlements::<Test>::mutate(id, |s| s.as_mut().expect("settlement").deposit += 1);
}

#[test]
fn a_confirmation_that_fails_after_paying_moves_nothing() {
	ExtBuilder::default().build().execute_with(|| {
		let id = shipped(b"o");
		break_deposit(id);
		let before = (free(ALICE), held(ALICE), free(STORE_PAY));
		// The payment leaves the hold before the deposit's release fails: the call's storage
		// layer must undo it.
		assert!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100).is_err());
		assert_eq!((free(ALICE), held(ALICE), free(STORE_PAY)), before);
		assert_eq!(settlement(id).status, SettlementStatus::Shipped);
		assert!(PaymentRecords::<Test>::get(id).is_none());
	});
}

#[test]
fn an_auto_settlement_that_fails_after_paying_moves_nothing() {
	ExtBuilder::default().build().execute_with(|| {
		let id = shipped(b"o");
		break_deposit(id);
		let before = (free(ALICE), held(ALICE), free(STORE_PAY));
		System::set_block_number(1 + DEFAULT_LIMIT);
		Escrow::on_initialize(1 + DEFAULT_LIMIT);
		assert_eq!((free(ALICE), held(ALICE), free(STORE_PAY)), before);
		assert!(matches!(last_event(), Event::TaskFailed { id: 0, .. }));
		assert!(PaymentRecords::<Test>::get(id).is_none());
	});
}
