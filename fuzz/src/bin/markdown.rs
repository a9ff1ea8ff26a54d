fn main() {
    folio_fuzz::warm_up();
    afl::fuzz!(|bytes: &[u8]| {
        folio_fuzz::markdown(&String::from_utf8_lossy(bytes));
    });
}
