//! Benchmarks of `pallet-store-orders`, each at its worst case: the longest name, order number
//! and logistics information, a store listing `MaxAssets` assets (each checked against the
//! escrow), an order number paid again after a cancelled order, and an order completed from
//! its payment record, a signed payment request checked twice (as a browser wallet signs it).
//! In a runtime they run against the runtime's escrow, so `accept_payment`,
//! `pay_signed_request` and `mark_shipped` include the escrow's part.

#![cfg(feature = "runtime-benchmarks")]

use super::*;
use crate::Pallet as StoreOrders;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::pallet_prelude::BlockNumberFor;
use frame_system::RawOrigin;
use sp_runtime::traits::{Saturating, Zero};

/// A funded account. The store owner, who signs the benchmarked calls, is the whitelisted
/// caller: like the sender of a benchmarked transfer, its account is paid for by the fee.
fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId =
		if name == "owner" { whitelisted_caller() } else { account(name, 0, 0) };
	let balance = T::Currency::minimum_balance()
		.saturating_mul(1_000_000u32.into())
		.saturating_add(T::StoreDeposit::get())
		.saturating_add(T::MarketplaceDeposit::get());
	T::Currency::set_balance(&who, balance);
	who
}

/// The amount of every benchmarked order.
fn amount<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(100u32.into())
}

fn bytes(len: u32, fill: u8) -> alloc::vec::Vec<u8> {
	alloc::vec![fill; len as usize]
}

fn order_no<T: Config>() -> OrderNoOf<T> {
	OrderNoOf::<T>::truncate_from(bytes(T::MaxOrderNumberLen::get(), b'o'))
}

fn name<T: Config>(fill: u8) -> NameOf<T> {
	NameOf::<T>::truncate_from(bytes(T::MaxNameLen::get(), fill))
}

fn logistics<T: Config>(len: u32) -> LogisticsOf<T> {
	LogisticsOf::<T>::truncate_from(bytes(len, b'l'))
}

/// The benchmark helper's assets, at most `MaxAssets`: the most a store lists.
fn assets<T: Config>() -> AssetsOf<T> {
	AssetsOf::<T>::truncate_from(T::BenchmarkHelper::assets())
}

/// The asset the benchmarks' settlements are paid in: the helper's first.
fn asset<T: Config>() -> AssetIdOf<T> {
	T::BenchmarkHelper::assets().into_iter().next().unwrap_or_else(T::NativeAsset::get)
}

/// A marketplace with the longest name at the highest rate: its id.
fn marketplace<T: Config>() -> MarketplaceId {
	let operator = funded::<T>("operator");
	let fee: T::AccountId = account("fee", 0, 0);
	let registered = StoreOrders::<T>::register_marketplace(
		RawOrigin::Signed(operator).into(),
		name::<T>(b'm'),
		T::MaxCommission::get(),
		fee,
	);
	assert!(registered.is_ok());
	NextMarketplaceId::<T>::get().saturating_sub(1)
}

/// A store with the longest name and the most assets, owned by `owner` and paying `owner`, in
/// a marketplace: so reading what its settlements owe reads both.
fn store<T: Config>(owner: &T::AccountId) -> StoreId {
	let name = name::<T>(b'n');
	let registered = StoreOrders::<T>::register_store(
		RawOrigin::Signed(owner.clone()).into(),
		owner.clone(),
		name,
		None,
		assets::<T>(),
	);
	assert!(registered.is_ok());
	let store = NextStoreId::<T>::get().saturating_sub(1);
	let market = marketplace::<T>();
	let joined = StoreOrders::<T>::join_marketplace(
		RawOrigin::Signed(owner.clone()).into(),
		store,
		market,
		T::MaxCommission::get(),
	);
	assert!(joined.is_ok());
	store
}

/// A store and a paid settlement for its order [`order_no`]: `(owner, store, settlement)`.
fn paid_settlement<T: Config>() -> (T::AccountId, StoreId, SettlementId) {
	let owner = funded::<T>("owner");
	let buyer = funded::<T>("buyer");
	let store = store::<T>(&owner);
	let id = T::BenchmarkHelper::open_settlement(
		&buyer,
		store,
		&order_no::<T>(),
		&owner,
		&asset::<T>(),
		amount::<T>(),
	);
	(owner, store, id)
}

/// A shipped store order: `(owner, store, settlement)`.
fn shipped<T: Config>() -> (T::AccountId, StoreId, SettlementId) {
	let (owner, store, id) = paid_settlement::<T>();
	let signed = || RawOrigin::Signed(owner.clone()).into();
	let (snapshot, limit) = T::BenchmarkHelper::terms(id);
	let accepted = StoreOrders::<T>::accept_payment(
		signed(),
		store,
		order_no::<T>(),
		id,
		amount::<T>(),
		snapshot,
		limit,
	);
	assert!(accepted.is_ok());
	assert!(
		StoreOrders::<T>::mark_shipped(signed(), store, order_no::<T>(), logistics::<T>(8)).is_ok()
	);
	(owner, store, id)
}

/// A shipped order whose settlement was paid out but which was not completed with it: the case
/// `complete_order` exists for. Returns the store, the record and the record's id.
fn left_behind<T: Config>() -> Result<(StoreId, PaymentRecordId, PaymentRecordOf<T>), BenchmarkError>
{
	let (_, store, id) = shipped::<T>();
	let unpaid = BenchmarkError::Stop("the benchmark helper did not pay the settlement");
	let record_id = T::BenchmarkHelper::pay(id).ok_or(unpaid.clone())?;
	let record = T::Escrow::payment_record(record_id).ok_or(unpaid)?;
	// The runtime's escrow completes the order when it pays; put it back as it was.
	Orders::<T>::mutate(store, order_no::<T>(), |order| {
		if let Some(order) = order {
			order.status = OrderStatus::Shipped;
			order.record = None;
			order.paid = None;
		}
	});
	Stores::<T>::mutate(store, |info| {
		if let Some(info) = info {
			info.open_orders = 1;
		}
	});
	Ok((store, record_id, record))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_store() {
		let owner = funded::<T>("owner");
		let name = name::<T>(b'n');
		let store = NextStoreId::<T>::get();
		let assets = assets::<T>();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner.clone()),
			owner.clone(),
			name,
			Some(10u32.into()),
			assets.clone(),
		);
		assert!(Stores::<T>::get(store).is_some_and(|s| s.owner == owner && s.assets == assets));
	}

	/// The store keeps its assets, listed in reverse: each is checked again and rewritten.
	#[benchmark]
	fn update_store() {
		let owner = funded::<T>("owner");
		let store = store::<T>(&owner);
		let payout: T::AccountId = account("payout", 0, 0);
		let name = name::<T>(b'm');
		let mut assets = T::BenchmarkHelper::assets();
		assets.reverse();
		let assets = AssetsOf::<T>::truncate_from(assets);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), store, payout.clone(), name, None, assets.clone());
		assert!(Stores::<T>::get(store).is_some_and(|s| s.payout == payout && s.assets == assets));
	}

	#[benchmark]
	fn close_store() {
		let owner = funded::<T>("owner");
		let store = store::<T>(&owner);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), store);
		assert!(Stores::<T>::get(store).is_none());
	}

	/// The order number was taken by an order whose settlement was cancelled: accepting unlinks
	/// the old settlement too.
	#[benchmark]
	fn accept_payment() {
		let (owner, store, id) = paid_settlement::<T>();
		let number = order_no::<T>();
		let old = id.saturating_add(1_000);
		OrderOfSettlement::<T>::insert(old, (store, &number));
		Orders::<T>::insert(
			store,
			&number,
			StoreOrder {
				settlement: old,
				buyer: owner.clone(),
				payee: owner.clone(),
				asset: asset::<T>(),
				order_amount: amount::<T>(),
				status: OrderStatus::Cancelled,
				logistics: None,
				record: None,
				paid: None,
			},
		);
		let (snapshot, limit) = T::BenchmarkHelper::terms(id);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), store, order_no::<T>(), id, amount::<T>(), snapshot, limit);
		assert!(Orders::<T>::get(store, &number).is_some_and(|o| o.status == OrderStatus::Paid));
		assert!(!OrderOfSettlement::<T>::contains_key(old));
	}

	#[benchmark]
	fn mark_shipped() {
		let (owner, store, id) = paid_settlement::<T>();
		let (snapshot, limit) = T::BenchmarkHelper::terms(id);
		assert!(StoreOrders::<T>::accept_payment(
			RawOrigin::Signed(owner.clone()).into(),
			store,
			order_no::<T>(),
			id,
			amount::<T>(),
			snapshot,
			limit
		)
		.is_ok());
		let logistics = logistics::<T>(T::MaxLogisticsLen::get());
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), store, order_no::<T>(), logistics);
		let number = order_no::<T>();
		assert!(Orders::<T>::get(store, &number).is_some_and(|o| o.status == OrderStatus::Shipped));
	}

	#[benchmark]
	fn complete_order() -> Result<(), BenchmarkError> {
		let (store, record_id, _) = left_behind::<T>()?;
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), store, order_no::<T>());
		let number = order_no::<T>();
		assert!(Orders::<T>::get(store, &number).is_some_and(|o| o.record == Some(record_id)));
		Ok(())
	}

	/// A request signed as browser wallets sign (two signature checks), in the asset that
	/// costs most to hold, naming its payer, opening a new settlement.
	#[benchmark]
	fn pay_signed_request() {
		let owner = T::BenchmarkHelper::signer();
		T::Currency::set_balance(&owner, T::StoreDeposit::get().saturating_mul(10u32.into()));
		let store = store::<T>(&owner);
		// The buyer signs the transaction: the whitelisted caller.
		let buyer = funded::<T>("owner");
		T::BenchmarkHelper::fund(&buyer, &asset::<T>(), amount::<T>().saturating_mul(2u32.into()));
		let (_, longest) = T::Escrow::time_limit_bounds();
		let request = PaymentRequest {
			store,
			order_no: order_no::<T>(),
			asset: asset::<T>(),
			amount: amount::<T>(),
			snapshot: [1; 32],
			time_limit: longest,
			valid_until: T::Escrow::now().saturating_add(T::MaxRequestValidity::get()),
			payer: Some(buyer.clone()),
			genesis: frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()),
		};
		let wrapped = [&b"<Bytes>"[..], &request.signing_payload(), &b"</Bytes>"[..]].concat();
		let signature = T::BenchmarkHelper::sign(&owner, &wrapped);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), request, owner, signature);
		let number = order_no::<T>();
		assert!(Orders::<T>::get(store, &number).is_some_and(|o| o.status == OrderStatus::Paid));
	}

	/// The escrow telling this pallet a settlement was paid: the most any of its observer
	/// notifications does.
	#[benchmark]
	fn on_settlement_closed() -> Result<(), BenchmarkError> {
		let (store, record_id, record) = left_behind::<T>()?;
		#[block]
		{
			<StoreOrders<T> as SettlementObserver<_, _, _, _>>::on_paid(
				record.settlement,
				record_id,
				&record,
			);
		}
		let number = order_no::<T>();
		assert!(
			Orders::<T>::get(store, &number).is_some_and(|o| o.status == OrderStatus::Completed)
		);
		Ok(())
	}

	#[benchmark]
	fn register_marketplace() {
		let operator = funded::<T>("owner");
		let fee: T::AccountId = account("fee", 0, 0);
		let market = NextMarketplaceId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(operator), name::<T>(b'm'), T::MaxCommission::get(), fee);
		assert!(Marketplaces::<T>::get(market).is_some());
	}

	#[benchmark]
	fn set_marketplace_terms() {
		let market = marketplace::<T>();
		let operator: T::AccountId = account("operator", 0, 0);
		let fee: T::AccountId = account("new fee", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator), market, 1, fee.clone());
		assert!(Marketplaces::<T>::get(market).is_some_and(|m| m.rate == 1 && m.fee_account == fee));
	}

	#[benchmark]
	fn close_marketplace() {
		let market = marketplace::<T>();
		let operator: T::AccountId = account("operator", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator), market);
		assert!(Marketplaces::<T>::get(market).is_none());
	}

	/// A store already in another marketplace.
	#[benchmark]
	fn join_marketplace() {
		let owner = funded::<T>("owner");
		let store = store::<T>(&owner);
		let market = marketplace::<T>();
		let rate = T::MaxCommission::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), store, market, rate);
		assert!(MarketplaceOfStore::<T>::get(store).is_some_and(|m| m.marketplace == market));
	}

	#[benchmark]
	fn leave_marketplace() {
		let owner = funded::<T>("owner");
		let store = store::<T>(&owner);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), store);
		assert!(MarketplaceOfStore::<T>::get(store).is_none());
	}

	#[benchmark]
	fn remove_from_marketplace() {
		let owner = funded::<T>("owner");
		let store = store::<T>(&owner);
		let market = MarketplaceOfStore::<T>::get(store).map(|m| m.marketplace).unwrap_or_default();
		let operator: T::AccountId = account("operator", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator), market, store);
		assert!(MarketplaceOfStore::<T>::get(store).is_none());
	}

	impl_benchmark_test_suite!(
		StoreOrders,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
