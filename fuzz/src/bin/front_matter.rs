fn main() {
    folio_fuzz::warm_up();
    afl::fuzz!(|bytes: &[u8]| {
        folio_fuzz::front_matter(&String::from_utf8_lossy(bytes));
    });
}
