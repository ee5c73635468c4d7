//! What the pallet implements for the rest of the runtime: [`SettlementProvider`], through
//! which the store side accepts and ships the settlements that pay for its orders.

use crate::{settlements::Terms, *};
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> SettlementProvider<T::AccountId, AssetIdOf<T>, BalanceOf<T>, BlockNumberFor<T>>
	for Pallet<T>
{
	fn summary(
		id: SettlementId,
	) -> Option<SettlementSummary<T::AccountId, AssetIdOf<T>, BalanceOf<T>>> {
		Settlements::<T>::get(id).map(|s| SettlementSummary {
			agreed_amount: s.minimum_payout(),
			buyer: s.buyer,
			payee: s.payee,
			store: s.store,
			order_no: s.order_no.into_inner(),
			asset: s.asset,
			amount: s.amount,
			status: s.status,
			record: s.record,
		})
	}

	fn payment_record(id: PaymentRecordId) -> Option<PaymentRecordOf<T>> {
		PaymentRecords::<T>::get(id)
	}

	fn settles_in(asset: &AssetIdOf<T>) -> bool {
		T::AssetRate::from_native(asset, T::SettlementDeposit::get()).is_some()
	}

	fn accept(
		id: SettlementId,
		order_amount: BalanceOf<T>,
		snapshot: SnapshotHash,
		time_limit: BlockNumberFor<T>,
	) -> DispatchResult {
		let mut settlement = Self::undisputed_settlement_of(id)?;
		ensure!(
			settlement.status == SettlementStatus::AwaitingAcceptance,
			Error::<T>::AlreadyAccepted
		);
		ensure!(!order_amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(order_amount <= settlement.amount, Error::<T>::OrderAmountNotCovered);
		// What the store accepts is what it is owed: its payout account must be able to
		// receive it, or every try of the payout would fail and the hold stay locked.
		Self::ensure_can_receive(&settlement.asset, &settlement.payee, order_amount)?;
		// The store's "yes" is to the terms it read: a re-opening in between fails it.
		ensure!(
			snapshot == settlement.snapshot && time_limit == settlement.time_limit,
			Error::<T>::TermsChanged
		);
		// The store accepts owing its marketplace no more than it owes it now.
		settlement.commission = Self::commission_kept(settlement.store, settlement.commission);
		// Accepted: its expiry is owed no more, nor a failed expiry's next try.
		Agenda::<T>::remove(Self::expiry_key(id, settlement.opened_at));
		Self::drop_retry(id);
		settlement.accepted = Some(Acceptance { order_amount, at: Self::now() });
		settlement.status = SettlementStatus::Accepted;
		Settlements::<T>::insert(id, settlement);
		Self::deposit_event(Event::SettlementAccepted { id, order_amount });
		Ok(())
	}

	fn time_limit_bounds() -> (BlockNumberFor<T>, BlockNumberFor<T>) {
		Self::time_limit_bounds()
	}

	fn ship(id: SettlementId) -> Result<BlockNumberFor<T>, DispatchError> {
		let mut settlement = Self::undisputed_settlement_of(id)?;
		match settlement.status {
			SettlementStatus::Accepted => {}
			SettlementStatus::AwaitingAcceptance => return Err(Error::<T>::NotAccepted.into()),
			SettlementStatus::RefundRequested => return Err(Error::<T>::RefundRequestOpen.into()),
			_ => return Err(Error::<T>::AlreadyShipped.into()),
		}
		let deadline = Self::now().saturating_add(settlement.time_limit);
		Agenda::<T>::insert(AgendaKey::new(deadline, AgendaTask::AutoSettle, id), ());
		settlement.deadline = Some(deadline);
		settlement.status = SettlementStatus::Shipped;
		// The questions before shipping drew on the allowance and the disputes before
		// shipping; what the parcel brings is another matter, with a whole allowance and each
		// side's disputes whole again.
		settlement.paused = Zero::zero();
		settlement.disputes = 0;
		settlement.store_disputes = 0;
		Settlements::<T>::insert(id, settlement);
		Self::deposit_event(Event::SettlementShipped { id, deadline });
		Ok(deadline)
	}

	fn now() -> BlockNumberFor<T> {
		Self::now()
	}

	fn open_accepted(
		buyer: &T::AccountId,
		store: StoreId,
		order_no: &[u8],
		asset: AssetIdOf<T>,
		amount: BalanceOf<T>,
		payee: T::AccountId,
		time_limit: BlockNumberFor<T>,
		snapshot: SnapshotHash,
	) -> Result<(SettlementId, Weight), DispatchError> {
		let order_no = OrderNoOf::<T>::try_from(order_no.to_vec())
			.map_err(|_| Error::<T>::OrderNumberTooLong)?;
		let terms = Terms { asset, amount, payee, time_limit: Some(time_limit), snapshot };
		// All or nothing, whoever calls it: an opening whose acceptance fails is undone here.
		frame_support::storage::with_storage_layer(|| {
			Self::open_or_update(buyer.clone(), store, order_no, terms, true)
		})
	}

	fn funding_weight() -> Weight {
		T::Funding::cover_weight().saturating_add(T::Funding::on_close_weight())
	}
}

impl<T: Config> Get<u32> for EvidenceBound<T> {
	fn get() -> u32 {
		T::MaxEvidence::get().saturating_mul(2)
	}
}
