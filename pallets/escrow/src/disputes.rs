//! Disputes: either side stops the clock; the sides agree a split, or the arbiter rules, or
//! the dispute lapses after the dispute period. The calls are in `lib.rs`; their logic is here.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
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
		Self::open_dispute_as(who, id, reason, false)
	}

	/// Opens a dispute on `id` by `who`. A `forced` one is the store's refusal of goods the
	/// buyer shipped back: the arbiter must decide it, so it opens whatever `MaxDisputes`, the
	/// pause allowance and the deadline say, and holds the store's deposit only if it has one.
	pub(crate) fn open_dispute_as(
		who: T::AccountId,
		id: SettlementId,
		reason: [u8; 32],
		forced: bool,
	) -> DispatchResult {
		let mut settlement = Self::open_settlement_of(id)?;
		let by = Self::party_of(&settlement, &who)?;
		let resumes_as = match settlement.status {
			SettlementStatus::Accepted | SettlementStatus::Shipped => settlement.status,
			SettlementStatus::Disputed => return Err(Error::<T>::AlreadyDisputed.into()),
			// The store refuses a request into a dispute (`refuse_refund`); the buyer waits for
			// its answer.
			SettlementStatus::RefundRequested => return Err(Error::<T>::RefundRequestOpen.into()),
			_ => return Err(Error::<T>::NotAccepted.into()),
		};
		let now = Self::now();
		if !forced {
			ensure!(
				Self::disputes_of(&settlement, by) < T::MaxDisputes::get(),
				Error::<T>::TooManyDisputes
			);
			Self::ensure_pause_left(&settlement)?;
			if let Some(deadline) = settlement.deadline {
				// A due payout is the chain's to make, even while a backlog drains.
				ensure!(now < deadline, Error::<T>::DeadlinePassed);
			}
		}
		let asset = settlement.asset.clone();
		let full = Self::deposit_in(&asset, T::DisputeDeposit::get())?;
		let deposit = match Self::ensure_can_cover(&who, &asset, full) {
			Ok(()) => full,
			Err(_) if forced => Zero::zero(),
			Err(error) => return Err(error),
		};
		T::Assets::hold(asset, &HoldReason::DisputeDeposit.into(), &who, deposit)?;

		// The timer stops: the settlement leaves the agenda until the dispute ends.
		let stopped_deadline = settlement.deadline.take();
		if let Some(deadline) = stopped_deadline {
			Agenda::<T>::remove(AgendaKey::new(deadline, AgendaTask::AutoSettle, id));
		}
		let arbiter_due = now.saturating_add(T::DisputePeriod::get());
		Agenda::<T>::insert(AgendaKey::new(arbiter_due, AgendaTask::DisputeLapse, id), ());
		settlement.status = SettlementStatus::Disputed;
		// A forced dispute past `MaxDisputes` is not counted: the bound stays what it says.
		if Self::disputes_of(&settlement, by) < T::MaxDisputes::get() {
			settlement.disputes = settlement.disputes.saturating_add(1);
			if by == Party::Payee {
				settlement.store_disputes = settlement.store_disputes.saturating_add(1);
			}
		}
		Settlements::<T>::insert(id, settlement);
		Disputes::<T>::insert(
			id,
			Dispute {
				opened_by: by,
				opener: who,
				reason,
				deposit,
				opened_at: now,
				arbiter_due,
				resumes_as,
				stopped_deadline,
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
		// Each side has its own slots: one side cannot fill the other's.
		let own = dispute.evidence.iter().filter(|(side, _)| *side == by).count();
		ensure!(own < T::MaxEvidence::get() as usize, Error::<T>::TooMuchEvidence);
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
		dispute.proposal = Some(Proposal { payout, by });
		Disputes::<T>::insert(id, dispute);
		Self::note_proposer(id, ProposalKind::Split, by, &who);
		Self::deposit_event(Event::SplitProposed { id, by, payout });
		Ok(())
	}

	pub(crate) fn do_accept_split(
		who: T::AccountId,
		id: SettlementId,
		payout: BalanceOf<T>,
	) -> DispatchResult {
		let (settlement, dispute) = Self::disputed(id)?;
		let by = Self::party_of(&settlement, &who)?;
		let proposal = dispute.proposal.ok_or(Error::<T>::NoSplitProposed)?;
		ensure!(proposal.by != by, Error::<T>::OwnProposal);
		ensure!(proposal.payout == payout, Error::<T>::ProposalChanged);
		Self::ensure_proposal_stands(&settlement, id, ProposalKind::Split, proposal.by)?;
		// Both sides agreed: the opener gets the deposit back.
		Self::end_with_split(id, settlement, dispute, payout, DisputeEnd::Agreed, true)
	}

	pub(crate) fn do_resolve(id: SettlementId, ruling: Ruling<BalanceOf<T>>) -> DispatchResult {
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
			Ruling::Resume => Self::resume(id, settlement, dispute, DisputeEnd::Ruled),
		}
	}

	/// How many disputes `side` opened on `settlement`.
	pub fn disputes_of(settlement: &SettlementOf<T>, side: Party) -> u32 {
		match side {
			Party::Buyer => settlement.disputes.saturating_sub(settlement.store_disputes),
			Party::Payee => settlement.store_disputes,
		}
	}

	/// A dispute the arbiter did not rule on in time: the runtime's [`Config::LapsedDispute`].
	pub(crate) fn lapse(id: SettlementId) -> Weight {
		let Ok((settlement, dispute)) = Self::disputed(id) else {
			return Weight::zero();
		};
		let ended = frame_support::storage::with_storage_layer(|| match T::LapsedDispute::get() {
			LapseOutcome::Resume => {
				Self::resume(id, settlement.clone(), dispute.clone(), DisputeEnd::Lapsed)
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
			Self::owe_again(id, AgendaTask::DisputeLapse, error);
		}
		// Charged at its most: a lapse is rare, and either outcome may run the close hooks.
		Self::close_hooks_weight().saturating_add(Self::retry_weight())
	}

	fn ensure_valid_split(settlement: &SettlementOf<T>, payout: BalanceOf<T>) -> DispatchResult {
		ensure!(payout <= settlement.amount, Error::<T>::SplitAboveAmount);
		if !payout.is_zero() {
			Self::ensure_can_receive(&settlement.asset, &settlement.payee, payout)?;
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
		let opener = &dispute.opener;
		let other = match dispute.opened_by {
			Party::Buyer => &settlement.payee,
			Party::Payee => &settlement.buyer,
		};
		Agenda::<T>::remove(AgendaKey::new(dispute.arbiter_due, AgendaTask::DisputeLapse, id));
		Self::drop_retry(id);
		Disputes::<T>::remove(id);
		let reason = HoldReason::DisputeDeposit.into();
		let asset = settlement.asset.clone();
		if to_opener {
			T::Assets::release(asset, &reason, opener, dispute.deposit, Precision::Exact)?;
		} else {
			T::Assets::transfer_on_hold(
				asset,
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

	/// Ends the dispute because the store refunds the buyer in full: the deposit goes back to
	/// the opener. The caller releases the hold.
	pub(crate) fn end_dispute_by_refund(
		id: SettlementId,
		settlement: &SettlementOf<T>,
	) -> DispatchResult {
		let dispute = Disputes::<T>::get(id).ok_or(Error::<T>::NotDisputed)?;
		Self::close_dispute(id, settlement, &dispute, true)?;
		Self::deposit_event(Event::DisputeEnded {
			id,
			end: DisputeEnd::Refunded,
			payout: Some(Zero::zero()),
			deposit_to_opener: true,
		});
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
		settlement.agreed_payout = Some(payout);
		let trigger = match end {
			DisputeEnd::Agreed => PayoutTrigger::Agreed,
			_ => PayoutTrigger::Arbiter,
		};
		Self::pay_out(id, settlement, payout, trigger).map(|_| ())
	}

	/// Ends the dispute by sending the settlement back to where it stood. The clock it stopped
	/// (the buyer's deadline if it had shipped, else the store's ship-by limit) gets back the
	/// time that remained, except after a lapse, when the clock that runs against the opener
	/// is taken as having run on: a dispute nobody ruled on gains its opener no time.
	fn resume(
		id: SettlementId,
		mut settlement: SettlementOf<T>,
		dispute: DisputeOf<T>,
		end: DisputeEnd,
	) -> DispatchResult {
		Self::close_dispute(id, &settlement, &dispute, true)?;
		settlement.status = dispute.resumes_as;
		let paused = Self::now().saturating_sub(dispute.opened_at);
		let shipped = dispute.resumes_as == SettlementStatus::Shipped;
		// The buyer's clock runs once shipped; before that, the store's.
		let against_opener = match dispute.opened_by {
			Party::Buyer => shipped,
			Party::Payee => !shipped,
		};
		let ran_on = end == DisputeEnd::Lapsed && against_opener;
		let deadline = if shipped {
			let stopped = dispute
				.stopped_deadline
				.unwrap_or_else(|| dispute.opened_at.saturating_add(settlement.time_limit));
			Some(Self::restart_clock(id, &mut settlement, stopped, dispute.opened_at, ran_on))
		} else {
			Self::restart_ship_by(&mut settlement, paused, !ran_on);
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
