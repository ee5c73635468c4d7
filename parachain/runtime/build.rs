//! Builds the parachain runtime's Wasm: what `polkadot-omni-node` runs and
//! `frame-omni-bencher` measures.
fn main() {
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
