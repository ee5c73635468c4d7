//! The agenda: the deadline payout, a backlog carried over within the budget, and removal
//! after the retention period.

use super::*;

// ---- deadline and auto-settlement ----------------------------------------------------------

#[test]
fn confirming_the_block_before_the_deadline_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		run_to_block(DEFAULT_LIMIT); // deadline - 1
		assert_eq!(settlement(id).status, SettlementStatus::Shipped);
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100));
		run_to_block(DEFAULT_LIMIT + 5);
		assert_eq!(free(STORE_PAY), 200, "paid once");
		assert_eq!(PaymentRecords::<Test>::iter().count(), 1);
	});
}

#[test]
fn at_the_deadline_the_chain_has_already_paid() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		run_to_block(1 + DEFAULT_LIMIT);
		let s = settlement(id);
		assert_eq!(s.status, SettlementStatus::Completed);
		assert_eq!(free(STORE_PAY), 200);
		assert_eq!(held(ALICE), 0);
		assert_eq!(deposit_held(ALICE), 0);
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
				trigger: PayoutTrigger::Deadline
			}
		);
		assert_eq!(observed(), vec![Observed::Paid { id, record: 0, amount: 100 }]);
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100),
			Error::<Test>::SettlementClosed
		);
		assert_noop!(
			Escrow::extend_deadline(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::SettlementClosed
		);
	});
}

#[test]
fn auto_settlement_pays_the_order_amount_and_releases_the_rest() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open(ALICE, b"o", 300);
		assert_ok!(accept(id, 220));
		assert_ok!(ship(id));
		run_to_block(1 + DEFAULT_LIMIT);
		assert_eq!(free(STORE_PAY), 320);
		assert_eq!(free(ALICE), 780);
		assert!(matches!(last_event(), Event::SettlementCompleted { paid: 220, released: 80, .. }));
	});
}

#[test]
fn with_nothing_due_the_hook_does_only_its_idle_read() {
	ExtBuilder::default().build_and_execute(|| {
		shipped(b"o");
		let events = System::events().len();
		let weight = Escrow::on_initialize(2);
		assert_eq!(weight, <() as WeightInfo>::on_initialize_idle());
		assert_eq!(System::events().len(), events);
	});
}

#[test]
fn a_backlog_beyond_the_budget_is_paid_over_the_next_blocks_each_once() {
	ExtBuilder::default().build_and_execute(|| {
		let count = 3 * SETTLES_PER_BLOCK + 1;
		let ids: Vec<_> = (0..count)
			.map(|i| {
				let id = open(BOB, format!("o{i}").as_bytes(), 10);
				assert_ok!(accept(id, 10));
				assert_ok!(ship(id));
				id
			})
			.collect();
		let deadline = 1 + DEFAULT_LIMIT;
		let completed_in = |block| {
			run_to_block(block);
			let done: Vec<_> = escrow_events()
				.into_iter()
				.filter_map(|e| match e {
					Event::SettlementCompleted { id, trigger: PayoutTrigger::Deadline, .. } => {
						Some(id)
					}
					_ => None,
				})
				.collect();
			System::reset_events();
			done
		};
		run_to_block(deadline - 1);
		System::reset_events();
		let per_block = SETTLES_PER_BLOCK as usize;
		let mut paid = Vec::new();
		for b in 0..4u64 {
			let done = completed_in(deadline + b);
			assert_eq!(done.len(), if b < 3 { per_block } else { 1 }, "block {b}");
			paid.extend(done);
		}
		assert_eq!(paid, ids, "every due settlement paid once, in order");
		assert!(completed_in(deadline + 10).is_empty(), "nothing is paid twice");
		assert_eq!(free(STORE_PAY), 100 + 10 * count);
		assert_eq!(PaymentRecords::<Test>::iter().count() as u64, count);
	});
}

#[test]
fn the_hook_charges_a_stores_and_payees_account_once_a_block_however_many_payouts_change_it() {
	let slope = |w: fn(u32) -> Weight| w(1).saturating_sub(w(0));
	let first = Escrow::auto_settle_weight();
	let again = Escrow::auto_settle_again_weight();
	assert_eq!(first, slope(<() as WeightInfo>::auto_settle_stores));
	assert_eq!(again, slope(<() as WeightInfo>::auto_settle));
	let idle = <() as WeightInfo>::on_initialize_idle();
	// Three payouts due in one block; charged with room to spare.
	let charged = |payees: [AccountId; 3]| {
		let mut charged = Weight::zero();
		ExtBuilder::default().build_and_execute(|| {
			for (i, payee) in payees.into_iter().enumerate() {
				assert_ok!(Escrow::open_settlement(
					RuntimeOrigin::signed(ALICE),
					STORE,
					bounded(format!("o{i}").as_bytes()),
					NATIVE,
					100,
					payee,
					None,
					SNAP,
				));
				let id = Settlements::<Test>::iter_keys().max().unwrap();
				assert_ok!(accept(id, 100));
				assert_ok!(ship(id));
			}
			let mut meter = WeightMeter::new();
			Escrow::service_agenda(1 + DEFAULT_LIMIT, &mut meter);
			assert_eq!(PaymentRecords::<Test>::iter().count(), 3, "all three paid");
			charged = meter.consumed();
		});
		charged
	};
	// One store, one payee: its account and the store's record once, then the rest of each.
	assert_eq!(charged([STORE_PAY; 3]), idle + first + again + again);
	// One store, three payees: each payout to a payee the block has not paid yet is a first.
	assert_eq!(charged([STORE_PAY, OTHER_PAY, BOB]), idle + first + first + first);
	// Back to a payee already paid: charged as again only if the store too was paid.
	assert_eq!(charged([STORE_PAY, OTHER_PAY, STORE_PAY]), idle + first + first + again);
}

#[test]
fn a_passed_deadline_still_in_the_backlog_cannot_be_extended() {
	ExtBuilder::default().build_and_execute(|| {
		let ids: Vec<_> =
			(0..SETTLES_PER_BLOCK + 1).map(|i| shipped(format!("o{i}").as_bytes())).collect();
		run_to_block(1 + DEFAULT_LIMIT);
		let last = *ids.last().unwrap();
		assert_eq!(settlement(last).status, SettlementStatus::Shipped);
		assert_noop!(
			Escrow::extend_deadline(RuntimeOrigin::signed(ALICE), last),
			Error::<Test>::DeadlinePassed
		);
		// The buyer may still confirm it before the chain reaches it.
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), last, 100));
		run_to_block(3 + DEFAULT_LIMIT);
		assert_eq!(PaymentRecords::<Test>::iter().count() as u64, SETTLES_PER_BLOCK + 1);
	});
}

#[test]
fn a_failed_auto_settlement_leaves_the_settlement_open() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Escrow::open_settlement(
			RuntimeOrigin::signed(ALICE),
			STORE,
			bounded(b"o"),
			NATIVE,
			ED - 1,
			OTHER_PAY,
			None,
			SNAP
		));
		let id = 0;
		assert_ok!(accept(id, ED - 1));
		assert_ok!(ship(id));
		// The payee empties its account, which is then removed.
		assert_ok!(<Balances as Mutate<AccountId>>::transfer(
			&OTHER_PAY,
			&EVE,
			100,
			Preservation::Expendable
		));
		assert_eq!(free(OTHER_PAY), 0);
		run_to_block(1 + DEFAULT_LIMIT);
		assert!(matches!(
			last_event(),
			Event::TaskFailed { id: 0, task: AgendaTask::AutoSettle, attempts: 1, .. }
		));
		// Still owed at its deadline: tried again later, never dropped.
		let s = settlement(id);
		assert_eq!((s.status, s.deadline), (SettlementStatus::Shipped, Some(1 + DEFAULT_LIMIT)));
		assert_eq!(Retries::<Test>::get(id).map(|r| r.at), Some(1 + DEFAULT_LIMIT + RETRY));
		assert_eq!(held(ALICE), ED - 1);
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, ED - 1),
			Error::<Test>::PayeeCannotReceive
		);
		// The store refunds: the task is done with, its next try gone.
		assert_ok!(Escrow::refund(RuntimeOrigin::signed(STORE_OWNER), id));
		assert!(Retries::<Test>::get(id).is_none());
		assert_eq!(free(ALICE), 1_000);
	});
}

// ---- retention ------------------------------------------------------------------------------

#[test]
fn closed_settlements_stay_readable_for_the_retention_period_then_go() {
	ExtBuilder::default().build_and_execute(|| {
		let id = shipped(b"o");
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100));
		let cancelled = open(BOB, b"o", 10);
		assert_ok!(Escrow::cancel(RuntimeOrigin::signed(BOB), cancelled));
		run_to_block(RETENTION);
		assert!(Settlements::<Test>::contains_key(id));
		assert!(PaymentRecords::<Test>::contains_key(0));
		run_to_block(1 + RETENTION);
		assert!(!Settlements::<Test>::contains_key(id));
		assert!(!Settlements::<Test>::contains_key(cancelled));
		assert!(!PaymentRecords::<Test>::contains_key(0));
		assert!(escrow_events().contains(&Event::SettlementPruned { id, record: Some(0) }));
		assert!(escrow_events().contains(&Event::SettlementPruned { id: cancelled, record: None }));
		assert!(Agenda::<Test>::iter().next().is_none());
		assert_noop!(
			Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100),
			Error::<Test>::UnknownSettlement
		);
	});
}
