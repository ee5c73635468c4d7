//! The pallet's own logic behind the calls in `lib.rs`: reading and checking settlements, the
//! time-limit rule, holding, paying out and releasing funds, the list queries, the invariants
//! (`do_try_state`), and the traits the pallet implements for the rest of the runtime
//! ([`SettlementProvider`] for the store side). The agenda is in `agenda.rs`, disputes in
//! `disputes.rs`.

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

impl<T: Config> Pallet<T> {
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

	pub(crate) fn party_of(
		settlement: &SettlementOf<T>,
		who: &T::AccountId,
	) -> Result<Party, DispatchError> {
		if *who == settlement.buyer {
			Ok(Party::Buyer)
		} else if Self::acts_for_store(settlement, who) {
			Ok(Party::Payee)
		} else {
			Err(Error::<T>::NotParty.into())
		}
	}

	/// Whether `who` may act for the settlement's store: the store's owner or its current
	/// payout account, as the store directory knows them now. A payout account the store
	/// replaced acts for it no more, although the settlement still pays it: payouts go where
	/// the accepted settlement says.
	pub(crate) fn acts_for_store(settlement: &SettlementOf<T>, who: &T::AccountId) -> bool {
		T::Stores::acts_for(settlement.store, who)
	}

	/// Records who made the proposal of `kind` on settlement `id`: the account, when `by` is the
	/// store's side (so that it stands only while that account acts for the store); a buyer's
	/// proposal replaces the store's, and nothing is kept for it.
	pub(crate) fn note_proposer(
		id: SettlementId,
		kind: ProposalKind,
		by: Party,
		who: &T::AccountId,
	) {
		match by {
			Party::Payee => StoreProposers::<T>::insert((id, kind), who),
			Party::Buyer => StoreProposers::<T>::remove((id, kind)),
		}
	}

	/// Fails with [`Error::ProposalVoid`] if the open proposal of `kind` on `settlement` (number
	/// `id`), made by `by`, came from a store account that acts for the store no more: a payout
	/// account the store replaced. A proposal made before the proposer was recorded stands.
	pub(crate) fn ensure_proposal_stands(
		settlement: &SettlementOf<T>,
		id: SettlementId,
		kind: ProposalKind,
		by: Party,
	) -> DispatchResult {
		if by == Party::Payee {
			if let Some(proposer) = StoreProposers::<T>::get((id, kind)) {
				ensure!(Self::acts_for_store(settlement, &proposer), Error::<T>::ProposalVoid);
			}
		}
		Ok(())
	}

	/// Sends the payout of open settlement `id` to its store's current payout account, for
	/// `who`, who acts for the store.
	pub(crate) fn do_follow_payout_account(who: T::AccountId, id: SettlementId) -> DispatchResult {
		let mut settlement = Self::open_settlement_of(id)?;
		ensure!(Self::acts_for_store(&settlement, &who), Error::<T>::NotPayee);
		let payee = T::Stores::payout_account(settlement.store).ok_or(Error::<T>::PayeeCurrent)?;
		ensure!(payee != settlement.payee, Error::<T>::PayeeCurrent);
		// What the store is owed must land in the new account, as it had to in the old.
		Self::ensure_can_receive(&settlement.asset, &payee, settlement.minimum_payout())?;
		settlement.payee = payee.clone();
		Settlements::<T>::insert(id, settlement);
		// The store side's record of the order follows, so that the payout completes it.
		T::Observer::on_payee_changed(id, &payee);
		Self::deposit_event(Event::PayeeFollowed { id, payee });
		Ok(())
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

	// The call's own arguments, passed on.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn create_settlement(
		buyer: T::AccountId,
		payee: T::AccountId,
		store: StoreId,
		order_no: OrderNoOf<T>,
		asset: AssetIdOf<T>,
		amount: BalanceOf<T>,
		time_limit: BlockNumberFor<T>,
		snapshot: SnapshotHash,
	) -> Result<Weight, DispatchError> {
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
		// Unaccepted, it goes back to the buyer after the acceptance period.
		Agenda::<T>::insert(Self::expiry_key(id, Self::now()), ());
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
				opened_at: Self::now(),
				accepted: None,
				deadline: None,
				extensions: 0,
				agreed_payout: None,
				proposal: None,
				disputes: 0,
				store_disputes: 0,
				status: SettlementStatus::AwaitingAcceptance,
				record: None,
				closed_at: None,
				paused: Zero::zero(),
			},
		);
		Ok(if funded { T::Funding::cover_weight() } else { Weight::zero() })
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

	/// Pays `amount` from the hold to the payee, releases the rest and the deposit, writes
	/// the payment record and closes the settlement. The caller has removed its agenda entry.
	/// Returns the weight the observer and funding hooks took (at most
	/// [`Self::close_hooks_weight`]).
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
		T::Assets::transfer_on_hold(
			asset.clone(),
			&reason,
			&settlement.buyer,
			&settlement.payee,
			amount,
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
		};
		PaymentRecords::<T>::insert(record_id, &record);
		settlement.record = Some(record_id);
		Self::deposit_event(Event::SettlementCompleted {
			id,
			record: record_id,
			buyer: settlement.buyer.clone(),
			payee: settlement.payee.clone(),
			asset,
			paid: amount,
			released: rest,
			trigger,
		});
		Self::close(id, settlement, SettlementStatus::Completed);
		T::Observer::on_paid(id, record_id, &record);
		Ok(T::Observer::weight().saturating_add(funding))
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

	/// At most `limit` (and at most [`MAX_PAGE`](escrow_primitives::api::MAX_PAGE)) open
	/// settlements of `buyer`, after the settlement `cursor` (the last one of the previous
	/// page; `None` for the first page), in the index's order. A cursor stays valid while its
	/// settlement is kept (the retention period).
	pub fn open_settlements_of_buyer(
		buyer: &T::AccountId,
		cursor: Option<SettlementId>,
		limit: u32,
	) -> alloc::vec::Vec<(SettlementId, SettlementOf<T>)> {
		let ids = match cursor {
			None => OpenByOrder::<T>::iter_prefix((buyer,)),
			Some(after) => {
				let Some(s) = Settlements::<T>::get(after) else { return Default::default() };
				let from = OpenByOrder::<T>::hashed_key_for((buyer, s.store, &s.order_no));
				OpenByOrder::<T>::iter_prefix_from((buyer,), from)
			}
		};
		Self::with_settlements(ids.map(|(_, id)| id), limit)
	}

	/// At most `limit` (and at most [`MAX_PAGE`](escrow_primitives::api::MAX_PAGE)) open
	/// settlements for `store`, after the settlement `cursor` (`None` for the first page), in
	/// the index's order. Reads only the store's open settlements.
	pub fn open_settlements_of_store(
		store: StoreId,
		cursor: Option<SettlementId>,
		limit: u32,
	) -> alloc::vec::Vec<(SettlementId, SettlementOf<T>)> {
		let ids = match cursor {
			None => OpenByStore::<T>::iter_key_prefix(store),
			Some(after) => OpenByStore::<T>::iter_key_prefix_from(
				store,
				OpenByStore::<T>::hashed_key_for(store, after),
			),
		};
		Self::with_settlements(ids, limit)
	}

	fn with_settlements(
		ids: impl Iterator<Item = SettlementId>,
		limit: u32,
	) -> alloc::vec::Vec<(SettlementId, SettlementOf<T>)> {
		let limit = limit.min(escrow_primitives::api::MAX_PAGE);
		ids.take(limit as usize)
			.filter_map(|id| Settlements::<T>::get(id).map(|s| (id, s)))
			.collect()
	}

	/// Checks the pallet's invariants:
	/// - each account's hold for payments equals its open settlements' amounts, and its hold
	///   for deposits their deposits;
	/// - every shipped open settlement with a deadline is on the agenda exactly once (at its
	///   deadline, or at the next try of its failed payout), and every auto-settlement on the
	///   agenda is such a settlement; every open dispute and refund request has its lapse, every
	///   settlement awaiting acceptance its expiry: no task owed is missing;
	/// - no clock was paused past its allowance (a shipped one), or past it and one question
	///   (before shipping, where the last question runs its full length);
	/// - no closed settlement is still keyed as open; every open one is;
	/// - every completed settlement names a payment record for it (until pruned together).
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungibles::InspectHold;
		// Keyed by account and asset (encoded: an asset id need not be `Ord`).
		type Key<T> = (<T as frame_system::Config>::AccountId, alloc::vec::Vec<u8>);
		let key = |who: &T::AccountId, asset: &AssetIdOf<T>| (who.clone(), asset.encode());
		let asset_of = |key: &Key<T>| AssetIdOf::<T>::decode(&mut &key.1[..]);
		let mut held: BTreeMap<Key<T>, (BalanceOf<T>, BalanceOf<T>)> = BTreeMap::new();
		let mut due = 0usize;
		let mut disputes: BTreeMap<Key<T>, BalanceOf<T>> = BTreeMap::new();
		let mut expiring = alloc::vec::Vec::new();
		for (id, s) in Settlements::<T>::iter() {
			let keyed = OpenByOrder::<T>::get((&s.buyer, s.store, &s.order_no)) == Some(id);
			ensure!(
				OpenByStore::<T>::contains_key(s.store, id) == s.status.is_open(),
				"the store index differs from the open settlements"
			);
			ensure!(
				s.store_disputes <= s.disputes,
				"the store opened more disputes than there were"
			);
			for side in [Party::Buyer, Party::Payee] {
				ensure!(
					Self::disputes_of(&s, side) <= T::MaxDisputes::get(),
					"a side disputed more than MaxDisputes"
				);
			}
			if s.status.is_open() {
				ensure!(keyed, "an open settlement is not keyed by its store order");
				let entry = held.entry(key(&s.buyer, &s.asset)).or_default();
				entry.0 = entry.0.saturating_add(s.amount);
				entry.1 = entry.1.saturating_add(s.deposit);
			} else {
				ensure!(!keyed, "a closed settlement is still keyed as open");
			}
			let dispute = Disputes::<T>::get(id);
			ensure!(
				dispute.is_some() == (s.status == SettlementStatus::Disputed),
				"a dispute record exists exactly for each disputed settlement"
			);
			if let Some(d) = dispute {
				ensure!(s.deadline.is_none(), "a disputed settlement's timer runs");
				for side in [Party::Buyer, Party::Payee] {
					ensure!(
						d.evidence.iter().filter(|(p, _)| *p == side).count()
							<= T::MaxEvidence::get() as usize,
						"a side attached more than MaxEvidence pieces of evidence"
					);
				}
				ensure!(
					Self::is_scheduled(id, d.arbiter_due, AgendaTask::DisputeLapse),
					"a dispute has no lapse on the agenda"
				);
				let entry = disputes.entry(key(&d.opener, &s.asset)).or_default();
				*entry = entry.saturating_add(d.deposit);
			}
			let request = RefundRequests::<T>::get(id);
			ensure!(
				request.is_some() == (s.status == SettlementStatus::RefundRequested),
				"a refund request exists exactly for each settlement in after-sales"
			);
			if let Some(r) = request {
				ensure!(s.deadline.is_none(), "a settlement's timer runs during a refund request");
				ensure!(r.amount <= s.amount, "a refund request asks for more than is held");
				ensure!(
					Self::is_scheduled(id, r.due, AgendaTask::RefundLapse),
					"a refund request has no lapse on the agenda"
				);
			}
			if let (SettlementStatus::Shipped, Some(deadline)) = (s.status, s.deadline) {
				ensure!(
					Self::is_scheduled(id, deadline, AgendaTask::AutoSettle),
					"a shipped settlement is not on the agenda"
				);
				due = due.saturating_add(1);
			}
			// The time a shipped deadline moved is within the allowance; a question before
			// shipping, or one open now, may have run past it by one question's length.
			let most = match s.status {
				SettlementStatus::Shipped => Self::pause_allowance(),
				_ => Self::pause_allowance().saturating_add(Self::longest_question()),
			};
			ensure!(s.paused <= most, "a clock paused past its allowance");
			ensure!(
				s.status != SettlementStatus::Shipped || s.deadline.is_some(),
				"a shipped settlement has no deadline"
			);
			if s.status == SettlementStatus::AwaitingAcceptance {
				expiring.push(id);
			}
			if let Some(retry) = Retries::<T>::get(id) {
				ensure!(s.status.is_open(), "a closed settlement waits for a retry");
				ensure!(
					Agenda::<T>::contains_key(AgendaKey::new(retry.at, retry.task, id)),
					"a failed task's next try is not on the agenda"
				);
			}
			if s.status == SettlementStatus::Completed {
				let record = s.record.and_then(PaymentRecords::<T>::get);
				ensure!(
					s.record == Some(id) && record.is_some_and(|r| r.settlement == id),
					"a completed settlement has no payment record of its own id"
				);
			}
		}
		let on_agenda =
			Agenda::<T>::iter_keys().filter(|k| k.task == AgendaTask::AutoSettle).count();
		let lapses =
			Agenda::<T>::iter_keys().filter(|k| k.task == AgendaTask::DisputeLapse).count();
		ensure!(lapses == Disputes::<T>::iter_keys().count(), "a lapse without its dispute");
		let refund_lapses =
			Agenda::<T>::iter_keys().filter(|k| k.task == AgendaTask::RefundLapse).count();
		ensure!(
			refund_lapses == RefundRequests::<T>::iter_keys().count(),
			"a refund lapse without its request"
		);
		for (k, deposit) in &disputes {
			let asset = asset_of(k).map_err(|_| "an asset does not decode")?;
			let reason = HoldReason::DisputeDeposit.into();
			ensure!(
				T::Assets::balance_on_hold(asset, &reason, &k.0) == *deposit,
				"dispute hold differs from the open disputes' deposits"
			);
		}
		ensure!(on_agenda == due, "the agenda holds auto-settlements of no shipped settlement");
		let expiries: alloc::collections::BTreeSet<SettlementId> = Agenda::<T>::iter_keys()
			.filter(|k| k.task == AgendaTask::Expire)
			.map(|k| k.settlement())
			.collect();
		ensure!(
			expiring.iter().all(|id| expiries.contains(id)),
			"a settlement awaiting acceptance has no expiry on the agenda"
		);
		ensure!(
			Retries::<T>::iter_keys().all(Settlements::<T>::contains_key),
			"a retry of no settlement"
		);
		ensure!(
			OpenByStore::<T>::iter_keys()
				.all(|(store, id)| Settlements::<T>::get(id).is_some_and(|s| s.store == store)),
			"the store index names a settlement of another store"
		);
		for (_, id) in OpenByOrder::<T>::iter() {
			ensure!(
				Settlements::<T>::get(id).is_some_and(|s| s.status.is_open()),
				"a store order is keyed to a settlement that is not open"
			);
		}
		for (k, (payment, deposit)) in &held {
			let asset = asset_of(k).map_err(|_| "an asset does not decode")?;
			ensure!(
				T::Assets::balance_on_hold(asset.clone(), &HoldReason::Payment.into(), &k.0)
					== *payment,
				"payment hold differs from the open settlements' amounts"
			);
			ensure!(
				T::Assets::balance_on_hold(asset, &HoldReason::SettlementDeposit.into(), &k.0)
					== *deposit,
				"deposit hold differs from the open settlements' deposits"
			);
		}
		Ok(())
	}
}

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
		// The store's "yes" is to the terms it read: a re-opening in between fails it.
		ensure!(
			snapshot == settlement.snapshot && time_limit == settlement.time_limit,
			Error::<T>::TermsChanged
		);
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
}

impl<T: Config> Get<u32> for EvidenceBound<T> {
	fn get() -> u32 {
		T::MaxEvidence::get().saturating_mul(2)
	}
}
