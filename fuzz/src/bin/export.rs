fn main() {
    afl::fuzz!(|bytes: &[u8]| {
        folio_fuzz::export(bytes);
    });
}
