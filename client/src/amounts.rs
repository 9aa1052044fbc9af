//! Amounts as people read them: base units with their decimals, no trailing zeros.

/// `amount` base units with `decimals`, no trailing zeros: `units(225, 2)` is `2.25`.
pub fn units(amount: u64, decimals: u8) -> String {
    let scale = 10u64.pow(u32::from(decimals));
    let whole = amount / scale;
    let fraction = amount % scale;
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:0width$}", width = decimals as usize);
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// Lamports as SOL: `sol(1_500_000_000)` is `1.5 SOL`.
pub fn sol(lamports: u64) -> String {
    format!("{} SOL", units(lamports, 9))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_keep_every_digit_and_drop_trailing_zeros() {
        assert_eq!(units(225, 2), "2.25");
        assert_eq!(units(200, 2), "2");
        assert_eq!(units(5, 3), "0.005");
        assert_eq!(sol(99_993_217_920), "99.99321792 SOL");
        assert_eq!(sol(u64::MAX), "18446744073.709551615 SOL");
    }
}
