//! Signed payment requests: a store says yes to an order's terms in advance, off chain, and
//! the buyer's payment opens the settlement already accepted. The call is in `lib.rs`; its
//! logic is here.

use crate::{orders::PaidOrder, *};
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{Saturating, Verify};

/// What browser wallets (the polkadot.js extension, Talisman, SubWallet) put around the bytes
/// they are asked to sign, so that a signed message can never be a transaction.
const WRAP_OPEN: &[u8] = b"<Bytes>";
const WRAP_CLOSE: &[u8] = b"</Bytes>";

impl<T: Config> Pallet<T> {
	pub(crate) fn do_pay_signed_request(
		buyer: T::AccountId,
		request: PaymentRequestOf<T>,
		signer: T::AccountId,
		signature: T::OffchainSignature,
	) -> DispatchResultWithPostInfo {
		let mut info = Stores::<T>::get(request.store).ok_or(Error::<T>::UnknownStore)?;
		ensure!(info.owner == signer || info.payout == signer, Error::<T>::NotStoreSigner);
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		ensure!(request.genesis == genesis, Error::<T>::WrongChain);
		let now = T::Escrow::now();
		ensure!(now <= request.valid_until, Error::<T>::RequestExpired);
		ensure!(
			request.valid_until <= now.saturating_add(T::MaxRequestValidity::get()),
			Error::<T>::RequestValidTooLong
		);
		if let Some(payer) = &request.payer {
			ensure!(*payer == buyer, Error::<T>::NotRequestPayer);
		}
		Self::ensure_signed_by(&request.signing_payload(), &signature, &signer)?;
		ensure!(!request.amount.is_zero(), Error::<T>::ZeroAmount);
		Self::ensure_time_limit(Some(request.time_limit))?;
		// A request pays its order number once: whatever became of the order since (cancelled,
		// refunded), the number stays used until the order is pruned, after the request expired.
		let PaymentRequest { store, order_no, asset, amount, snapshot, time_limit, .. } = request;
		ensure!(!Orders::<T>::contains_key(store, &order_no), Error::<T>::OrderExists);

		let payee = info.payout.clone();
		let (settlement, funding) = T::Escrow::open_accepted(
			&buyer,
			store,
			&order_no,
			asset.clone(),
			amount,
			payee.clone(),
			time_limit,
			snapshot,
		)?;
		let paid =
			PaidOrder { settlement, buyer: buyer.clone(), payee, asset, order_amount: amount };
		Self::record_paid_order(store, &mut info, order_no.clone(), paid, None);
		Self::deposit_event(Event::PaymentRequestPaid {
			store,
			order_no,
			settlement,
			buyer,
			signer,
		});
		Ok(Some(T::WeightInfo::pay_signed_request().saturating_add(funding)).into())
	}

	/// Fails unless `signature` is `signer`'s over `payload`, signed as it is or wrapped in
	/// `<Bytes>`…`</Bytes>` as browser wallets sign messages.
	pub(crate) fn ensure_signed_by(
		payload: &[u8],
		signature: &T::OffchainSignature,
		signer: &T::AccountId,
	) -> DispatchResult {
		if signature.verify(payload, signer) {
			return Ok(());
		}
		let wrapped = [WRAP_OPEN, payload, WRAP_CLOSE].concat();
		ensure!(signature.verify(&wrapped[..], signer), Error::<T>::BadSignature);
		Ok(())
	}
}
