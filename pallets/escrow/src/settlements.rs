//! Settlements and their funds: opening and re-opening (the time-limit rule, the hold, drawing
//! on funding), the buyer's confirmation and cancellation, the store's full refund, the
//! buyer's extensions, paying out and releasing, and the checks they share (an open settlement,
//! what an account can hold and receive). The calls are in `lib.rs`; their logic is here.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, MutateHold},
		tokens::{DepositConsequence, Fortitude, Precision, Preservation, Provenance, Restriction},
	},
};
use frame_system::pallet_prelude::*;
use sp_runtime::{
	traits::{BlockNumberProvider, CheckedAdd, Saturating, Zero},
	ArithmeticError,
};

/// The terms a settlement opens on: the buyer's, or those of a store's signed request, with the
/// time-limit rule as asked (`None`: the store's default).
pub(crate) struct Terms<T: Config> {
	pub asset: AssetIdOf<T>,
	pub amount: BalanceOf<T>,
	pub payee: T::AccountId,
	pub time_limit: Option<BlockNumberFor<T>>,
	pub snapshot: SnapshotHash,
}

impl<T: Config> Pallet<T> {
	// The call's own arguments, passed on.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_open_settlement(
		buyer: T::AccountId,
		store: StoreId,
		order_no: OrderNoOf<T>,
		asset: AssetIdOf<T>,
		amount: BalanceOf<T>,
		payee: T::AccountId,
		time_limit: Option<BlockNumberFor<T>>,
		snapshot: SnapshotHash,
	) -> DispatchResultWithPostInfo {
		let terms = Terms { asset, amount, payee, time_limit, snapshot };
		let (_, funding) = Self::open_or_update(buyer, store, order_no, terms, false)?;
		// The funding sources' weight is charged only when they were used.
		Ok(Some(T::WeightInfo::open_settlement().saturating_add(funding)).into())
	}

	/// Opens a settlement for `buyer`'s order `order_no` at `store` on `terms`, or updates
	/// the buyer's open one for it; with `accepted`, the store has accepted `terms.amount` on
	/// exactly these terms in advance (a signed request), and the settlement is accepted in the
	/// same step: a rule the chain would resolve to another is `TermsChanged`. Returns the
	/// settlement and the weight its funding sources took.
	pub(crate) fn open_or_update(
		buyer: T::AccountId,
		store: StoreId,
		order_no: OrderNoOf<T>,
		terms: Terms<T>,
		accepted: bool,
	) -> Result<(SettlementId, Weight), DispatchError> {
		let Terms { asset, amount, payee, time_limit, snapshot } = terms;
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(payee != buyer, Error::<T>::PayeeIsBuyer);
		let store_default = T::Stores::store_time_limit(store).ok_or(Error::<T>::UnknownStore)?;
		ensure!(T::Stores::accepts(store, &asset), Error::<T>::AssetNotAccepted);
		Self::ensure_can_receive(&asset, &payee, amount)?;
		let requested = time_limit;
		let time_limit = Self::resolve_time_limit(requested, store_default);
		ensure!(!accepted || requested == Some(time_limit), Error::<T>::TermsChanged);

		match OpenByOrder::<T>::get((&buyer, store, &order_no)) {
			Some(id) => {
				let rule = (time_limit, requested.is_some());
				let funding = Self::update_settlement(id, &asset, amount, payee, rule, snapshot)?;
				if accepted {
					<Self as SettlementProvider<_, _, _, _>>::accept(
						id, amount, snapshot, time_limit,
					)?;
				}
				Ok((id, funding))
			}
			None => {
				let terms = Terms { asset, amount, payee, time_limit: requested, snapshot };
				Self::create_settlement(buyer, store, order_no, terms, time_limit, accepted)
			}
		}
	}

	pub(crate) fn do_confirm_receipt(
		who: T::AccountId,
		id: SettlementId,
		amount: BalanceOf<T>,
	) -> DispatchResultWithPostInfo {
		let settlement = Self::undisputed_settlement_of(id)?;
		ensure!(settlement.buyer == who, Error::<T>::NotBuyer);
		ensure!(settlement.status != SettlementStatus::AwaitingAcceptance, Error::<T>::NotAccepted);
		ensure!(amount <= settlement.amount, Error::<T>::AboveHeldAmount);
		ensure!(amount >= settlement.minimum_payout(), Error::<T>::BelowOrderAmount);
		Self::ensure_can_receive(&settlement.asset, &settlement.payee, amount)?;
		if let Some(deadline) = settlement.deadline {
			Agenda::<T>::remove(AgendaKey::new(deadline, AgendaTask::AutoSettle, id));
		}
		// Confirming withdraws an open refund request: the buyer chose to pay.
		Self::drop_refund_request(id);
		let hooks = Self::pay_out(id, settlement, amount, PayoutTrigger::Confirmed)?;
		Ok(Some(T::WeightInfo::confirm_receipt().saturating_add(hooks)).into())
	}

	pub(crate) fn do_cancel(who: T::AccountId, id: SettlementId) -> DispatchResultWithPostInfo {
		let settlement = Self::undisputed_settlement_of(id)?;
		ensure!(settlement.buyer == who, Error::<T>::NotBuyer);
		match (settlement.status, settlement.accepted) {
			(SettlementStatus::AwaitingAcceptance, _) => {}
			(SettlementStatus::Accepted, Some(acceptance)) => {
				let ship_by = acceptance.at.saturating_add(T::ShipByLimit::get());
				ensure!(Self::now() > ship_by, Error::<T>::StoreMayStillShip);
			}
			(SettlementStatus::RefundRequested, _) => {
				return Err(Error::<T>::RefundRequestOpen.into())
			}
			_ => return Err(Error::<T>::AlreadyShipped.into()),
		}
		let hooks = Self::release(id, settlement, SettlementStatus::Cancelled)?;
		Ok(Some(T::WeightInfo::cancel().saturating_add(hooks)).into())
	}

	pub(crate) fn do_refund(who: T::AccountId, id: SettlementId) -> DispatchResultWithPostInfo {
		let settlement = Self::open_settlement_of(id)?;
		ensure!(Self::acts_for_store(&settlement, &who), Error::<T>::NotPayee);
		let disputed = settlement.status == SettlementStatus::Disputed;
		if disputed {
			Self::end_dispute_by_refund(id, &settlement)?;
		} else if let Some(deadline) = settlement.deadline {
			Agenda::<T>::remove(AgendaKey::new(deadline, AgendaTask::AutoSettle, id));
		}
		// A full refund answers any refund request.
		Self::drop_refund_request(id);
		let hooks = Self::release(id, settlement, SettlementStatus::Refunded)?;
		let dispute = if disputed { Self::refund_dispute_weight() } else { Weight::zero() };
		Ok(Some(T::WeightInfo::refund().saturating_add(hooks).saturating_add(dispute)).into())
	}

	pub(crate) fn do_extend_deadline(who: T::AccountId, id: SettlementId) -> DispatchResult {
		let mut settlement = Self::undisputed_settlement_of(id)?;
		ensure!(settlement.buyer == who, Error::<T>::NotBuyer);
		let deadline = match (settlement.status, settlement.deadline) {
			(SettlementStatus::Shipped, Some(deadline)) => deadline,
			(SettlementStatus::RefundRequested, _) => {
				return Err(Error::<T>::RefundRequestOpen.into())
			}
			_ => return Err(Error::<T>::NotShipped.into()),
		};
		ensure!(Self::now() < deadline, Error::<T>::DeadlinePassed);
		ensure!(settlement.extensions < T::MaxExtensions::get(), Error::<T>::TooManyExtensions);

		let new_deadline = deadline.saturating_add(T::ExtensionPeriod::get());
		Agenda::<T>::remove(AgendaKey::new(deadline, AgendaTask::AutoSettle, id));
		Agenda::<T>::insert(AgendaKey::new(new_deadline, AgendaTask::AutoSettle, id), ());
		settlement.deadline = Some(new_deadline);
		settlement.extensions = settlement.extensions.saturating_add(1);
		let extensions = settlement.extensions;
		Settlements::<T>::insert(id, settlement);
		Self::deposit_event(Event::DeadlineExtended { id, deadline: new_deadline, extensions });
		Ok(())
	}

	/// The current block of [`Config::BlockNumberProvider`]: what deadlines are counted in.
	pub(crate) fn now() -> BlockNumberFor<T> {
		T::BlockNumberProvider::current_block_number()
	}

	/// The settlement `id`, if it exists and is open.
	pub(crate) fn open_settlement_of(id: SettlementId) -> Result<SettlementOf<T>, DispatchError> {
		let settlement = Settlements::<T>::get(id).ok_or(Error::<T>::UnknownSettlement)?;
		ensure!(settlement.status.is_open(), Error::<T>::SettlementClosed);
		Ok(settlement)
	}

	/// The settlement `id`, if it exists, is open and is not disputed.
	pub(crate) fn undisputed_settlement_of(
		id: SettlementId,
	) -> Result<SettlementOf<T>, DispatchError> {
		let settlement = Self::open_settlement_of(id)?;
		ensure!(settlement.status != SettlementStatus::Disputed, Error::<T>::UnderDispute);
		Ok(settlement)
	}

	/// This chain's acceptance period: set at genesis, else [`Config::AcceptancePeriod`].
	pub fn acceptance_period() -> BlockNumberFor<T> {
		ChainAcceptancePeriod::<T>::get().unwrap_or_else(T::AcceptancePeriod::get)
	}

	/// The agenda entry of the expiry of settlement `id`, opened at `opened_at`: due when the
	/// acceptance period has passed. Acceptance and every close remove it.
	pub fn expiry_key(id: SettlementId, opened_at: BlockNumberFor<T>) -> AgendaKey {
		AgendaKey::new(opened_at.saturating_add(Self::acceptance_period()), AgendaTask::Expire, id)
	}

	/// Fails unless `payee` can receive `amount` of `asset`: an account that does not exist
	/// yet receives only at least the asset's minimum balance, and only an asset that can
	/// create accounts (the native token, a sufficient asset). A payout that could not land is
	/// refused when the settlement opens, never lost when it is paid.
	pub(crate) fn ensure_can_receive(
		asset: &AssetIdOf<T>,
		payee: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		match T::Assets::can_deposit(asset.clone(), payee, amount, Provenance::Extant) {
			DepositConsequence::Success => Ok(()),
			DepositConsequence::Overflow => Err(ArithmeticError::Overflow.into()),
			_ => Err(Error::<T>::PayeeCannotReceive.into()),
		}
	}

	/// `native` of the native token in `asset`, at the chain's rate; fails for an asset
	/// settlements cannot be paid in.
	pub(crate) fn deposit_in(
		asset: &AssetIdOf<T>,
		native: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		T::AssetRate::from_native(asset, native).ok_or_else(|| Error::<T>::AssetNotSupported.into())
	}

	/// The time-limit rule: the buyer's (unless ignored), else the store's, else the
	/// runtime's default; clamped to the runtime's bounds.
	pub fn resolve_time_limit(
		requested: Option<BlockNumberFor<T>>,
		store_default: Option<BlockNumberFor<T>>,
	) -> BlockNumberFor<T> {
		let requested = if T::IgnoreBuyerTimeLimit::get() { None } else { requested };
		let (min, max) = Self::time_limit_bounds();
		requested.or(store_default).unwrap_or_else(T::DefaultTimeLimit::get).clamp(min, max)
	}

	/// The shortest and the longest time-limit rule on this chain, in blocks.
	pub fn time_limit_bounds() -> (BlockNumberFor<T>, BlockNumberFor<T>) {
		let max = T::MaxTimeLimit::get();
		let min = ChainMinTimeLimit::<T>::get()
			.unwrap_or_else(T::MinTimeLimit::get)
			.max(T::MinTimeLimit::get())
			.min(max);
		(min, max)
	}

	/// The most weight the runtime's observer and funding take when a settlement closes.
	pub fn close_hooks_weight() -> Weight {
		T::Observer::weight().saturating_add(T::Funding::on_close_weight())
	}

	/// What a refund during a dispute adds: reading and removing the dispute and its lapse,
	/// and releasing the opener's deposit. It also covers a refund during a refund request
	/// (removing the request and its lapse): a settlement has one or the other.
	pub(crate) fn refund_dispute_weight() -> Weight {
		T::DbWeight::get().reads_writes(2, 4)
	}

	/// The most a refund takes: the refund, the close hooks, and a dispute it ends.
	pub fn refund_weight() -> Weight {
		T::WeightInfo::refund()
			.saturating_add(Self::close_hooks_weight())
			.saturating_add(Self::refund_dispute_weight())
	}

	/// Makes sure `who` can put `amount` more on hold for settlement `id`, drawing any
	/// shortfall from the buyer's funding sources (S103). Returns whether it drew on them.
	pub(crate) fn cover(
		id: SettlementId,
		who: &T::AccountId,
		asset: &AssetIdOf<T>,
		amount: BalanceOf<T>,
	) -> Result<bool, DispatchError> {
		let free = Self::free_balance(asset, who);
		if free >= amount {
			return Ok(false);
		}
		T::Funding::cover(id, who, asset, amount.saturating_sub(free))
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		Self::ensure_can_cover(who, asset, amount)?;
		Ok(true)
	}

	/// What `who` can put on hold of `asset` and keep the account alive.
	fn free_balance(asset: &AssetIdOf<T>, who: &T::AccountId) -> BalanceOf<T> {
		T::Assets::reducible_balance(asset.clone(), who, Preservation::Preserve, Fortitude::Polite)
	}

	/// Fails unless `who` can put `amount` more of `asset` on hold and keep the account alive.
	pub(crate) fn ensure_can_cover(
		who: &T::AccountId,
		asset: &AssetIdOf<T>,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(Self::free_balance(asset, who) >= amount, Error::<T>::InsufficientBalance);
		Ok(())
	}

	/// Creates a settlement on `terms` with the resolved time-limit rule `time_limit`, holding
	/// its amount and deposit; `accepted`: accepted by the store in the same step, so that it owes no expiry
	/// (neither written nor taken off the agenda). Returns it and the weight its funding took.
	pub(crate) fn create_settlement(
		buyer: T::AccountId,
		store: StoreId,
		order_no: OrderNoOf<T>,
		terms: Terms<T>,
		time_limit: BlockNumberFor<T>,
		accepted: bool,
	) -> Result<(SettlementId, Weight), DispatchError> {
		let Terms { asset, amount, payee, snapshot, .. } = terms;
		let deposit = Self::deposit_in(&asset, T::SettlementDeposit::get())?;
		let total = amount.checked_add(&deposit).ok_or(Error::<T>::InsufficientBalance)?;
		let id = NextSettlementId::<T>::get();
		let funded = Self::cover(id, &buyer, &asset, total)?;
		let next = id.checked_add(1).ok_or(ArithmeticError::Overflow)?;

		T::Assets::hold(asset.clone(), &HoldReason::Payment.into(), &buyer, amount)?;
		T::Assets::hold(asset.clone(), &HoldReason::SettlementDeposit.into(), &buyer, deposit)?;
		NextSettlementId::<T>::put(next);
		OpenByOrder::<T>::insert((&buyer, store, &order_no), id);
		OpenByStore::<T>::insert(store, id, ());
		let now = Self::now();
		if !accepted {
			// Unaccepted, it goes back to the buyer after the acceptance period.
			Agenda::<T>::insert(Self::expiry_key(id, now), ());
		}
		Self::deposit_event(Event::SettlementOpened {
			id,
			buyer: buyer.clone(),
			payee: payee.clone(),
			store,
			order_no: order_no.clone(),
			asset: asset.clone(),
			amount,
			snapshot,
			time_limit,
		});
		let (status, acceptance) = if accepted {
			Self::deposit_event(Event::SettlementAccepted { id, order_amount: amount });
			(SettlementStatus::Accepted, Some(Acceptance { order_amount: amount, at: now }))
		} else {
			(SettlementStatus::AwaitingAcceptance, None)
		};
		Settlements::<T>::insert(
			id,
			Settlement {
				buyer,
				payee,
				store,
				order_no,
				asset,
				amount,
				deposit,
				snapshot,
				time_limit,
				opened_at: now,
				accepted: acceptance,
				deadline: None,
				extensions: 0,
				agreed_payout: None,
				proposal: None,
				disputes: 0,
				store_disputes: 0,
				status,
				record: None,
				closed_at: None,
				paused: Zero::zero(),
				commission: T::Stores::commission(store),
			},
		);
		let funding = if funded { T::Funding::cover_weight() } else { Weight::zero() };
		Ok((id, funding))
	}

	/// Updates an open settlement in place. `time_limit` is the resolved rule and whether
	/// the buyer gave one. Returns the weight the funding sources took.
	pub(crate) fn update_settlement(
		id: SettlementId,
		asset: &AssetIdOf<T>,
		amount: BalanceOf<T>,
		payee: T::AccountId,
		(time_limit, requested): (BlockNumberFor<T>, bool),
		snapshot: SnapshotHash,
	) -> Result<Weight, DispatchError> {
		let mut settlement = Self::undisputed_settlement_of(id)?;
		ensure!(settlement.status != SettlementStatus::Shipped, Error::<T>::AlreadyShipped);
		ensure!(
			settlement.status != SettlementStatus::RefundRequested,
			Error::<T>::RefundRequestOpen
		);
		ensure!(*asset == settlement.asset, Error::<T>::AssetChanged);
		let mut time_limit = time_limit;
		if settlement.accepted.is_some() {
			// The store accepted these terms: only the amount may rise.
			ensure!(payee == settlement.payee, Error::<T>::PayeeLocked);
			ensure!(amount >= settlement.amount, Error::<T>::BelowAcceptedAmount);
			ensure!(snapshot == settlement.snapshot, Error::<T>::TermsLocked);
			ensure!(!requested || time_limit == settlement.time_limit, Error::<T>::TermsLocked);
			time_limit = settlement.time_limit;
		}
		let previous = settlement.amount;
		let reason = HoldReason::Payment.into();
		let mut funding = Weight::zero();
		if amount > previous {
			let more = amount.saturating_sub(previous);
			if Self::cover(id, &settlement.buyer, asset, more)? {
				funding = T::Funding::cover_weight();
			}
			T::Assets::hold(asset.clone(), &reason, &settlement.buyer, more)?;
		} else if amount < previous {
			let less = previous.saturating_sub(amount);
			T::Assets::release(asset.clone(), &reason, &settlement.buyer, less, Precision::Exact)?;
			// What the hold releases repays credit drawn for it first.
			funding = T::Funding::on_release(id, &settlement.buyer, asset, less);
		}
		settlement.amount = amount;
		settlement.payee = payee.clone();
		settlement.time_limit = time_limit;
		settlement.snapshot = snapshot;
		Settlements::<T>::insert(id, settlement);
		Self::deposit_event(Event::SettlementUpdated {
			id,
			previous,
			amount,
			payee,
			snapshot,
			time_limit,
		});
		Ok(funding)
	}

	/// Pays `amount` from the hold (the commission to the marketplace's fee account, the rest
	/// to the payee), releases the rest of the hold and the deposit, writes the payment record
	/// and closes the settlement. The caller has removed its agenda entry. Returns the weight
	/// the observer and funding hooks took (at most [`Self::close_hooks_weight`]).
	pub(crate) fn pay_out(
		id: SettlementId,
		mut settlement: SettlementOf<T>,
		amount: BalanceOf<T>,
		trigger: PayoutTrigger,
	) -> Result<Weight, DispatchError> {
		let record_id: PaymentRecordId = id;
		let rest = settlement.amount.saturating_sub(amount);
		let reason = HoldReason::Payment.into();
		let asset = settlement.asset.clone();
		let commission = settlement.commission.as_ref().map(|c| PaidCommission {
			marketplace: c.marketplace,
			rate: c.rate,
			fee_account: c.fee_account.clone(),
			amount: Self::commission_taken(&asset, c, &settlement.payee, amount),
		});
		let to_market = commission.as_ref().map_or_else(Zero::zero, |c| c.amount);
		if let Some(c) = commission.as_ref().filter(|c| !c.amount.is_zero()) {
			T::Assets::transfer_on_hold(
				asset.clone(),
				&reason,
				&settlement.buyer,
				&c.fee_account,
				c.amount,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)?;
		}
		T::Assets::transfer_on_hold(
			asset.clone(),
			&reason,
			&settlement.buyer,
			&settlement.payee,
			amount.saturating_sub(to_market),
			Precision::Exact,
			Restriction::Free,
			// A payout the rules owe is made even if a freeze were added to the account.
			Fortitude::Force,
		)?;
		T::Assets::release(asset.clone(), &reason, &settlement.buyer, rest, Precision::Exact)?;
		Self::release_deposit(&settlement)?;
		// Credit drawn for the deposit is repaid from it too.
		let released = rest.saturating_add(settlement.deposit);
		let funding = T::Funding::on_close(id, &settlement.buyer, &asset, released);

		let now = Self::now();
		let record = PaymentRecord {
			settlement: id,
			payer: settlement.buyer.clone(),
			payee: settlement.payee.clone(),
			asset: asset.clone(),
			amount,
			at: now,
			trigger,
			commission: commission.clone(),
		};
		PaymentRecords::<T>::insert(record_id, &record);
		settlement.record = Some(record_id);
		Self::deposit_event(Event::SettlementCompleted {
			id,
			record: record_id,
			buyer: settlement.buyer.clone(),
			payee: settlement.payee.clone(),
			asset: asset.clone(),
			paid: amount,
			released: rest,
			trigger,
		});
		if let Some(c) = commission {
			Self::deposit_event(Event::CommissionPaid {
				id,
				marketplace: c.marketplace,
				fee_account: c.fee_account,
				asset,
				rate: c.rate,
				amount: c.amount,
			});
		}
		Self::close(id, settlement, SettlementStatus::Completed);
		T::Observer::on_paid(id, record_id, &record);
		Ok(T::Observer::weight().saturating_add(funding))
	}

	/// The commission a settlement opened with `opened` keeps when its store accepts it: none if
	/// the store has left that marketplace since (or it closed, or the store is in another),
	/// else the lower of the two rates. So a store never accepts owing a marketplace more than
	/// it owes it at that moment, and a settlement a buyer opened before the store joined owes
	/// nothing.
	pub(crate) fn commission_kept(
		store: StoreId,
		opened: Option<Commission<T::AccountId>>,
	) -> Option<Commission<T::AccountId>> {
		let opened = opened?;
		let now = T::Stores::commission(store)?;
		(now.marketplace == opened.marketplace)
			.then(|| Commission { rate: opened.rate.min(now.rate), ..opened })
	}

	/// The commission a payout of `paid` sends to the marketplace: its rate of `paid`, rounded
	/// down, or nothing when the fee account cannot receive it (below the asset's minimum
	/// balance for an account that does not exist) or the payee could then not receive the
	/// rest. A payout always lands: the payee can receive `paid` whole, as checked when the
	/// settlement was accepted, so a commission that cannot land is the store's.
	fn commission_taken(
		asset: &AssetIdOf<T>,
		commission: &Commission<T::AccountId>,
		payee: &T::AccountId,
		paid: BalanceOf<T>,
	) -> BalanceOf<T> {
		let cut = commission.of(paid);
		let lands = |who: &T::AccountId, amount: BalanceOf<T>| {
			amount.is_zero()
				|| T::Assets::can_deposit(asset.clone(), who, amount, Provenance::Extant)
					== DepositConsequence::Success
		};
		if !cut.is_zero()
			&& lands(&commission.fee_account, cut)
			&& lands(payee, paid.saturating_sub(cut))
		{
			cut
		} else {
			Zero::zero()
		}
	}

	/// Releases the whole hold and the deposit to the buyer and closes the settlement as
	/// `status` (cancelled or refunded). The caller has removed its agenda entry. Returns
	/// the weight the observer and funding hooks took.
	pub(crate) fn release(
		id: SettlementId,
		settlement: SettlementOf<T>,
		status: SettlementStatus,
	) -> Result<Weight, DispatchError> {
		let released = settlement.amount;
		T::Assets::release(
			settlement.asset.clone(),
			&HoldReason::Payment.into(),
			&settlement.buyer,
			released,
			Precision::Exact,
		)?;
		Self::release_deposit(&settlement)?;
		// Credit drawn for the deposit is repaid from it too.
		let back = released.saturating_add(settlement.deposit);
		let funding = T::Funding::on_close(id, &settlement.buyer, &settlement.asset, back);
		let buyer = settlement.buyer.clone();
		Self::close(id, settlement, status);
		Self::deposit_event(match status {
			SettlementStatus::Refunded => Event::SettlementRefunded { id, buyer, released },
			_ => Event::SettlementCancelled { id, buyer, released },
		});
		T::Observer::on_released(id, status);
		Ok(T::Observer::weight().saturating_add(funding))
	}

	fn release_deposit(settlement: &SettlementOf<T>) -> DispatchResult {
		T::Assets::release(
			settlement.asset.clone(),
			&HoldReason::SettlementDeposit.into(),
			&settlement.buyer,
			settlement.deposit,
			Precision::Exact,
		)
		.map(|_| ())
	}

	/// Marks the settlement closed, frees its store order key and schedules its removal.
	fn close(id: SettlementId, mut settlement: SettlementOf<T>, status: SettlementStatus) {
		let now = Self::now();
		// Unaccepted until now: its expiry is owed no more.
		if settlement.status == SettlementStatus::AwaitingAcceptance {
			Agenda::<T>::remove(Self::expiry_key(id, settlement.opened_at));
		}
		OpenByOrder::<T>::remove((&settlement.buyer, settlement.store, &settlement.order_no));
		OpenByStore::<T>::remove(settlement.store, id);
		// A task that failed for it is done now.
		Self::drop_retry(id);
		Agenda::<T>::insert(
			AgendaKey::new(now.saturating_add(T::RetentionPeriod::get()), AgendaTask::Prune, id),
			(),
		);
		settlement.status = status;
		settlement.closed_at = Some(now);
		Settlements::<T>::insert(id, settlement);
	}
}
