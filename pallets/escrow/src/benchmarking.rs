//! Benchmarks of `pallet-escrow`, each at its worst case: the longest store order number, a
//! payout that also releases a rest, the auto-settlement hook as a function of the settlements
//! due in one block. They settle in [`BenchmarkHelper::asset`]: on escrow-chain the
//! stablecoin, whose holds (in `pallet-assets` and its holder) cost more than the native
//! token's.

#![cfg(feature = "runtime-benchmarks")]

use super::*;
use crate::Pallet as Escrow;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungibles::Inspect, EnsureOrigin, Get, Hooks},
	weights::WeightMeter,
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{BlockNumberProvider, One, Saturating, StaticLookup};

const SNAPSHOT: SnapshotHash = [7; 32];

/// Gives `who` a million times the minimum balance of the benchmarks' asset.
fn fund<T: Config>(who: &T::AccountId) {
	fund_in::<T>(&T::BenchmarkHelper::asset(), who);
}

/// Gives `who` a million times the minimum balance of `asset`.
fn fund_in<T: Config>(asset: &AssetIdOf<T>, who: &T::AccountId) {
	let amount = T::Assets::minimum_balance(asset.clone()).saturating_mul(1_000_000u32.into());
	T::BenchmarkHelper::fund(who, asset, amount);
}

/// The minimum balance of the benchmarks' asset.
fn min<T: Config>() -> BalanceOf<T> {
	T::Assets::minimum_balance(T::BenchmarkHelper::asset())
}

/// The amount of every benchmarked settlement.
fn amount<T: Config>() -> BalanceOf<T> {
	amount_in::<T>(&T::BenchmarkHelper::asset())
}

/// The amount of a benchmarked settlement in `asset`.
fn amount_in<T: Config>(asset: &AssetIdOf<T>) -> BalanceOf<T> {
	T::Assets::minimum_balance(asset.clone()).saturating_mul(100u32.into())
}

/// A store order number of the longest allowed length, distinct for each `index`.
fn order_no<T: Config>(index: u32) -> OrderNoOf<T> {
	let mut order_no = alloc::vec![b'x'; T::MaxOrderNumberLen::get() as usize];
	for (byte, digit) in order_no.iter_mut().zip(index.to_be_bytes()) {
		*byte = digit;
	}
	OrderNoOf::<T>::truncate_from(order_no)
}

/// Opens settlement number `index` of `buyer` to `payee`; returns its id.
fn open<T: Config>(buyer: &T::AccountId, payee: &T::AccountId, index: u32) -> SettlementId {
	open_in::<T>(&T::BenchmarkHelper::asset(), buyer, payee, index)
}

/// Opens settlement number `index` of `buyer` to `payee` in `asset`; returns its id.
fn open_in<T: Config>(
	asset: &AssetIdOf<T>,
	buyer: &T::AccountId,
	payee: &T::AccountId,
	index: u32,
) -> SettlementId {
	let id = NextSettlementId::<T>::get();
	let store = T::BenchmarkHelper::store();
	// The payee acts for the store: it is the store's payout account.
	T::BenchmarkHelper::set_payout(store, payee);
	assert!(Escrow::<T>::open_settlement(
		RawOrigin::Signed(buyer.clone()).into(),
		store,
		order_no::<T>(index),
		asset.clone(),
		amount_in::<T>(asset),
		T::Lookup::unlookup(payee.clone()),
		None,
		SNAPSHOT,
	)
	.is_ok());
	id
}

/// An open, accepted and shipped settlement.
fn shipped<T: Config>(buyer: &T::AccountId, payee: &T::AccountId, index: u32) -> SettlementId {
	shipped_in::<T>(&T::BenchmarkHelper::asset(), buyer, payee, index)
}

/// An open, accepted and shipped settlement in `asset`.
fn shipped_in<T: Config>(
	asset: &AssetIdOf<T>,
	buyer: &T::AccountId,
	payee: &T::AccountId,
	index: u32,
) -> SettlementId {
	let id = open_in::<T>(asset, buyer, payee, index);
	let terms = Settlements::<T>::get(id).map(|s| (s.snapshot, s.time_limit));
	let (snapshot, limit) = terms.unwrap_or_default();
	assert!(Escrow::<T>::accept(id, amount_in::<T>(asset), snapshot, limit).is_ok());
	assert!(Escrow::<T>::ship(id).is_ok());
	id
}

/// Who signs the benchmarked call. That account is the whitelisted caller, as the sender of a
/// benchmarked transfer is: its own account is already paid for by the transaction fee.
#[derive(Clone, Copy)]
enum Signer {
	Buyer,
	Payee,
	/// A hook or the arbiter: every account the call touches is counted.
	Nobody,
}

/// The buyer and the payee, funded.
fn parties_for<T: Config>(signer: Signer) -> (T::AccountId, T::AccountId) {
	let party = |signs: bool, name| {
		let who: T::AccountId = if signs { whitelisted_caller() } else { account(name, 0, 0) };
		fund::<T>(&who);
		who
	};
	(
		party(matches!(signer, Signer::Buyer), "buyer"),
		party(matches!(signer, Signer::Payee), "payee"),
	)
}

/// The buyer and the payee, for a call the buyer signs.
fn parties<T: Config>() -> (T::AccountId, T::AccountId) {
	parties_for::<T>(Signer::Buyer)
}

/// The buyer (who signs) and the payee, funded in `asset`.
fn parties_in<T: Config>(asset: &AssetIdOf<T>) -> (T::AccountId, T::AccountId) {
	let (buyer, payee): (T::AccountId, T::AccountId) =
		(whitelisted_caller(), account("payee", 0, 0));
	fund_in::<T>(asset, &buyer);
	fund_in::<T>(asset, &payee);
	(buyer, payee)
}

/// A shipped settlement in `asset` with a deduction both sides agreed: what a confirmation
/// pays at its worst (a payout and a rest to release). Returns the buyer, the id and the payout.
fn agreed_in<T: Config>(asset: &AssetIdOf<T>) -> (T::AccountId, SettlementId, BalanceOf<T>) {
	let (buyer, payee) = parties_in::<T>(asset);
	let id = shipped_in::<T>(asset, &buyer, &payee, 0);
	let payout = amount_in::<T>(asset).saturating_sub(T::Assets::minimum_balance(asset.clone()));
	assert!(
		Escrow::<T>::propose_deduction(RawOrigin::Signed(buyer.clone()).into(), id, payout).is_ok()
	);
	assert!(Escrow::<T>::accept_deduction(RawOrigin::Signed(payee).into(), id, payout).is_ok());
	(buyer, id, payout)
}

/// `n` shipped settlements in `asset`, of `n` buyers, all due in the same block, paying
/// `stores` stores (and their payees) in turn: accepted and shipped through the runtime's store
/// side, so that paying them does its work too. Returns their ids and the block.
fn due_in<T: Config>(
	asset: &AssetIdOf<T>,
	n: u32,
	stores: u32,
) -> (alloc::vec::Vec<SettlementId>, BlockNumberFor<T>) {
	let ids: alloc::vec::Vec<_> = (0..n)
		.map(|i| {
			let (store, payee) = T::BenchmarkHelper::store_of(i.checked_rem(stores).unwrap_or(0));
			fund_in::<T>(asset, &payee);
			let buyer: T::AccountId = account("buyer", i, 0);
			fund_in::<T>(asset, &buyer);
			let id = NextSettlementId::<T>::get();
			let amount = amount_in::<T>(asset);
			let opened = Escrow::<T>::open_settlement(
				RawOrigin::Signed(buyer).into(),
				store,
				order_no::<T>(i),
				asset.clone(),
				amount,
				T::Lookup::unlookup(payee),
				None,
				SNAPSHOT,
			);
			assert!(opened.is_ok());
			assert!(T::BenchmarkHelper::accept_and_ship(id, amount).is_ok());
			id
		})
		.collect();
	let due =
		ids.first().and_then(Settlements::<T>::get).and_then(|s| s.deadline).unwrap_or_default();
	(ids, due)
}

/// A shipped settlement the buyer disputed.
fn disputed<T: Config>(signer: Signer) -> (T::AccountId, T::AccountId, SettlementId) {
	let (buyer, payee) = parties_for::<T>(signer);
	let id = shipped::<T>(&buyer, &payee, 0);
	assert!(Escrow::<T>::open_dispute(RawOrigin::Signed(buyer.clone()).into(), id, [1; 32]).is_ok());
	(buyer, payee, id)
}

/// A shipped settlement whose buyer asked for all of it back.
fn requested<T: Config>(signer: Signer) -> (T::AccountId, T::AccountId, SettlementId) {
	let (buyer, payee) = parties_for::<T>(signer);
	let id = shipped::<T>(&buyer, &payee, 0);
	let origin = RawOrigin::Signed(buyer.clone()).into();
	assert!(Escrow::<T>::request_refund(origin, id, amount::<T>(), [2; 32]).is_ok());
	(buyer, payee, id)
}

/// As [`requested`], granted on condition of the return, and the return shipped.
fn returned<T: Config>(signer: Signer) -> (T::AccountId, T::AccountId, SettlementId) {
	let (buyer, payee, id) = requested::<T>(signer);
	let store = RawOrigin::Signed(payee.clone()).into();
	assert!(Escrow::<T>::grant_refund_with_return(store, id, amount::<T>()).is_ok());
	let logistics =
		BoundedVec::truncate_from(alloc::vec![b'r'; T::MaxReturnLogisticsLen::get() as usize]);
	assert!(
		Escrow::<T>::mark_returned(RawOrigin::Signed(buyer.clone()).into(), id, logistics).is_ok()
	);
	(buyer, payee, id)
}

fn status<T: Config>(id: SettlementId) -> Option<SettlementStatus> {
	Settlements::<T>::get(id).map(|s| s.status)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn open_settlement() {
		let (buyer, payee) = parties::<T>();
		let store = T::BenchmarkHelper::store();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(buyer),
			store,
			order_no::<T>(0),
			T::BenchmarkHelper::asset(),
			amount::<T>(),
			T::Lookup::unlookup(payee),
			Some(T::MaxTimeLimit::get()),
			SNAPSHOT,
		);
		assert_eq!(status::<T>(0), Some(SettlementStatus::AwaitingAcceptance));
	}

	#[benchmark]
	fn confirm_receipt() {
		let (buyer, id, payout) = agreed_in::<T>(&T::BenchmarkHelper::asset());
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id, payout);
		assert_eq!(status::<T>(id), Some(SettlementStatus::Completed));
	}

	#[benchmark]
	fn cancel() {
		let (buyer, payee) = parties::<T>();
		let id = open::<T>(&buyer, &payee, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);
		assert_eq!(status::<T>(id), Some(SettlementStatus::Cancelled));
	}

	#[benchmark]
	fn refund() {
		let (buyer, payee) = parties_for::<T>(Signer::Payee);
		let id = shipped::<T>(&buyer, &payee, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id);
		assert_eq!(status::<T>(id), Some(SettlementStatus::Refunded));
	}

	#[benchmark]
	fn follow_payout_account() {
		let (buyer, payee) = parties_for::<T>(Signer::Payee);
		let id = shipped::<T>(&buyer, &payee, 0);
		// The store replaces its payout account; the new one sends the payout to itself.
		let new: T::AccountId = account("new payout", 0, 0);
		fund::<T>(&new);
		let store = Settlements::<T>::get(id).map_or(0, |s| s.store);
		T::BenchmarkHelper::set_payout(store, &new);
		#[extrinsic_call]
		_(RawOrigin::Signed(new.clone()), id);
		assert_eq!(Settlements::<T>::get(id).map(|s| s.payee), Some(new));
	}

	#[benchmark]
	fn extend_deadline() {
		let (buyer, payee) = parties::<T>();
		let id = shipped::<T>(&buyer, &payee, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);
		assert_eq!(Settlements::<T>::get(id).map(|s| s.extensions), Some(1));
	}

	#[benchmark]
	fn propose_deduction() {
		let (buyer, payee) = parties::<T>();
		let id = shipped::<T>(&buyer, &payee, 0);
		let payout = min::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id, payout);
		assert!(Settlements::<T>::get(id).and_then(|s| s.proposal).is_some());
	}

	#[benchmark]
	fn accept_deduction() {
		let (buyer, payee) = parties_for::<T>(Signer::Payee);
		let id = shipped::<T>(&buyer, &payee, 0);
		let payout = min::<T>();
		assert!(Escrow::<T>::propose_deduction(RawOrigin::Signed(buyer).into(), id, payout).is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id, payout);
		assert_eq!(Settlements::<T>::get(id).map(|s| s.minimum_payout()), Some(payout));
	}

	/// The hook with a settlement on the agenda that is not due yet.
	#[benchmark]
	fn on_initialize_idle() {
		let (buyer, payee) = parties_for::<T>(Signer::Nobody);
		let id = shipped::<T>(&buyer, &payee, 0);
		let now = T::BlockNumberProvider::current_block_number().saturating_add(One::one());
		#[block]
		{
			Escrow::<T>::on_initialize(now);
		}
		assert_eq!(status::<T>(id), Some(SettlementStatus::Shipped));
	}

	/// The hook with `n` shipped settlements on the agenda, none of them due: what it reads
	/// does not grow with `n`. An extra benchmark (`--extra`), run by `scripts/bench-weights.sh`
	/// at 0 and 100,000: the settlements are copies of one real shipped settlement written
	/// straight to storage, so that setting up 100,000 takes seconds.
	#[benchmark(extra)]
	fn on_initialize_idle_open(n: Linear<0, 100_000>) -> Result<(), BenchmarkError> {
		let (buyer, payee) = parties_for::<T>(Signer::Nobody);
		let id = shipped::<T>(&buyer, &payee, 0);
		let settlement = Settlements::<T>::get(id).ok_or(BenchmarkError::Stop("not opened"))?;
		let deadline = settlement.deadline.ok_or(BenchmarkError::Stop("not shipped"))?;
		for i in 1..=n {
			let copy = id.saturating_add(i.into());
			let due = deadline.saturating_add(i.into());
			Settlements::<T>::insert(copy, &settlement);
			Agenda::<T>::insert(AgendaKey::new(due, AgendaTask::AutoSettle, copy), ());
		}
		let now = T::BlockNumberProvider::current_block_number().saturating_add(One::one());
		#[block]
		{
			Escrow::<T>::on_initialize(now);
		}
		assert_eq!(status::<T>(id), Some(SettlementStatus::Shipped));
		Ok(())
	}

	/// `n` settlements due in the same block, all to one store and payee, paid by the hook:
	/// the slope is one more payout to a store and payee it already paid in the block.
	#[benchmark]
	fn auto_settle(n: Linear<1, 100>) {
		let (ids, due) = due_in::<T>(&T::BenchmarkHelper::asset(), n, 1);
		#[block]
		{
			Escrow::<T>::service_agenda(due, &mut WeightMeter::new());
		}
		for id in ids {
			assert_eq!(status::<T>(id), Some(SettlementStatus::Completed));
		}
	}

	/// `n` settlements due in the same block, each to a store and payee of its own, paid by the
	/// hook: the slope is one more payout to a store and payee it has not paid in the block.
	#[benchmark]
	fn auto_settle_stores(n: Linear<1, 100>) {
		let (ids, due) = due_in::<T>(&T::BenchmarkHelper::asset(), n, n);
		#[block]
		{
			Escrow::<T>::service_agenda(due, &mut WeightMeter::new());
		}
		for id in ids {
			assert_eq!(status::<T>(id), Some(SettlementStatus::Completed));
		}
	}

	/// `open_settlement` in the native token: not charged by the runtime (which charges the
	/// asset's, the dearer), measured for the comparison in `docs/PERFORMANCE.md`.
	#[benchmark]
	fn open_settlement_native() {
		let native = T::NativeAsset::get();
		let (buyer, payee) = parties_in::<T>(&native);
		let store = T::BenchmarkHelper::store();
		#[extrinsic_call]
		open_settlement(
			RawOrigin::Signed(buyer),
			store,
			order_no::<T>(0),
			native.clone(),
			amount_in::<T>(&native),
			T::Lookup::unlookup(payee),
			Some(T::MaxTimeLimit::get()),
			SNAPSHOT,
		);
		assert_eq!(status::<T>(0), Some(SettlementStatus::AwaitingAcceptance));
	}

	/// `confirm_receipt` in the native token, for the comparison (see above).
	#[benchmark]
	fn confirm_receipt_native() {
		let (buyer, id, payout) = agreed_in::<T>(&T::NativeAsset::get());
		#[extrinsic_call]
		confirm_receipt(RawOrigin::Signed(buyer), id, payout);
		assert_eq!(status::<T>(id), Some(SettlementStatus::Completed));
	}

	/// `n` settlements in the native token due in the same block, for the comparison.
	#[benchmark]
	fn auto_settle_native(n: Linear<1, 100>) {
		let (ids, due) = due_in::<T>(&T::NativeAsset::get(), n, 1);
		#[block]
		{
			Escrow::<T>::service_agenda(due, &mut WeightMeter::new());
		}
		for id in ids {
			assert_eq!(status::<T>(id), Some(SettlementStatus::Completed));
		}
	}

	#[benchmark]
	fn prune() {
		let (buyer, payee) = parties_for::<T>(Signer::Nobody);
		let id = open::<T>(&buyer, &payee, 0);
		assert!(Escrow::<T>::cancel(RawOrigin::Signed(buyer).into(), id).is_ok());
		let due: BlockNumberFor<T> = T::BlockNumberProvider::current_block_number()
			.saturating_add(T::RetentionPeriod::get());
		#[block]
		{
			Escrow::<T>::service_agenda(due, &mut WeightMeter::new());
		}
		assert!(Settlements::<T>::get(id).is_none());
	}

	#[benchmark]
	fn open_dispute() {
		let (buyer, payee) = parties::<T>();
		let id = shipped::<T>(&buyer, &payee, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id, [1; 32]);
		assert_eq!(status::<T>(id), Some(SettlementStatus::Disputed));
	}

	#[benchmark]
	fn add_evidence() {
		// Worst case: the other side's slots are full and this is the buyer's last one.
		let (buyer, payee, id) = disputed::<T>(Signer::Buyer);
		for i in 0..T::MaxEvidence::get() {
			let hash = [i as u8; 32];
			assert!(Escrow::<T>::add_evidence(RawOrigin::Signed(payee.clone()).into(), id, hash)
				.is_ok());
			if i > 0 {
				let who = RawOrigin::Signed(buyer.clone()).into();
				assert!(Escrow::<T>::add_evidence(who, id, hash).is_ok());
			}
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id, [0; 32]);
		assert_eq!(
			Disputes::<T>::get(id).map(|d| d.evidence.len() as u32),
			Some(T::MaxEvidence::get().saturating_mul(2))
		);
	}

	#[benchmark]
	fn propose_split() {
		let (buyer, _, id) = disputed::<T>(Signer::Buyer);
		let payout = min::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id, payout);
		assert!(Disputes::<T>::get(id).and_then(|d| d.proposal).is_some());
	}

	#[benchmark]
	fn accept_split() {
		let (buyer, payee, id) = disputed::<T>(Signer::Payee);
		let payout = min::<T>();
		assert!(Escrow::<T>::propose_split(RawOrigin::Signed(buyer).into(), id, payout).is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id, payout);
		assert_eq!(status::<T>(id), Some(SettlementStatus::Completed));
	}

	#[benchmark]
	fn resolve_dispute() -> Result<(), BenchmarkError> {
		let (_, _, id) = disputed::<T>(Signer::Nobody);
		let origin =
			T::ArbiterOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		// The buyer's dispute ruled wholly against her: her deposit goes to the payee.
		let ruling = Ruling::Split { payout: amount::<T>() };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, ruling);
		assert_eq!(status::<T>(id), Some(SettlementStatus::Completed));
		Ok(())
	}

	#[benchmark]
	fn dispute_lapse() {
		let (_, _, id) = disputed::<T>(Signer::Nobody);
		let due = Disputes::<T>::get(id).map(|d| d.arbiter_due).unwrap_or_default();
		#[block]
		{
			Escrow::<T>::service_agenda(due, &mut WeightMeter::new());
		}
		assert!(Disputes::<T>::get(id).is_none());
	}

	#[benchmark]
	fn request_refund() {
		let (buyer, payee) = parties::<T>();
		let id = shipped::<T>(&buyer, &payee, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id, amount::<T>(), [2; 32]);
		assert_eq!(status::<T>(id), Some(SettlementStatus::RefundRequested));
	}

	/// Worst case: the whole amount, so that the grant releases both holds and closes.
	#[benchmark]
	fn grant_refund() {
		let (_, payee, id) = requested::<T>(Signer::Payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id, amount::<T>());
		assert_eq!(status::<T>(id), Some(SettlementStatus::Refunded));
	}

	#[benchmark]
	fn grant_refund_with_return() {
		let (_, payee, id) = requested::<T>(Signer::Payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id, amount::<T>());
		assert_eq!(
			RefundRequests::<T>::get(id).map(|r| r.stage),
			Some(RefundStage::AwaitingReturn)
		);
	}

	/// Worst case: a shipped settlement, so that the buyer's dispute it opens stops a
	/// deadline and holds the buyer's dispute deposit.
	#[benchmark]
	fn refuse_refund() {
		let (_, payee, id) = requested::<T>(Signer::Payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id);
		assert_eq!(status::<T>(id), Some(SettlementStatus::Disputed));
	}

	/// Worst case: the longest carrier reference.
	#[benchmark]
	fn mark_returned() {
		let (buyer, payee, id) = requested::<T>(Signer::Buyer);
		let store = RawOrigin::Signed(payee).into();
		assert!(Escrow::<T>::grant_refund_with_return(store, id, amount::<T>()).is_ok());
		let logistics =
			BoundedVec::truncate_from(alloc::vec![b'r'; T::MaxReturnLogisticsLen::get() as usize]);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id, logistics);
		assert_eq!(RefundRequests::<T>::get(id).map(|r| r.stage), Some(RefundStage::Returned));
	}

	#[benchmark]
	fn confirm_return() {
		let (_, payee, id) = returned::<T>(Signer::Payee);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id);
		assert_eq!(status::<T>(id), Some(SettlementStatus::Refunded));
	}

	/// Worst case: a refund that leaves nothing owed (an agreed deduction to the refunded
	/// part), so that it returns part of the hold and then closes.
	#[benchmark]
	fn partial_refund() {
		let asset = T::BenchmarkHelper::asset();
		let (_, id, payout) = agreed_in::<T>(&asset);
		let payee: T::AccountId = account("payee", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id, payout);
		assert_eq!(status::<T>(id), Some(SettlementStatus::Refunded));
	}

	/// An unaccepted settlement the chain sends back when the acceptance period ends, as the
	/// buyer's cancellation would: its hold and deposit released.
	#[benchmark]
	fn expire() {
		let (buyer, payee) = parties::<T>();
		let id = open::<T>(&buyer, &payee, 0);
		let opened = Settlements::<T>::get(id).map(|s| s.opened_at).unwrap_or_default();
		let due = opened.saturating_add(Escrow::<T>::acceptance_period());
		#[block]
		{
			Escrow::<T>::service_agenda(due, &mut WeightMeter::new());
		}
		assert_eq!(status::<T>(id), Some(SettlementStatus::Cancelled));
	}

	/// A silent store's request, granted by the chain: the whole amount, so that it closes.
	#[benchmark]
	fn refund_lapse() {
		let (_, _, id) = requested::<T>(Signer::Nobody);
		let due = RefundRequests::<T>::get(id).map(|r| r.due).unwrap_or_default();
		#[block]
		{
			Escrow::<T>::service_agenda(due, &mut WeightMeter::new());
		}
		assert_eq!(status::<T>(id), Some(SettlementStatus::Refunded));
	}

	impl_benchmark_test_suite!(
		Escrow,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test,
		extra = false
	);
}
