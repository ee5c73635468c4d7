//! Disputes: either side stops the clock; the sides agree a split, or the arbiter rules, or
//! the dispute lapses after the dispute period. The calls are in `lib.rs`; their logic is here.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// The open, disputed settlement `id` and its dispute.
	fn disputed(id: SettlementId) -> Result<(SettlementOf<T>, DisputeOf<T>), DispatchError> {
		let settlement = Self::open_settlement_of(id)?;
		ensure!(settlement.status == SettlementStatus::Disputed, Error::<T>::NotDisputed);
		let dispute = Disputes::<T>::get(id).ok_or(Error::<T>::NotDisputed)?;
		Ok((settlement, dispute))
	}

	pub(crate) fn do_open_dispute(
		who: T::AccountId,
		id: SettlementId,
		reason: [u8; 32],
	) -> DispatchResult {
		let mut settlement = Self::open_settlement_of(id)?;
		let by = Self::party_of(&settlement, &who)?;
		let resumes_as = match settlement.status {
			SettlementStatus::Accepted | SettlementStatus::Shipped => settlement.status,
			SettlementStatus::Disputed => return Err(Error::<T>::AlreadyDisputed.into()),
			_ => return Err(Error::<T>::NotAccepted.into()),
		};
		let deposit = T::DisputeDeposit::get();
		Self::ensure_can_cover(&who, deposit)?;
		T::Currency::hold(&HoldReason::DisputeDeposit.into(), &who, deposit)?;

		// The timer stops: the settlement leaves the agenda until the dispute ends.
		if let Some(deadline) = settlement.deadline.take() {
			Agenda::<T>::remove(AgendaKey::new(deadline, AgendaTask::AutoSettle, id));
		}
		let now = Self::now();
		let arbiter_due = now.saturating_add(T::DisputePeriod::get());
		Agenda::<T>::insert(AgendaKey::new(arbiter_due, AgendaTask::DisputeLapse, id), ());
		settlement.status = SettlementStatus::Disputed;
		Settlements::<T>::insert(id, settlement);
		Disputes::<T>::insert(
			id,
			Dispute {
				opened_by: by,
				reason,
				deposit,
				opened_at: now,
				arbiter_due,
				resumes_as,
				proposal: None,
				evidence: Default::default(),
			},
		);
		Self::deposit_event(Event::DisputeOpened { id, by, reason, deposit, arbiter_due });
		T::Observer::on_dispute(id, true);
		Ok(())
	}

	pub(crate) fn do_add_evidence(
		who: T::AccountId,
		id: SettlementId,
		evidence: [u8; 32],
	) -> DispatchResult {
		let (settlement, mut dispute) = Self::disputed(id)?;
		let by = Self::party_of(&settlement, &who)?;
		dispute.evidence.try_push((by, evidence)).map_err(|_| Error::<T>::TooMuchEvidence)?;
		Disputes::<T>::insert(id, dispute);
		Self::deposit_event(Event::EvidenceAdded { id, by, evidence });
		Ok(())
	}

	pub(crate) fn do_propose_split(
		who: T::AccountId,
		id: SettlementId,
		payout: BalanceOf<T>,
	) -> DispatchResult {
		let (settlement, mut dispute) = Self::disputed(id)?;
		let by = Self::party_of(&settlement, &who)?;
		Self::ensure_valid_split(&settlement, payout)?;
		dispute.proposal = Some((by, payout));
		Disputes::<T>::insert(id, dispute);
		Self::deposit_event(Event::SplitProposed { id, by, payout });
		Ok(())
	}

	pub(crate) fn do_accept_split(who: T::AccountId, id: SettlementId) -> DispatchResult {
		let (settlement, dispute) = Self::disputed(id)?;
		let by = Self::party_of(&settlement, &who)?;
		let (proposer, payout) = dispute.proposal.ok_or(Error::<T>::NoSplitProposed)?;
		ensure!(proposer != by, Error::<T>::OwnProposal);
		// Both sides agreed: the opener gets the deposit back.
		Self::end_with_split(id, settlement, dispute, payout, DisputeEnd::Agreed, true)
	}

	pub(crate) fn do_resolve(
		id: SettlementId,
		ruling: Ruling<BalanceOf<T>, BlockNumberFor<T>>,
	) -> DispatchResult {
		let (settlement, dispute) = Self::disputed(id)?;
		match ruling {
			Ruling::Split { payout } => {
				Self::ensure_valid_split(&settlement, payout)?;
				let against_opener = match dispute.opened_by {
					Party::Buyer => payout >= settlement.order_amount(),
					Party::Payee => payout.is_zero(),
				};
				Self::end_with_split(
					id,
					settlement,
					dispute,
					payout,
					DisputeEnd::Ruled,
					!against_opener,
				)
			}
			Ruling::Resume { blocks } => {
				let blocks = blocks.max(T::MinTimeLimit::get());
				Self::resume(id, settlement, dispute, blocks, DisputeEnd::Ruled)
			}
		}
	}

	/// A dispute the arbiter did not rule on in time: the runtime's [`Config::LapsedDispute`].
	pub(crate) fn lapse(id: SettlementId) -> Weight {
		let Ok((settlement, dispute)) = Self::disputed(id) else {
			return Weight::zero();
		};
		let ended = frame_support::storage::with_storage_layer(|| match T::LapsedDispute::get() {
			LapseOutcome::Resume => {
				let blocks = settlement.time_limit;
				Self::resume(id, settlement.clone(), dispute.clone(), blocks, DisputeEnd::Lapsed)
			}
			LapseOutcome::Refund => Self::end_with_split(
				id,
				settlement.clone(),
				dispute.clone(),
				Zero::zero(),
				DisputeEnd::Lapsed,
				true,
			),
		});
		if let Err(error) = ended {
			Self::deposit_event(Event::AutoSettlementFailed { id, error });
		}
		// Charged at its most: a lapse is rare, and either outcome may run the close hooks.
		Self::close_hooks_weight()
	}

	fn ensure_valid_split(settlement: &SettlementOf<T>, payout: BalanceOf<T>) -> DispatchResult {
		ensure!(payout <= settlement.amount, Error::<T>::SplitAboveAmount);
		if !payout.is_zero() {
			Self::ensure_can_receive(&settlement.payee, payout)?;
		}
		Ok(())
	}

	/// Ends the dispute record: takes its lapse off the agenda, removes it, and returns the
	/// deposit to the opener or gives it to the other side.
	fn close_dispute(
		id: SettlementId,
		settlement: &SettlementOf<T>,
		dispute: &DisputeOf<T>,
		to_opener: bool,
	) -> DispatchResult {
		let (opener, other) = match dispute.opened_by {
			Party::Buyer => (&settlement.buyer, &settlement.payee),
			Party::Payee => (&settlement.payee, &settlement.buyer),
		};
		Agenda::<T>::remove(AgendaKey::new(dispute.arbiter_due, AgendaTask::DisputeLapse, id));
		Disputes::<T>::remove(id);
		let reason = HoldReason::DisputeDeposit.into();
		if to_opener {
			T::Currency::release(&reason, opener, dispute.deposit, Precision::Exact)?;
		} else {
			T::Currency::transfer_on_hold(
				&reason,
				opener,
				other,
				dispute.deposit,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)?;
		}
		Ok(())
	}

	/// Ends the dispute by paying `payout` to the payee (the rest back to the buyer), or by a
	/// full refund when `payout` is zero.
	fn end_with_split(
		id: SettlementId,
		mut settlement: SettlementOf<T>,
		dispute: DisputeOf<T>,
		payout: BalanceOf<T>,
		end: DisputeEnd,
		deposit_to_opener: bool,
	) -> DispatchResult {
		Self::close_dispute(id, &settlement, &dispute, deposit_to_opener)?;
		Self::deposit_event(Event::DisputeEnded {
			id,
			end,
			payout: Some(payout),
			deposit_to_opener,
		});
		if payout.is_zero() {
			return Self::release(id, settlement, SettlementStatus::Refunded).map(|_| ());
		}
		// The split is what the payee is owed now; the store side completes its order on it.
		settlement.deduction =
			Some(Deduction { payout, proposed_by: dispute.opened_by, agreed: true });
		let trigger = match end {
			DisputeEnd::Agreed => PayoutTrigger::Agreed,
			_ => PayoutTrigger::Arbiter,
		};
		Self::pay_out(id, settlement, payout, trigger).map(|_| ())
	}

	/// Ends the dispute by sending the settlement back to where it stood, with a new deadline
	/// `blocks` from now if it had shipped.
	fn resume(
		id: SettlementId,
		mut settlement: SettlementOf<T>,
		dispute: DisputeOf<T>,
		blocks: BlockNumberFor<T>,
		end: DisputeEnd,
	) -> DispatchResult {
		Self::close_dispute(id, &settlement, &dispute, true)?;
		settlement.status = dispute.resumes_as;
		let now = Self::now();
		let deadline = if dispute.resumes_as == SettlementStatus::Shipped {
			let deadline = now.saturating_add(blocks);
			Agenda::<T>::insert(AgendaKey::new(deadline, AgendaTask::AutoSettle, id), ());
			Some(deadline)
		} else {
			// Not shipped yet: the ship-by limit starts again.
			if let Some(acceptance) = settlement.accepted.as_mut() {
				acceptance.at = now;
			}
			None
		};
		settlement.deadline = deadline;
		Settlements::<T>::insert(id, settlement);
		Self::deposit_event(Event::DisputeEnded { id, end, payout: None, deposit_to_opener: true });
		Self::deposit_event(Event::DisputeResumed { id, deadline });
		T::Observer::on_dispute(id, false);
		Ok(())
	}
}
