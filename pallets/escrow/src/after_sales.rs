//! After-sales: the buyer's refund request, answered by the store (grant, grant with return,
//! refuse) or granted by the chain when the store is silent; the return of the goods; the
//! store's partial refund. The calls are in `lib.rs`; their logic is here.

use crate::*;
use frame_support::{pallet_prelude::*, traits::fungibles::MutateHold, traits::tokens::Precision};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// This chain's after-sales periods: set at genesis, else the runtime's constants.
	pub fn after_sales_periods() -> AfterSalesPeriods<BlockNumberFor<T>> {
		ChainAfterSalesPeriods::<T>::get().unwrap_or_else(|| AfterSalesPeriods {
			respond: T::RefundResponsePeriod::get(),
			ship_return: T::ReturnShipPeriod::get(),
			receive_return: T::ReturnReceivePeriod::get(),
		})
	}

	/// The open settlement `id` with its refund request.
	fn requested(id: SettlementId) -> Result<(SettlementOf<T>, RefundRequestOf<T>), DispatchError> {
		let settlement = Self::open_settlement_of(id)?;
		let request = RefundRequests::<T>::get(id).ok_or(Error::<T>::NoRefundRequest)?;
		Ok((settlement, request))
	}

	/// Removes the refund request of `id` and its agenda entry, if there is one.
	pub(crate) fn drop_refund_request(id: SettlementId) {
		if let Some(request) = RefundRequests::<T>::take(id) {
			Self::end_request(id, &request);
		}
	}

	/// Removes `request`, the refund request of `id` the caller has read, and its agenda entry
	/// (or its next try, if its step failed in the agenda).
	fn end_request(id: SettlementId, request: &RefundRequestOf<T>) {
		RefundRequests::<T>::remove(id);
		Agenda::<T>::remove(AgendaKey::new(request.due, AgendaTask::RefundLapse, id));
		Self::drop_retry(id);
	}

	/// Moves the request to `stage`, due at `due`: its agenda entry moves with it.
	fn advance(
		id: SettlementId,
		mut request: RefundRequestOf<T>,
		stage: RefundStage,
		due: BlockNumberFor<T>,
	) {
		Agenda::<T>::remove(AgendaKey::new(request.due, AgendaTask::RefundLapse, id));
		Agenda::<T>::insert(AgendaKey::new(due, AgendaTask::RefundLapse, id), ());
		request.stage = stage;
		request.due = due;
		RefundRequests::<T>::insert(id, request);
	}

	pub(crate) fn do_request_refund(
		who: T::AccountId,
		id: SettlementId,
		amount: BalanceOf<T>,
		reason: [u8; 32],
	) -> DispatchResult {
		let mut settlement = Self::open_settlement_of(id)?;
		ensure!(settlement.buyer == who, Error::<T>::NotBuyer);
		let resumes_as = match settlement.status {
			SettlementStatus::Accepted | SettlementStatus::Shipped => settlement.status,
			SettlementStatus::AwaitingAcceptance => return Err(Error::<T>::NotAccepted.into()),
			SettlementStatus::Disputed => return Err(Error::<T>::UnderDispute.into()),
			SettlementStatus::RefundRequested => return Err(Error::<T>::RefundRequestOpen.into()),
			_ => return Err(Error::<T>::SettlementClosed.into()),
		};
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(amount <= settlement.amount, Error::<T>::RefundAboveAmount);
		let now = Self::now();
		if let Some(deadline) = settlement.deadline {
			// A due payout is the chain's to make, even while a backlog drains.
			ensure!(now < deadline, Error::<T>::DeadlinePassed);
		}
		// One clock: a request stops it only while some of its pause allowance is left.
		Self::ensure_pause_left(&settlement)?;
		// The timer stops: the settlement leaves the agenda until the request ends.
		let stopped_deadline = settlement.deadline.take();
		if let Some(deadline) = stopped_deadline {
			Agenda::<T>::remove(AgendaKey::new(deadline, AgendaTask::AutoSettle, id));
		}
		let respond_by = now.saturating_add(Self::after_sales_periods().respond);
		Agenda::<T>::insert(AgendaKey::new(respond_by, AgendaTask::RefundLapse, id), ());
		settlement.status = SettlementStatus::RefundRequested;
		Settlements::<T>::insert(id, settlement);
		RefundRequests::<T>::insert(
			id,
			RefundRequest {
				amount,
				reason,
				requested_at: now,
				stage: RefundStage::Requested,
				due: respond_by,
				resumes_as,
				stopped_deadline,
				logistics: None,
			},
		);
		Self::deposit_event(Event::RefundRequested { id, amount, reason, respond_by });
		T::Observer::on_after_sales(id, AfterSalesStep::Requested { amount });
		Ok(())
	}

	/// The request of `id` at `stage`, answered by `who` for the store, for `amount`.
	fn store_answer(
		who: &T::AccountId,
		id: SettlementId,
		stages: &[RefundStage],
		amount: Option<BalanceOf<T>>,
	) -> Result<(SettlementOf<T>, RefundRequestOf<T>), DispatchError> {
		let (settlement, request) = Self::requested(id)?;
		ensure!(Self::acts_for_store(&settlement, who), Error::<T>::NotPayee);
		ensure!(stages.contains(&request.stage), Error::<T>::WrongRefundStep);
		if let Some(amount) = amount {
			ensure!(amount == request.amount, Error::<T>::RequestChanged);
		}
		Ok((settlement, request))
	}

	pub(crate) fn do_grant_refund(
		who: T::AccountId,
		id: SettlementId,
		amount: BalanceOf<T>,
	) -> Result<Weight, DispatchError> {
		let (settlement, request) =
			Self::store_answer(&who, id, &[RefundStage::Requested], Some(amount))?;
		Self::grant(id, settlement, request, RefundGrant::Store)
	}

	pub(crate) fn do_grant_with_return(
		who: T::AccountId,
		id: SettlementId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let (_, request) = Self::store_answer(&who, id, &[RefundStage::Requested], Some(amount))?;
		// Before shipping there are no goods to send back.
		ensure!(request.resumes_as == SettlementStatus::Shipped, Error::<T>::NotShipped);
		let now = Self::now();
		ensure!(now < request.due, Error::<T>::AfterSalesPeriodOver);
		let ship_by = now.saturating_add(Self::after_sales_periods().ship_return);
		Self::advance(id, request, RefundStage::AwaitingReturn, ship_by);
		Self::deposit_event(Event::ReturnRequested { id, amount, ship_by });
		T::Observer::on_after_sales(id, AfterSalesStep::ReturnAwaited);
		Ok(())
	}

	pub(crate) fn do_mark_returned(
		who: T::AccountId,
		id: SettlementId,
		logistics: BoundedVec<u8, T::MaxReturnLogisticsLen>,
	) -> DispatchResult {
		let (settlement, mut request) = Self::requested(id)?;
		ensure!(settlement.buyer == who, Error::<T>::NotBuyer);
		ensure!(request.stage == RefundStage::AwaitingReturn, Error::<T>::WrongRefundStep);
		let now = Self::now();
		ensure!(now < request.due, Error::<T>::AfterSalesPeriodOver);
		let refund_by = now.saturating_add(Self::after_sales_periods().receive_return);
		request.logistics = Some(logistics.clone());
		Self::advance(id, request, RefundStage::Returned, refund_by);
		Self::deposit_event(Event::ReturnShipped { id, logistics, refund_by });
		T::Observer::on_after_sales(id, AfterSalesStep::ReturnShipped);
		Ok(())
	}

	pub(crate) fn do_confirm_return(
		who: T::AccountId,
		id: SettlementId,
	) -> Result<Weight, DispatchError> {
		let (settlement, request) = Self::store_answer(
			&who,
			id,
			&[RefundStage::AwaitingReturn, RefundStage::Returned],
			None,
		)?;
		Self::grant(id, settlement, request, RefundGrant::ReturnReceived)
	}

	pub(crate) fn do_refuse_refund(who: T::AccountId, id: SettlementId) -> DispatchResult {
		let (mut settlement, request) =
			Self::store_answer(&who, id, &[RefundStage::Requested, RefundStage::Returned], None)?;
		// After its period the request is the chain's to settle: a silent store's is granted.
		ensure!(Self::now() < request.due, Error::<T>::AfterSalesPeriodOver);
		// A "no" needs nothing the store may lack. The request ends, nothing refunded, and the
		// settlement goes back where it stood with the time the request took (within the pause
		// allowance). The question was the buyer's, and so is what follows: if the buyer has a
		// dispute left, the deposit and some of the allowance, the buyer's dispute opens, with
		// the request's reason as its claim, at the buyer's cost and risk (a lapse runs the
		// buyer's clock on after shipping, and gives the store's ship-by back before); else the
		// "no" ends it. Goods the buyer shipped back are another matter: the store has them and
		// says they do not answer the claim, a question of its own, so its "no" always goes to
		// the arbiter as the store's dispute (past every bound, its deposit if it has one).
		let returned = request.stage == RefundStage::Returned;
		let opener = if returned { who } else { settlement.buyer.clone() };
		Self::end_request(id, &request);
		Self::put_back(id, &mut settlement, &request);
		let deadline = settlement.deadline;
		Settlements::<T>::insert(id, settlement);
		T::Observer::on_after_sales(id, AfterSalesStep::Ended);
		let disputed = frame_support::storage::with_storage_layer(|| {
			Self::deposit_event(Event::RefundRefused { id, dispute: true });
			Self::open_dispute_as(opener, id, request.reason, returned)
		})
		.is_ok();
		if !disputed {
			Self::deposit_event(Event::RefundRefused { id, dispute: false });
			Self::deposit_event(Event::RefundResumed { id, deadline });
		}
		Ok(())
	}

	pub(crate) fn do_partial_refund(
		who: T::AccountId,
		id: SettlementId,
		amount: BalanceOf<T>,
	) -> Result<Weight, DispatchError> {
		let settlement = Self::open_settlement_of(id)?;
		ensure!(Self::acts_for_store(&settlement, &who), Error::<T>::NotPayee);
		match settlement.status {
			SettlementStatus::Accepted | SettlementStatus::Shipped => {}
			SettlementStatus::AwaitingAcceptance => return Err(Error::<T>::NotAccepted.into()),
			SettlementStatus::Disputed => return Err(Error::<T>::UnderDispute.into()),
			_ => return Err(Error::<T>::RefundRequestOpen.into()),
		}
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(amount <= settlement.amount, Error::<T>::RefundAboveAmount);
		// The store gives this much back of its own accord: what it is owed falls by all of it.
		let (weight, open) = Self::give_back(id, settlement, amount, amount)?;
		if let Some(settlement) = open {
			Settlements::<T>::insert(id, settlement);
		}
		Ok(weight)
	}

	/// Gives `amount` (at most the held amount) back to the buyer, and lowers what the store is
	/// owed by `owed_falls_by` (at most `amount`). The whole hold, or a part that leaves
	/// nothing owed, refunds the rest too and closes the settlement (`None`); otherwise the
	/// settlement comes back open for the caller to store. Returns the weight the hooks took.
	fn give_back(
		id: SettlementId,
		mut settlement: SettlementOf<T>,
		amount: BalanceOf<T>,
		owed_falls_by: BalanceOf<T>,
	) -> Result<(Weight, Option<SettlementOf<T>>), DispatchError> {
		let mut weight = Weight::zero();
		if amount < settlement.amount {
			weight = Self::refund_part(id, &mut settlement, amount, owed_falls_by)?;
			// What the store is owed must land: a payout account that could not receive it
			// (below the asset's minimum for a new account) gets nothing, and the rest goes
			// back to the buyer too.
			let owed = settlement.minimum_payout();
			if !owed.is_zero() && !Self::below_what_payee_receives(&settlement, owed) {
				return Ok((weight, Some(settlement)));
			}
		}
		if let Some(deadline) = settlement.deadline {
			Agenda::<T>::remove(AgendaKey::new(deadline, AgendaTask::AutoSettle, id));
		}
		let hooks = Self::release(id, settlement, SettlementStatus::Refunded)?;
		Ok((hooks.saturating_add(weight), None))
	}

	/// Whether `owed` is less than the settlement's payee could ever receive: the payee has no
	/// account in the asset and `owed` is below its minimum balance. A payee that cannot receive
	/// for another reason (an account its issuer blocked, the asset frozen) is still owed: the
	/// payout waits for it and is tried again.
	fn below_what_payee_receives(settlement: &SettlementOf<T>, owed: BalanceOf<T>) -> bool {
		use frame_support::traits::{
			fungibles::Inspect,
			tokens::{DepositConsequence, Provenance},
		};
		let asset = settlement.asset.clone();
		let can = T::Assets::can_deposit(asset, &settlement.payee, owed, Provenance::Extant);
		matches!(can, DepositConsequence::BelowMinimum)
	}

	/// Returns `amount` (less than the held amount) of the hold to the buyer, credit drawn for
	/// it repaid first, and lowers what the store is owed by `owed_falls_by`: the order amount,
	/// and an agreed deduction, never below zero. A proposal is dropped: it was made on other
	/// amounts. The caller stores the settlement.
	fn refund_part(
		id: SettlementId,
		settlement: &mut SettlementOf<T>,
		amount: BalanceOf<T>,
		owed_falls_by: BalanceOf<T>,
	) -> Result<Weight, DispatchError> {
		let asset = settlement.asset.clone();
		T::Assets::release(
			asset.clone(),
			&HoldReason::Payment.into(),
			&settlement.buyer,
			amount,
			Precision::Exact,
		)?;
		let funding = T::Funding::on_release(id, &settlement.buyer, &asset, amount);
		settlement.amount = settlement.amount.saturating_sub(amount);
		let falls_by = owed_falls_by.min(amount);
		if let Some(acceptance) = settlement.accepted.as_mut() {
			acceptance.order_amount = acceptance.order_amount.saturating_sub(falls_by);
		}
		settlement.agreed_payout = settlement.agreed_payout.map(|p| p.saturating_sub(falls_by));
		settlement.proposal = None;
		Self::deposit_event(Event::RefundMade {
			id,
			amount,
			held: settlement.amount,
			owed: settlement.minimum_payout(),
		});
		T::Observer::on_after_sales(id, AfterSalesStep::Refunded { amount });
		Ok(funding.saturating_add(T::Observer::weight()))
	}

	/// Grants the request: its amount goes back to the buyer, taken first from what the buyer
	/// held over what the store is owed (which would have come back anyway), so that what the
	/// store is owed falls only by the rest. What stays held goes back on its timer; a settlement with
	/// nothing held or owed closes as refunded. Returns the weight the hooks took.
	fn grant(
		id: SettlementId,
		settlement: SettlementOf<T>,
		request: RefundRequestOf<T>,
		how: RefundGrant,
	) -> Result<Weight, DispatchError> {
		Self::end_request(id, &request);
		// Never more than is held: the request was checked against it and the hold only
		// falls by the request's own grant.
		let amount = request.amount.min(settlement.amount);
		// What the buyer held over what the store is owed (the order amount, or an agreed
		// deduction's payout) would come back anyway: the refund takes it first.
		let over_owed = settlement.amount.saturating_sub(settlement.minimum_payout());
		Self::deposit_event(Event::RefundGranted { id, amount, how });
		let owed_falls_by = amount.saturating_sub(over_owed);
		let (weight, open) = Self::give_back(id, settlement, amount, owed_falls_by)?;
		let Some(mut settlement) = open else { return Ok(weight) };
		let deadline = Self::put_back(id, &mut settlement, &request);
		Settlements::<T>::insert(id, settlement);
		Self::deposit_event(Event::RefundResumed { id, deadline });
		T::Observer::on_after_sales(id, AfterSalesStep::Ended);
		Ok(weight.saturating_add(T::Observer::weight()))
	}

	/// Puts the settlement back where it stood before the request, its clock moved on by the
	/// time the request took (the buyer's deadline if it had shipped, within the pause
	/// allowance, and on the agenda; else the store's ship-by limit, the time drawn from the
	/// allowance before shipping). Returns the deadline.
	fn put_back(
		id: SettlementId,
		settlement: &mut SettlementOf<T>,
		request: &RefundRequestOf<T>,
	) -> Option<BlockNumberFor<T>> {
		let paused = Self::now().saturating_sub(request.requested_at);
		settlement.status = request.resumes_as;
		settlement.deadline = match (request.resumes_as, request.stopped_deadline) {
			(SettlementStatus::Shipped, Some(stopped)) => {
				Some(Self::restart_clock(id, settlement, stopped, request.requested_at, false))
			}
			_ => {
				Self::restart_ship_by(settlement, paused, true);
				None
			}
		};
		settlement.deadline
	}

	/// The step of a refund request is over (the agenda): a silent store's request is granted,
	/// a return not shipped loses the request, a return not confirmed is refunded. Returns the
	/// weight the hooks took.
	pub(crate) fn refund_lapse(id: SettlementId) -> Weight {
		let Ok((settlement, request)) = Self::requested(id) else {
			return Weight::zero();
		};
		let ended = frame_support::storage::with_storage_layer(|| match request.stage {
			RefundStage::Requested => {
				Self::grant(id, settlement.clone(), request.clone(), RefundGrant::Silence)
			}
			RefundStage::Returned => {
				Self::grant(id, settlement.clone(), request.clone(), RefundGrant::ReturnDeadline)
			}
			RefundStage::AwaitingReturn => Self::lose(id, settlement.clone(), &request),
		});
		match ended {
			Ok(hooks) => hooks,
			Err(error) => {
				Self::owe_again(id, AgendaTask::RefundLapse, error);
				Self::close_hooks_weight().saturating_add(Self::retry_weight())
			}
		}
	}

	/// The buyer did not ship the return in time: the request ends with nothing refunded,
	/// and the buyer's clock is taken as having run on during it (a request the buyer did not
	/// follow through gains the buyer no time); the store's ship-by clock gets its time back.
	fn lose(
		id: SettlementId,
		mut settlement: SettlementOf<T>,
		request: &RefundRequestOf<T>,
	) -> Result<Weight, DispatchError> {
		Self::end_request(id, request);
		let deadline = match (request.resumes_as, request.stopped_deadline) {
			(SettlementStatus::Shipped, Some(stopped)) => {
				// Due now if it passed during the request: paid at the start of the next block.
				Some(Self::restart_clock(id, &mut settlement, stopped, request.requested_at, true))
			}
			_ => Self::put_back(id, &mut settlement, request),
		};
		Settlements::<T>::insert(id, settlement);
		Self::deposit_event(Event::RefundRequestLost { id, deadline });
		T::Observer::on_after_sales(id, AfterSalesStep::Ended);
		Ok(T::Observer::weight())
	}
}
