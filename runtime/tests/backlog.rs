//! A backlog of 10,000 settlements due in the same block, drained by the escrow's agenda hook
//! under the runtime's real weights and budget: every settlement is paid exactly once, in
//! order, none skipped, and each block pays as many as fit in the agenda's budget. And 10,000
//! settlements opened and cancelled beside 10,000 the store never accepts: only the latter
//! are due, and each block that expires them is charged what its expiries cost.
//!
//! ```text
//! SKIP_WASM_BUILD=1 cargo test -p escrow-chain-runtime --test backlog -- --nocapture
//! ```
//!
//! prints the blocks it took and how many each paid (docs/PERFORMANCE.md reports them).

// Test code (see clippy.toml), also in the helpers outside `#[test]` functions.
#![allow(clippy::unwrap_used)]

use escrow_chain_runtime::{
	configs::AgendaWeightBudget, test_helpers::run_to_block, AccountId, Balance, Balances,
	BlockNumber, Escrow, Runtime, RuntimeGenesisConfig, RuntimeOrigin, StoreOrders, System, UNIT,
};
use frame_support::{
	traits::fungible::{Inspect, NativeOrWithId},
	weights::Weight,
};
use pallet_escrow::{
	Agenda, AgendaTask, PaymentRecords, SettlementStatus, Settlements, WeightInfo,
};
use sp_runtime::BuildStorage;

const BACKLOG: u32 = 10_000;
const AMOUNT: Balance = UNIT;
const TIME_LIMIT: BlockNumber = 10;

/// The terms a store accepts settlement `id` on: its snapshot and time-limit rule as stored.
fn terms(id: u64) -> ([u8; 32], u32) {
	pallet_escrow::Settlements::<Runtime>::get(id)
		.map_or(([0; 32], 0), |s| (s.snapshot, s.time_limit))
}

fn account(index: u8) -> AccountId {
	AccountId::new([index; 32])
}

fn order_no<S: frame_support::traits::Get<u32>>(i: u32) -> frame_support::BoundedVec<u8, S> {
	format!("ORDER-{i:05}").into_bytes().try_into().unwrap()
}

#[test]
fn a_backlog_of_ten_thousand_drains_in_order_each_paid_once() {
	let (buyer, owner) = (account(1), account(2));
	let mut config = RuntimeGenesisConfig::default();
	config.balances.balances = vec![(buyer.clone(), 1_000_000 * UNIT), (owner.clone(), 100 * UNIT)];
	config.store_orders.stores =
		vec![(owner.clone(), owner.clone(), b"shop".to_vec(), None, vec![NativeOrWithId::Native])];
	let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
	ext.execute_with(|| {
		System::set_block_number(1);
		let issuance = Balances::total_issuance();
		let owner_before = Balances::balance(&owner);
		// Open, accept and ship all of them in one block: all due in the same later block.
		for i in 0..BACKLOG {
			Escrow::open_settlement(
				RuntimeOrigin::signed(buyer.clone()),
				0,
				order_no(i),
				NativeOrWithId::Native,
				AMOUNT,
				owner.clone().into(),
				Some(TIME_LIMIT),
				[0; 32],
			)
			.unwrap();
			StoreOrders::accept_payment(
				RuntimeOrigin::signed(owner.clone()),
				0,
				order_no(i),
				u64::from(i),
				AMOUNT,
				terms(u64::from(i)).0,
				terms(u64::from(i)).1,
			)
			.unwrap();
			StoreOrders::mark_shipped(
				RuntimeOrigin::signed(owner.clone()),
				0,
				order_no(i),
				b"TRACK".to_vec().try_into().unwrap(),
			)
			.unwrap();
		}
		let due = 1 + TIME_LIMIT;

		// Every pallet's hooks run in each block; the other pallets' part of the block's weight
		// is what is left of an idle block's once the agenda's idle read is taken out.
		let idle_agenda = <Runtime as pallet_escrow::Config>::WeightInfo::on_initialize_idle();
		let mut others: Option<Weight> = None;
		let mut per_block = Vec::new();
		let mut paid_so_far = 0u64;
		let mut block = 1;
		while paid_so_far < u64::from(BACKLOG) {
			block += 1;
			assert!(block <= due + 100, "the backlog does not drain");
			let hooks = run_to_block(block);
			let others = *others.get_or_insert_with(|| hooks.saturating_sub(idle_agenda));
			let used = hooks.saturating_sub(others);
			let budget = AgendaWeightBudget::get();
			assert!(used.all_lte(budget), "the hook reported more than its budget");
			let paid = PaymentRecords::<Runtime>::iter_keys().count() as u64;
			if block < due {
				assert_eq!(paid, 0, "nothing is paid before its deadline");
				continue;
			}
			// The agenda is taken in key order: exactly the next ids were paid, none skipped.
			for id in paid_so_far..paid {
				let s = Settlements::<Runtime>::get(id).unwrap();
				assert_eq!(s.status, SettlementStatus::Completed, "settlement {id}");
			}
			if paid < u64::from(BACKLOG) {
				let next = Settlements::<Runtime>::get(paid).unwrap();
				assert_eq!(next.status, SettlementStatus::Shipped, "settlement {paid} waits");
			}
			assert!(paid > paid_so_far, "block {block} paid nothing");
			// A block that leaves some due could not have taken one more: it filled its budget.
			// Every payout goes to the same store, which the block already paid.
			let one_more =
				Escrow::auto_settle_again_weight().saturating_add(Escrow::close_hooks_weight());
			if paid < u64::from(BACKLOG) {
				assert!(
					!used.saturating_add(one_more).all_lte(budget),
					"block {block} stopped with room for another payout"
				);
			}
			per_block.push(paid - paid_so_far);
			paid_so_far = paid;
		}

		// Each settlement has exactly one payment record, for its own amount.
		let mut records: Vec<_> =
			PaymentRecords::<Runtime>::iter_values().map(|r| (r.settlement, r.amount)).collect();
		records.sort();
		let expected: Vec<_> = (0..u64::from(BACKLOG)).map(|id| (id, AMOUNT)).collect();
		assert_eq!(records, expected, "each settlement paid once, in full");
		assert_eq!(
			Balances::balance(&owner),
			owner_before + Balance::from(BACKLOG) * AMOUNT,
			"the store received every payment"
		);
		assert_eq!(Balances::total_issuance(), issuance);
		Escrow::do_try_state().unwrap();
		StoreOrders::do_try_state().unwrap();

		println!(
			"backlog of {BACKLOG} due in block {due}: drained in {} blocks, paid per block: {:?}",
			per_block.len(),
			per_block
		);
	});
}

#[test]
fn open_and_cancel_pairs_leave_nothing_due_and_each_expiry_is_charged_what_it_costs() {
	let (buyer, owner) = (account(1), account(2));
	let mut config = RuntimeGenesisConfig::default();
	config.balances.balances = vec![(buyer.clone(), 1_000_000 * UNIT), (owner.clone(), 100 * UNIT)];
	config.store_orders.stores =
		vec![(owner.clone(), owner.clone(), b"shop".to_vec(), None, vec![NativeOrWithId::Native])];
	let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
	ext.execute_with(|| {
		System::set_block_number(1);
		let open = |i: u32| {
			Escrow::open_settlement(
				RuntimeOrigin::signed(buyer.clone()),
				0,
				order_no(i),
				NativeOrWithId::Native,
				AMOUNT,
				owner.clone().into(),
				Some(TIME_LIMIT),
				[0; 32],
			)
			.unwrap();
			u64::from(i)
		};
		// A stranger's spam, or a sale day's changes of mind: opened and cancelled in one block.
		for i in 0..BACKLOG {
			let id = open(i);
			Escrow::cancel(RuntimeOrigin::signed(buyer.clone()), id).unwrap();
		}
		// And as many the store never accepts, due to expire in the same block.
		for i in BACKLOG..2 * BACKLOG {
			open(i);
		}
		let expiries =
			|| Agenda::<Runtime>::iter_keys().filter(|k| k.task == AgendaTask::Expire).count();
		assert_eq!(expiries(), BACKLOG as usize, "the agenda holds only the expiries owed");

		let due = 1 + Escrow::acceptance_period();
		let idle_agenda = <Runtime as pallet_escrow::Config>::WeightInfo::on_initialize_idle();
		// The other pallets' part of a block's weight: an idle block's, less the agenda's read.
		let others = run_to_block(2).saturating_sub(idle_agenda);
		System::set_block_number(due - 1);
		let budget = AgendaWeightBudget::get();
		let expire = Escrow::expire_weight();
		let cancelled = || {
			Settlements::<Runtime>::iter_values()
				.filter(|s| s.status == SettlementStatus::Cancelled)
				.count() as u64
		};
		let (mut expired, mut block, mut per_block) = (0u64, due - 1, Vec::new());
		while expired < u64::from(BACKLOG) {
			block += 1;
			assert!(block <= due + 100, "the expiries do not drain");
			let used = run_to_block(block).saturating_sub(others);
			let now = cancelled() - u64::from(BACKLOG) - expired;
			assert!(now > 0, "block {block} expired nothing");
			// What the block did, priced by the benchmarks: every expiry at least a
			// cancellation, ref time and proof size, within the agenda's budget.
			let done = idle_agenda.saturating_add(expire.saturating_mul(now));
			assert!(done.all_lte(used), "block {block} charged {used}, less than its {done}");
			assert!(used.all_lte(budget), "block {block} charged {used}, over {budget}");
			expired += now;
			per_block.push(now);
		}
		assert_eq!(expiries(), 0);
		Escrow::do_try_state().unwrap();
		println!(
			"{BACKLOG} opened and cancelled, {BACKLOG} expiring in block {due}: drained in {} \
			 blocks, expired per block: {per_block:?}",
			per_block.len()
		);
	});
}
