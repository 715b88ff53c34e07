//! Julian and Gregorian calendars as proleptic day counts (Julian Day Numbers).
//!
//! Russia used the Julian calendar ("Old Style") until 31 January 1918, which
//! was followed by 14 February 1918 (decree of the Council of People's
//! Commissars). Converting through a day count rather than adding "12 or 13
//! days" keeps month and year rollovers (26 December 1912 OS = 8 January 1913
//! NS) and the Julian-only leap days (29 February 1900 OS) right.

/// Astronomical Julian Day Number of a proleptic Gregorian date.
///
/// The Fliegel–Van Flandern arithmetic: shifting the year to start in March
/// puts the leap day at the end, so month lengths follow the 153/5 pattern.
pub fn gregorian_to_jdn(year: i32, month: u8, day: u8) -> i64 {
    let (y, m) = march_based(year, month);
    i64::from(day) + (153 * m + 2) / 5 + 365 * y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) - 32045
}

/// Julian Day Number of a proleptic Julian date.
pub fn julian_to_jdn(year: i32, month: u8, day: u8) -> i64 {
    let (y, m) = march_based(year, month);
    i64::from(day) + (153 * m + 2) / 5 + 365 * y + y.div_euclid(4) - 32083
}

fn march_based(year: i32, month: u8) -> (i64, i64) {
    let a = (14 - i64::from(month)) / 12;
    (i64::from(year) + 4800 - a, i64::from(month) + 12 * a - 3)
}

/// The proleptic Gregorian date of a Julian Day Number.
pub fn jdn_to_gregorian(jdn: i64) -> (i32, u8, u8) {
    let a = jdn + 32044;
    let b = (4 * a + 3).div_euclid(146097);
    let c = a - (146097 * b).div_euclid(4);
    from_march_based(b * 100, c)
}

/// The proleptic Julian date of a Julian Day Number.
pub fn jdn_to_julian(jdn: i64) -> (i32, u8, u8) {
    from_march_based(0, jdn + 32082)
}

fn from_march_based(centuries: i64, c: i64) -> (i32, u8, u8) {
    let d = (4 * c + 3).div_euclid(1461);
    let e = c - (1461 * d).div_euclid(4);
    let m = (5 * e + 2).div_euclid(153);
    let day = e - (153 * m + 2).div_euclid(5) + 1;
    let month = m + 3 - 12 * (m / 10);
    let year = centuries + d - 4800 + m / 10;
    // Years come from at most four digits, so the narrowing cannot fail in
    // practice; saturate rather than panic if a caller passes a wild JDN.
    let year = i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX });
    (year, month as u8, day as u8)
}

/// Converts an Old Style (Julian) date to New Style (Gregorian).
pub fn julian_to_gregorian(year: i32, month: u8, day: u8) -> (i32, u8, u8) {
    jdn_to_gregorian(julian_to_jdn(year, month, day))
}

/// Converts a New Style (Gregorian) date to Old Style (Julian).
pub fn gregorian_to_julian(year: i32, month: u8, day: u8) -> (i32, u8, u8) {
    jdn_to_julian(gregorian_to_jdn(year, month, day))
}

/// Days the Julian calendar lags behind the Gregorian on a Julian date: 12
/// in the nineteenth century up to 28 February 1900 OS, 13 from 29 February
/// 1900 OS (a day the Gregorian calendar does not have) until 2100.
pub fn julian_offset(year: i32, month: u8, day: u8) -> i64 {
    julian_to_jdn(year, month, day) - gregorian_to_jdn(year, month, day)
}

/// True for leap years in the Gregorian calendar.
pub fn is_leap_gregorian(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month (Gregorian rules; `None` year allows 29 February).
pub fn days_in_month(year: Option<i32>, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap_gregorian(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

/// The Julian Day Number of 14 February 1918 NS, the first day of the
/// Gregorian calendar in Soviet Russia. Dates before it may be Old Style.
pub fn gregorian_switch_jdn() -> i64 {
    gregorian_to_jdn(1918, 2, 14)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_day_numbers() {
        // Reference values: 1 January 2000 (Gregorian) is JDN 2451545.
        assert_eq!(gregorian_to_jdn(2000, 1, 1), 2_451_545);
        // The Gregorian reform: 4 October 1582 Julian was followed by
        // 15 October 1582 Gregorian.
        assert_eq!(julian_to_jdn(1582, 10, 4) + 1, gregorian_to_jdn(1582, 10, 15));
    }

    #[test]
    fn soviet_switch() {
        assert_eq!(julian_to_gregorian(1918, 1, 31), (1918, 2, 13));
        assert_eq!(julian_to_gregorian(1918, 2, 1), (1918, 2, 14));
        assert_eq!(gregorian_to_julian(1918, 2, 14), (1918, 2, 1));
    }

    #[test]
    fn conference_of_1912_crosses_the_year() {
        assert_eq!(julian_to_gregorian(1912, 12, 26), (1913, 1, 8));
        assert_eq!(julian_to_gregorian(1913, 1, 1), (1913, 1, 14));
        assert_eq!(julian_to_gregorian(1917, 10, 25), (1917, 11, 7));
    }

    #[test]
    fn offset_changes_in_1900() {
        assert_eq!(julian_offset(1899, 12, 31), 12);
        assert_eq!(julian_offset(1900, 2, 28), 12);
        assert_eq!(julian_to_gregorian(1900, 2, 28), (1900, 3, 12));
        // 29 February 1900 exists only in the Julian calendar.
        assert_eq!(julian_to_gregorian(1900, 2, 29), (1900, 3, 13));
        assert_eq!(julian_to_gregorian(1900, 3, 1), (1900, 3, 14));
        assert_eq!(julian_offset(1912, 11, 15), 13);
    }

    #[test]
    fn round_trips_over_two_centuries() {
        let start = gregorian_to_jdn(1800, 1, 1);
        for jdn in start..start + 80_000 {
            let (y, m, d) = jdn_to_gregorian(jdn);
            assert_eq!(gregorian_to_jdn(y, m, d), jdn);
            let (y, m, d) = jdn_to_julian(jdn);
            assert_eq!(julian_to_jdn(y, m, d), jdn);
        }
    }

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(Some(1900), 2), 28);
        assert_eq!(days_in_month(Some(1924), 2), 29);
        assert_eq!(days_in_month(None, 2), 29);
        assert_eq!(days_in_month(Some(1923), 13), 0);
    }
}
